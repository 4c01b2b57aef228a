// #[cgo] keeps an async method of an #[r2g] trait on its per-call export: it excludes #[mem]
// and #[go_inline] (on sync methods and #[g2r] traits, rust2go 0.4's places for it, it is
// accepted and changes nothing: pass_cfg_and_04_attrs.rs).
#[rust2go::r2g]
pub trait Calls {
    #[cgo]
    #[mem]
    async fn with_mem(n: u32) -> u32;
    #[cgo]
    #[go_inline]
    async fn with_inline(n: u32) -> u32;
    #[cgo]
    async fn fine(n: u32) -> u32;
}

fn main() {}

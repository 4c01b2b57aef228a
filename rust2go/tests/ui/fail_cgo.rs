// #[cgo] keeps an async method of an #[r2g] trait on its per-call export: it excludes #[mem]
// and #[go_inline], and means nothing on sync methods and on #[g2r] traits.
#[rust2go::r2g]
pub trait Calls {
    #[cgo]
    #[mem]
    async fn with_mem(n: u32) -> u32;
    #[cgo]
    fn not_async(n: u32) -> u32;
    #[cgo]
    #[go_inline]
    async fn with_inline(n: u32) -> u32;
    #[cgo]
    async fn fine(n: u32) -> u32;
}

#[rust2go::g2r]
pub trait Callbacks {
    #[cgo]
    async fn hook(n: u32);
}

fn main() {}

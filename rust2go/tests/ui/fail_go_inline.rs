// #[go_inline] applies to async methods of #[r2g] traits, and excludes #[mem] and #[go_context].
#[rust2go::r2g]
pub trait Calls {
    #[go_inline]
    fn not_async(n: u32) -> u32;
    #[go_inline]
    #[mem]
    async fn with_mem(n: u32) -> u32;
    #[go_inline]
    #[go_context]
    async fn with_context(n: u32) -> u32;
}

#[rust2go::g2r]
pub trait Callbacks {
    #[go_inline]
    async fn hook(n: u32);
}

fn main() {}

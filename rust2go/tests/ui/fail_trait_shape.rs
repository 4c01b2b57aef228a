// Trait shapes the IDL does not support, and method shapes beside those of
// fail_method_shape.rs: every one reported in one pass, each at its token.
#[rust2go::r2g]
pub trait Generic<T> {
    fn f(x: u32);
}

#[rust2go::r2g]
pub trait WithSuper: Send {
    fn f(x: u32);
}

#[rust2go::r2g]
pub unsafe trait Unsafe {
    fn f(x: u32);
}

#[rust2go::r2g]
pub trait Where
where
    Self: Sized,
{
    fn f(x: u32);
}

#[rust2go::r2g]
#[rust2go::g2r]
pub trait Both {
    fn f(x: u32);
}

#[derive(rust2go::R2G)]
pub struct Bounded
where
    u32: Copy,
{
    pub x: u32,
}

#[rust2go::r2g]
pub trait Items {
    const LIMIT: u32;
    type Out;
    const fn constant(x: u32) -> u32;
    fn no_output() -> impl std::future::Future;
    fn unit_param(x: ()) -> u32;
    fn array_len(x: [u8; 4 * 4]) -> u32;
    extern "C" fn abi(x: u32);
    fn bounded(x: u32)
    where
        u32: Copy;
    fn mutable(mut x: u32);
    fn variadic(x: u32, rest: ...);
}

#[rust2go::r2g]
pub trait Context {
    #[go_context]
    #[mem]
    async fn both();
    #[go_context]
    async fn named_ctx(ctx: u32, n: u32);
}

fn main() {}

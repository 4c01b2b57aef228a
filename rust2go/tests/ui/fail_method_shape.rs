// Method shapes the IDL does not support.
#[rust2go::r2g]
pub trait Calls {
    fn generic<T>(x: u32) -> u32;
    fn with_body(x: u32) -> u32 {
        x
    }
    fn mutable(v: &mut Vec<u8>);
    unsafe fn raw(x: u32);
    fn pattern((a, b): (u32, u32));
    fn other_trait() -> impl Iterator<Item = u32>;
    async fn both() -> impl std::future::Future<Output = u32>;
}

fn main() {}

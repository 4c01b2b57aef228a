// #[drop_safe] / #[drop_safe_ret] take every parameter by value, and apply to async methods.
#[rust2go::r2g]
pub trait Calls {
    #[drop_safe]
    async fn borrowed(name: &String, n: u32) -> u32;
    #[drop_safe_ret]
    fn borrowed_ret(data: &Vec<u8>) -> impl std::future::Future<Output = u32>;
    #[drop_safe]
    fn not_async(n: u32) -> u32;
}

#[rust2go::g2r]
pub trait Callbacks {
    #[drop_safe]
    async fn hook(n: u32);
}

fn main() {}

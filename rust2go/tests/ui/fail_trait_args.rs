// Bad trait arguments are reported together with the errors of the trait itself (one pass),
// each at its token.
#[rust2go::r2g(binding = "my_mod", queue_size = 0, fast = true)]
pub trait Calls {
    fn f(x: u128);
}

#[rust2go::g2r(object = Account<u8>)]
pub trait Accounts {
    fn new(n: u64) -> Self;
    fn get(&self) -> u64;
}

#[rust2go::g2r(object = 5)]
pub trait Numbers {
    fn new() -> Self;
}

#[rust2go::g2r]
pub trait Back {
    #[mem]
    async fn ring();
    fn future() -> impl std::future::Future<Output = u32>;
}

pub struct Account;

fn main() {}

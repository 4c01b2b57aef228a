// Object traits take `&self` only (#[r2g] and #[g2r] alike).
#[rust2go::r2g]
pub trait Calls {
    fn new() -> Self;
    fn by_ref(&self, n: u32) -> u32;
    fn by_value(self);
    fn by_mut(&mut self);
}

pub struct Account;

#[rust2go::g2r(object = Account)]
pub trait Callbacks {
    fn new() -> Self;
    fn hook(&mut self);
    fn take(self);
}

fn main() {}

// Object traits take `&self` only; #[g2r] methods take no receiver.
#[rust2go::r2g]
pub trait Calls {
    fn new() -> Self;
    fn by_ref(&self, n: u32) -> u32;
    fn by_value(self);
    fn by_mut(&mut self);
}

#[rust2go::g2r]
pub trait Callbacks {
    fn hook(&self);
}

fn main() {}

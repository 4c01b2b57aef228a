// Methods are called as `<Trait>Impl::method(..)`: no receiver.
#[rust2go::r2g]
pub trait Calls {
    fn by_ref(&self, n: u32) -> u32;
    fn by_value(self);
    fn by_mut(&mut self);
}

#[rust2go::g2r]
pub trait Callbacks {
    fn hook(&self);
}

fn main() {}

// An unknown attribute on a trait, a method attribute on a trait, and an unknown argument
// of #[r2g].
#[rust2go::r2g]
#[frobnicate]
pub trait Calls {
    fn ping(n: u32) -> u32;
}

#[rust2go::g2r]
#[go_pass_struct]
pub trait Callbacks {
    fn ping(n: u32) -> u32;
}

#[rust2go::r2g(bindings = glue)]
pub trait Other {
    fn ping(n: u32) -> u32;
}

fn main() {}

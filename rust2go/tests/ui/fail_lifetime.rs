// A lifetime on a struct, and one on a method parameter.
#[derive(rust2go::R2G)]
pub struct Named<'a> {
    pub name: &'a String,
}

#[rust2go::r2g]
pub trait Calls {
    fn greet<'a>(name: &'a String) -> u32;
}

fn main() {}

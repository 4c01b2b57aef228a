// An item with IDL errors still has its types checked in the same pass: a field or parameter
// type without #[derive(rust2go::R2G)] is reported with them.
pub struct Plain {
    pub id: u32,
}

#[derive(rust2go::R2G)]
pub struct Outer {
    pub wide: u128,
    pub inner: Plain,
}

#[rust2go::r2g]
pub trait Shop {
    #[go_fast]
    fn login(user: &Plain) -> Vec<Plain>;
}

fn main() {}

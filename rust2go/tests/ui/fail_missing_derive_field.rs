// A field type must have #[derive(rust2go::R2G)] too; reported at the field's type.
pub struct Plain {
    pub id: u32,
}

#[derive(rust2go::R2G)]
pub struct Outer {
    pub inner: Plain,
    pub many: Vec<Option<Plain>>,
    pub tree: Option<Box<Outer>>,
}

#[derive(rust2go::R2G)]
pub enum Shape {
    Holder(Plain),
    Empty,
}

fn main() {}

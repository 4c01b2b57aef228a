// Names that are Go keywords cannot name Go types, fields, methods or parameters.
#[derive(rust2go::R2G)]
pub struct Message {
    pub func: u32,
    pub r#go: bool,
}

#[derive(rust2go::R2G)]
#[allow(non_camel_case_types)]
pub struct chan {
    pub id: u32,
}

#[rust2go::r2g]
pub trait Calls {
    fn range(map: u32) -> u32;
}

fn main() {}

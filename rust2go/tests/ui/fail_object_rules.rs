// Rules of object traits beside those of fail_object_trait.rs: #[mem] cannot take objects, an
// object is not an error type, and `r2g` names are the generated code's.
#[rust2go::r2g]
pub trait Counter {
    fn new() -> Self;
    #[mem]
    fn merge(&self, other: &Self);
    fn check(&self) -> Result<u32, Self>;
    fn r2g_peek(&self) -> u32;
    fn add(&self, r2g_n: u32);
}

#[derive(rust2go::R2G)]
#[allow(non_camel_case_types)]
pub struct r2gState {
    pub n: u32,
}

fn main() {}

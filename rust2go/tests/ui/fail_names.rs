// Names the generated Go cannot use, duplicates and limits, each reported at the token.
#[derive(rust2go::R2G)]
#[allow(non_camel_case_types)]
pub struct string {
    pub r#match: u32,
    pub Clone: u32,
}

#[derive(rust2go::R2G)]
pub enum Level {
    Low = 9223372036854775807,
    High,
}

#[derive(rust2go::R2G)]
pub struct Sizes {
    pub huge: [u8; 18446744073709551615],
    pub deep: Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<u8>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>,
}

#[rust2go::r2g]
pub trait fallthrough {
    fn f(x: u32, x: u32);
    fn g();
    fn g();
}

fn main() {}

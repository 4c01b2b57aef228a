// Unsupported result types.
#[rust2go::r2g]
pub trait Calls {
    fn big() -> i128;
    fn borrowed() -> &'static String;
    fn boxed_str() -> Box<str>;
    fn borrowed_err() -> Result<u32, &'static String>;
    fn alias() -> std::io::Result<u32>;
}

fn main() {}

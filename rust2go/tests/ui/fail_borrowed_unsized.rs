// `str` and `[T]` cross only borrowed, as a whole parameter (`&str`, `&[T]`); elsewhere the
// error names the owned type to use.
#[derive(rust2go::R2G)]
pub struct Holder {
    pub text: Box<str>,
    pub items: Box<[u8]>,
}

#[rust2go::r2g]
pub trait Calls {
    fn owned_str(s: str);
    fn owned_slice(b: [u32]);
    fn inside(v: &Vec<&str>);
    fn slice_of_unsupported(v: &[u128]);
    fn mutable(s: &mut str);
    fn result() -> Box<[u8]>;
    #[drop_safe]
    async fn dropped(s: &str, b: &[u8]);
}

fn main() {}

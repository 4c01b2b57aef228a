// Unknown method attributes (a typo, an ordinary Rust attribute that means nothing here),
// and a known one given arguments.
#[rust2go::r2g]
pub trait Calls {
    #[go_pass_structs]
    fn ping(n: u32) -> u32;
    #[inline]
    fn pong(n: u32) -> u32;
    #[go_pass_struct(true)]
    fn pang(n: u32) -> u32;
}

fn main() {}

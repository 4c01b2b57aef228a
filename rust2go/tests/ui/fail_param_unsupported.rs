// Unsupported parameter types of a trait method, reported at the type.
#[rust2go::r2g]
pub trait Calls {
    fn big(n: u128);
    fn shared(r: std::rc::Rc<String>);
    fn nested(v: &Vec<&str>);
}

fn main() {}

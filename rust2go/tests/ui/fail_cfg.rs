// Malformed `#[cfg]` predicates on methods: an error at the predicate, each in one pass
// (`not(..)` with two predicates: fail_04_attrs.rs; on struct fields rustc reports them first).
#[rust2go::r2g]
pub trait Calls {
    #[cfg(a::b)]
    fn path();
    #[cfg(feature = 1)]
    fn number();
    #[cfg(xor(unix))]
    fn operator();
    #[cfg]
    fn bare();
}

fn main() {}

// rust2go 0.4's callback attributes are accepted only where 0.4 took them, and an attribute
// in neither list is still an error that lists the known ones. A malformed `#[cfg]` is an
// error at its predicate.
#[rust2go::r2g]
pub trait Calls {
    #[cgo_call]
    fn a();
    #[cgo_callbacks]
    fn b();
    #[cfg(not(unix, windows))]
    fn c();
}

#[rust2go::g2r]
pub trait Callbacks {
    #[cgo_callback]
    fn d();
}

fn main() {}

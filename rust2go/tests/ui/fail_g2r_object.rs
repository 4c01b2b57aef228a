// Rust objects held by Go (`#[g2r(object = T)]`): the type implements the trait and is
// `Send + Sync + 'static` (Go calls one object from any goroutine and drops it on any thread);
// the trait's rules are those of #[r2g] object traits, and `object = ..` goes with them.
use std::cell::Cell;
use std::rc::Rc;

mod binding {
    pub struct R2gGlue;
    impl rust2go::__private::BindingModule for R2gGlue {}
}

pub struct NotShared {
    n: Rc<Cell<u64>>,
}

impl Account for NotShared {
    fn new(start: u64) -> Self {
        NotShared { n: Rc::new(Cell::new(start)) }
    }
    fn get(&self) -> u64 {
        self.n.get()
    }
}

#[rust2go::g2r(object = NotShared)]
pub trait Account {
    fn new(start: u64) -> Self;
    fn get(&self) -> u64;
}

pub struct Unimplemented;

#[rust2go::g2r(object = Unimplemented)]
pub trait Ledger {
    fn new() -> Self;
    fn total(&self) -> u64;
}

// An object trait without its type, and the type without an object trait.
#[rust2go::g2r]
pub trait Anonymous {
    fn new() -> Self;
    fn get(&self) -> u64;
}

#[rust2go::g2r(object = Unimplemented)]
pub trait Static {
    fn version() -> u32;
}

// `Self` only as a constructor's result; no static methods, no `close`, sync constructors.
#[rust2go::g2r(object = Unimplemented)]
pub trait Rules {
    fn new() -> Self;
    async fn open() -> Self;
    fn merge(&self, other: &Self) -> u64;
    fn fork(&self) -> Self;
    fn version() -> u32;
    fn close(&self);
}

#[rust2go::r2g(object = Unimplemented)]
pub trait GoSide {
    fn new() -> Self;
}

fn main() {}

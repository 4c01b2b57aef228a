pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub name: String,
    pub value: u64,
    pub calls: u64,
}

/// A Go counter object: constructors, per-object state, async methods, objects as parameters.
#[rust2go::r2g]
pub trait Counter {
    fn new(start: u64) -> Self;
    /// `Err` for an empty name; the Go constructor returns a nil object without an error for
    /// the name "nil".
    fn named(name: String, start: u64) -> Result<Self, String>;
    fn merge(a: &Self, b: &Self) -> Self;
    fn add(&self, n: u64) -> u64;
    fn get(&self) -> u64;
    fn label(&self) -> String;
    fn snapshot(&self) -> Snapshot;
    /// A new counter with this one's value.
    fn fork(&self) -> Self;
    fn fail(&self, msg: String) -> Result<u64, String>;
    /// Sleeps, then returns the value (Go panics if the object was closed by then).
    async fn slow_get(&self, delay_ms: u32) -> u64;
    /// Sleeps, then adds `other`'s value (Go panics if either was closed by then).
    async fn slow_add(&self, other: &CounterImpl, delay_ms: u32) -> u64;
    #[go_inline]
    async fn inline_get(&self) -> u64;
}

/// Static calls beside the objects: the Go side's counts, objects across traits.
#[rust2go::r2g]
pub trait Registry {
    /// Objects constructed in Go and not closed yet.
    fn live() -> u64;
    /// close() calls of objects already closed (must stay 0).
    fn double_closes() -> u64;
    fn closed() -> u64;
    fn total(a: &CounterImpl, b: &CounterImpl) -> u64;
    fn make(start: u64) -> CounterImpl;
}

/// An object trait whose constructor Go never assigns.
#[rust2go::r2g]
pub trait Unset {
    fn new() -> Self;
    fn ping(&self) -> u32;
}

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

/// A Rust object that Go holds: implemented by [`crate::RustTally`] (src/lib.rs), used by the
/// Go handlers of [`TallyDriver`].
#[rust2go::g2r(object = crate::RustTally)]
pub trait Tally {
    fn new(start: u64) -> Self;
    /// `Err` for an empty name; panics for the name "panic".
    fn named(name: String, start: u64) -> Result<Self, String>;
    fn add(&self, n: u64) -> u64;
    fn get(&self) -> u64;
    /// The name, after `prefix`.
    fn label(&self, prefix: &String) -> String;
    fn fail(&self, msg: String) -> Result<u64, String>;
    /// Panics with `msg`.
    fn boom(&self, msg: String) -> u64;
    /// Waits `delay_ms` on another thread, then returns the value.
    async fn slow_get(&self, delay_ms: u32) -> u64;
    /// Blocks the calling goroutine's thread for `delay_ms`, then returns the value.
    fn hold(&self, delay_ms: u32) -> u64;
}

/// The Rust side's counts of [`Tally`] objects, for Go to check.
#[rust2go::g2r]
pub trait TallyStats {
    /// Objects whose `Drop` ran.
    fn dropped() -> u64;
    /// `Drop` calls of objects already dropped (must stay 0).
    fn double_drops() -> u64;
    /// `slow_get` and `hold` calls that have started running in Rust.
    fn slow_calls() -> u64;
}

/// Go code holding Rust objects; each returns what Rust checks.
#[rust2go::r2g]
pub trait TallyDriver {
    /// Constructors and per-object state; "" or the first mismatch.
    fn basics() -> String;
    /// `goroutines` goroutines each make `per` objects, add to each and close it; the sum of
    /// the values returned by the adds.
    fn churn(goroutines: u32, per: u32) -> u64;
    /// One object shared by `goroutines` goroutines, each adding 1 `per` times (closing it
    /// concurrently at the end, from every goroutine); its final value.
    fn shared(goroutines: u32, per: u32) -> u64;
    /// The constructor errors: the messages of `named("")`, of `named("panic")` (an error
    /// value) and of the recovered panic of `new(u64::MAX)`.
    fn ctor_errors() -> Vec<String>;
    /// The recovered panics of a method called after `Close`, on a zero `TallyImpl`, and of a
    /// method whose Rust side panics.
    fn misuse() -> Vec<String>;
    /// Closes an object while `slow_get(delay_ms)` (`hold(delay_ms)` when `sync`) on it is
    /// running in Rust: the dropped count before `Close`, right after it, the value the call
    /// returned, and the count after it.
    fn close_during_call(delay_ms: u32, sync: bool) -> Vec<u64>;
    /// `TallyNamed(name, start)`, then `add` of each of `adds`: what the adds returned, `get`,
    /// `label(prefix)` and the message of `fail(msg)`; `(nil, 0, <the error>, "")` if the
    /// constructor failed.
    fn tally_round_trip(name: &String, start: u64, adds: &Vec<u64>, prefix: &String, msg: &String) -> (Vec<u64>, u64, String, String);
    /// Makes `n` objects and lets go of them without `Close`; runs the GC until their
    /// finalizers have dropped them (at most 10 s); how many were dropped.
    fn forget(n: u32) -> u64;
}

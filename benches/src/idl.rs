//! The benchmarked calls.
pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct User {
    pub name: String,
    pub age: u8,
    pub tags: Vec<String>,
}

/// The argument of the spawned-tasks workload (`src/bin/spawned.rs`).
#[derive(rust2go::R2G, Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
}

/// The nested argument of the side-by-side with rust2go 0.4.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Users {
    pub users: Vec<User>,
}

#[rust2go::r2g]
pub trait Bench {
    /// The tiny call, compared with the raw `go_floor_add` export.
    #[go_pass_struct]
    fn add(a: u32, b: u32) -> u32;
    /// Zero-copy arguments: returns `len(name) + len(data) + data[0] + data[len-1]`.
    fn bytes(name: &String, data: &Vec<u8>) -> u32;
    /// Returns the number of strings plus the length of the last one.
    fn strings(items: &Vec<String>) -> u32;
    /// Returns the sum of `age + len(tags)` over the users.
    fn users(users: &Vec<User>) -> u32;
    /// Returns the first `n` entries of a list Go prepared at start-up (about 30 bytes each).
    fn names(n: u32) -> Vec<String>;
    /// Returns its argument (strings in and out; used by the memory check).
    fn echo(items: &Vec<String>) -> Vec<String>;
    #[go_pass_struct]
    async fn add_async(a: u32, b: u32) -> u32;
    /// `add_async` with the handler run on the calling thread (`#[go_inline]`).
    #[go_pass_struct]
    #[go_inline]
    async fn add_async_inline(a: u32, b: u32) -> u32;
    /// The async form of `users`.
    async fn users_async(users: &Vec<User>) -> u32;
    /// The spawned-tasks workload's call (`src/bin/spawned.rs`): returns `p.a + p.b`. The
    /// default transport: the trait's ring.
    #[drop_safe]
    async fn pair_add(p: Pair) -> u32;
    /// `pair_add` on the per-call cgo export and the Go worker pool (`#[cgo]`).
    #[cgo]
    #[drop_safe]
    async fn pair_add_cgo(p: Pair) -> u32;
    /// `pair_add` through the shared-memory queue, forced (`#[mem]`).
    #[drop_safe]
    #[mem]
    async fn pair_add_mem(p: Pair) -> u32;
    /// `pair_add` with the handler run on the calling thread.
    #[drop_safe]
    #[go_inline]
    async fn pair_add_inline(p: Pair) -> u32;
    /// Returns the sum of the name and tag lengths (the side-by-side with 0.4).
    fn users_len(u: &Users) -> u32;
    /// Returns the sum of the string lengths (the side-by-side with 0.4).
    fn strings_len(s: &Vec<String>) -> u32;
    /// Calls `RustBench::add` (or `add` on one `RustBenchObject`) `n` times from Go; returns
    /// the sum of the results. Go -> Rust calls are timed through these loops.
    fn g2r_add_loop(n: u64, on_object: bool) -> u32;
}

/// A Go object behind a handle: `add` on it is compared with the static `Bench::add`.
#[rust2go::r2g]
pub trait BenchObject {
    fn new() -> Self;
    #[go_pass_struct]
    fn add(&self, a: u32, b: u32) -> u32;
}

/// Implemented in Rust (src/lib.rs), called from Go: the static Go -> Rust call.
#[rust2go::g2r]
pub trait RustBench {
    #[go_pass_struct]
    fn add(a: u32, b: u32) -> u32;
}

/// A Rust object held by Go: `add` on it is compared with the static `RustBench::add`.
#[rust2go::g2r(object = crate::BenchAdder)]
pub trait RustBenchObject {
    fn new() -> Self;
    #[go_pass_struct]
    fn add(&self, a: u32, b: u32) -> u32;
}

//! Benchmarks of rust2go calls, measured beside the raw cost of crossing into Go.
//!
//! * `benches/calls.rs`: the criterion benchmarks (`cargo bench -p rust2go-benches`);
//! * `src/bin/rss.rs`: the memory check (RSS after 1e5 and 1e6 mixed calls);
//! * `tests/alloc.rs`: the Rust allocations a `Vec<User>` argument costs.
//!
//! `scripts/bench.sh` runs all three and writes `BENCHMARKS.md`.
pub mod idl;
pub mod workload;

pub use idl::{Bench, BenchImpl, BenchObject, BenchObjectImpl, Pair, User, Users};
use idl::{RustBench, RustBenchImpl, RustBenchObject};

impl RustBench for RustBenchImpl {
    fn add(a: u32, b: u32) -> u32 {
        a.wrapping_add(b)
    }
}

/// The Rust object Go holds in the `g2r_object_add` benchmark.
pub struct BenchAdder;

impl RustBenchObject for BenchAdder {
    fn new() -> Self {
        BenchAdder
    }

    fn add(&self, a: u32, b: u32) -> u32 {
        a.wrapping_add(b)
    }
}

extern "C" {
    /// `//export go_floor_add` in go/floor.go: the raw Rust -> Go crossing.
    pub fn go_floor_add(a: u32, b: u32) -> u32;
    /// go/floor.c: a plain Rust -> C call, for reference.
    pub fn c_floor_add(a: u32, b: u32) -> u32;
}

/// The raw Rust -> Go floor.
#[inline]
pub fn go_floor(a: u32, b: u32) -> u32 {
    // SAFETY: go_floor_add takes and returns plain integers.
    unsafe { go_floor_add(a, b) }
}

/// A plain Rust -> C call.
#[inline]
pub fn c_floor(a: u32, b: u32) -> u32 {
    // SAFETY: c_floor_add takes and returns plain integers.
    unsafe { c_floor_add(a, b) }
}

/// A 16-byte name.
pub fn name16() -> String {
    "bench-name-16-b!".to_string()
}

/// `len` bytes of a payload.
pub fn payload(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 + 7) as u8).collect()
}

/// `n` strings of 32 bytes each.
pub fn strings(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("string-{i:05}-0123456789abcdefghi")).collect()
}

/// `n` users, each with a name and 3 tags.
pub fn users(n: usize) -> Vec<User> {
    (0..n)
        .map(|i| User {
            name: format!("user-{i:04}"),
            age: (i % 90) as u8,
            tags: vec![format!("tag-a-{i}"), format!("tag-b-{i}"), format!("tag-c-{i}")],
        })
        .collect()
}

/// What Go's `users` returns for `users(n)`.
pub fn users_expect(users: &[User]) -> u32 {
    users.iter().map(|u| u.age as u32 + u.tags.len() as u32).sum()
}

/// `VmRSS` and `VmHWM` of this process, in KiB (from /proc/self/status).
pub fn rss_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

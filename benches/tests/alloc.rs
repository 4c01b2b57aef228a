//! Rust-side allocations of a call, counted by a global allocator on the calling thread only
//! (Go's own threads and the test harness do not count).
use rust2go_benches::{strings, users, users_expect, Bench, BenchImpl};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// Whether this thread counts, and its count (tests run on parallel threads).
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
}

fn note() {
    // `try_with`: the thread-locals may be gone while a thread exits.
    if COUNTING.try_with(|c| c.get()).unwrap_or(false) {
        let _ = ALLOCS.try_with(|n| n.set(n.get() + 1));
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Rust allocations (alloc, alloc_zeroed, realloc) per call of `f`, on this thread.
fn allocs_per_call(calls: u64, mut f: impl FnMut()) -> f64 {
    f(); // warm: the thread's first call into Go, lazily created thread-locals
    ALLOCS.with(|n| n.set(0));
    COUNTING.with(|c| c.set(true));
    for _ in 0..calls {
        f();
    }
    COUNTING.with(|c| c.set(false));
    ALLOCS.with(|n| n.get()) as f64 / calls as f64
}

#[test]
fn vec_user_argument_allocates_exactly_once_per_call() {
    let us = users(100);
    let expect = users_expect(&us);
    let n = allocs_per_call(1000, || assert_eq!(BenchImpl::users(&us), expect));
    println!("Vec<User> (100 users) argument: {n} Rust allocations per call");
    assert_eq!(n, 1.0, "a Vec<User> argument should cost exactly one Rust allocation (the view arena)");
}

#[test]
fn vec_string_argument_allocates_exactly_once_per_call() {
    let items = strings(100);
    let n = allocs_per_call(1000, || assert_eq!(BenchImpl::strings(&items), 132));
    println!("Vec<String> (100) argument: {n} Rust allocations per call");
    assert_eq!(n, 1.0, "a Vec<String> argument should cost exactly one Rust allocation (the view arena)");
}

#[test]
fn scalar_and_zero_copy_arguments_do_not_allocate() {
    let n = allocs_per_call(1000, || assert_eq!(BenchImpl::add(1, 2), 3));
    println!("add(u32, u32): {n} Rust allocations per call");
    assert_eq!(n, 0.0);
    let name = "sixteen-bytes-ok".to_string();
    let data = vec![1u8; 64 * 1024];
    let n = allocs_per_call(1000, || assert_eq!(BenchImpl::bytes(&name, &data), 16 + 65536 + 2));
    println!("bytes(&String, &Vec<u8>): {n} Rust allocations per call");
    assert_eq!(n, 0.0);
}

#[test]
fn vec_string_result_allocates_the_vec_and_each_string() {
    // 100 strings + the Vec; the result bytes land in the thread's reused scratch buffer.
    let n = allocs_per_call(1000, || assert_eq!(BenchImpl::names(100).len(), 100));
    println!("Vec<String> (100) result: {n} Rust allocations per call");
    assert_eq!(n, 101.0);
}

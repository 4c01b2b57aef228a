//! Rust-side allocations of a call, counted by a global allocator on the calling thread only
//! (Go's own threads and the test harness do not count), and Go heap allocations per call.
use rust2go_benches::{strings, users, users_expect, Bench, BenchImpl};
use std::sync::Mutex;
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

/// The tests of this file run one at a time: Go's allocation count is process-wide.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

extern "C" {
    /// go/mallocs.go: heap objects Go allocated so far (runtime/metrics).
    fn bench_go_heap_allocs() -> u64;
}

/// Go heap objects allocated per call of `f` (process-wide, so a little noise from the Go
/// runtime's own work may show up as a fraction).
fn go_allocs_per_call(calls: u64, mut f: impl FnMut()) -> f64 {
    for _ in 0..100 {
        f();
    }
    // SAFETY: the export takes nothing and returns an integer.
    let before = unsafe { bench_go_heap_allocs() };
    for _ in 0..calls {
        f();
    }
    // SAFETY: as above.
    let after = unsafe { bench_go_heap_allocs() };
    (after - before) as f64 / calls as f64
}

#[test]
fn go_heap_allocations_per_call() {
    let _serial = serial();
    let n = go_allocs_per_call(20_000, || assert_eq!(BenchImpl::add(1, 2), 3));
    println!("add(u32, u32): {n:.3} Go heap allocations per call");
    assert!(n < 0.05, "the tiny sync call should not allocate in Go: {n}");
    let name = "sixteen-bytes-ok".to_string();
    let data = vec![1u8; 1024];
    let n = go_allocs_per_call(20_000, || assert_eq!(BenchImpl::bytes(&name, &data), 16 + 1024 + 2));
    println!("bytes(&String, &Vec<u8>): {n:.3} Go heap allocations per call");
    assert!(n < 0.05, "arguments read in place should not allocate in Go: {n}");
    // Nested arguments in Go's layout are read in place: no conversion, no Go allocation.
    let us = users(100);
    let expect = users_expect(&us);
    let n = go_allocs_per_call(20_000, || assert_eq!(BenchImpl::users(&us), expect));
    println!("users(&Vec<User>), 100 users x 3 tags: {n:.3} Go heap allocations per call");
    assert!(n < 0.05, "an in-place nested argument should not allocate in Go: {n}");
    let items = strings(100);
    let n = go_allocs_per_call(20_000, || assert_eq!(BenchImpl::strings(&items), 132));
    println!("strings(&Vec<String>), 100 strings: {n:.3} Go heap allocations per call");
    assert!(n < 0.05, "an in-place Vec<String> argument should not allocate in Go: {n}");
    let n = go_allocs_per_call(20_000, || {
        assert_eq!(futures::executor::block_on(BenchImpl::add_async_inline(1, 2)), 3)
    });
    println!("async add, #[go_inline]: {n:.3} Go heap allocations per call");
    assert!(n < 0.05, "an inline async call should not allocate in Go: {n}");
    let n = go_allocs_per_call(20_000, || assert_eq!(futures::executor::block_on(BenchImpl::add_async(1, 2)), 3));
    println!("async add (goroutine): {n:.3} Go heap allocations per call");
}

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
fn vec_user_argument_allocates_nothing_once_warm() {
    let _serial = serial();
    let us = users(100);
    let expect = users_expect(&us);
    let n = allocs_per_call(1000, || assert_eq!(BenchImpl::users(&us), expect));
    println!("Vec<User> (100 users) argument: {n} Rust allocations per call");
    assert_eq!(n, 0.0, "a Vec<User> argument should cost no Rust allocation once the thread's spare view arena is warm");
}

#[test]
fn vec_string_argument_allocates_nothing_once_warm() {
    let _serial = serial();
    let items = strings(100);
    let n = allocs_per_call(1000, || assert_eq!(BenchImpl::strings(&items), 132));
    println!("Vec<String> (100) argument: {n} Rust allocations per call");
    assert_eq!(n, 0.0, "a Vec<String> argument should cost no Rust allocation once the thread's spare view arena is warm");
}

#[test]
fn scalar_and_zero_copy_arguments_do_not_allocate() {
    let _serial = serial();
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
fn async_calls_allocate_their_completion_slot_only() {
    let _serial = serial();
    use futures::executor::block_on;
    let n = allocs_per_call(1000, || assert_eq!(block_on(BenchImpl::add_async_inline(1, 2)), 3));
    println!("async add, #[go_inline]: {n} Rust allocations per call");
    assert_eq!(n, 0.0, "an inline async call needs no completion slot");
    let n = allocs_per_call(1000, || assert_eq!(block_on(BenchImpl::add_async(1, 2)), 3));
    println!("async add (goroutine): {n} Rust allocations per call");
    assert_eq!(n, 1.0, "an async call allocates its completion slot, nothing else");
}

#[test]
fn vec_string_result_allocates_the_vec_and_each_string() {
    let _serial = serial();
    // 100 strings + the Vec; the result bytes land in the thread's reused scratch buffer.
    let n = allocs_per_call(1000, || assert_eq!(BenchImpl::names(100).len(), 100));
    println!("Vec<String> (100) result: {n} Rust allocations per call");
    assert_eq!(n, 101.0);
}

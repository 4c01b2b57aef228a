//! At most one allocation per call: a counting global allocator (in this test binary only)
//! shows that a sync call allocates at most once on the Rust side (the arena of its nested
//! views), not at all when nothing nests, and not at all once the thread's spare arena is warm
//! (arenas up to 64 KiB). Only allocations of the calling thread are counted, so the
//! test harness's other threads do not disturb the numbers.

use rust2go_e2e::idl::*;
use rust2go_e2e::{nested, users};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    // `try_with`: allocations during thread teardown must not panic. Const-initialized `Cell`s
    // need no allocation and no destructor.
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            COUNT.with(|c| c.set(c.get() + 1));
        }
    });
}

// SAFETY: forwards to the system allocator unchanged; only counts.
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

/// The tests of this file run one at a time: Go's heap allocation count
/// (`in_place_arguments_allocate_nothing_in_go`) is process-wide.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

const WARM_UP: usize = 100;
const CALLS: usize = 1000;

/// Rust-side allocations (alloc, alloc_zeroed, realloc) of `CALLS` calls of `f` on this
/// thread, after `WARM_UP` calls.
fn allocations<R>(mut f: impl FnMut() -> R) -> usize {
    for _ in 0..WARM_UP {
        std::hint::black_box(f());
    }
    COUNT.with(|c| c.set(0));
    COUNTING.with(|on| on.set(true));
    for _ in 0..CALLS {
        std::hint::black_box(f());
    }
    COUNTING.with(|on| on.set(false));
    let n = COUNT.with(|c| c.get());
    println!("{n} allocations in {CALLS} calls");
    n
}

#[test]
fn counter_sees_allocations_of_this_thread_only() {
    let _serial = serial();
    let n = allocations(|| vec![1u8; 16]);
    assert_eq!(n, CALLS, "the counter itself works");
    COUNT.with(|c| c.set(0));
    COUNTING.with(|on| on.set(true));
    std::thread::spawn(|| drop(std::hint::black_box(vec![0u8; 64]))).join().unwrap();
    COUNTING.with(|on| on.set(false));
    // Spawning allocates on this thread (thread handle, ...), the other thread's Vec is not
    // counted; measured against a spawn without the Vec.
    let with_vec = COUNT.with(|c| c.replace(0));
    COUNTING.with(|on| on.set(true));
    std::thread::spawn(|| ()).join().unwrap();
    COUNTING.with(|on| on.set(false));
    let without = COUNT.with(|c| c.replace(0));
    assert_eq!(with_vec, without, "another thread's allocation was counted");
}

#[test]
fn vec_of_users_with_tags_allocates_nothing_once_warm() {
    let _serial = serial();
    let us = users(100, 3);
    assert_eq!(AllocImpl::count_tags(&us), 300);
    let n = allocations(|| AllocImpl::count_tags(&us));
    assert_eq!(n, 0, "count_tags(&Vec<User>): {n} allocations in {CALLS} calls, want none (the thread's spare arena)");
    let n = allocations(|| AllocImpl::take_users(&us));
    assert_eq!(n, 0, "take_users(&Vec<User>): {n} allocations in {CALLS} calls, want none (the thread's spare arena)");
}

#[test]
fn a_threads_first_nested_call_is_one_allocation() {
    let _serial = serial();
    let us = users(100, 3);
    // The thread's first call into Go allocates for Go's own bookkeeping; the second call on
    // a fresh thread needing a larger arena than the first shows the arena's one allocation.
    let few = users(2, 1);
    let n = std::thread::spawn(move || {
        assert_eq!(AllocImpl::count_tags(&few), 2);
        COUNT.with(|c| c.set(0));
        COUNTING.with(|on| on.set(true));
        let r = AllocImpl::count_tags(&us);
        COUNTING.with(|on| on.set(false));
        assert_eq!(r, 300);
        COUNT.with(|c| c.get())
    })
    .join()
    .unwrap();
    assert_eq!(n, 1, "a nested call whose arena the thread's spare cannot hold: {n} allocations, want exactly one");
}

#[test]
fn nested_struct_allocates_nothing_once_warm() {
    let _serial = serial();
    let nest = nested();
    let n = allocations(|| AllocImpl::count_strings(&nest));
    assert_eq!(n, 0, "count_strings(&Nested): {n} allocations in {CALLS} calls, want none once warm");
}

#[test]
fn view_arena_reuses_the_threads_spare_up_to_64_kib() {
    let _serial = serial();
    // At the runtime level (an internal API of the generated glue).
    use rust2go::__private::Arena;
    let n = allocations(|| Arena::with_capacity(64).chunk_count());
    assert_eq!(n, 0, "Arena::with_capacity(64): {n} allocations in {CALLS} calls, want none once warm");
    let n = allocations(|| Arena::with_capacity(64 * 1024).chunk_count());
    assert_eq!(n, 0, "Arena::with_capacity(64 KiB): {n} allocations in {CALLS} calls, want none once warm");
    let n = allocations(|| Arena::with_capacity(64 * 1024 + 8).chunk_count());
    assert_eq!(n, CALLS, "Arena::with_capacity(64 KiB + 8): {n} allocations in {CALLS} calls, want one per call");
    // An arena alive while another is made (a Go handler calling Rust calling Go) gets its own.
    let n = allocations(|| {
        let outer = Arena::with_capacity(64);
        let inner = Arena::with_capacity(64);
        outer.chunk_count() + inner.chunk_count()
    });
    assert_eq!(n, CALLS, "two arenas alive at once: {n} allocations in {CALLS} calls, want one per call");
}

/// The number of
/// allocations per call is a small constant, independent of how many strings and vectors the
/// arguments hold (the arena is sized up front; no per-element allocation).
#[test]
fn nested_arguments_cost_a_constant_number_of_allocations() {
    let _serial = serial();
    let small = users(100, 3);
    let large = users(1000, 10);
    assert_eq!(AllocImpl::count_tags(&small), 300);
    assert_eq!(AllocImpl::count_tags(&large), 10_000);
    let n_small = allocations(|| AllocImpl::count_tags(&small));
    let n_large = allocations(|| AllocImpl::count_tags(&large));
    let n_unit = allocations(|| AllocImpl::take_users(&small));
    println!("Vec<User>: 100 users x 3 tags {n_small}, 1000 x 10 {n_large}, unit result {n_unit} allocations in {CALLS} calls");
    // The small arena is the thread's spare; the large one (over 64 KiB) is one block per call.
    assert_eq!(n_small, 0, "count_tags(&Vec<User>): {n_small} allocations in {CALLS} calls");
    assert_eq!(n_large, CALLS, "1000 users x 10 tags: {n_large} allocations in {CALLS} calls, want one per call");
    assert_eq!(n_unit, n_small, "a () result allocates");

    let nest = nested();
    let mut big = nested();
    big.lines = (0..1000).map(|i| format!("line {i}")).collect();
    big.users = users(200, 5);
    big.grid = vec![vec!["g".to_string(); 50]; 50];
    assert_eq!(AllocImpl::count_strings(&nest), 1 + 10 + 5 * 4 + 4 + 3 * 4 + 4);
    assert_eq!(AllocImpl::count_strings(&big), 1 + 1000 + 200 * 6 + 4 + 3 * 4 + 2500);
    let n_nest = allocations(|| AllocImpl::count_strings(&nest));
    let n_big = allocations(|| AllocImpl::count_strings(&big));
    println!("Nested: {n_nest}, a larger one {n_big} allocations in {CALLS} calls");
    assert_eq!(n_nest, 0, "a struct with nested Vec<String> costs what a Vec<User> costs");
    assert!(n_big <= CALLS, "a larger Nested: {n_big} allocations in {CALLS} calls, want at most one per call");
}

#[test]
fn flat_arguments_do_not_allocate() {
    let _serial = serial();
    let s = "a string crosses as a view over its bytes".to_string();
    assert_eq!(allocations(|| AllocImpl::string_len(&s)), 0, "string_len(&String)");
    assert_eq!(allocations(|| AllocImpl::add(1, 2)), 0, "add(u64, u64)");
    assert_eq!(AllocImpl::add(u64::MAX - 1, 1), u64::MAX);
}

#[test]
fn string_result_allocates_only_the_string() {
    let _serial = serial();
    let name = "world".to_string();
    assert_eq!(AllocImpl::greet(&name), "hello world");
    let n = allocations(|| AllocImpl::greet(&name));
    assert_eq!(n, CALLS, "greet(&String) -> String: one allocation per call (the returned String)");
    // A result larger than the 4 KiB scratch buffer: Go mallocs it the first time, Rust then
    // keeps a larger scratch buffer, so after the warm-up it is again only the String.
    let big = "x".repeat(64 << 10);
    assert_eq!(AllocImpl::greet(&big).len(), 6 + (64 << 10));
    let n = allocations(|| AllocImpl::greet(&big));
    assert_eq!(n, CALLS, "greet(&64 KiB String) -> String: one allocation per call");
}


/// Go heap objects allocated per call of `f` (process-wide: a little noise from the Go
/// runtime's own work may show up as a fraction).
fn go_allocations_per_call<R>(mut f: impl FnMut() -> R) -> f64 {
    for _ in 0..WARM_UP {
        std::hint::black_box(f());
    }
    let before = AllocImpl::go_heap_allocs();
    for _ in 0..CALLS * 10 {
        std::hint::black_box(f());
    }
    let after = AllocImpl::go_heap_allocs();
    (after - before) as f64 / (CALLS * 10) as f64
}

/// Arguments in Go's layout are read in place: no Go allocation at all, however deep they
/// nest, and no Rust allocation once the thread's spare view arena is warm.
#[test]
fn in_place_arguments_allocate_nothing_in_go() {
    let _serial = serial();
    let us = users(100, 3);
    let nest = nested();
    let s = "a string".to_string();
    for (what, n) in [
        ("count_tags(&Vec<User>)", go_allocations_per_call(|| AllocImpl::count_tags(&us))),
        ("count_strings(&Nested)", go_allocations_per_call(|| AllocImpl::count_strings(&nest))),
        ("string_len(&String)", go_allocations_per_call(|| AllocImpl::string_len(&s))),
    ] {
        println!("{what}: {n:.3} Go heap allocations per call");
        assert!(n < 0.05, "{what}: {n} Go heap allocations per call, want none");
    }
    assert_eq!(allocations(|| AllocImpl::count_tags(&us)), 0, "count_tags: no Rust allocation once warm");
    assert_eq!(allocations(|| AllocImpl::count_strings(&nest)), 0, "count_strings: no Rust allocation once warm");
}

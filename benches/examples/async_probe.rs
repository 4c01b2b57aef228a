//! Where an async call's time goes: the sync call, one outstanding async call on tokio
//! multi-thread and current-thread, and the same call polled in a spin loop (no executor
//! wake-up), in one process.
//!
//! `cargo run --release -p rust2go-benches --example async_probe [-- --trace go.trace]`
//! With `--trace`, Go's execution tracer records 2,000 multi-thread calls
//! (`go tool trace go.trace`).
use rust2go_benches::{go_floor, Bench, BenchImpl};
use std::future::Future;
use std::hint::black_box;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Instant;

extern "C" {
    fn bench_trace_start(path: *const std::ffi::c_char) -> i32;
    fn bench_trace_stop();
}

fn per_call(n: u64, f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_nanos() as f64 / n as f64
}

/// Polls in a loop with a no-op waker: the Go-side round trip without executor wake-ups.
fn spin(n: u64) -> f64 {
    fn noop(_: *const ()) {}
    fn clone(p: *const ()) -> RawWaker {
        RawWaker::new(p, &VTABLE)
    }
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    // SAFETY: the vtable functions do nothing and ignore the data pointer.
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    per_call(n, || {
        for i in 0..n {
            let mut f = std::pin::pin!(BenchImpl::add_async(i as u32, 1));
            loop {
                if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                    black_box(v);
                    break;
                }
                std::hint::spin_loop();
            }
        }
    })
}

fn main() {
    let trace = std::env::args().skip_while(|a| a != "--trace").nth(1);
    let n = 20_000u64;
    black_box(go_floor(1, 2));
    let floor = per_call(n, || (0..n).for_each(|i| {
        black_box(go_floor(i as u32, 1));
    }));
    let sync = per_call(n, || (0..n).for_each(|i| {
        black_box(BenchImpl::add(i as u32, 1));
    }));
    let mt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let run_mt = |n: u64| {
        mt.block_on(mt.spawn(async move {
            let t = Instant::now();
            for i in 0..n {
                black_box(BenchImpl::add_async(i as u32, 1).await);
            }
            t.elapsed().as_nanos() as f64 / n as f64
        }))
        .unwrap()
    };
    run_mt(1000);
    let async_mt = run_mt(n);
    let ct = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let async_ct = ct.block_on(async {
        let t = Instant::now();
        for i in 0..n {
            black_box(BenchImpl::add_async(i as u32, 1).await);
        }
        t.elapsed().as_nanos() as f64 / n as f64
    });
    let spin_ns = spin(n);
    println!("floor {floor:.0} ns; sync add {sync:.0} ns; async add, one outstanding: multi-thread {async_mt:.0} ns, current-thread {async_ct:.0} ns, spin-polled {spin_ns:.0} ns");
    if let Some(path) = trace {
        let c = std::ffi::CString::new(path.clone()).unwrap();
        // SAFETY: a NUL-terminated path, read during the call only.
        assert_eq!(unsafe { bench_trace_start(c.as_ptr()) }, 0, "cannot start the Go tracer");
        let traced = run_mt(2000);
        // SAFETY: no arguments.
        unsafe { bench_trace_stop() };
        println!("traced 2,000 multi-thread calls ({traced:.0} ns each) into {path}");
    }
}

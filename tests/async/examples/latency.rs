//! Quick latency probe: one outstanding async call vs a sync call, same process.
//! `cargo run --release -p rust2go-async-tests --example latency`
use rust2go_async_tests::idl::{AsyncCall, AsyncCallImpl, Stats, StatsImpl};
use std::time::Instant;

fn main() {
    let n = 20_000u64;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(StatsImpl::in_flight());
    }
    let sync_ns = t.elapsed().as_nanos() as f64 / n as f64;
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let async_ns = rt.block_on(async {
        for i in 0..1000 {
            AsyncCallImpl::add(i, 1).await;
        }
        let t = Instant::now();
        for i in 0..n {
            std::hint::black_box(AsyncCallImpl::add(i, 1).await);
        }
        t.elapsed().as_nanos() as f64 / n as f64
    });
    let conc = rt.block_on(async {
        let t = Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            futures::future::join_all((0..1000u64).map(|i| AsyncCallImpl::add(i, 1))).await;
        }
        (rounds * 1000) as f64 / t.elapsed().as_secs_f64()
    });
    let spin = spin_latency(n);
    println!("sync call: {sync_ns:.0} ns; async single outstanding: {async_ns:.0} ns (spin-polled: {spin:.0} ns); 1000 concurrent: {conc:.0} calls/s");
}

/// Polls in a loop with a no-op waker: the Go-side round trip without executor wake-ups.
#[allow(dead_code)]
pub fn spin_latency(n: u64) -> f64 {
    use std::future::Future;
    use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
    fn noop(_: *const ()) {}
    fn clone(p: *const ()) -> RawWaker {
        RawWaker::new(p, &VTABLE)
    }
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let t = Instant::now();
    for i in 0..n {
        let mut f = std::pin::pin!(AsyncCallImpl::add(i, 1));
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                std::hint::black_box(v);
                break;
            }
            std::hint::spin_loop();
        }
    }
    t.elapsed().as_nanos() as f64 / n as f64
}

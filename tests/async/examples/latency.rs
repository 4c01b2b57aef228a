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
    println!("sync call: {sync_ns:.0} ns; async single outstanding: {async_ns:.0} ns; 1000 concurrent: {conc:.0} calls/s");
}

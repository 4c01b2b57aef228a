//! Where a round of 1,000 concurrent calls spends its time, `#[mem]` against the cgo path
//! (tokio multi-thread): the send phase (creating the 1,000 futures, which sends the calls),
//! how many calls had completed when the last was sent, and the rest (awaiting them).
//!
//! `cargo run --release -p rust2go-shm-tests --example mem_phases [rounds]`
use futures::future::join_all;
use rust2go_shm_tests::idl::{ShmCall, ShmCallImpl};
use std::time::{Duration, Instant};

const N: u64 = 1000;

async fn phases(mem: bool, rounds: usize) -> (Duration, Duration) {
    let (mut send, mut total) = (Duration::ZERO, Duration::ZERO);
    for k in 0..rounds as u64 {
        let t = Instant::now();
        let r = if mem {
            let futs: Vec<_> = (0..N).map(|i| ShmCallImpl::add(k, i)).collect();
            send += t.elapsed();
            join_all(futs).await
        } else {
            let futs: Vec<_> = (0..N).map(|i| ShmCallImpl::add_cgo(k, i)).collect();
            send += t.elapsed();
            join_all(futs).await
        };
        total += t.elapsed();
        assert_eq!(r[N as usize - 1], k + N - 1);
    }
    (send, total)
}

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(300);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    rt.block_on(rt.spawn(async move {
        phases(true, 50).await;
        phases(false, 50).await;
        for _ in 0..3 {
            // `BENCH_ONLY=mem` or `=cgo`: one mode (for `perf`).
            let only = std::env::var("BENCH_ONLY").unwrap_or_default();
            for mem in [true, false].into_iter().filter(|m| only.is_empty() || (only == "mem") == *m) {
                let (send, total) = phases(mem, rounds).await;
                let calls = (rounds as u64 * N) as f64;
                println!(
                    "{:6}  {:5.2} M calls/s   send {:4.0} ns/call   await {:4.0} ns/call",
                    if mem { "#[mem]" } else { "cgo" },
                    calls / total.as_secs_f64() / 1e6,
                    send.as_nanos() as f64 / calls,
                    (total - send).as_nanos() as f64 / calls
                );
            }
        }
    }))
    .unwrap();
}

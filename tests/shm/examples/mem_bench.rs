//! Throughput of 1,000 concurrent small async calls: `#[mem]` (shared-memory queues) vs the
//! cgo path, on tokio multi-thread and monoio, in one process.
//!
//! `cargo run --release -p rust2go-shm-tests --example mem_bench [rounds]`

use futures::future::join_all;
use rust2go_shm_tests::idl::{ShmCall, ShmCallImpl};
use std::time::{Duration, Instant};

const CONCURRENT: u64 = 1_000;

async fn round_mem(base: u64) {
    let r = join_all((0..CONCURRENT).map(|i| ShmCallImpl::add(base, i))).await;
    assert_eq!(r[CONCURRENT as usize - 1], base + CONCURRENT - 1);
}

async fn round_cgo(base: u64) {
    let r = join_all((0..CONCURRENT).map(|i| ShmCallImpl::add_cgo(base, i))).await;
    assert_eq!(r[CONCURRENT as usize - 1], base + CONCURRENT - 1);
}

/// Calls per second of `rounds` rounds of 1,000 concurrent calls.
async fn measure(mem: bool, rounds: u64) -> f64 {
    let start = Instant::now();
    for k in 0..rounds {
        if mem {
            round_mem(k).await
        } else {
            round_cgo(k).await
        }
    }
    (rounds * CONCURRENT) as f64 / start.elapsed().as_secs_f64()
}

/// Alternates the two modes `reps` times and keeps each one's median. `BENCH_ONLY=mem` or
/// `=cgo` runs one mode (for profiling).
async fn compare(rounds: u64, reps: usize) -> (f64, f64) {
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let (run_mem, run_cgo) = (only != "cgo", only != "mem");
    let (mut m, mut c) = (vec![f64::NAN], vec![f64::NAN]);
    if run_mem {
        m.clear();
        measure(true, rounds / 4 + 1).await;
    }
    if run_cgo {
        c.clear();
        measure(false, rounds / 4 + 1).await;
    }
    for _ in 0..reps {
        if run_mem {
            m.push(measure(true, rounds).await);
        }
        if run_cgo {
            c.push(measure(false, rounds).await);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[v.len() / 2]
    };
    (median(&mut m), median(&mut c))
}

fn report(name: &str, (mem, cgo): (f64, f64)) {
    println!("{name:<22} #[mem] {:>10.0} calls/s   cgo {:>10.0} calls/s   ratio {:.2}x", mem, cgo, mem / cgo);
}

/// Mean latency of one call at a time (ns).
async fn sequential(mem: bool, n: u64) -> f64 {
    let start = Instant::now();
    for i in 0..n {
        let v = if mem { ShmCallImpl::add(i, 1).await } else { ShmCallImpl::add_cgo(i, 1).await };
        assert_eq!(v, i + 1);
    }
    start.elapsed().as_nanos() as f64 / n as f64
}

fn main() {
    let rounds: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let reps = 5;
    let tokio_mt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    report("tokio multi-thread", tokio_mt.block_on(async move {
        tokio::spawn(compare(rounds, reps)).await.unwrap()
    }));
    let (m, c) = tokio_mt.block_on(async { (sequential(true, 5_000).await, sequential(false, 5_000).await) });
    println!("{:<22} #[mem] {:>10.0} ns/call     cgo {:>10.0} ns/call", "one call at a time", m, c);
    drop(tokio_mt);
    let mut monoio_rt = monoio::RuntimeBuilder::<monoio::FusionDriver>::new().enable_timer().build().unwrap();
    report("monoio", monoio_rt.block_on(compare(rounds, reps)));
    let tokio_ct = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    report("tokio current-thread", tokio_ct.block_on(compare(rounds, reps)));
    std::thread::sleep(Duration::from_millis(10));
}

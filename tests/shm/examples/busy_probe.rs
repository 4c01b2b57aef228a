//! Throughput of `#[mem]` calls whose Go handler busy-works 20 µs of CPU, 1,000 in flight
//! (tokio multi-thread, 2 workers): calls per second of each round and their median.
//!
//! `cargo run --release -p rust2go-shm-tests --example busy_probe [rounds]`

use rust2go_shm_tests::idl::{ShmCall, ShmCallImpl};
use std::time::Instant;

const TASKS: u64 = 1_000;
const CALLS_PER_TASK: u64 = 20;
const HANDLER_US: u32 = 20;

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let mut rates = Vec::new();
    let mut procs = 0;
    for round in 0..=rounds {
        let start = Instant::now();
        let tasks: Vec<_> = (0..TASKS)
            .map(|t| {
                rt.spawn(async move {
                    let mut procs = 0;
                    for k in 0..CALLS_PER_TASK {
                        let x = t * CALLS_PER_TASK + k;
                        let (y, p) = ShmCallImpl::busy(x, HANDLER_US).await;
                        assert_eq!(y, 3 * x + 1);
                        procs = p;
                    }
                    procs
                })
            })
            .collect();
        for t in tasks {
            procs = rt.block_on(t).unwrap();
        }
        let rate = (TASKS * CALLS_PER_TASK) as f64 / start.elapsed().as_secs_f64();
        if round > 0 {
            // Round 0 warms up.
            println!("round {round}: {rate:.0} calls/s");
            rates.push(rate);
        }
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "busy_probe: {HANDLER_US} us handlers, {TASKS} in flight, GOMAXPROCS {procs}: median {:.0} calls/s over {} rounds",
        rates[rates.len() / 2],
        rates.len()
    );
}

//! The workloads of the spawned-tasks benchmark and of the side-by-side with rust2go 0.4,
//! written once for both: `src/bin/spawned.rs` (this crate) and `v04/src/main.rs` (the
//! published 0.4, which includes this file by path) print the same machine-readable lines,
//! `bench <round> <case> <value> <unit>`, that scripts/bench_report.py reads.
//!
//! Depends on tokio and std only, so that both crates compile it unchanged.
#![allow(dead_code)]

use std::future::Future;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Tasks in flight in the spawned-tasks workload.
pub const TASKS: usize = 1000;
/// Calls per round of the spawned-tasks workload.
pub const CALLS: usize = 300_000;
/// Calls timed per round of the one-outstanding-call latency.
pub const LATENCY_CALLS: usize = 20_000;

/// The runtime of every async case: tokio multi-thread, 2 workers.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// Prints one result line.
pub fn report(round: usize, case: &str, value: f64, unit: &str) {
    println!("bench {round} {case} {value:.1} {unit}");
}

/// The spawned-tasks workload: `TASKS` tokio tasks, each awaiting `call` in a loop, `CALLS`
/// calls in all. Returns calls per second; checks every result.
pub fn spawned<F, Fut>(rt: &tokio::runtime::Runtime, call: F) -> f64
where
    F: Fn(u32, u32) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = u32> + Send + 'static,
{
    let per_task = CALLS / TASKS;
    rt.block_on(async move {
        let t = Instant::now();
        let tasks: Vec<_> = (0..TASKS as u32)
            .map(|k| {
                tokio::spawn(async move {
                    for i in 0..per_task as u32 {
                        let r = call(k, i).await;
                        assert_eq!(r, k + i, "wrong result");
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        (per_task * TASKS) as f64 / t.elapsed().as_secs_f64()
    })
}

/// The Rust-only reference of the same shape: each call sends its request to one Rust
/// thread over `std::sync::mpsc` and awaits a `tokio::sync::oneshot` that thread completes.
pub struct Reference {
    to_thread: std::sync::mpsc::Sender<(u32, u32, tokio::sync::oneshot::Sender<u32>)>,
}

impl Reference {
    pub fn start() -> Reference {
        let (to_thread, requests) = std::sync::mpsc::channel::<(u32, u32, tokio::sync::oneshot::Sender<u32>)>();
        std::thread::spawn(move || {
            for (a, b, reply) in requests {
                let _ = reply.send(a + b);
            }
        });
        Reference { to_thread }
    }

    /// One call of the reference.
    pub fn call(&self, a: u32, b: u32) -> impl Future<Output = u32> + Send + 'static {
        let (reply, done) = tokio::sync::oneshot::channel();
        self.to_thread.send((a, b, reply)).unwrap();
        async move { done.await.unwrap() }
    }
}

/// The share of the machine's CPU time that the hypervisor gave to others ("steal", from the
/// `cpu` line of `/proc/stat`) while `f` ran, in percent; `None` off Linux or when unreadable.
/// A virtual machine's vCPU that the host takes away stalls whichever thread it ran, so a round
/// with steal measures the host as much as the code.
pub fn with_steal<T>(f: impl FnOnce() -> T) -> (T, Option<f64>) {
    let before = cpu_ticks();
    let out = f();
    let share = match (before, cpu_ticks()) {
        (Some((s0, t0)), Some((s1, t1))) if t1 > t0 => Some(100.0 * (s1 - s0) as f64 / (t1 - t0) as f64),
        _ => None,
    };
    (out, share)
}

/// `(steal, total)` clock ticks of all CPUs so far.
fn cpu_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    // user nice system idle iowait irq softirq steal [guest guest_nice: already in user/nice]
    let v: Vec<u64> = line.split_whitespace().skip(1).take(8).map(|x| x.parse().unwrap_or(0)).collect();
    (v.len() == 8).then(|| (v[7], v.iter().sum()))
}

/// One call outstanding at a time, awaited by one task on a worker: ns per call.
pub fn latency<F, Fut>(rt: &tokio::runtime::Runtime, call: F) -> f64
where
    F: Fn(u32, u32) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = u32> + Send + 'static,
{
    rt.block_on(rt.spawn(async move {
        for i in 0..200u32 {
            black_box(call(i, 1).await);
        }
        let t = Instant::now();
        for i in 0..LATENCY_CALLS as u32 {
            assert_eq!(call(i, 1).await, i + 1);
        }
        t.elapsed().as_secs_f64() * 1e9 / LATENCY_CALLS as f64
    }))
    .unwrap()
}

/// `1000` calls started at once from one task and awaited with `join_all`, repeated:
/// calls per second.
pub fn join_all<F, Fut>(rt: &tokio::runtime::Runtime, call: F, repeats: usize) -> f64
where
    F: Fn(u32, u32) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = u32> + Send + 'static,
{
    rt.block_on(rt.spawn(async move {
        let t = Instant::now();
        for _ in 0..repeats {
            let r = futures::future::join_all((0..1000u32).map(|i| call(i, 1))).await;
            assert_eq!(r[999], 1000);
        }
        (repeats * 1000) as f64 / t.elapsed().as_secs_f64()
    }))
    .unwrap()
}

/// Times `calls` calls of `case` and as many of `floor`, interleaved in blocks of `block`, so
/// that load that comes and goes hits both alike: `(case time, floor time)`.
pub fn interleaved(calls: u64, block: u64, mut case: impl FnMut() -> u32, mut floor: impl FnMut() -> u32) -> (Duration, Duration) {
    let (mut t_case, mut t_floor) = (Duration::ZERO, Duration::ZERO);
    let mut left = calls;
    while left > 0 {
        let k = left.min(block);
        let t = Instant::now();
        for _ in 0..k {
            black_box(floor());
        }
        t_floor += t.elapsed();
        let t = Instant::now();
        for _ in 0..k {
            black_box(case());
        }
        t_case += t.elapsed();
        left -= k;
    }
    (t_case, t_floor)
}

/// A sync call timed beside the raw floor (`interleaved`, blocks of 64), after a warm-up:
/// `(case ns/call, floor ns/call)`.
pub fn sync_beside_floor(calls: usize, mut case: impl FnMut() -> u32, mut floor: impl FnMut() -> u32) -> (f64, f64) {
    for _ in 0..1000 {
        black_box(case());
        black_box(floor());
    }
    let (t_case, t_floor) = interleaved(calls as u64, 64, case, floor);
    (t_case.as_secs_f64() * 1e9 / calls as f64, t_floor.as_secs_f64() * 1e9 / calls as f64)
}

/// The nested arguments of the sync cases: 100 users with 3 tags each, 100 strings.
pub fn users_data() -> Vec<(String, u8, Vec<String>)> {
    (0..100)
        .map(|i| (format!("user-{i:04}"), (i % 90) as u8, vec![format!("tag-a-{i}"), format!("tag-b-{i}"), format!("tag-c-{i}")]))
        .collect()
}

/// What the Go handler returns for `users_data()`: the sum of the name and tag lengths.
pub fn users_expect() -> u32 {
    users_data().iter().map(|(n, _, t)| (n.len() + t.iter().map(String::len).sum::<usize>()) as u32).sum()
}

pub fn strings_data() -> Vec<String> {
    (0..100).map(|i| format!("string-{i:05}-0123456789abcdefghi")).collect()
}

/// What the Go handler returns for `strings_data()`: the sum of the lengths.
pub fn strings_expect() -> u32 {
    strings_data().iter().map(|s| s.len() as u32).sum()
}

/// Rounds from the first argument (default 3).
pub fn rounds() -> usize {
    std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(3)
}

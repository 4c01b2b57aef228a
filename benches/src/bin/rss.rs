//! Memory check: RSS after 1e5 and after 1e6 mixed calls (sync with strings and vectors in and
//! out, and async), exits 1 if RSS grew by more than the slack between the two checkpoints.
//!
//! `cargo run --release -p rust2go-benches --bin rss [-- --slack-mib N]`
use futures::future::join_all;
use rust2go_benches::{name16, payload, rss_kib, strings, users, users_expect, Bench, BenchImpl};
use std::hint::black_box;

/// Calls per round: 8 sync calls and an async batch of 8, 16 calls in all.
const PER_ROUND: u64 = 16;

fn main() {
    let slack_mib: u64 = std::env::args()
        .skip_while(|a| a != "--slack-mib")
        .nth(1)
        .map(|v| v.parse().expect("--slack-mib N"))
        .unwrap_or(8);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let name = name16();
    let small = payload(1024);
    let big = payload(64 * 1024);
    let items = strings(100);
    let us = users(100);
    let expect_users = users_expect(&us);

    let mut calls = 0u64;
    let round = |calls: &mut u64| {
        assert_eq!(BenchImpl::add(*calls as u32, 1), *calls as u32 + 1);
        black_box(BenchImpl::bytes(&name, &small));
        black_box(BenchImpl::bytes(&name, &big));
        black_box(BenchImpl::strings(&items));
        assert_eq!(BenchImpl::users(&us), expect_users);
        assert_eq!(BenchImpl::names(100).len(), 100);
        let echoed = BenchImpl::echo(&items);
        assert_eq!(echoed.len(), items.len());
        black_box(BenchImpl::names(3));
        rt.block_on(async {
            let adds = join_all((0..6u32).map(|i| BenchImpl::add_async(i, 1))).await;
            assert_eq!(adds[5], 6);
            let (u1, u2) = futures::join!(BenchImpl::users_async(&us), BenchImpl::users_async(&us));
            assert_eq!((u1, u2), (expect_users, expect_users));
        });
        *calls += PER_ROUND;
    };

    let t = std::time::Instant::now();
    while calls < 100_000 {
        round(&mut calls);
    }
    let (rss1, hwm1) = rss_kib();
    println!("after {calls:>9} calls: VmRSS {rss1:>7} KiB, VmHWM {hwm1:>7} KiB ({:.1} s)", t.elapsed().as_secs_f64());
    while calls < 1_000_000 {
        round(&mut calls);
    }
    let (rss2, hwm2) = rss_kib();
    println!("after {calls:>9} calls: VmRSS {rss2:>7} KiB, VmHWM {hwm2:>7} KiB ({:.1} s)", t.elapsed().as_secs_f64());
    let grew = rss2 as i64 - rss1 as i64;
    let slack = (slack_mib * 1024) as i64;
    if grew > slack {
        println!("FAIL: RSS grew by {grew} KiB between the checkpoints (slack {slack} KiB)");
        std::process::exit(1);
    }
    println!("ok: RSS changed by {grew} KiB between the checkpoints (slack {slack} KiB)");
}

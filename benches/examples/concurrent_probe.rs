//! Why the 1,000-concurrent case is sometimes slow: times every call's synchronous part (the
//! push onto the trait's ring, for the default async method `add_async`) inside each round of
//! 1,000 concurrent calls, and prints, per round, its throughput beside the time the executor
//! thread spent in those calls and how many calls were complete when the last was sent.
//!
//! `cargo run --release -p rust2go-benches --example concurrent_probe [rounds]`
use futures::future::join_all;
use std::time::{Duration, Instant};

const N: usize = 1000;

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(300);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    let rows = rt
        .block_on(rt.spawn(async move {
            let mut rows = Vec::with_capacity(rounds);
            let mut enter = vec![Duration::ZERO; N];
            for _ in 0..rounds {
                let t = Instant::now();
                let futs: Vec<_> = (0..N as u32)
                    .map(|i| {
                        let c = Instant::now();
                        let f = rust2go_benches::idl::binding::Bench__add_async(i, 1);
                        enter[i as usize] = c.elapsed();
                        f
                    })
                    .collect();
                let sent = t.elapsed();
                let done_early = futs.iter().filter(|f| f.state() == rust2go::runtime::SLOT_READY).count();
                let r = join_all(futs).await;
                assert_eq!(r[N - 1], N as u32);
                let total = t.elapsed();
                let slow = enter.iter().filter(|d| **d > Duration::from_micros(5)).count();
                let in_go: Duration = enter.iter().sum();
                let worst = *enter.iter().max().unwrap();
                rows.push((total, sent, in_go, slow, worst, done_early));
            }
            rows
        }))
        .unwrap();
    println!("round  calls/s(M)  send-phase(us)  in-export(us)  exports>5us  worst-export(us)  done-when-sent");
    for (k, (total, sent, in_go, slow, worst, early)) in rows.iter().enumerate() {
        println!(
            "{k:5}  {:10.2}  {:14.0}  {:13.0}  {:11}  {:16.0}  {early:14}",
            N as f64 / total.as_secs_f64() / 1e6,
            sent.as_secs_f64() * 1e6,
            in_go.as_secs_f64() * 1e6,
            slow,
            worst.as_secs_f64() * 1e6
        );
    }
    let total: f64 = rows.iter().map(|r| r.0.as_secs_f64()).sum();
    let below = rows.iter().filter(|r| N as f64 / r.0.as_secs_f64() < 1.3e6).count();
    println!(
        "summary: {:.2} M calls/s over all {} rounds; {} round(s) below 1.3 M calls/s",
        (N * rows.len()) as f64 / total / 1e6,
        rows.len(),
        below
    );
    let (mut fast, mut slow): (Vec<_>, Vec<_>) = rows.iter().partition(|r| N as f64 / r.0.as_secs_f64() > 1.8e6);
    fast.sort();
    slow.sort();
    type Row = (Duration, Duration, Duration, usize, Duration, usize);
    let mean = |v: &Vec<&Row>, f: fn(&Row) -> f64| {
        v.iter().map(|r| f(r)).sum::<f64>() / v.len().max(1) as f64
    };
    for (name, v) in [("fast (>1.8M/s)", &fast), ("slow", &slow)] {
        println!(
            "summary: {name:15} rounds {:4}  mean in-export {:6.0} us  mean exports>5us {:5.1}  mean done-when-sent {:6.1}",
            v.len(),
            mean(v, |r| r.2.as_secs_f64() * 1e6),
            mean(v, |r| r.3 as f64),
            mean(v, |r| r.5 as f64)
        );
    }
}

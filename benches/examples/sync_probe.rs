//! The tiny sync call `add(u32, u32) -> u32` beside the raw floor (`go_floor_add`), outside
//! criterion, in two ways:
//!
//! - `inter [samples]` (default 200): each sample times 25,600 calls of each, interleaved in
//!   blocks of 256 (as bench.sh's interleaved row); prints the median and quartiles of the
//!   per-sample ratio `add / floor`.
//! - `count floor|add <calls>`: just makes the calls, for an instruction count that does not
//!   depend on the machine's load: run it under callgrind with two call counts and take the
//!   difference, e.g.
//!   `valgrind --tool=callgrind ./target/release/examples/sync_probe count add 200000`
//!   minus the same with 100000, divided by 100,000.
//!
//! `cargo run --release -p rust2go-benches --example sync_probe -- inter 200`
use rust2go_benches::{go_floor, workload, Bench, BenchImpl};
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("count") => {
            let floor = args.get(1).map(String::as_str) == Some("floor");
            let calls: u32 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(100_000);
            let mut sum = 0u32;
            for i in 0..calls {
                let r = if floor { go_floor(black_box(i), 1) } else { BenchImpl::add(black_box(i), 1) };
                sum = sum.wrapping_add(r);
            }
            println!("{sum}");
        }
        Some("inter") | None => {
            let samples: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
            let mut ratios: Vec<f64> = (0..samples)
                .map(|_| {
                    let (add, floor) = workload::interleaved(
                        25_600,
                        256,
                        || BenchImpl::add(black_box(1), black_box(2)),
                        || go_floor(black_box(1), black_box(2)),
                    );
                    add.as_secs_f64() / floor.as_secs_f64()
                })
                .collect();
            ratios.sort_by(f64::total_cmp);
            let q = |f: f64| ratios[((ratios.len() - 1) as f64 * f) as usize];
            println!("add / floor: median {:.3} (quartiles {:.3} / {:.3}) over {samples} samples", q(0.5), q(0.25), q(0.75));
        }
        Some(other) => panic!("unknown mode {other:?}: `inter [samples]` or `count floor|add <calls>`"),
    }
}

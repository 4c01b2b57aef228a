//! Nested-argument calls beside the raw floor, interleaved in one process: per round, 2,000
//! floor calls then 2,000 calls of each case; prints the median over rounds of each case's
//! time and of its ratio to the floor of the same round, in wall-clock time and in the calling
//! thread's CPU time (the Go handler runs on the calling thread; CPU time does not count the
//! time the thread waited for a core, so it is the steadier number on a loaded machine).
//!
//! `cargo run --release -p rust2go-benches --example nested_probe [-- <rounds>]`
use rust2go_benches::{go_floor, name16, payload, strings, users, users_expect, workload, Bench, BenchImpl, User, Users};
use std::hint::black_box;
use std::time::Instant;

#[repr(C)]
struct Timespec {
    sec: i64,
    nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

/// This thread's CPU time in ns (Linux `CLOCK_THREAD_CPUTIME_ID`).
fn thread_cpu_ns() -> f64 {
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; clock 3 is CLOCK_THREAD_CPUTIME_ID on Linux.
    let r = unsafe { clock_gettime(3, &mut ts) };
    assert_eq!(r, 0, "clock_gettime");
    ts.sec as f64 * 1e9 + ts.nsec as f64
}

/// (wall ns, thread CPU ns) per call.
fn per_call(n: u32, mut f: impl FnMut()) -> (f64, f64) {
    let c = thread_cpu_ns();
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    let wall = t.elapsed().as_nanos() as f64 / n as f64;
    (wall, (thread_cpu_ns() - c) / n as f64)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let rounds: usize = std::env::args().nth(1).map(|s| s.parse().expect("rounds")).unwrap_or(41);
    const N: u32 = 2000;
    let us = users(100);
    let expect = users_expect(&us);
    assert_eq!(BenchImpl::users(&us), expect);
    let items = strings(100);
    assert_eq!(BenchImpl::strings(&items), 132);
    let name = name16();
    let small = payload(16);
    let large = payload(64 * 1024);
    // The shape of the side-by-side with rust2go 0.4 (scripts/bench-v04.sh): `&Users` of 100
    // users x 3 tags and `&Vec<String>` of 100, the Go handler summing every string length.
    let side = Users { users: workload::users_data().into_iter().map(|(name, age, tags)| User { name, age, tags }).collect() };
    let side_expect = workload::users_expect();
    assert_eq!(BenchImpl::users_len(&side), side_expect);
    let side_strings = workload::strings_data();
    let side_strings_expect = workload::strings_expect();
    assert_eq!(BenchImpl::strings_len(&side_strings), side_strings_expect);
    type Case<'a> = (&'a str, Box<dyn FnMut() + 'a>);
    let mut cases: Vec<Case> = vec![
        ("sync_vec_user_100", Box::new(|| assert_eq!(BenchImpl::users(black_box(&us)), expect))),
        // The Rust half of `sync_vec_user_100` alone: sizing and filling the view arena.
        ("views_only_vec_user_100", Box::new(|| {
            use rust2go::__private::{Arena, ToGo};
            let mut arena = Arena::with_capacity(black_box(&us).extra());
            black_box(us.view(&mut arena.cursor()));
            black_box(&arena);
        })),
        ("sync_users_len_100", Box::new(|| assert_eq!(BenchImpl::users_len(black_box(&side)), side_expect))),
        ("views_only_users_100", Box::new(|| {
            use rust2go::__private::{Arena, ToGo};
            let mut arena = Arena::with_capacity(black_box(&side).extra());
            black_box(side.view(&mut arena.cursor()));
            black_box(&arena);
        })),
        ("sync_strings_len_100", Box::new(|| assert_eq!(BenchImpl::strings_len(black_box(&side_strings)), side_strings_expect))),
        ("views_only_strings_100", Box::new(|| {
            use rust2go::__private::{Arena, ToGo};
            let mut arena = Arena::with_capacity(black_box(&side_strings).extra());
            black_box(side_strings.view(&mut arena.cursor()));
            black_box(&arena);
        })),
        ("sync_vec_string_100x32B", Box::new(|| assert_eq!(BenchImpl::strings(black_box(&items)), 132))),
        ("sync_bytes/16B", Box::new(|| { black_box(BenchImpl::bytes(black_box(&name), black_box(&small))); })),
        ("sync_bytes/64KiB", Box::new(|| { black_box(BenchImpl::bytes(black_box(&name), black_box(&large))); })),
    ];
    let mut floor = Vec::new();
    let mut floor_cpu = Vec::new();
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    let mut cpu: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    let mut cpu_ratios: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    for round in 0..rounds + 1 {
        let f = per_call(N, || {
            black_box(go_floor(black_box(1), black_box(2)));
        });
        let ts: Vec<(f64, f64)> = cases.iter_mut().map(|(_, c)| per_call(N, c)).collect();
        if round == 0 {
            continue; // warm-up
        }
        floor.push(f.0);
        floor_cpu.push(f.1);
        for (i, t) in ts.into_iter().enumerate() {
            times[i].push(t.0);
            ratios[i].push(t.0 / f.0);
            cpu[i].push(t.1);
            cpu_ratios[i].push(t.1 / f.1);
        }
    }
    println!(
        "go_floor: median {:.1} ns wall, {:.1} ns CPU ({rounds} rounds of {N} calls)",
        median(floor),
        median(floor_cpu)
    );
    for (i, (name, _)) in cases.iter().enumerate() {
        println!(
            "{name}: wall median {:.1} ns, {:.2}x the floor; CPU median {:.1} ns, {:.2}x the floor (medians of per-round ratios)",
            median(times[i].clone()),
            median(ratios[i].clone()),
            median(cpu[i].clone()),
            median(cpu_ratios[i].clone())
        );
    }
}

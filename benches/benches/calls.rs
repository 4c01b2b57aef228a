//! rust2go calls beside the raw floor, all in one run so that ratios are meaningful on a noisy
//! machine. Benchmark ids (`rust2go/<case>`) are what scripts/bench_report.py reads.
//!
//! `cargo bench -p rust2go-benches` (scripts/bench.sh runs it and writes BENCHMARKS.md).
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use futures::future::join_all;
use rust2go_benches::{c_floor, go_floor, name16, payload, strings, users, users_expect, Bench, BenchImpl, BenchObject, BenchObjectImpl};
use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Per-sample ratios (case time / floor time) of the interleaved measurements, written as JSON
/// to `$R2G_BENCH_PAIRED_OUT` at the end of the run (scripts/bench.sh sets it).
static PAIRED: Mutex<Vec<(&'static str, f64)>> = Mutex::new(Vec::new());

/// Times `iters` calls of `case`, interleaved in blocks of 256 with as many floor calls, and
/// records the ratio of the two for this sample: load that comes and goes during the run hits
/// both sides alike, unlike two benchmarks measured one after the other.
fn interleaved(name: &'static str, iters: u64, case: impl Fn() -> u32) -> Duration {
    interleaved_with(name, iters, || go_floor(black_box(1), black_box(2)), case)
}

/// As [`interleaved`], against `reference` instead of the floor.
fn interleaved_with(name: &'static str, iters: u64, reference: impl Fn() -> u32, case: impl Fn() -> u32) -> Duration {
    let (t_case, t_floor) = rust2go_benches::workload::interleaved(iters, 256, case, reference);
    if iters >= 1024 {
        // Smaller samples (criterion's first warm-up steps) are dominated by timer overhead.
        PAIRED.lock().unwrap().push((name, t_case.as_secs_f64() / t_floor.as_secs_f64()));
    }
    t_case
}

fn write_paired() {
    let Some(path) = std::env::var_os("R2G_BENCH_PAIRED_OUT") else { return };
    let samples = PAIRED.lock().unwrap();
    let mut names: Vec<&str> = samples.iter().map(|(n, _)| *n).collect();
    names.dedup();
    let body: Vec<String> = names
        .iter()
        .map(|n| {
            let r: Vec<String> = samples.iter().filter(|(m, _)| m == n).map(|(_, r)| format!("{r:.5}")).collect();
            format!("\"{n}\": [{}]", r.join(", "))
        })
        .collect();
    std::fs::write(path, format!("{{{}}}\n", body.join(", "))).expect("writing R2G_BENCH_PAIRED_OUT");
}

fn multi_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn sync_calls(c: &mut Criterion) {
    // The first call of a thread into Go sets up its Go M; keep that out of every sample.
    black_box(go_floor(1, 2));
    assert_eq!(BenchImpl::add(1, 2), 3);

    let mut g = c.benchmark_group("rust2go");
    g.bench_function("c_floor", |b| b.iter(|| c_floor(black_box(1), black_box(2))));
    g.bench_function("go_floor", |b| b.iter(|| go_floor(black_box(1), black_box(2))));
    g.bench_function("sync_add", |b| b.iter(|| BenchImpl::add(black_box(1), black_box(2))));
    g.bench_function("sync_add_interleaved", |b| {
        b.iter_custom(|iters| interleaved("sync_add", iters, || BenchImpl::add(black_box(1), black_box(2))))
    });

    // A method of a Go object: the handle's id crosses first and Go looks the object up.
    let object = BenchObjectImpl::new();
    assert_eq!(object.add(1, 2), 3);
    g.bench_function("object_add", |b| b.iter(|| object.add(black_box(1), black_box(2))));
    g.bench_function("object_add_interleaved", |b| {
        b.iter_custom(|iters| {
            interleaved_with("object_add", iters, || BenchImpl::add(black_box(1), black_box(2)), || object.add(black_box(1), black_box(2)))
        })
    });

    // Go -> Rust: Go loops over the calls (one Rust -> Go call runs G2R_LOOP of them, or
    // criterion's whole sample); a method of a Rust object Go holds against the static call.
    const G2R_LOOP: u64 = 64;
    let g2r_loop = |n: u64, on_object: bool| {
        let t = Instant::now();
        assert_eq!(BenchImpl::g2r_add_loop(black_box(n), on_object), (3 * n) as u32);
        t.elapsed()
    };
    g.bench_function("g2r_add", |b| b.iter_custom(|iters| g2r_loop(iters, false)));
    g.bench_function("g2r_object_add", |b| b.iter_custom(|iters| g2r_loop(iters, true)));
    g.bench_function("g2r_object_add_interleaved", |b| {
        b.iter_custom(|iters| {
            let loops = iters.div_ceil(G2R_LOOP);
            let (t_object, t_static) = rust2go_benches::workload::interleaved(
                loops,
                4,
                || BenchImpl::g2r_add_loop(G2R_LOOP, true),
                || BenchImpl::g2r_add_loop(G2R_LOOP, false),
            );
            if loops >= 16 {
                PAIRED.lock().unwrap().push(("g2r_object_add", t_object.as_secs_f64() / t_static.as_secs_f64()));
            }
            t_object.mul_f64(iters as f64 / (loops * G2R_LOOP) as f64)
        })
    });

    let name = name16();
    for (id, len) in [("16B", 16usize), ("1KiB", 1024), ("64KiB", 64 * 1024)] {
        let data = payload(len);
        let expect = (name.len() + data.len() + data[0] as usize + data[len - 1] as usize) as u32;
        assert_eq!(BenchImpl::bytes(&name, &data), expect);
        g.bench_with_input(BenchmarkId::new("sync_bytes", id), &data, |b, data| {
            b.iter(|| BenchImpl::bytes(black_box(&name), black_box(data)))
        });
    }

    let items = strings(100);
    assert_eq!(BenchImpl::strings(&items), 132);
    g.bench_function("sync_vec_string_100x32B", |b| b.iter(|| BenchImpl::strings(black_box(&items))));

    let us = users(100);
    assert_eq!(BenchImpl::users(&us), users_expect(&us));
    g.bench_function("sync_vec_user_100", |b| b.iter(|| BenchImpl::users(black_box(&us))));

    let r = BenchImpl::names(100);
    assert_eq!(r.len(), 100);
    assert!(r.iter().all(|s| s.len() == 30));
    g.bench_function("sync_result_vec_string_100x30B", |b| b.iter(|| BenchImpl::names(black_box(100))));
    g.finish();
}

fn async_calls(c: &mut Criterion) {
    let mut g = c.benchmark_group("rust2go");

    // One call outstanding at a time, awaited by a task on a worker of a 2-worker runtime.
    let mt = multi_thread();
    fn one_at_a_time<F: std::future::Future<Output = u32> + Send + 'static>(
        rt: &tokio::runtime::Runtime,
        iters: u64,
        call: fn(u32, u32) -> F,
    ) -> Duration {
        rt.block_on(rt.spawn(async move {
            let t = Instant::now();
            for i in 0..iters {
                black_box(call(i as u32, 1).await);
            }
            t.elapsed()
        }))
        .unwrap()
    }
    g.bench_function("async_add_multi_thread", |b| b.iter_custom(|iters| one_at_a_time(&mt, iters, BenchImpl::add_async)));
    // The same with `#[go_inline]`: the handler runs during the call, the future is complete.
    g.bench_function("async_add_inline_multi_thread", |b| {
        b.iter_custom(|iters| one_at_a_time(&mt, iters, BenchImpl::add_async_inline))
    });

    let ct = current_thread();
    g.bench_function("async_add_current_thread", |b| {
        b.iter_custom(|iters| {
            ct.block_on(async move {
                let t = Instant::now();
                for i in 0..iters {
                    black_box(BenchImpl::add_async(i as u32, 1).await);
                }
                t.elapsed()
            })
        })
    });

    // Reference without Go: the same task hands each "call" to another OS thread (parked in
    // a channel receive) that completes a oneshot. Two thread wake-ups per round trip, the
    // least any design that runs the handler on another thread pays.
    let (to_thread, requests) = std::sync::mpsc::channel::<tokio::sync::oneshot::Sender<u32>>();
    std::thread::spawn(move || {
        for reply in requests {
            let _ = reply.send(1);
        }
    });
    g.bench_function("rust_thread_round_trip_multi_thread", |b| {
        b.iter_custom(|iters| {
            let to_thread = to_thread.clone();
            mt.block_on(mt.spawn(async move {
                let t = Instant::now();
                for _ in 0..iters {
                    let (reply, done) = tokio::sync::oneshot::channel();
                    to_thread.send(reply).unwrap();
                    black_box(done.await.unwrap());
                }
                t.elapsed()
            }))
            .unwrap()
        })
    });

    // Is the second core there? The same CPU-bound work on one thread, then split over two:
    // the 1,000-concurrent case below is the only one that needs both cores.
    fn spin_work(n: u64) -> u64 {
        (0..n).fold(0u64, |a, i| black_box(a.wrapping_mul(31).wrapping_add(i)))
    }
    const WORK: u64 = 4_000_000;
    g.bench_function("cpu_work_one_thread", |b| b.iter(|| spin_work(WORK)));
    g.bench_function("cpu_work_two_threads", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                let h = s.spawn(|| spin_work(WORK / 2));
                spin_work(WORK / 2) ^ h.join().unwrap()
            })
        })
    });

    // 1,000 calls in flight at once (join_all in one task on a worker): throughput.
    const N: u64 = 1000;
    g.throughput(Throughput::Elements(N));
    g.bench_function("async_add_1000_concurrent", |b| {
        b.iter_custom(|iters| {
            mt.block_on(mt.spawn(async move {
                let t = Instant::now();
                for _ in 0..iters {
                    let r = join_all((0..N as u32).map(|i| BenchImpl::add_async(i, 1))).await;
                    black_box(r);
                }
                t.elapsed()
            }))
            .unwrap()
        })
    });
    g.finish();

    // The floor again at the end: how much the machine's speed drifted during the run.
    let mut g = c.benchmark_group("rust2go");
    g.bench_function("go_floor_end", |b| b.iter(|| go_floor(black_box(1), black_box(2))));
    g.finish();
    write_paired();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50)
        .without_plots()
        .configure_from_args()
}

criterion_group! { name = benches; config = config(); targets = sync_calls, async_calls }
criterion_main!(benches);

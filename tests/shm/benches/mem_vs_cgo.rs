//! 1,000 concurrent small async calls (`join_all`), `#[mem]` against the cgo path with the same
//! Go handler, on tokio multi-thread (2 workers) and monoio, all in one criterion run.
//!
//! `cargo bench -p rust2go-shm-tests --bench mem_vs_cgo`; criterion reports each case's
//! throughput (elements = calls). `examples/mem_bench.rs` alternates the two modes for a
//! ratio, and `examples/mem_phases.rs` splits a round into its send and await phases.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use futures::future::join_all;
use rust2go_shm_tests::idl::{ShmCall, ShmCallImpl};
use std::time::{Duration, Instant};

const N: u64 = 1000;

async fn rounds(mem: bool, iters: u64) -> Duration {
    let t = Instant::now();
    for k in 0..iters {
        let r = if mem {
            join_all((0..N).map(|i| ShmCallImpl::add(k, i))).await
        } else {
            join_all((0..N).map(|i| ShmCallImpl::add_cgo(k, i))).await
        };
        assert_eq!(r[N as usize - 1], k + N - 1);
    }
    t.elapsed()
}

fn concurrent(c: &mut Criterion) {
    let mut g = c.benchmark_group("shm");
    g.throughput(Throughput::Elements(N));
    let tokio_mt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    for (name, mem) in [("tokio_mt_1000_concurrent_mem", true), ("tokio_mt_1000_concurrent_cgo", false)] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| tokio_mt.block_on(tokio_mt.spawn(rounds(mem, iters))).unwrap())
        });
    }
    drop(tokio_mt);
    let mut monoio_rt = monoio::RuntimeBuilder::<monoio::FusionDriver>::new().build().unwrap();
    for (name, mem) in [("monoio_1000_concurrent_mem", true), ("monoio_1000_concurrent_cgo", false)] {
        g.bench_function(name, |b| b.iter_custom(|iters| monoio_rt.block_on(rounds(mem, iters))));
    }
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30)
        .without_plots()
        .configure_from_args()
}

criterion_group! { name = benches; config = config(); targets = concurrent }
criterion_main!(benches);

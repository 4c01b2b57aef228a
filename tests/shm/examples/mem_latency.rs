//! One call at a time, `#[mem]` vs cgo, alternating (`cargo run --release -p rust2go-shm-tests --example mem_latency`).
use rust2go_shm_tests::idl::{ShmCall, ShmCallImpl};
use std::time::Instant;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        for _ in 0..3 {
            for mem in [true, false] {
                let n = 5000u64;
                let t = Instant::now();
                for i in 0..n {
                    let v = if mem { ShmCallImpl::add(i, 1).await } else { ShmCallImpl::add_cgo(i, 1).await };
                    assert_eq!(v, i + 1);
                }
                let ns = t.elapsed().as_nanos() as f64 / n as f64;
                println!("{} {:>8.0} ns/call", if mem { "mem" } else { "cgo" }, ns);
            }
        }
    });
}

//! Handles taken and dropped from several threads while calls run and `shm_shutdown` strikes
//! at random moments: every call completes with the right result, and when nothing holds the
//! queue any more its poller stops. Its own test binary: the queues are process-wide.

use futures::future::join_all;
use rust2go::runtime::{shm_live_queues, shm_shutdown};
use rust2go_shm_tests::idl::{ShmCall, ShmCallImpl};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[test]
fn handles_and_shutdowns_racing_with_calls_lose_nothing() {
    let stop = Arc::new(AtomicBool::new(false));
    let shutdowns = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut n = 0u32;
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_micros(300 + 137 * (n % 7) as u64));
                shm_shutdown();
                n += 1;
            }
            n
        })
    };
    let workers: Vec<_> = (0..4u64)
        .map(|t| {
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
                for round in 0..150u64 {
                    let handle = (round % 3 != 0).then(ShmCallImpl::shm_handle);
                    let copy = handle.clone();
                    let base = t * 1_000_000 + round * 1000;
                    let r = rt.block_on(join_all((0..100u64).map(|i| ShmCallImpl::add(base, i))));
                    for (i, v) in r.into_iter().enumerate() {
                        assert_eq!(v, base + i as u64);
                    }
                    drop(copy);
                    drop(handle);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    let n = shutdowns.join().unwrap();
    assert!(n > 10, "the shutdown thread ran {n} times");
    shm_shutdown();
    let start = Instant::now();
    while shm_live_queues() != 0 {
        assert!(start.elapsed() < Duration::from_secs(20), "the poller did not stop");
        std::thread::sleep(Duration::from_millis(5));
    }
}

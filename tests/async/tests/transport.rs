//! Which transport a call takes: a `#[cgo]` method never starts its trait's ring queue, a
//! default async method starts it at its first call, and `shm_shutdown()` stops it (the next
//! call starts it again). One test in this binary: the queues are global to the process.

use futures::future::join_all;
use rust2go::runtime::{shm_live_queues, shm_shutdown};
use rust2go_async_tests::idl::{AsyncCall, AsyncCallImpl};
use rust2go_async_tests::{checksum, request};
use std::time::{Duration, Instant};

fn wait_for_no_queue() {
    let start = Instant::now();
    while shm_live_queues() != 0 {
        assert!(start.elapsed() < Duration::from_secs(10), "the queue did not stop: {} live", shm_live_queues());
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn cgo_methods_start_no_queue_and_default_methods_start_the_trait_s_queue() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let req = request(5, 64);
    rt.block_on(async {
        let sums = join_all((0..2000u64).map(|i| AsyncCallImpl::add_cgo(i, 1))).await;
        assert!(sums.iter().enumerate().all(|(i, v)| *v == i as u64 + 1));
        assert_eq!(AsyncCallImpl::add_friends_cgo(&req).await.checksum, checksum(&req));
        AsyncCallImpl::nothing_cgo().await;
        // Methods the ring cannot carry keep their export too.
        assert_eq!(AsyncCallImpl::add_inline(1, 2).await, 3);
        assert!(!AsyncCallImpl::wait_cancel(1, 1).await);
    });
    assert_eq!(shm_live_queues(), 0, "a #[cgo] call started a ring queue");

    assert_eq!(rt.block_on(AsyncCallImpl::add(1, 2)), 3);
    assert_eq!(shm_live_queues(), 1, "the first default call starts the trait's queue");
    rt.block_on(async {
        let sums = join_all((0..2000u64).map(|i| AsyncCallImpl::add(i, 1))).await;
        assert!(sums.iter().enumerate().all(|(i, v)| *v == i as u64 + 1));
        assert_eq!(AsyncCallImpl::add_friends(&req).await.checksum, checksum(&req));
    });
    assert_eq!(shm_live_queues(), 1, "one queue per trait");

    shm_shutdown();
    wait_for_no_queue();
    // The cgo path does not need the queue.
    assert_eq!(rt.block_on(AsyncCallImpl::add_cgo(2, 2)), 4);
    assert_eq!(shm_live_queues(), 0);
    assert_eq!(rt.block_on(AsyncCallImpl::add(2, 3)), 5, "a call after shm_shutdown starts the queue again");
    assert_eq!(shm_live_queues(), 1);
    shm_shutdown();
    wait_for_no_queue();
}

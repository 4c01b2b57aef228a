//! One-way `#[mem]` calls: a sync method without a result returns once the request is queued;
//! Go runs the handlers in call order, before the trait's requests queued after them, and a
//! stopping queue serves them first. One test: the steps share the trait's queue and Go's log.

use rust2go::runtime::{live_slots, shm_live_queues, shm_shutdown};
use rust2go_shm_tests::idl::{OneWay, OneWayImpl};
use std::time::{Duration, Instant};

fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn record_range(from: u64, to: u64) {
    for i in from..to {
        OneWayImpl::record(i, &format!("t{i}"));
    }
}

#[test]
fn one_way_calls_reach_go_in_order_and_are_drained() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    OneWayImpl::reset();

    // From one thread: Go sees every call, in call order, before the call queued after them.
    record_range(0, 20_000);
    let log = rt.block_on(OneWayImpl::recorded());
    assert_eq!(log, (0..20_000).collect::<Vec<u64>>());
    assert_eq!(OneWayImpl::recorded_cgo(), (log, 0), "a tag arrived wrong");

    // From four threads at once: each thread's calls stay in its order.
    OneWayImpl::reset();
    std::thread::scope(|s| {
        for t in 0..4u64 {
            s.spawn(move || record_range(t * 1_000_000, t * 1_000_000 + 5_000));
        }
    });
    let log = rt.block_on(OneWayImpl::recorded());
    assert_eq!(log.len(), 20_000);
    for t in 0..4u64 {
        let mine: Vec<u64> = log.iter().copied().filter(|v| v / 1_000_000 == t).collect();
        assert_eq!(mine, (t * 1_000_000..t * 1_000_000 + 5_000).collect::<Vec<u64>>(), "thread {t}");
    }

    // A Go panic in a one-way handler is reported (stderr) and harms nothing after it.
    OneWayImpl::reset();
    OneWayImpl::record_panic("one-way boom".into());
    record_range(0, 3);
    assert_eq!(rt.block_on(OneWayImpl::recorded()), [0, 1, 2]);

    // shm_shutdown(): the poller serves every queued one-way call before it exits.
    OneWayImpl::reset();
    record_range(0, 30_000);
    shm_shutdown();
    wait_for("the poller to exit", || shm_live_queues() == 0);
    assert_eq!(OneWayImpl::recorded_cgo().0, (0..30_000).collect::<Vec<u64>>());

    // The last handle's drop does the same; the queue starts again for it.
    OneWayImpl::reset();
    let handle = OneWayImpl::shm_handle();
    assert_eq!(shm_live_queues(), 1);
    record_range(0, 30_000);
    drop(handle);
    wait_for("the poller to exit", || shm_live_queues() == 0);
    assert_eq!(OneWayImpl::recorded_cgo().0, (0..30_000).collect::<Vec<u64>>());

    // Every one-way call's slot was freed by its completion.
    wait_for("the slots to be freed", || live_slots() == 0);
}

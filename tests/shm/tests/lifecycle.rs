//! Queue lifecycle: idle CPU, shutdown with calls in flight, restart, handles, process exit.
//! One test (the steps share the process-wide queues).

use futures::future::join_all;
use rust2go::runtime::{shm_live_queues, shm_shutdown};
use rust2go_shm_tests::idl::{ShmCall, ShmCallImpl};
use rust2go_shm_tests::{checksum, request};
use std::time::{Duration, Instant};

/// User + system CPU time of this process (from /proc/self/stat, in clock ticks of 10 ms).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    // Fields after the command name (which is in parentheses and may contain spaces).
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after the name.
    let ticks: u64 = f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap();
    Duration::from_millis(ticks * 10)
}

fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn idle_cpu_shutdown_with_calls_in_flight_and_restart() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    assert_eq!(shm_live_queues(), 0);
    rt.block_on(async {
        let r = join_all((0..5_000u64).map(|i| ShmCallImpl::add(i, i))).await;
        assert!(r.iter().enumerate().all(|(i, v)| *v == 2 * i as u64));
        // The cgo path's goroutine pool too.
        let r = join_all((0..5_000u64).map(|i| ShmCallImpl::add_cgo(i, i))).await;
        assert!(r.iter().enumerate().all(|(i, v)| *v == 2 * i as u64));
    });
    assert_eq!(shm_live_queues(), 1, "the first #[mem] call starts the trait's queue");

    // Idle: neither the Go poller, the cgo path's workers nor the Rust side may spin.
    std::thread::sleep(Duration::from_millis(300));
    let (t0, c0) = (Instant::now(), cpu_time());
    std::thread::sleep(Duration::from_secs(5));
    let (wall, cpu) = (t0.elapsed(), cpu_time() - c0);
    let share = cpu.as_secs_f64() / wall.as_secs_f64();
    eprintln!("idle CPU over {wall:?}: {cpu:?} = {:.2}% of one core", share * 100.0);
    assert!(share < 0.05, "idle CPU {:.2}% of one core", share * 100.0);

    // One handler blocked (sleeping): the poller backs off instead of looking every
    // millisecond; the same after shm_shutdown() while the handler still sleeps.
    let cpu_share = |secs: f64| {
        let (t0, c0) = (Instant::now(), cpu_time());
        std::thread::sleep(Duration::from_secs_f64(secs));
        (cpu_time() - c0).as_secs_f64() / t0.elapsed().as_secs_f64()
    };
    let req = request(7, 8);
    let blocked = rt.spawn(async { ShmCallImpl::slow_checksum(&request(7, 8), 5_000_000).await });
    std::thread::sleep(Duration::from_millis(300));
    let share = cpu_share(2.0);
    eprintln!("CPU with one blocked #[mem] handler: {:.2}% of one core", share * 100.0);
    assert!(share < 0.02, "a blocked #[mem] handler costs {:.2}% of one core", share * 100.0);
    shm_shutdown();
    let share = cpu_share(2.0);
    eprintln!("CPU after shm_shutdown with the handler blocked: {:.2}% of one core", share * 100.0);
    assert!(share < 0.02, "after shm_shutdown a blocked #[mem] handler costs {:.2}% of one core", share * 100.0);
    assert_eq!(rt.block_on(blocked).unwrap().checksum, checksum(&req), "the blocked call completes");
    wait_for("the poller to stop", || shm_live_queues() == 0);
    assert_eq!(rt.block_on(ShmCallImpl::add(1, 1)), 2, "a call after that starts the queue again");

    // Shutdown with calls in flight: none is lost, then both sides stop.
    let reqs: Vec<_> = (0..300u64).map(|i| request(i, 64)).collect();
    let futs: Vec<_> = reqs.iter().map(|r| ShmCallImpl::slow_checksum(r, 20_000)).collect();
    shm_shutdown();
    let results = rt.block_on(join_all(futs));
    for (req, res) in reqs.iter().zip(&results) {
        assert_eq!(res.checksum, checksum(req));
    }
    wait_for("the poller to stop", || shm_live_queues() == 0);

    // A later call starts the queue again.
    assert_eq!(rt.block_on(ShmCallImpl::add(40, 2)), 42);
    assert_eq!(shm_live_queues(), 1);
    shm_shutdown();
    wait_for("the restarted queue to stop", || shm_live_queues() == 0);
    // Shutting down twice, or with nothing running, is harmless.
    shm_shutdown();

    // Handles: the queue runs while one is held and stops when the last one is dropped,
    // after the calls in flight have completed.
    let first = ShmCallImpl::shm_handle();
    assert_eq!(shm_live_queues(), 1, "a handle starts the queue");
    let second = first.clone();
    drop(first);
    assert_eq!(rt.block_on(ShmCallImpl::add(1, 2)), 3);
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(shm_live_queues(), 1, "the remaining handle keeps the queue");
    let futs: Vec<_> = reqs.iter().map(|r| ShmCallImpl::slow_checksum(r, 20_000)).collect();
    drop(second);
    let results = rt.block_on(join_all(futs));
    for (req, res) in reqs.iter().zip(&results) {
        assert_eq!(res.checksum, checksum(req));
    }
    wait_for("the last handle's drop to stop the poller", || shm_live_queues() == 0);
    assert_eq!(rt.block_on(ShmCallImpl::add(2, 2)), 4, "a call after that starts the queue again");
    shm_shutdown();
    wait_for("the queue to stop", || shm_live_queues() == 0);
}

#[test]
fn process_exit_with_calls_in_flight_does_not_hang() {
    let start = Instant::now();
    // Its output is captured (not the test's), and shows it got to the exit.
    let mut child =
        rust2go_test_support::command(env!("CARGO_BIN_EXE_shm_exit")).stdout(std::process::Stdio::piped()).spawn().unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            let mut out = String::new();
            std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
            assert!(out.contains("exiting with calls in flight"), "{out}");
            break;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the process did not exit");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

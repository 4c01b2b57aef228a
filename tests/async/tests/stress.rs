//! Load, cancellation and leak tests, each on both transports of an async call: the trait's
//! ring (default methods) and the cgo path (their `#[cgo]` twins: one cgo call per call, the
//! handler on the worker pool). One test binary, run serially (they count global slots).

use futures::future::join_all;
use rust2go::runtime::GoFuture;
use rust2go_async_tests::idl::binding;
use rust2go_async_tests::idl::{AsyncCall, AsyncCallImpl, FriendsListRequest, FriendsListResponse, Stats, StatsImpl};
use rust2go_async_tests::{checksum, request};
use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The methods the tests call, on one transport.
trait Via: 'static {
    /// What the call's slot holds besides the result (the ring's memory, sized from the
    /// method's types, or nothing): for `add_glue` and for `slow_glue`.
    type AddExtra: Send + Sync;
    type Extra: Send + Sync;
    fn add(a: u64, b: u64) -> impl Future<Output = u64> + Send + Unpin + 'static;
    fn slow(req: &FriendsListRequest, sleep_us: u32) -> impl Future<Output = FriendsListResponse> + Send + Unpin + '_;
    fn meet(group: u64, n: u32) -> impl Future<Output = u32> + Send + 'static;
    /// `add` and `slow` as the generated glue returns them (to look at the slot).
    fn add_glue(a: u64, b: u64) -> GoFuture<u64, Self::AddExtra>;
    fn slow_glue(req: &FriendsListRequest, sleep_us: u32) -> GoFuture<FriendsListResponse, Self::Extra>;
}

/// Default methods: the trait's ring.
struct Ring;
/// `#[cgo]` methods: the per-call export and the worker pool.
struct Cgo;

impl Via for Ring {
    // `add(a: u64, b: u64) -> u64`: 16 bytes of arguments; a request with strings: the most.
    type AddExtra = rust2go::runtime::ShmArea<16>;
    type Extra = rust2go::runtime::ShmArea;
    fn add(a: u64, b: u64) -> impl Future<Output = u64> + Send + Unpin + 'static {
        AsyncCallImpl::add(a, b)
    }
    fn slow(req: &FriendsListRequest, sleep_us: u32) -> impl Future<Output = FriendsListResponse> + Send + Unpin + '_ {
        AsyncCallImpl::slow_checksum(req, sleep_us)
    }
    fn meet(group: u64, n: u32) -> impl Future<Output = u32> + Send + 'static {
        AsyncCallImpl::rendezvous(group, n)
    }
    fn add_glue(a: u64, b: u64) -> GoFuture<u64, Self::AddExtra> {
        binding::AsyncCall__add(a, b)
    }
    fn slow_glue(req: &FriendsListRequest, sleep_us: u32) -> GoFuture<FriendsListResponse, Self::Extra> {
        binding::AsyncCall__slow_checksum(req, sleep_us)
    }
}

impl Via for Cgo {
    type AddExtra = ();
    type Extra = ();
    fn add(a: u64, b: u64) -> impl Future<Output = u64> + Send + Unpin + 'static {
        AsyncCallImpl::add_cgo(a, b)
    }
    fn slow(req: &FriendsListRequest, sleep_us: u32) -> impl Future<Output = FriendsListResponse> + Send + Unpin + '_ {
        AsyncCallImpl::slow_checksum_cgo(req, sleep_us)
    }
    fn meet(group: u64, n: u32) -> impl Future<Output = u32> + Send + 'static {
        AsyncCallImpl::rendezvous_cgo(group, n)
    }
    fn add_glue(a: u64, b: u64) -> GoFuture<u64, Self::AddExtra> {
        binding::AsyncCall__add_cgo(a, b)
    }
    fn slow_glue(req: &FriendsListRequest, sleep_us: u32) -> GoFuture<FriendsListResponse, Self::Extra> {
        binding::AsyncCall__slow_checksum_cgo(req, sleep_us)
    }
}

/// `#[test]`s `<name>::ring` and `<name>::cgo` running `name::<Ring>()` and `name::<Cgo>()`.
macro_rules! on_both_transports {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn ring() {
                super::$name::<super::Ring>()
            }
            #[test]
            fn cgo() {
                super::$name::<super::Cgo>()
            }
        }
    )*};
}

on_both_transports!(
    ten_thousand_concurrent_calls_complete_with_distinct_results,
    handlers_that_wait_for_each_other_all_run_at_once,
    batched_small_results_race_drops_and_forgets_from_many_threads,
    drop_storm_never_corrupts_arguments_nor_leaks_slots,
    forgotten_borrowing_futures_are_sound,
    slot_states_ready_and_abandoned,
);

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn mt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// Waits until Go has no handler running and Rust holds `expect` slots.
fn settle(expect: usize) {
    let start = Instant::now();
    while StatsImpl::in_flight() != 0 || rust2go::runtime::live_slots() != expect {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "did not settle: in_flight={} live_slots={} (want {expect})",
            StatsImpl::in_flight(),
            rust2go::runtime::live_slots()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The slot count once Go is idle (earlier tests may have leaked slots on purpose).
fn baseline() -> usize {
    let start = Instant::now();
    while StatsImpl::in_flight() != 0 {
        assert!(start.elapsed() < Duration::from_secs(30), "Go never went idle");
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(50));
    rust2go::runtime::live_slots()
}

fn ten_thousand_concurrent_calls_complete_with_distinct_results<V: Via>() {
    let _g = serial();
    let base = baseline();
    mt().block_on(async {
        let reqs: Vec<_> = (0..10_000u64).map(|i| request(i, (i % 64) as usize)).collect();
        let futs = reqs.iter().map(|r| V::slow(r, 200));
        let results = join_all(futs).await;
        for (req, res) in reqs.iter().zip(&results) {
            assert_eq!(res.user_id, req.user_id);
            assert_eq!(res.checksum, checksum(req));
            assert_eq!(res.names, req.names);
        }
        let adds = join_all((0..10_000u64).map(|i| V::add(i, i))).await;
        assert!(adds.iter().enumerate().all(|(i, v)| *v == 2 * i as u64));
    });
    settle(base);
    assert_eq!(StatsImpl::mismatches(), 0);
}

/// Handlers that block until all of their group runs: every call of a group must get its own
/// goroutine, however the glue schedules them, while calls of other groups keep completing.
fn handlers_that_wait_for_each_other_all_run_at_once<V: Via>() {
    let _g = serial();
    let base = baseline();
    mt().block_on(async {
        // A pair alone, once the pool's workers (the cgo path) exist and are parked: the second
        // call is queued behind the first (blocked) one, and with no other call coming only the
        // watcher can hand it to the parked worker. On the ring, the poller is blocked in the
        // first handler and only its watchdog can start the second.
        let warm = join_all((0..2000u64).map(|i| V::add(i, 1))).await;
        assert_eq!(warm[1999], 2000);
        std::thread::sleep(Duration::from_millis(5)); // the workers stop looking and park
        let pair = join_all((0..2).map(|_| V::meet(4, 2))).await;
        assert_eq!(pair, [2, 2], "a call queued behind a blocked handler never ran");
        for (group, n) in [(1u64, 2u32), (2, 64), (3, 1000)] {
            let meet = tokio::spawn(join_all((0..n).map(move |_| V::meet(group, n))));
            // Meanwhile, quick calls are not held up behind the blocked ones.
            let adds = join_all((0..2000u64).map(|i| V::add(i, 1))).await;
            assert!(adds.iter().enumerate().all(|(i, v)| *v == i as u64 + 1));
            let met = meet.await.unwrap();
            assert!(met.iter().all(|v| *v == n), "group {group}: a call did not meet the others: {met:?}");
        }
    });
    settle(base);
}

/// Small results (delivered to Rust in batches) while 8 threads call at once and drop, forget,
/// poll-then-drop, move to another thread or await their futures: every awaited result is
/// right, and exactly the forgotten futures keep their slots.
fn batched_small_results_race_drops_and_forgets_from_many_threads<V: Via>() {
    use std::future::Future;
    use std::task::{Context, Poll};
    let _g = serial();
    let base = baseline();
    let (to_mover, moved) = std::sync::mpsc::channel::<(u64, Box<dyn Future<Output = u64> + Send + Unpin>)>();
    let mover = std::thread::spawn(move || {
        // Awaits futures that other threads created and polled first.
        for (want, fut) in moved {
            assert_eq!(futures::executor::block_on(fut), want);
        }
    });
    let forgotten: usize = std::thread::scope(|s| {
        let threads: Vec<_> = (0..8u64)
            .map(|t| {
                let to_mover = to_mover.clone();
                s.spawn(move || {
                    let waker = futures::task::noop_waker();
                    let mut cx = Context::from_waker(&waker);
                    let mut forgotten = 0;
                    for i in 0..5000u64 {
                        let mut fut = V::add(i, t);
                        match (i * 31 + t) % 5 {
                            0 => assert_eq!(futures::executor::block_on(fut), i + t),
                            1 => drop(fut),
                            2 => {
                                if let Poll::Ready(v) = std::pin::Pin::new(&mut fut).poll(&mut cx) {
                                    assert_eq!(v, i + t);
                                }
                                drop(fut);
                            }
                            3 if i % 50 == 3 => {
                                std::mem::forget(fut);
                                forgotten += 1;
                            }
                            _ => match std::pin::Pin::new(&mut fut).poll(&mut cx) {
                                Poll::Ready(v) => assert_eq!(v, i + t),
                                Poll::Pending => to_mover.send((i + t, Box::new(fut))).unwrap(),
                            },
                        }
                    }
                    forgotten
                })
            })
            .collect();
        threads.into_iter().map(|h| h.join().unwrap()).sum()
    });
    drop(to_mover);
    mover.join().unwrap();
    assert!(forgotten > 0);
    settle(base + forgotten);
}

fn drop_storm_never_corrupts_arguments_nor_leaks_slots<V: Via>() {
    let _g = serial();
    let before = StatsImpl::mismatches();
    let base = baseline();
    let rt = mt();
    rt.block_on(async {
        let mut tasks = Vec::new();
        for i in 0..4000u64 {
            tasks.push(tokio::spawn(async move {
                let req = request(i, 256);
                let fut = V::slow(&req, (i % 7) as u32 * 100);
                // Drop at a pseudo-random point: before Go finishes, around, or after.
                let deadline = Duration::from_micros((i * 7919) % 900);
                // A timeout drops the future mid-flight.
                if let Ok(r) = tokio::time::timeout(deadline, fut).await {
                    assert_eq!(r.checksum, checksum(&req));
                }
                // The borrowed request is freed here; Go must not be reading it.
                drop(req);
                let _garbage: Vec<u8> = vec![0xAA; 256];
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
    });
    settle(base);
    assert_eq!(StatsImpl::mismatches(), before, "Go saw corrupted arguments");
}

fn forgotten_borrowing_futures_are_sound<V: Via>() {
    let _g = serial();
    let base = baseline();
    let n = 200;
    for i in 0..n {
        let mut req = request(i, 512);
        let fut = V::slow(&req, 2000);
        // Safe Rust: the destructor never runs, and the borrow ends here.
        std::mem::forget(fut);
        // Overwrite and free the memory Go borrowed during the call.
        req.payload.iter_mut().for_each(|b| *b = !*b);
        req.names.clear();
        drop(req);
    }
    // Go finishes every handler; forgotten futures keep their slot (a leak, never UB).
    settle(base + n as usize);
    assert_eq!(StatsImpl::mismatches(), 0);
    // Calls keep working afterwards.
    assert_eq!(futures::executor::block_on(V::add(1, 2)), 3);
}

fn slot_states_ready_and_abandoned<V: Via>() {
    let _g = serial();
    let base = baseline();
    let req = request(3, 3);
    // A completed call: READY, then freed when the future is dropped.
    let binding_fut = V::add_glue(1, 1);
    let start = Instant::now();
    while binding_fut.state() != rust2go::runtime::SLOT_READY {
        assert!(start.elapsed() < Duration::from_secs(10));
        std::thread::yield_now();
    }
    assert_eq!(futures::executor::block_on(binding_fut), 2);
    // An abandoned call: dropped while Go sleeps; Go's completion frees the slot.
    let f = V::slow_glue(&req, 20_000);
    assert_eq!(f.state(), rust2go::runtime::SLOT_EMPTY);
    assert_eq!(rust2go::runtime::live_slots(), base + 1);
    drop(f);
    assert_eq!(rust2go::runtime::live_slots(), base + 1, "Go still holds the slot");
    settle(base);
}

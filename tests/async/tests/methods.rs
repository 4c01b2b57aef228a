//! Every async method shape, on tokio (current-thread and multi-thread) and monoio.

use rust2go_async_tests::idl::{AsyncCall, AsyncCallImpl, PMFriendRequest};
use rust2go_async_tests::{checksum, request};
use std::future::Future;

/// Runs each method shape once on one transport and checks the result: the default methods
/// (the trait's ring) or their `#[cgo]` twins (the per-call export and the worker pool).
macro_rules! method_shapes {
    ($name:ident: $add_friends:ident, $check:ident, $delete_friends:ident, $pm_friend:ident, $heavy:ident, $add:ident,
     $nothing:ident, $join_borrowed:ident) => {
        async fn $name() {
            let req = request(7, 100);
            let r = AsyncCallImpl::$add_friends(&req).await;
            assert_eq!((r.user_id, r.checksum, &r.names), (7, checksum(&req), &req.names));

            let r = AsyncCallImpl::$check(&req).await;
            assert_eq!(r.checksum, checksum(&req));

            let r = AsyncCallImpl::$delete_friends(req.clone()).await;
            assert_eq!(r.checksum, checksum(&req));

            let pm = PMFriendRequest { to: "ann".into(), body: "hi ✓".into() };
            let (resp, (back,)) = AsyncCallImpl::$pm_friend(pm.clone()).await;
            assert!(resp.ok);
            assert_eq!(resp.echoed, "ann: hi ✓");
            assert_eq!(back, pm, "drop_safe_ret gives the parameters back");

            let r = AsyncCallImpl::$heavy(&req).await;
            assert_eq!(r.checksum, checksum(&req));

            assert_eq!(AsyncCallImpl::$add(40, 2).await, 42);
            AsyncCallImpl::$nothing().await;

            let empty = request(0, 0);
            assert_eq!(AsyncCallImpl::$add_friends(&empty).await.names, Vec::<String>::new());

            // `&str` and `&[T]`: borrowed parts of owned values, the same results as owned ones.
            let text = String::from("[, ]");
            let words: Vec<String> = ["a", "β", "c"].iter().map(|w| w.to_string()).collect();
            let reqs = [request(1, 10), request(2, 0), request(3, 1000)];
            let expected = format!("β, c:{}:{}", checksum(&reqs[1]), checksum(&reqs[2]));
            assert_eq!(AsyncCallImpl::$join_borrowed(&text[1..3], &words[1..], &reqs[1..]).await, expected);
            assert_eq!(AsyncCallImpl::$join_borrowed("", &[], &[]).await, "");
        }
    };
}

method_shapes!(ring_shapes: add_friends, check, delete_friends, pm_friend, heavy, add, nothing, join_borrowed);
method_shapes!(cgo_shapes: add_friends_cgo, check_cgo, delete_friends_cgo, pm_friend_cgo, heavy_cgo, add_cgo, nothing_cgo, join_borrowed_cgo);

/// Runs each method once and checks the result; the same body for every executor.
async fn all_methods() {
    ring_shapes().await;
    cgo_shapes().await;
    let req = request(7, 100);
    let pm = PMFriendRequest { to: "ann".into(), body: "hi ✓".into() };
    let empty = request(0, 0);

    // #[go_inline]: the same results, computed while the method is called.
    let r = AsyncCallImpl::add_friends_inline(&req).await;
    assert_eq!((r.user_id, r.checksum, &r.names), (7, checksum(&req), &req.names));
    assert_eq!(AsyncCallImpl::add_friends_inline(&empty).await.names, Vec::<String>::new());
    assert_eq!(AsyncCallImpl::add_inline(40, 2).await, 42);
    let (resp, (back,)) = AsyncCallImpl::pm_friend_inline(pm.clone()).await;
    assert_eq!((resp.ok, resp.echoed.as_str(), back), (true, "ann: hi ✓", pm));

    let text = String::from("[, ]");
    let words: Vec<String> = ["a", "β", "c"].iter().map(|w| w.to_string()).collect();
    let reqs = [request(1, 10), request(2, 0), request(3, 1000)];
    let expected = format!("β, c:{}:{}", checksum(&reqs[1]), checksum(&reqs[2]));
    assert_eq!(AsyncCallImpl::join_borrowed_inline(&text[1..3], &words[1..], &reqs[1..]).await, expected);
}

#[test]
fn tokio_current_thread() {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(all_methods());
}

#[test]
fn tokio_multi_thread() {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap().block_on(async {
        // Spawned: the futures are 'static + Send.
        let handles: Vec<_> = (0..8).map(|_| tokio::spawn(all_methods())).collect();
        for h in handles {
            h.await.unwrap();
        }
    });
}

#[test]
fn monoio_runtime() {
    monoio::RuntimeBuilder::<monoio::FusionDriver>::new().enable_timer().build().unwrap().block_on(all_methods());
}

#[test]
fn futures_are_static_send_sync() {
    fn assert_static_send_sync<T: Send + Sync + 'static>(_: &T) {}
    let req = request(1, 1);
    let f = AsyncCallImpl::delete_friends(req.clone());
    assert_static_send_sync(&f);
    let f2 = AsyncCallImpl::pm_friend(PMFriendRequest { to: "a".into(), body: "b".into() });
    assert_static_send_sync(&f2);
    let f3 = AsyncCallImpl::heavy(&req);
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    assert_send_sync(&f3);
    // The same on the cgo path.
    let g = AsyncCallImpl::delete_friends_cgo(req.clone());
    assert_static_send_sync(&g);
    let g2 = AsyncCallImpl::pm_friend_cgo(PMFriendRequest { to: "a".into(), body: "b".into() });
    assert_static_send_sync(&g2);
    let g3 = AsyncCallImpl::heavy_cgo(&req);
    assert_send_sync(&g3);
    futures::executor::block_on(async {
        f.await;
        f2.await;
        f3.await;
        g.await;
        g2.await;
        g3.await;
    });
}

/// The message of the Rust panic that a Go panic in `fut`'s handler becomes.
fn go_panic_of(rt: &tokio::runtime::Runtime, fut: impl Future<Output = u32> + Send + 'static) -> String {
    let err = rt.block_on(rt.spawn(fut)).unwrap_err();
    match err.try_into_panic() {
        Ok(p) => p.downcast::<String>().map(|s| *s).unwrap_or_default(),
        Err(e) => panic!("not a panic: {e}"),
    }
}

#[test]
fn go_panic_in_async_call_reaches_rust_and_calls_keep_working() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    for (msg, method) in [
        (go_panic_of(&rt, AsyncCallImpl::boom("kaput".into())), "AsyncCall.boom "),
        (go_panic_of(&rt, AsyncCallImpl::boom_cgo("kaput".into())), "AsyncCall.boom_cgo "),
    ] {
        assert!(msg.contains(method), "{msg}");
        assert!(msg.contains("boom: kaput"), "{msg}");
        assert!(msg.contains("goroutine"), "stack trace expected: {msg}");
    }
    rt.block_on(async {
        for i in 0..1000u64 {
            assert_eq!(AsyncCallImpl::add(i, 1).await, i + 1);
            assert_eq!(AsyncCallImpl::add_cgo(i, 1).await, i + 1);
        }
    });
}

#[test]
fn dropping_a_go_context_future_cancels_the_go_context() {
    use rust2go_async_tests::idl::{Stats, StatsImpl};
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        // Completes normally: the context is not cancelled.
        assert!(!AsyncCallImpl::wait_cancel(1, 10).await);
        assert!(!StatsImpl::was_cancelled(1));

        // Dropped while Go waits (up to 20 s): Go sees its context cancelled at once.
        let ids = 100..150u64;
        let futs: Vec<_> = ids.clone().map(|id| AsyncCallImpl::wait_cancel(id, 20_000)).collect();
        let r = tokio::time::timeout(std::time::Duration::from_millis(50), futures::future::join_all(futs)).await;
        assert!(r.is_err(), "the Go calls should still be waiting");
        let start = std::time::Instant::now();
        while !ids.clone().all(StatsImpl::was_cancelled) {
            assert!(start.elapsed().as_secs() < 5, "Go did not see the cancellations");
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        // A forgotten future cancels nothing (and is still sound); it completes on its own.
        std::mem::forget(AsyncCallImpl::wait_cancel(7, 20));
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert!(!StatsImpl::was_cancelled(7));
    });
}

/// The OS thread the calling code runs on (`/proc/thread-self` names `<pid>/task/<tid>`).
fn os_thread_id() -> i64 {
    let link = std::fs::read_link("/proc/thread-self").unwrap();
    link.file_name().unwrap().to_str().unwrap().parse().unwrap()
}

#[test]
fn go_inline_runs_the_handler_on_the_calling_thread_before_the_future_is_polled() {
    let f = AsyncCallImpl::thread_id_inline();
    let caller = os_thread_id();
    // A waker that is never needed: the future is complete from the start.
    struct NeverWoken;
    impl std::task::Wake for NeverWoken {
        fn wake(self: std::sync::Arc<Self>) {}
    }
    let waker = std::task::Waker::from(std::sync::Arc::new(NeverWoken));
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut std::task::Context::from_waker(&waker)) {
        std::task::Poll::Ready(tid) => assert_eq!(tid, caller, "the Go handler ran on another thread"),
        std::task::Poll::Pending => panic!("a #[go_inline] future must be ready at its first poll"),
    }

    fn assert_static_send_sync<T: Send + Sync + 'static>(_: &T) {}
    assert_static_send_sync(&AsyncCallImpl::add_inline(1, 2));
}

#[test]
fn go_panic_in_a_go_inline_call_panics_at_the_call_and_calls_keep_working() {
    let err = std::panic::catch_unwind(|| AsyncCallImpl::boom_inline("kaput".into())).map(|_| ()).unwrap_err();
    let msg = err.downcast::<String>().map(|s| *s).unwrap_or_default();
    assert!(msg.contains("AsyncCall.boom_inline"), "{msg}");
    assert!(msg.contains("boom: kaput"), "{msg}");
    futures::executor::block_on(async {
        for i in 0..1000u64 {
            assert_eq!(AsyncCallImpl::add_inline(i, 1).await, i + 1);
        }
    });
}

//! Every async method shape as `#[mem]` calls, on tokio (current-thread and multi-thread) and monoio.

use rust2go_shm_tests::idl::{PMFriendRequest, Shape, ShmCall, ShmCallImpl, Tiny, TinyImpl};
use rust2go_shm_tests::{checksum, request};

/// Runs each method once and checks the result; the same body for every executor.
async fn all_methods() {
    let req = request(7, 100);
    let r = ShmCallImpl::add_friends(&req).await;
    assert_eq!((r.user_id, r.checksum, &r.names), (7, checksum(&req), &req.names));

    let r = ShmCallImpl::check(&req).await;
    assert_eq!(r.checksum, checksum(&req));

    let r = ShmCallImpl::delete_friends(req.clone()).await;
    assert_eq!(r.checksum, checksum(&req));

    let pm = PMFriendRequest { to: "ann".into(), body: "hi ✓".into() };
    let (resp, (back,)) = ShmCallImpl::pm_friend(pm.clone()).await;
    assert!(resp.ok);
    assert_eq!(resp.echoed, "ann: hi ✓");
    assert_eq!(back, pm, "drop_safe_ret gives the parameters back");

    let r = ShmCallImpl::heavy(&req).await;
    assert_eq!(r.checksum, checksum(&req));

    assert_eq!(ShmCallImpl::add(40, 2).await, 42);
    ShmCallImpl::nothing().await;

    let empty = request(0, 0);
    assert_eq!(ShmCallImpl::add_friends(&empty).await.names, Vec::<String>::new());

    // Errors, large results (C memory), every scalar, enums and maps.
    assert_eq!(ShmCallImpl::try_div(7, 2).await, Ok(3));
    assert_eq!(ShmCallImpl::try_div(7, 0).await, Err("division by zero".to_string()));
    let err = ShmCallImpl::try_div(7, -1).await.unwrap_err();
    assert!(err.starts_with("Go panic: negative one"), "{err}");
    for n in [0u32, 1, 255, 256, 300, 100_000] {
        let v = ShmCallImpl::big(n).await;
        assert_eq!(v.len(), n as usize);
        assert!(v.iter().enumerate().all(|(i, b)| *b == (i * 7) as u8));
    }
    let r = ShmCallImpl::scalars(true, -5, 65535, 1.5, -0.0, 'ß', (isize::MIN + 1, usize::MAX - 1)).await;
    assert_eq!((r.0, r.1, r.2, r.3), (false, 5, 0, 3.0));
    assert!(r.4 == 0.0 && r.4.is_sign_positive());
    assert_eq!(r.5, ('à', isize::MIN, usize::MAX));
    let shapes = vec![Shape::Empty, Shape::Circle { r: 2.5 }, Shape::Label("x".into(), None)];
    let mut m = std::collections::HashMap::new();
    m.insert(9u32, "nine".to_string());
    let mut want = shapes.clone();
    want.push(Shape::Label("nine".into(), Some(9)));
    assert_eq!(ShmCallImpl::shapes(shapes, &m).await, want);
    assert_eq!(TinyImpl::inc(41).await, 42);
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
    let f = ShmCallImpl::delete_friends(req.clone());
    assert_static_send_sync(&f);
    let f2 = ShmCallImpl::pm_friend(PMFriendRequest { to: "a".into(), body: "b".into() });
    assert_static_send_sync(&f2);
    let f3 = ShmCallImpl::heavy(&req);
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    assert_send_sync(&f3);
    futures::executor::block_on(async {
        f.await;
        f2.await;
        f3.await;
    });
}

#[test]
fn go_panic_in_async_call_reaches_rust_and_calls_keep_working() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let err = rt.block_on(rt.spawn(async { ShmCallImpl::boom("kaput".into()).await })).unwrap_err();
    let msg = match err.try_into_panic() {
        Ok(p) => p.downcast::<String>().map(|s| *s).unwrap_or_default(),
        Err(e) => panic!("not a panic: {e}"),
    };
    assert!(msg.contains("ShmCall.boom"), "{msg}");
    assert!(msg.contains("boom: kaput"), "{msg}");
    assert!(msg.contains("goroutine"), "stack trace expected: {msg}");
    rt.block_on(async {
        for i in 0..1000u64 {
            assert_eq!(ShmCallImpl::add(i, 1).await, i + 1);
        }
    });
}

#[test]
fn panic_nil_and_goexit_in_mem_handlers_complete_the_calls() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let err = rt
        .block_on(async { tokio::time::timeout(std::time::Duration::from_secs(20), ShmCallImpl::panics_nil()).await })
        .expect("panic(nil) must complete the call")
        .unwrap_err();
    assert!(err.starts_with("Go panic: panic(nil)"), "{err}");
    // Several at once: a Goexit ends the batch goroutine, the other requests are still served.
    let futs: Vec<_> = (0..20u32)
        .map(|i| rt.spawn(async move { tokio::time::timeout(std::time::Duration::from_secs(20), ShmCallImpl::goexit(i)).await }))
        .collect();
    for f in futs {
        let p = rt.block_on(f).unwrap_err().try_into_panic().expect("a Goexit is a failed call");
        let msg = p.downcast::<String>().map(|s| *s).unwrap_or_default();
        assert!(msg.starts_with("rust2go: Go handler ShmCall.goexit "), "{msg}");
        assert!(msg.contains(" panicked: rust2go: the handler called runtime.Goexit"), "{msg}");
    }
    rt.block_on(async {
        for i in 0..1000u64 {
            assert_eq!(ShmCallImpl::add(i, 1).await, i + 1);
        }
    });
}

#[test]
fn goexit_after_the_poller_was_replaced_completes_the_call() {
    // The handler blocks for 2 ms, so the watchdog replaces the poller, finds nothing left to
    // watch and ends before the Goexit: the goroutine that ends must deliver the completion
    // itself (the ring has no other request, so no later delivery would carry it).
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    for n in [2000u32, 1000, 5000] {
        let p = rt
            .block_on(async { tokio::time::timeout(std::time::Duration::from_secs(20), rt.spawn(ShmCallImpl::goexit(n))).await })
            .expect("the call must complete")
            .unwrap_err()
            .try_into_panic()
            .expect("a Goexit is a failed call");
        let msg = p.downcast::<String>().map(|s| *s).unwrap_or_default();
        assert!(msg.contains(" panicked: rust2go: the handler called runtime.Goexit"), "{msg}");
    }
    assert_eq!(rt.block_on(ShmCallImpl::add(20, 22)), 42, "calls keep working");
}

#[test]
fn a_goroutine_that_ends_after_a_recovered_panic_delivers_the_call() {
    // A panic in a deferred function during runtime.Goexit is recovered like any panic, but the
    // Goexit goes on: the goroutine ends, although what it recovered was a panic's value. The
    // handler blocks first, so the watchdog replaces the poller (and gives the rest of a batch
    // to helpers), finds nothing left to watch and ends: the goroutine that ends must deliver
    // the completion itself. Alone (the replaced poller ends), then several at once (helpers
    // end too).
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let check = |r: Result<Result<u32, tokio::task::JoinError>, tokio::time::error::Elapsed>| {
        let p = r.expect("the call must complete").unwrap_err().try_into_panic().expect("a failed call");
        let msg = p.downcast::<String>().map(|s| *s).unwrap_or_default();
        assert!(msg.contains(" panicked: a deferred function panicked during runtime.Goexit"), "{msg}");
    };
    let timeout = std::time::Duration::from_secs(20);
    for n in [2000u32, 1000, 5000] {
        check(rt.block_on(async { tokio::time::timeout(timeout, rt.spawn(ShmCallImpl::goexit_recovered(n))).await }));
    }
    for n in [2000u32, 5000] {
        // One task pushes them together, so that they travel in one batch.
        let all = rt.block_on(rt.spawn(async move {
            let calls = (0..4).map(|_| async move { tokio::time::timeout(timeout, tokio::spawn(ShmCallImpl::goexit_recovered(n))).await });
            futures::future::join_all(calls).await
        }));
        for r in all.unwrap() {
            check(r);
        }
    }
    assert_eq!(rt.block_on(ShmCallImpl::add(20, 22)), 42, "calls keep working");
}

//! `Result` methods and Go panics, sync and async.

use rust2go::GoPanic;
use rust2go_types_tests::idl::*;

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}

#[test]
fn go_errors_become_err() {
    assert_eq!(TypesImpl::may_fail(21, false), Ok(42));
    assert_eq!(TypesImpl::may_fail(7, true), Err("failed on 7".to_string()));
    assert_eq!(TypesImpl::may_fail_typed(5, false), Ok("5".to_string()));
    assert_eq!(TypesImpl::may_fail_typed(9, true), Err(MyError { code: 9, reason: "typed failure".into() }));
    assert_eq!(TypesImpl::unit_result(false), Ok(()));
    assert_eq!(TypesImpl::unit_result(true), Err("unit failed".to_string()));
}

#[test]
fn go_panic_in_result_method_is_err_marked_as_go_panic() {
    let err = TypesImpl::panics_result("boom".into()).unwrap_err();
    assert!(err.starts_with("Go panic: result panic: boom"), "{err}");
    assert!(err.contains("goroutine"), "stack expected: {err}");
    let typed = TypesImpl::panics_typed("bang".into()).unwrap_err();
    assert_eq!(typed.code, -1, "converted through From<GoPanic>");
    assert!(typed.reason.starts_with("Go panic: typed panic: bang"), "{}", typed.reason);
    // The runtime's marker type, as documented.
    let p = GoPanic { message: "x".into() };
    assert_eq!(String::from(p), "Go panic: x");
}

#[test]
fn go_panic_in_plain_sync_method_is_a_rust_panic_and_calls_keep_working() {
    let err = std::panic::catch_unwind(|| TypesImpl::panics_plain("kaboom".into())).unwrap_err();
    let msg = panic_message(err);
    assert!(msg.contains("Types.panics_plain panicked: plain panic: kaboom"), "{msg}");
    assert!(msg.contains("goroutine"), "{msg}");
    for i in 0..1000 {
        assert_eq!(TypesImpl::may_fail(i, false), Ok(i * 2));
    }
}

#[test]
fn async_results_and_panics() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    rt.block_on(async {
        // On the ring (default) and on the cgo path (#[cgo]).
        type Fut = std::pin::Pin<Box<dyn std::future::Future<Output = Result<u32, String>>>>;
        type MayFail = fn(u32, bool) -> Fut;
        type Panics = fn(String) -> Fut;
        let transports: [(MayFail, Panics); 2] = [
            (|n, fail| Box::pin(TypesImpl::may_fail_async(n, fail)), |msg| Box::pin(TypesImpl::panics_async(msg))),
            (|n, fail| Box::pin(TypesImpl::may_fail_async_cgo(n, fail)), |msg| Box::pin(TypesImpl::panics_async_cgo(msg))),
        ];
        for (may_fail, panics) in transports {
            assert_eq!(may_fail(4, false).await, Ok(8));
            assert_eq!(may_fail(4, true).await, Err("failed on 4".into()));
            let err = panics("late".into()).await.unwrap_err();
            assert!(err.starts_with("Go panic: async panic: late"), "{err}");
            for i in 0..1000 {
                assert_eq!(may_fail(i, false).await, Ok(i * 2));
            }
        }
        // #[go_inline]: the same outcomes (a Go panic becomes the `Err` when it is created).
        assert_eq!(TypesImpl::may_fail_inline(4, false).await, Ok(8));
        assert_eq!(TypesImpl::may_fail_inline(4, true).await, Err("failed on 4".into()));
        let err = TypesImpl::panics_inline("now".into()).await.unwrap_err();
        assert!(err.starts_with("Go panic: inline panic: now"), "{err}");
    });
}

#[test]
fn go_maps_whose_keys_collide_after_utf8_replacement_fail_the_call() {
    let p = std::panic::catch_unwind(TypesImpl::lossy_keys).expect_err("colliding keys must not be dropped silently");
    let msg = panic_message(p);
    assert!(msg.contains("rust2go: a Go map of 3 entries has keys that are distinct in Go but equal in Rust"), "{msg}");
    assert!(msg.contains("U+FFFD"), "{msg}");
    let p = std::panic::catch_unwind(TypesImpl::lossy_rune_keys).expect_err("colliding rune keys");
    assert!(panic_message(p).contains("a Go map of 2 entries has keys"));
    let err = TypesImpl::lossy_keys_result().unwrap_err();
    assert!(err.starts_with("Go panic: rust2go: a Go map of 3 entries has keys"), "{err}");
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let err = rt.block_on(TypesImpl::lossy_keys_async()).unwrap_err();
    assert!(err.starts_with("Go panic: rust2go: a Go map of 3 entries has keys"), "{err}");
    // Calls keep working, and replacement is fine where nothing collides.
    let v = TypesImpl::lossy_values();
    assert_eq!(v.len(), 2);
    assert_eq!(v["\u{FFFD}"], "\u{FFFD}");
    assert_eq!(v["k"], "v\u{FFFD}");
}

#[test]
fn panic_nil_is_a_go_panic_in_every_call_mode() {
    let p = std::panic::catch_unwind(TypesImpl::panics_nil).expect_err("panic(nil) must not return 0");
    let msg = panic_message(p);
    assert!(msg.starts_with("rust2go: Go handler Types.panics_nil ") && msg.contains(" panicked: panic(nil)"), "{msg}");
    assert!(msg.contains("goroutine"), "stack expected: {msg}");
    let err = TypesImpl::panics_nil_result().unwrap_err();
    assert!(err.starts_with("Go panic: panic(nil)"), "{err}");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let err = rt.block_on(TypesImpl::panics_nil_async()).unwrap_err();
    assert!(err.starts_with("Go panic: panic(nil)"), "{err}");
    let err = rt.block_on(TypesImpl::panics_nil_async_cgo()).unwrap_err();
    assert!(err.starts_with("Go panic: panic(nil)"), "{err}");
    assert_eq!(TypesImpl::may_fail(21, false), Ok(42), "calls keep working");
}

#[test]
fn goexit_in_an_async_handler_completes_the_call_with_an_error() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let bounded = |f| rt.block_on(async { tokio::time::timeout(std::time::Duration::from_secs(20), f).await.expect("the call must complete") });
    // The ring (default) and the cgo path (#[cgo]), twice each: the goroutine that ended is
    // replaced.
    for _ in 0..2 {
        type Fut = std::pin::Pin<Box<dyn std::future::Future<Output = Result<u32, String>>>>;
        for err in [bounded(Box::pin(TypesImpl::goexit_async()) as Fut), bounded(Box::pin(TypesImpl::goexit_async_cgo()))] {
            assert!(err.unwrap_err().starts_with("Go panic: rust2go: the handler called runtime.Goexit"));
        }
        let plain = |f: std::pin::Pin<Box<dyn std::future::Future<Output = u32>>>| {
            let p = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                rt.block_on(async { tokio::time::timeout(std::time::Duration::from_secs(20), f).await })
            }))
            .expect_err("a Goexit is a failed call");
            panic_message(p)
        };
        for (msg, method) in [
            (plain(Box::pin(TypesImpl::goexit_async_plain())), "goexit_async_plain"),
            (plain(Box::pin(TypesImpl::goexit_async_plain_cgo())), "goexit_async_plain_cgo"),
        ] {
            assert!(msg.starts_with(&format!("rust2go: Go handler Types.{method} ")), "{msg}");
            assert!(msg.contains(" panicked: rust2go: the handler called runtime.Goexit"), "{msg}");
        }
        assert_eq!(rt.block_on(TypesImpl::may_fail_async(21, false)), Ok(42), "calls keep working");
        assert_eq!(rt.block_on(TypesImpl::may_fail_async_cgo(21, false)), Ok(42), "calls keep working");
    }
    assert_eq!(TypesImpl::may_fail(21, false), Ok(42), "calls keep working");
}

/// Run in a child process by `goexit_in_a_sync_handler_ends_the_process_with_a_message` (which
/// sets the variable; without it, as in a `--ignored` run, this does nothing).
#[test]
#[ignore]
fn child_goexit_sync() {
    if std::env::var_os("R2G_CHILD_GOEXIT").is_some() {
        TypesImpl::goexit_sync();
    }
}

#[test]
fn goexit_in_a_sync_handler_ends_the_process_with_a_message() {
    let out = rust2go_test_support::command(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "child_goexit_sync", "--nocapture"])
        .env("R2G_CHILD_GOEXIT", "1")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("rust2go: the Go handler of a sync call called runtime.Goexit"), "{err}");
    // Go's own fatal error follows; its wording depends on the Go version (1.19: "internal
    // lockOSThread error", later: "runtime.Goexit called in a thread that was not created ...").
    assert!(
        err.contains("runtime.Goexit called in a thread that was not created by the Go runtime")
            || err.contains("fatal error: internal lockOSThread error"),
        "{err}"
    );
}

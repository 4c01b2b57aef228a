//! Rust → Go → Rust, sync and async, under load; panics crossing both ways.

use rust2go_g2r_tests::idl::{DemoUser, GoCall, GoCallImpl, LookupRequest};
use rust2go_g2r_tests::{fnv, DEMO_LOGS};
use std::sync::atomic::Ordering;

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}

#[test]
fn nested_sync_calls() {
    let data: Vec<u8> = (0..=255).collect();
    assert_eq!(GoCallImpl::go_hash(&data), fnv(&data));
    assert_eq!(GoCallImpl::go_hash(&vec![]), fnv(&[]));
    let before = DEMO_LOGS.load(Ordering::Relaxed);
    assert_eq!(GoCallImpl::go_greet(&DemoUser { name: "ann".into(), age: 28 }), "hello ann (28)");
    assert!(DEMO_LOGS.load(Ordering::Relaxed) > before, "demo_log ran in Rust");
    assert!(GoCallImpl::go_misc());
    let r = GoCallImpl::go_lookup_sync(&LookupRequest { key: "k".into(), n: 3 });
    assert_eq!(r.values, vec!["k-0", "k-1", "k-2"]);
    // A result larger than Go's 4 KiB scratch buffer travels through C memory.
    let expected: u64 = (0..2000).map(|i| format!("entry number {i:08} with some padding").len() as u64).sum();
    assert_eq!(GoCallImpl::go_big(2000), expected);
    assert_eq!(GoCallImpl::go_big(0), 0);
}

#[test]
fn borrowed_str_and_slice_parameters_both_ways() {
    let users: Vec<DemoUser> = ["ann", "bob", "cé"].iter().zip(20u8..).map(|(n, a)| DemoUser { name: n.to_string(), age: a }).collect();
    let sep = String::from("--; --");
    assert_eq!(GoCallImpl::go_describe(&sep[2..4], &users[1..]), "bob:21; cé:22");
    assert_eq!(GoCallImpl::go_describe("", &[]), "");
    let data: Vec<u8> = (0..=255).collect();
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    assert_eq!(rt.block_on(GoCallImpl::go_hash_slice(&data[7..])), fnv(&data[7..]));
}

#[test]
fn nested_calls_from_async_entry_points_under_load() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    rt.block_on(async {
        let reqs: Vec<LookupRequest> = (0..1000).map(|i| LookupRequest { key: format!("key{i}"), n: i % 7 }).collect();
        let results = futures::future::join_all(reqs.iter().map(GoCallImpl::go_lookup)).await;
        for (req, res) in reqs.iter().zip(&results) {
            assert_eq!(res.key, req.key);
            assert_eq!(res.values.len(), req.n as usize);
            assert!(res.values.iter().enumerate().all(|(i, v)| *v == format!("{}-{i}", req.key)));
        }
        let datas: Vec<Vec<u8>> = (0..1000u32).map(|i| i.to_le_bytes().repeat((i % 13) as usize)).collect();
        let hashes = futures::future::join_all(datas.iter().map(GoCallImpl::go_hash_async)).await;
        for (d, h) in datas.iter().zip(hashes) {
            assert_eq!(h, fnv(d));
        }
    });
}

#[test]
fn sync_nested_calls_from_many_threads() {
    let threads: Vec<_> = (0..8)
        .map(|t| {
            std::thread::spawn(move || {
                for i in 0..500u32 {
                    let data = format!("{t}-{i}").into_bytes();
                    assert_eq!(GoCallImpl::go_hash(&data), fnv(&data));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

#[test]
fn rust_panic_in_g2r_method_becomes_go_panic_then_rust_panic() {
    let err = std::panic::catch_unwind(|| GoCallImpl::go_boom("deep".into())).unwrap_err();
    let msg = panic_message(err);
    assert!(msg.contains("GoCall.go_boom panicked"), "{msg}");
    assert!(msg.contains("rust2go: Rust RustCall.boom panicked: rust boom: deep"), "{msg}");
    // Still usable.
    assert_eq!(GoCallImpl::go_hash(&vec![1]), fnv(&[1]));
}

#[test]
fn result_methods_get_errors_and_rust_panics_as_rust_panic_errors() {
    assert_eq!(GoCallImpl::go_checked(4, false), "ok: 2");
    assert_eq!(GoCallImpl::go_checked(5, false), "err: 5 is odd");
    let s = GoCallImpl::go_checked(0, true);
    assert!(s.starts_with("RustPanic: rust2go: Rust RustCall.checked_boom panicked: checked boom: from go"), "{s}");
}

#[test]
fn rust_panic_in_async_g2r_method_reaches_go() {
    quiet_expected_executor_panic();
    let s = GoCallImpl::go_async_boom("later".into());
    assert!(s.starts_with("recovered: rust2go: Rust RustCall.async_boom panicked: async boom: later"), "{s}");
}

#[test]
fn tokio_used_on_the_built_in_g2r_executor_is_a_panic_naming_set_g2r_spawner() {
    quiet_expected_executor_panic();
    let s = GoCallImpl::go_tokio_sleep();
    assert!(s.starts_with("recovered: rust2go: Rust RustCall.tokio_sleep panicked: "), "{s}");
    assert!(s.contains("there is no reactor running"), "{s}");
    assert!(s.contains("hint: async Rust methods that Go calls run on rust2go's built-in executor"), "{s}");
    assert!(s.contains("set_g2r_spawner"), "{s}");
}

/// The panics `rust_panic_in_async_g2r_method_reaches_go` and the tokio test provoke run on the
/// g2r executor's thread, whose output the test harness does not capture: keep those expected
/// reports out
/// of the suite's output (every other panic is reported by the previous hook as usual).
fn quiet_expected_executor_panic() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let on_executor = std::thread::current().name() == Some("rust2go-g2r");
            let payload = info.payload();
            let msg = payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied()).unwrap_or_default();
            let expected = msg.starts_with("async boom: ") || msg.contains("there is no reactor running");
            if !(on_executor && expected) {
                previous(info);
            }
        }));
    });
}

#[test]
fn map_arguments_whose_keys_collide_after_utf8_replacement_fail_the_call() {
    let s = GoCallImpl::go_lossy_keys();
    assert!(s.starts_with("RustPanic: rust2go: Rust RustCall.count_keys panicked: rust2go: a Go map of 3 entries has keys"), "{s}");
    assert!(s.contains("U+FFFD"), "{s}");
}

#[test]
fn parameters_named_like_generated_go_c_and_rust_names_work() {
    // out + len("abc") + len + int + char + len(handle) + scratch + errno, both directions.
    assert_eq!(GoCallImpl::go_taken_names(1, &"abc".to_string(), 10, 'A' as u32), 1 + 3 + 10 + 65 + 2);
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    assert_eq!(rt.block_on(GoCallImpl::go_taken_names_async(1, &"abcd".to_string(), 20, 300)), 1 + 4 + 20 + 300);
}

//! A Go panic that surfaces as a Rust panic points at the user's call: a call that panics at
//! once (`#[go_inline]`, like a sync call) panics at this file's line (`#[track_caller]`
//! through the generated glue), and an async call's panic, raised when the future is polled
//! by the executor, names the line of the call in its message. One test in this binary: it
//! sets the process's panic hook.

use rust2go_async_tests::idl::*;
use std::sync::{Arc, Mutex};

#[test]
fn go_panics_point_at_the_call() {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let hook_seen = seen.clone();
    std::panic::set_hook(Box::new(move |info| {
        let loc = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        hook_seen.lock().unwrap().push(loc);
    }));

    let line = line!() + 1;
    let err = std::panic::catch_unwind(|| AsyncCallImpl::boom_inline("here".into())).map(|_| ()).unwrap_err();
    let msg = err.downcast::<String>().map(|s| *s).unwrap_or_default();
    assert!(msg.contains("AsyncCall.boom_inline panicked: boom: here"), "{msg}");
    let here = format!("{}:{line}", file!());
    assert_eq!(seen.lock().unwrap().last(), Some(&here), "the panic is located at the call");

    // On both transports: the ring (default) and the per-call export (`#[cgo]`).
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    let message = |fut| {
        let err = rt.block_on(rt.spawn(fut)).unwrap_err();
        err.try_into_panic().ok().and_then(|p| p.downcast::<String>().ok()).map(|s| *s).unwrap_or_default()
    };
    let line = line!() + 1;
    let msg = message(Box::pin(AsyncCallImpl::boom("later".into())) as std::pin::Pin<Box<dyn std::future::Future<Output = u32> + Send>>);
    let call = format!("(called at {}:{line}:", file!());
    assert!(msg.contains(&format!("AsyncCall.boom {call}")), "the message names the call: {msg}");
    assert!(msg.contains("panicked: boom: later"), "{msg}");
    let line = line!() + 1;
    let msg = message(Box::pin(AsyncCallImpl::boom_cgo("later".into())));
    let call = format!("(called at {}:{line}:", file!());
    assert!(msg.contains(&format!("AsyncCall.boom_cgo {call}")), "the message names the call: {msg}");
    assert!(msg.contains("panicked: boom: later"), "{msg}");
    let _ = std::panic::take_hook();
}

//! Go objects held by Rust handles: constructors, per-object state, objects as parameters,
//! release exactly once (from many threads, with async calls in flight), constructor errors.
//!
//! The Go side counts the objects it constructed and closed; the tests of this file run one
//! at a time (`serial`) so that each can check those counts return to where they started.

use rust2go_objects_tests::idl::{Counter, CounterImpl, Registry, RegistryImpl, Snapshot, Unset, UnsetImpl};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Checks that every object is closed again, exactly once, and that no handle is left.
fn assert_all_released(closed_before: u64, expect_closed: u64) {
    assert_eq!(RegistryImpl::live(), 0, "Go objects not closed");
    assert_eq!(RegistryImpl::closed() - closed_before, expect_closed);
    assert_eq!(RegistryImpl::double_closes(), 0, "an object was closed twice");
    assert_eq!(rust2go::runtime::live_go_objects(), 0, "Rust handles left");
}

fn panic_message(r: Box<dyn std::any::Any + Send>) -> String {
    r.downcast_ref::<String>().cloned().or_else(|| r.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

#[test]
fn constructors_and_per_object_state() {
    let _s = serial();
    let closed = RegistryImpl::closed();
    let a = CounterImpl::new(5);
    let b = CounterImpl::new(100);
    assert_eq!(RegistryImpl::live(), 2);
    assert_eq!(a.add(2), 7);
    assert_eq!(b.add(1), 101);
    assert_eq!(a.add(3), 10);
    assert_eq!((a.get(), b.get()), (10, 101));
    let n = CounterImpl::named("ß-counter".into(), 1).unwrap();
    assert_eq!(n.label(), "ß-counter");
    assert_eq!(a.snapshot(), Snapshot { name: String::new(), value: 10, calls: 2 });
    assert_eq!(a.fail("no luck".into()), Err("no luck".to_string()));
    let f = n.fork();
    assert_eq!((f.label().as_str(), f.get()), ("ß-counter'", 1));
    assert_eq!(f.add(1), 2);
    assert_eq!(n.get(), 1, "a fork has its own state");
    assert!(format!("{a:?}").starts_with("CounterImpl(#"));
    drop(a);
    assert_eq!(RegistryImpl::closed() - closed, 1, "dropping a handle closes its object at once");
    assert_eq!(b.get(), 101, "the other objects are untouched");
    drop((b, n, f));
    assert_all_released(closed, 4);
}

#[test]
fn objects_as_parameters_and_across_traits() {
    let _s = serial();
    let closed = RegistryImpl::closed();
    let a = CounterImpl::new(2);
    let b = CounterImpl::new(40);
    let m = CounterImpl::merge(&a, &b);
    assert_eq!((m.get(), m.label().as_str()), (42, "merged"));
    assert_eq!(RegistryImpl::total(&a, &m), 44);
    assert_eq!(RegistryImpl::total(&a, &a), 4, "the same handle twice");
    let made = RegistryImpl::make(9);
    assert_eq!((made.add(1), made.label().as_str()), (10, "made"));
    drop((a, b, m, made));
    assert_all_released(closed, 4);
}

#[test]
fn constructor_errors() {
    let _s = serial();
    let closed = RegistryImpl::closed();
    assert_eq!(CounterImpl::named(String::new(), 1).unwrap_err(), "empty name");
    let nil = CounterImpl::named("nil".into(), 1).unwrap_err();
    assert!(nil.starts_with("Go panic: rust2go: a Counter constructor returned a nil object without an error"), "{nil}");
    let unset = std::panic::catch_unwind(UnsetImpl::new).map(|u| u.ping()).unwrap_err();
    let msg = panic_message(unset);
    assert!(msg.contains("rust2go: UnsetNew is not set: assign a constructor of Unset objects to UnsetNew in an init function"), "{msg}");
    assert_all_released(closed, 0);
}

#[test]
fn ten_thousand_objects_from_four_threads() {
    let _s = serial();
    let closed = RegistryImpl::closed();
    std::thread::scope(|s| {
        for t in 0..4u64 {
            s.spawn(move || {
                let mut kept = Vec::new();
                for i in 0..2500u64 {
                    let c = CounterImpl::new(t * 1_000_000 + i);
                    assert_eq!(c.add(1), t * 1_000_000 + i + 1);
                    // Keep some alive a while, so that handles are freed and reused interleaved.
                    if i % 3 == 0 {
                        kept.push(c);
                    }
                    if kept.len() > 50 {
                        for c in kept.drain(..25) {
                            assert_eq!(c.get() / 1_000_000, t, "each handle reaches its own object");
                        }
                    }
                }
            });
        }
    });
    assert_all_released(closed, 10_000);
}

#[test]
fn one_handle_shared_by_four_threads() {
    let _s = serial();
    let closed = RegistryImpl::closed();
    let c = Arc::new(CounterImpl::new(7));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let c = c.clone();
            std::thread::spawn(move || {
                for _ in 0..1000 {
                    c.add(1);
                }
                c.get()
            })
        })
        .collect();
    for t in threads {
        assert!(t.join().unwrap() >= 7 + 1000);
    }
    assert_eq!(c.get(), 7 + 4000);
    assert_eq!(c.snapshot().calls, 4000);
    drop(c);
    assert_all_released(closed, 1);
}

#[test]
fn dropping_a_handle_with_an_async_call_in_flight() {
    let _s = serial();
    let closed = RegistryImpl::closed();
    runtime().block_on(async {
        // The call holds the object: it is closed after the call, before its result arrives.
        let c = CounterImpl::new(3);
        let fut = c.slow_get(50);
        drop(c);
        assert_eq!(RegistryImpl::closed() - closed, 0, "closed while a call is in flight");
        assert_eq!(fut.await, 3);
        assert_eq!(RegistryImpl::closed() - closed, 1, "closed once the call is done");

        // Both handles of a call with an object parameter are held.
        let a = CounterImpl::new(1);
        let b = CounterImpl::new(10);
        let fut = tokio::spawn(a.slow_add(&b, 30));
        drop((a, b));
        assert_eq!(fut.await.unwrap(), 11);
        assert_eq!(RegistryImpl::closed() - closed, 3);

        // Dropping the future as well: Go finishes the call, then closes the object.
        let c = CounterImpl::new(4);
        let fut = c.slow_get(30);
        drop(c);
        drop(fut);
        let deadline = Instant::now() + Duration::from_secs(10);
        while RegistryImpl::closed() - closed < 4 {
            assert!(Instant::now() < deadline, "the object of a dropped call was never closed");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }

        // Many calls in flight on one object, its handle dropped at once.
        let c = CounterImpl::new(8);
        let futs: Vec<_> = (0..100).map(|i| tokio::spawn(c.slow_get(i % 7))).collect();
        drop(c);
        for f in futs {
            assert_eq!(f.await.unwrap(), 8);
        }
        // The trait method (it borrows the handle while the call is in flight) works too.
        let c = CounterImpl::new(5);
        assert_eq!(Counter::slow_get(&c, 1).await, 5);
        assert_eq!(c.inline_get().await, 5);
    });
    // The last object is closed when the runtime's block ends.
    assert_all_released(closed, 6);
}

//! Rust objects held by Go (`#[g2r(object = RustTally)]`): Go code (go/tally.go) makes them
//! with the constructors, calls them from goroutines and closes them; Rust's `Drop` must run
//! exactly once per object, never during a call, and a use after `Close` is a Go panic.
//!
//! The tests of this file run one at a time (`serial`) so that each can check that the counts
//! of live objects return to where they started.

use rust2go_objects_tests::idl::{TallyDriver, TallyDriverImpl};
use rust2go_objects_tests::{tallies_dropped, tally_double_drops};
use std::sync::{Mutex, MutexGuard};

fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Every object Go made is dropped, exactly once.
fn assert_all_dropped(dropped_before: u64, expect: u64) {
    assert_eq!(rust2go::runtime::live_rust_objects(), 0, "Rust objects still held by Go");
    assert_eq!(tallies_dropped() - dropped_before, expect);
    assert_eq!(tally_double_drops(), 0, "an object was dropped twice");
}

#[test]
fn constructors_and_per_object_state() {
    let _s = serial();
    let before = tallies_dropped();
    assert_eq!(TallyDriverImpl::basics(), "");
    assert_all_dropped(before, 3);
}

#[test]
fn ten_thousand_objects_from_four_goroutines() {
    let _s = serial();
    let before = tallies_dropped();
    let (goroutines, per) = (4u32, 2500u32);
    // Goroutine g adds g + 1 to objects starting at 0, 1, .., per - 1.
    let expect: u64 = (0..goroutines as u64).map(|g| (0..per as u64).map(|i| i + g + 1).sum::<u64>()).sum();
    assert_eq!(TallyDriverImpl::churn(goroutines, per), expect);
    assert_all_dropped(before, 10_000);
}

#[test]
fn one_object_shared_by_four_goroutines() {
    let _s = serial();
    let before = tallies_dropped();
    assert_eq!(TallyDriverImpl::shared(4, 5000), 20_000);
    assert_all_dropped(before, 1);
}

#[test]
fn constructor_errors() {
    let _s = serial();
    let before = tallies_dropped();
    let errs = TallyDriverImpl::ctor_errors();
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert_eq!(errs[0], "empty name");
    assert!(errs[1].contains("Tally.named panicked") && errs[1].contains("a tally named panic"), "{errs:?}");
    assert!(errs[2].contains("Tally.new panicked") && errs[2].contains("tally start out of range"), "{errs:?}");
    assert_all_dropped(before, 0);
}

#[test]
fn use_after_close_and_misuse_are_go_panics() {
    let _s = serial();
    let before = tallies_dropped();
    let msgs = TallyDriverImpl::misuse();
    assert_eq!(msgs[0], "rust2go: TallyImpl.add called after Close");
    assert_eq!(msgs[1], "rust2go: TallyImpl.get called on a zero value; make objects with the constructors");
    assert!(msgs[2].contains("Tally.boom panicked") && msgs[2].contains("rust boom"), "{msgs:?}");
    assert_all_dropped(before, 2);
}

/// `Close` from one goroutine while another's call on the object runs in Rust: the value is
/// dropped when that call is done, not before.
fn close_during_call(sync: bool) {
    let _s = serial();
    let before = tallies_dropped();
    let seen = TallyDriverImpl::close_during_call(300, sync);
    let (at_close, after_close, value, after_call) = (seen[0], seen[1], seen[2], seen[3]);
    assert_eq!(after_close, at_close, "Close dropped the object during a call on it");
    assert_eq!(value, 42);
    assert_eq!(after_call, at_close + 1, "the object is dropped when the call is done");
    assert_all_dropped(before, 1);
}

#[test]
fn close_while_an_async_call_is_in_flight() {
    close_during_call(false);
}

#[test]
fn close_while_a_sync_call_is_in_flight() {
    close_during_call(true);
}

#[test]
fn finalizers_drop_objects_go_never_closed() {
    let _s = serial();
    let before = tallies_dropped();
    assert_eq!(TallyDriverImpl::forget(100), 100);
    assert_all_dropped(before, 100);
}

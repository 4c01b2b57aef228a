//! Go objects held by Rust (object traits): the handle behind `<Trait>Impl`; and below, the
//! Rust objects Go holds (`#[g2r(object = T)]` traits).
//!
//! A Go object lives in its trait's handle table in Go; Rust holds only its id (an integer,
//! never a Go pointer). [`GoObject`] owns one table reference: dropping it calls the trait's
//! release export exactly once, which calls the object's `close()` (if it has one) and removes
//! it, unless async calls on it are still running: each async call takes its own reference in
//! Go before its export returns and lets go of it before it completes, so the object outlives
//! every call whatever happens to the handle or the futures. A `mem::forget`-ten handle merely
//! leaks the Go object.

use crate::runtime::call::Out;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The Go export that releases one object: `release(id, out)`.
#[doc(hidden)]
pub type ReleaseFn = unsafe extern "C" fn(id: u64, out: *mut Out);

static LIVE_OBJECTS: AtomicUsize = AtomicUsize::new(0);

/// Number of Go objects currently held by Rust handles (for leak tests).
pub fn live_go_objects() -> usize {
    LIVE_OBJECTS.load(Ordering::SeqCst)
}

#[doc(hidden)]
/// One Rust reference to a Go object. `Send + Sync`: it is an integer, and the Go
/// implementation of an object trait must be safe for concurrent use (documented).
pub struct GoObject {
    id: u64,
    release: ReleaseFn,
    trait_name: &'static str,
}

impl GoObject {
    /// Takes ownership of the reference `id` names.
    ///
    /// # Safety
    /// `id` must have been returned by a Go export that stored an object in the handle table
    /// whose release export is `release`, and must not be owned by another `GoObject`.
    pub unsafe fn new(id: u64, release: ReleaseFn, trait_name: &'static str) -> GoObject {
        LIVE_OBJECTS.fetch_add(1, Ordering::SeqCst);
        GoObject { id, release, trait_name }
    }

    /// The handle id Go looks the object up by.
    #[inline]
    pub fn id(&self) -> u64 {
        self.id
    }
}

impl Drop for GoObject {
    fn drop(&mut self) {
        let mut out = Out::empty();
        // SAFETY: by the contract of `new`, `release` is the release export of the table that
        // holds `id`, and this is its only owner; `drop` runs once, so the reference is
        // released once. `out` outlives the call.
        unsafe { (self.release)(self.id, &mut out) };
        LIVE_OBJECTS.fetch_sub(1, Ordering::SeqCst);
        if std::thread::panicking() {
            // A panic of the object's close() cannot be raised while unwinding: print it.
            if let Some(msg) = out.panic_message() {
                eprintln!("rust2go: {}.close panicked while the thread was unwinding: {msg}", self.trait_name);
            }
        } else {
            out.check(self.trait_name, "close");
        }
    }
}

impl std::fmt::Debug for GoObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}Impl(#{})", self.trait_name, self.id)
    }
}

/// Implemented by the `<Trait>Impl` handle of an object trait; generated glue passes handles
/// to Go by their id and wraps the ids Go returns.
#[doc(hidden)]
pub trait GoHandle {
    /// The Go object this handle owns.
    fn r2g_object(&self) -> &GoObject;
    /// The handle owning `object`.
    fn r2g_from_object(object: GoObject) -> Self;
    /// The id Go looks the object up by.
    #[inline]
    fn r2g_id(&self) -> u64 {
        self.r2g_object().id()
    }
}

// ---- Rust objects held by Go (`#[g2r(object = T)]` traits) ----
//
// Go holds the address of an `Arc<RustObject<T>>` (an integer in a Go struct, never
// dereferenced by Go) together with a state word of its own: the number of calls in flight on
// the object and a closed flag. A call first takes a reference in that word (and panics in Go
// if the object is closed), so the address is live for the whole call; `Close()` (or the
// finalizer) sets the flag, and whichever of it and the last call in flight sees the word
// become "closed, no calls" calls the drop export, once. An async call also owns an `Arc`
// clone inside its future, so the value outlives the future whatever the executor does.

static LIVE_RUST_OBJECTS: AtomicUsize = AtomicUsize::new(0);

/// Number of Rust objects (of `#[g2r(object = T)]` traits) whose `Drop` has not run yet.
pub fn live_rust_objects() -> usize {
    LIVE_RUST_OBJECTS.load(Ordering::SeqCst)
}

#[doc(hidden)]
/// A Rust object Go holds, counted by [`live_rust_objects`] while it is alive.
pub struct RustObject<T>(T);

impl<T> std::ops::Deref for RustObject<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Drop for RustObject<T> {
    fn drop(&mut self) {
        LIVE_RUST_OBJECTS.fetch_sub(1, Ordering::SeqCst);
    }
}

#[doc(hidden)]
/// Moves a constructed object to the heap and returns the address Go keeps (never 0).
pub fn rust_object_new<T: Send + Sync + 'static>(value: T) -> u64 {
    LIVE_RUST_OBJECTS.fetch_add(1, Ordering::SeqCst);
    Arc::into_raw(Arc::new(RustObject(value))) as usize as u64
}

#[doc(hidden)]
/// The object behind an address Go passed for a call.
///
/// # Safety
/// `addr` was returned by [`rust_object_new::<T>`](rust_object_new) and Go holds a reference
/// to it for at least `'a` (the call), so it is not dropped meanwhile.
#[inline]
pub unsafe fn rust_object_ref<'a, T>(addr: u64) -> &'a T {
    // SAFETY: the caller's contract: the address is that of a live `RustObject<T>`.
    unsafe { &(*(addr as usize as *const RustObject<T>)).0 }
}

#[doc(hidden)]
/// A new owning reference to the object behind an address Go passed for an async call (the
/// call's future keeps the object alive until it is dropped).
///
/// # Safety
/// As for [`rust_object_ref`], for the duration of this function.
pub unsafe fn rust_object_arc<T>(addr: u64) -> Arc<RustObject<T>> {
    let p = addr as usize as *const RustObject<T>;
    // SAFETY: `p` came from `Arc::into_raw` of an `Arc<RustObject<T>>` whose reference Go still
    // holds, so the strong count is at least 1 while it is incremented and re-owned here.
    unsafe {
        Arc::increment_strong_count(p);
        Arc::from_raw(p)
    }
}

#[doc(hidden)]
/// Drops Go's reference to an object (`Close()` or the finalizer, after the last call in
/// flight): the object's `Drop` runs now, unless an async call's future still owns a clone.
/// A panic of `Drop` is caught here (it must not unwind into Go) after the panic hook printed
/// it; `Close()` does not fail.
///
/// # Safety
/// `addr` was returned by [`rust_object_new::<T>`](rust_object_new) and this is called once
/// for it, when no call on it is in flight in Go.
pub unsafe fn rust_object_drop<T>(addr: u64, trait_name: &str) {
    // SAFETY: the caller's contract: Go's reference, given up once.
    let obj = unsafe { Arc::from_raw(addr as usize as *const RustObject<T>) };
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(obj))).is_err() {
        eprintln!("rust2go: dropping a {trait_name} object (Go's Close or finalizer) panicked; the panic was caught");
    }
}

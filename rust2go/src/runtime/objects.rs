//! Go objects held by Rust (object traits): the handle behind `<Trait>Impl`.
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

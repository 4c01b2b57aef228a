//! Async calls: a completion slot shared by the Rust future and the Go goroutine, on both
//! transports: the cgo path (one call into the method's Go export: `#[cgo]` methods, those the
//! ring cannot carry, every async call off Linux) and the trait's ring (`shm.rs`: default async
//! calls on Linux, `#[mem]`), whose slot also holds the call's encoded arguments.
//!
//! ## Soundness under cancellation
//! The arguments never outlive the synchronous part of the call: the Go export *copies* the
//! argument views into Go values before it returns (it then runs the handler on a goroutine);
//! on the ring the glue encodes them into the slot before the method returns. So a future
//! that borrowed its parameters may be dropped, or even `mem::forget`-ed, at any point
//! without Go ever reading freed memory. Nothing relies on `Drop` running.
//!
//! The result travels through a [`Slot`], reference-counted across the boundary: one
//! reference is held by the [`GoFuture`], one is handed to Go as a raw pointer and taken back
//! by the completion callback. Whichever side finishes last frees the slot, so Go can never
//! write into a freed slot and a forgotten future merely leaks its slot.
//!
//! ## Slot states (an `AtomicU8` of flags; no lock)
//! * `EMPTY` (no flag): Go is running the handler.
//! * `READY`: the completion callback stored the decoded result (or Go's panic message) and
//!   then set the flag (release); the future reads the result after seeing it (acquire).
//! * `ABANDONED`: the future was dropped first; the callback skips decoding and just
//!   releases Go's reference.
//! * `REGISTERING`: the future is storing its waker. The waker cell is written only by the
//!   future while it holds this flag and `READY` is not set, and read (taken) only by the
//!   callback that set `READY` while the flag was clear; so the two never touch it at once.
//!   A callback that finds the flag set leaves the waker alone, and the future, which sees
//!   `READY` when it clears its flag, completes at once instead of waiting for a wake-up.
//!
//! The call is sent to Go when the method is *called* (the future only waits), so the futures
//! are `'static` and `Send + Sync` whenever the result type is.
//!
//! ## `#[go_context]`
//! Dropping a future still `EMPTY` also calls the Go export that cancels the call's
//! `context.Context`, keyed by the slot's address. Go unregisters that key before it
//! completes the call (after completion the slot may be freed and its address reused), and the
//! dropping future still holds its reference, so the address names this call only. A
//! forgotten future cancels nothing: Go runs to the end, which only costs time.

use crate::runtime::decode::{decode_outcome, FromGo};
use std::ffi::c_void;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe, Location};
use std::pin::Pin;
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

#[doc(hidden)]
pub const SLOT_EMPTY: u8 = 0;
#[doc(hidden)]
pub const SLOT_READY: u8 = 1;
#[doc(hidden)]
pub const SLOT_ABANDONED: u8 = 2;
/// The future is storing its waker (see the module documentation).
const REGISTERING: u8 = 4;

static LIVE_SLOTS: AtomicUsize = AtomicUsize::new(0);

#[doc(hidden)]
/// Number of completion slots currently allocated (for leak tests).
pub fn live_slots() -> usize {
    LIVE_SLOTS.load(Ordering::SeqCst)
}

#[doc(hidden)]
/// The completion callback Go calls exactly once per async call (C: `R2gComplete`). A result
/// of at most 16 bytes comes in `w0`, `w1` (its bytes in memory order, `ptr` null), so that Go
/// needs no buffer for it; a larger one as `len` bytes at `ptr`.
pub type CompleteFn = unsafe extern "C" fn(slot: *const c_void, ptr: *const u8, len: usize, status: u32, w0: u64, w1: u64);

#[doc(hidden)]
/// Results of at most this many bytes travel in the completion call's two words.
pub const RESULT_WORDS: usize = 16;

#[doc(hidden)]
/// Shared state of one async call. `extra` is memory the call needs as long as Go may use it
/// (the `#[mem]` request area); in the same allocation, so a call costs one.
pub struct Slot<R, X = ()> {
    state: AtomicU8,
    /// Written by the completion callback before it sets `READY`; taken by the future after.
    result: UnsafeCell<Option<Result<R, String>>>,
    /// Guarded by the `REGISTERING` / `READY` protocol (module documentation).
    waker: UnsafeCell<Option<Waker>>,
    extra: X,
}

// SAFETY: `result` and `waker` are accessed by one side at a time, handed over by the
// release/acquire operations on `state` described in the module documentation; `R` and the
// waker move between threads, so `R: Send` is required.
unsafe impl<R: Send, X: Send> Send for Slot<R, X> {}
unsafe impl<R: Send, X: Sync> Sync for Slot<R, X> {}

impl<R, X> Slot<R, X> {
    fn new(extra: X) -> Self {
        LIVE_SLOTS.fetch_add(1, Ordering::SeqCst);
        Slot { state: AtomicU8::new(SLOT_EMPTY), result: UnsafeCell::new(None), waker: UnsafeCell::new(None), extra }
    }

    /// `SLOT_EMPTY`, `SLOT_READY` or `SLOT_ABANDONED`.
    pub fn state(&self) -> u8 {
        let s = self.state.load(Ordering::Acquire);
        if s & SLOT_READY != 0 {
            SLOT_READY
        } else {
            s & SLOT_ABANDONED
        }
    }

    /// Stores the outcome and wakes the future (the completion callback; once per call).
    fn fulfil(&self, result: Result<R, String>) {
        // SAFETY: before `READY` is set only this callback touches `result` (the future reads
        // it only after seeing `READY`).
        unsafe { *self.result.get() = Some(result) };
        let prev = self.state.fetch_or(SLOT_READY, Ordering::AcqRel);
        if prev & (REGISTERING | SLOT_ABANDONED) == 0 {
            // SAFETY: `READY` is now set and the future was not registering: it never writes
            // the waker again, so this side owns the cell.
            if let Some(w) = unsafe { (*self.waker.get()).take() } {
                w.wake();
            }
        }
    }
}

impl<R, X> Drop for Slot<R, X> {
    fn drop(&mut self) {
        LIVE_SLOTS.fetch_sub(1, Ordering::SeqCst);
    }
}

#[doc(hidden)]
/// The future of an async call into Go.
#[must_use = "the Go call runs anyway; the future only delivers its result"]
pub struct GoFuture<R, X = ()> {
    /// `None` for a `#[go_inline]` call, whose outcome is in `ready`.
    slot: Option<Arc<Slot<R, X>>>,
    ready: Option<R>,
    trait_name: &'static str,
    method: &'static str,
    /// Where the user called the method: a Go panic surfaces when the future is polled, in
    /// the executor, so its message names the call.
    caller: &'static Location<'static>,
    /// For `#[go_context]` calls: cancels the Go context when the future is dropped early.
    cancel: Option<CancelFn>,
}

#[doc(hidden)]
/// The Go export that cancels the context of a `#[go_context]` call, given its slot.
pub type CancelFn = unsafe extern "C" fn(slot: *const c_void);

#[doc(hidden)]
/// What the generated glue hands to the Go export: the slot reference Go owns and the
/// callback that completes it.
pub struct GoCompletion {
    pub slot: *const c_void,
    pub complete: CompleteFn,
}

impl<R: FromGo> GoFuture<R> {
    /// A future and the completion half for Go. The caller must pass `GoCompletion` to
    /// exactly one Go export call (or the slot leaks; never unsound).
    #[track_caller]
    pub fn new(trait_name: &'static str, method: &'static str) -> (Self, GoCompletion) {
        let (fut, done, _) = Self::with_extra(trait_name, method, ());
        (fut, done)
    }
}

impl<R: FromGo, X: Send + Sync> GoFuture<R, X> {
    /// As [`GoFuture::new`], with `extra` stored in the slot; also returns its address, valid
    /// while either reference to the slot lives.
    #[track_caller]
    pub fn with_extra(trait_name: &'static str, method: &'static str, extra: X) -> (Self, GoCompletion, *const X) {
        let slot = Arc::new(Slot::<R, X>::new(extra));
        let extra = &slot.extra as *const X;
        let go_ref = Arc::into_raw(slot.clone()) as *const c_void;
        let fut = GoFuture { slot: Some(slot), ready: None, trait_name, method, caller: Location::caller(), cancel: None };
        (fut, GoCompletion { slot: go_ref, complete: complete::<R, X> }, extra)
    }

    /// The already-complete future of a `#[go_inline]` call (Go ran the handler on the calling
    /// thread; nothing is shared with Go).
    #[track_caller]
    pub fn ready(outcome: R, trait_name: &'static str, method: &'static str) -> Self {
        GoFuture { slot: None, ready: Some(outcome), trait_name, method, caller: Location::caller(), cancel: None }
    }

    /// Makes dropping the future before completion call `cancel` with the slot (the Go side
    /// then cancels the call's `context.Context`). A forgotten future cancels nothing; that
    /// only delays Go, it is never unsound.
    pub fn with_cancel(mut self, cancel: CancelFn) -> Self {
        self.cancel = Some(cancel);
        self
    }

    /// The slot state (for tests and diagnostics).
    pub fn state(&self) -> u8 {
        self.slot.as_ref().map_or(SLOT_READY, |s| s.state())
    }
}

/// Called by Go (through a C function pointer) when the handler returned or panicked.
/// Never unwinds: any Rust panic is caught and delivered to the future instead.
unsafe extern "C" fn complete<R: FromGo, X>(slot: *const c_void, ptr: *const u8, len: usize, status: u32, w0: u64, w1: u64) {
    // SAFETY: `slot` is the reference `GoFuture::with_extra` leaked for Go with
    // `Arc::into_raw`, of this very `R` and `X` (the callback is monomorphized with them); Go
    // calls this once per call. The bytes may lie in `extra`: they are read before the
    // reference is dropped at the end.
    let slot = unsafe { Arc::from_raw(slot as *const Slot<R, X>) };
    let mut words = [0u8; RESULT_WORDS];
    words[..8].copy_from_slice(&w0.to_ne_bytes());
    words[8..].copy_from_slice(&w1.to_ne_bytes());
    let bytes: &[u8] = if ptr.is_null() {
        &words[..len.min(RESULT_WORDS)]
    } else if len == 0 {
        &[]
    } else {
        // SAFETY: Go passes `len` bytes of a live, pointer-free buffer for this call only;
        // they are decoded (copied) before returning.
        unsafe { std::slice::from_raw_parts(ptr, len) }
    };
    let _ = catch_unwind(AssertUnwindSafe(|| {
        if slot.state() == SLOT_ABANDONED {
            return;
        }
        let result = catch_unwind(AssertUnwindSafe(|| decode_outcome::<R>(bytes, status, &"")))
            .unwrap_or_else(|p| Err(format!("rust2go: decoding the result panicked: {}", panic_message(&*p))));
        slot.fulfil(result);
    }));
}


pub(crate) fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".into()
    }
}

// The result is only ever moved out, never pinned in place.
impl<R, X> Unpin for GoFuture<R, X> {}

impl<R, X> Future for GoFuture<R, X> {
    type Output = R;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R> {
        let this = self.get_mut();
        let Some(slot) = &this.slot else {
            return Poll::Ready(this.ready.take().expect("rust2go: a GoFuture was polled after it completed"));
        };
        if slot.state.load(Ordering::Acquire) & SLOT_READY == 0 {
            // Store the waker under `REGISTERING` (the callback may complete meanwhile).
            if slot.state.fetch_or(REGISTERING, Ordering::Acquire) & SLOT_READY == 0 {
                // SAFETY: `REGISTERING` is set and `READY` was not: the callback will not
                // touch the waker (module documentation); polls are not concurrent (`&mut`).
                let w = unsafe { &mut *slot.waker.get() };
                match w {
                    Some(w) if w.will_wake(cx.waker()) => {}
                    w => *w = Some(cx.waker().clone()),
                }
            }
            if slot.state.fetch_and(!REGISTERING, Ordering::AcqRel) & SLOT_READY == 0 {
                return Poll::Pending;
            }
        }
        // SAFETY: `READY` was observed with acquire ordering: the callback stored the result
        // before setting it and never touches it again.
        match unsafe { (*slot.result.get()).take() } {
            Some(Ok(v)) => Poll::Ready(v),
            Some(Err(msg)) => {
                panic!("rust2go: Go handler {}.{} (called at {}) panicked: {msg}", this.trait_name, this.method, this.caller)
            }
            None => panic!("rust2go: a GoFuture was polled after it completed"),
        }
    }
}

impl<R, X> Drop for GoFuture<R, X> {
    fn drop(&mut self) {
        let Some(slot) = &self.slot else { return };
        let abandoned = slot.state.compare_exchange(SLOT_EMPTY, SLOT_ABANDONED, Ordering::AcqRel, Ordering::Acquire).is_ok();
        if let (true, Some(cancel)) = (abandoned, self.cancel) {
            // SAFETY: `cancel` is the Go export generated for this purpose; it only looks the
            // address up in a map. The slot is alive (we hold a reference), so the address
            // names this call and no other.
            unsafe { cancel(Arc::as_ptr(slot) as *const c_void) };
        }
    }
}

#[doc(hidden)]
/// The future of a `#[drop_safe_ret]` call: yields the result and gives the parameters back.
#[must_use = "the Go call runs anyway; the future only delivers its result"]
pub struct WithParams<R, P, X = ()> {
    inner: GoFuture<R, X>,
    params: Option<P>,
}

impl<R, P, X> WithParams<R, P, X> {
    pub fn new(inner: GoFuture<R, X>, params: P) -> Self {
        WithParams { inner, params: Some(params) }
    }
}

impl<R, P: Unpin, X> Future for WithParams<R, P, X> {
    type Output = (R, P);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(R, P)> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll(cx) {
            Poll::Ready(v) => Poll::Ready((v, this.params.take().expect("polled after completion"))),
            Poll::Pending => Poll::Pending,
        }
    }
}

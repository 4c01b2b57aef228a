//! Go calls Rust (g2r): the Rust side of the generated `extern "C"` entry points.
//!
//! Arguments arrive as one flat, pointer-free Go buffer (scalars by value), valid only during
//! the call: Rust decodes owned values from it before doing anything else. Results are
//! encoded into the buffer Go lends in an [`Out`] (or C `malloc` memory when it does not fit,
//! which Go frees). A Rust panic is caught here and reported to Go (which panics, or returns an
//! error from a `Result` method); it never unwinds into Go frames.
//!
//! Async methods run on an executor: by default a small built-in one (one thread named
//! `rust2go-g2r`); [`set_g2r_spawner`] installs another (e.g. a tokio runtime's `spawn`).
//! The calling goroutine waits on a channel; the completion callback into Go carries the
//! encoded result.

use crate::runtime::call::{Out, STATUS_OK, STATUS_PANIC};
use crate::runtime::decode::Reader;
use crate::runtime::encode::ToFlat;
use crate::runtime::future::panic_message;
use std::ffi::c_void;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::task::{Context, Poll, Wake, Waker};

extern "C" {
    fn malloc(n: usize) -> *mut c_void;
}

/// A future the g2r executor runs.
pub type G2rTask = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

#[doc(hidden)]
/// The Go callback completing an async g2r call: `(handle, ptr, len, status)`.
pub type G2rCompleteFn = unsafe extern "C" fn(handle: usize, ptr: *const u8, len: usize, status: u32);

static SPAWNER: OnceLock<Box<dyn Fn(G2rTask) + Send + Sync>> = OnceLock::new();

/// Installs the executor that runs async Rust methods called from Go. Call it before the first
/// such call; returns `false` if an executor was already installed (or the default started).
///
/// ```ignore
/// // with tokio as the executor:
/// let rt = tokio::runtime::Runtime::new().unwrap();
/// let handle = rt.handle().clone();
/// rust2go::runtime::set_g2r_spawner(move |task| { handle.spawn(task); });
/// # std::mem::forget(rt);
/// ```
pub fn set_g2r_spawner(spawn: impl Fn(G2rTask) + Send + Sync + 'static) -> bool {
    SPAWNER.set(Box::new(spawn)).is_ok()
}

/// Set once the built-in executor started (no [`set_g2r_spawner`] before the first call).
static BUILTIN_EXECUTOR: AtomicBool = AtomicBool::new(false);

fn spawn(task: G2rTask) {
    SPAWNER.get_or_init(|| {
        BUILTIN_EXECUTOR.store(true, Ordering::Relaxed);
        Box::new(default_spawner())
    })(task)
}

/// The built-in executor: one thread polling tasks that are woken through a channel.
fn default_spawner() -> impl Fn(G2rTask) + Send + Sync {
    struct Task {
        fut: Mutex<Option<G2rTask>>,
        queue: mpsc::Sender<Arc<Task>>,
    }
    impl Wake for Task {
        fn wake(self: Arc<Self>) {
            let q = self.queue.clone();
            let _ = q.send(self);
        }
    }
    let (tx, rx) = mpsc::channel::<Arc<Task>>();
    std::thread::Builder::new()
        .name("rust2go-g2r".into())
        .spawn(move || {
            for task in rx {
                let waker = Waker::from(task.clone());
                let mut cx = Context::from_waker(&waker);
                let mut slot = task.fut.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(fut) = slot.as_mut() {
                    if fut.as_mut().poll(&mut cx).is_ready() {
                        *slot = None;
                    }
                }
            }
        })
        .expect("rust2go: cannot start the g2r executor thread");
    let tx = Mutex::new(tx);
    move |fut| {
        let queue = tx.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let task = Arc::new(Task { fut: Mutex::new(Some(fut)), queue: queue.clone() });
        let _ = queue.send(task);
    }
}

/// The flat argument buffer Go passed.
///
/// # Safety
/// `ptr` must point to `len` readable bytes for the duration of `f` (Go guarantees this for
/// the call), or `len` must be 0.
unsafe fn args<'a>(ptr: *const u8, len: usize) -> Reader<'a> {
    if len == 0 || ptr.is_null() {
        Reader::arguments(&[])
    } else {
        // SAFETY: the caller's contract.
        Reader::arguments(unsafe { std::slice::from_raw_parts(ptr, len) })
    }
}

/// Go's `Out` and the scratch buffer it lends for the result. The scratch pointer (Go memory)
/// is never stored in `out`, which is Go memory too: C must not write Go pointers there.
struct Lent<'a> {
    out: &'a mut Out,
    scratch: *mut u8,
    cap: usize,
}

/// # Safety
/// `out` points to a live `Out`; `scratch` to `cap` writable bytes (or is null), for the call.
unsafe fn lend<'a>(out: *mut Out, scratch: *mut u8, cap: usize) -> Lent<'a> {
    // SAFETY: the caller's contract.
    let out = unsafe { &mut *out };
    out.ptr = std::ptr::null_mut();
    out.cap = 0;
    out.len = 0;
    out.heap = 0;
    out.status = STATUS_OK;
    Lent { out, scratch, cap }
}

impl Lent<'_> {
    /// Hands `bytes` to Go: into the scratch buffer when they fit (`heap = 0`), else into
    /// `malloc` memory (`ptr`, `heap = 1`) that Go frees.
    fn put(&mut self, bytes: &[u8]) {
        self.out.len = bytes.len();
        if bytes.is_empty() {
            return;
        }
        if !self.scratch.is_null() && bytes.len() <= self.cap {
            // SAFETY: Go lent `cap` writable bytes at `scratch` for this call.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.scratch, bytes.len()) };
            return;
        }
        // SAFETY: plain C allocation of `len` bytes; checked for null below.
        let p = unsafe { malloc(bytes.len()) } as *mut u8;
        assert!(!p.is_null(), "rust2go: out of memory");
        // SAFETY: `p` has room for `len` bytes and does not overlap `bytes`.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
        self.out.ptr = p;
        self.out.heap = 1;
    }
}

fn panic_text(trait_name: &str, method: &str, p: Box<dyn std::any::Any + Send>) -> String {
    format!("rust2go: Rust {trait_name}.{method} panicked: {}", panic_message(&*p))
}

/// [`panic_text`] for an async method, with a hint when it panicked because it used tokio
/// (its timers, I/O, `spawn`) on the built-in executor, which is not tokio.
fn async_panic_text(trait_name: &str, method: &str, p: Box<dyn std::any::Any + Send>) -> String {
    let text = panic_text(trait_name, method, p);
    if BUILTIN_EXECUTOR.load(Ordering::Relaxed) && text.contains("context of a Tokio") {
        return format!(
            "{text}\nhint: async Rust methods that Go calls run on rust2go's built-in executor, which is not \
             tokio: install tokio's with rust2go::runtime::set_g2r_spawner before the first call \
             (let h = tokio::runtime::Handle::current(); set_g2r_spawner(move |task| {{ h.spawn(task); }});)"
        );
    }
    text
}

#[doc(hidden)]
/// A synchronous g2r call whose result goes through the buffer.
///
/// # Safety
/// `args_ptr`/`args_len` as for `args`; `out` and `scratch` as for `lend`.
#[allow(clippy::too_many_arguments)]
pub unsafe fn g2r_call<R: ToFlat>(
    args_ptr: *const u8,
    args_len: usize,
    scratch: *mut u8,
    scratch_cap: usize,
    out: *mut Out,
    trait_name: &str,
    method: &str,
    f: impl FnOnce(&mut Reader<'_>) -> R,
) {
    // SAFETY: the caller's contract.
    let mut out = unsafe { lend(out, scratch, scratch_cap) };
    let mut r = unsafe { args(args_ptr, args_len) };
    let mut buf = Vec::new();
    match catch_unwind(AssertUnwindSafe(|| f(&mut r).encode(&mut buf))) {
        Ok(()) => out.out.status = STATUS_OK,
        Err(p) => {
            buf.clear();
            panic_text(trait_name, method, p).encode(&mut buf);
            out.out.status = STATUS_PANIC;
        }
    }
    out.put(&buf);
}

#[doc(hidden)]
/// A synchronous g2r call whose scalar result is the C return value (the default value when
/// the method panicked; Go then sees the panic status).
///
/// # Safety
/// As for [`g2r_call`].
#[allow(clippy::too_many_arguments)]
pub unsafe fn g2r_call_scalar<R: Default>(
    args_ptr: *const u8,
    args_len: usize,
    scratch: *mut u8,
    scratch_cap: usize,
    out: *mut Out,
    trait_name: &str,
    method: &str,
    f: impl FnOnce(&mut Reader<'_>) -> R,
) -> R {
    // SAFETY: the caller's contract.
    let mut out = unsafe { lend(out, scratch, scratch_cap) };
    let mut r = unsafe { args(args_ptr, args_len) };
    match catch_unwind(AssertUnwindSafe(|| f(&mut r))) {
        Ok(v) => v,
        Err(p) => {
            let mut buf = Vec::new();
            panic_text(trait_name, method, p).encode(&mut buf);
            out.out.status = STATUS_PANIC;
            out.put(&buf);
            R::default()
        }
    }
}

#[doc(hidden)]
/// An async g2r call: `make` decodes the arguments (now, while Go's buffer is valid) and
/// returns the future; its result is sent to Go through `complete(handle, ..)`.
///
/// # Safety
/// As for `args`; `complete` is the generated Go export for this trait.
pub unsafe fn g2r_spawn<R, F>(
    args_ptr: *const u8,
    args_len: usize,
    handle: usize,
    complete: G2rCompleteFn,
    trait_name: &'static str,
    method: &'static str,
    make: impl FnOnce(&mut Reader<'_>) -> F,
) where
    R: ToFlat,
    F: Future<Output = R> + Send + 'static,
{
    // SAFETY: the caller's contract.
    let mut r = unsafe { args(args_ptr, args_len) };
    let fut = match catch_unwind(AssertUnwindSafe(|| make(&mut r))) {
        Ok(f) => f,
        Err(p) => return finish::<R>(handle, complete, Err(panic_text(trait_name, method, p))),
    };
    spawn(Box::pin(async move {
        let result = CatchUnwind(fut).await.map_err(|p| async_panic_text(trait_name, method, p));
        finish(handle, complete, result);
    }));
}

fn finish<R: ToFlat>(handle: usize, complete: G2rCompleteFn, result: Result<R, String>) {
    let mut buf = Vec::new();
    let status = match result {
        Ok(v) => match catch_unwind(AssertUnwindSafe(|| v.encode(&mut buf))) {
            Ok(()) => STATUS_OK,
            Err(p) => {
                buf.clear();
                panic_message(&*p).encode(&mut buf);
                STATUS_PANIC
            }
        },
        Err(msg) => {
            msg.encode(&mut buf);
            STATUS_PANIC
        }
    };
    // SAFETY: `complete` is the Go export for this trait; Go copies the bytes before returning
    // and looks `handle` up in its handle table (it was made by `cgo.NewHandle`).
    unsafe { complete(handle, buf.as_ptr(), buf.len(), status) };
}

/// Polls a future, turning a panic into `Err` (never unwinding into the executor or Go).
struct CatchUnwind<F>(F);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Box<dyn std::any::Any + Send>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // SAFETY: structural pinning of the only field; it is never moved out.
        let inner = unsafe { self.map_unchecked_mut(|s| &mut s.0) };
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(p) => Poll::Ready(Err(p)),
        }
    }
}

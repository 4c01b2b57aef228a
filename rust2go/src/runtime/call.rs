//! The synchronous call: the result buffer and Go panics.

use crate::runtime::decode::{decode_outcome, FromGo, Reader};
use std::cell::Cell;
use std::ffi::c_void;

extern "C" {
    fn free(p: *mut c_void);
}

#[doc(hidden)]
/// Go finished normally.
pub const STATUS_OK: u32 = 0;
#[doc(hidden)]
/// The Go handler panicked; the buffer holds Go's panic value and stack as a `String`.
pub const STATUS_PANIC: u32 = 1;

#[doc(hidden)]
/// Where Go writes a result (C: `R2gOut`).
///
/// Rust lends `ptr`/`cap` (a scratch buffer, or nothing); Go writes `len` bytes there, or
/// when they do not fit, into `malloc`ed memory that it stores in `ptr` with `heap = 1`, which
/// Rust then frees. Go never stores a Go pointer here.
#[repr(C)]
pub struct Out {
    pub ptr: *mut u8,
    pub len: usize,
    pub cap: usize,
    pub status: u32,
    pub heap: u32,
}

/// Scratch buffers larger than this are not kept for the next call.
const SCRATCH_KEEP: usize = 1 << 20;
const SCRATCH_MIN: usize = 4096;

thread_local! {
    static SCRATCH: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

impl Out {
    /// An `Out` with no lent buffer (Go mallocs if it writes anything, e.g. a panic message).
    #[inline]
    pub fn empty() -> Out {
        Out { ptr: std::ptr::null_mut(), len: 0, cap: 0, status: STATUS_OK, heap: 0 }
    }

    /// Runs a call whose result goes through the buffer, lending it this thread's scratch
    /// buffer (taken out of the thread-local, so a nested call on the same thread simply gets
    /// none), and decodes the result.
    /// `#[track_caller]` (as the generated glue and `<Trait>Impl` methods): a Go panic then
    /// panics at the user's call.
    #[inline]
    #[track_caller]
    pub fn call<R: FromGo>(trait_name: &str, method: &str, f: impl FnOnce(&mut Out)) -> R {
        let mut scratch = SCRATCH.with(|s| s.take());
        if scratch.capacity() < SCRATCH_MIN {
            scratch.reserve(SCRATCH_MIN);
        }
        let mut out = Out { ptr: scratch.as_mut_ptr(), len: 0, cap: scratch.capacity(), status: STATUS_OK, heap: 0 };
        f(&mut out);
        let result = out.decode::<R>(trait_name, method);
        if out.heap == 0 && scratch.capacity() <= SCRATCH_KEEP {
            SCRATCH.with(|s| s.set(scratch));
        } else if out.heap != 0 && out.len <= SCRATCH_KEEP {
            // Grow for next time so that results of this size avoid the malloc path.
            scratch.reserve(out.len);
            SCRATCH.with(|s| s.set(scratch));
        }
        out.release();
        // A `match`, not `unwrap_or_else`: a closure would end the `#[track_caller]` chain.
        match result {
            Ok(v) => v,
            Err(msg) => go_panicked(trait_name, method, &msg),
        }
    }

    /// The written bytes.
    fn bytes(&self) -> &[u8] {
        if self.len == 0 || self.ptr.is_null() {
            return &[];
        }
        assert!(self.heap != 0 || self.len <= self.cap, "rust2go: Go wrote past the lent buffer");
        // SAFETY: Go wrote `len` bytes at `ptr`: either inside the lent buffer (`len <= cap`,
        // checked) or in a malloc block of at least `len` bytes. Nothing else aliases it.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// The decoded result, or Go's panic message.
    fn decode<R: FromGo>(&self, trait_name: &str, method: &str) -> Result<R, String> {
        decode_outcome(self.bytes(), self.status, &format_args!("{trait_name}::{method}: "))
    }

    /// Panics if Go panicked; for calls whose result travels as the C return value.
    #[inline]
    #[track_caller]
    pub fn check(&mut self, trait_name: &str, method: &str) {
        if self.status != STATUS_OK || self.heap != 0 {
            self.check_slow(trait_name, method);
        }
    }

    #[cold]
    #[inline(never)]
    #[track_caller]
    fn check_slow(&mut self, trait_name: &str, method: &str) {
        let msg = (self.status != STATUS_OK).then(|| self.decode::<()>(trait_name, method).err().unwrap_or_default());
        self.release();
        if let Some(msg) = msg {
            go_panicked(trait_name, method, &msg);
        }
    }

    /// Go's panic message, if Go panicked; frees what Go allocated either way.
    pub(crate) fn panic_message(mut self) -> Option<String> {
        let msg = (self.status != STATUS_OK).then(|| self.decode::<()>("", "").err().unwrap_or_default());
        self.release();
        msg
    }

    #[inline]
    fn release(&mut self) {
        if self.heap != 0 {
            self.free_heap();
        }
        self.ptr = std::ptr::null_mut();
        self.len = 0;
    }

    #[cold]
    fn free_heap(&mut self) {
        if !self.ptr.is_null() {
            // SAFETY: `heap != 0` means Go allocated `ptr` with C `malloc` for this call.
            unsafe { free(self.ptr as *mut c_void) };
        }
        self.heap = 0;
    }
}

impl FromGo for () {
    fn decode(_: &mut Reader<'_>) -> Self {}
}

#[cold]
#[track_caller]
fn go_panicked(trait_name: &str, method: &str, msg: &str) -> ! {
    panic!("rust2go: Go handler {trait_name}.{method} panicked: {msg}")
}

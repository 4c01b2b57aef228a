//! Calls through the ring (default async calls on these targets, and `#[mem]` ones): requests
//! and completions travel through lock-free rings in memory that the Rust and Go sides share,
//! instead of one cgo call per call. `#[cgo]` methods and those the ring cannot carry take the
//! cgo path (`future.rs`).
//!
//! ## The shared block (one per `#[r2g]` trait with methods on the ring)
//! One `calloc` block, laid out as below (byte offsets; the Go side in `gen.go` uses the same
//! constants and checks `MAGIC`). Both rings are bounded MPMC queues with a sequence number
//! per cell (D. Vyukov's design); each cell is 64 bytes.
//! ```text
//!   0 magic u32, cap u32   8 stop u32, refs u32   16 drain fn   24 go-exited fn
//!  64 req.tail   128 req.head   192 req.park (the Go poller sleeps)
//! 256 comp.tail  320 comp.head  384 completing (a goroutine is delivering completions)
//! 448 request cells [cap]    {seq, slot, method | pusher's CPU << 32, args ptr, args len, result ptr, result cap, complete fn}
//! 448 + 64*cap completion cells [cap]  {seq, slot, heap ptr, len, status, complete fn, result ptr, result cap}
//! ```
//!
//! ## The way of a call
//! 1. Rust (any thread) encodes the arguments into the call's [`ShmArea`] (part of the
//!    completion slot's allocation: one allocation per call), pushes a descriptor onto the
//!    request ring, and wakes the Go poller only if it sleeps.
//! 2. The Go poller goroutine pops descriptors in batches of up to 64 and runs their handlers
//!    itself, one after the other. While it runs handlers, a watchdog goroutine looks every
//!    50 µs and replaces a poller stuck in one handler (by a new poller goroutine; the rest of
//!    the stuck batch goes to helper goroutines), so a slow handler never stalls the queue.
//!    Handlers that run but are slow (the poller, in handlers all along, completed fewer than
//!    one per 4 µs since the last look) get helpers on the rest of the batch too, up to
//!    GOMAXPROCS goroutines running handlers at once; while they stay slow the poller shares
//!    each batch it pops the same way.
//!    When the ring is empty it sleeps in `futex(FUTEX_WAIT)` *inside a C call*, so it holds
//!    no Go scheduler resources (shared/README "the async wake-up trap"), after looking for
//!    50 µs more, unless it runs on the CPU of the latest request it popped (each request
//!    carries its pusher's CPU), where looking would only keep the pusher off the CPU.
//! 3. Each handler's result is written into the call's result buffer and a completion is
//!    pushed. The poller delivers when the request ring runs dry (a pop finds less than a
//!    full batch) and, while requests keep coming, every 256 completions; a helper goroutine
//!    every 8 completions and at the end of its batch. Delivering means, if no other goroutine
//!    is doing so, calling the Rust function [`shm_drain`] (one Go→Rust crossing), which pops
//!    every published completion, decodes each result into its future's slot and wakes the
//!    future. So one crossing serves many calls, and nothing runs when idle. The watchdog
//!    delivers what a goroutine published (or the poller held back) before a handler blocked.
//!
//! ## Parking (no spinning when idle, batched wake-ups when busy)
//! The poller sets `req.park` to 1, re-checks the ring, and sleeps. A Rust producer, after
//! publishing a cell, swaps `park` from 1 to 0 and only then issues `FUTEX_WAKE`: while the
//! poller is busy, pushes cost no system call. (Dekker pattern: store cell / SeqCst fence /
//! load park on one side, store park / SeqCst / load cell on the other; Go's atomics are
//! sequentially consistent.) The `completing` flag works the same way on the Go side.
//!
//! ## Ownership and soundness
//! * The call's [`ShmArea`] lives inside its completion [`Slot`](crate::runtime::Slot), which
//!   Go holds a reference to (the `slot` word of the descriptor) until [`shm_drain`] hands it
//!   back through the completion. The area owns the call's *encoded arguments* (the flat
//!   format of [`ToFlat`](crate::runtime::ToFlat), written by the generated glue from the
//!   borrowed or owned parameters before the method returns; in its inline buffer when they
//!   fit, which then receives the result: Go decodes every argument before the handler runs).
//!   So a future may be dropped or `mem::forget`-ed at any time: Go never reads the caller's
//!   memory and never writes into freed memory. The slot is usually freed by the future, on
//!   the thread that allocated it (glibc's fast path; cross-thread frees contend on arenas).
//! * Go copies the result into the inline buffer (Rust memory) when it fits, else into C
//!   `malloc` memory that Rust frees. Go stores only integers (addresses of C/Rust memory as
//!   `uint64`) into the shared block, never Go pointers: the cgo rules hold under
//!   `cgocheck=1` and `GOEXPERIMENT=cgocheck2`.
//! * Results are decoded by the same `complete::<R>` function as on the cgo path (so
//!   results, Go panics and `Result` errors behave the same).
//!
//! ## Shutdown
//! The trait's [`ShmGlobal`] holds an `Arc` of its [`Queue`] once the first call (or
//! [`ShmHandle`]) started it, and each thread that pushed keeps one in a thread-local cache,
//! so that a call takes no lock and touches no shared reference count to find the queue.
//! [`shm_shutdown`], or dropping the trait's last [`ShmHandle`], takes the global's reference
//! and closes the queue: it sets a bit in the request ring's tail, so that every later push
//! fails (the thread then drops its cached queue and takes the running one, starting a new
//! queue), sets `stop` and wakes the poller. The poller keeps serving until it has popped
//! every position below the closed tail and no other goroutine runs (each one delivers before
//! it counts itself out, and the poller delivers what is left), then exits and tells Rust
//! ([`shm_go_exited`]). So no in-flight call is lost. The block is freed by the last of its
//! two owners (`refs`: the Rust queue, once no thread's cache holds it any more; the Go
//! poller). A closed queue's block therefore lives until each thread that pushed to it makes
//! its next `#[mem]` call of the trait, or exits. At process exit the sleeping poller simply
//! ends with the process.

use crate::runtime::decode::FromGo;
use crate::runtime::future::{CompleteFn, GoFuture, Slot};
use std::cell::UnsafeCell;
use std::ffi::c_void;
use std::mem::MaybeUninit;
use std::sync::atomic::{fence, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

const MAGIC: u32 = 0x5232_5348;
const OFF_CAP: usize = 4;
const OFF_STOP: usize = 8;
const OFF_REFS: usize = 12;
const OFF_DRAIN_FN: usize = 16;
const OFF_EXITED_FN: usize = 24;
const OFF_REQ_TAIL: usize = 64;
#[allow(dead_code)] // only the Go poller moves it
const OFF_REQ_HEAD: usize = 128;
const OFF_REQ_PARK: usize = 192;
#[allow(dead_code)] // only Go producers move it
const OFF_COMP_TAIL: usize = 256;
const OFF_COMP_HEAD: usize = 320;
#[allow(dead_code)] // Go's "a goroutine is delivering completions" flag
const OFF_COMPLETING: usize = 384;
const OFF_CELLS: usize = 448;
const CELL: usize = 64;
/// Set in the request ring's tail when the queue closes: a push that finds it fails (the
/// caller then takes the trait's running queue), and the poller serves the positions below it.
const TAIL_CLOSED: u64 = 1 << 63;

/// What a push onto the request ring did.
#[derive(PartialEq)]
enum Push {
    Done,
    Full,
    Closed,
}

#[doc(hidden)]
/// The most bytes of arguments and result that a call's area holds inline (larger arguments
/// go in a separate buffer, larger results come in `malloc` memory). The generated glue picks
/// a smaller area when the types bound their size (`Model::ring_inline`): a small slot is one
/// the allocator serves from its fast lists.
pub const RESULT_INLINE: usize = 256;

#[doc(hidden)]
/// The Go export that starts a trait's poller goroutine on a shared block.
pub type ShmStartFn = unsafe extern "C" fn(mem: *mut c_void);

extern "C" {
    fn calloc(n: usize, size: usize) -> *mut c_void;
    fn free(p: *mut c_void);
    fn syscall(num: std::ffi::c_long, ...) -> std::ffi::c_long;
    fn sched_getcpu() -> std::ffi::c_int;
}

#[cfg(target_arch = "x86_64")]
const SYS_FUTEX: std::ffi::c_long = 202;
#[cfg(target_arch = "aarch64")]
const SYS_FUTEX: std::ffi::c_long = 98;
const FUTEX_WAKE_PRIVATE: std::ffi::c_long = 1 | 128;

fn futex_wake(word: &AtomicU32) {
    // SAFETY: FUTEX_WAKE only uses the address of the live atomic `word` as a key.
    unsafe {
        syscall(SYS_FUTEX, word.as_ptr(), FUTEX_WAKE_PRIVATE, 1 as std::ffi::c_long, 0usize, 0usize, 0usize);
    }
}

/// Wakes the consumer behind `park` if it sleeps (called after publishing a cell).
fn notify(park: &AtomicU32) {
    fence(Ordering::SeqCst);
    if park.load(Ordering::Relaxed) == 1 && park.swap(0, Ordering::SeqCst) == 1 {
        futex_wake(park);
    }
}

/// The shared block. Copyable address; every access goes through the atomics below or
/// through cells owned by the current producer/consumer (see the ring protocol).
#[derive(Clone, Copy)]
struct Mem {
    base: *mut u8,
    cap: usize,
}

// SAFETY: `Mem` is an address of a block that lives until the last of its owners (`refs`)
// releases it; all shared state in it is accessed atomically or under the ring protocol.
unsafe impl Send for Mem {}
unsafe impl Sync for Mem {}

impl Mem {
    fn alloc(cap: usize) -> Mem {
        let size = OFF_CELLS + 2 * cap * CELL;
        // SAFETY: plain allocation; zeroed memory is a valid state for every field.
        let base = unsafe { calloc(1, size) } as *mut u8;
        assert!(!base.is_null(), "rust2go: cannot allocate the #[mem] queue ({size} bytes)");
        let m = Mem { base, cap };
        for i in 0..cap {
            m.cell_u64(OFF_CELLS, i, 0).store(i as u64, Ordering::Relaxed);
            m.cell_u64(m.comp_cells(), i, 0).store(i as u64, Ordering::Relaxed);
        }
        m.u32(OFF_CAP).store(cap as u32, Ordering::Relaxed);
        m.u32(OFF_REFS).store(2, Ordering::Relaxed);
        m.u64(OFF_DRAIN_FN).store(shm_drain as unsafe extern "C" fn(*mut c_void) as usize as u64, Ordering::Relaxed);
        m.u64(OFF_EXITED_FN).store(shm_go_exited as unsafe extern "C" fn(*mut c_void) as usize as u64, Ordering::Relaxed);
        m.u32(0).store(MAGIC, Ordering::Release);
        m
    }

    /// The block at `base`, as `alloc` made it.
    ///
    /// # Safety
    /// `base` must be a block from `alloc` that is still alive.
    unsafe fn from_base(base: *mut c_void) -> Mem {
        let base = base as *mut u8;
        // SAFETY: the caller guarantees a live block; `cap` was written before Go saw it.
        let cap = unsafe { &*(base.add(OFF_CAP) as *const AtomicU32) }.load(Ordering::Relaxed) as usize;
        Mem { base, cap }
    }

    fn u32(&self, off: usize) -> &AtomicU32 {
        // SAFETY: `off` is one of the 4-aligned header offsets inside the live block
        // (16-byte aligned by calloc); atomics may alias the Go side's atomic accesses.
        unsafe { &*(self.base.add(off) as *const AtomicU32) }
    }

    fn u64(&self, off: usize) -> &AtomicU64 {
        // SAFETY: as in `u32`, 8-aligned.
        unsafe { &*(self.base.add(off) as *const AtomicU64) }
    }

    fn comp_cells(&self) -> usize {
        OFF_CELLS + self.cap * CELL
    }

    fn cell_u64(&self, ring: usize, i: usize, word: usize) -> &AtomicU64 {
        debug_assert!(i < self.cap && word < CELL / 8);
        self.u64(ring + i * CELL + word * 8)
    }

    /// Pushes a request.
    fn push_request(&self, words: [u64; 7]) -> Push {
        let tail = self.u64(OFF_REQ_TAIL);
        let mask = (self.cap - 1) as u64;
        let mut pos = tail.load(Ordering::Relaxed);
        loop {
            if pos & TAIL_CLOSED != 0 {
                return Push::Closed;
            }
            let i = (pos & mask) as usize;
            let seq = self.cell_u64(OFF_CELLS, i, 0).load(Ordering::Acquire);
            let dif = seq.wrapping_sub(pos) as i64;
            if dif == 0 {
                match tail.compare_exchange_weak(pos, pos + 1, Ordering::Relaxed, Ordering::Relaxed) {
                    Ok(_) => {
                        // The cell is ours until we publish it with the sequence store.
                        for (w, v) in words.iter().enumerate() {
                            self.cell_u64(OFF_CELLS, i, w + 1).store(*v, Ordering::Relaxed);
                        }
                        self.cell_u64(OFF_CELLS, i, 0).store(pos + 1, Ordering::Release);
                        return Push::Done;
                    }
                    Err(p) => pos = p,
                }
            } else if dif < 0 {
                return Push::Full;
            } else {
                pos = tail.load(Ordering::Relaxed);
            }
        }
    }

    /// Pops a completion `[slot, heap ptr, len, status, complete fn, result ptr, result cap]`.
    fn pop_completion(&self) -> Option<[u64; 7]> {
        let head = self.u64(OFF_COMP_HEAD);
        let ring = self.comp_cells();
        let mask = (self.cap - 1) as u64;
        let mut pos = head.load(Ordering::Relaxed);
        loop {
            let i = (pos & mask) as usize;
            let seq = self.cell_u64(ring, i, 0).load(Ordering::Acquire);
            let dif = seq.wrapping_sub(pos + 1) as i64;
            if dif == 0 {
                match head.compare_exchange_weak(pos, pos + 1, Ordering::Relaxed, Ordering::Relaxed) {
                    Ok(_) => {
                        let mut v = [0u64; 7];
                        for (w, x) in v.iter_mut().enumerate() {
                            *x = self.cell_u64(ring, i, w + 1).load(Ordering::Relaxed);
                        }
                        self.cell_u64(ring, i, 0).store(pos + mask + 1, Ordering::Release);
                        return Some(v);
                    }
                    Err(p) => pos = p,
                }
            } else if dif < 0 {
                return None;
            } else {
                pos = head.load(Ordering::Relaxed);
            }
        }
    }

    /// Gives up one of the two references (the Rust queue, the Go poller).
    fn release(self) {
        if self.u32(OFF_REFS).fetch_sub(1, Ordering::AcqRel) == 1 {
            // SAFETY: the last owner frees the block allocated by `calloc` in `alloc`.
            unsafe { free(self.base as *mut c_void) };
        }
    }
}

static LIVE_QUEUES: AtomicUsize = AtomicUsize::new(0);

/// Number of `#[mem]` queues whose Go poller still runs (for tests).
pub fn shm_live_queues() -> usize {
    LIVE_QUEUES.load(Ordering::SeqCst)
}

#[doc(hidden)]
/// The memory of one `#[mem]` call that Go uses, kept in the call's completion slot: from the
/// push until `shm_drain` returns Go's slot reference, only Go touches it. `N` bytes inline
/// (at most [`RESULT_INLINE`]).
pub struct ShmArea<const N: usize = RESULT_INLINE> {
    /// The encoded arguments when they do not fit into `buf`.
    args: Vec<u8>,
    /// The arguments (when they fit), then the result: Go decodes (copies) every argument
    /// before it runs the handler and writes the result.
    buf: UnsafeCell<MaybeUninit<[u8; N]>>,
}

// SAFETY: the area is written before the push (by the caller, which then holds the only
// access), then only by Go's handler, then read by `shm_drain` after it popped the completion
// (ordered by the completion ring's release/acquire). The future never accesses it.
unsafe impl<const N: usize> Send for ShmArea<N> {}
unsafe impl<const N: usize> Sync for ShmArea<N> {}

thread_local! {
    /// Where the glue encodes arguments before they are copied into the request.
    static ARGS: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
    /// The queue this thread last pushed to, per trait (keyed by its `ShmGlobal`'s address).
    static QUEUES: std::cell::RefCell<Vec<(usize, Arc<Queue>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[doc(hidden)]
/// The Rust half of a running queue (its shared block); dropped when nothing uses it.
pub struct Queue {
    mem: Mem,
}

impl Queue {
    fn start(trait_name: &str, queue_size: u32, start: ShmStartFn) -> Arc<Queue> {
        assert!(queue_size.is_power_of_two() && queue_size >= 2, "rust2go: {trait_name}: queue_size must be a power of two");
        let mem = Mem::alloc(queue_size as usize);
        LIVE_QUEUES.fetch_add(1, Ordering::SeqCst);
        // SAFETY: the Go export starts a poller goroutine that keeps one reference to the
        // block (released when it exits) and follows the ring protocol above.
        unsafe { start(mem.base as *mut c_void) };
        Arc::new(Queue { mem })
    }

    /// Pushes a request; `false` when the queue is closed (the request was not pushed).
    fn push(&self, words: [u64; 7]) -> bool {
        let mut spins = 0u32;
        loop {
            match self.mem.push_request(words) {
                Push::Done => break,
                Push::Closed => return false,
                Push::Full => {}
            }
            // Full: make sure the poller runs, and let it drain.
            notify(self.mem.u32(OFF_REQ_PARK));
            spins += 1;
            if spins < 64 {
                std::thread::yield_now();
            } else {
                std::thread::sleep(std::time::Duration::from_micros(50));
            }
        }
        notify(self.mem.u32(OFF_REQ_PARK));
        true
    }

    /// Stops the queue: pushes fail from now on; the poller serves every request pushed
    /// before, waits for its handlers, then exits. Idempotent.
    fn close(&self) {
        if self.mem.u64(OFF_REQ_TAIL).fetch_or(TAIL_CLOSED, Ordering::SeqCst) & TAIL_CLOSED != 0 {
            return;
        }
        self.mem.u32(OFF_STOP).store(1, Ordering::SeqCst);
        let p = self.mem.u32(OFF_REQ_PARK);
        p.store(0, Ordering::SeqCst);
        futex_wake(p);
    }
}

impl Drop for Queue {
    fn drop(&mut self) {
        // Normally closed already (shutdown, last handle); nobody can push any more.
        self.close();
        self.mem.release();
    }
}

/// Delivers every published completion. Go calls it (through the pointer at
/// `OFF_DRAIN_FN`) from the goroutine that just published one, when no other goroutine is
/// already delivering: one Go→Rust crossing for every completion published so far. Never
/// unwinds.
unsafe extern "C" fn shm_drain(base: *mut c_void) {
    // SAFETY: Go passes its live block: the poller's reference outlasts every handler
    // goroutine (it exits only once none runs).
    let mem = unsafe { Mem::from_base(base) };
    let _ = std::panic::catch_unwind(|| {
        while let Some(c) = mem.pop_completion() {
            complete(c);
        }
    });
}

/// Called by the Go poller (pointer at `OFF_EXITED_FN`) when it exits after `stop`; it no
/// longer touches the block afterwards.
unsafe extern "C" fn shm_go_exited(base: *mut c_void) {
    // SAFETY: the poller's reference keeps the block alive until this releases it.
    let mem = unsafe { Mem::from_base(base) };
    LIVE_QUEUES.fetch_sub(1, Ordering::SeqCst);
    mem.release();
}

/// Completes one call: decodes the result into the slot (waking its future) and releases Go's
/// reference to the slot. Never unwinds (`complete::<R, ShmArea>` catches panics).
fn complete([slot, heap, len, status, complete_fn, result, cap]: [u64; 7]) {
    let (ptr, len) = if heap != 0 {
        (heap as usize as *const u8, len as usize)
    } else {
        // A length beyond the inline buffer (its size, pushed with the request, comes back
        // with the completion) would be a Go-side bug: decode at most the buffer (the decoder
        // then reports a short buffer to the future).
        (result as usize as *const u8, (len as usize).min(cap as usize).min(RESULT_INLINE))
    };
    // SAFETY: Go hands back, once, the words `shm_call` pushed: `slot` is Go's reference to
    // the slot and `complete_fn` the `complete::<R, ShmArea<N>>` of its type; `result` is the
    // inline buffer of that slot's area, `cap` its size (alive until `complete_fn` drops the reference, after
    // decoding). The bytes are `len` initialized bytes Go wrote there, or in a malloc block,
    // before publishing the completion.
    unsafe {
        let complete_fn: CompleteFn = std::mem::transmute(complete_fn as usize);
        complete_fn(slot as usize as *const c_void, ptr, len, status as u32, 0, 0);
    }
    if heap != 0 {
        // SAFETY: Go allocated it with C `malloc` for this completion only.
        unsafe { free(heap as usize as *mut c_void) };
    }
}

#[doc(hidden)]
/// A trait's queue, started by its first `#[mem]` call (a `static` in the generated glue).
pub struct ShmGlobal {
    trait_name: &'static str,
    queue_size: u32,
    start: ShmStartFn,
    queue: Mutex<Running>,
}

/// The running queue, and how many [`ShmHandle`]s keep it.
struct Running {
    queue: Option<Arc<Queue>>,
    handles: usize,
}

static REGISTRY: Mutex<Vec<&'static ShmGlobal>> = Mutex::new(Vec::new());

impl ShmGlobal {
    pub const fn new(trait_name: &'static str, queue_size: u32, start: ShmStartFn) -> ShmGlobal {
        ShmGlobal { trait_name, queue_size, start, queue: Mutex::new(Running { queue: None, handles: 0 }) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Running> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&'static self) -> Arc<Queue> {
        let mut running = self.lock();
        if let Some(q) = &running.queue {
            return q.clone();
        }
        let new = Queue::start(self.trait_name, self.queue_size, self.start);
        running.queue = Some(new.clone());
        drop(running);
        let mut reg = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
        if !reg.iter().any(|g| std::ptr::eq(*g, self)) {
            reg.push(self);
        }
        new
    }

    /// Pushes a request onto the running queue (starting one when none runs). Each thread
    /// keeps the queue it pushes to, so that a call takes no lock and touches no shared
    /// reference count; a push onto a queue closed meanwhile fails, and the thread takes the
    /// running one.
    fn push(&'static self, words: [u64; 7]) {
        let key = self as *const ShmGlobal as usize;
        let pushed = QUEUES.try_with(|cache| {
            let Ok(mut cache) = cache.try_borrow_mut() else { return false };
            let i = match cache.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    cache.push((key, self.get()));
                    cache.len() - 1
                }
            };
            while !cache[i].1.push(words) {
                // Closed: forget it (its memory goes with the last thread that kept it).
                cache[i].1 = self.get();
            }
            true
        });
        if !matches!(pushed, Ok(true)) {
            // This thread's cache is gone (thread exit) or in use.
            while !self.get().push(words) {}
        }
    }

    fn shutdown(&self) {
        let q = self.lock().queue.take();
        if let Some(q) = q {
            q.close();
        }
    }

    /// A handle that keeps this trait's queue running (starting it now if needed); the queue
    /// stops when the last handle is dropped. Generated as `<Trait>Impl::shm_handle()`.
    pub fn handle(&'static self) -> ShmHandle {
        self.lock().handles += 1;
        drop(self.get());
        ShmHandle { global: self }
    }
}

/// Keeps a trait's `#[mem]` queue running: when the last handle of the trait is dropped, its
/// poller goroutine stops as soon as the calls in flight have completed (none is lost), as
/// with [`shm_shutdown`] for that trait. A later call or handle starts the queue again.
/// Holding no handle is fine too: then the queue runs from the first call until
/// [`shm_shutdown`] or process exit.
#[must_use = "the queue stops when the last handle is dropped"]
pub struct ShmHandle {
    global: &'static ShmGlobal,
}

impl Clone for ShmHandle {
    fn clone(&self) -> Self {
        self.global.lock().handles += 1;
        ShmHandle { global: self.global }
    }
}

impl Drop for ShmHandle {
    fn drop(&mut self) {
        // Counted under the queue's lock, so a handle taken concurrently either keeps the
        // queue or starts a new one.
        let stopped = {
            let mut running = self.global.lock();
            running.handles -= 1;
            if running.handles == 0 {
                running.queue.take()
            } else {
                None
            }
        };
        if let Some(q) = stopped {
            q.close();
        }
    }
}

impl std::fmt::Debug for ShmHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShmHandle").field("trait", &self.global.trait_name).finish()
    }
}

/// Stops the `#[mem]` queues of every trait: each one's poller goroutine exits as soon as
/// its in-flight calls have completed (none is lost). A later
/// `#[mem]` call starts its trait's queue again. Process exit needs no call to this.
pub fn shm_shutdown() {
    let all: Vec<&'static ShmGlobal> = REGISTRY.lock().unwrap_or_else(|e| e.into_inner()).clone();
    for g in all {
        g.shutdown();
    }
}

#[doc(hidden)]
/// Starts a `#[mem]` call: `encode` writes the flat encoding of the parameters (copied into
/// the request, which owns it from now on), `method` is the method's index in the trait.
#[track_caller]
pub fn shm_call<R: FromGo, const N: usize>(
    global: &'static ShmGlobal,
    method: u32,
    trait_name: &'static str,
    method_name: &'static str,
    encode: impl FnOnce(&mut Vec<u8>),
) -> GoFuture<R, ShmArea<N>> {
    shm_push(global, method, trait_name, method_name, encode, None)
}

#[doc(hidden)]
/// Set in a request's method word for a one-way call: the Go poller runs it itself, in ring
/// order, before it takes the requests behind it (gen.go has the same constant).
pub const SHM_ONE_WAY: u32 = 1 << 31;

#[doc(hidden)]
/// The names of a one-way `#[mem]` method (a type per method, generated in the glue), for the
/// report of a Go panic nobody waits for.
pub trait OneWayMethod {
    /// The trait's name.
    const TRAIT: &'static str;
    /// The method's name.
    const METHOD: &'static str;
}

#[doc(hidden)]
/// A one-way `#[mem]` call (a sync method without a result): queued like any `#[mem]` call,
/// returns once the request is in the ring. Go runs the handler on the trait's poller, after
/// the one-way calls queued before it and before the requests queued after it; a Go panic in
/// it is printed to stderr (there is no caller left to receive it).
pub fn shm_oneway<M: OneWayMethod, const N: usize>(global: &'static ShmGlobal, method: u32, encode: impl FnOnce(&mut Vec<u8>)) {
    let fut = shm_push::<(), N>(global, method | SHM_ONE_WAY, M::TRAIT, M::METHOD, encode, Some(complete_oneway::<M, N>));
    // Nobody waits: the slot lives on through Go's reference until the completion frees it.
    drop(fut);
}

/// The completion of a one-way call: reports a Go panic, then drops Go's slot reference.
///
/// `shm_drain` always passes the bytes at `ptr` (the slot's area or a malloc block), never in
/// the two words, which are unused here.
unsafe extern "C" fn complete_oneway<M: OneWayMethod, const N: usize>(slot: *const c_void, ptr: *const u8, len: usize, status: u32, _w0: u64, _w1: u64) {
    // SAFETY: `slot` is the reference `GoFuture::with_extra` leaked for Go in `shm_push`, of a
    // `Slot<(), ShmArea<N>>` (this function is monomorphized with the same `N`); Go calls this
    // once. `ptr`/`len` are the completion's bytes, alive
    // until this returns (in the slot's area, or a malloc block freed after this).
    let slot = unsafe { Arc::from_raw(slot as *const Slot<(), ShmArea<N>>) };
    if status != crate::runtime::STATUS_OK {
        let bytes = if len == 0 || ptr.is_null() {
            &[][..]
        } else {
            // SAFETY: Go passes `len` initialized bytes for this completion (see above).
            unsafe { std::slice::from_raw_parts(ptr, len) }
        };
        let _ = std::panic::catch_unwind(|| {
            let msg = String::decode(&mut crate::runtime::Reader::new(bytes));
            eprintln!("rust2go: Go handler {}.{} (one-way #[mem] call) panicked: {msg}", M::TRAIT, M::METHOD);
        });
    }
    drop(slot);
}

// `#[track_caller]`: a Go panic names the user's call, as on the cgo path.
#[track_caller]
fn shm_push<R: FromGo, const N: usize>(
    global: &'static ShmGlobal,
    method: u32,
    trait_name: &'static str,
    method_name: &'static str,
    encode: impl FnOnce(&mut Vec<u8>),
    complete: Option<CompleteFn>,
) -> GoFuture<R, ShmArea<N>> {
    assert!(N <= RESULT_INLINE, "rust2go: a #[mem] area of {N} bytes (at most {RESULT_INLINE})");
    let mut scratch = ARGS.with(|a| a.take());
    scratch.clear();
    encode(&mut scratch);
    let args_len = scratch.len();
    let inline = args_len <= N;
    // The arguments are copied into the inline buffer once the slot is in place: building the
    // area with them and then moving it into the slot would copy the whole buffer again.
    let area = ShmArea {
        args: if inline { Vec::new() } else { std::mem::take(&mut scratch) },
        buf: UnsafeCell::new(MaybeUninit::uninit()),
    };
    let (fut, done, area) = GoFuture::<R, ShmArea<N>>::with_extra(trait_name, method_name, area);
    // SAFETY: `area` points into the slot, alive while Go holds its reference (`done.slot`);
    // until the push only this thread knows it, and from the push on only Go touches it,
    // until `shm_drain` hands the reference back. `buf` has N bytes.
    let (buf, args) = unsafe {
        let buf = (*area).buf.get() as *mut u8;
        if inline {
            std::ptr::copy_nonoverlapping(scratch.as_ptr(), buf, args_len);
        }
        (buf as usize as u64, (*area).args.as_ptr() as usize as u64)
    };
    if scratch.capacity() <= 1 << 16 {
        ARGS.with(|a| a.set(scratch));
    }
    let args_ptr = match (args_len, inline) {
        (0, _) => 0,
        (_, true) => buf,
        (_, false) => args,
    };
    // SAFETY: sched_getcpu only reads this thread's CPU number (-1 when unknown).
    let cpu = unsafe { sched_getcpu() } as u32;
    global.push([
        done.slot as usize as u64,
        // The Go poller does not spin on the pusher's CPU (gen.go, r2gShmSpin).
        method as u64 | (cpu as u64) << 32,
        args_ptr,
        args_len as u64,
        buf,
        N as u64,
        complete.unwrap_or(done.complete) as usize as u64,
    ]);
    fut
}

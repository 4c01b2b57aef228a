//! The fixed Go (and C) every gen.go carries, and which parts of it a model needs.

use super::GoGen;
use std::fmt::Write;

pub(super) const C_PRELUDE: &str = r#"#include <stdint.h>
#include <stdlib.h>

typedef struct R2gSlice {
	const void *ptr;
	uintptr_t len;
} R2gSlice;

typedef struct R2gOut {
	uint8_t *ptr;
	uintptr_t len;
	uintptr_t cap;
	uint32_t status;
	uint32_t heap;
} R2gOut;

typedef struct R2gMap {
	R2gSlice keys;
	R2gSlice vals;
} R2gMap;

typedef struct R2gEnum {
	uint32_t tag;
	const void *payload;
} R2gEnum;

typedef void (*R2gComplete)(const void *slot, const uint8_t *ptr, uintptr_t len, uint32_t status);

// Completes an async call: Rust decodes (copies) the bytes before returning.
static inline void r2g_complete(void *f, void *slot, void *ptr, uintptr_t len, uint32_t status) {
	((R2gComplete)f)(slot, (const uint8_t *)ptr, len, status);
}
"#;

/// C helpers of the `#[mem]` queues: the Go poller sleeps on a futex inside a C call (so a
/// sleeping poller holds no Go scheduler resources), and Go calls the Rust runtime's delivery
/// and exit functions through the pointers stored in the shared block.
pub(super) const C_SHM: &str = r#"
#if !defined(__linux__)
#error "rust2go: #[mem] methods need Linux (futex-based shared-memory queues)"
#endif
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

// Sleeps while *word == val, at most one second (the caller re-checks its condition).
static void r2g_shm_wait(uint32_t *word, uint32_t val) {
	struct timespec ts = {1, 0};
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, &ts, NULL, 0);
}

// Sleeps while *word == val, at most us microseconds.
static void r2g_shm_wait_us(uint32_t *word, uint32_t val, long us) {
	struct timespec ts = {0, us * 1000};
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, &ts, NULL, 0);
}

// Wakes one thread sleeping on word.
static void r2g_shm_wake(uint32_t *word) {
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

// Calls a Rust runtime function of the queue (delivering completions, poller exit).
static void r2g_shm_call(void *f, void *mem) {
	((void (*)(void *))f)(mem);
}
"#;

impl GoGen<'_> {
    /// `r2gSlabs` (the backing arrays of one call's argument conversion) and, when some
    /// converter carves slices from it, the slab allocator.
    pub(super) fn slabs(&self, code: &mut String) {
        if self.funcs.keys().any(|n| n.starts_with("r2gNew_") || n.starts_with("r2gOwn_")) {
            code.push_str("// r2gSlabs holds the backing arrays that one call's argument conversion takes slices from.\ntype r2gSlabs struct {\n");
            for (field, go) in &self.slab_types {
                let _ = writeln!(code, "\t{field} r2gSlab[{go}]");
            }
            code.push_str("}\n\n");
            if !self.slab_types.is_empty() {
                code.push_str(GO_SLAB_HELPERS);
            }
        }
    }

    pub(super) fn helpers(&mut self) -> String {
        let str_fn = if self.opts.go118 {
            "// r2gStr views Rust memory as a Go string without copying (Go 1.18 spelling of unsafe.String).\n\
             func r2gStr(v C.R2gSlice) (s string) {\n\tif v.len == 0 {\n\t\treturn \"\"\n\t}\n\
             \th := (*r2gStringHeader)(unsafe.Pointer(&s))\n\th.data = v.ptr\n\th.len = int(v.len)\n\treturn s\n}\n\n\
             type r2gStringHeader struct {\n\tdata unsafe.Pointer\n\tlen  int\n}\n\n"
        } else {
            "// r2gStr views Rust memory as a Go string without copying.\n\
             func r2gStr(v C.R2gSlice) string {\n\treturn unsafe.String((*byte)(v.ptr), int(v.len))\n}\n\n"
        };
        let g2r = if self.uses_g2r { GO_G2R_HELPERS } else { "" };
        let ctx = if self.uses_context { GO_CONTEXT_HELPERS } else { "" };
        let reader = if self.uses_g2r || self.uses_shm { GO_READER } else { "" };
        let shm = if self.uses_shm { GO_SHM_HELPERS } else { "" };
        format!("{str_fn}{GO_HELPERS}{ctx}{g2r}{reader}{shm}")
    }
}

/// Converting a nested argument such as `Vec<User>` with a `[]string` per user would allocate
/// once per element; slices are instead carved from a few backing arrays per element type.
const GO_SLAB_HELPERS: &str = r#"// r2gSlab hands out slices of one element type from shared backing arrays, so that converting
// nested arguments allocates a few arrays per element type rather than one per slice. The
// slices are capped at their length: appending to one never writes into its neighbour.
type r2gSlab[T any] struct {
	free []T
	next int
}

func r2gTake[T any](s *r2gSlab[T], n int) []T {
	if len(s.free) < n {
		c := n
		if c < s.next {
			c = s.next
		}
		s.next = 2 * c
		if s.next < 8 {
			s.next = 8
		}
		s.free = make([]T, c)
	}
	r := s.free[:n:n]
	s.free = s.free[n:]
	return r
}

"#;

/// Contexts of in-flight `#[go_context]` calls, cancelled from Rust when a future is dropped.
const GO_CONTEXT_HELPERS: &str = r#"// r2gCancels maps the completion slot of an in-flight #[go_context] call to its cancel func.
var r2gCancels sync.Map

// r2gContext registers the context of the call completing slot; end (idempotent, not safe
// for concurrent use) unregisters and cancels it, and must run before the call completes.
func r2gContext(slot unsafe.Pointer) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	r2gCancels.Store(uintptr(slot), cancel)
	ended := false
	return ctx, func() {
		if !ended {
			ended = true
			r2gCancels.Delete(uintptr(slot))
			cancel()
		}
	}
}

// rust2go_cancel_context is called by Rust when the future of a #[go_context] call is dropped
// before completion. The slot is alive during the call, so its address names one call.
//
//export rust2go_cancel_context
func rust2go_cancel_context(slot unsafe.Pointer) {
	if c, ok := r2gCancels.LoadAndDelete(uintptr(slot)); ok {
		c.(context.CancelFunc)()
	}
}

"#;

const GO_HELPERS: &str = r#"// r2gBuf returns the buffer Rust lent for the result, emptied.
func r2gBuf(out *C.R2gOut) []byte {
	if out.ptr == nil {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(out.ptr)), int(out.cap))[:0]
}

// r2gDone hands the encoded result to Rust. If it outgrew the lent buffer (append moved it
// into Go memory), it is copied into C memory that Rust frees: Rust never holds Go memory.
func r2gDone(out *C.R2gOut, b []byte) {
	out.len = C.uintptr_t(len(b))
	if len(b) == 0 || (out.ptr != nil && unsafe.Pointer(&b[0]) == unsafe.Pointer(out.ptr)) {
		return
	}
	p := C.malloc(C.size_t(len(b)))
	copy(unsafe.Slice((*byte)(p), len(b)), b)
	out.ptr = (*C.uint8_t)(p)
	out.heap = 1
}

// r2gRecover reports a panic of a Go handler to Rust, with its value and stack.
func r2gRecover(out *C.R2gOut) {
	if e := recover(); e != nil {
		out.status = 1
		out.heap = 0
		r2gDone(out, r2gPutStr(r2gBuf(out), fmt.Sprintf("%v\n\ngoroutine stack:\n%s", e, debug.Stack())))
	}
}

// r2gFinish completes an async call. b is Go memory without Go pointers, which cgo allows
// passing to C; Rust copies it before returning.
func r2gFinish(complete, slot unsafe.Pointer, b []byte, status uint32) {
	var p unsafe.Pointer
	if len(b) > 0 {
		p = unsafe.Pointer(&b[0])
	}
	C.r2g_complete(complete, slot, p, C.uintptr_t(len(b)), C.uint32_t(status))
}

// r2gRecoverAsync completes an async call whose handler panicked, with the panic and stack.
func r2gRecoverAsync(complete, slot unsafe.Pointer) {
	if e := recover(); e != nil {
		r2gFinish(complete, slot, r2gPutStr(nil, fmt.Sprintf("%v\n\ngoroutine stack:\n%s", e, debug.Stack())), 1)
	}
}

func r2gBoolToC(v bool) C.uint8_t {
	if v {
		return 1
	}
	return 0
}

// r2gCloneStr copies a string into Go memory (arguments point into Rust memory that is
// valid only during the call).
func r2gCloneStr(s string) string {
	if len(s) == 0 {
		return ""
	}
	return string(append([]byte(nil), s...))
}

func r2gPut8(b []byte, v uint8) []byte {
	return append(b, v)
}

func r2gPutBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func r2gPut16(b []byte, v uint16) []byte {
	return r2gPutRaw(b, unsafe.Pointer(&v), 2)
}

func r2gPut32(b []byte, v uint32) []byte {
	return r2gPutRaw(b, unsafe.Pointer(&v), 4)
}

func r2gPut64(b []byte, v uint64) []byte {
	return r2gPutRaw(b, unsafe.Pointer(&v), 8)
}

func r2gPutLen(b []byte, n int) []byte {
	return r2gPut64(b, uint64(n))
}

func r2gPutStr(b []byte, s string) []byte {
	return append(r2gPutLen(b, len(s)), s...)
}

// r2gPutRaw appends n bytes at p in native byte order (the result format is process-local).
func r2gPutRaw(b []byte, p unsafe.Pointer, n int) []byte {
	if n == 0 {
		return b
	}
	return append(b, unsafe.Slice((*byte)(p), n)...)
}

"#;

const GO_G2R_HELPERS: &str = r#"// RustPanic is the error a Result method of a #[g2r] trait returns when the Rust
// implementation panicked.
type RustPanic struct {
	Message string
}

func (p RustPanic) Error() string { return p.Message }

const r2gScratchSize = 4096

// r2gScratchPool lends Rust a buffer for results of g2r calls (larger results come in C
// memory that Go frees).
var r2gScratchPool = sync.Pool{New: func() interface{} { return new([r2gScratchSize]byte) }}

func r2gBytesPtr(b []byte) *C.uint8_t {
	if len(b) == 0 {
		return nil
	}
	return (*C.uint8_t)(unsafe.Pointer(&b[0]))
}

// r2gG2rBytes returns the result bytes Rust wrote (copying and freeing C memory).
func r2gG2rBytes(out *C.R2gOut, sc *[r2gScratchSize]byte) ([]byte, uint32) {
	if out.heap != 0 {
		b := C.GoBytes(unsafe.Pointer(out.ptr), C.int(out.len))
		C.free(unsafe.Pointer(out.ptr))
		return b, uint32(out.status)
	}
	return sc[:out.len:out.len], uint32(out.status)
}

// r2gG2rCheck turns a Rust panic into a Go panic with Rust's message.
func r2gG2rCheck(b []byte, status uint32) {
	if status != 0 {
		panic((&r2gReader{b: b}).str())
	}
}

type r2gG2rDone struct {
	b      []byte
	status uint32
}

"#;

const GO_READER: &str = r#"// r2gReader decodes the flat format Rust writes (native byte order).
type r2gReader struct {
	b []byte
	i int
}

func (r *r2gReader) take(n int) []byte {
	s := r.b[r.i : r.i+n]
	r.i += n
	return s
}

func (r *r2gReader) u8() uint8   { return r.take(1)[0] }
func (r *r2gReader) u16() uint16 { return *(*uint16)(unsafe.Pointer(&r.take(2)[0])) }
func (r *r2gReader) u32() uint32 { return *(*uint32)(unsafe.Pointer(&r.take(4)[0])) }
func (r *r2gReader) u64() uint64 { return *(*uint64)(unsafe.Pointer(&r.take(8)[0])) }
func (r *r2gReader) len() int    { return int(r.u64()) }
func (r *r2gReader) str() string { return string(r.take(r.len())) }

func (r *r2gReader) bytes() []byte {
	n := r.len()
	if n == 0 {
		return nil
	}
	return append([]byte(nil), r.take(n)...)
}

"#;

/// The Go side of the `#[mem]` queues; the layout is described in rust2go's runtime/shm.rs.
const GO_SHM_HELPERS: &str = r#"// The shared block of a #[mem] queue (layout: rust2go runtime/shm.rs). Go stores only
// integers into it, never Go pointers.
const (
	r2gShmMagic       = 0x52325348
	r2gShmOffCap      = 4
	r2gShmOffStop     = 8
	r2gShmOffDrainFn  = 16
	r2gShmOffExitFn   = 24
	r2gShmOffReqHead  = 128
	r2gShmOffReqPark  = 192
	r2gShmOffCompTail = 256
	r2gShmOffCompHead = 320
	r2gShmOffComplete = 384
	r2gShmOffCells    = 448
	r2gShmCell        = 64
)

type r2gShm struct {
	base    unsafe.Pointer // C memory
	mask    uint64
	running int64 // batch goroutines that may still touch the block
}

// r2gShmReq is a request popped from the request ring. args and res point into memory the
// Rust request owns until Go publishes its completion.
type r2gShmReq struct {
	slot     uint64 // Rust's completion slot, handed back with the completion
	method   uint64
	argsPtr  unsafe.Pointer
	argsLen  int
	res      unsafe.Pointer
	resCap   int
	complete uint64 // the Rust function that completes the slot
}

func r2gShmOpen(base unsafe.Pointer) *r2gShm {
	if atomic.LoadUint32((*uint32)(base)) != r2gShmMagic {
		panic("rust2go: #[mem] queue layout mismatch (Rust runtime and gen.go of different versions)")
	}
	n := atomic.LoadUint32((*uint32)(unsafe.Add(base, r2gShmOffCap)))
	return &r2gShm{base: base, mask: uint64(n) - 1}
}

func (q *r2gShm) u32(off uintptr) *uint32 { return (*uint32)(unsafe.Add(q.base, off)) }
func (q *r2gShm) u64(off uintptr) *uint64 { return (*uint64)(unsafe.Add(q.base, off)) }

func (q *r2gShm) reqCell(pos uint64) unsafe.Pointer {
	return unsafe.Add(q.base, r2gShmOffCells+uintptr(pos&q.mask)*r2gShmCell)
}

func (q *r2gShm) compCell(pos uint64) unsafe.Pointer {
	return unsafe.Add(q.base, r2gShmOffCells+uintptr(q.mask+1)*r2gShmCell+uintptr(pos&q.mask)*r2gShmCell)
}

func r2gWord(cell unsafe.Pointer, i uintptr) *uint64 { return (*uint64)(unsafe.Add(cell, i*8)) }

// pop takes the next request (the poller is the only consumer).
func (q *r2gShm) pop() (r r2gShmReq, ok bool) {
	head := q.u64(r2gShmOffReqHead)
	pos := atomic.LoadUint64(head)
	cell := q.reqCell(pos)
	if atomic.LoadUint64(r2gWord(cell, 0)) != pos+1 {
		return r, false
	}
	r.slot = *r2gWord(cell, 1)
	r.method = *r2gWord(cell, 2)
	r.argsPtr = *(*unsafe.Pointer)(unsafe.Add(cell, 24))
	r.argsLen = int(*r2gWord(cell, 4))
	r.res = *(*unsafe.Pointer)(unsafe.Add(cell, 40))
	r.resCap = int(*r2gWord(cell, 6))
	r.complete = *r2gWord(cell, 7)
	atomic.StoreUint64(head, pos+1)
	atomic.StoreUint64(r2gWord(cell, 0), pos+q.mask+1)
	return r, true
}

func (q *r2gShm) pending() bool {
	pos := atomic.LoadUint64(q.u64(r2gShmOffReqHead))
	return atomic.LoadUint64(r2gWord(q.reqCell(pos), 0)) == pos+1
}

// args views the encoded arguments (decoding copies them into Go memory).
func (r r2gShmReq) args() []byte {
	if r.argsLen == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(r.argsPtr), r.argsLen)
}

// resultBuf is the request's inline result buffer (Rust memory), emptied.
func (r r2gShmReq) resultBuf() []byte {
	return unsafe.Slice((*byte)(r.res), r.resCap)[:0]
}

// complete publishes a request's result: b is in the inline buffer, or copied into it, or
// (too large) into C memory that Rust frees. After this, Go no longer touches the request.
// Rust sees it at the next delivery (r2gShmBatch.work, or the poller's look).
func (q *r2gShm) complete(r r2gShmReq, b []byte, status uint32) {
	var heap uint64
	if n := len(b); n > 0 && unsafe.Pointer(&b[0]) != r.res {
		if n <= r.resCap {
			copy(unsafe.Slice((*byte)(r.res), r.resCap), b)
		} else {
			p := C.malloc(C.size_t(n))
			copy(unsafe.Slice((*byte)(p), n), b)
			heap = uint64(uintptr(p))
		}
	}
	tail := q.u64(r2gShmOffCompTail)
	for {
		pos := atomic.LoadUint64(tail)
		cell := q.compCell(pos)
		seq := atomic.LoadUint64(r2gWord(cell, 0))
		if dif := int64(seq - pos); dif == 0 {
			if atomic.CompareAndSwapUint64(tail, pos, pos+1) {
				*r2gWord(cell, 1) = r.slot
				*r2gWord(cell, 2) = heap
				*r2gWord(cell, 3) = uint64(len(b))
				*r2gWord(cell, 4) = uint64(status)
				*r2gWord(cell, 5) = r.complete
				*r2gWord(cell, 6) = uint64(uintptr(r.res))
				atomic.StoreUint64(r2gWord(cell, 0), pos+1)
				break
			}
		} else if dif < 0 {
			// Full: deliver (or let whoever delivers catch up).
			q.deliver()
			runtime.Gosched()
		}
	}
}

// deliver hands the published completions to Rust unless another goroutine is doing so:
// one Go->Rust call for all pending ones. A goroutine that finds the flag taken leaves its completion
// to the holder, which re-checks the ring after releasing the flag.
func (q *r2gShm) deliver() {
	flag := q.u32(r2gShmOffComplete)
	for atomic.CompareAndSwapUint32(flag, 0, 1) {
		C.r2g_shm_call(*(*unsafe.Pointer)(unsafe.Add(q.base, r2gShmOffDrainFn)), q.base)
		atomic.StoreUint32(flag, 0)
		if !q.completionPending() {
			return
		}
	}
}

func (q *r2gShm) completionPending() bool {
	pos := atomic.LoadUint64(q.u64(r2gShmOffCompHead))
	return atomic.LoadUint64(r2gWord(q.compCell(pos), 0)) == pos+1
}

// notify wakes the consumer sleeping behind the park word at off, if it sleeps.
func (q *r2gShm) notify(off uintptr) {
	park := q.u32(off)
	if atomic.LoadUint32(park) == 1 && atomic.SwapUint32(park, 0) == 1 {
		C.r2g_shm_wake((*C.uint32_t)(unsafe.Pointer(park)))
	}
}

// r2gShmBatch is a run of requests popped together; goroutines take them in order.
type r2gShmBatch struct {
	reqs   [r2gShmBatchMax]r2gShmReq
	n      int32
	next   int32 // the next request to take
	seen   int32 // next, when the poller last looked
	active int32 // goroutines working on the batch
}

const r2gShmBatchMax = 64

// r2gShmDeliverEvery is how many completions a batch goroutine publishes between two
// deliveries to Rust (each a Go->Rust call that wakes the futures; delivering after every
// completion was measured 20-30% slower). Completions left undelivered by a handler that
// blocks are delivered by the poller, which looks while batch goroutines run.
const r2gShmDeliverEvery = 8

// r2gShmLookMaxUs bounds the poller's pause between two looks while batch goroutines run.
const r2gShmLookMaxUs = 1000

// r2gShmLooks is how many times the poller yields and looks again before it sleeps.
const r2gShmLooks = 3

// work runs the batch's requests one after the other until none is left, delivering the
// completions every r2gShmDeliverEvery calls and at the end. The spawner counted it in
// q.running, which it leaves only after its last use of the block.
func (b *r2gShmBatch) work(q *r2gShm, run func(*r2gShm, r2gShmReq)) {
	defer atomic.AddInt64(&q.running, -1)
	defer atomic.AddInt32(&b.active, -1)
	done := 0
	for {
		i := atomic.AddInt32(&b.next, 1) - 1
		if i >= b.n {
			if done%r2gShmDeliverEvery != 0 {
				q.deliver()
			}
			return
		}
		run(q, b.reqs[i])
		done++
		if done%r2gShmDeliverEvery == 0 {
			q.deliver()
		}
	}
}

// r2gShmPoll serves one queue until Rust stops it. Requests popped together form a batch
// that one goroutine runs in order (no goroutine per call). A handler that blocks does not
// stall the rest of its batch: while batches are unfinished the poller looks every 50us,
// and gives a batch that made no progress since the last look more goroutines, which take
// its remaining requests. When the ring is empty and every batch is taken the poller
// sleeps in a futex wait inside C, which Rust ends directly when it pushes a request.
func r2gShmPoll(q *r2gShm, run func(*r2gShm, r2gShmReq)) {
	park := q.u32(r2gShmOffReqPark)
	stop := q.u32(r2gShmOffStop)
	// open: batches with requests not yet taken; taken: batches whose goroutines may still
	// read them; free: batches to reuse.
	var open, taken, free []*r2gShmBatch
	looks := 0
	pause := 50 // us between looks while batch goroutines run; grows while nothing changes
	for {
		n := 0
		for {
			var b *r2gShmBatch
			if k := len(free); k > 0 {
				b, free[k-1], free = free[k-1], nil, free[:k-1]
				b.n, b.next, b.seen = 0, 0, 0
			} else {
				b = &r2gShmBatch{}
			}
			for b.n < r2gShmBatchMax {
				r, ok := q.pop()
				if !ok {
					break
				}
				b.reqs[b.n] = r
				b.n++
			}
			if b.n == 0 {
				free = append(free, b)
				break
			}
			n += int(b.n)
			atomic.AddInt64(&q.running, 1)
			atomic.AddInt32(&b.active, 1)
			go b.work(q, run)
			open = append(open, b)
		}
		if n > 0 {
			// Let the goroutines just readied start before this one may sleep in C, which
			// would otherwise leave them queued on a P held in a system call.
			looks, pause = 0, 50
			runtime.Gosched()
			continue
		}
		if looks < r2gShmLooks {
			// Requests come in bursts: yield a few more times before paying for a sleep
			// and a wake-up.
			looks++
			runtime.Gosched()
			continue
		}
		// Forget fully taken batches; help the ones stuck behind a slow handler.
		kept := open[:0]
		for _, b := range open {
			next := atomic.LoadInt32(&b.next)
			if next >= b.n {
				taken = append(taken, b)
				continue
			}
			if next == b.seen {
				helpers := b.n - next
				if helpers > 8 {
					helpers = 8
				}
				for k := int32(0); k < helpers; k++ {
					atomic.AddInt64(&q.running, 1)
					atomic.AddInt32(&b.active, 1)
					go b.work(q, run)
				}
			}
			b.seen = next
			kept = append(kept, b)
		}
		for i := len(kept); i < len(open); i++ {
			open[i] = nil
		}
		open = kept
		keptTaken := taken[:0]
		for _, b := range taken {
			if atomic.LoadInt32(&b.active) != 0 {
				keptTaken = append(keptTaken, b)
			} else if len(free) < 16 {
				free = append(free, b)
			}
		}
		for i := len(keptTaken); i < len(taken); i++ {
			taken[i] = nil
		}
		taken = keptTaken
		// Completions a goroutine published before its handler blocked wait for delivery.
		if q.completionPending() {
			q.deliver()
			pause = 50
		}
		if atomic.LoadUint32(stop) != 0 {
			// Nobody pushes any more: serve what is left, wait for the handler goroutines
			// (each delivers its completion before it counts itself out), then leave.
			if !q.pending() && atomic.LoadInt64(&q.running) == 0 {
				// No goroutine touches the block any more: deliver whatever is left.
				q.deliver()
				break
			}
			if !q.pending() {
				// Handlers still run (maybe slow ones): nap 1ms instead of spinning.
				C.r2g_shm_wait_us((*C.uint32_t)(unsafe.Pointer(park)), 0, 1000)
			}
			continue
		}
		atomic.StoreUint32(park, 1)
		if q.pending() || atomic.LoadUint32(stop) != 0 {
			atomic.StoreUint32(park, 0)
			continue
		}
		if len(open) > 0 {
			C.r2g_shm_wait_us((*C.uint32_t)(unsafe.Pointer(park)), 1, 50)
		} else if len(taken) > 0 {
			C.r2g_shm_wait_us((*C.uint32_t)(unsafe.Pointer(park)), 1, C.long(pause))
			if pause *= 2; pause > r2gShmLookMaxUs {
				pause = r2gShmLookMaxUs
			}
		} else {
			C.r2g_shm_wait((*C.uint32_t)(unsafe.Pointer(park)), 1)
		}
		atomic.StoreUint32(park, 0)
	}
	// Rust releases the poller's reference to the block (and may free it).
	C.r2g_shm_call(*(*unsafe.Pointer)(unsafe.Add(q.base, r2gShmOffExitFn)), q.base)
}

// r2gShmRecover completes a request whose handler panicked, with the panic and stack.
func r2gShmRecover(q *r2gShm, r r2gShmReq) {
	if e := recover(); e != nil {
		q.complete(r, r2gPutStr(nil, fmt.Sprintf("%v\n\ngoroutine stack:\n%s", e, debug.Stack())), 1)
	}
}

"#;

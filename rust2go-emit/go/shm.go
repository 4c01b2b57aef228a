//go:build linux

// The Go side of the #[mem] shared-memory queues: in a gen.go with #[mem] methods.

package r2ghelpers

// #include "r2g.h"
// #include "r2g_shm.h"
import "C"

import (
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

// ---- everything below this line is copied into gen.go ----

// The shared block of a #[mem] queue (layout: rust2go runtime/shm.rs). Go stores only
// integers into it, never Go pointers.
const (
	r2gShmMagic       = 0x52325348
	r2gShmOffCap      = 4
	r2gShmOffStop     = 8
	r2gShmOffDrainFn  = 16
	r2gShmOffExitFn   = 24
	r2gShmOffReqTail  = 64
	r2gShmOffReqHead  = 128
	r2gShmOffReqPark  = 192
	r2gShmOffCompTail = 256
	r2gShmOffCompHead = 320
	r2gShmOffComplete = 384
	r2gShmOffCells    = 448
	r2gShmCell        = 64
	// r2gShmTailClosed is set in the request tail when Rust closes the queue: no push
	// succeeds after it, so the positions below it are all the poller has left to serve.
	r2gShmTailClosed = 1 << 63
)

type r2gShm struct {
	base    unsafe.Pointer // C memory
	mask    uint64
	running int64 // goroutines other than the poller that may still touch the block
	// poller is the *r2gShmPoller of the goroutine that serves the ring (r2gShmServe).
	poller unsafe.Pointer
	// watching is 1 while the watchdog (r2gShmWatch) runs.
	watching uint32
	// helping counts the helper goroutines started because handlers are slow (r2gShmHelp), at
	// most GOMAXPROCS-1.
	helping int32
	// slow is 1 while the watchdog found the handlers slow at its last look that could tell
	// (r2gShmSlowNs): the poller then shares each batch it pops at once.
	slow uint32
}

// r2gShmReq is a request popped from the request ring. args and res point into memory the
// Rust request owns until Go publishes its completion.
type r2gShmReq struct {
	slot     uint64 // Rust's completion slot, handed back with the completion
	method   uint64
	cpu      int32 // the CPU its push ran on (the high half of the method word)
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

// pop takes the next request. Normally the poller is the only consumer; for a moment after
// a stuck poller was replaced (r2gShmWatch) the two may pop at once, so a pop claims its cell
// by moving head with a compare-and-swap.
func (q *r2gShm) pop() (r r2gShmReq, ok bool) {
	head := q.u64(r2gShmOffReqHead)
	for {
		pos := atomic.LoadUint64(head)
		cell := q.reqCell(pos)
		if seq := atomic.LoadUint64(r2gWord(cell, 0)); seq != pos+1 {
			if int64(seq-(pos+1)) < 0 {
				return r, false
			}
			continue // another consumer took the cell meanwhile
		}
		if !atomic.CompareAndSwapUint64(head, pos, pos+1) {
			continue
		}
		r.slot = *r2gWord(cell, 1)
		w := *r2gWord(cell, 2)
		r.method, r.cpu = w&0xffffffff, int32(w>>32)
		r.argsPtr = *(*unsafe.Pointer)(unsafe.Add(cell, 24))
		r.argsLen = int(*r2gWord(cell, 4))
		r.res = *(*unsafe.Pointer)(unsafe.Add(cell, 40))
		r.resCap = int(*r2gWord(cell, 6))
		r.complete = *r2gWord(cell, 7)
		atomic.StoreUint64(r2gWord(cell, 0), pos+q.mask+1)
		return r, true
	}
}

// drained tells whether every request pushed before the queue closed was popped (a push may
// have taken a position without having published its cell yet: pending is not enough).
func (q *r2gShm) drained() bool {
	tail := atomic.LoadUint64(q.u64(r2gShmOffReqTail)) &^ r2gShmTailClosed
	return atomic.LoadUint64(q.u64(r2gShmOffReqHead)) == tail
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
				*r2gWord(cell, 7) = uint64(r.resCap)
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

// r2gShmBatch is a run of requests popped together; goroutines take them in order.
type r2gShmBatch struct {
	reqs [r2gShmBatchMax]r2gShmReq
	n    int32
	next int32 // the next request to take
	seen int32 // next, when the watchdog last looked
	// shared is r2gShmBatchOpen while the poller runs the batch; the watchdog sets it to
	// r2gShmBatchShared (with a compare-and-swap) before it gives the batch to helpers, the poller
	// to r2gShmBatchClosed when it is done with it. The poller reuses a closed batch for its next
	// pop, never a shared one (helpers may still read it).
	shared uint32
}

const (
	r2gShmBatchOpen = iota
	r2gShmBatchShared
	r2gShmBatchClosed
)

const r2gShmBatchMax = 64

// r2gShmOneWay marks the method word of a one-way request (a sync #[mem] method without a
// result; rust2go::runtime::SHM_ONE_WAY). The poller runs it itself, in ring order.
const r2gShmOneWay = 1 << 31

// r2gShmDeliverEvery is how many completions a helper goroutine publishes between two
// deliveries to Rust (each a Go->Rust call that wakes the futures; delivering after every
// completion was measured 20-30% slower). Completions left undelivered by a handler that
// blocks are delivered by the watchdog.
const r2gShmDeliverEvery = 8

// r2gShmDeliverMax: the poller delivers when the request ring runs dry (a pop finds less
// than a full batch), and while requests keep coming, once this many completions wait. Each
// delivery wakes executor threads, which on a busy machine take the poller's CPU: fewer,
// larger deliveries while the ring is full cost less CPU per call (tests/shm/BENCH.md, "Third
// pass"). Slow handlers do not hold completions back for long: the watchdog, which looks
// while handlers run, delivers what it finds waiting.
const r2gShmDeliverMax = 256

// r2gShmLookUs is the watchdog's pause between two looks while the poller runs handlers, and
// r2gShmLookMaxUs bounds it while only blocked handlers run (it doubles while nothing changes,
// so a handler blocked for long costs ~20 wake-ups a second, not 20,000).
const (
	r2gShmLookUs    = 50
	r2gShmLookMaxUs = 50000
)

// r2gShmSlowNs: when the poller, in handlers at two looks of the watchdog and without
// delivering in between (so it ran handlers all the time), completed fewer handlers than one
// per r2gShmSlowNs of the time between the looks, the handlers are slow: the watchdog gives
// the rest of the poller's batch to helper goroutines as well, so that up to GOMAXPROCS of
// them run at once, and until a look finds them fast again (or the watchdog ends) the poller
// shares each batch it pops at once. Tiny handlers complete hundreds per look and never do.
const r2gShmSlowNs = 4000

// r2gShmLooks is how many times the poller yields and looks again before it sleeps, and
// r2gShmSpin how long at least it keeps looking (yielding in between) once the ring is empty:
// a thread asleep in the kernel takes tens of microseconds to wake, more than a round trip
// (Go's scheduler spins briefly for the same reason). An idle poller spins once, then sleeps.
// The spin pays when Rust pushes from another CPU meanwhile. On the pusher's CPU (one CPU, or
// a busy machine that put both threads on one) each yield hands the CPU over for a push or
// two and takes it back, so calls travel a few at a time with two context switches each time
// (on one CPU this halved the throughput of 1,000 concurrent calls, against sleeping at once):
// each request carries its pusher's CPU, and the poller does not spin where the latest one ran.
const (
	r2gShmLooks = 3
	r2gShmSpin  = 50 * time.Microsecond
)

// r2gShmPoller is what the watchdog sees of a poller goroutine. calls counts the handler
// runs it starts and ends (odd while a handler runs); the watchdog retires a poller stuck
// in a handler by setting r2gShmRetired in calls with a compare-and-swap, which the poller
// sees in the result of its next increment.
type r2gShmPoller struct {
	calls uint64
	batch unsafe.Pointer // the *r2gShmBatch it runs
	// undelivered counts the completions the poller published since its last delivery (only
	// the poller's own goroutine uses it).
	undelivered int
	// deliveries counts the poller's deliveries: the watchdog's sign that the poller left its
	// handlers for a while (it delivers before it waits for requests, and after a one-way call).
	deliveries uint32
}

// deliver is the poller's delivery (see r2gShmDeliverMax).
func (p *r2gShmPoller) deliver(q *r2gShm) {
	q.deliver()
	p.undelivered = 0
	atomic.AddUint32(&p.deliveries, 1)
}

// published counts a completion the poller published, delivering every r2gShmDeliverMax.
func (p *r2gShmPoller) published(q *r2gShm) {
	if p.undelivered++; p.undelivered >= r2gShmDeliverMax {
		p.deliver(q)
	}
}

const r2gShmRetired = 1 << 63

// work runs the batch's requests one after the other until none is left, delivering the
// completions every r2gShmDeliverEvery calls and at the end (a helper goroutine the watchdog
// started, counted in q.running, which it leaves after its last use of the block).
func (b *r2gShmBatch) work(q *r2gShm, run func(*r2gShm, r2gShmReq)) {
	returned := false
	defer func() {
		if !returned {
			r2gShmEnded(q)
		}
		atomic.AddInt64(&q.running, -1)
	}()
	b.drain(q, run, nil)
	returned = true
}

// help is work for a helper started because handlers are slow (counted in q.helping too).
func (b *r2gShmBatch) help(q *r2gShm, run func(*r2gShm, r2gShmReq)) {
	defer atomic.AddInt32(&q.helping, -1)
	b.work(q, run)
}

// drain takes and runs the batch's requests until none is left. A poller passes its state
// p: each run is counted in p.calls, its completions are delivered by the poller's rules
// (r2gShmDeliverMax), and drain returns true once the poller was retired (it then delivers
// what it holds back and drains the rest of the batch as a helper does).
func (b *r2gShmBatch) drain(q *r2gShm, run func(*r2gShm, r2gShmReq), p *r2gShmPoller) (retired bool) {
	retired = p != nil && atomic.LoadUint64(&p.calls)&r2gShmRetired != 0
	if retired && p.undelivered > 0 {
		p.deliver(q)
	}
	done := 0
	for {
		i := atomic.AddInt32(&b.next, 1) - 1
		if i >= b.n {
			if (p == nil || retired) && done%r2gShmDeliverEvery != 0 {
				q.deliver()
			}
			return retired
		}
		if p != nil {
			if atomic.AddUint64(&p.calls, 1)&r2gShmRetired != 0 {
				retired = true
			}
			// After the count (a watchdog that is ending looks at it again; see
			// r2gShmWatch), so that no handler runs unwatched.
			r2gShmWatchStart(q, run)
		}
		run(q, b.reqs[i])
		if p != nil && !retired {
			if atomic.AddUint64(&p.calls, 1)&r2gShmRetired == 0 {
				p.published(q)
				continue
			}
			// Retired during this handler: hand over what was held back, go on as a helper.
			retired = true
			p.deliver(q)
			continue
		}
		if p != nil {
			atomic.AddUint64(&p.calls, 1)
		}
		done++
		if done%r2gShmDeliverEvery == 0 {
			q.deliver()
		}
	}
}

// r2gShmPoll serves one queue until Rust stops it (the goroutine the start export begins).
func r2gShmPoll(q *r2gShm, run func(*r2gShm, r2gShmReq)) {
	p := &r2gShmPoller{}
	atomic.StorePointer(&q.poller, unsafe.Pointer(p))
	r2gShmServe(q, run, p, nil)
}

// r2gShmServe is the poller: it pops requests in batches and runs them itself, one after the
// other (no goroutine per call or per batch). A handler that blocks does not stall the
// queue: while the poller runs handlers, a watchdog goroutine (r2gShmWatch) looks every
// 50us, and replaces a poller stuck in one handler since its last look by a new poller
// goroutine, giving the rest of the stuck batch to helper goroutines. When the ring is empty
// the poller sleeps in a futex wait inside C, which Rust ends directly when it pushes a
// request. One-way requests (r2gShmOneWay) it runs itself, in ring order, never replaced.
// resume is a batch to finish first (a poller whose handler ended its goroutine).
func r2gShmServe(q *r2gShm, run func(*r2gShm, r2gShmReq), p *r2gShmPoller, resume *r2gShmBatch) {
	park := q.u32(r2gShmOffReqPark)
	stop := q.u32(r2gShmOffStop)
	b := resume
	normal := false
	defer func() {
		if normal {
			return
		}
		// A handler ended this goroutine (runtime.Goexit; panics are recovered in run): a new
		// goroutine takes over this poller's state and its batch. calls is odd when it was a
		// counted handler (only this goroutine changes its parity).
		if atomic.LoadUint64(&p.calls)&1 == 1 {
			atomic.AddUint64(&p.calls, 1)
		}
		r2gShmEnded(q)
		go r2gShmServe(q, run, p, b)
	}()
	if b != nil {
		if b.drain(q, run, p) {
			normal = true
			r2gShmRetire(q)
			return
		}
		b = nil
	}
	looks := 0
	pause := 50 // us between naps while stopping and handlers run; grows while nothing changes
	// When the ring was last found empty (looks == 1), and the CPU of the latest request's push.
	var idle time.Time
	pushCPU := int32(-1)
	var spare *r2gShmBatch
	for {
		n := 0
		for {
			b, spare = spare, nil
			if b == nil {
				b = &r2gShmBatch{}
			}
			// The watchdog may look at b (still p.batch) meanwhile: it touches only a batch
			// it claimed (shared), and this one is closed.
			b.n, b.next, b.seen = 0, 0, 0
			var oneWay r2gShmReq
			hasOneWay := false
			for b.n < r2gShmBatchMax {
				r, ok := q.pop()
				if !ok {
					break
				}
				pushCPU = r.cpu
				if r.method&r2gShmOneWay != 0 {
					oneWay, hasOneWay = r, true
					break
				}
				b.reqs[b.n] = r
				b.n++
			}
			popped := b.n
			if popped > 0 {
				n += int(popped)
				atomic.StoreUint32(&b.shared, r2gShmBatchOpen)
				atomic.StorePointer(&p.batch, unsafe.Pointer(b))
				if popped > 1 && atomic.LoadUint32(&q.slow) != 0 {
					r2gShmHelp(q, run, b)
				}
				if b.drain(q, run, p) {
					// The watchdog replaced this poller (b has helpers): leave.
					normal = true
					r2gShmRetire(q)
					return
				}
				if !atomic.CompareAndSwapUint32(&b.shared, r2gShmBatchOpen, r2gShmBatchClosed) {
					// Helpers took part of it and may still read it: pop into a new one.
					b = nil
				}
			}
			spare, b = b, nil
			if popped < r2gShmBatchMax && !hasOneWay && p.undelivered > 0 {
				// The ring ran dry: deliver what is held back.
				p.deliver(q)
			}
			if hasOneWay {
				// A one-way call runs here: after the one-way calls queued before it, before
				// every request queued after it (nobody waits for its result). It is not
				// counted in p.calls: the watchdog never replaces the poller during one.
				run(q, oneWay)
				p.deliver(q)
				n++
				continue
			}
			if popped == 0 {
				break
			}
		}
		if n > 0 {
			looks, pause = 0, 50
			continue
		}
		if looks == 0 {
			idle = time.Now()
		}
		if looks < r2gShmLooks {
			// Requests come in bursts: yield a few times before paying for a sleep and a
			// wake-up (this also lets the watchdog just started run elsewhere).
			looks++
			runtime.Gosched()
			continue
		}
		if time.Since(idle) < r2gShmSpin && C.r2g_shm_spin(C.int(pushCPU)) != 0 {
			// Then keep looking for a moment, giving the CPU to other threads in between
			// (the Rust side that is about to push, on a machine with few cores), unless
			// this is the CPU of the latest push (see r2gShmSpin).
			continue
		}
		if atomic.LoadUint32(stop) != 0 {
			// Nobody pushes any more (Rust closed the tail before setting stop): serve what
			// is left, wait for the other goroutines (each delivers its completions before
			// it counts itself out), then leave.
			if q.drained() && atomic.LoadInt64(&q.running) == 0 {
				// No goroutine touches the block any more: deliver whatever is left.
				q.deliver()
				break
			}
			if !q.pending() {
				// Handlers still run (maybe slow or blocked ones): nap, backing off.
				C.r2g_shm_wait_us((*C.uint32_t)(unsafe.Pointer(park)), 0, C.long(pause))
				if pause *= 2; pause > r2gShmLookMaxUs {
					pause = r2gShmLookMaxUs
				}
			}
			continue
		}
		atomic.StoreUint32(park, 1)
		if q.pending() || atomic.LoadUint32(stop) != 0 {
			atomic.StoreUint32(park, 0)
			continue
		}
		C.r2g_shm_wait((*C.uint32_t)(unsafe.Pointer(park)), 1)
		atomic.StoreUint32(park, 0)
	}
	normal = true
	// Rust releases the poller's reference to the block (and may free it).
	C.r2g_shm_call(*(*unsafe.Pointer)(unsafe.Add(q.base, r2gShmOffExitFn)), q.base)
}

// r2gShmRetire: a replaced poller leaves (the watchdog counted it in q.running).
func r2gShmRetire(q *r2gShm) {
	atomic.AddInt64(&q.running, -1)
}

// r2gShmWatchStart starts the watchdog unless it runs.
func r2gShmWatchStart(q *r2gShm, run func(*r2gShm, r2gShmReq)) {
	if atomic.LoadUint32(&q.watching) == 0 && atomic.CompareAndSwapUint32(&q.watching, 0, 1) {
		atomic.AddInt64(&q.running, 1)
		go r2gShmWatch(q, run)
	}
}

// r2gShmWatch runs while handlers run. Every 50us it looks: a poller that is in the same
// handler as at the last look is replaced (see r2gShmServe); a batch left to helpers that
// made no progress since the last look gets more helpers (so handlers waiting for each other
// all run); completions that a goroutine published before its handler blocked are
// delivered. While only blocked handlers run, the pause doubles up to 50ms. It ends when the
// poller ran no handler since its last look, every batch is taken and nothing waits for
// delivery.
func r2gShmWatch(q *r2gShm, run func(*r2gShm, r2gShmReq)) {
	var open []*r2gShmBatch
	var last *r2gShmPoller
	lastCalls := uint64(0)
	lastDeliveries := uint32(0)
	var lastLook time.Time
	pause := r2gShmLookUs
	for {
		time.Sleep(time.Duration(pause) * time.Microsecond)
		now := time.Now()
		progress := false
		p := (*r2gShmPoller)(atomic.LoadPointer(&q.poller))
		calls := atomic.LoadUint64(&p.calls)
		deliveries := atomic.LoadUint32(&p.deliveries)
		if p != last || calls != lastCalls {
			progress = true
			// In handlers now and at the last look, no delivery between: the poller ran
			// handlers all along. (calls-lastCalls)/2 of them ended.
			if p == last && calls&1 == 1 && lastCalls&1 == 1 && deliveries == lastDeliveries {
				if int64(calls-lastCalls)/2*r2gShmSlowNs < int64(now.Sub(lastLook)) {
					atomic.StoreUint32(&q.slow, 1)
					r2gShmHelp(q, run, (*r2gShmBatch)(atomic.LoadPointer(&p.batch)))
				} else {
					atomic.StoreUint32(&q.slow, 0)
				}
			}
		} else if calls&1 == 1 && atomic.CompareAndSwapUint64(&p.calls, calls, calls|r2gShmRetired) {
			// Stuck in a handler: a new poller serves the ring, helpers take the rest of the
			// batch, the stuck goroutine finishes its handler (and what is left) and leaves.
			b := (*r2gShmBatch)(atomic.LoadPointer(&p.batch))
			atomic.AddInt64(&q.running, 1)
			np := &r2gShmPoller{}
			atomic.StorePointer(&q.poller, unsafe.Pointer(np))
			go r2gShmServe(q, run, np, nil)
			b.seen = atomic.LoadInt32(&b.next) // helpers at once (below)
			open = append(open, b)
			p, calls = np, 0
			progress = true
		}
		last, lastCalls, lastDeliveries, lastLook = p, calls, deliveries, now
		kept := open[:0]
		for _, b := range open {
			next := atomic.LoadInt32(&b.next)
			if next >= b.n {
				continue
			}
			if next == b.seen {
				helpers := b.n - next
				if helpers > 8 {
					helpers = 8
				}
				for k := int32(0); k < helpers; k++ {
					atomic.AddInt64(&q.running, 1)
					go b.work(q, run)
				}
			} else {
				progress = true
			}
			b.seen = next
			kept = append(kept, b)
		}
		for i := len(kept); i < len(open); i++ {
			open[i] = nil
		}
		open = kept
		if q.completionPending() {
			q.deliver()
			progress = true
		}
		if len(open) == 0 && calls&1 == 0 && !progress {
			// Nothing to watch: the poller is idle (or in a one-way handler) and every batch
			// is taken. A goroutine still in a handler (a replaced poller, a helper) is on
			// the last request of its batch: it delivers its completions when it returns, and
			// what it published before was delivered above.
			atomic.StoreUint32(&q.watching, 0)
			atomic.StoreUint32(&q.slow, 0)
			// The poller counts a handler before it looks at watching, and this looks at the
			// count after clearing it: a handler the poller started meanwhile is either seen
			// here (and watched on, unless the poller started a new watchdog) or saw the
			// flag clear and started one.
			if atomic.LoadUint64(&p.calls) == calls || !atomic.CompareAndSwapUint32(&q.watching, 0, 1) {
				atomic.AddInt64(&q.running, -1)
				return
			}
		}
		if progress || calls&1 == 1 {
			pause = r2gShmLookUs
		} else if pause *= 2; pause > r2gShmLookMaxUs {
			pause = r2gShmLookMaxUs
		}
	}
}

// r2gShmHelp gives the rest of the poller's batch b to helper goroutines too, because
// handlers are slow (r2gShmSlowNs): as many as requests are left, with the poller at most
// GOMAXPROCS at once. They take requests as the poller does (b.next), deliver as helpers do,
// and are counted in q.running until they leave. The watchdog calls it, and while handlers
// are slow the poller for each batch it pops.
func r2gShmHelp(q *r2gShm, run func(*r2gShm, r2gShmReq), b *r2gShmBatch) {
	room := int32(runtime.GOMAXPROCS(0)) - 1 - atomic.LoadInt32(&q.helping)
	// The poller is done with a batch once it closed it (and may be filling it again): only
	// an open batch is claimed, and only after the claim is it read.
	if b == nil || room <= 0 || !atomic.CompareAndSwapUint32(&b.shared, r2gShmBatchOpen, r2gShmBatchShared) {
		return
	}
	k := b.n - atomic.LoadInt32(&b.next)
	if k > room {
		k = room
	}
	for ; k > 0; k-- {
		atomic.AddInt64(&q.running, 1)
		atomic.AddInt32(&q.helping, 1)
		go b.help(q, run)
	}
}

// r2gShmRecover completes a request whose handler did not return (a panic, or runtime.Goexit,
// which also ends the goroutine: a poller's state and batch pass to a new goroutine, the
// watchdog gives a helper's batch to others; see r2gShmEnded), given what recover() gave; the
// runner's deferred closure calls it.
func r2gShmRecover(q *r2gShm, r r2gShmReq, e any) {
	msg, _ := r2gFailure(e)
	q.complete(r, r2gPutStr(nil, msg), 1)
}

// r2gShmEnded delivers for a goroutine that a handler ended (runtime.Goexit; recovering a
// panic raised during the Goexit does not stop it, so the recovered value does not tell), on
// its way out: the failed completion it published was not counted among those its delivery
// rules cover, and the watchdog may have ended meanwhile (a handler that blocked first).
// The goroutine still holds the block (a poller, or counted in q.running).
func r2gShmEnded(q *r2gShm) {
	q.deliver()
}

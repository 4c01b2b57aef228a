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

// r2gShmOneWay marks the method word of a one-way request (a sync #[mem] method without a
// result; rust2go::runtime::SHM_ONE_WAY). The poller runs it itself, in ring order.
const r2gShmOneWay = 1 << 31

// r2gShmDeliverEvery is how many completions a batch goroutine publishes between two
// deliveries to Rust (each a Go->Rust call that wakes the futures; delivering after every
// completion was measured 20-30% slower). Completions left undelivered by a handler that
// blocks are delivered by the poller, which looks while batch goroutines run.
const r2gShmDeliverEvery = 8

// r2gShmLookMaxUs bounds the poller's pause between two looks while batch goroutines run
// (the pause doubles from 50us while nothing changes, so a handler blocked for long costs ~20
// wake-ups a second, not 1000).
const r2gShmLookMaxUs = 50000

// r2gShmLooks is how many times the poller yields and looks again before it sleeps, and
// r2gShmSpin how long at least it keeps looking (yielding in between) once the ring is empty:
// a thread asleep in the kernel takes tens of microseconds to wake, more than a round trip
// (Go's scheduler spins briefly for the same reason). An idle poller spins once, then sleeps.
const (
	r2gShmLooks = 3
	r2gShmSpin  = 50 * time.Microsecond
)

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
// stall the rest of its batch: while batches are unfinished the poller looks every 50us (and
// less often while nothing changes, down to every 50ms), and gives a batch that made no
// progress since the last look more goroutines, which take
// its remaining requests. When the ring is empty and every batch is taken the poller
// sleeps in a futex wait inside C, which Rust ends directly when it pushes a request.
// One-way requests (r2gShmOneWay) it runs itself, in ring order.
func r2gShmPoll(q *r2gShm, run func(*r2gShm, r2gShmReq)) {
	park := q.u32(r2gShmOffReqPark)
	stop := q.u32(r2gShmOffStop)
	// open: batches with requests not yet taken; taken: batches whose goroutines may still
	// read them; free: batches to reuse.
	var open, taken, free []*r2gShmBatch
	looks := 0
	pause := 50 // us between looks while batch goroutines run; grows while nothing changes
	// When the ring was last found empty (looks == 1).
	var idle time.Time
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
			var oneWay r2gShmReq
			hasOneWay := false
			for b.n < r2gShmBatchMax {
				r, ok := q.pop()
				if !ok {
					break
				}
				if r.method&r2gShmOneWay != 0 {
					oneWay, hasOneWay = r, true
					break
				}
				b.reqs[b.n] = r
				b.n++
			}
			if b.n == 0 {
				free = append(free, b)
			} else {
				n += int(b.n)
				atomic.AddInt64(&q.running, 1)
				atomic.AddInt32(&b.active, 1)
				go b.work(q, run)
				open = append(open, b)
			}
			if hasOneWay {
				// A one-way call runs here: after the one-way calls queued before it, before
				// every request queued after it (nobody waits for its result).
				run(q, oneWay)
				n++
				continue
			}
			if b.n == 0 {
				break
			}
		}
		if n > 0 {
			// Let the goroutines just readied start before this one may sleep in C, which
			// would otherwise leave them queued on a P held in a system call.
			looks, pause = 0, 50
			runtime.Gosched()
			continue
		}
		if looks == 0 {
			idle = time.Now()
		}
		if looks < r2gShmLooks {
			// Requests come in bursts: yield a few times before paying for a sleep and a
			// wake-up.
			looks++
			runtime.Gosched()
			continue
		}
		if time.Since(idle) < r2gShmSpin {
			// Then keep looking for a moment, giving the CPU to other threads in between
			// (the Rust side that is about to push, on a machine with few cores).
			C.r2g_shm_yield()
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
				// Handlers still run (maybe slow or blocked ones): nap, backing off as below.
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

// r2gShmRecover completes a request whose handler did not return (a panic, or runtime.Goexit,
// which also ends the batch goroutine: the poller gives the rest of its batch to others).
func r2gShmRecover(q *r2gShm, r r2gShmReq, returned *bool) {
	if *returned {
		return
	}
	msg, _ := r2gFailure(recover())
	q.complete(r, r2gPutStr(nil, msg), 1)
}

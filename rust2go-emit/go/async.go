// The cgo path of async calls: the worker pool that runs their handlers and the completion
// of their Rust futures: in a gen.go with async methods that have a Go export (#[cgo] ones,
// those the ring cannot carry, and default ones for targets without the ring; not
// #[go_inline] or #[mem] ones).

package r2ghelpers

// #include "r2g.h"
// #include "r2g_pool.h"
import "C"

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// ---- everything below this line is copied into gen.go ----

// r2gFinish completes an async call. A result of up to 16 bytes travels in two integers
// (r2gFinishSmall); a larger b is Go memory without Go pointers, which cgo allows passing to
// C; Rust copies it before returning.
func r2gFinish(complete, slot unsafe.Pointer, b []byte, status uint32) {
	if len(b) <= 16 {
		r2gFinishSmall(complete, slot, b, status)
		return
	}
	C.r2g_complete(C.uintptr_t(uintptr(complete)), C.uintptr_t(uintptr(slot)), unsafe.Pointer(&b[0]), C.uintptr_t(len(b)), C.uint32_t(status), 0, 0)
}

// r2gRecoverAsync completes an async call whose handler did not return, with the panic (e,
// what recover() gave) and stack; the export's deferred closure calls it.
func r2gRecoverAsync(complete, slot unsafe.Pointer, e any) {
	msg, _ := r2gFailure(e)
	r2gFinish(complete, slot, r2gPutStr(nil, msg), 1)
}

// r2gPool runs the handlers of async calls on long-lived goroutines instead of one new
// goroutine per call. A call is handed to a parked worker when every worker is parked, or when
// calls already wait; else it is queued for the running workers, which drain the queue before
// they park, so under load they neither park nor get created. A worker that runs out of calls
// looks for the next one for r2gSpinFor, yielding its P between looks (one such worker at a
// time), before it parks, so calls that follow each other closely, even one at a time, find it
// awake. (A channel shared by all workers would instead hand every call to a parked receiver,
// one wake-up per call.) A parked worker waits in C (r2g_park_wait), and the export wakes its
// thread directly (r2g_park_wake): a goroutine readied from Go would land on the P of the
// calling Rust thread, which keeps it while it runs Rust code, and wait there until another M
// stole it. A handler may block: while calls wait, a watcher looks every 50 µs, and when every
// worker is still in the call it was running at the last look it starts a goroutine for every
// waiting call (the behaviour of a goroutine per call), so a blocked handler delays the others
// by tens of microseconds, never by its own duration; the watcher also hands waiting calls to
// parked workers (a call queued behind a running one waits at most until its next look). (Asking only
// whether some handler finished since the last look took workers that merely waited for a CPU,
// on a busy machine, for blocked ones: a goroutine per call for a seventh of the calls, when
// more goroutines could not run sooner anyway.)
//
// Results of up to 16 bytes are collected in batch (integers only: no Go pointers) and
// handed to Rust in one C call per batch, which also wakes the futures in a burst: by the
// worker that finds no call left to take (so a lone call completes at once), when the batch
// is full, or by the watcher while calls wait.
var r2gPool struct {
	mu       sync.Mutex
	queue    []func()
	head     int
	idle     []*r2gWorkerState
	all      []*r2gWorkerState // the long-lived workers
	workers  int               // long-lived workers, at most procs
	procs    int               // GOMAXPROCS, refreshed by the watcher
	watching bool
	batch    []C.R2gDone
	spare    []C.R2gDone
	waiting  int32 // len(queue) - head, written under mu, read atomically by spinning workers
	spinning bool  // a worker is in r2gSpin (at most one: it holds a P while it looks)
}

// r2gSpinFor is how long a worker that ran out of calls keeps looking for the next one
// before it parks.
const r2gSpinFor = 20 * time.Microsecond

// r2gBatchMax is the most completions delivered in one C call.
const r2gBatchMax = 64

// r2gWorkerState is a long-lived worker of r2gPool; calls (guarded by r2gPool.mu) counts the
// calls it took and finished: odd while it runs one. next (guarded by r2gPool.mu) is the call
// handed to it while it was idle; park is where it waits for one.
type r2gWorkerState struct {
	park  *C.R2gPark
	next  func()
	calls uint64
}

// r2gFinishSmall completes an async call with a result of at most 16 bytes, passed by value:
// b does not escape, so the caller encodes it into an array on its stack (no allocation).
// The completion joins the pool's batch; the goroutine that ran the call delivers it.
func r2gFinishSmall(complete, slot unsafe.Pointer, b []byte, status uint32) {
	var w [2]uint64
	n := copy((*[16]byte)(unsafe.Pointer(&w))[:], b)
	d := C.R2gDone{
		f:      C.uintptr_t(uintptr(complete)),
		slot:   C.uintptr_t(uintptr(slot)),
		len:    C.uintptr_t(n),
		w0:     C.uint64_t(w[0]),
		w1:     C.uint64_t(w[1]),
		status: C.uint32_t(status),
	}
	p := &r2gPool
	p.mu.Lock()
	p.batch = append(p.batch, d)
	p.mu.Unlock()
}

// r2gTakeBatch takes the batch for delivery when it is due: the queue is empty (nobody
// else would deliver soon), full, or force. p.mu is held.
func r2gTakeBatch(force bool) []C.R2gDone {
	p := &r2gPool
	if len(p.batch) == 0 || !(force || p.head == len(p.queue) || len(p.batch) >= r2gBatchMax) {
		return nil
	}
	b := p.batch
	p.batch, p.spare = p.spare, nil
	return b
}

// r2gDeliver hands a taken batch to Rust and keeps its array for reuse.
func r2gDeliver(b []C.R2gDone) {
	if len(b) == 0 {
		return
	}
	C.r2g_complete_batch(&b[0], C.uintptr_t(len(b)))
	p := &r2gPool
	p.mu.Lock()
	if p.spare == nil {
		p.spare = b[:0]
	}
	p.mu.Unlock()
}

// r2gGo runs f on a worker of the pool.
func r2gGo(f func()) {
	p := &r2gPool
	p.mu.Lock()
	if n := len(p.idle); n > 0 && (n == p.workers || p.head < len(p.queue)) {
		w := r2gUnidle()
		w.calls++
		w.next = f
		p.mu.Unlock()
		C.r2g_park_wake(w.park)
		return
	}
	if p.procs == 0 {
		p.procs = runtime.GOMAXPROCS(0)
	}
	if p.workers < p.procs {
		p.workers++
		w := &r2gWorkerState{park: C.r2g_park_new(), calls: 1}
		p.all = append(p.all, w)
		p.mu.Unlock()
		go r2gWorker(w, f)
		return
	}
	p.queue = append(p.queue, f)
	atomic.StoreInt32(&p.waiting, int32(len(p.queue)-p.head))
	watch := !p.watching
	p.watching = true
	p.mu.Unlock()
	if watch {
		go r2gWatch()
	}
}

// r2gPop takes the oldest waiting call; p.mu is held.
func r2gPop() func() {
	p := &r2gPool
	if p.head == len(p.queue) {
		return nil
	}
	f := p.queue[p.head]
	p.queue[p.head] = nil
	p.head++
	atomic.StoreInt32(&p.waiting, int32(len(p.queue)-p.head))
	if p.head == len(p.queue) {
		p.queue = p.queue[:0]
		p.head = 0
	}
	return f
}

func r2gWorker(w *r2gWorkerState, f func()) {
	p := &r2gPool
	defer func() {
		// Only reached when a handler ended its goroutine (runtime.Goexit): count it out.
		if f != nil {
			p.mu.Lock()
			p.workers--
			for i, x := range p.all {
				if x == w {
					p.all = append(p.all[:i], p.all[i+1:]...)
					break
				}
			}
			p.mu.Unlock()
			C.r2g_park_free(w.park)
		}
	}()
	for {
		f()
		p.mu.Lock()
		w.calls++
		g := r2gPop()
		if g != nil {
			w.calls++
		}
		out := r2gTakeBatch(false)
		p.mu.Unlock()
		r2gDeliver(out)
		if g == nil {
			g = r2gSpin(w)
		}
		if g == nil {
			C.r2g_park_wait(w.park)
			p.mu.Lock()
			g, w.next = w.next, nil
			p.mu.Unlock()
		}
		f = g
	}
}

// r2gSpin looks for a waiting call for r2gSpinFor, yielding its P between looks, then
// registers w as idle (nil: w will receive its next call in w.next).
func r2gSpin(w *r2gWorkerState) func() {
	p := &r2gPool
	p.mu.Lock()
	if p.spinning {
		g := r2gTakeOrIdle(w)
		p.mu.Unlock()
		return g
	}
	p.spinning = true
	p.mu.Unlock()
	var until time.Time
	for {
		if atomic.LoadInt32(&p.waiting) == 0 {
			if until.IsZero() {
				until = time.Now().Add(r2gSpinFor)
			} else if time.Now().After(until) {
				break
			}
			runtime.Gosched()
			continue
		}
		p.mu.Lock()
		g := r2gPop()
		if g != nil {
			w.calls++
			p.spinning = false
			p.mu.Unlock()
			return g
		}
		p.mu.Unlock()
	}
	p.mu.Lock()
	p.spinning = false
	g := r2gTakeOrIdle(w)
	p.mu.Unlock()
	return g
}

// r2gTakeOrIdle takes the oldest waiting call for w, or registers w as idle (nil); p.mu is
// held.
func r2gTakeOrIdle(w *r2gWorkerState) func() {
	p := &r2gPool
	g := r2gPop()
	if g != nil {
		w.calls++
	} else {
		p.idle = append(p.idle, w)
	}
	return g
}

// r2gUnidle takes the most recently parked worker; p.mu is held and p.idle is not empty.
func r2gUnidle() *r2gWorkerState {
	p := &r2gPool
	n := len(p.idle)
	w := p.idle[n-1]
	p.idle[n-1] = nil
	p.idle = p.idle[:n-1]
	return w
}

// r2gHandIdle hands waiting calls to idle workers and returns them, to be woken once p.mu
// (held) is released.
func r2gHandIdle() []*r2gWorkerState {
	p := &r2gPool
	var wake []*r2gWorkerState
	for len(p.idle) > 0 && p.head < len(p.queue) {
		w := r2gUnidle()
		w.next = r2gPop()
		w.calls++
		wake = append(wake, w)
	}
	return wake
}

// r2gWatch runs while calls wait in the queue (see r2gPool).
func r2gWatch() {
	p := &r2gPool
	// The workers and their calls counts at the last look.
	var seen []*r2gWorkerState
	var seenCalls []uint64
	for {
		time.Sleep(50 * time.Microsecond)
		procs := runtime.GOMAXPROCS(0)
		p.mu.Lock()
		p.procs = procs
		out := r2gTakeBatch(true)
		if p.head == len(p.queue) {
			p.watching = false
			p.mu.Unlock()
			r2gDeliver(out)
			return
		}
		// Stuck: every worker still runs the call it ran at the last look.
		stuck := len(p.all) > 0 && len(p.all) == len(seen)
		for i, w := range p.all {
			if !stuck {
				break
			}
			stuck = w == seen[i] && w.calls == seenCalls[i] && w.calls%2 == 1
		}
		wake := r2gHandIdle()
		seen, seenCalls = seen[:0], seenCalls[:0]
		for _, w := range p.all {
			seen = append(seen, w)
			seenCalls = append(seenCalls, w.calls)
		}
		var stuckCalls []func()
		if stuck {
			for f := r2gPop(); f != nil; f = r2gPop() {
				stuckCalls = append(stuckCalls, f)
			}
		}
		p.mu.Unlock()
		for _, w := range wake {
			C.r2g_park_wake(w.park)
		}
		r2gDeliver(out)
		for _, f := range stuckCalls {
			go r2gRun(f)
		}
	}
}

// r2gRun runs one call on its own goroutine (a call the watcher took from a stuck queue).
func r2gRun(f func()) {
	f()
	p := &r2gPool
	p.mu.Lock()
	out := r2gTakeBatch(true)
	p.mu.Unlock()
	r2gDeliver(out)
}

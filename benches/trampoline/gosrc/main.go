package main

/*
#include <stdint.h>
typedef void (*R2gComplete)(void *slot, const void *ptr, uintptr_t len, uint32_t status);

// (a) today's path
static inline void r2g_complete(void *f, void *slot, void *ptr, uintptr_t len, uint32_t status) {
	((R2gComplete)f)(slot, ptr, len, status);
}

// (a') same, annotated: legal since Go 1.22, default flags
#cgo noescape r2g_complete_ne
#cgo nocallback r2g_complete_ne
static inline void r2g_complete_ne(void *f, void *slot, void *ptr, uintptr_t len, uint32_t status) {
	((R2gComplete)f)(slot, ptr, len, status);
}

// C-ABI shim used by the trampolines: one pointer argument -> 4-arg callback.
struct r2g_args { void *f; void *slot; void *ptr; uintptr_t len; uint32_t status; };
static void r2g_shim(void *a) {
	struct r2g_args *x = a;
	((R2gComplete)x->f)(x->slot, x->ptr, x->len, x->status);
}
static void *r2g_shim_addr(void) { return (void*)r2g_shim; }
*/
import "C"

import (
	"unsafe"

	"runtime"
	"time"

	"tramp/tr"
)

var inGoroutine bool

// GoSetMode(1): run benchmark loops on a fresh goroutine (Go-created M, after
// the first hop) instead of directly on the calling Rust thread's extra M.
//
//export GoSetMode
func GoSetMode(m C.int) { inGoroutine = m != 0 }

func run(body func()) {
	if !inGoroutine {
		body()
		return
	}
	done := make(chan struct{})
	go func() { body(); close(done) }()
	<-done
}

var payload [64]byte // Go memory handed to the callback (like a response buffer)

var shim = C.r2g_shim_addr()

//export GoBenchCgo
func GoBenchCgo(f, slot unsafe.Pointer, n C.longlong) {
	p := unsafe.Pointer(&payload[0])
	run(func() {
		for i := C.longlong(0); i < n; i++ {
			C.r2g_complete(f, slot, p, C.uintptr_t(len(payload)), 0)
		}
	})
}

//export GoBenchCgoNE
func GoBenchCgoNE(f, slot unsafe.Pointer, n C.longlong) {
	p := unsafe.Pointer(&payload[0])
	run(func() {
		for i := C.longlong(0); i < n; i++ {
			C.r2g_complete_ne(f, slot, p, C.uintptr_t(len(payload)), 0)
		}
	})
}

//export GoBenchCgocall
func GoBenchCgocall(f, slot unsafe.Pointer, n C.longlong) {
	a := tr.Args{F: f, Slot: slot, Ptr: unsafe.Pointer(&payload[0]), Len: uintptr(len(payload))}
	run(func() {
		for i := C.longlong(0); i < n; i++ {
			tr.Cgocall(unsafe.Pointer(shim), unsafe.Pointer(&a))
		}
	})
}

//export GoBenchBigframe
func GoBenchBigframe(f, slot unsafe.Pointer, n C.longlong) {
	p := unsafe.Pointer(&payload[0])
	run(func() {
		for i := C.longlong(0); i < n; i++ {
			tr.BigframeCall(f, slot, p, uintptr(len(payload)), 0)
		}
	})
}

//export GoBenchAsmcgocall
func GoBenchAsmcgocall(f, slot unsafe.Pointer, n C.longlong) C.int {
	if !tr.HaveAsmcgocall {
		return 0
	}
	a := tr.Args{F: f, Slot: slot, Ptr: unsafe.Pointer(&payload[0]), Len: uintptr(len(payload))}
	run(func() {
		for i := C.longlong(0); i < n; i++ {
			tr.Asmcgocall(unsafe.Pointer(shim), unsafe.Pointer(&a))
		}
	})
	return 1
}

func main() {}

var sink [][]byte

// GoStartChurn starts goroutines that allocate and force GCs, so the
// benchmarks also run across stop-the-world phases and stack scans/shrinks.
//
//export GoStartChurn
func GoStartChurn() {
	go func() {
		for i := 0; ; i++ {
			sink = append(sink, make([]byte, 4096))
			if len(sink) > 1000 {
				sink = nil
			}
			if i%20000 == 0 {
				runtime.GC()
			}
		}
	}()
}

// GoNumGC reports completed GC cycles.
//
//export GoNumGC
func GoNumGC() C.longlong {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return C.longlong(ms.NumGC)
}

var buildMode = "go"

//export GoPrintBuildMode
func GoPrintBuildMode() { println("go archive build:", buildMode) }

// Race-detector probe: write Go memory, fire the callback, and keep this
// goroutine alive while a Rust thread (woken by the callback) calls
// GoRaceRead from another goroutine. The only happens-before edge between
// the write and the read is the one the runtime adds around cgo calls.
var shared int

//export GoRaceProbe
func GoRaceProbe(f, slot unsafe.Pointer, useAsm C.int) {
	shared = 42
	if useAsm != 0 {
		a := tr.Args{F: f, Slot: slot, Ptr: unsafe.Pointer(&payload[0]), Len: uintptr(len(payload))}
		tr.Asmcgocall(unsafe.Pointer(shim), unsafe.Pointer(&a))
	} else {
		C.r2g_complete(f, slot, unsafe.Pointer(&payload[0]), C.uintptr_t(len(payload)), 0)
	}
	time.Sleep(300 * time.Millisecond)
}

//export GoRaceRead
func GoRaceRead() C.int { return C.int(shared) }

// STW probe: one goroutine runs a callback that blocks in Rust for ~20 ms;
// meanwhile another goroutine times runtime.ReadMemStats (a stop-the-world).
//
//export GoStwProbe
func GoStwProbe(f, slot unsafe.Pointer, useAsm C.int) C.longlong {
	started := make(chan struct{})
	done := make(chan struct{})
	go func() {
		close(started)
		if useAsm != 0 {
			a := tr.Args{F: f, Slot: slot, Ptr: unsafe.Pointer(&payload[0]), Len: uintptr(len(payload))}
			tr.Asmcgocall(unsafe.Pointer(shim), unsafe.Pointer(&a))
		} else {
			C.r2g_complete(f, slot, unsafe.Pointer(&payload[0]), C.uintptr_t(len(payload)), 0)
		}
		close(done)
	}()
	<-started
	time.Sleep(2 * time.Millisecond)
	var ms runtime.MemStats
	t := time.Now()
	runtime.ReadMemStats(&ms)
	d := time.Since(t)
	<-done
	return C.longlong(d.Microseconds())
}

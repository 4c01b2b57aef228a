// The result buffer, panic reports and the encoders of the flat format: in every gen.go.

package r2ghelpers

// #include "r2g.h"
import "C"

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"unsafe"
)

// ---- everything below this line is copied into gen.go ----

// r2gBuf returns the buffer Rust lent for the result, emptied.
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

// r2gRecover reports to Rust a sync Go handler that did not return, with its panic value (e,
// what recover() gave) and stack. The export's deferred closure calls it only when the handler
// did not return, which it tracks in a flag: recover() alone cannot tell a return from
// panic(nil) (nil below Go 1.21 semantics) or runtime.Goexit.
func r2gRecover(out *C.R2gOut, e any) {
	msg, goexit := r2gFailure(e)
	if goexit {
		// Go ends the process once this returns: a goroutine cannot end on a thread Go did
		// not create.
		println("rust2go: the Go handler of a sync call called runtime.Goexit (as t.FailNow does); Go cannot end a goroutine on a thread it did not create, so the process ends")
	}
	out.status = 1
	out.heap = 0
	r2gDone(out, r2gPutStr(r2gBuf(out), msg))
}

// r2gFailure describes how a handler ended without returning, from what recover() gave in a
// deferred function: a panic (its value, also panic(nil), and the goroutine stack) or
// runtime.Goexit, which recover() cannot stop.
func r2gFailure(e any) (msg string, goexit bool) {
	if e == nil {
		if r2gGoexiting() {
			return fmt.Sprintf("rust2go: the handler called runtime.Goexit (as t.FailNow does) instead of returning\n\ngoroutine stack:\n%s", debug.Stack()), true
		}
		e = "panic(nil)"
	}
	return fmt.Sprintf("%v\n\ngoroutine stack:\n%s", e, debug.Stack()), false
}

// r2gGoexiting reports whether the deferred function that called r2gFailure runs because of
// runtime.Goexit rather than a panic: whichever of the two is nearer on the stack.
func r2gGoexiting() bool {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		switch f.Function {
		case "runtime.Goexit":
			return true
		case "runtime.gopanic":
			return false
		}
		if !more {
			return false
		}
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

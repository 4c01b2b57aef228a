// What Go's calls into Rust (#[g2r] traits) share: in a gen.go with a #[g2r] trait.

package r2ghelpers

// #include "r2g.h"
import "C"

import (
	"sync"
	"unsafe"
)

// ---- everything below this line is copied into gen.go ----

// RustPanic is the error a Result method of a #[g2r] trait returns when the Rust
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

// The Rust objects that Go holds (#[g2r(object = T)] traits): in a gen.go with one.

package r2ghelpers

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

// ---- everything below this line is copied into gen.go ----

// r2gRustObj is Go's reference to one Rust object: the address of its value in Rust (an
// integer Go never dereferences) and a state word, 2 × the calls in flight on the object plus
// 1 once it is closed. Whichever of close (Close() or the finalizer) and the last call in
// flight leaves the word at "closed, no calls" (1) drops the Rust value, so it is dropped
// exactly once and never during a call; a call on a closed object panics before reaching Rust.
type r2gRustObj struct {
	state uint64 // first field: 64-bit aligned for the atomics on 32-bit platforms
	addr  uint64
	drop  func(addr uint64)
}

// r2gNewRustObj takes Go's reference to a constructed object. The finalizer closes it if Go
// drops every reference without calling Close().
func r2gNewRustObj(addr uint64, drop func(uint64)) *r2gRustObj {
	o := &r2gRustObj{addr: addr, drop: drop}
	runtime.SetFinalizer(o, (*r2gRustObj).close)
	return o
}

// acquire takes a reference for one call of method (`<Trait>Impl.<method>`) and returns the
// object's address; release gives it back.
func (o *r2gRustObj) acquire(method string) uint64 {
	if o == nil {
		panic(fmt.Sprintf("rust2go: %s called on a zero value; make objects with the constructors", method))
	}
	for {
		s := atomic.LoadUint64(&o.state)
		if s&1 != 0 {
			panic(fmt.Sprintf("rust2go: %s called after Close", method))
		}
		if atomic.CompareAndSwapUint64(&o.state, s, s+2) {
			return o.addr
		}
	}
}

// release gives back a call's reference; the last one after close drops the object.
func (o *r2gRustObj) release() {
	if atomic.AddUint64(&o.state, ^uint64(1)) == 1 {
		o.drop(o.addr)
	}
}

// close marks the object closed and drops it now unless calls are in flight (then the last
// of them does). Closing a closed object (or a zero value) does nothing.
func (o *r2gRustObj) close() {
	if o == nil {
		return
	}
	for {
		s := atomic.LoadUint64(&o.state)
		if s&1 != 0 {
			return
		}
		if atomic.CompareAndSwapUint64(&o.state, s, s|1) {
			// Closed: the finalizer has nothing left to do (and the GC need not keep o for it).
			runtime.SetFinalizer(o, nil)
			if s == 0 {
				o.drop(o.addr)
			}
			return
		}
	}
}

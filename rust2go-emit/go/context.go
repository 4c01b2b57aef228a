// The cancellation registry of #[go_context] calls: in a gen.go with such a method.

package r2ghelpers

import "C"

import (
	"context"
	"sync"
	"unsafe"
)

// ---- everything below this line is copied into gen.go ----

// r2gCancels maps the completion slot of an in-flight #[go_context] call to its cancel func.
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

package tr

import "unsafe"

// BigframeCall runs f(slot,ptr,n,status) on a 64 KiB region reserved on the
// current goroutine stack (no g0 switch). Data point only; not sound for
// arbitrary callees (no guard page below the reservation).
//
//go:noescape
func BigframeCall(f, slot, ptr unsafe.Pointer, n uintptr, status uint32)

// Package tr holds the non-cgo trampolines (cgo packages may not contain Go assembly).
package tr

import "unsafe"

// Args mirrors C struct r2g_args.
type Args struct {
	F, Slot, Ptr unsafe.Pointer
	Len          uintptr
	Status       uint32
}

// runtime.cgocall is push-linknamed in the runtime, so this pull is accepted.
//
//go:linkname Cgocall runtime.cgocall
//go:noescape
func Cgocall(fn, arg unsafe.Pointer) int32

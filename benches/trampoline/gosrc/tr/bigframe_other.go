//go:build !amd64

package tr

import "unsafe"

func BigframeCall(f, slot, ptr unsafe.Pointer, n uintptr, status uint32) { panic("amd64 only") }

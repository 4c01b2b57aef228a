package main

import "os"
import "unsafe"

var _ unsafe.Pointer

//go:linkname f runtime.asmcgocall
func f(fn, arg unsafe.Pointer) int32
func main() {
	println("go pull of runtime.asmcgocall linked OK")
	if len(os.Args) > 5 {
		f(nil, nil)
	}
}

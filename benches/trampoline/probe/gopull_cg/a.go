package main

import "os"
import "unsafe"

var _ unsafe.Pointer

//go:linkname f runtime.cgocall
func f(fn, arg unsafe.Pointer) int32
func main() {
	println("go pull of runtime.cgocall linked OK")
	if len(os.Args) > 5 {
		f(nil, nil)
	}
}

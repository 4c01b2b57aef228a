package main

import "os"
import "unsafe"

var _ unsafe.Pointer

//go:linkname f runtime.systemstack
func f(fn func())
func main() {
	println("go pull of runtime.systemstack linked OK")
	if len(os.Args) > 5 {
		f(nil)
	}
}

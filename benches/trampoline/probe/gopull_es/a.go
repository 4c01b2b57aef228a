package main

import "os"
import "unsafe"

var _ unsafe.Pointer

//go:linkname f runtime.entersyscall
func f()
func main() {
	println("go pull of runtime.entersyscall linked OK")
	if len(os.Args) > 5 {
		f()
	}
}

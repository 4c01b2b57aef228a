package main

import (
	"os"
	"unsafe"
)

func tramp(fn, arg unsafe.Pointer) int32
func main() {
	println("asm ref to runtime·asmcgocall linked OK")
	if len(os.Args) > 5 {
		tramp(nil, nil)
	}
}

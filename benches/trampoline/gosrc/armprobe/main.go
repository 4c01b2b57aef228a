// Link-only probe: checks the arm64 trampoline passes the Go 1.26 linker's linkname check.
package main

import (
	"os"
	"unsafe"

	"tramp/tr"
)

func main() {
	if len(os.Args) > 5 {
		tr.Asmcgocall(unsafe.Pointer(nil), nil)
	}
	println("linked")
}

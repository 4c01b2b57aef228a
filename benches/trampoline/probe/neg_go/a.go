package main

import (
	"os"
	_ "unsafe"
)

//go:linkname gcount runtime.gcount
func gcount() int32
func main() {
	if len(os.Args) > 5 {
		println(gcount())
	}
	println("go pull runtime.gcount OK")
}

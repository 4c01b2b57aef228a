package main

import "os"

func tramp()
func main() {
	println("asm ref to runtime·systemstack linked OK")
	if len(os.Args) > 5 {
		tramp()
	}
}

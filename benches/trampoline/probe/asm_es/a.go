package main

import "os"

func tramp()
func main() {
	println("asm ref to runtime·entersyscall/exitsyscall linked OK")
	if len(os.Args) > 5 {
		tramp()
	}
}

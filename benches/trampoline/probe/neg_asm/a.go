package main

import "os"

func tramp()
func main() {
	if len(os.Args) > 5 {
		tramp()
	}
	println("asm ref runtime·gcount OK")
}

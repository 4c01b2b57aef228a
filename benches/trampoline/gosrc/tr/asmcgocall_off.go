//go:build !tramp_asmcgocall

package tr

import "unsafe"

const HaveAsmcgocall = false

func Asmcgocall(fn, arg unsafe.Pointer) int32 { panic("built without tramp_asmcgocall") }

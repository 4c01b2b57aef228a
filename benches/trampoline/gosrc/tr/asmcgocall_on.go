//go:build tramp_asmcgocall

package tr

import "unsafe"

const HaveAsmcgocall = true

// Asmcgocall: asm trampoline that CALLs runtime·asmcgocall (g0 switch, no entersyscall).
//
//go:noescape
func Asmcgocall(fn, arg unsafe.Pointer) int32

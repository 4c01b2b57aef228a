//go:build tramp_asmcgocall

#include "textflag.h"

// func Asmcgocall(fn, arg unsafe.Pointer) int32
// ABI0 on arm64: 0(RSP) holds the saved LR, outgoing args start at 8(RSP).
TEXT ·Asmcgocall(SB), NOSPLIT, $24-20
	MOVD	fn+0(FP), R0
	MOVD	arg+8(FP), R1
	MOVD	R0, 8(RSP)
	MOVD	R1, 16(RSP)
	CALL	runtime·asmcgocall(SB)
	MOVW	24(RSP), R0
	MOVW	R0, ret+16(FP)
	RET

//go:build tramp_asmcgocall

#include "textflag.h"

// func Asmcgocall(fn, arg unsafe.Pointer) int32
TEXT ·Asmcgocall(SB), NOSPLIT, $24-20
	MOVQ	fn+0(FP), AX
	MOVQ	arg+8(FP), BX
	MOVQ	AX, 0(SP)
	MOVQ	BX, 8(SP)
	CALL	runtime·asmcgocall(SB)
	MOVL	16(SP), AX
	MOVL	AX, ret+16(FP)
	RET

//go:build amd64

#include "textflag.h"
#include "funcdata.h"

// func BigframeCall(f, slot, ptr unsafe.Pointer, n uintptr, status uint32)
// NOT NOSPLIT: the prologue's stack check guarantees 64 KiB of free goroutine
// stack (growing/copying the stack if needed); C then runs inside that frame.
TEXT ·BigframeCall(SB), 0, $65536-36
	NO_LOCAL_POINTERS
	MOVQ	f+0(FP), AX
	MOVQ	slot+8(FP), DI
	MOVQ	ptr+16(FP), SI
	MOVQ	n+24(FP), DX
	MOVL	status+32(FP), CX
	MOVQ	SP, R12            // R12 is callee-saved in SysV
	LEAQ	65472(SP), BX      // top of our 64 KiB frame, minus slack
	ANDQ	$~15, BX
	MOVQ	BX, SP
	CALL	AX
	MOVQ	R12, SP
	RET

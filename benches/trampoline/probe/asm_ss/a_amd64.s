#include "textflag.h"
TEXT ·tramp(SB), NOSPLIT, $8-0
	MOVQ	$0, 0(SP)
	CALL	runtime·systemstack(SB)
	RET

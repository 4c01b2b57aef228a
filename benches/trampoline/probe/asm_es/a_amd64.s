#include "textflag.h"
TEXT ·tramp(SB), NOSPLIT, $0-0
	CALL	runtime·entersyscall(SB)
	CALL	runtime·exitsyscall(SB)
	RET

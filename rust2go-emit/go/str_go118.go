//go:build r2g_go118

// r2gStr of the go118 output (builds with Go 1.18 and 1.19, which lack unsafe.String):
// checked with -tags r2g_go118.

package r2ghelpers

// #include "r2g.h"
import "C"

import "unsafe"

// ---- everything below this line is copied into gen.go ----

// r2gStr views Rust memory as a Go string without copying (Go 1.18 spelling of unsafe.String).
func r2gStr(v C.R2gSlice) (s string) {
	if v.len == 0 {
		return ""
	}
	h := (*r2gStringHeader)(unsafe.Pointer(&s))
	h.data = v.ptr
	h.len = int(v.len)
	return s
}

type r2gStringHeader struct {
	data unsafe.Pointer
	len  int
}

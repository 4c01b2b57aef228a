//go:build !r2g_go118

// r2gStr of the default output (Go >= 1.20).

package r2ghelpers

// #include "r2g.h"
import "C"

import "unsafe"

// ---- everything below this line is copied into gen.go ----

// r2gStr views Rust memory as a Go string without copying.
func r2gStr(v C.R2gSlice) string {
	return unsafe.String((*byte)(v.ptr), int(v.len))
}

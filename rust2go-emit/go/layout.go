// Compile-time checks of the layout facts that argument views read in place rely on.

package r2ghelpers

// #include "r2g.h"
import "C"

import "unsafe"

// ---- everything below this line is copied into gen.go ----

// Compile-time layout checks (an index other than 0 does not compile): a Go string has the
// layout of R2gSlice {ptr, len}, a slice that of R2gVec {ptr, len, cap}, and int is as wide
// as a pointer. Rust builds argument views in these layouts, and Go reads them in place.
var _ = [1]struct{}{}[unsafe.Sizeof("")-unsafe.Sizeof(C.R2gSlice{})]
var _ = [1]struct{}{}[unsafe.Sizeof([]byte(nil))-unsafe.Sizeof(C.R2gVec{})]
var _ = [1]struct{}{}[unsafe.Sizeof(int(0))-unsafe.Sizeof(C.uintptr_t(0))]

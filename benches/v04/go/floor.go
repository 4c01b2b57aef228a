package main

/*
#include <stdint.h>
*/
import "C"

// go_floor_add is the floor of the benchmarks: one plain Rust -> Go crossing through a cgo
// export, with no framework code around it.
//
//export go_floor_add
func go_floor_add(a, b C.uint32_t) C.uint32_t { return a + b }

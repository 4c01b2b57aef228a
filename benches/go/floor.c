// The plain Rust -> C reference call of the benchmarks. cgo compiles this file into the same
// archive as the Go code, so it needs no separate C build step.
#include <stdint.h>

uint32_t c_floor_add(uint32_t a, uint32_t b) { return a + b; }

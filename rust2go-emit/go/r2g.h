// The types and functions of the cgo preamble of every gen.go. The Go files of this package
// include it; rust2go-emit copies the text below the marker into gen.go.

// ---- everything below this line is copied into gen.go ----

#include <stdint.h>
#include <stdlib.h>

typedef struct R2gSlice {
	const void *ptr;
	uintptr_t len;
} R2gSlice;

// A Go slice header (Vec<T>): cap == len, so append never writes into Rust memory.
typedef struct R2gVec {
	const void *ptr;
	uintptr_t len;
	uintptr_t cap;
} R2gVec;

// Option<T>: a pointer to T's view, NULL for None.
typedef const void *R2gPtr;

typedef struct R2gOut {
	uint8_t *ptr;
	uintptr_t len;
	uintptr_t cap;
	uint32_t status;
	uint32_t heap;
} R2gOut;

typedef struct R2gMap {
	R2gSlice keys;
	R2gSlice vals;
} R2gMap;

typedef struct R2gEnum {
	uint32_t tag;
	const void *payload;
} R2gEnum;

typedef void (*R2gComplete)(const void *slot, const uint8_t *ptr, uintptr_t len, uint32_t status, uint64_t w0, uint64_t w1);

// Completes an async call: Rust decodes (copies) the result before returning. A result of up
// to 16 bytes comes in w0, w1 (ptr NULL). f and slot are Rust addresses, passed as integers.
static inline void r2g_complete(uintptr_t f, uintptr_t slot, void *ptr, uintptr_t len, uint32_t status, uint64_t w0, uint64_t w1) {
	((R2gComplete)f)((const void *)slot, (const uint8_t *)ptr, len, status, w0, w1);
}

// A completion whose result (at most 16 bytes) travels by value.
typedef struct R2gDone {
	uintptr_t f;
	uintptr_t slot;
	uintptr_t len;
	uint64_t w0;
	uint64_t w1;
	uint32_t status;
} R2gDone;

// Completes n async calls in one C call from Go.
static inline void r2g_complete_batch(const R2gDone *d, uintptr_t n) {
	for (uintptr_t i = 0; i < n; i++) {
		((R2gComplete)d[i].f)((const void *)d[i].slot, NULL, d[i].len, d[i].status, d[i].w0, d[i].w1);
	}
}

// The types and functions of the cgo preamble of every gen.go. The Go files of this package
// include it; rust2go-emit copies the text below the marker into gen.go.

// ---- everything below this line is copied into gen.go ----

#include <stdint.h>
#include <stdlib.h>

typedef struct R2gSlice {
	const void *ptr;
	uintptr_t len;
} R2gSlice;

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

typedef void (*R2gComplete)(const void *slot, const uint8_t *ptr, uintptr_t len, uint32_t status);

// Completes an async call: Rust decodes (copies) the bytes before returning.
static inline void r2g_complete(void *f, void *slot, void *ptr, uintptr_t len, uint32_t status) {
	((R2gComplete)f)(slot, (const uint8_t *)ptr, len, status);
}

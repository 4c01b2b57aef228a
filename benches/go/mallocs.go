package main

/*
#include <stdint.h>
*/
import "C"

import "runtime/metrics"

var benchAllocSample = []metrics.Sample{{Name: "/gc/heap/allocs:objects"}}

// bench_go_heap_allocs returns how many heap objects Go has allocated so far (all
// goroutines; without stopping the world). Used by tests/alloc.rs.
//
//export bench_go_heap_allocs
func bench_go_heap_allocs() C.uint64_t {
	metrics.Read(benchAllocSample)
	return C.uint64_t(benchAllocSample[0].Value.Uint64())
}

package main

/*
#include <stdint.h>
*/
import "C"

import (
	"os"
	"runtime/trace"
)

var benchTraceFile *os.File

// bench_trace_start starts Go's execution tracer (runtime/trace) writing to path; 0 on
// success. Used by examples/async_probe.rs to see where an async call waits.
//
//export bench_trace_start
func bench_trace_start(path *C.char) C.int {
	f, err := os.Create(C.GoString(path))
	if err != nil {
		return 1
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return 1
	}
	benchTraceFile = f
	return 0
}

// bench_trace_stop stops the tracer started by bench_trace_start.
//
//export bench_trace_stop
func bench_trace_stop() {
	trace.Stop()
	if benchTraceFile != nil {
		benchTraceFile.Close()
		benchTraceFile = nil
	}
}

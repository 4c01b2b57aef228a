package main

// Links the Rust static library built by `cargo build -p example-go2rust`. Point the linker
// at it with CGO_LDFLAGS, e.g. from this directory:
//   CGO_LDFLAGS=-L../../../target/debug go run .

// #cgo LDFLAGS: -lexample_go2rust -lm -ldl -lpthread
import "C"

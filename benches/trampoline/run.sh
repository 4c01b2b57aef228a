#!/bin/sh
# Reproduce everything. No -ldflags, no GODEBUG: default toolchain flags only.
set -e
cd "$(dirname "$0")"
# 1. plain build (c-archive built by build.rs: go build -buildmode=c-archive -tags=tramp_asmcgocall)
TRAMP_GOTAGS=tramp_asmcgocall cargo build --release
./target/release/tramp 2000000                 # loop on the Rust thread's extra M
./target/release/tramp 2000000 goroutine       # loop on a Go-created goroutine/M
./target/release/tramp 1000000 churn goroutine # with concurrent alloc + runtime.GC
./target/release/tramp stwprobe                # STW latency while callback blocks 20ms
# 2. GOEXPERIMENT=cgocheck2
GOEXPERIMENT=cgocheck2 TRAMP_GOTAGS=tramp_asmcgocall CARGO_TARGET_DIR=target-cgocheck2 cargo build --release
./target-cgocheck2/release/tramp 1000000 churn goroutine
# 3. race detector (TSan needs a non-PIE host binary here; PIE fails with "ThreadSanitizer failed to allocate")
RUSTFLAGS="-C relocation-model=static -C link-arg=-no-pie" TRAMP_GOFLAGS=-race TRAMP_GOTAGS=tramp_asmcgocall \
  CARGO_TARGET_DIR=target-race cargo build --release
./target-race/release/tramp 300000
./target-race/release/tramp raceprobe-cgo
./target-race/release/tramp raceprobe-asm || true   # reports a (false-positive) DATA RACE
# 4. arm64 trampoline: compile + link check only (no arm64 host here)
mkdir -p out
(cd gosrc && GOARCH=arm64 CGO_ENABLED=0 go build -tags tramp_asmcgocall -o ../out/armprobe ./armprobe)

#!/usr/bin/env bash
# The side-by-side with the published rust2go 0.4: `./scripts/bench-v04.sh [pairs] [out]`.
# Builds this project's `spawned` binary (benches/src/bin/spawned.rs, R2G_SIDE_BY_SIDE=1: only
# the cases both have) and the same workloads on rust2go 0.4 (benches/v04, its own workspace;
# needs libclang-dev for 0.4's bindgen and fetches github.com/ihciah/rust2go through the Go
# module proxy), then runs the two binaries alternately `pairs` times (default 5; only one Go
# runtime fits in a process) and writes their `bench` lines, prefixed `ours` / `v04`, to `out`
# (default stdout). scripts/bench_report.py takes the medians and ratios. Honours
# CARGO_TARGET_DIR. Go's runtime pointer checks stay at their defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PAIRS="${1:-5}"
OUT="${2:-/dev/stdout}"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac

cargo build --release -p rust2go-benches --bin spawned >&2
CARGO_TARGET_DIR="$TARGET_DIR/v04" cargo build --release --manifest-path benches/v04/Cargo.toml >&2
OURS="$TARGET_DIR/release/spawned"
V04="$TARGET_DIR/v04/release/rust2go-v04-bench"

{
    for i in $(seq 1 "$PAIRS"); do
        echo "== pair $i of $PAIRS" >&2
        R2G_SIDE_BY_SIDE=1 "$OURS" 1 | sed "s/^bench 0 /ours $i /"
        "$V04" 1 | sed "s/^bench 0 /v04 $i /"
    done
} > "$OUT"

#!/usr/bin/env bash
# The benchmark suite and its report: `./scripts/bench.sh` (about 3-4 minutes on 2 cores).
#   1. criterion benchmarks (benches/benches/calls.rs): every case beside the raw Rust -> Go
#      floor, in one process; the whole suite runs BENCH_ROUNDS times (default 3, saved as
#      criterion baselines round1..N) and the report takes each case's median over the rounds;
#   2. the Rust allocation counts (benches/tests/alloc.rs);
#   3. the memory check (benches/src/bin/rss.rs): RSS after 1e5 and 1e6 mixed calls, and
#      300 timed rounds of the 1,000-concurrent case (benches/examples/concurrent_probe.rs);
#   4. the spawned-tasks workload (benches/src/bin/spawned.rs: 1,000 tokio tasks awaiting a
#      tiny async call; the default (ring), #[cgo], #[mem], #[go_inline] beside a Rust-only reference; one
#      outstanding call; join_all), SPAWNED_ROUNDS rounds (default 11) in one process, then
#      some of its cases pinned to one CPU (SPAWNED_1CPU_ROUNDS, default 5), and the
#      side-by-side with the published rust2go 0.4 (scripts/bench-v04.sh, V04_PAIRS runs of
#      each binary alternately, default 5; skipped with a note when it cannot be built);
#   5. scripts/bench_report.py writes BENCHMARKS.md and benches/ns-per-call.svg.
# Honours CARGO_TARGET_DIR. Extra criterion arguments: BENCH_ARGS="--measurement-time 5".
# Runs with Go's default runtime pointer checks; never turns any of them off.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
export CRITERION_HOME="$TARGET_DIR/criterion"
WORK="$TARGET_DIR/bench-report"
rm -rf "$CRITERION_HOME/rust2go" "$WORK"
mkdir -p "$WORK"

ROUNDS="${BENCH_ROUNDS:-3}"
uptime > "$WORK/load-before.txt" 2>/dev/null || true
for i in $(seq 1 "$ROUNDS"); do
    echo "== 1/5 cargo bench -p rust2go-benches (round $i of $ROUNDS)"
    # shellcheck disable=SC2086
    R2G_BENCH_PAIRED_OUT="$WORK/interleaved-round$i.json" \
        cargo bench -p rust2go-benches --bench calls -- --save-baseline "round$i" ${BENCH_ARGS:-} 2>&1 | tee "$WORK/criterion-round$i.txt"
done
uptime > "$WORK/load-after.txt" 2>/dev/null || true

echo "== 2/5 Rust allocations per call (tests/alloc.rs)"
set +e
cargo test --release -p rust2go-benches --test alloc -- --nocapture --test-threads 1 2>&1 | tee "$WORK/alloc.txt"
echo "exit ${PIPESTATUS[0]}" >> "$WORK/alloc.txt"

echo "== 3/5 memory check (src/bin/rss.rs); 300 rounds of 1,000 concurrent calls (examples/concurrent_probe.rs)"
cargo run --release -p rust2go-benches --bin rss 2>&1 | tee "$WORK/rss.txt"
echo "exit ${PIPESTATUS[0]}" >> "$WORK/rss.txt"
cargo run --release -p rust2go-benches --example concurrent_probe 300 > "$WORK/concurrent.txt" 2>&1
grep '^summary' "$WORK/concurrent.txt"

echo "== 4/5 spawned tasks (src/bin/spawned.rs), and the side-by-side with rust2go 0.4 (scripts/bench-v04.sh)"
cargo run --release -p rust2go-benches --bin spawned "${SPAWNED_ROUNDS:-11}" > "$WORK/spawned.txt" 2> "$WORK/spawned.err"
echo "exit $?" >> "$WORK/spawned.txt"
if command -v taskset > /dev/null; then
    R2G_ONLY=spawned_ref,spawned_cgo,spawned_cgo_export,join_all_ref,join_all_cgo,join_all_cgo_export \
        taskset -c 0 "$TARGET_DIR/release/spawned" "${SPAWNED_1CPU_ROUNDS:-5}" > "$WORK/spawned-1cpu.txt" 2>&1
    echo "exit $?" >> "$WORK/spawned-1cpu.txt"
else
    echo "taskset (util-linux) is not installed" > "$WORK/spawned-1cpu.txt"
fi
if ! ./scripts/bench-v04.sh "${V04_PAIRS:-5}" "$WORK/v04.txt" 2> "$WORK/v04.err"; then
    echo "the rust2go 0.4 side-by-side did not run: $(tail -3 "$WORK/v04.err" | tr '\n' ' ')" > "$WORK/v04.txt"
fi
set -e

echo "== 5/5 BENCHMARKS.md"
python3 scripts/bench_report.py --criterion "$CRITERION_HOME" --work "$WORK" \
    --out BENCHMARKS.md --svg benches/ns-per-call.svg
echo "wrote BENCHMARKS.md and benches/ns-per-call.svg"

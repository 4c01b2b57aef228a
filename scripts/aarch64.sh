#!/usr/bin/env bash
# aarch64 Linux, built and run on an x86_64 host: the end-to-end crates are cross-compiled for
# aarch64-unknown-linux-gnu (Rust, Go and cgo) and their tests run under qemu-user, Cargo's
# runner. Needs the Rust target and, from apt, gcc-aarch64-linux-gnu, libc6-dev-arm64-cross and
# qemu-user-static (README, "Cross-compilation").
#   scripts/aarch64.sh --available   exit 0 if all of that is installed, else name what is missing
#   scripts/aarch64.sh               run the suite
# Left out here: Go's race detector (its runtime cannot map its shadow memory under qemu-user on
# x86_64: "ThreadSanitizer: unsupported VMA range"), the rust2go crate's own tests (the trybuild
# UI test checks host diagnostics; its unit tests are the build helper's, which runs on the
# host, and would build the code generator for aarch64 too), tests/build (builds fixtures for
# the host), the go118 output with Go 1.19, and the 1e6-call RSS test of tests/g2r (a leak
# check that does not depend on the architecture, and takes minutes under qemu). qemu-user on x86_64 runs the program with x86's stronger memory ordering,
# so this run does not show that the #[mem] rings and the async slot states are correct under
# ARM's weaker ordering; that takes real arm64 hardware.
set -euo pipefail
cd "$(dirname "$0")/.."

T=aarch64-unknown-linux-gnu
SYSROOT="${R2G_AARCH64_SYSROOT:-/usr/aarch64-linux-gnu}"
QEMU="$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)"

missing=()
grep -qx "$T" <<<"$(rustup target list --installed 2>/dev/null || true)" || missing+=("the Rust target (rustup target add $T)")
command -v aarch64-linux-gnu-gcc >/dev/null || missing+=("aarch64-linux-gnu-gcc (apt-get install gcc-aarch64-linux-gnu)")
[ -e "$SYSROOT/lib/ld-linux-aarch64.so.1" ] || missing+=("the aarch64 C library in $SYSROOT (apt-get install libc6-dev-arm64-cross)")
[ -n "$QEMU" ] || missing+=("qemu-aarch64-static or qemu-aarch64 (apt-get install qemu-user-static)")
if [ "${1:-}" = --available ]; then
    for m in "${missing[@]}"; do echo "missing: $m"; done
    [ ${#missing[@]} = 0 ]
    exit
fi
if [ ${#missing[@]} != 0 ]; then
    printf 'missing: %s\n' "${missing[@]}" >&2
    exit 1
fi

# The two lines a user sets (README): the linker, which the builder also hands cgo as CC, and
# the runner. Values set by the caller win.
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER="${CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER:-aarch64-linux-gnu-gcc}"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="${CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER:-$QEMU -L $SYSROOT}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/aarch64"

echo "-- $T under $CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER"
cargo test --target "$T" -p rust2go-e2e -p rust2go-async-tests -p rust2go-shm-tests -p rust2go-types-tests \
    -p rust2go-g2r-tests -p rust2go-idiomatic-tests -p rust2go-objects-tests -p demo -p example-go2rust \
    -p rust2go-test-support \
    -- --skip a_million_g2r_calls_leave_rss_flat
echo "-- GOEXPERIMENT=cgocheck2: sync and async calls"
GOEXPERIMENT=cgocheck2 cargo test --target "$T" -p rust2go-e2e -p rust2go-async-tests

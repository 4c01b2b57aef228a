#!/usr/bin/env bash
# The whole test suite: what CI runs (via .ci/run) and what a developer runs before a push.
#   1. every crate's tests with Go's default GODEBUG;
#   2. the end-to-end crates again with the Go side built under GOEXPERIMENT=cgocheck2;
#   3. the concurrent crates (async, #[mem], g2r, objects) and the type system (nested
#      arguments read in place) under Go's race detector, stopping at the first report;
#   4. gofmt on every Go file, staticcheck on every package with a tracked gen.go, clippy
#      -D warnings over every crate;
#   5. the end-to-end crates with the Go-1.18-compatible output (`go118`), built by Go 1.19;
#   6. the MSRV (Rust 1.75) build of the user-facing crates, CLI and demo (scripts/msrv.sh);
#   7. aarch64 Linux: the end-to-end suite cross-built and run under qemu-user
#      (scripts/aarch64.sh) where the cross toolchain and qemu are installed, else type-checked;
#      the runtime and the generated glue (scripts/cross_glue.sh) type-check for the other
#      targets the builder maps (macOS, Windows GNU), for each whose standard library rustup
#      has installed.
# Runs with Go's default runtime pointer checks; never turns any of them off.
set -euo pipefail
cd "$(dirname "$0")/.."

# Disk: the suite builds the workspace in several configurations (default, race, MSRV, aarch64),
# each with the Go runtime linked into every test binary. Full debug info and incremental
# caches would need about 15 GB; line tables (file:line in backtraces) and no incremental
# cache keep it to a fraction. R2G_PRUNE=1 (set by .ci/run) also deletes each extra
# configuration's target directory once its step has passed.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}"
TARGET_ROOT="${CARGO_TARGET_DIR:-target}"
prune() {
    if [ "${R2G_PRUNE:-0}" = 1 ]; then
        rm -rf "$@"
    fi
    df -h . 2>/dev/null | awk 'NR == 2 { print "disk: " $4 " free" }' || true
}

E2E=(-p rust2go-e2e -p rust2go-async-tests -p rust2go-shm-tests -p rust2go-types-tests -p rust2go-g2r-tests -p rust2go-idiomatic-tests -p rust2go-objects-tests -p example-go2rust -p demo)
GO119="${GO119:-/usr/lib/go-1.19/bin/go}"

# staticcheck, which the Rust tests (rust2go-emit) and step 4 run on the Go: $STATICCHECK, else
# on PATH, else the one `go install` puts into $(go env GOBIN) or $(go env GOPATH)/bin,
# installed from the Go module proxy when missing.
STATICCHECK_PKG=honnef.co/go/tools/cmd/staticcheck@v0.8.2
if [ -z "${STATICCHECK:-}" ]; then
    STATICCHECK="$(command -v staticcheck || true)"
fi
if [ -z "$STATICCHECK" ]; then
    gobin="$(go env GOBIN)"
    gobin="${gobin:-$(go env GOPATH | cut -d: -f1)/bin}"
    if [ ! -x "$gobin/staticcheck" ]; then
        echo "== installing staticcheck: go install $STATICCHECK_PKG"
        GOTOOLCHAIN=local go install "$STATICCHECK_PKG"
    fi
    STATICCHECK="$gobin/staticcheck"
fi
export STATICCHECK
"$STATICCHECK" -version

echo "== 1/7 cargo test --workspace (default GODEBUG)"
cargo test --workspace

prune
echo "== 2/7 end-to-end tests, Go built with GOEXPERIMENT=cgocheck2"
GOEXPERIMENT=cgocheck2 cargo test "${E2E[@]}"

echo "== 3/7 async, #[mem], g2r, object and type-system tests under Go's race detector"
# The race runtime needs a non-PIE executable; the explicit --target keeps these flags off
# build scripts and proc-macros (README, "Go's race detector"). Its own target directory.
HOST="$(rustc -vV | sed -n 's/^host: //p')"
GORACE="halt_on_error=1" GOFLAGS=-race RUSTFLAGS="-C relocation-model=static -C link-arg=-no-pie" \
    CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/race" \
    cargo test --target "$HOST" -p rust2go-async-tests -p rust2go-shm-tests -p rust2go-g2r-tests -p rust2go-idiomatic-tests -p rust2go-types-tests -p rust2go-objects-tests
prune "$TARGET_ROOT/race"

echo "== 4/7 gofmt on every Go file; staticcheck on the generated packages; clippy -D warnings (every crate)"
unformatted="$(git ls-files -z '*.go' | xargs -0 gofmt -l)"
if [ -n "$unformatted" ]; then
    echo "gofmt would change:" >&2
    echo "$unformatted" >&2
    exit 1
fi
# Every package with a tracked gen.go, as its crate's build (step 1) regenerated it. The
# snapshot files are no package: rust2go-emit's tests generate them into one and check it.
for dir in $(git ls-files '*gen.go' | xargs -n1 dirname | sort -u | grep -vx 'rust2go-emit/tests/snapshots'); do
    if ! (cd "$dir" && CGO_ENABLED=1 GOTOOLCHAIN="${GOTOOLCHAIN:-local}" "$STATICCHECK" .); then
        echo "staticcheck reported findings in $dir (above)" >&2
        exit 1
    fi
done
if cargo clippy --version >/dev/null 2>&1; then
    cargo clippy --workspace --all-targets -- -D warnings
elif [ "${R2G_REQUIRE_CLIPPY:-0}" = 1 ]; then
    echo "clippy not installed (rustup component add clippy)" >&2
    exit 1
else
    echo "clippy not installed: skipped (rustup component add clippy)"
fi

echo "== 5/7 go118 output built and tested with Go 1.19"
if [ -x "$GO119" ]; then
    GO="$GO119" R2G_GO118=1 cargo test -p rust2go-e2e -p rust2go-async-tests -p rust2go-shm-tests -p rust2go-types-tests -p rust2go-g2r-tests -p rust2go-idiomatic-tests -p rust2go-objects-tests -p example-go2rust
    # The go118 run regenerated the crates' gen.go in place: put back the default output.
    cargo build -q -p rust2go-e2e -p rust2go-async-tests -p rust2go-shm-tests -p rust2go-types-tests -p rust2go-g2r-tests -p rust2go-idiomatic-tests -p rust2go-objects-tests -p example-go2rust
elif [ "${R2G_REQUIRE_GO119:-0}" = 1 ]; then
    echo "Go 1.19 not found at $GO119 (apt-get install -y golang-1.19-go)" >&2
    exit 1
else
    echo "Go 1.19 not found at $GO119: skipped (apt-get install -y golang-1.19-go)"
fi

echo "== 6/7 MSRV: Rust 1.75"
if rustup run 1.75 rustc --version >/dev/null 2>&1; then
    ./scripts/msrv.sh
    prune "$TARGET_ROOT/msrv-workspace"
elif [ "${R2G_REQUIRE_MSRV:-0}" = 1 ]; then
    echo "Rust 1.75 not installed (rustup toolchain install 1.75 --profile minimal)" >&2
    exit 1
else
    echo "Rust 1.75 not installed: skipped (rustup toolchain install 1.75 --profile minimal)"
fi

echo "== 7/7 other targets: aarch64 Linux under qemu-user; the runtime and generated glue type-checked for the rest"
installed="$(rustup target list --installed 2>/dev/null || true)"
cross_targets=(aarch64-unknown-linux-gnu)
if ./scripts/aarch64.sh --available; then
    ./scripts/aarch64.sh
    prune "$TARGET_ROOT/aarch64"
    cross_targets=()
elif [ "${R2G_REQUIRE_AARCH64:-0}" = 1 ]; then
    echo "the aarch64 cross toolchain or qemu is missing (see above)" >&2
    exit 1
else
    echo "aarch64-unknown-linux-gnu: not run under qemu (see above); type-checked only"
fi
for t in "${cross_targets[@]}" x86_64-apple-darwin aarch64-apple-darwin x86_64-pc-windows-gnu; do
    if grep -qx "$t" <<<"$installed"; then
        CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/cross-check" cargo check -q -p rust2go --target "$t"
        # The generated glue too: off Linux, default async methods take their export.
        CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/cross-check" ./scripts/cross_glue.sh "$t"
        echo "$t: ok"
    elif [ "${R2G_REQUIRE_TARGETS:-0}" = 1 ]; then
        echo "Rust target $t not installed (rustup target add $t)" >&2
        exit 1
    else
        echo "$t: skipped (rustup target add $t)"
    fi
done

#!/usr/bin/env bash
# Checks the declared MSRV (workspace `rust-version`, 1.75): builds and tests the crates a user
# depends on, the CLI and the demo with that toolchain, in a copy of the workspace that leaves
# out the test crates written in edition 2024 (they check that generated glue works there).
set -euo pipefail
cd "$(dirname "$0")/.."
MSRV="$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)"
work="${CARGO_TARGET_DIR:-$PWD/target}/msrv-workspace"
rm -rf "$work/src" && mkdir -p "$work/src"
git ls-files -z rust2go rust2go-model rust2go-emit rust2go-macro rust2go-cli examples/demo tests/support Cargo.toml README.md \
    | xargs -0 cp --parents -t "$work/src"
sed -i '/^members = \[/,/^\]/c\members = ["rust2go", "rust2go-model", "rust2go-emit", "rust2go-macro", "rust2go-cli", "examples/demo", "tests/support"]' "$work/src/Cargo.toml"
# rust2go's own dev-dependencies (trybuild, for the UI tests, whose output depends on the exact
# rustc) are not part of this check; without the lock file Cargo $MSRV would resolve them to
# their newest releases, which may need a newer Cargo just to read their manifests.
awk '/^\[/ { skip = ($0 == "[dev-dependencies]") } !skip' rust2go/Cargo.toml > "$work/src/rust2go/Cargo.toml"
cd "$work/src"
# Cargo.lock is left out: the lock file of a newer Cargo may use a format Cargo $MSRV cannot read.
CARGO_TARGET_DIR="$work/target" cargo "+$MSRV" test -p rust2go-model -p rust2go-emit -p rust2go-cli -p demo 2>&1 | tee "$work/msrv.log"
# Cargo before 1.80 warns about `cargo:rustc-check-cfg` lines (rust2go's build script emits
# them only for 1.80+).
if grep -q 'rustc-check-cfg' "$work/msrv.log"; then
    echo "Cargo $MSRV printed a rustc-check-cfg warning (see above)" >&2
    exit 1
fi

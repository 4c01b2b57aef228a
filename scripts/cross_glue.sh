#!/usr/bin/env bash
# Type-checks the generated Rust glue for another target: a scratch crate (in the target
# directory) whose build script generates the glue of IDL files of the test crates with the
# Rust back-end only (no Go, which would need that target's C compiler), then `cargo check
# --target <target>`. Off Linux, default async methods take their export glue
# (`#[cfg(not(SHM_CFG))]`) instead of the ring's, and a trait with explicit `#[mem]` methods
# must fail with rust2go's compile_error: both are checked.
#   scripts/cross_glue.sh <target>
set -euo pipefail
cd "$(dirname "$0")/.."
T="$1"
ROOT="$PWD"
work="${CARGO_TARGET_DIR:-$ROOT/target}/cross-glue"
mkdir -p "$work/src"
work="$(cd "$work" && pwd)"
# <module>:<IDL file> of test crates whose IDL has no #[g2r] trait (that would need its Rust
# implementation here); `shm` is compiled with the feature `mem` only.
idls=(async_calls:tests/async/src/idl.rs types:tests/types/src/idl.rs shm:tests/shm/src/idl.rs)
cat >"$work/Cargo.toml" <<TOML
[package]
name = "rust2go-cross-glue"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[features]
# The IDL of tests/shm, whose explicit #[mem] methods must not compile off Linux.
mem = []

[dependencies]
rust2go = { path = "$ROOT/rust2go" }

[build-dependencies]
rust2go-emit = { path = "$ROOT/rust2go-emit" }
TOML
{
    echo 'fn main() {'
    echo '    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());'
    echo "    for (src, name) in [$(for i in "${idls[@]}"; do printf '("%s/%s", "%s.rs"), ' "$ROOT" "${i#*:}" "${i%%:*}"; done)] {"
    echo '        let g = rust2go_emit::generate(std::path::Path::new(src), &rust2go_emit::GoOptions::default(), false).unwrap();'
    echo '        std::fs::write(out.join(name), g.rust).unwrap();'
    echo '    }'
    echo '}'
} >"$work/build.rs"
: >"$work/src/lib.rs"
for i in "${idls[@]}"; do
    m="${i%%:*}"; f="${i#*:}"
    sed -E "s/r2g_include_binding!\((binding)?\)/r2g_include_binding!(\"$m.rs\")/" "$f" >"$work/src/$m.rs"
    grep -q "r2g_include_binding!(\"$m.rs\")" "$work/src/$m.rs" || { echo "$f: no r2g_include_binding!()" >&2; exit 1; }
    if [ "$m" = shm ]; then echo '#[cfg(feature = "mem")]' >>"$work/src/lib.rs"; fi
    echo "pub mod $m;" >>"$work/src/lib.rs"
done
cd "$work"
export CARGO_TARGET_DIR="$work/target"
cargo check -q --target "$T"
linux=0
case "$T" in x86_64-unknown-linux-*|aarch64-unknown-linux-*) linux=1 ;; esac
if out="$(cargo check -q --target "$T" --features mem 2>&1)"; then
    [ "$linux" = 1 ] || { echo "$T: explicit #[mem] methods compiled off Linux" >&2; exit 1; }
else
    if [ "$linux" = 1 ] || ! grep -q 'rust2go: #\[mem\] methods (trait ShmCall) use futex-based shared-memory queues' <<<"$out"; then
        echo "$out" >&2
        exit 1
    fi
fi

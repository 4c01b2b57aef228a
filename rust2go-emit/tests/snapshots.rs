//! Snapshot tests of the generated code, and `gofmt` / `go vet` over the generated Go.
//!
//! Every fixture IDL `tests/fixtures/<name>.rs` is generated the way the CLI and the build
//! helper do it (`rust2go_emit::generate`, gofmt on) and compared with the committed files in
//! `tests/snapshots/`:
//!
//! * `<name>.gen.go`        the Go output with the default options,
//! * `<name>.go118.gen.go`  the Go output with `go118`,
//! * `<name>.glue.rs`       the Rust glue (what the build helper writes into `OUT_DIR`).
//!
//! The fixture `idiomatic.rs` is generated in the idiomatic Go style (`idiomatic.gen.go`) and
//! in the default one (`idiomatic.compat.gen.go`).
//!
//! A mismatch fails the test and shows where the output starts to differ. After an intended
//! change of a generator, rewrite the snapshots with
//!
//! ```sh
//! R2G_BLESS=1 cargo test -p rust2go-emit --test snapshots
//! ```
//!
//! and review `git diff rust2go-emit/tests/snapshots` like any other code change.
//!
//! The Go checks write the generated `gen.go`, a hand-written `impl.go` implementing the
//! fixture's interfaces (`tests/fixtures/<name>_impl.go`) and a `go.mod` into a directory under
//! Cargo's target tmpdir and run `go vet` and staticcheck there (cgo enabled, so a C compiler is
//! needed, as for every rust2go build). `$GO` selects the `go` binary, as in the build helper;
//! `$STATICCHECK` the staticcheck binary (tests/common/mod.rs).

mod common;

use std::path::{Path, PathBuf};

use rust2go_emit::GoOptions;

const FIXTURES: &[&str] = &["types", "g2r", "objects", "rust_objects"];

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures").join(format!("{name}.rs"))
}

fn generate(name: &str, opts: &GoOptions, fmt: bool) -> rust2go_emit::Generated {
    rust2go_emit::generate(&fixture(name), opts, fmt).unwrap_or_else(|e| panic!("generating from fixture `{name}` failed:\n{e}"))
}

fn default_opts() -> GoOptions {
    GoOptions::default()
}

fn idiomatic_opts() -> GoOptions {
    GoOptions { style: rust2go_emit::GoStyle::Idiomatic, ..GoOptions::default() }
}

fn go118_opts() -> GoOptions {
    GoOptions { go118: true, ..GoOptions::default() }
}

fn blessing() -> bool {
    std::env::var_os("R2G_BLESS").is_some_and(|v| v == "1")
}

/// Compares `actual` with `tests/snapshots/<file>` (or rewrites it under `R2G_BLESS=1`).
/// Returns a description of the mismatch.
fn check_snapshot(file: &str, actual: &str) -> Result<(), String> {
    let path = manifest_dir().join("tests/snapshots").join(file);
    let expected = std::fs::read_to_string(&path).ok();
    if blessing() {
        if expected.as_deref() != Some(actual) {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, actual).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            eprintln!("blessed {}", path.display());
        }
        return Ok(());
    }
    match expected {
        None => Err(format!("{}: snapshot missing; create it with R2G_BLESS=1", path.display())),
        Some(expected) if expected == actual => Ok(()),
        Some(expected) => Err(format!(
            "{}: the generated code differs from the snapshot\n{}\nIf the change is intended, rewrite the snapshots with \
             `R2G_BLESS=1 cargo test -p rust2go-emit --test snapshots` and review the diff.",
            path.display(),
            diff_hint(&expected, actual)
        )),
    }
}

/// The changed region between two texts: lines only in the snapshot (`-`) and only in the
/// output (`+`), with their line numbers, after the common prefix and suffix are removed.
fn diff_hint(expected: &str, actual: &str) -> String {
    const MAX: usize = 25;
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let prefix = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let suffix = e[prefix..].iter().rev().zip(a[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (e_mid, a_mid) = (&e[prefix..e.len() - suffix], &a[prefix..a.len() - suffix]);
    let mut out = format!(
        "snapshot: {} lines, generated: {} lines; first difference at line {}\n",
        e.len(),
        a.len(),
        prefix + 1
    );
    if e_mid.is_empty() && a_mid.is_empty() {
        out.push_str("  (the texts differ only in line endings or a trailing newline)\n");
    }
    for (sign, lines) in [('-', e_mid), ('+', a_mid)] {
        for (i, l) in lines.iter().enumerate().take(MAX) {
            out.push_str(&format!("{sign}{:>6} | {l}\n", prefix + i + 1));
        }
        if lines.len() > MAX {
            out.push_str(&format!("{sign}   ... {} more changed lines\n", lines.len() - MAX));
        }
    }
    out
}

fn snapshot_fixture(name: &str) {
    let default = generate(name, &default_opts(), true);
    let go118 = generate(name, &go118_opts(), true);
    // Generation is deterministic: a second run gives byte-identical output.
    let again = generate(name, &default_opts(), true);
    assert_eq!(default.go, again.go, "{name}: two runs generated different Go");
    assert_eq!(default.rust, again.rust, "{name}: two runs generated different Rust glue");
    // The Rust glue does not depend on the Go options.
    assert_eq!(default.rust, go118.rust, "{name}: the Rust glue depends on GoOptions::go118");

    check_snapshots(&[
        (&format!("{name}.gen.go"), &default.go),
        (&format!("{name}.go118.gen.go"), &go118.go),
        (&format!("{name}.glue.rs"), &default.rust),
    ]);
}

/// [`check_snapshot`] for each (file, output), reporting every mismatch at once.
fn check_snapshots(checks: &[(&str, &str)]) {
    let failures: Vec<String> = checks.iter().filter_map(|(file, actual)| check_snapshot(file, actual).err()).collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn snapshot_types() {
    snapshot_fixture("types");
}

#[test]
fn snapshot_g2r() {
    snapshot_fixture("g2r");
}

/// The idiomatic Go style (`idiomatic.rs`): its Go output, and the same IDL in the default
/// style; the Rust glue is the same in both styles.
#[test]
fn snapshot_idiomatic() {
    let idiomatic = generate("idiomatic", &idiomatic_opts(), true);
    let compat = generate("idiomatic", &default_opts(), true);
    assert_eq!(idiomatic.rust, compat.rust, "the Rust glue depends on the Go style");
    check_snapshots(&[
        ("idiomatic.gen.go", &idiomatic.go),
        ("idiomatic.compat.gen.go", &compat.go),
        ("idiomatic.glue.rs", &idiomatic.rust),
    ]);
}

/// gofmt, go vet and staticcheck on the idiomatic output (with a Go implementation of it).
#[test]
fn go_checks_of_the_idiomatic_output() {
    let go118 = GoOptions { go118: true, ..idiomatic_opts() };
    for (variant, opts, go_version) in [("default", idiomatic_opts(), "1.20"), ("go118", go118, "1.18")] {
        let generated = generate("idiomatic", &opts, true);
        let dir = package_dir(&format!("checks-idiomatic-{variant}"), &generated.go, &impl_go("idiomatic"), go_version);
        let listed = common::gofmt_unformatted(&dir);
        assert!(listed.is_empty(), "idiomatic/{variant}: not gofmt-clean in {}: {listed}", dir.display());
        if let Err(e) = common::go_vet(&dir, "") {
            panic!("idiomatic/{variant}: go vet failed in {}:\n{e}", dir.display());
        }
        if let Err(e) = common::staticcheck(&dir, "") {
            panic!("idiomatic/{variant}: staticcheck reported in {}:\n{e}", dir.display());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn snapshot_objects() {
    snapshot_fixture("objects");
    let idiomatic = generate("objects", &idiomatic_opts(), true);
    check_snapshots(&[("objects.idiomatic.gen.go", &idiomatic.go)]);
}

#[test]
fn snapshot_rust_objects() {
    snapshot_fixture("rust_objects");
    let idiomatic = generate("rust_objects", &idiomatic_opts(), true);
    check_snapshots(&[("rust_objects.idiomatic.gen.go", &idiomatic.go)]);
}

/// go vet and staticcheck on the idiomatic output of the object fixtures (exported methods,
/// `Close()`).
#[test]
fn go_checks_of_the_idiomatic_objects_output() {
    for name in ["objects", "rust_objects"] {
        let generated = generate(name, &idiomatic_opts(), true);
        let dir = package_dir(&format!("checks-{name}-idiomatic"), &generated.go, &impl_go(&format!("{name}_idiomatic")), "1.20");
        if let Err(e) = common::go_vet(&dir, "") {
            panic!("{name}/idiomatic: go vet failed in {}:\n{e}", dir.display());
        }
        if let Err(e) = common::staticcheck(&dir, "") {
            panic!("{name}/idiomatic: staticcheck reported in {}:\n{e}", dir.display());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn diff_hint_shows_changed_lines() {
    let hint = diff_hint("a\nb\nc\nd\n", "a\nB\nc\nd\n");
    assert!(hint.contains("first difference at line 2"), "{hint}");
    assert!(hint.contains("-     2 | b"), "{hint}");
    assert!(hint.contains("+     2 | B"), "{hint}");
    assert!(!hint.contains("| c") && !hint.contains("| a"), "unchanged lines are not listed: {hint}");
    let hint = diff_hint("a\nb\n", "a\nb\nc\n");
    assert!(hint.contains("snapshot: 2 lines, generated: 3 lines"), "{hint}");
    assert!(hint.contains("+     3 | c") && !hint.contains("-  "), "{hint}");
    let many: String = (0..100).map(|i| format!("{i}\n")).collect();
    let hint = diff_hint("", &many);
    assert!(hint.contains("... 75 more changed lines"), "{hint}");
}

#[test]
fn go118_output_avoids_go120_apis() {
    for name in FIXTURES {
        // (The default output may use them; since argument views are read in place it
        // happens not to.)
        let go118 = generate(name, &go118_opts(), true);
        for api in ["unsafe.String(", "unsafe.StringData(", "unsafe.SliceData("] {
            assert!(!go118.go.contains(api), "{name}: the go118 output uses {api}");
        }
    }
}

// ---- gofmt / go vet ----

/// A fresh Go package directory under Cargo's target tmpdir.
fn package_dir(tag: &str, gen_go: &str, impl_go: &str, go_version: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("r2g-snapshots-{tag}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("gen.go"), gen_go).unwrap();
    std::fs::write(dir.join("impl.go"), impl_go).unwrap();
    std::fs::write(dir.join("go.mod"), format!("module r2gsnapshot\n\ngo {go_version}\n")).unwrap();
    dir
}

fn impl_go(name: &str) -> String {
    let path = manifest_dir().join("tests/fixtures").join(format!("{name}_impl.go"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn go_output_is_gofmt_clean() {
    for name in FIXTURES {
        for (variant, opts) in [("default", default_opts()), ("go118", go118_opts())] {
            let formatted = generate(name, &opts, true);
            let dir = package_dir(&format!("gofmt-{name}-{variant}"), &formatted.go, &impl_go(name), "1.20");
            let listed = common::gofmt_unformatted(&dir);
            assert!(listed.is_empty(), "{name}/{variant}: not gofmt-clean in {}: {listed}", dir.display());
            // `--no-fmt` output is the same program: valid Go that gofmt turns into the default.
            let raw = generate(name, &opts, false);
            let reformatted = rust2go_emit::gofmt(&raw.go).unwrap_or_else(|e| panic!("{name}/{variant}: --no-fmt output: {e}"));
            assert_eq!(reformatted, formatted.go, "{name}/{variant}: gofmt(--no-fmt output) differs from the formatted output");
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

#[test]
fn go_vet_default_output() {
    for name in FIXTURES {
        let generated = generate(name, &default_opts(), true);
        let dir = package_dir(&format!("vet-{name}"), &generated.go, &impl_go(name), "1.20");
        if let Err(e) = common::go_vet(&dir, "") {
            panic!("{name}: go vet failed in {}:\n{e}", dir.display());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn staticcheck_generated_output() {
    // The snapshot files are this output (snapshot_* tests), so this checks them too.
    for name in FIXTURES {
        for (variant, opts, go_version) in [("default", default_opts(), "1.20"), ("go118", go118_opts(), "1.18")] {
            let generated = generate(name, &opts, true);
            let dir = package_dir(&format!("staticcheck-{name}-{variant}"), &generated.go, &impl_go(name), go_version);
            if let Err(e) = common::staticcheck(&dir, "") {
                panic!("{name}/{variant}: staticcheck reported in {}:\n{e}", dir.display());
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

#[test]
fn go_vet_without_main() {
    // `without_main`: the package brings its own `main`.
    let opts = GoOptions { without_main: true, ..GoOptions::default() };
    let generated = generate("types", &opts, true);
    assert!(!generated.go.contains("func main()"), "without_main output declares main");
    let dir = package_dir("vet-types-without-main", &generated.go, &impl_go("types"), "1.20");
    std::fs::write(dir.join("main.go"), "package main\n\nfunc main() {}\n").unwrap();
    if let Err(e) = common::go_vet(&dir, "") {
        panic!("go vet failed in {}:\n{e}", dir.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn go_vet_go118_output_under_go_1_18_language_version() {
    for name in FIXTURES {
        // With `go 1.18` in go.mod the type checker rejects APIs newer than Go 1.18 ...
        let go118 = generate(name, &go118_opts(), true);
        let dir = package_dir(&format!("vet118-probe-{name}"), &go118.go, &impl_go(name), "1.18");
        std::fs::write(dir.join("probe.go"), "package main

import \"unsafe\"

func probe120(p *byte) string { return unsafe.String(p, 1) }
").unwrap();
        let err = common::go_vet(&dir, "").expect_err("unsafe.String must need Go 1.20");
        assert!(err.contains("requires go1.20"), "{name}: unexpected go vet failure:\n{err}");
        let _ = std::fs::remove_dir_all(&dir);
        // ... and accepts the go118 output.
        let dir = package_dir(&format!("vet118-{name}"), &go118.go, &impl_go(name), "1.18");
        if let Err(e) = common::go_vet(&dir, "") {
            panic!("{name}: go vet of the go118 output failed in {}:\n{e}", dir.display());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

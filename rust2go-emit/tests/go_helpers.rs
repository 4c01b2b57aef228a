//! The fixed Go that every gen.go carries lives in `rust2go-emit/go/` (package `r2ghelpers`,
//! spliced into gen.go by the Go back-end): gofmt, go vet and staticcheck check it.

mod common;

use std::path::PathBuf;

fn helpers_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("go")
}

#[test]
fn go_helpers_pass_go_tools() {
    if !common::go_available() {
        eprintln!("skipped: `go` not found ($GO or PATH), so rust2go-emit/go is not checked with gofmt, go vet and staticcheck");
        return;
    }
    let dir = helpers_dir();
    let unformatted = common::gofmt_unformatted(&dir);
    assert!(unformatted.is_empty(), "not gofmt-clean in {}: {unformatted}", dir.display());
    if let Err(e) = common::go_vet(&dir, "") {
        panic!("go vet failed in {}:\n{e}", dir.display());
    }
    if let Err(e) = common::staticcheck(&dir, "") {
        panic!("staticcheck reported in {}:\n{e}", dir.display());
    }
}

//! Compile-time diagnostics of the rust2go macros (trybuild).
//!
//! `tests/ui/fail_*.rs` must fail to compile with exactly the errors in the `.stderr` file
//! beside them (each at the offending token); `tests/ui/pass_*.rs` must compile and run.
//! After an intended change of a message, regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p rust2go --test ui` and review the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail_*.rs");
    t.pass("tests/ui/pass_*.rs");
}

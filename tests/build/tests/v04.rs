//! Projects written for rust2go 0.4 (the published crate), built unchanged: their IDL files,
//! build scripts and flows. See `src/lib.rs` for the harness.

use rust2go_build_tests::{lock, Fixture};

/// 0.4 generated a `#[g2r]` trait's C exports in the macro, so its Go-calls-Rust libraries have
/// no build script; here the build helper generates them, and `cargo build` says what to add
/// (rather than `go build` failing later with `undefined reference to r2g_g2r_..`).
#[test]
fn g2r_library_without_build_script_names_the_fix() {
    let _g = lock();
    let f = Fixture::copy("nobuild_g2r", "nobuild-g2r");
    let run = f.cargo(&["build"]).failure("cargo build without build.rs");
    run.stderr_has(&[
        "rust2go: #[rust2go::g2r] trait DemoCall: this crate has no build script",
        "undefined reference to r2g_g2r_..",
        "Add `build.rs`: `fn main() { rust2go::Builder::new().with_go_src(\"./go\")",
        "`.generate_only()`",
        "[build-dependencies]",
        "src/lib.rs:7:1",
    ]);
    // The missing build script is the one cause: no second message about the binding module.
    assert!(!run.stderr.contains("no `binding` module"), "{}", run.stderr);
}

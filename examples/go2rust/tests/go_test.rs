//! Runs `go test` in the example's Go package against this crate's static library (for the
//! target the test is built for, through Cargo's runner when one is set).

use std::path::PathBuf;
use std::process::Command;

#[test]
fn go_test_passes_against_the_rust_static_library() {
    // `cargo test` builds the staticlib as target/<profile>/deps/libexample_go2rust-<hash>.a;
    // the newest one is this build's. Give it its plain name in a directory of its own.
    let deps: PathBuf = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    let newest = std::fs::read_dir(&deps)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("libexample_go2rust") && n.ends_with(".a")
        })
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
        .expect("the staticlib of this crate was not built");
    let lib_dir = deps.parent().unwrap().join("go2rust-staticlib");
    std::fs::create_dir_all(&lib_dir).unwrap();
    std::fs::copy(&newest, lib_dir.join("libexample_go2rust.a")).unwrap();
    let go = std::env::var("GO").unwrap_or_else(|_| "go".into());
    let mut cmd = Command::new(go);
    cmd.args(["test", "-count=1"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/go"))
        .env("CGO_LDFLAGS", format!("-L{}", lib_dir.display()))
        .env("GOTOOLCHAIN", "local");
    // Cross-testing (this test runs under Cargo's runner, e.g. qemu-user): the `go` found here
    // is the host's, so build the Go test binary for this target with its C compiler, and run
    // it through the same runner.
    if let Some(cc) = rust2go_test_support::cross_cc() {
        let (goos, goarch) = rust2go_test_support::go_target();
        cmd.env("GOOS", goos).env("GOARCH", goarch).env("CGO_ENABLED", "1").env("CC", cc);
    } else if rust2go_test_support::TARGET != rust2go_test_support::HOST {
        panic!(
            "cross-testing for {} needs its C compiler for cgo: set CC_{}",
            rust2go_test_support::TARGET,
            rust2go_test_support::TARGET.replace('-', "_")
        );
    }
    if let Some(runner) = rust2go_test_support::runner() {
        cmd.arg(format!("-exec={}", runner.join(" ")));
    }
    let out = cmd.arg(".").output().expect("run go test");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "go test failed:\n{text}");
    assert!(text.contains("ok"), "{text}");
}

//! Runs `go test` in the example's Go package against this crate's static library.

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
    let out = Command::new(go)
        .args(["test", "-count=1", "."])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/go"))
        .env("CGO_LDFLAGS", format!("-L{}", lib_dir.display()))
        .env("GOTOOLCHAIN", "local")
        .output()
        .expect("run go test");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "go test failed:\n{text}");
    assert!(text.contains("ok"), "{text}");
}

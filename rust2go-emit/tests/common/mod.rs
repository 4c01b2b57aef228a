//! The Go tools the tests run: `go` (`$GO`, else `PATH`), the `gofmt` beside it, and
//! staticcheck (`$STATICCHECK`, else `PATH`, else where `go install` puts it).

#![allow(dead_code)] // each test crate uses a part

use std::path::{Path, PathBuf};
use std::process::Command;

/// How to install the staticcheck the suite runs (scripts/test.sh does it when it is missing).
pub const STATICCHECK_INSTALL: &str = "go install honnef.co/go/tools/cmd/staticcheck@v0.8.2";

pub fn go_bin() -> PathBuf {
    std::env::var_os("GO").map(PathBuf::from).unwrap_or_else(|| "go".into())
}

pub fn gofmt_bin() -> PathBuf {
    std::env::var_os("GO")
        .map(PathBuf::from)
        .and_then(|go| go.parent().map(|d| d.join("gofmt")))
        .filter(|p| p.exists())
        .unwrap_or_else(|| "gofmt".into())
}

/// Whether `go` runs at all.
pub fn go_available() -> bool {
    Command::new(go_bin()).arg("version").output().is_ok_and(|o| o.status.success())
}

/// A command of the Go toolchain for `dir`: cgo on (gen.go is a cgo file), the local
/// toolchain unless `GOTOOLCHAIN` says otherwise, and `$GO`'s directory first on `PATH` (tools
/// that run `go list` themselves, such as staticcheck, then use the same `go`).
fn go_env(cmd: &mut Command, dir: &Path) {
    cmd.current_dir(dir).env("CGO_ENABLED", "1");
    if std::env::var_os("GOTOOLCHAIN").is_none() {
        cmd.env("GOTOOLCHAIN", "local");
    }
    if let Some(go_dir) = std::env::var_os("GO").map(PathBuf::from).and_then(|go| go.parent().map(Path::to_path_buf)) {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let joined = std::env::join_paths(std::iter::once(go_dir).chain(std::env::split_paths(&path))).expect("PATH");
        cmd.env("PATH", joined);
    }
}

/// Runs `cmd`; Ok(()) if it succeeds, else Err(its output).
fn run(mut cmd: Command, what: &str) -> Result<(), String> {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    }
}

/// `go vet [-tags tags] .` in `dir`.
pub fn go_vet(dir: &Path, tags: &str) -> Result<(), String> {
    let mut cmd = Command::new(go_bin());
    cmd.arg("vet");
    if !tags.is_empty() {
        cmd.args(["-tags", tags]);
    }
    cmd.arg(".");
    go_env(&mut cmd, dir);
    run(cmd, &format!("`{} vet` (Go >= 1.20 is needed)", go_bin().display()))
}

/// The files `gofmt -l` lists in `dir` (empty when all are formatted).
pub fn gofmt_unformatted(dir: &Path) -> String {
    let out = Command::new(gofmt_bin()).arg("-l").arg(".").current_dir(dir).output().expect("run gofmt");
    assert!(out.status.success(), "gofmt -l failed in {}: {}", dir.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The staticcheck binary: `$STATICCHECK`, else `staticcheck` on `PATH`, else the one in
/// `$(go env GOBIN)` or `$(go env GOPATH)/bin`. Panics with how to install it: the suite
/// needs it (generated Go is staticcheck-clean).
pub fn staticcheck_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("STATICCHECK").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    if Command::new("staticcheck").arg("-version").output().is_ok_and(|o| o.status.success()) {
        return "staticcheck".into();
    }
    let go_env_var = |name: &str| {
        Command::new(go_bin())
            .args(["env", name])
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut candidates = Vec::new();
    if let Some(gobin) = go_env_var("GOBIN") {
        candidates.push(PathBuf::from(gobin));
    }
    if let Some(gopath) = go_env_var("GOPATH") {
        candidates.extend(std::env::split_paths(&gopath).map(|p| p.join("bin")));
    }
    for dir in candidates {
        let bin = dir.join("staticcheck");
        if bin.is_file() {
            return bin;
        }
    }
    panic!(
        "staticcheck not found ($STATICCHECK, PATH, $(go env GOBIN), $(go env GOPATH)/bin): install it with\n    {STATICCHECK_INSTALL}\n\
         (scripts/test.sh installs it when missing)"
    );
}

/// `staticcheck [-tags tags] .` in `dir`.
pub fn staticcheck(dir: &Path, tags: &str) -> Result<(), String> {
    let bin = staticcheck_bin();
    let mut cmd = Command::new(&bin);
    if !tags.is_empty() {
        cmd.args(["-tags", tags]);
    }
    cmd.arg(".");
    go_env(&mut cmd, dir);
    run(cmd, &format!("`{}`", bin.display()))
}

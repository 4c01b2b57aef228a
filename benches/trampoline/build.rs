// Builds the Go c-archive. Env knobs (all optional):
//   TRAMP_GOTAGS   e.g. "tramp_asmcgocall"
//   TRAMP_GOFLAGS  extra go build flags, e.g. "-race"
//   GOEXPERIMENT   passed through by `go` itself (e.g. cgocheck2)
use std::{env, path::PathBuf, process::Command};
fn main() {
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let tags = env::var("TRAMP_GOTAGS").unwrap_or_default();
    let flags = env::var("TRAMP_GOFLAGS").unwrap_or_default();
    let mut cmd = Command::new("go");
    cmd.current_dir("gosrc").arg("build").arg("-buildmode=c-archive");
    if !tags.is_empty() { cmd.arg(format!("-tags={tags}")); }
    for f in flags.split_whitespace() { cmd.arg(f); }
    cmd.arg("-o").arg(out.join("libtramp.a")).arg(".");
    let st = cmd.status().expect("go build");
    assert!(st.success(), "go build failed");
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=tramp");
    println!("cargo:rustc-link-lib=dylib=pthread");
    for v in ["TRAMP_GOTAGS", "TRAMP_GOFLAGS", "GOEXPERIMENT"] { println!("cargo:rerun-if-env-changed={v}"); }
    println!("cargo:rerun-if-changed=gosrc");
}

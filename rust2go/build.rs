//! Detects whether the compiler supports `#[diagnostic::on_unimplemented]` (Rust 1.78), which
//! turns "`T: R2G` is not satisfied" into a message that says what to add. The MSRV is 1.75.
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = Command::new(rustc).arg("--version").output().ok().and_then(|o| String::from_utf8(o.stdout).ok());
    // "rustc 1.95.0 (..)": the minor version.
    let minor = version
        .as_deref()
        .and_then(|v| v.split_whitespace().nth(1))
        .and_then(|v| v.split('.').nth(1))
        .and_then(|m| m.parse::<u32>().ok());
    // Declaring the cfg is for Rust 1.80+ (where an undeclared cfg warns); Cargo 1.75-1.79
    // would instead warn that `rustc-check-cfg` requires `-Zcheck-cfg`.
    if minor.is_some_and(|m| m >= 80) {
        println!("cargo:rustc-check-cfg=cfg(r2g_diagnostic)");
    }
    if minor.is_some_and(|m| m >= 78) {
        println!("cargo:rustc-cfg=r2g_diagnostic");
    }
}

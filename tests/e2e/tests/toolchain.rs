//! The suite really runs in the mode it claims: the Go archive was built with the
//! `GOEXPERIMENT` (e.g. `cgocheck2`) and the Go version the environment asks for.

use rust2go_e2e::idl::{Toolchain, ToolchainImpl};

#[test]
fn archive_built_with_requested_goexperiment() {
    let requested = std::env::var("GOEXPERIMENT").unwrap_or_default();
    assert_eq!(ToolchainImpl::go_build_setting("GOEXPERIMENT".into()), requested, "the Go archive's GOEXPERIMENT differs from the environment's");
    assert_eq!(ToolchainImpl::go_build_setting("CGO_ENABLED".into()), "1");
}

#[test]
fn archive_built_with_requested_go() {
    let v = ToolchainImpl::go_version();
    assert!(v.starts_with("go1."), "{v}");
    if std::env::var_os("R2G_GO118").is_some() {
        assert!(v.starts_with("go1.18") || v.starts_with("go1.19"), "go118 run should use Go 1.18/1.19, got {v}");
    }
}

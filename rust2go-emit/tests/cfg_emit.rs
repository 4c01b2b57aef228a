//! What the build helper's `#[cfg]` decisions turn into in the Rust glue.

use rust2go_model::{parse_file_str_with, CfgMode, CfgSet};

const IDL: &str = r#"
#[derive(rust2go::R2G)]
pub struct User { pub id: u32, #[cfg(feature = "names")] pub name: String }
#[rust2go::r2g]
pub trait Calls {
    fn ping(u: &User) -> u32;
    #[cfg(test)]
    fn in_tests();
}
#[rust2go::g2r]
#[cfg(unix)]
pub trait Back {
    #[cfg(feature = "names")]
    fn named(n: u32);
    fn plain(n: u32);
}
"#;

#[test]
fn decisions_become_compile_time_checks() {
    let set = CfgSet::from_vars([("CARGO_FEATURE_NAMES".to_string(), "1".to_string()), ("CARGO_CFG_UNIX".into(), String::new())]);
    let model = parse_file_str_with(IDL, &CfgMode::Evaluate(set)).unwrap();
    let rust = rust2go_emit::emit_rust(&model);
    // Kept field: rustc must agree it is there, or the layouts differ.
    assert!(rust.contains("#[cfg(not(feature = \"names\"))]\n::core::compile_error!(\"rust2go: field User::name is under #[cfg(feature = \\\"names\\\")], which the build script found true"), "{rust}");
    // Left out: rustc must agree it is not there (Cargo never sets `test` for a build script).
    assert!(rust.contains("#[cfg(test)]\n::core::compile_error!(\"rust2go: method Calls::in_tests is under #[cfg(test)], which the build script found false"), "{rust}");
    assert!(!rust.contains("Calls__in_tests"), "{rust}");
    // Kept g2r exports carry their predicates, for rustc to compile them with the methods.
    assert!(rust.contains("#[cfg(all(unix, feature = \"names\"))]\n::rust2go::__r2g_export! {\n    fn r2g_g2r_Back_named("), "{rust}");
    assert!(rust.contains("#[cfg(unix)]\n::rust2go::__r2g_export! {\n    fn r2g_g2r_Back_plain("), "{rust}");
}

#[test]
fn include_all_adds_no_checks() {
    let model = rust2go_model::parse_file_str(IDL).unwrap();
    let rust = rust2go_emit::emit_rust(&model);
    assert!(!rust.contains("compile_error"), "{rust}");
    assert!(rust.contains("pub fn Calls__in_tests("), "{rust}");
}

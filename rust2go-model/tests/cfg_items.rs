//! `#[cfg]` on IDL items: every item without values, the holding ones with them.

use rust2go_model::{parse_file_str, parse_file_str_with, CfgMode, CfgSet};

const IDL: &str = r#"
#[derive(rust2go::R2G)]
pub struct User {
    pub id: u32,
    #[cfg(feature = "names")]
    pub name: String,
}

#[cfg(unix)]
#[derive(rust2go::R2G)]
pub struct UnixOnly { pub fd: i32 }

#[derive(rust2go::R2G)]
pub enum Shape {
    Dot,
    #[cfg(feature = "names")]
    Named(String),
    Pair(u8, #[cfg(not(unix))] u16, u32),
}

#[cfg(not(docsrs))]
#[rust2go::r2g]
pub trait Calls {
    fn ping(n: u32) -> u32;
    #[cfg(all(unix, feature = "names"))]
    fn fd(u: &UnixOnly) -> i32;
    #[cfg(any(windows, test))]
    fn never();
}

#[cfg(docsrs)]
#[rust2go::r2g]
pub trait Docs { fn doc(); }
"#;

fn names(m: &rust2go_model::Model) -> Vec<String> {
    let mut out: Vec<String> = m.structs.iter().map(|s| format!("{}{:?}", s.name, s.fields.iter().map(|f| &f.name).collect::<Vec<_>>())).collect();
    out.extend(m.enums.iter().map(|e| format!("{}{:?}", e.name, e.variants.iter().map(|v| (&v.name, v.field_list().len())).collect::<Vec<_>>())));
    out.extend(m.traits.iter().map(|t| format!("{}{:?}", t.name, t.methods.iter().map(|m| &m.name).collect::<Vec<_>>())));
    out
}

#[test]
fn include_all_keeps_every_item() {
    let m = parse_file_str(IDL).unwrap();
    assert_eq!(
        names(&m),
        [
            r#"User["id", "name"]"#,
            r#"UnixOnly["fd"]"#,
            r#"Shape[("Dot", 0), ("Named", 1), ("Pair", 3)]"#,
            r#"Calls["ping", "fd", "never"]"#,
            r#"Docs["doc"]"#,
        ]
    );
    assert!(m.cfg_decisions.is_empty());
}

#[test]
fn evaluation_keeps_what_rustc_compiles() {
    let vars = [("CARGO_CFG_UNIX", ""), ("CARGO_CFG_TARGET_OS", "linux"), ("CARGO_FEATURE_NAMES", "1")];
    let set = CfgSet::from_vars(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let m = parse_file_str_with(IDL, &CfgMode::Evaluate(set)).unwrap();
    assert_eq!(
        names(&m),
        [r#"User["id", "name"]"#, r#"UnixOnly["fd"]"#, r#"Shape[("Dot", 0), ("Named", 1), ("Pair", 2)]"#, r#"Calls["ping", "fd"]"#]
    );
    assert_eq!(m.traits[0].methods[1].cfg.as_ref().unwrap().to_string(), "all(unix, feature = \"names\")");
    assert_eq!(m.traits[0].cfg.as_ref().unwrap().to_string(), "not(docsrs)");
    let decisions: Vec<String> = m.cfg_decisions.iter().map(|d| format!("{} {} {}", d.what, d.kept, d.pred)).collect();
    assert_eq!(
        decisions,
        [
            "field User::name true feature = \"names\"",
            "variant Shape::Named true feature = \"names\"",
            "field Shape::Pair::1 false not(unix)",
            "method Calls::never false any(windows, test)",
            "trait Docs false docsrs",
        ]
    );

    // Without the feature, the field, the variant and the method using it go.
    let none = parse_file_str_with(IDL, &CfgMode::Evaluate(CfgSet::default())).unwrap();
    assert_eq!(
        names(&none),
        [r#"User["id"]"#, r#"Shape[("Dot", 0), ("Pair", 3)]"#, r#"Calls["ping"]"#]
    );
}

#[test]
fn cfg_errors_point_at_the_predicate() {
    let src = "#[rust2go::r2g] pub trait T {\n    #[cfg(not(a, b))]\n    fn f();\n}\n";
    let e = parse_file_str(src).unwrap_err().render("idl.rs");
    assert!(e.starts_with("idl.rs:2:"), "{e}");
    assert!(e.contains("`not(..)` takes exactly one predicate"), "{e}");
}

#[test]
fn cgo_attributes_are_accepted_in_their_direction() {
    // rust2go 0.4 put `#[cgo]` (an alias of `#[cgo_callback]`) on any method: on sync methods
    // and #[g2r] traits it changes nothing; on an async #[r2g] method it keeps the call off the
    // ring.
    let ok = "#[rust2go::r2g] pub trait A { #[cgo_callback] fn a(); #[cgo] async fn b(); #[cgo] fn f() -> u8; }\n\
              #[rust2go::g2r] pub trait B { #[cgo_call] fn c(); #[cgo] fn e(); }";
    let m = parse_file_str(ok).unwrap();
    assert_eq!(m.traits.len(), 2);
    let bad = "#[rust2go::r2g] pub trait A { #[cgo_call] fn a(); }\n#[rust2go::g2r] pub trait B { #[cgo_callback] fn c(); #[cgo_calls] fn d(); }";
    let e = parse_file_str(bad).unwrap_err().render("idl.rs");
    assert!(e.contains("idl.rs:1:33: error: rust2go: `#[cgo_call]` applies to #[g2r] methods; on #[r2g] methods write `#[cgo_callback]` (rust2go 0.4 names, accepted without effect)"), "{e}");
    assert!(e.contains("`#[cgo_callback]` applies to #[r2g] methods; on #[g2r] methods write `#[cgo_call]`"), "{e}");
    assert!(e.contains("unknown attribute `#[cgo_calls]` on a method; known: "), "{e}");
    assert!(e.contains("#[cgo_callback], #[cgo_call], #[cgo], #[cfg], #[doc]"), "{e}");
    assert_eq!(e.matches(": error:").count(), 3, "{e}");
}

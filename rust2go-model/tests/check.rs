//! The model checker: IDLs whose generated Go would not build are rejected at the token, with
//! every problem reported in one pass; valid neighbours of them are accepted.

/// `line:col: message` for each error of `src` (an IDL file), or an empty list.
fn errors(src: &str) -> Vec<String> {
    match rust2go_model::parse_file_str(src) {
        Ok(_) => vec![],
        Err(e) => e.render("f").lines().map(|l| l.strip_prefix("f:").unwrap().replacen(": error: rust2go: ", ": ", 1)).collect(),
    }
}

#[track_caller]
fn rejects(src: &str, expected: &[&str]) {
    let got = errors(src);
    assert_eq!(got.len(), expected.len(), "errors of\n{src}\n---\n{}", got.join("\n"));
    for (g, e) in got.iter().zip(expected) {
        assert!(g.starts_with(e), "expected `{e}..`, got `{g}`; all:\n{}", got.join("\n"));
    }
}

#[track_caller]
fn accepts(src: &str) {
    let got = errors(src);
    assert!(got.is_empty(), "rejected:\n{src}\n---\n{}", got.join("\n"));
}

#[test]
fn raw_identifiers_are_rejected() {
    rejects(
        "#[derive(R2G)] pub struct r#match { pub r#loop: u32, pub r#type: u32 }
#[rust2go::r2g] pub trait T { fn r#move(r#ref: u32); fn r#type(); }",
        &[
            "1:27: raw identifiers (`r#match`)",
            "1:41: raw identifiers (`r#loop`)",
            "1:58: `type` is a Go keyword and cannot name a field",
            "2:34: raw identifiers (`r#move`)",
            "2:41: raw identifiers (`r#ref`)",
            "2:57: `type` is a Go keyword and cannot name a method",
        ],
    );
}

#[test]
fn go_keywords_name_no_trait() {
    rejects(
        "#[rust2go::r2g] pub trait range { fn f(); }\n#[rust2go::g2r] pub trait defer { fn f(); }\n#[rust2go::r2g] pub trait fallthrough {}",
        &[
            "1:27: `range` is a Go keyword and cannot name a trait",
            "2:27: `defer` is a Go keyword and cannot name a trait",
            "3:27: `fallthrough` is a Go keyword and cannot name a trait",
        ],
    );
}

#[test]
fn go_predeclared_and_imported_names_name_no_type() {
    let names = ["string", "error", "byte", "int", "nil", "append", "copy", "panic", "init", "main", "fmt", "debug"];
    let src: String = names.iter().map(|n| format!("#[derive(R2G)] pub struct {n} {{ pub x: u32 }}\n")).collect();
    let expected: Vec<String> =
        names.iter().enumerate().map(|(i, n)| format!("{}:27: `{n}` is predeclared in Go (or named by the generated file)", i + 1)).collect();
    rejects(&src, &expected.iter().map(String::as_str).collect::<Vec<_>>());
    rejects("#[rust2go::r2g] pub trait error { fn f(); }", &["1:27: `error` is predeclared in Go"]);
    rejects(
        "#[derive(R2G)] pub struct b {}\n#[derive(R2G)] pub enum a1 { X }\n#[rust2go::r2g] pub trait err {}",
        &["1:27: `b` names a local variable in the generated Go", "2:25: `a1` names a local", "3:27: `err` names a local"],
    );
    accepts("#[derive(R2G)] pub struct a {}\n#[derive(R2G)] pub struct px {}");
    rejects("#[derive(R2G)] pub enum Vec { A }\n#[derive(R2G)] pub struct u8 {}", &["1:25: `Vec` is a type of the IDL itself", "2:27: `u8` is a type of the IDL itself"]);
}

#[test]
fn generated_go_names_do_not_collide() {
    rejects(
        "#[derive(R2G)] pub enum AB { C }\n#[derive(R2G)] pub enum A { BC }",
        &["2:29: the Go name `ABC` of variant `A::BC` is also the Go name of variant `AB::C`"],
    );
    rejects(
        "#[rust2go::r2g] pub trait T { fn f(); }\n#[derive(R2G)] pub struct TImpl { pub x: u32 }",
        &["1:27: the Go name `TImpl` of `TImpl` (generated for trait `T`) is also the Go name of struct `TImpl`"],
    );
    rejects(
        "#[derive(R2G)] pub struct Tuple_u8_u8 { pub x: u32 }\n#[derive(R2G)] pub struct S { pub t: (u8, u8) }",
        &["2:38: the types `Tuple_u8_u8` and `(u8, u8,)` would share the generated Go name `Tuple_u8_u8`"],
    );
    rejects(
        "#[derive(R2G)] pub struct Vec_u8 { pub x: u32 }\n#[rust2go::r2g] pub trait T { fn f(a: &Vec<u8>) -> Vec_u8; }",
        &["2:36: the types `Vec_u8` and `Vec<u8>` would share the generated Go name `Vec_u8`"],
    );
    rejects(
        "#[derive(R2G)] pub struct S { pub a: ((u8,), u8), pub b: ((u8, u8),) }",
        &["1:58: the types `((u8,), u8,)` and `((u8, u8,),)` would share the generated Go name `Tuple_Tuple_u8_u8`"],
    );
    rejects(
        "#[derive(R2G)] pub struct S { pub Clone: u32 }\n#[derive(R2G)] pub enum E { V { Error: u32 } }",
        &[
            "1:35: a field cannot be named `Clone`: the generated Go type `S` has a method `Clone()`",
            "2:33: a field cannot be named `Error`: the generated Go type `EV` has a method `Error()`",
        ],
    );
    // Export symbols: the completion export of an async #[g2r] trait and the #[mem] start export.
    rejects(
        "#[rust2go::g2r] pub trait T { async fn complete(); async fn f(); }",
        &["1:27: the Go export `r2g_g2r_T_complete` would be generated twice"],
    );
    rejects(
        "#[rust2go::r2g] pub trait shm { async fn start_T(); }\n#[rust2go::r2g] pub trait T { #[mem] async fn f(); }",
        &["2:27: the Go export `r2g_shm_start_T` would be generated twice"],
    );
}

#[test]
fn duplicates_are_reported_before_go_sees_them() {
    rejects(
        "#[derive(R2G)] pub struct S { pub a: u32, pub a: u64 }
#[derive(R2G)] pub enum E { A, B, A, V { x: u8, x: u8 } }
#[rust2go::r2g] pub trait T { fn f(x: u32, x: u32); fn g(); fn g(); }",
        &[
            "1:47: field `a` is declared twice in struct `S`",
            "2:49: field `x` is declared twice in variant `E::V`",
            "2:35: variant `A` is declared twice in enum `E`",
            "3:44: parameter `x` is declared twice in method `f`",
            "3:64: method `g` is declared twice in trait `T`",
        ],
    );
}

#[test]
fn array_lengths_and_discriminants_at_the_limits() {
    rejects(
        "#[derive(R2G)] pub struct S { pub a: [u8; 18446744073709551615], pub b: [[u64; 65536]; 65536] }",
        &["1:38: a value of `[u8; 18446744073709551615]` would take more than 1073741824 bytes", "1:73: a value of `[[u64; 65536]; 65536]`"],
    );
    // Large through a named type.
    rejects(
        "#[derive(R2G)] pub struct Big { pub a: [u64; 100000000] }\n#[derive(R2G)] pub struct S { pub b: [Big; 100] }",
        &["2:38: a value of `[Big; 100]` would take more than"],
    );
    accepts("#[derive(R2G)] pub struct S { pub a: [u8; 1048576] }");
    accepts("#[derive(R2G)] pub enum E { Min = -9223372036854775808, Max = 9223372036854775807 }");
    rejects(
        "#[derive(R2G)] pub enum E { A = 9223372036854775808, B = -9223372036854775809, C = 1 + 1 }",
        &["1:33: enum discriminants must be integer literals between", "1:58: enum discriminants", "1:84: enum discriminants"],
    );
    rejects("#[derive(R2G)] pub enum E { A = 9223372036854775807, B }", &["1:54: the implicit discriminant of `B` overflows i64"]);
    rejects("#[derive(R2G)] pub enum E { A = 1, B = 0, C }", &["1:43: discriminant value 1 of `C` is already assigned to `A`"]);
}

#[test]
fn go_recursion_through_box_is_rejected() {
    rejects(
        "#[derive(R2G)] pub struct A { pub b: Box<B> }\n#[derive(R2G)] pub struct B { pub a: [Box<A>; 1] }",
        &["1:27: `A` contains itself by value in Go (A.b → B.a)", "2:27: `B` contains itself by value in Go (B.a → A.b)"],
    );
    accepts(
        "#[derive(R2G)] pub struct A { pub b: Option<Box<A>>, pub c: Vec<A>, pub e: E }\n#[derive(R2G)] pub enum E { V(Box<A>), W }",
    );
}

/// Runs `f` on a thread with a main thread's stack (8 MiB): the CLI and build scripts parse on
/// their main thread.
fn on_main_sized_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(8 << 20).spawn(f).unwrap().join().unwrap();
}

#[test]
fn nesting_is_limited() {
    on_main_sized_stack(|| {
        let nested = |n: usize| format!("{}u8{}", "Vec<".repeat(n - 1), ">".repeat(n - 1));
        accepts(&format!("#[derive(R2G)] pub struct S {{ pub a: {} }}", nested(64)));
        rejects(
            &format!("#[derive(R2G)] pub struct S {{ pub a: {} }}\n#[rust2go::r2g] pub trait T {{ fn f(x: &{}); }}", nested(65), nested(65)),
            &["1:38: the type is nested deeper than 64 levels", "2:36: the type is nested deeper than 64 levels"],
        );
        // Absurd depths stop before the parser recurses: one error, at the first token too deep.
        let src = format!("#[derive(R2G)] pub struct S {{ pub a: {} }}", nested(100_000));
        rejects(&src, &["1:353: the type is nested deeper than 64 levels"]);
        let src = format!("#[derive(R2G)] pub struct S {{ pub a: {}u8{} }}", "(".repeat(100_000), ",)".repeat(100_000));
        rejects(&src, &["1:117: the type is nested deeper than 64 levels"]);
    });
}

/// What only a whole file shows (the CLI and the build helper parse files; the macros see one
/// item): IDL items inside a `mod`, unions, the attribute's own form, a second direction.
#[test]
fn file_level_errors_at_the_token() {
    rejects(
        "pub mod api {
    #[derive(Clone, rust2go::R2G)] pub struct S { pub a: u32 }
    pub mod inner { #[rust2go::g2r] pub trait T { fn f(); } }
    pub struct Plain;
}
#[derive(rust2go::R2G)] pub union U { a: u32 }
#[rust2go::r2g = calls] pub trait A { fn f(); }
#[rust2go::r2g] #[rust2go::g2r] pub trait B { fn f(); }
#[rust2go::r2g] pub auto trait Auto {}
#[rust2go::r2g] pub trait D { fn f(x: &NopeImpl); }",
        &[
            "2:7: struct `S` is inside `mod api`, but rust2go reads only the top level of an IDL file",
            "3:23: trait `T` is inside `mod api::inner`",
            "6:29: unions are not supported; use an enum",
            "7:3: write `#[rust2go::r2g]` or `#[rust2go::r2g(binding = m)]`, not `= ..`",
            "8:19: a trait takes one of `#[rust2go::r2g]` (Rust calls Go) and `#[rust2go::g2r]`",
            "9:21: a rust2go trait cannot be an `auto` trait",
            "10:40: `NopeImpl` names no object trait of this file",
        ],
    );
}

/// Every bad argument of the attribute is reported, and the trait's own errors with them.
#[test]
fn trait_arguments_are_checked_with_the_trait() {
    rejects(
        "#[rust2go::r2g(queue_size = 1 << 4, nope = 1, binding = a::b)] pub trait T { fn f(x: u128); }\n\
         #[rust2go::g2r(object = Vec<u8>)] pub trait G { fn new() -> Self; fn get(&self) -> u32; }",
        &[
            "1:29: `queue_size` must be an integer literal",
            "1:37: unknown trait argument",
            "1:57: expected a module name",
            "1:86: unsupported type `u128`",
            "2:25: `object = <type>` names the Rust type implementing the trait by a path without generics",
        ],
    );
}

/// The idiomatic style's own clashes (go_names.rs), at the later name.
#[test]
fn idiomatic_names_clash_at_the_later_name() {
    let src = "#[derive(R2G)] pub struct S { pub user_id: u32, pub userId: u32, pub clone: u8 }\n\
               #[rust2go::g2r] pub trait T { fn f() -> Result<u8, E>; }\n\
               #[derive(R2G)] pub struct E { pub error: String }";
    let model = rust2go_model::parse_file_str(src).unwrap();
    let mut errs = rust2go_model::Errors::default();
    rust2go_model::go_names::check_go_names(&model, rust2go_model::go_names::GoStyle::Idiomatic, &mut errs);
    let got: Vec<String> = errs.render("f").lines().map(String::from).collect();
    let expected = [
        "f:1:53: error: rust2go: `userId` and `user_id` (fields of `S`) both become the Go name `UserID` in the idiomatic Go style",
        "f:1:70: error: rust2go: `clone` (fields of `S`) becomes the Go name `Clone` in the idiomatic Go style, which the generated Go type already has as a method",
        "f:3:35: error: rust2go: `error` (fields of `E`) becomes the Go name `Error` in the idiomatic Go style, which the generated Go type already has as a method",
    ];
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for (g, e) in got.iter().zip(expected) {
        assert!(g.starts_with(e), "expected `{e}..`, got `{g}`");
    }
}

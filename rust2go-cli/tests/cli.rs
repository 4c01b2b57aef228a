//! Runs the built `rust2go-cli` binary: generating, `--check`, error reports, the output
//! options and argument errors. Needs `gofmt` (Go) except where a test runs without it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rust2go_emit::GoOptions;

const IDL: &str = r#"pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

#[derive(rust2go::R2G, Clone)]
pub struct User {
    pub id: u32,
    pub name: String,
    pub tags: Vec<String>,
}

#[derive(rust2go::R2G, Clone)]
pub struct LoginResponse {
    pub succ: bool,
    pub message: String,
}

#[rust2go::r2g]
pub trait TestCall {
    #[go_pass_struct]
    fn ping(n: usize) -> usize;
    fn login(req: &User) -> LoginResponse;
    async fn login_async(req: &User) -> LoginResponse;
}
"#;

/// A fresh directory for one test, under Cargo's target tmpdir.
fn test_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("rust2go-cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rust2go-cli")).args(args).current_dir(dir).output().expect("run rust2go-cli")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The test's directory with `idl.rs` written into it.
fn with_idl(name: &str, idl: &str) -> PathBuf {
    let dir = test_dir(name);
    std::fs::write(dir.join("idl.rs"), idl).unwrap();
    dir
}

/// What the library generates for `dir/idl.rs` (the CLI must write exactly this).
fn expected_go(dir: &Path, opts: GoOptions, fmt: bool) -> String {
    rust2go_emit::generate(&dir.join("idl.rs"), &opts, fmt).expect("generate").go
}

fn generate_default(dir: &Path, dst: &str) -> String {
    let o = cli(dir, &["--src", "idl.rs", "--dst", dst]);
    assert!(o.status.success(), "rust2go-cli failed: {}", stderr(&o));
    assert!(stderr(&o).is_empty(), "unexpected output: {}", stderr(&o));
    std::fs::read_to_string(dir.join(dst)).unwrap()
}

#[test]
fn generates_the_go_file() {
    let dir = with_idl("generate", IDL);
    // The destination directory is created.
    let go = generate_default(&dir, "go/gen.go");
    assert_eq!(go, expected_go(&dir, GoOptions::default(), true));
    assert!(go.starts_with(&rust2go_emit::header_line("//")), "{go}");
    assert_eq!(rust2go_emit::stamped_version(&go), Some(env!("CARGO_PKG_VERSION")));
    assert!(go.contains("// Source: idl.rs."), "the header names the IDL file");
    for item in [
        "package main",
        "type User struct",
        "type LoginResponse struct",
        "type TestCall interface",
        "\tping(n uint) uint",
        "\tlogin(req *User) LoginResponse",
        "var TestCallImpl TestCall",
        "func main() {}",
    ] {
        assert!(go.contains(item), "`{item}` missing from the generated Go");
    }

    // Running again with an unchanged IDL does not rewrite the file.
    let before = std::fs::metadata(dir.join("go/gen.go")).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    let again = generate_default(&dir, "go/gen.go");
    assert_eq!(again, go);
    let after = std::fs::metadata(dir.join("go/gen.go")).unwrap().modified().unwrap();
    assert_eq!(before, after, "an unchanged file was rewritten");

    // A changed IDL is regenerated.
    std::fs::write(dir.join("idl.rs"), IDL.replace("pub tags: Vec<String>,", "pub tags: Vec<String>,\n    pub age: u8,")).unwrap();
    let changed = generate_default(&dir, "go/gen.go");
    assert!(changed.contains("\tage  uint8"), "{changed}");
}

#[test]
fn check_passes_on_a_fresh_file_and_fails_on_a_stale_one() {
    let dir = with_idl("check", IDL);
    generate_default(&dir, "gen.go");
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "gen.go", "--check"]);
    assert_eq!(o.status.code(), Some(0), "fresh file: {}", stderr(&o));
    assert!(stderr(&o).is_empty() && stdout(&o).is_empty(), "--check on a fresh file prints nothing");

    // Edit one line of the generated file.
    let fresh = std::fs::read_to_string(dir.join("gen.go")).unwrap();
    let line = fresh.lines().position(|l| l == "type User struct {").expect("User in gen.go") + 1;
    let stale = fresh.replace("type User struct {", "type User struct { // edited");
    std::fs::write(dir.join("gen.go"), &stale).unwrap();
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "gen.go", "--check"]);
    assert_eq!(o.status.code(), Some(1), "stale file: {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("gen.go: stale: differs from what rust2go-cli generates from idl.rs"), "{err}");
    assert!(err.contains(&format!("first difference at line {line}:")), "{err}");
    assert!(err.contains("- type User struct { // edited"), "{err}");
    assert!(err.contains("+ type User struct {"), "{err}");
    assert!(err.contains("regenerate with: rust2go-cli --src idl.rs --dst gen.go"), "{err}");
    // --check writes nothing.
    assert_eq!(std::fs::read_to_string(dir.join("gen.go")).unwrap(), stale);

    // A file generated with other options is stale too, and so is a missing one.
    generate_default(&dir, "gen.go");
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "gen.go", "--check", "--without-main"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "missing.go", "--check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 lines on disk"), "{}", stderr(&o));
    assert!(!dir.join("missing.go").exists(), "--check created the file");
}

/// Several mistakes, each reported once as `file:line:col: error: message`.
const BAD_IDL: &str = r#"#[derive(rust2go::R2G)]
pub struct User {
    pub id: u128,
    pub name: String,
}

pub struct NotDerived {
    pub x: u32,
}

#[rust2go::r2g]
pub trait Calls {
    fn by_self(&mut self) -> u32;
    #[go_pass_structs]
    fn typo(n: u32);
    fn report(r: Result<u32, String>);
}

#[rust2go::r2g]
pub trait Lookups {
    fn lookup(req: &NotDerived) -> u32;
    fn user(u: &User) -> u32;
}

#[derive(rust2go::R2G)]
pub struct Wrapper {
    pub inner: Vec<NotDerived>,
}
"#;

#[test]
fn idl_errors_are_reported_with_locations_in_one_pass() {
    let dir = with_idl("errors", BAD_IDL);
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "gen.go"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!dir.join("gen.go").exists(), "nothing is written for an invalid IDL");
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    let expected: &[(&str, &str)] = &[
        ("idl.rs:3:13: error: ", "rust2go: unsupported type `u128`; supported: bool, i8..i64"),
        ("idl.rs:13:16: error: ", "rust2go: object methods take `&self`; `&mut self` is not supported"),
        ("idl.rs:14:7: error: ", "rust2go: unknown attribute `#[go_pass_structs]` on a method; known: #[go_pass_struct],"),
        ("idl.rs:16:18: error: ", "rust2go: `Result<u32, String>` is supported only as the whole result of a method"),
        // Types without the derive, at the type's token, in file order.
        (
            "idl.rs:21:21: error: ",
            "rust2go: `NotDerived` (used in `Lookups`) needs #[derive(rust2go::R2G)]: add it to `NotDerived`'s declaration",
        ),
        (
            "idl.rs:27:20: error: ",
            "rust2go: `NotDerived` (used in `Wrapper`) needs #[derive(rust2go::R2G)]: add it to `NotDerived`'s declaration",
        ),
    ];
    assert_eq!(lines.len(), expected.len(), "one line per error (and `User`, rejected above, is not reported again):\n{err}");
    for (line, (location, message)) in lines.iter().zip(expected) {
        assert!(line.starts_with(location), "expected `{location}..`, got: {line}");
        assert!(line[location.len()..].starts_with(message), "expected `{location}{message}..`, got: {line}");
    }

    // `--check` reports the same errors rather than a stale file.
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "gen.go", "--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), err);
}

#[test]
fn syntax_errors_and_unreadable_files_are_reported() {
    let dir = with_idl("syntax", "pub struct X {\n    a: u32\n    b: u32,\n}\n");
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "gen.go"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).trim_end(), "idl.rs:3:5: error: expected `,`");

    let o = cli(&dir, &["--src", "nope.rs", "--dst", "gen.go"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("nope.rs: error: cannot read the IDL file:"), "{}", stderr(&o));
}

#[test]
fn go118_flag_gives_the_go118_output() {
    let dir = with_idl("go118", IDL);
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "go118.go", "--go118"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let go118 = std::fs::read_to_string(dir.join("go118.go")).unwrap();
    assert_eq!(go118, expected_go(&dir, GoOptions { go118: true, ..GoOptions::default() }, true));
    // (Since arguments are read in place, the default output needs no Go 1.20 API either, so
    // the two outputs are the same today.)
    assert!(!go118.contains("unsafe.String(") && !go118.contains("unsafe.SliceData("), "go118 output uses Go 1.20 APIs");
}

#[test]
fn go_style_idiomatic_and_compat() {
    let dir = with_idl("go-style", IDL);
    let default = generate_default(&dir, "default.go");
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "compat.go", "--go-style=compat"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.join("compat.go")).unwrap(), default, "compat is the default");
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "idiomatic.go", "--go-style", "idiomatic"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let idiomatic = std::fs::read_to_string(dir.join("idiomatic.go")).unwrap();
    let opts = GoOptions { style: rust2go_emit::GoStyle::Idiomatic, ..GoOptions::default() };
    assert_eq!(idiomatic, expected_go(&dir, opts, true));
    assert!(default.contains("\tping(n uint) uint\n") && default.contains("\tlogin_async(req *User) LoginResponse\n"), "{default}");
    assert!(idiomatic.contains("\tPing(n uint) uint\n") && idiomatic.contains("\tLoginAsync(req *User) LoginResponse\n"), "{idiomatic}");
    assert!(idiomatic.contains("\tID   uint32\n") && idiomatic.contains("\tSucc    bool\n"), "{idiomatic}");
    // `--check` compares with the output of the style given.
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "idiomatic.go", "--go-style=idiomatic", "--check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "idiomatic.go", "--check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn go_name_clashes_of_the_idiomatic_style_name_both() {
    let idl = "#[derive(rust2go::R2G)]\npub struct User {\n    pub user_id: u32,\n    pub userId: u32,\n    pub clone: bool,\n}\n\n\
               #[rust2go::r2g]\npub trait Api {\n    fn get_url();\n    fn get_URL();\n}\n";
    let dir = with_idl("go-name-clash", idl);
    // The default style keeps the names: no clash.
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "compat.go"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "gen.go", "--go-style=idiomatic"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with("idl.rs:4:9: error: rust2go: `userId` and `user_id` (fields of `User`) both become the Go name `UserID` in the idiomatic Go style"),
        "{err}"
    );
    assert!(lines[1].starts_with("idl.rs:5:9: error: rust2go: `clone` (fields of `User`) becomes the Go name `Clone`"), "{err}");
    assert!(lines[2].starts_with("idl.rs:11:8: error: rust2go: `get_URL` and `get_url` (methods of `Api`)"), "{err}");
    assert!(!dir.join("gen.go").exists());
}

#[test]
fn without_main_omits_main() {
    let dir = with_idl("without-main", IDL);
    let default = generate_default(&dir, "default.go");
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "lib.go", "--without-main"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lib = std::fs::read_to_string(dir.join("lib.go")).unwrap();
    assert_eq!(lib, expected_go(&dir, GoOptions { without_main: true, ..GoOptions::default() }, true));
    assert!(default.contains("\nfunc main() {}\n"));
    assert!(!lib.contains("func main()"), "--without-main output declares main");
    // Only `main` differs.
    assert_eq!(lib.replace('\n', ""), default.replace("func main() {}", "").replace('\n', ""));
}

#[test]
fn no_fmt_skips_gofmt() {
    let dir = with_idl("no-fmt", IDL);
    let formatted = generate_default(&dir, "fmt.go");
    // Without Go on PATH: --no-fmt still works, the default needs gofmt and says so.
    let empty_path = dir.join("empty-path");
    std::fs::create_dir_all(&empty_path).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_rust2go-cli"))
            .args(args)
            .current_dir(&dir)
            .env("PATH", &empty_path)
            .env_remove("GO")
            .output()
            .unwrap()
    };
    let o = run(&["--src", "idl.rs", "--dst", "raw.go", "--no-fmt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let raw = std::fs::read_to_string(dir.join("raw.go")).unwrap();
    assert_eq!(raw, expected_go(&dir, GoOptions::default(), false));
    assert_ne!(raw, formatted, "--no-fmt output is identical to the gofmt output");
    assert_eq!(rust2go_emit::gofmt(&raw).unwrap(), formatted, "gofmt of the --no-fmt output is the default output");

    let o = run(&["--src", "idl.rs", "--dst", "nofmt.go"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot run `gofmt`") && stderr(&o).contains("pass --no-fmt"), "{}", stderr(&o));
    assert!(!dir.join("nofmt.go").exists());
}

#[test]
fn argument_errors() {
    let dir = with_idl("args", IDL);
    let usage = "usage: rust2go-cli --src <idl.rs> --dst <gen.go>";
    for (args, message) in [
        (&["--src", "idl.rs", "--dst", "gen.go", "--frobnicate"][..], "rust2go-cli: unknown argument `--frobnicate`"),
        (&["--src", "idl.rs", "--dst", "gen.go", "extra"][..], "rust2go-cli: unknown argument `extra`"),
        (&["--src", "idl.rs"][..], "rust2go-cli: --dst is required"),
        (&["--dst", "gen.go"][..], "rust2go-cli: --src is required"),
        (&["--dst", "gen.go", "--src"][..], "rust2go-cli: --src needs a value"),
        (&[][..], "rust2go-cli: --src is required"),
        (&["--src", "idl.rs", "--dst", "gen.go", "--check=false"][..], "rust2go-cli: --check takes no value"),
        (&["--src", "idl.rs", "--dst", "gen.go", "--go118=no"][..], "rust2go-cli: --go118 takes no value"),
        (&["--src", "idl.rs", "--dst", "gen.go", "--go-style=go"][..], "rust2go-cli: --go-style takes `compat` or `idiomatic`, not `go`"),
        (&["--src", "idl.rs", "--dst", "gen.go", "--go-style"][..], "rust2go-cli: --go-style needs a value"),
    ] {
        let o = cli(&dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with(message), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(usage), "{args:?}: the usage is printed: {}", stderr(&o));
        assert!(!dir.join("gen.go").exists(), "{args:?}: wrote a file");
    }

    // `--flag=value` is accepted for the valued flags.
    let o = cli(&dir, &["--src=idl.rs", "--dst=inline.go"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.join("inline.go").exists());

    let o = cli(&dir, &["--help"]);
    assert_eq!(o.status.code(), Some(0));
    for flag in ["--src", "--dst", "--go118", "--no-fmt", "--without-main", "--check", "--go-style"] {
        assert!(stdout(&o).contains(flag), "--help does not mention {flag}");
    }
    let o = cli(&dir, &["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).trim(), format!("rust2go-cli {}", env!("CARGO_PKG_VERSION")));
}

/// Unknown type names come in the same pass as the other errors, also from items that have
/// other errors, at the type's token, with the nearest declared (or built-in) name.
#[test]
fn unknown_types_are_reported_with_the_other_errors_and_a_suggestion() {
    let idl = r#"#[derive(rust2go::R2G)]
pub struct User {
    pub id: u32,
}

#[derive(rust2go::R2G)]
pub struct Order {
    pub buyer: Usr,
    pub note: &'static str,
}

#[rust2go::r2g]
pub trait Shop {
    #[go_fast]
    fn login(user: &Uesr) -> Vec<Strin>;
    fn pay(order: &Order) -> Receipt;
    fn parse(text: String) -> Result<u32, std::io::Error>;
}
"#;
    let dir = with_idl("unknown-types", idl);
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "gen.go"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let unknown = "is not a struct or enum with #[derive(rust2go::R2G)] in this file";
    let expected = [
        "idl.rs:9:15: error: rust2go: references are only allowed as a whole parameter".to_string(),
        "idl.rs:14:7: error: rust2go: unknown attribute `#[go_fast]` on a method".to_string(),
        format!("idl.rs:8:16: error: rust2go: `Usr` (used in `Order`) {unknown}; did you mean `User`?"),
        format!("idl.rs:15:21: error: rust2go: `Uesr` (used in `Shop`) {unknown}; did you mean `User`?"),
        format!("idl.rs:15:34: error: rust2go: `Strin` (used in `Shop`) {unknown}; did you mean `String`?"),
        format!("idl.rs:16:30: error: rust2go: `Receipt` (used in `Shop`) {unknown}"),
        // A path is shown whole, at its start, with what to use instead.
        format!(
            "idl.rs:17:43: error: rust2go: `std::io::Error` (used in `Shop`) {unknown}: types of other modules and crates \
             cannot cross; declare one in this file (a `Result`'s error type: String or such a type)"
        ),
    ];
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{err}");
    for (line, want) in lines.iter().zip(&expected) {
        assert!(line.starts_with(want.as_str()), "expected `{want}..`, got: {line}");
    }
    assert!(lines[5].ends_with(unknown), "no suggestion for a name that is near nothing: {}", lines[5]);
    assert!(lines[6].ends_with("such a type)"), "{}", lines[6]);
}

/// A misspelt rust2go attribute is an error at it, naming the one meant, instead of an item
/// silently left out (which only Go would notice: `undefined: ShopImpl`).
#[test]
fn misspelt_rust2go_attributes_are_reported_at_the_attribute() {
    let idl = r#"#[derive(rust2go::R2g, Clone)]
pub struct User {
    pub id: u32,
}

#[rust2go::rg2]
pub trait Shop {
    fn ping(n: u32) -> u32;
}

#[rust2go::go2rust]
pub trait Back {
    fn pong(n: u32) -> u32;
}
"#;
    let dir = with_idl("attr-typos", idl);
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "gen.go"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let known = "rust2go's are `#[rust2go::r2g]` (Rust calls Go) and `#[rust2go::g2r]` (Go calls Rust) on traits, \
                 `#[derive(rust2go::R2G)]` on structs and enums";
    let expected = [
        format!("idl.rs:1:10: error: rust2go: `#[derive(rust2go::R2g)]` on struct User is not a rust2go attribute; did you mean `#[derive(rust2go::R2G)]`? {known}"),
        format!("idl.rs:6:3: error: rust2go: `#[rust2go::rg2]` on trait Shop is not a rust2go attribute; did you mean `#[rust2go::r2g]`? {known}"),
        format!("idl.rs:11:3: error: rust2go: `#[rust2go::go2rust]` on trait Back is not a rust2go attribute; {known}"),
    ];
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines, expected, "{err}");
    assert!(!dir.join("gen.go").exists());
}

/// IDLs whose Go would not build are rejected by the IDL check, at the token, all in one pass;
/// absurd nesting stops before the parser recurses (no stack overflow).
#[test]
fn names_the_go_side_cannot_take_are_reported_with_locations() {
    let idl = "#[derive(rust2go::R2G)]
pub enum AB { C }

#[derive(rust2go::R2G)]
pub enum A { BC }

#[derive(rust2go::R2G)]
pub struct TImpl { pub x: u32, pub x: u32 }

#[rust2go::r2g]
pub trait T { fn r#type(); }

#[derive(rust2go::R2G)]
pub enum E { Min = -9223372036854775808, Next = 1, Again = 1 }
";
    let dir = with_idl("names", idl);
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "gen.go"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let expected = [
        "idl.rs:8:36: error: rust2go: field `x` is declared twice in struct `TImpl`",
        "idl.rs:11:18: error: rust2go: `type` is a Go keyword and cannot name a method",
        "idl.rs:14:52: error: rust2go: discriminant value 1 of `Again` is already assigned to `Next`",
        "idl.rs:5:14: error: rust2go: the Go name `ABC` of variant `A::BC` is also the Go name of variant `AB::C`",
    ];
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{err}");
    for (l, e) in lines.iter().zip(expected) {
        assert!(l.starts_with(e), "expected `{e}..`, got: {l}");
    }

    let deep = format!("#[derive(rust2go::R2G)]\npub struct S {{ pub a: {}u8{} }}\n", "Option<".repeat(200_000), ">".repeat(200_000));
    let dir = with_idl("deep", &deep);
    let o = cli(&dir, &["--src", "idl.rs", "--dst", "gen.go"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("idl.rs:2:") && stderr(&o).contains("error: rust2go: the type is nested deeper than 64 levels"),
        "{}",
        stderr(&o)
    );
}

const CFG_IDL: &str = r#"
#[derive(rust2go::R2G, Clone)]
pub struct Item {
    pub id: u32,
    #[cfg(feature = "labels")]
    pub label: String,
}

#[cfg(not(docsrs))]
#[rust2go::r2g]
pub trait Calls {
    fn get(n: u32) -> Item;
    #[cfg(unix)]
    #[cgo_callback]
    fn unix_only();
    #[cfg(target_os = "windows")]
    fn windows_only();
}
"#;

#[test]
fn short_flags_are_the_long_ones() {
    let dir = with_idl("short-flags", IDL);
    let o = cli(&dir, &["-s", "idl.rs", "-d", "gen.go"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.join("gen.go")).unwrap(), expected_go(&dir, GoOptions::default(), true));
    let o = cli(&dir, &["-s", "idl.rs", "-d", "gen.go", "--check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn cfg_items_all_included_unless_values_are_given() {
    let dir = with_idl("cfg", CFG_IDL);
    let all = generate_default(&dir, "all.go");
    for name in ["label string", "unix_only()", "windows_only()", "r2g_Calls_get"] {
        assert!(all.contains(name), "{name} missing:\n{all}");
    }
    let o = cli(&dir, &["-s", "idl.rs", "-d", "unix.go", "--cfg", "unix", "--cfg=target_os=\"linux\""]);
    assert!(o.status.success(), "{}", stderr(&o));
    let unix = std::fs::read_to_string(dir.join("unix.go")).unwrap();
    assert!(unix.contains("unix_only()") && unix.contains("r2g_Calls_get"), "{unix}");
    assert!(!unix.contains("windows_only") && !unix.contains("label"), "{unix}");
    let o = cli(&dir, &["-s", "idl.rs", "-d", "feat.go", "--features", "labels,other", "--cfg", "docsrs"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let feat = std::fs::read_to_string(dir.join("feat.go")).unwrap();
    assert!(feat.contains("label string"), "{feat}");
    assert!(!feat.contains("Calls"), "the trait is under not(docsrs):\n{feat}");
    let o = cli(&dir, &["-s", "idl.rs", "-d", "bad.go", "--cfg", "a b"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--cfg `a b`: expected NAME or NAME=\"VALUE\""), "{}", stderr(&o));
}

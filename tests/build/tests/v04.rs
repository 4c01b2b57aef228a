//! Projects written for rust2go 0.4 (the published crate), built unchanged: their IDL files,
//! build scripts and flows. See `src/lib.rs` for the harness.

use rust2go_build_tests::{cli_generate, lock, path_without_go, run_binary, target_dir, Fixture, Run};

/// 0.4 generated a `#[g2r]` trait's C exports in the macro, so its Go-calls-Rust libraries have
/// no build script; here the build helper generates them, and `cargo build` says what to add
/// (rather than `go build` failing later with `undefined reference to r2g_g2r_..`).
#[test]
fn g2r_library_without_build_script_names_the_fix() {
    let _g = lock();
    let f = Fixture::copy("nobuild_g2r", "nobuild-g2r");
    let run = f.cargo(&["build"]).failure("cargo build without build.rs");
    run.stderr_has(&[
        "rust2go: #[rust2go::g2r] trait DemoCall: this crate has no build script",
        "undefined reference to r2g_g2r_..",
        "Add `build.rs`: `fn main() { rust2go::Builder::new().with_go_src(\"./go\")",
        "`.generate_only()`",
        "[build-dependencies]",
        "src/lib.rs:7:1",
    ]);
    // The missing build script is the one cause: no second message about the binding module.
    assert!(!run.stderr.contains("no `binding` module"), "{}", run.stderr);
}

const REPORT: &str = "report: true true true [cgo:{alice 30 vip},mem:{alice 30 vip},mem:{bob 31 vip}] label:{alice 30 vip}";

/// The `fx-v04` fixture with `build-shapes/<shape>.rs` as its build script, as package
/// `fx-v04-<case>`: Cargo gives a root package the same build directory wherever it lies, so
/// each case needs its own name for its own build script and OUT_DIR (the library crate keeps
/// its name, `fx_v04`).
fn v04(shape: &str, case: &str) -> Fixture {
    let mut f = Fixture::copy("v04", case);
    std::fs::copy(f.path(&format!("build-shapes/{shape}.rs")), f.path("build.rs")).unwrap();
    let manifest = f.path("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    f.package = format!("fx-v04-{case}");
    std::fs::write(&manifest, text.replacen("name = \"fx-v04\"", &format!("name = {:?}", f.package), 1)).unwrap();
    f
}

/// The Go library's file name for a fixture package.
fn go_lib(f: &Fixture, ext: &str) -> String {
    format!("libr2g_go_{}.{ext}", f.package.replace('-', "_"))
}

/// `cargo run` under Go's default GODEBUG, then with `GOEXPERIMENT=cgocheck2` (Go rebuilt);
/// both print `expect`.
fn run_both_ways(f: &Fixture, expect: &str) -> Run {
    let run = f.cargo(&["run"]).success("cargo run");
    assert!(run.stdout.contains(expect), "{}", run.stdout);
    let strict = f.cargo_with(&["run"], &[("GOEXPERIMENT", "cgocheck2")]).success("cargo run under cgocheck2");
    assert!(strict.stdout.contains(expect), "cgocheck2: {}", strict.stdout);
    run
}

/// 0.4's documented flow: gen.go made beforehand by the CLI, `build.rs` just
/// `Builder::new().with_go_src("./go").build()`. The IDL is found from gen.go's header and
/// named; `#[cfg]` items follow Cargo's features on both sides.
#[test]
fn documented_flow_without_regen_args() {
    let _g = lock();
    let f = v04("documented", "documented");
    cli_generate(&f.path("src/user.rs"), &f.path("go/gen.go"));
    let by_cli = std::fs::read_to_string(f.path("go/gen.go")).unwrap();
    // The CLI, without --cfg/--features, includes every item.
    for item in ["label string", "label_of(", "unlabeled(", "windows_only("] {
        assert!(by_cli.contains(item), "{item} missing from the CLI's gen.go");
    }
    let run = run_both_ways(&f, &format!("{REPORT} none/false"));
    run.stderr_has(&[
        "rust2go: no RegenArgs given: generating the Rust glue and go/gen.go from src/user.rs \
         (found by the `Source: user.rs` header of go/gen.go)",
    ]);
    // The build helper generated gen.go for what rustc compiles here (linux, feature `labels`).
    let gen = std::fs::read_to_string(f.path("go/gen.go")).unwrap();
    assert!(gen.contains("label string") && gen.contains("label_of(") && !gen.contains("unlabeled(") && !gen.contains("windows_only("));

    // Without the feature: the field and `label_of` go, `unlabeled` comes, on both sides.
    let run = f.cargo(&["run", "--no-default-features"]).success("cargo run --no-default-features");
    assert!(
        run.stdout.contains("report: true true true [cgo:{alice 30},mem:{alice 30},mem:{bob 31}] unlabeled=true none/false"),
        "{}",
        run.stdout
    );
    let gen = std::fs::read_to_string(f.path("go/gen.go")).unwrap();
    assert!(!gen.contains("label string") && !gen.contains("label_of(") && gen.contains("unlabeled("));
}

/// Without RegenArgs, and with the IDL file where the builder does not look (outside `src/`),
/// the Go package builds as it is and the glue the crate includes says what to add.
#[test]
fn no_regen_args_and_no_idl_found() {
    let _g = lock();
    let f = v04("documented", "noidl");
    std::fs::create_dir_all(f.path("idl")).unwrap();
    std::fs::rename(f.path("src/user.rs"), f.path("idl/user.rs")).unwrap();
    let lib = std::fs::read_to_string(f.path("src/lib.rs")).unwrap();
    std::fs::write(f.path("src/lib.rs"), lib.replace("pub mod user;", "#[path = \"../idl/user.rs\"]\npub mod user;")).unwrap();
    cli_generate(&f.path("idl/user.rs"), &f.path("go/gen.go"));
    let run = f.cargo(&["build"]).failure("cargo build without an IDL to find");
    run.stderr_has(&[
        "rust2go: the build script's Builder has no RegenArgs and found no IDL file to generate this glue from",
        "`rust2go::r2g_include_binding!()`",
        ".with_regen_arg(rust2go::RegenArgs { src: \"./src/<idl>.rs\".into(), dst: \"go/gen.go\".into(), ..Default::default() })",
        "/out/_go_bindings.rs:2:1",
    ]);
}

/// A custom compiler implementing 0.4's `go_build`: it writes the library itself; the builder
/// links it as its own.
#[test]
fn custom_go_build_compiler() {
    let _g = lock();
    let f = v04("go_build", "go-build");
    run_both_ways(&f, &format!("{REPORT} go_build/false"));
    let log = std::fs::read_to_string(f.out_dir().join("go_build.log")).unwrap();
    assert!(log.starts_with("Static ") && log.ends_with(&go_lib(&f, "a")), "{log}");
    assert!(f.go_builds() >= 1);
}

/// `let mut b = ..; b.compiler_arg(..); b.compiler_env(..); b.go_compiler_mut()..; b.build()`.
#[test]
fn compiler_args_through_mut_ref() {
    let _g = lock();
    let f = v04("mut_args", "mut-args");
    run_both_ways(&f, &format!("{REPORT} mut_args/true"));
}

/// Dynamic linking with `CopyLib::DefaultPath`: the library lands beside the binary, which
/// then runs with the OUT_DIR copy gone (its `$ORIGIN` rpath).
#[test]
fn copy_lib_with_dynamic_linking() {
    let _g = lock();
    let f = v04("copy_lib", "copy-lib");
    run_both_ways(&f, &format!("{REPORT} none/false"));
    let copied = target_dir().join("debug").join(go_lib(&f, "so"));
    assert!(copied.is_file(), "CopyLib::DefaultPath copied nothing to {}", copied.display());
    let built = f.out_dir().join(go_lib(&f, "so"));
    let hidden = f.out_dir().join("hidden.so");
    std::fs::rename(&built, &hidden).unwrap();
    let direct = run_binary(&target_dir().join("debug").join("fx-v04"));
    std::fs::rename(&hidden, &built).unwrap();
    let direct = direct.success("target/debug/fx-v04 beside the copied library");
    assert!(direct.stdout.contains(REPORT), "{}", direct.stdout);
}

/// docs.rs: `DOCS_RS` set, `--cfg docsrs`, no Go on PATH. The build script writes the Rust
/// glue and runs no Go at all.
#[test]
fn docs_rs_without_go() {
    let _g = lock();
    let f = v04("documented", "docs");
    cli_generate(&f.path("src/user.rs"), &f.path("go/gen.go"));
    let before = std::fs::read_to_string(f.path("go/gen.go")).unwrap();
    let no_go = path_without_go(&f.path("path-without-go"));
    let run = f.cargo_with(
        &["doc", "--no-deps", "--lib"],
        &[("DOCS_RS", "1"), ("RUSTDOCFLAGS", "--cfg docsrs"), ("PATH", no_go.to_str().unwrap())],
    );
    let run = run.success("cargo doc as on docs.rs");
    assert!(!run.stderr.contains("Go was not found"), "{}", run.stderr);
    let glue = std::fs::read_to_string(f.out_dir().join("_go_bindings.rs")).unwrap();
    // rustdoc's `--cfg docsrs` is invisible to the build script: the trait under not(docsrs)
    // has its glue (rustc compiles it in the same build), and nothing checks cfg decisions.
    assert!(glue.contains("pub fn DemoCall__demo_check(") && glue.contains("R2gView_DemoUser"), "{glue}");
    assert!(!glue.contains("which the build script found"), "{glue}");
    assert_eq!(f.go_builds(), 0);
    assert_eq!(std::fs::read_to_string(f.path("go/gen.go")).unwrap(), before, "gen.go was rewritten on docs.rs");
    assert!(target_dir().join("doc").join("fx_v04").join("index.html").is_file());
}

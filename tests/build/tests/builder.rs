//! The build helper end to end: each test copies fixture crates (`fixtures/`), builds them
//! with `cargo` and checks what happened. See `src/lib.rs` for the harness.

use rust2go_build_tests::{cli_generate, go119, go_on_path, lock, path_without_go, run_binary, target_dir, Fixture};

const REPORT: &str = "report: hi rust;hi rust;|off|unset|42";

/// Static linking (the default): `cargo run` and `cargo test` of the crate make real calls.
#[test]
fn static_link_runs_and_tests() {
    let _g = lock();
    let f = Fixture::copy("basic", "static");
    let run = f.cargo(&["run"]).success("cargo run");
    assert!(run.stdout.contains(REPORT), "{}", run.stdout);
    let test = f.cargo(&["test"]).success("cargo test");
    assert!(test.stdout.contains("unit_test_calls_go ... ok"), "{}", test.stdout);
    assert!(test.stdout.contains("integration_test_calls_go ... ok"), "{}", test.stdout);
    let out = f.out_dir();
    assert!(out.join("libr2g_go_fx_basic.a").is_file());
    assert!(!out.join("libr2g_go_fx_basic.so").exists());
    // The default binding file name, renamed by with_binding.
    assert!(out.join("basic_glue.rs").is_file() && !out.join("_go_bindings.rs").exists());
}

/// Dynamic linking: `cargo run`, `cargo test` and the binary in target/ find the `.so` through
/// the OUT_DIR rpath; a shipped copy finds the one `with_copy_lib` put beside it ($ORIGIN).
#[test]
fn dynamic_link_runs_tests_and_ships() {
    let _g = lock();
    let mut f = Fixture::copy("basic", "dynamic");
    let ship = f.dir.parent().unwrap().join("ship");
    let _ = std::fs::remove_dir_all(&ship);
    f.env("R2G_FX_LINK", "dynamic").env("R2G_FX_COPY_LIB", &ship);
    let run = f.cargo(&["run"]).success("cargo run");
    assert!(run.stdout.contains(REPORT), "{}", run.stdout);
    let test = f.cargo(&["test"]).success("cargo test");
    assert!(test.stdout.contains("unit_test_calls_go ... ok") && test.stdout.contains("integration_test_calls_go ... ok"));

    let out = f.out_dir();
    let so = out.join("libr2g_go_fx_basic.so");
    assert!(so.is_file() && !out.join("libr2g_go_fx_basic.a").exists());
    let bin = target_dir().join("debug").join("fx-basic");
    let direct = run_binary(&bin).success("target/debug/fx-basic (OUT_DIR rpath)");
    assert!(direct.stdout.contains(REPORT));

    // Shipping: the binary beside the copied library, with the OUT_DIR one out of the way.
    assert!(ship.join("libr2g_go_fx_basic.so").is_file(), "with_copy_lib copied nothing");
    std::fs::copy(&bin, ship.join("fx-basic")).unwrap();
    let hidden = out.join("hidden.so");
    std::fs::rename(&so, &hidden).unwrap();
    let shipped = run_binary(&ship.join("fx-basic"));
    let without = run_binary(&bin);
    std::fs::rename(&hidden, &so).unwrap();
    let shipped = shipped.success("the shipped binary ($ORIGIN rpath)");
    assert!(shipped.stdout.contains(REPORT));
    // ... and it really is dynamic: without the library the binary in target/ cannot start.
    without.failure("fx-basic without its shared library").stderr_has(&["libr2g_go_fx_basic.so"]);
}

/// A dependent crate's binary gets no rpath from the Go crate: `cargo run` works (Cargo's
/// library path), a shipped binary needs the library beside it and an $ORIGIN rpath of its own.
#[test]
fn dependent_binary_of_a_dynamic_go_crate() {
    let _g = lock();
    let mut lib = Fixture::copy("rt_lib", "dependent");
    let mut app = Fixture::copy("rt_app", "dependent");
    let ship = app.dir.parent().unwrap().join("ship");
    let _ = std::fs::remove_dir_all(&ship);
    for f in [&mut lib, &mut app] {
        f.env("R2G_FX_LINK", "dynamic").env("R2G_FX_COPY_LIB", &ship);
    }
    let run = app.cargo(&["run"]).success("cargo run of the dependent");
    assert!(run.stdout.contains("lib: 1001"), "{}", run.stdout);
    let bin = target_dir().join("debug").join("fx-rt-app");
    let _ = std::fs::remove_file(target_dir().join("debug").join("libr2g_go_fx_rt_lib.so"));
    // In target/debug it has neither an rpath to OUT_DIR nor the library beside it.
    run_binary(&bin).failure("the dependent without the library").stderr_has(&["libr2g_go_fx_rt_lib.so"]);
    std::fs::copy(&bin, ship.join("fx-rt-app")).unwrap();
    let shipped = run_binary(&ship.join("fx-rt-app")).success("the shipped dependent");
    assert!(shipped.stdout.contains("lib: 1001"));
}

/// Cargo's change tracking: nothing changed → no `go build`; a touched .go file, IDL, go.mod
/// or a new Go file → one `go build`. GOCACHE reaches Go.
#[test]
fn rebuilds_only_when_inputs_change() {
    let _g = lock();
    let f = Fixture::copy("basic", "cache");
    f.cargo(&["build"]).success("first build");
    let n = f.go_builds();
    assert!(n >= 1);
    f.cargo(&["build"]).success("second build");
    assert_eq!(f.go_builds(), n, "a build with nothing changed ran go build");
    let v = f.cargo(&["build", "-v"]).success("build -v");
    assert!(v.stderr.contains("Fresh fx-basic"), "{}", v.stderr);

    let mut expect = n;
    for change in ["go/impl.go", "src/idl.rs", "go/go.mod"] {
        f.touch(change);
        f.cargo(&["build"]).success(change);
        expect += 1;
        assert_eq!(f.go_builds(), expect, "touching {change} should run go build once");
        f.cargo(&["build"]).success(change);
        assert_eq!(f.go_builds(), expect, "a second build after touching {change} ran go build");
    }
    // An IDL edit that changes gen.go: one go build, and the rewritten gen.go (in the watched
    // Go directory) does not make the next build run again.
    let before = std::fs::read_to_string(f.path("go/gen.go")).unwrap();
    f.append("src/idl.rs", "\n#[derive(rust2go::R2G, Clone)]\npub struct Extra {\n    pub x: u8,\n}\n");
    f.cargo(&["build"]).success("IDL edit");
    expect += 1;
    assert_eq!(f.go_builds(), expect, "an IDL edit should run go build once");
    assert_ne!(std::fs::read_to_string(f.path("go/gen.go")).unwrap(), before, "gen.go was not regenerated");
    f.cargo(&["build"]).success("after the IDL edit");
    assert_eq!(f.go_builds(), expect, "the build after regenerating gen.go ran go build again");

    // A new file in the Go package (the directory is watched).
    std::fs::write(f.path("go/more.go"), "package main\n\nconst more = 1\n").unwrap();
    f.cargo(&["build"]).success("new Go file");
    expect += 1;
    assert_eq!(f.go_builds(), expect, "a new Go file should run go build");

    // GOCACHE passes through to Go: a disabled cache is Go's error, a fresh one gets filled.
    f.touch("go/impl.go");
    f.cargo_with(&["build"], &[("GOCACHE", "off")]).failure("GOCACHE=off").stderr_has(&["GOCACHE=off"]);
    let cache = f.dir.parent().unwrap().join("gocache");
    let _ = std::fs::remove_dir_all(&cache);
    f.touch("go/impl.go");
    f.cargo_with(&["build"], &[("GOCACHE", cache.to_str().unwrap())]).success("fresh GOCACHE");
    assert!(std::fs::read_dir(&cache).map(|d| d.count() > 1).unwrap_or(false), "Go did not use GOCACHE={}", cache.display());
}

/// compiler_arg, compiler_env, with_go_compiler, with_binding, with_go beating $GO.
#[test]
fn builder_surface() {
    let _g = lock();
    let mut f = Fixture::copy("basic", "surface");
    f.env("R2G_FX_CUSTOM", "1");
    let run = f.cargo(&["run"]).success("cargo run with a custom compiler");
    // -tags=r2gfx (compiler_arg) selected tag_on.go; GOFLAGS (compiler_env) set -X.
    assert!(run.stdout.contains("report: hi rust;hi rust;|on|yes|42"), "{}", run.stdout);
    let log = std::fs::read_to_string(f.out_dir().join("custom-compiler.log")).expect("the custom GoCompiler ran");
    for line in [
        "arg=build",
        "arg=-buildmode=c-archive",
        "arg=-tags=r2gfx",
        "env=GOFLAGS=-ldflags=-X=main.fromGoflags=yes",
        "env=GOTOOLCHAIN=local",
        "env=CGO_ENABLED=1",
        "env=GOOS=linux",
    ] {
        assert!(log.lines().any(|l| l == line), "custom compiler log lacks {line}:\n{log}");
    }

    // with_go wins over $GO.
    let go = go_on_path().expect("go on PATH");
    f.env("R2G_FX_WITH_GO", &go).env("GO", "/nonexistent/go");
    f.cargo(&["build"]).success("with_go(real go) with GO=/nonexistent/go");
}

/// Go missing: no `go` on PATH, or $GO or with_go pointing nowhere, is a clear build error.
#[test]
fn missing_go_is_a_clear_error() {
    let _g = lock();
    let f = Fixture::copy("basic", "nogo");
    let r = f.cargo_with(&["build"], &[("GO", "/nonexistent/go")]).failure("GO=/nonexistent/go");
    r.stderr_has(&["Go was not found", "/nonexistent/go", "GO=/path/to/go"]);
    // The usual case: no `go` on PATH. The message says which Go to install and how to point at it.
    let without_go = path_without_go(&f.path("path-without-go"));
    let r = f.cargo_with(&["build"], &[("PATH", without_go.to_str().unwrap())]).failure("no go on PATH");
    r.stderr_has(&[
        "rust2go: Go was not found: `go`",
        "rust2go needs Go >= 1.20 (1.18 with the `go118` output) and a C compiler",
        "install Go (https://go.dev/dl/) and put `go` on PATH, or set GO=/path/to/go",
    ]);
    let r = f.cargo_with(&["build"], &[("R2G_FX_WITH_GO", "/nonexistent/with-go/go")]).failure("with_go(missing)");
    r.stderr_has(&["Go was not found", "/nonexistent/with-go/go"]);
}

/// A Go compile error in the user's Go file reaches Cargo's error output (with a hint when
/// the user's Go declares a name gen.go declares).
#[test]
fn go_compile_error_is_shown() {
    let _g = lock();
    let f = Fixture::copy("basic", "goerror");
    f.append("go/impl.go", "\nfunc broken() int { return undefinedThing }\n");
    let r = f.cargo(&["build"]).failure("build with a Go error");
    r.stderr_has(&["undefined: undefinedThing", "go build -buildmode=c-archive"]);
    // At its full path (Go prints it relative to the package), so it is found from anywhere.
    let line = r.stderr.lines().find(|l| l.contains("undefined: undefinedThing")).unwrap();
    assert!(line.trim_start().starts_with('/') && line.contains("/go/impl.go:"), "{line}");

    // A Go type named like a trait's generated interface: Go's message, and what to do.
    let f = Fixture::copy("basic", "goredeclared");
    f.append("go/impl.go", "\ntype Basic struct{}\n");
    let r = f.cargo(&["build"]).failure("build with a Go type named like the trait");
    r.stderr_has(&["Basic redeclared in this block", "gen.go:", "hint: your Go code declares a name that the generated gen.go declares too"]);
}

/// Go 1.19: the default output is refused naming go118; the go118 output builds and runs.
#[test]
fn go_1_19_needs_go118() {
    let Some(go119) = go119() else {
        eprintln!("Go 1.19 not installed (/usr/lib/go-1.19/bin/go or $GO119): skipped");
        return;
    };
    let _g = lock();
    let mut f = Fixture::copy("basic", "go119");
    f.env("GO", &go119);
    let r = f.cargo(&["build"]).failure("default output with Go 1.19");
    r.stderr_has(&["Go 1.19", "go118: true", "--go118"]);
    f.env("R2G_FX_GO118", "1");
    let run = f.cargo(&["run"]).success("go118 output with Go 1.19");
    assert!(run.stdout.contains(REPORT), "{}", run.stdout);
}

/// No RegenArgs (gen.go maintained with rust2go-cli): a gen.go stamped by another version
/// fails the build, naming both versions and how to regenerate.
#[test]
fn version_stamp_mismatch_is_rejected() {
    let _g = lock();
    let f = Fixture::copy("stamp", "stamp");
    let gen = f.path("go/gen.go");
    cli_generate(&f.path("idl/ping.rs"), &gen);
    let run = f.cargo(&["run"]).success("current stamp");
    assert!(run.stdout.contains("answer: 42"), "{}", run.stdout);

    if let Some(go119) = go119() {
        let go = [("GO", go119.to_str().unwrap())];
        // The CLI's default output needs no Go 1.20 API (arguments are read in place): it
        // builds with Go 1.19 ...
        f.cargo_with(&["build"], &go).success("default gen.go with Go 1.19");
        // ... and a generated file that uses one is refused, naming --go118, although no
        // RegenArgs exists.
        let text = std::fs::read_to_string(&gen).unwrap();
        std::fs::write(&gen, format!("{text}\nfunc r2gProbe120(p *byte) string {{ return unsafe.String(p, 1) }}\n")).unwrap();
        let r = f.cargo_with(&["build"], &go).failure("gen.go using unsafe.String with Go 1.19");
        r.stderr_has(&["gen.go", "--go118"]);
        std::fs::write(&gen, text).unwrap();
    }

    let text = std::fs::read_to_string(&gen).unwrap();
    let (first, rest) = text.split_once('\n').unwrap();
    assert_eq!(first, format!("// Code generated by rust2go {}. DO NOT EDIT.", rust2go::VERSION));
    std::fs::write(&gen, format!("// Code generated by rust2go 0.0.1-old. DO NOT EDIT.\n{rest}")).unwrap();
    let r = f.cargo(&["build"]).failure("stale stamp");
    r.stderr_has(&["gen.go", "rust2go 0.0.1-old", &format!("rust2go {}", rust2go::VERSION), "rust2go-cli", "regenerate"]);
}

/// Two IDL files (two Rust modules, several traits each, shared structs) in one Go package.
#[test]
fn two_idl_files_one_go_package() {
    let _g = lock();
    let f = Fixture::copy("multi", "multi");
    let run = f.cargo(&["run"]).success("cargo run");
    assert!(run.stdout.contains("a: 7 ann | ann has 700 cents | 2"), "{}", run.stdout);
    assert!(run.stdout.contains("b: 5 tea QUICK"), "{}", run.stdout);
    let out = f.out_dir();
    assert!(out.join("_go_bindings.rs").is_file() && out.join("_go_bindings_b.rs").is_file());
    let gen_a = std::fs::read_to_string(f.path("go/gen_a.go")).unwrap();
    assert!(gen_a.contains("// Source: a.rs, b.rs.") && gen_a.contains("type Order struct"));
    let gen_b = std::fs::read_to_string(f.path("go/gen_b.go")).unwrap();
    assert!(gen_b.contains("generated into gen_a.go") && gen_b.trim_end().ends_with("package main"), "{gen_b}");
    // Generating wrote files into the Go directory; Cargo must still see the crate as fresh.
    let n = f.go_builds();
    f.cargo(&["build"]).success("second build");
    assert_eq!(f.go_builds(), n, "the build after generating ran go build again");
}

/// The same Go name declared by both IDL files is a build error naming both files.
#[test]
fn go_name_clash_between_idl_files() {
    let _g = lock();
    let f = Fixture::copy("multi", "clash");
    f.append(
        "src/b.rs",
        "\n#[derive(rust2go::R2G, Clone)]\npub struct Account {\n    pub x: u8,\n}\n\n#[rust2go::r2g]\npub trait Audit {\n    fn x();\n}\n",
    );
    let r = f.cargo(&["build"]).failure("clashing names");
    r.stderr_has(&["src/b.rs:", "src/a.rs:", "`Account`", "`Audit`", "one Go package", "rename"]);
}

/// Two crates of one binary each building a Go library: a link error naming the marker. The
/// recommended shape (all Go in one crate) links and runs.
#[test]
fn two_go_runtimes_in_one_binary_fail_to_link() {
    let _g = lock();
    let _lib = Fixture::copy("rt_lib", "runtime");
    let app = Fixture::copy("rt_app", "runtime");
    let run = app.cargo(&["run"]).success("one Go crate");
    assert!(run.stdout.contains("lib: 1001"), "{}", run.stdout);
    let r = app.cargo(&["build", "--features", "own-go"]).failure("two Go crates");
    r.stderr_has(&[rust2go::ONE_GO_RUNTIME_MARKER, "fx_rt_lib", "fx_rt_app"]);
}

/// `-race` through GOFLAGS: Go's race runtime (ThreadSanitizer) needs a non-PIE executable,
/// so Rust is built with `-C relocation-model=static -C link-arg=-no-pie`, for an explicit
/// `--target` so that the flags stay off build scripts and proc-macros (README, Build helper).
#[test]
fn go_race_detector_with_a_non_pie_binary() {
    let _g = lock();
    let out = std::process::Command::new("rustc").arg("-vV").output().expect("rustc -vV");
    let host = String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("host triple");
    if !host.contains("linux") {
        eprintln!("the -race recipe is for Linux: skipped on {host}");
        return;
    }
    let mut f = Fixture::copy("basic", "race");
    f.env("GOFLAGS", "-race").env("RUSTFLAGS", "-C relocation-model=static -C link-arg=-no-pie");
    let run = f.cargo(&["run", "--target", &host]).success("cargo run with Go's race detector");
    assert!(run.stdout.contains(REPORT), "{}", run.stdout);
    run.stderr_has(&["go: race detector on"]);
}

/// A Go older than 1.18 is refused with a message naming both versions.
#[test]
fn too_old_go_is_a_clear_error() {
    let _g = lock();
    let f = Fixture::copy("basic", "oldgo");
    let fake = f.path("fake-go");
    std::fs::write(&fake, "#!/bin/sh\necho 'go version go1.17.13 linux/amd64'\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let r = f.cargo_with(&["build"], &[("GO", fake.to_str().unwrap())]).failure("GO=<Go 1.17>");
    r.stderr_has(&["is Go 1.17", "rust2go needs Go >= 1.18"]);
}

/// `RegenArgs::go_style`: IDL files of one Go package must agree on it, and a name clash that
/// only the idiomatic style creates is a build error at the IDL's line and column.
#[test]
fn go_style_of_a_go_package() {
    let _g = lock();
    let f = Fixture::copy("multi", "go-style");
    let build_rs = |style_b: &str| {
        format!(
            "fn main() {{\n    let style = rust2go::GoStyle::Idiomatic;\n    rust2go::Builder::new()\n        .with_go_src(\"./go\")\n        \
             .with_regen_arg(rust2go::RegenArgs {{ src: \"./src/a.rs\".into(), dst: \"./go/gen_a.go\".into(), go_style: style, ..Default::default() }})\n        \
             .with_regen_arg(rust2go::RegenArgs {{ src: \"./src/b.rs\".into(), dst: \"./go/gen_b.go\".into(), go_style: {style_b}, ..Default::default() }})\n        \
             .build();\n}}\n"
        )
    };
    std::fs::write(f.path("build.rs"), build_rs("rust2go::GoStyle::Compat")).unwrap();
    let r = f.cargo(&["build"]).failure("go_style differs");
    r.stderr_has(&["src/a.rs", "src/b.rs", "disagree on `go_style`"]);
    std::fs::write(f.path("build.rs"), build_rs("style")).unwrap();
    f.append("src/b.rs", "\n#[derive(rust2go::R2G, Clone)]\npub struct Clashing {\n    pub api_key: u8,\n    pub apiKey: u8,\n}\n");
    let r = f.cargo(&["build"]).failure("a clash of the idiomatic style");
    r.stderr_has(&["src/b.rs:", "`apiKey` and `api_key` (fields of `Clashing`) both become the Go name `APIKey`"]);
}

/// A failing build script leads with the cause: the builder prints none of its Cargo
/// directives (rerun and link lines) when it fails, only the message.
#[test]
fn failing_build_leads_with_the_cause() {
    let _g = lock();
    let f = Fixture::copy("basic", "fails-first");
    f.append("src/idl.rs", "\n#[derive(rust2go::R2G)]\npub struct Broken {\n    pub x: u128,\n}\n");
    let r = f.cargo(&["build"]).failure("build with an IDL error");
    r.stderr_has(&["idl.rs", "error: rust2go: unsupported type `u128`"]);
    for directive in ["cargo:rerun-if-changed=", "cargo:rerun-if-env-changed=GOFLAGS", "cargo:rustc-link"] {
        assert!(!r.stderr.contains(directive), "`{directive}` lines come before the cause:\n{}", r.stderr);
    }
    // A build that succeeds still gets them (rebuild tracking relies on them).
    let f = Fixture::copy("basic", "fails-first-ok");
    f.cargo(&["build"]).success("cargo build");
    let output = std::fs::read_to_string(f.out_dir().parent().unwrap().join("output")).unwrap();
    assert!(output.contains("cargo:rerun-if-changed=") && output.contains("cargo:rustc-link-lib=static=r2g_go_fx_basic"), "{output}");
}

/// `CGO_ENABLED=0` in the environment: the build still uses cgo, and says so.
#[test]
fn cgo_enabled_0_is_overridden_with_a_warning() {
    let _g = lock();
    let f = Fixture::copy("basic", "cgo-off");
    let r = f.cargo_with(&["run"], &[("CGO_ENABLED", "0")]).success("cargo run with CGO_ENABLED=0");
    assert!(r.stdout.contains(REPORT), "{}", r.stdout);
    r.stderr_has(&["rust2go: CGO_ENABLED=0 in the environment is overridden: rust2go calls Go through cgo"]);
    let r = f.cargo(&["build"]).success("cargo build without CGO_ENABLED");
    assert!(!r.stderr.contains("CGO_ENABLED"), "{}", r.stderr);
}

/// Every `cargo:rerun-if-env-changed` line of the build script is printed once.
#[test]
fn rerun_env_lines_are_printed_once() {
    let _g = lock();
    let f = Fixture::copy("basic", "rerun-env");
    f.cargo(&["build"]).success("cargo build");
    let output = std::fs::read_to_string(f.out_dir().parent().unwrap().join("output")).expect("build script output");
    let lines: Vec<&str> = output.lines().filter(|l| l.starts_with("cargo:rerun-if-env-changed=")).collect();
    for var in ["CC", "TARGET_CC", "GOFLAGS"] {
        let n = lines.iter().filter(|l| l.split_once('=').map(|(_, v)| v) == Some(var)).count();
        assert_eq!(n, 1, "{var} in:\n{output}");
    }
    let mut unique = lines.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), lines.len(), "{output}");
}

/// Cross-compiling with only the host's `CC` set fails before Go runs, naming the target's
/// compiler variable (not with an assembler error from cgo). Needs the aarch64 standard library
/// (`rustup target add aarch64-unknown-linux-gnu`); no cross C compiler.
#[test]
fn cross_target_with_only_a_host_cc_names_the_target_compiler_variable() {
    let installed = std::process::Command::new("rustup").args(["target", "list", "--installed"]).output();
    let installed = installed.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    if !installed.lines().any(|l| l == "aarch64-unknown-linux-gnu") {
        eprintln!("Rust target aarch64-unknown-linux-gnu not installed: skipped");
        return;
    }
    let _g = lock();
    let f = Fixture::copy("basic", "cross-host-cc");
    let r = f
        .cargo_with(&["build", "--target", "aarch64-unknown-linux-gnu"], &[("CC", "gcc")])
        .failure("cross build with CC=gcc (the host's)");
    r.stderr_has(&[
        "cross-compiling to aarch64-unknown-linux-gnu (GOOS=linux GOARCH=arm64)",
        "CC=gcc compiles for x86_64",
        "set CC_aarch64_unknown_linux_gnu",
    ]);
    assert!(!r.stderr.contains("gcc_arm64.S"), "cgo ran with the host's compiler:\n{}", r.stderr);
}

//! The build helper (feature `build`), for `build.rs`:
//!
//! ```no_run
//! rust2go::Builder::new()
//!     .with_go_src("./go")
//!     .with_regen_arg(rust2go::RegenArgs {
//!         src: "./src/user.rs".into(),
//!         dst: "./go/gen.go".into(),
//!         ..Default::default()
//!     })
//!     .build();
//! ```
//!
//! It regenerates `gen.go` from the IDL (writing it only when it changed, so Cargo's change
//! tracking stays quiet), writes the Rust glue into `OUT_DIR`, builds the Go package as a C
//! archive (or shared library) for Cargo's target and tells Cargo how to link it and when to
//! run again.
//!
//! * **Several IDL files** (several [`RegenArgs`]): each gets its own Rust glue file (see
//!   [`RegenArgs::binding`]), so each IDL file can be its own Rust module. IDL files whose
//!   `dst` lie in the same directory (one Go package) are generated together: the Go code of
//!   all of them goes into the first one's `dst` (a Go package can hold only one copy of the
//!   rust2go helpers), the other `dst` files get a stub that says where the code went. Their
//!   Go names must be unique across the files; a clash is a build error naming both files.
//! * **One Go runtime per process**: every build that links Go also links a one-symbol marker
//!   archive (`+whole-archive`). Two crates of one binary that both build Go with this helper
//!   fail to link with a `duplicate symbol` / `multiple definition` error naming
//!   [`ONE_GO_RUNTIME_MARKER`]. Put all Go code of a program into one crate.
//! * **Cargo's change tracking**: the build script reruns when the IDL, a file of the Go
//!   package (or the directory), `go.mod`/`go.sum` or one of the Go-related environment
//!   variables changes. Every `go build` it runs increments the number in
//!   `OUT_DIR/rust2go-go-builds.txt` (handy to check that nothing is rebuilt needlessly).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// One IDL file to generate from.
#[derive(Clone, Debug, Default)]
pub struct RegenArgs {
    /// The Rust IDL file.
    pub src: PathBuf,
    /// The Go file to generate.
    pub dst: PathBuf,
    /// Go 1.18/1.19 compatible output.
    pub go118: bool,
    /// Do not run gofmt.
    pub no_fmt: bool,
    /// Omit `func main() {}`.
    pub without_main: bool,
    /// File name of this IDL file's Rust glue in `OUT_DIR`; the IDL module includes it with
    /// `rust2go::r2g_include_binding!("<name>")`. Default: for the first `RegenArgs` the
    /// builder's name ([`Builder::with_binding`], else `_go_bindings.rs`, which
    /// `r2g_include_binding!()` includes), for the others `_go_bindings_<IDL file stem>.rs`
    /// (`src/api.rs` → `_go_bindings_api.rs`).
    pub binding: Option<String>,
}

/// How the Go library is linked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LinkType {
    /// `go build -buildmode=c-archive`, linked into the Rust binary.
    #[default]
    Static,
    /// `go build -buildmode=c-shared`: a shared library (`.so`, `.dylib`, `.dll`) that the
    /// binary loads at run time. The crate's own binaries, tests and examples get two rpath
    /// entries: `OUT_DIR` (so `cargo run`/`cargo test` and `target/debug/<bin>` work) and the
    /// binary's directory (`$ORIGIN`, `@loader_path` on macOS), for shipping the library
    /// beside the binary ([`Builder::with_copy_lib`]). A *dependent* crate's binary gets no
    /// rpath (Cargo does not pass link arguments on): `cargo run`/`cargo test` still find the
    /// library (Cargo adds `OUT_DIR` to the library path), a shipped binary needs the library
    /// beside it plus `println!("cargo:rustc-link-arg=-Wl,-rpath,$ORIGIN")` in its own
    /// `build.rs`, or `LD_LIBRARY_PATH`.
    Dynamic,
}

/// A custom Go build: receives the prepared `go build` command and runs it.
pub trait GoCompiler {
    /// Runs the build; `cmd` has the arguments, environment and directory set. Return the
    /// Go toolchain's output in the error so that it reaches Cargo's error report.
    fn build(&self, cmd: &mut Command) -> Result<(), String>;
}

/// The C symbol that every Go build of this helper links (in a `+whole-archive` marker
/// archive) so that two Go runtimes in one binary are a link error naming it.
pub const ONE_GO_RUNTIME_MARKER: &str =
    "rust2go_ERROR_two_crates_in_this_binary_each_link_a_Go_runtime_built_by_rust2go_Builder__only_one_Go_runtime_per_process_works__put_all_Go_code_into_one_crate";

/// The file in `OUT_DIR` counting the `go build` runs of this build script.
pub const GO_BUILD_COUNTER: &str = "rust2go-go-builds.txt";

/// Builds and links the Go side. See the module documentation.
#[derive(Default)]
pub struct Builder {
    go_src: Option<PathBuf>,
    regen: Vec<RegenArgs>,
    binding: Option<String>,
    link: LinkType,
    copy_lib: Option<PathBuf>,
    go_args: Vec<OsString>,
    go_env: BTreeMap<OsString, OsString>,
    go_binary: Option<PathBuf>,
    compiler: Option<Box<dyn GoCompiler>>,
    generate_only: bool,
}

/// The oldest Go that rust2go supports, and the oldest that builds the default output.
const GO_MIN: (u32, u32) = (1, 18);
const GO_UNSAFE_STRING: (u32, u32) = (1, 20);
const DEFAULT_BINDING: &str = "_go_bindings.rs";

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The directory of the Go package (`package main`) holding `gen.go` and the user's Go
    /// (default `go`, relative to the crate's manifest directory).
    pub fn with_go_src(mut self, dir: impl Into<PathBuf>) -> Self {
        self.go_src = Some(dir.into());
        self
    }

    /// Regenerate a Go file from an IDL file on every build.
    pub fn with_regen_arg(mut self, args: RegenArgs) -> Self {
        self.regen.push(args);
        self
    }

    /// Shorthand for [`with_regen_arg`](Self::with_regen_arg) with default options.
    pub fn with_regen(self, src: impl Into<PathBuf>, dst: impl Into<PathBuf>) -> Self {
        self.with_regen_arg(RegenArgs { src: src.into(), dst: dst.into(), ..Default::default() })
    }

    /// File name in `OUT_DIR` of the first IDL file's Rust glue (default `_go_bindings.rs`);
    /// see [`RegenArgs::binding`] for the others.
    pub fn with_binding(mut self, file_name: impl Into<String>) -> Self {
        self.binding = Some(file_name.into());
        self
    }

    /// Static (default) or dynamic linking of the Go library.
    pub fn with_link(mut self, link: LinkType) -> Self {
        self.link = link;
        self
    }

    /// Also copy the built library into `dir` (for shipping a dynamically linked binary:
    /// copy it beside the binary, which finds it through its `$ORIGIN` rpath).
    pub fn with_copy_lib(mut self, dir: impl Into<PathBuf>) -> Self {
        self.copy_lib = Some(dir.into());
        self
    }

    /// An extra argument to `go build` (e.g. `-trimpath`, `-tags=foo`, `-race`).
    pub fn compiler_arg(mut self, arg: impl Into<OsString>) -> Self {
        self.go_args.push(arg.into());
        self
    }

    /// An environment variable for `go build` (e.g. `GOFLAGS`, `CGO_CFLAGS`, `CC`); set last,
    /// so it overrides what the builder derives (`GOOS`, `GOARCH`, `CC` for the target).
    pub fn compiler_env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.go_env.insert(key.into(), value.into());
        self
    }

    /// The `go` binary to use (default: `$GO`, else `go` on `PATH`).
    pub fn with_go(mut self, go: impl Into<PathBuf>) -> Self {
        self.go_binary = Some(go.into());
        self
    }

    /// Runs the Go build through a custom implementation.
    pub fn with_go_compiler(mut self, compiler: impl GoCompiler + 'static) -> Self {
        self.compiler = Some(Box::new(compiler));
        self
    }

    /// Only generate (`gen.go` and the Rust glue): build and link no Go. For a Rust
    /// `staticlib`/`cdylib` that a Go program links (Go calls Rust through `#[g2r]` traits).
    pub fn generate_only(mut self) -> Self {
        self.generate_only = true;
        self
    }

    /// Generates, builds and links. On failure prints the error (the IDL error, Go's
    /// compiler output, ...) and exits the build script with status 1, which makes Cargo
    /// show it. Use [`try_build`](Self::try_build) to handle the error yourself.
    pub fn build(self) {
        if let Err(e) = self.try_build() {
            eprintln!("{}", e.trim_end());
            std::process::exit(1);
        }
    }

    /// [`build`](Self::build), returning the error message instead of exiting.
    pub fn try_build(self) -> Result<(), String> {
        let manifest = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
        let out_dir = PathBuf::from(env("OUT_DIR")?);
        let go_src = normalize(&manifest.join(self.go_src.clone().unwrap_or_else(|| "go".into())));
        let go = self.go_command();
        let target = env("TARGET")?;
        let mut vars: Vec<String> = [
            "GO",
            "GOFLAGS",
            "GOEXPERIMENT",
            "GOTOOLCHAIN",
            "GOROOT",
            "CGO_CFLAGS",
            "CGO_CPPFLAGS",
            "CGO_LDFLAGS",
            "CC",
            "TARGET_CC",
            "CGO_ENABLED",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        vars.extend(target_cc_vars(&target));
        for var in vars {
            println!("cargo:rerun-if-env-changed={var}");
        }

        let go_version = go_version(&go)?;
        self.generate(&manifest, &out_dir, &go, go_version)?;
        check_stamps(&go_src, &go, go_version)?;

        let mut inputs = Vec::new();
        collect_go_inputs(&go_src, &mut inputs)?;
        for f in &inputs {
            println!("cargo:rerun-if-changed={}", f.display());
        }
        // The directory itself (Cargo scans it), so that adding a file reruns the build.
        println!("cargo:rerun-if-changed={}", go_src.display());
        if self.generate_only {
            return Ok(());
        }
        self.go_build(&go, &go_src, &out_dir, &target)
    }

    fn go_command(&self) -> PathBuf {
        self.go_binary.clone().or_else(|| std::env::var_os("GO").map(PathBuf::from)).unwrap_or_else(|| "go".into())
    }

    /// Regenerates the Go files and writes the Rust glue of every [`RegenArgs`].
    #[allow(clippy::needless_update)] // `GoOptions` may grow fields
    fn generate(&self, manifest: &Path, out_dir: &Path, go: &Path, go_version: (u32, u32)) -> Result<(), String> {
        let mut units = Vec::new();
        for (i, args) in self.regen.iter().enumerate() {
            let src = normalize(&manifest.join(&args.src));
            println!("cargo:rerun-if-changed={}", src.display());
            if !args.go118 && go_version < GO_UNSAFE_STRING {
                return Err(go118_needed(go, go_version, &format!("the default output (RegenArgs for {})", args.src.display())));
            }
            let binding = binding_name(i, args, self.binding.as_deref());
            if let Some(prev) = units.iter().find(|u: &&Unit| u.binding == binding) {
                return Err(format!(
                    "rust2go: {} and {} would both write their Rust glue to OUT_DIR/{binding}; \
                     give one of them another `binding` in its RegenArgs",
                    prev.args.src.display(),
                    args.src.display()
                ));
            }
            let opts = rust2go_emit::GoOptions {
                go118: args.go118,
                without_main: args.without_main,
                source_name: file_name(&args.src),
                ..Default::default()
            };
            // Formatted once per output file, below.
            let generated = rust2go_emit::generate(&src, &opts, false)?;
            units.push(Unit { args, src, dst: normalize(&manifest.join(&args.dst)), binding, generated });
        }
        for u in &units {
            write_if_changed(&out_dir.join(&u.binding), &u.generated.rust, None)?;
        }
        for group in group_by_go_package(&units) {
            write_go_package(&group)?;
        }
        Ok(())
    }

    fn go_build(&self, go: &Path, go_src: &Path, out_dir: &Path, target: &str) -> Result<(), String> {
        static BUILT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if BUILT.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return Err("rust2go: Builder::build() linked Go once already in this build script; a process can \
                        run only one Go runtime, so all Go code of a crate must be one Go package (one Builder)"
                .into());
        }
        let gt = go_target(target, self.link)?;
        let host = env("HOST")?;
        let cross = go_target(&host, LinkType::Dynamic).map(|h| (h.goos, h.goarch) != (gt.goos, gt.goarch)).unwrap_or(true);
        let target_cc = target_cc(target);
        let user_cc = self.go_env.contains_key(&OsString::from("CC"));
        if cross && target_cc.is_none() && !user_cc && std::env::var_os("CC").is_none() {
            let t = target.replace('-', "_");
            return Err(format!(
                "rust2go: cross-compiling to {target} (GOOS={} GOARCH={}) needs a C compiler for that target (cgo): \
                 set CC_{t} (or TARGET_CC, or CARGO_TARGET_{}_LINKER), e.g. CC_{t}={}",
                gt.goos,
                gt.goarch,
                t.to_uppercase(),
                match (gt.goos, gt.goarch) {
                    ("linux", "arm64") => "aarch64-linux-gnu-gcc",
                    ("linux", "amd64") => "x86_64-linux-gnu-gcc",
                    _ => "<target>-cc",
                }
            ));
        }

        let lib_name = format!("r2g_go_{}", env("CARGO_PKG_NAME")?.replace('-', "_"));
        let (mode, file) = match self.link {
            LinkType::Static => ("c-archive", format!("lib{lib_name}.a")),
            LinkType::Dynamic => ("c-shared", format!("{}{lib_name}{}", gt.dylib_prefix(), gt.dylib_suffix())),
        };
        let lib_path = out_dir.join(&file);
        // A library of the other link mode, left from an earlier build, must not be linked.
        for stale in [format!("lib{lib_name}.a"), format!("{}{lib_name}{}", gt.dylib_prefix(), gt.dylib_suffix())] {
            if stale != file {
                let _ = std::fs::remove_file(out_dir.join(stale));
            }
        }
        let mut cmd = Command::new(go);
        cmd.current_dir(go_src)
            .arg("build")
            .arg(format!("-buildmode={mode}"))
            .arg("-o")
            .arg(&lib_path)
            .args(&self.go_args)
            .arg(".")
            .env("CGO_ENABLED", "1")
            .env("GOOS", gt.goos)
            .env("GOARCH", gt.goarch);
        if std::env::var_os("GOTOOLCHAIN").is_none() {
            // Never download a toolchain behind the user's back.
            cmd.env("GOTOOLCHAIN", "local");
        }
        if let Some(cc) = &target_cc {
            cmd.env("CC", cc);
        }
        for (k, v) in &self.go_env {
            cmd.env(k, v);
        }
        count_go_build(out_dir)?;
        match &self.compiler {
            Some(c) => c.build(&mut cmd).map_err(|e| format!("rust2go: the Go build of {} failed:\n{e}", go_src.display()))?,
            None => {
                let output = cmd.output().map_err(|e| format!("rust2go: cannot run {}: {e}", go.display()))?;
                if !output.status.success() {
                    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
                    let hint = if text.contains("C compiler") && text.contains("not found") {
                        "\nhint: cgo needs a C compiler (gcc or clang) on PATH, or CC=/path/to/cc"
                    } else {
                        ""
                    };
                    return Err(format!(
                        "rust2go: `{} build -buildmode={mode}` of the Go package {} failed ({}):\n{}{hint}",
                        go.display(),
                        go_src.display(),
                        output.status,
                        text.trim_end()
                    ));
                }
            }
        }
        if !lib_path.exists() {
            return Err(format!("rust2go: the Go build did not produce {}", lib_path.display()));
        }

        println!("cargo:rustc-link-search=native={}", out_dir.display());
        match self.link {
            LinkType::Static => println!("cargo:rustc-link-lib=static={lib_name}"),
            LinkType::Dynamic => {
                println!("cargo:rustc-link-lib=dylib={lib_name}");
                if gt.goos != "windows" {
                    // For the crate's own binaries, tests and examples (Cargo passes link
                    // arguments to no dependent): the library where it was built, and beside
                    // the binary (for a shipped binary, see `with_copy_lib`).
                    let origin = if gt.goos == "darwin" { "@loader_path" } else { "$ORIGIN" };
                    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", out_dir.display());
                    println!("cargo:rustc-link-arg=-Wl,-rpath,{origin}");
                }
            }
        }
        match gt.goos {
            "darwin" => {
                println!("cargo:rustc-link-lib=framework=CoreFoundation");
                println!("cargo:rustc-link-lib=framework=Security");
            }
            "windows" => {
                for lib in ["ws2_32", "winmm", "ntdll"] {
                    println!("cargo:rustc-link-lib=dylib={lib}");
                }
            }
            _ => println!("cargo:rustc-link-lib=dylib=pthread"),
        }
        if !gt.msvc {
            // A safety net: without it two static Go runtimes still fail to link (on Go's own
            // symbols), so a machine where the marker cannot be made only gets a warning.
            if let Err(e) = self.link_runtime_marker(go, &cmd, out_dir, &lib_name) {
                println!("cargo:warning=rust2go: cannot link the one-Go-runtime marker: {}", e.replace('\n', " "));
            }
        }
        if let Some(dir) = &self.copy_lib {
            std::fs::create_dir_all(dir).map_err(|e| format!("rust2go: cannot create {}: {e}", dir.display()))?;
            std::fs::copy(&lib_path, dir.join(&file))
                .map_err(|e| format!("rust2go: cannot copy {} to {}: {e}", lib_path.display(), dir.display()))?;
        }
        Ok(())
    }

    /// Compiles `int <ONE_GO_RUNTIME_MARKER>;` with the C compiler cgo used and links it with
    /// `+whole-archive`: two crates of one binary linking Go fail to link, naming the marker.
    fn link_runtime_marker(&self, go: &Path, go_cmd: &Command, out_dir: &Path, lib_name: &str) -> Result<(), String> {
        let cc = match go_cmd.get_envs().find(|(k, _)| *k == "CC").and_then(|(_, v)| v) {
            Some(cc) => cc.to_string_lossy().into_owned(),
            None => match std::env::var("CC") {
                Ok(cc) if !cc.trim().is_empty() => cc,
                _ => {
                    let mut q = Command::new(go);
                    q.args(["env", "CC"]);
                    for (k, v) in go_cmd.get_envs() {
                        match v {
                            Some(v) => q.env(k, v),
                            None => q.env_remove(k),
                        };
                    }
                    let out = q.output().map_err(|e| format!("rust2go: cannot run `{} env CC`: {e}", go.display()))?;
                    String::from_utf8_lossy(&out.stdout).trim().to_string()
                }
            },
        };
        let mut words = cc.split_whitespace();
        let Some(program) = words.next() else { return Err("rust2go: no C compiler (go env CC is empty)".into()) };
        let name = format!("{lib_name}_marker");
        let c_file = out_dir.join(format!("{name}.c"));
        let o_file = out_dir.join(format!("{name}.o"));
        let source = format!(
            "/* Linked by rust2go's Builder into every binary that links a Go runtime built by it. A\n\
             \x20* \"duplicate symbol\" / \"multiple definition\" error for it means that two crates of the\n\
             \x20* binary each link their own Go library: a process can run only one Go runtime, so put all\n\
             \x20* Go code of the program into one crate (one Go package). */\n\
             int {ONE_GO_RUNTIME_MARKER} = 1;\n"
        );
        write_if_changed(&c_file, &source, None)?;
        let mut compile = Command::new(program);
        compile.args(words);
        let cflags = match go_cmd.get_envs().find(|(k, _)| *k == "CGO_CFLAGS") {
            Some((_, v)) => v.map(|v| v.to_string_lossy().into_owned()),
            None => std::env::var("CGO_CFLAGS").ok(),
        };
        compile.args(cflags.iter().flat_map(|f| f.split_whitespace()));
        compile.arg("-c").arg(&c_file).arg("-o").arg(&o_file);
        let out = compile.output().map_err(|e| format!("rust2go: cannot run the C compiler `{cc}`: {e}"))?;
        if !out.status.success() {
            return Err(format!("rust2go: `{cc}` failed to compile {}:\n{}", c_file.display(), String::from_utf8_lossy(&out.stderr)));
        }
        let object = std::fs::read(&o_file).map_err(|e| format!("rust2go: cannot read {}: {e}", o_file.display()))?;
        // A short member name: the GNU format keeps 15 characters in the header.
        let archive = ar_archive("r2g_marker.o", &object);
        let a_file = out_dir.join(format!("lib{name}.a"));
        std::fs::write(&a_file, archive).map_err(|e| format!("rust2go: cannot write {}: {e}", a_file.display()))?;
        println!("cargo:rustc-link-lib=static:+whole-archive={name}");
        Ok(())
    }
}

/// One [`RegenArgs`] with its paths resolved and its output generated.
struct Unit<'a> {
    args: &'a RegenArgs,
    src: PathBuf,
    dst: PathBuf,
    binding: String,
    generated: rust2go_emit::Generated,
}

/// The Rust glue file name of the `index`-th [`RegenArgs`].
fn binding_name(index: usize, args: &RegenArgs, builder_default: Option<&str>) -> String {
    if let Some(b) = &args.binding {
        return b.clone();
    }
    if index == 0 {
        return builder_default.unwrap_or(DEFAULT_BINDING).to_string();
    }
    let stem = args.src.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stem: String = stem.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect();
    format!("_go_bindings_{stem}.rs")
}

fn file_name(p: &Path) -> Option<String> {
    p.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// Units whose `dst` share a directory (one Go package), in `RegenArgs` order.
fn group_by_go_package<'u, 'a>(units: &'u [Unit<'a>]) -> Vec<Vec<&'u Unit<'a>>> {
    let key = |u: &Unit| {
        let dir = u.dst.parent().map(Path::to_path_buf).unwrap_or_default();
        std::fs::canonicalize(&dir).unwrap_or_else(|_| normalize(&dir))
    };
    let mut groups: Vec<(PathBuf, Vec<&Unit>)> = Vec::new();
    for u in units {
        let k = key(u);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, v)) => v.push(u),
            None => groups.push((k, vec![u])),
        }
    }
    groups.into_iter().map(|(_, v)| v).collect()
}

/// `p` without `.` components (`./go/gen.go` → `go/gen.go`); `..` stays.
fn normalize(p: &Path) -> PathBuf {
    p.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}

/// Writes the Go of the IDL files of one Go package: one file holds all of it.
#[allow(clippy::needless_update)] // `GoOptions` may grow fields
fn write_go_package(group: &[&Unit]) -> Result<(), String> {
    let first = group[0];
    // Generated files get the IDL files' modification time: they are outputs of the IDL,
    // and a file written during the build script's run would make Cargo run it again.
    let mtime = group.iter().filter_map(|u| std::fs::metadata(&u.src).and_then(|m| m.modified()).ok()).max();
    let fmt = group.iter().any(|u| !u.args.no_fmt);
    if group.len() == 1 {
        let mut go = first.generated.go.clone();
        if fmt {
            go = rust2go_emit::gofmt(&go)?;
        }
        return write_if_changed(&first.dst, &go, mtime);
    }
    check_go_name_clashes(group)?;
    if let Some(u) = group.iter().find(|u| u.args.without_main != first.args.without_main) {
        return Err(format!(
            "rust2go: {} and {} generate into one Go package but disagree on `without_main`; set it the same in both RegenArgs",
            first.args.src.display(),
            u.args.src.display()
        ));
    }
    let mut model = first.generated.model.clone();
    for u in &group[1..] {
        let m = &u.generated.model;
        model.structs.extend(m.structs.iter().cloned());
        model.enums.extend(m.enums.iter().cloned());
        model.traits.extend(m.traits.iter().cloned());
    }
    let names: Vec<String> = group.iter().filter_map(|u| file_name(&u.args.src)).collect();
    let opts = rust2go_emit::GoOptions {
        // The Go 1.18 output builds with every Go, so one file asking for it is enough.
        go118: group.iter().any(|u| u.args.go118),
        without_main: first.args.without_main,
        source_name: Some(names.join(", ")),
        ..Default::default()
    };
    let mut go = rust2go_emit::emit_go(&model, &opts);
    if fmt {
        go = rust2go_emit::gofmt(&go)?;
    }
    write_if_changed(&first.dst, &go, mtime)?;
    let target_name = file_name(&first.dst).unwrap_or_default();
    for u in &group[1..] {
        if normalize(&u.dst) == normalize(&first.dst) {
            continue;
        }
        let stub = format!(
            "{}\n// Source: {}. Its Go code is generated into {target_name}, together with {}:\n\
             // a Go package holds one copy of the rust2go glue. Edit the IDL, not this file.\n\npackage main\n",
            rust2go_emit::header_line("//"),
            file_name(&u.args.src).unwrap_or_default(),
            names.join(", ")
        );
        write_if_changed(&u.dst, &stub, mtime)?;
    }
    Ok(())
}

/// The Go package-level names an IDL file declares: (name, what, line, column).
fn go_names(model: &rust2go_model::Model) -> Vec<(String, String, usize, usize)> {
    // The model's spans are proc-macro2 spans with `span-locations` (0-based columns).
    macro_rules! at {
        ($span:expr) => {
            ($span.start().line, $span.start().column + 1)
        };
    }
    let mut out = Vec::new();
    for s in &model.structs {
        let (l, c) = at!(s.span);
        out.push((s.name.clone(), format!("struct `{}`", s.name), l, c));
    }
    for e in &model.enums {
        let (l, c) = at!(e.span);
        out.push((e.name.clone(), format!("enum `{}`", e.name), l, c));
        for v in &e.variants {
            out.push((format!("{}{}", e.name, v.name), format!("the Go name of `{}::{}`", e.name, v.name), l, c));
        }
    }
    for t in &model.traits {
        let (l, c) = at!(t.span);
        out.push((t.name.clone(), format!("trait `{}`", t.name), l, c));
        out.push((format!("{}Impl", t.name), format!("`{}Impl` of trait `{}`", t.name, t.name), l, c));
    }
    out
}

/// IDL files generating into one Go package must not declare the same Go name.
fn check_go_name_clashes(group: &[&Unit]) -> Result<(), String> {
    let mut seen: Vec<(String, String, usize, usize, &Path)> = Vec::new();
    let mut errors = Vec::new();
    for u in group {
        let names = go_names(&u.generated.model);
        // One error per declaration (a trait clashing also clashes through `<Trait>Impl`).
        let mut reported: Vec<(usize, usize)> = Vec::new();
        for (name, what, l, c) in names {
            if let Some((_, pwhat, pl, pc, psrc)) = seen.iter().find(|s| s.0 == name) {
                if reported.contains(&(l, c)) {
                    continue;
                }
                reported.push((l, c));
                errors.push(format!(
                    "{}:{l}:{c}: error: rust2go: the Go name `{name}` ({what}) is also declared by {}:{pl}:{pc} ({pwhat}); \
                     both IDL files generate into one Go package ({}), where Go names must be unique: rename one of them",
                    u.src.display(),
                    psrc.display(),
                    u.dst.parent().map(|d| d.display().to_string()).unwrap_or_default()
                ));
            } else {
                seen.push((name, what, l, c, &u.src));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

fn env(key: &str) -> Result<String, String> {
    std::env::var(key).map_err(|_| format!("rust2go: ${key} is not set; Builder::build() runs from a build script"))
}

fn go118_needed(go: &Path, v: (u32, u32), what: &str) -> String {
    format!(
        "rust2go: {} is Go {}.{}, which lacks unsafe.String, unsafe.StringData and unsafe.SliceData (Go 1.20) used by \
         {what}; generate the Go 1.18 output (`go118: true` in RegenArgs, `rust2go-cli --go118`) or use Go >= {}.{}",
        go.display(),
        v.0,
        v.1,
        GO_UNSAFE_STRING.0,
        GO_UNSAFE_STRING.1
    )
}

/// `go version` → (major, minor); a clear error when Go is missing or too old.
fn go_version(go: &Path) -> Result<(u32, u32), String> {
    let out = Command::new(go).arg("version").env("GOTOOLCHAIN", "local").output().map_err(|e| {
        let what = if e.kind() == std::io::ErrorKind::NotFound { "Go was not found" } else { "cannot run Go" };
        format!(
            "rust2go: {what}: `{}` ({e}). rust2go needs Go >= {}.{} and a C compiler: put `go` on PATH or set GO=/path/to/go",
            go.display(),
            GO_MIN.0,
            GO_MIN.1
        )
    })?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let v = parse_go_version(&text).ok_or_else(|| {
        format!(
            "rust2go: cannot read the Go version from `{} version`: {}{}",
            go.display(),
            text.trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        )
    })?;
    if v < GO_MIN {
        return Err(format!("rust2go: {} is Go {}.{}; rust2go needs Go >= {}.{}", go.display(), v.0, v.1, GO_MIN.0, GO_MIN.1));
    }
    Ok(v)
}

/// `go version go1.26.8 linux/amd64` → (1, 26).
pub(crate) fn parse_go_version(text: &str) -> Option<(u32, u32)> {
    let word = text.split_whitespace().find(|w| w.starts_with("go1"))?;
    let mut parts = word.trim_start_matches("go").split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

/// Go's view of a Rust target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GoTarget {
    pub goos: &'static str,
    pub goarch: &'static str,
    pub msvc: bool,
}

impl GoTarget {
    fn dylib_prefix(&self) -> &'static str {
        if self.goos == "windows" {
            ""
        } else {
            "lib"
        }
    }

    fn dylib_suffix(&self) -> &'static str {
        match self.goos {
            "darwin" => ".dylib",
            "windows" => ".dll",
            _ => ".so",
        }
    }
}

const SUPPORTED: &str = "x86_64/aarch64 Linux, x86_64/aarch64 macOS, x86_64/aarch64 Windows (GNU; MSVC only with LinkType::Dynamic)";

/// Maps Cargo's `TARGET` triple to `GOOS`/`GOARCH`; unsupported targets are a clear error.
pub(crate) fn go_target(target: &str, link: LinkType) -> Result<GoTarget, String> {
    let arch = target.split('-').next().unwrap_or("");
    let unsupported = |why: &str| format!("rust2go: the target `{target}` is not supported: {why} (supported: {SUPPORTED})");
    if arch.starts_with("wasm") {
        return Err(unsupported("Go cannot build a C archive or shared library (cgo) for WebAssembly"));
    }
    let goarch = match arch {
        "x86_64" => "amd64",
        "aarch64" | "arm64" => "arm64",
        "i386" | "i586" | "i686" | "x86" | "riscv32imac" | "riscv32imc" | "riscv32i" | "mips" | "mipsel" | "powerpc"
        | "sparc" | "m68k" | "csky" | "hexagon" | "avr" | "msp430" => {
            return Err(unsupported("32-bit targets are not supported"))
        }
        a if a.starts_with("arm") || a.starts_with("thumb") || a.starts_with("riscv32") => {
            return Err(unsupported("32-bit targets are not supported"))
        }
        _ => return Err(unsupported("this architecture is not supported")),
    };
    let has = |s: &str| target.split('-').any(|p| p == s);
    let (goos, msvc) = if has("android") {
        return Err(unsupported("Android is not supported"));
    } else if has("linux") {
        ("linux", false)
    } else if has("darwin") {
        ("darwin", false)
    } else if has("windows") {
        let msvc = target.ends_with("-msvc");
        if msvc && link == LinkType::Static {
            return Err(format!(
                "rust2go: the target `{target}` (Windows MSVC) cannot start a Go runtime from a static archive: \
                 use LinkType::Dynamic (Builder::with_link) or the GNU target ({}-pc-windows-gnu)",
                arch
            ));
        }
        ("windows", msvc)
    } else {
        return Err(unsupported("this operating system is not supported"));
    };
    Ok(GoTarget { goos, goarch, msvc })
}

/// The environment variables naming the C compiler for `target`, in priority order.
fn target_cc_vars(target: &str) -> Vec<String> {
    let under = target.replace('-', "_");
    vec![
        format!("CC_{target}"),
        format!("CC_{under}"),
        "TARGET_CC".into(),
        format!("CARGO_TARGET_{}_LINKER", under.to_uppercase()),
    ]
}

/// The C compiler Cargo's environment names for `target` (`CC_<target>`, `TARGET_CC`, the
/// target's linker), if any.
fn target_cc(target: &str) -> Option<String> {
    target_cc_vars(target).into_iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}

/// Increments the number in `OUT_DIR/rust2go-go-builds.txt`.
fn count_go_build(out_dir: &Path) -> Result<(), String> {
    let path = out_dir.join(GO_BUILD_COUNTER);
    let n: u64 = std::fs::read_to_string(&path).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0);
    std::fs::write(&path, format!("{}\n", n + 1)).map_err(|e| format!("rust2go: cannot write {}: {e}", path.display()))
}

/// A GNU `ar` archive holding one member (no symbol index: linked with `+whole-archive`).
/// `member` has at most 15 characters.
fn ar_archive(member: &str, data: &[u8]) -> Vec<u8> {
    assert!(member.len() <= 15, "ar member name too long");
    let mut out = b"!<arch>\n".to_vec();
    let header = format!("{:<16}{:<12}{:<6}{:<6}{:<8}{:<10}`\n", format!("{member}/"), 0, 0, 0, 644, data.len());
    assert_eq!(header.len(), 60);
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(b'\n');
    }
    out
}

/// Writes `content` unless the file already holds it. A file written with `mtime` (generated
/// Go) gets that modification time, and a directory it is created in keeps its own, so that
/// Cargo (which watches the Go directory) does not see a change made by the build itself.
fn write_if_changed(path: &Path, content: &str, mtime: Option<SystemTime>) -> Result<(), String> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(content) {
        return Ok(());
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).map_err(|e| format!("rust2go: cannot create {}: {e}", dir.display()))?;
    }
    let dir_mtime = match (dir, path.exists()) {
        (Some(dir), false) if mtime.is_some() => std::fs::metadata(dir).and_then(|m| m.modified()).ok(),
        _ => None,
    };
    std::fs::write(path, content).map_err(|e| format!("rust2go: cannot write {}: {e}", path.display()))?;
    // Best effort: at worst Cargo runs the build script once more.
    if let Some(t) = mtime.filter(|t| *t <= SystemTime::now()) {
        if let Ok(f) = std::fs::File::options().write(true).open(path) {
            let _ = f.set_modified(t);
        }
    }
    if let (Some(dir), Some(t)) = (dir, dir_mtime) {
        if let Ok(f) = std::fs::File::open(dir) {
            let _ = f.set_modified(t);
        }
    }
    Ok(())
}

/// The Go package's inputs: `.go` files, `go.mod`, `go.sum`, C sources (not subdirectories
/// other than the package's own files, as `go build .` compiles only this directory).
fn collect_go_inputs(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("rust2go: cannot read the Go directory {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let p = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_input = name.ends_with(".go")
            || name == "go.mod"
            || name == "go.sum"
            || [".c", ".h", ".s", ".S"].iter().any(|ext| name.ends_with(ext));
        if p.is_file() && is_input {
            out.push(p);
        }
    }
    out.sort();
    Ok(())
}

/// Generated Go files made by another rust2go version fail the build (version skew), and so
/// do files of the default output when Go is older than 1.20.
fn check_stamps(go_src: &Path, go: &Path, go_version: (u32, u32)) -> Result<(), String> {
    let mut files = Vec::new();
    collect_go_inputs(go_src, &mut files)?;
    for f in files.iter().filter(|f| f.extension().map(|e| e == "go").unwrap_or(false)) {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        let Some(v) = rust2go_emit::stamped_version(&text) else { continue };
        if v != crate::VERSION {
            return Err(format!(
                "rust2go: {} was generated by rust2go {v}, but this build uses rust2go {}: regenerate it with \
                 rust2go-cli {} (`rust2go-cli --src <idl.rs> --dst {}`), or let build.rs regenerate it \
                 (Builder::with_regen_arg(RegenArgs {{ src, dst, .. }}))",
                f.display(),
                crate::VERSION,
                crate::VERSION,
                f.display(),
            ));
        }
        if go_version < GO_UNSAFE_STRING
            && ["unsafe.String(", "unsafe.StringData(", "unsafe.SliceData("].iter().any(|u| text.contains(u))
        {
            return Err(go118_needed(go, go_version, &format!("{} (generated without --go118)", f.display())));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_versions() {
        assert_eq!(parse_go_version("go version go1.26.8 linux/amd64"), Some((1, 26)));
        assert_eq!(parse_go_version("go version go1.19.8 linux/amd64"), Some((1, 19)));
        assert_eq!(parse_go_version("go version go1.21rc2 linux/amd64"), Some((1, 21)));
        assert_eq!(parse_go_version("nonsense"), None);
    }

    fn ok(t: &str) -> (&'static str, &'static str) {
        let g = go_target(t, LinkType::Static).unwrap();
        (g.goos, g.goarch)
    }

    #[test]
    fn targets_map_to_goos_goarch() {
        assert_eq!(ok("x86_64-unknown-linux-gnu"), ("linux", "amd64"));
        assert_eq!(ok("x86_64-unknown-linux-musl"), ("linux", "amd64"));
        assert_eq!(ok("aarch64-unknown-linux-gnu"), ("linux", "arm64"));
        assert_eq!(ok("aarch64-unknown-linux-musl"), ("linux", "arm64"));
        assert_eq!(ok("x86_64-apple-darwin"), ("darwin", "amd64"));
        assert_eq!(ok("aarch64-apple-darwin"), ("darwin", "arm64"));
        assert_eq!(ok("x86_64-pc-windows-gnu"), ("windows", "amd64"));
        let msvc = go_target("x86_64-pc-windows-msvc", LinkType::Dynamic).unwrap();
        assert!(msvc.msvc && msvc.goos == "windows");
    }

    fn err(t: &str, link: LinkType) -> String {
        go_target(t, link).unwrap_err()
    }

    #[test]
    fn unsupported_targets_are_clear_errors() {
        for t in ["wasm32-unknown-unknown", "wasm32-wasip1", "wasm64-unknown-unknown"] {
            let e = err(t, LinkType::Static);
            assert!(e.contains(t) && e.contains("WebAssembly"), "{e}");
        }
        for t in ["i686-unknown-linux-gnu", "armv7-unknown-linux-gnueabihf", "arm-unknown-linux-gnueabi", "thumbv7em-none-eabi", "i686-pc-windows-gnu"] {
            let e = err(t, LinkType::Static);
            assert!(e.contains("32-bit"), "{t}: {e}");
        }
        let e = err("x86_64-pc-windows-msvc", LinkType::Static);
        assert!(e.contains("MSVC") && e.contains("LinkType::Dynamic") && e.contains("x86_64-pc-windows-gnu"), "{e}");
        assert!(err("aarch64-linux-android", LinkType::Static).contains("Android"));
        assert!(err("x86_64-unknown-freebsd", LinkType::Static).contains("operating system"));
        assert!(err("riscv64gc-unknown-linux-gnu", LinkType::Static).contains("architecture"));
    }

    #[test]
    fn target_cc_variables() {
        assert_eq!(
            target_cc_vars("aarch64-unknown-linux-gnu"),
            [
                "CC_aarch64-unknown-linux-gnu",
                "CC_aarch64_unknown_linux_gnu",
                "TARGET_CC",
                "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER"
            ]
        );
    }

    #[test]
    fn binding_names() {
        let a = |src: &str, b: Option<&str>| RegenArgs { src: src.into(), binding: b.map(Into::into), ..Default::default() };
        assert_eq!(binding_name(0, &a("src/user.rs", None), None), "_go_bindings.rs");
        assert_eq!(binding_name(0, &a("src/user.rs", None), Some("x.rs")), "x.rs");
        assert_eq!(binding_name(1, &a("src/api.rs", None), Some("x.rs")), "_go_bindings_api.rs");
        assert_eq!(binding_name(1, &a("src/api.rs", Some("mine.rs")), None), "mine.rs");
    }

    #[test]
    fn ar_archive_layout() {
        let a = ar_archive("m.o", b"abc");
        assert!(a.starts_with(b"!<arch>\nm.o/"));
        assert_eq!(a.len(), 8 + 60 + 4);
    }
}

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

mod go_build;
mod go_toolchain;
mod regen;
mod rerun;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use rust2go_emit::GoStyle;

use go_toolchain::go_version;
use rerun::{check_stamps, print_rerun_env, print_rerun_go_package, take_directives};

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
    /// The Go style of the generated file: [`GoStyle::Compat`] (default, rust2go 0.4's names
    /// and pointers) or [`GoStyle::Idiomatic`] (exported CamelCase names, parameters by value
    /// except structs, the IDL's doc comments). IDL files of one Go package must agree.
    pub go_style: GoStyle,
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

impl Builder {
    /// A builder with the defaults: Go package `go`, static linking, `go` from `$GO` or `PATH`.
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
        let (directives, result) = self.run();
        match result {
            Ok(()) => print_directives(directives),
            // Only the message: the cause leads Cargo's report.
            Err(e) => {
                eprintln!("{}", e.trim_end());
                std::process::exit(1);
            }
        }
    }

    /// [`build`](Self::build), returning the error message instead of exiting (Cargo's
    /// directives are printed either way).
    pub fn try_build(self) -> Result<(), String> {
        let (directives, result) = self.run();
        print_directives(directives);
        result
    }

    /// Builds, returning the Cargo directives (link and rerun lines, warnings) to print.
    fn run(self) -> (Vec<String>, Result<(), String>) {
        take_directives();
        let result = self.run_inner();
        (take_directives(), result)
    }

    fn run_inner(self) -> Result<(), String> {
        let manifest = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
        let out_dir = PathBuf::from(env("OUT_DIR")?);
        let go_src = normalize(&manifest.join(self.go_src.clone().unwrap_or_else(|| "go".into())));
        let go = self.go_command();
        let target = env("TARGET")?;
        print_rerun_env(&target);

        let go_version = go_version(&go)?;
        self.generate(&manifest, &out_dir, &go, go_version)?;
        check_stamps(&go_src, &go, go_version)?;

        print_rerun_go_package(&go_src)?;
        if self.generate_only {
            return Ok(());
        }
        self.go_build(&go, &go_src, &out_dir, &target)
    }
}

fn print_directives(directives: Vec<String>) {
    for d in directives {
        println!("cargo:{d}");
    }
}

/// `p` without `.` components (`./go/gen.go` → `go/gen.go`); `..` stays.
fn normalize(p: &Path) -> PathBuf {
    p.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}

fn env(key: &str) -> Result<String, String> {
    std::env::var(key).map_err(|_| format!("rust2go: ${key} is not set; Builder::build() runs from a build script"))
}

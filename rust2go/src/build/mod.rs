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

mod compiler;
mod discover;
mod go_build;
mod go_toolchain;
mod regen;
mod rerun;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub use compiler::{CustomArgGoCompiler, DefaultGoCompiler, GoCompiler};
pub use rust2go_emit::GoStyle;

use go_toolchain::go_version;
use rerun::{cargo, check_stamps, print_rerun_env, print_rerun_go_package, take_directives};

/// One IDL file to generate from.
#[derive(Clone, Debug, Default)]
pub struct RegenArgs {
    /// The Rust IDL file (relative to the crate's manifest directory). A `String`, as in
    /// rust2go 0.4, so `"./src/user.rs".into()` and `format!(..)` both fit.
    pub src: String,
    /// The Go file to generate.
    pub dst: String,
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

/// Where [`Builder::with_copy_lib`] also puts the built library (rust2go 0.4's type; a path
/// converts into `CustomPath`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum CopyLib {
    /// No copy (the default).
    #[default]
    Disabled,
    /// Cargo's output directory of the profile (`target/<profile>/`, or
    /// `target/<triple>/<profile>/`), where the crate's binaries are: a dynamically linked
    /// binary there finds the library beside it through its `$ORIGIN` rpath.
    DefaultPath,
    /// This directory (created if needed).
    CustomPath(PathBuf),
}

macro_rules! copy_lib_from_path {
    ($($t:ty),*) => {$(
        impl From<$t> for CopyLib {
            fn from(p: $t) -> Self {
                CopyLib::CustomPath(PathBuf::from(p))
            }
        }
    )*};
}
copy_lib_from_path!(PathBuf, &Path, &PathBuf, String, &String, &str, OsString);

impl CopyLib {
    /// The directory to copy into, if any.
    fn dir(&self, out_dir: &Path) -> Result<Option<PathBuf>, String> {
        match self {
            CopyLib::Disabled => Ok(None),
            CopyLib::CustomPath(p) => Ok(Some(p.clone())),
            CopyLib::DefaultPath => {
                // OUT_DIR is <target dir>/[<triple>/]<profile>/build/<pkg>-<hash>/out; the
                // profile directory is named by PROFILE (`debug` or `release`), or is the
                // custom profile's.
                let profile = env("PROFILE")?;
                out_dir
                    .ancestors()
                    .find(|a| a.file_name().map(|n| n == profile.as_str()).unwrap_or(false))
                    .or_else(|| out_dir.ancestors().nth(3))
                    .map(|p| Some(p.to_path_buf()))
                    .ok_or_else(|| format!("rust2go: CopyLib::DefaultPath: no profile directory above {}", out_dir.display()))
            }
        }
    }
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
    copy_lib: CopyLib,
    /// `compiler_arg` / `compiler_env`, applied to the prepared `go build`.
    go_args: CustomArgGoCompiler,
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
    pub fn with_regen(self, src: impl Into<String>, dst: impl Into<String>) -> Self {
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

    /// Also copy the built library into a directory (for shipping a dynamically linked binary:
    /// copy it beside the binary, which finds it through its `$ORIGIN` rpath): a path, or
    /// rust2go 0.4's [`CopyLib`] (`CopyLib::DefaultPath`: Cargo's profile directory).
    pub fn with_copy_lib(mut self, to: impl Into<CopyLib>) -> Self {
        self.copy_lib = to.into();
        self
    }

    /// An extra argument to `go build` (e.g. `-trimpath`, `-tags=foo`, `-race`). Takes
    /// `&mut self`, as in rust2go 0.4 (`b.compiler_arg("-trimpath"); b.build();`), and
    /// returns a [`BuilderMut`] on which a chain goes on (`.compiler_arg(..).with_link(..)
    /// .build()`).
    pub fn compiler_arg(&mut self, arg: impl Into<OsString>) -> BuilderMut<'_> {
        self.go_args.arg(arg);
        BuilderMut(self)
    }

    /// An environment variable for `go build` (e.g. `GOFLAGS`, `CGO_CFLAGS`, `CC`); set last,
    /// so it overrides what the builder derives (`GOOS`, `GOARCH`, `CC` for the target).
    /// `&mut self`, like [`compiler_arg`](Self::compiler_arg).
    pub fn compiler_env(&mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> BuilderMut<'_> {
        self.go_args.env(key, value);
        BuilderMut(self)
    }

    /// The builder's `go build` arguments and environment (rust2go 0.4's accessor; what
    /// `compiler_arg` and `compiler_env` add to), applied to the prepared command also when a
    /// [`GoCompiler`] runs it.
    pub fn go_compiler_mut(&mut self) -> &mut CustomArgGoCompiler {
        &mut self.go_args
    }

    /// The `go` binary to use (default: `$GO`, else `go` on `PATH`).
    pub fn with_go(mut self, go: impl Into<PathBuf>) -> Self {
        self.go_binary = Some(go.into());
        self
    }

    /// Runs the Go build through a custom implementation (either form of [`GoCompiler`]).
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
    ///
    /// Without [`RegenArgs`] (rust2go 0.4's documented flow: `gen.go` made beforehand with
    /// `rust2go-cli`), the IDL file is found from the generated file's `Source:` header or as
    /// the file under `src/` that includes the glue (`r2g_include_binding!`), named in a
    /// `cargo:warning`, and used as if given (none found: the Go package is built as it is and
    /// the glue file is a `compile_error!` that names `with_regen_arg`). On docs.rs (`DOCS_RS` set) only the Rust glue is
    /// written: no Go is run, written or built.
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
        let regen = match self.regen.is_empty() {
            true => discover::regen_args(&manifest, &go_src)?.into_iter().collect(),
            false => self.regen.clone(),
        };
        if regen.is_empty() {
            let glue = out_dir.join(self.binding.as_deref().unwrap_or(crate::DEFAULT_BINDING_FILE));
            rerun::write_if_changed(&glue, &discover::missing_glue(&manifest, &go_src), None)?;
        }
        cargo("rerun-if-env-changed=DOCS_RS");
        if std::env::var_os("DOCS_RS").is_some() {
            return self.generate(&regen, &manifest, &out_dir, None);
        }
        let go = self.go_command();
        let target = env("TARGET")?;
        print_rerun_env(&target);

        let go_version = go_version(&go)?;
        self.generate(&regen, &manifest, &out_dir, Some((&go, go_version)))?;
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

/// What [`Builder::compiler_arg`] and [`Builder::compiler_env`] return: the builder, borrowed
/// from the variable it is in. More `compiler_arg` / `compiler_env` calls chain on it, and so
/// does every other builder method: those take the builder out of the variable (leaving a
/// default one there), as a chain on an owned builder does.
pub struct BuilderMut<'a>(&'a mut Builder);

impl std::ops::Deref for BuilderMut<'_> {
    type Target = Builder;
    fn deref(&self) -> &Builder {
        self.0
    }
}

impl std::ops::DerefMut for BuilderMut<'_> {
    fn deref_mut(&mut self) -> &mut Builder {
        self.0
    }
}

macro_rules! builder_mut_forward {
    ($($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        impl BuilderMut<'_> {
            $(
                $(#[$doc])*
                pub fn $name(self, $($arg: $ty),*) -> $ret {
                    std::mem::take(self.0).$name($($arg),*)
                }
            )*
        }
    };
}

builder_mut_forward! {
    /// [`Builder::with_go_src`].
    fn with_go_src(dir: impl Into<PathBuf>) -> Builder;
    /// [`Builder::with_regen_arg`].
    fn with_regen_arg(args: RegenArgs) -> Builder;
    /// [`Builder::with_regen`].
    fn with_regen(src: impl Into<String>, dst: impl Into<String>) -> Builder;
    /// [`Builder::with_binding`].
    fn with_binding(file_name: impl Into<String>) -> Builder;
    /// [`Builder::with_link`].
    fn with_link(link: LinkType) -> Builder;
    /// [`Builder::with_copy_lib`].
    fn with_copy_lib(to: impl Into<CopyLib>) -> Builder;
    /// [`Builder::with_go`].
    fn with_go(go: impl Into<PathBuf>) -> Builder;
    /// [`Builder::with_go_compiler`].
    fn with_go_compiler(compiler: impl GoCompiler + 'static) -> Builder;
    /// [`Builder::generate_only`].
    fn generate_only() -> Builder;
    /// [`Builder::build`].
    fn build() -> ();
    /// [`Builder::try_build`].
    fn try_build() -> Result<(), String>;
}

/// `p` without `.` components (`./go/gen.go` → `go/gen.go`); `..` stays.
fn normalize(p: &Path) -> PathBuf {
    p.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}

fn env(key: &str) -> Result<String, String> {
    std::env::var(key).map_err(|_| format!("rust2go: ${key} is not set; Builder::build() runs from a build script"))
}

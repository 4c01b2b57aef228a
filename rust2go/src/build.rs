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
//! archive (or shared library) and tells Cargo how to link it and when to run again.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

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
}

/// How the Go library is linked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LinkType {
    /// `go build -buildmode=c-archive`, linked into the Rust binary.
    #[default]
    Static,
    /// `go build -buildmode=c-shared`, a `.so` found at run time through an rpath.
    Dynamic,
}

/// A custom Go build: receives the prepared `go build` command and runs it.
pub trait GoCompiler {
    /// Runs the build; `cmd` has the arguments, environment and directory set.
    fn build(&self, cmd: &mut Command) -> Result<(), String>;
}

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

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The directory of the Go package (`package main`) holding `gen.go` and the user's Go.
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

    /// File name of the Rust glue in `OUT_DIR` (default `_go_bindings.rs`).
    pub fn with_binding(mut self, file_name: impl Into<String>) -> Self {
        self.binding = Some(file_name.into());
        self
    }

    pub fn with_link(mut self, link: LinkType) -> Self {
        self.link = link;
        self
    }

    /// Also copy the built library into `dir` (for shipping a dynamically linked binary).
    pub fn with_copy_lib(mut self, dir: impl Into<PathBuf>) -> Self {
        self.copy_lib = Some(dir.into());
        self
    }

    /// An extra argument to `go build` (e.g. `-trimpath`, `-tags=foo`, `-race`).
    pub fn compiler_arg(mut self, arg: impl Into<OsString>) -> Self {
        self.go_args.push(arg.into());
        self
    }

    /// An environment variable for `go build` (e.g. `GOFLAGS`, `CGO_CFLAGS`).
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

    /// Generates, builds and links. Panics with a readable message on any failure (a build
    /// script's way to fail).
    pub fn build(self) {
        if let Err(e) = self.try_build() {
            eprintln!("{e}");
            panic!("{e}");
        }
    }

    fn try_build(self) -> Result<(), String> {
        let manifest = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
        let out_dir = PathBuf::from(env("OUT_DIR")?);
        let go_src = manifest.join(self.go_src.clone().unwrap_or_else(|| "go".into()));
        let go = self.go_command();
        for var in ["GO", "GOFLAGS", "GOEXPERIMENT", "GOTOOLCHAIN", "CGO_CFLAGS", "CGO_LDFLAGS", "CC", "GOOS", "GOARCH"] {
            println!("cargo:rerun-if-env-changed={var}");
        }

        let go_version = go_version(&go)?;
        let mut bindings = String::new();
        for args in &self.regen {
            let src = manifest.join(&args.src);
            let dst = manifest.join(&args.dst);
            println!("cargo:rerun-if-changed={}", src.display());
            if !args.go118 && go_version < GO_UNSAFE_STRING {
                return Err(format!(
                    "rust2go: {} is Go {}.{}, which lacks unsafe.String used by the default output; \
                     set `go118: true` in RegenArgs (rust2go-cli --go118) or use Go >= 1.20",
                    go.display(),
                    go_version.0,
                    go_version.1
                ));
            }
            let opts = rust2go_emit::GoOptions {
                go118: args.go118,
                without_main: args.without_main,
                source_name: args.src.file_name().map(|n| n.to_string_lossy().into_owned()),
            };
            let generated = rust2go_emit::generate(&src, &opts, !args.no_fmt)?;
            write_if_changed(&dst, &generated.go)?;
            bindings.push_str(&generated.rust);
        }
        let binding_name = self.binding.clone().unwrap_or_else(|| "_go_bindings.rs".into());
        if !self.regen.is_empty() {
            write_if_changed(&out_dir.join(&binding_name), &bindings)?;
        }
        check_stamps(&go_src)?;
        if self.generate_only {
            return Ok(());
        }
        self.go_build(&go, &go_src, &out_dir)
    }

    fn go_command(&self) -> PathBuf {
        self.go_binary.clone().or_else(|| std::env::var_os("GO").map(PathBuf::from)).unwrap_or_else(|| "go".into())
    }

    fn go_build(&self, go: &Path, go_src: &Path, out_dir: &Path) -> Result<(), String> {
        let mut inputs = Vec::new();
        collect_go_inputs(go_src, &mut inputs)?;
        for f in &inputs {
            println!("cargo:rerun-if-changed={}", f.display());
        }
        // The directory itself, so that adding a file reruns the build.
        println!("cargo:rerun-if-changed={}", go_src.display());

        let lib_name = format!("r2g_go_{}", env("CARGO_PKG_NAME")?.replace('-', "_"));
        let (mode, file) = match self.link {
            LinkType::Static => ("c-archive", format!("lib{lib_name}.a")),
            LinkType::Dynamic => ("c-shared", format!("lib{lib_name}.so")),
        };
        let lib_path = out_dir.join(&file);
        let mut cmd = Command::new(go);
        cmd.current_dir(go_src)
            .arg("build")
            .arg(format!("-buildmode={mode}"))
            .arg("-o")
            .arg(&lib_path)
            .args(&self.go_args)
            .arg(".")
            .env("CGO_ENABLED", "1");
        if std::env::var_os("GOTOOLCHAIN").is_none() {
            // Never download a toolchain behind the user's back.
            cmd.env("GOTOOLCHAIN", "local");
        }
        for (k, v) in &self.go_env {
            cmd.env(k, v);
        }
        match &self.compiler {
            Some(c) => c.build(&mut cmd)?,
            None => {
                let output = cmd.output().map_err(|e| format!("rust2go: cannot run {}: {e}", go.display()))?;
                if !output.status.success() {
                    return Err(format!(
                        "rust2go: `go build` of {} failed:\n{}{}",
                        go_src.display(),
                        String::from_utf8_lossy(&output.stdout),
                        String::from_utf8_lossy(&output.stderr)
                    ));
                }
            }
        }
        println!("cargo:rustc-link-search=native={}", out_dir.display());
        match self.link {
            LinkType::Static => println!("cargo:rustc-link-lib=static={lib_name}"),
            LinkType::Dynamic => {
                println!("cargo:rustc-link-lib=dylib={lib_name}");
                println!("cargo:rustc-link-arg=-Wl,-rpath,{}", out_dir.display());
            }
        }
        if env("CARGO_CFG_TARGET_OS")? == "macos" {
            println!("cargo:rustc-link-lib=framework=CoreFoundation");
            println!("cargo:rustc-link-lib=framework=Security");
        } else {
            println!("cargo:rustc-link-lib=dylib=pthread");
        }
        if let Some(dir) = &self.copy_lib {
            std::fs::create_dir_all(dir).map_err(|e| format!("rust2go: cannot create {}: {e}", dir.display()))?;
            std::fs::copy(&lib_path, dir.join(&file)).map_err(|e| format!("rust2go: cannot copy the library: {e}"))?;
        }
        Ok(())
    }
}

fn env(key: &str) -> Result<String, String> {
    std::env::var(key).map_err(|_| format!("rust2go: ${key} is not set; Builder::build() runs from a build script"))
}

/// `go version` → (major, minor); a clear error when Go is missing or too old.
fn go_version(go: &Path) -> Result<(u32, u32), String> {
    let out = Command::new(go).arg("version").env("GOTOOLCHAIN", "local").output().map_err(|e| {
        format!(
            "rust2go: cannot run `{}` ({e}). rust2go needs Go >= {}.{} installed: put `go` on PATH or set GO=/path/to/go",
            go.display(),
            GO_MIN.0,
            GO_MIN.1
        )
    })?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let v = parse_go_version(&text).ok_or_else(|| format!("rust2go: cannot read the Go version from `{}`", text.trim()))?;
    if v < GO_MIN {
        return Err(format!(
            "rust2go: {} is Go {}.{}; rust2go needs Go >= {}.{}",
            go.display(),
            v.0,
            v.1,
            GO_MIN.0,
            GO_MIN.1
        ));
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

fn write_if_changed(path: &Path, content: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(content) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("rust2go: cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, content).map_err(|e| format!("rust2go: cannot write {}: {e}", path.display()))
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

/// Generated Go files made by another rust2go version fail the build (version skew).
fn check_stamps(go_src: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    collect_go_inputs(go_src, &mut files)?;
    for f in files.iter().filter(|f| f.extension().map(|e| e == "go").unwrap_or(false)) {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        if let Some(v) = rust2go_emit::stamped_version(&text) {
            if v != crate::VERSION {
                return Err(format!(
                    "rust2go: {} was generated by rust2go {v}, but this build uses rust2go {}; \
                     regenerate it (`rust2go-cli --src <idl.rs> --dst {}` of version {}, or a RegenArgs in build.rs)",
                    f.display(),
                    crate::VERSION,
                    f.display(),
                    crate::VERSION
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn go_versions() {
        assert_eq!(super::parse_go_version("go version go1.26.8 linux/amd64"), Some((1, 26)));
        assert_eq!(super::parse_go_version("go version go1.19.8 linux/amd64"), Some((1, 19)));
        assert_eq!(super::parse_go_version("go version go1.21rc2 linux/amd64"), Some((1, 21)));
        assert_eq!(super::parse_go_version("nonsense"), None);
    }
}

//! Custom Go builds: the [`GoCompiler`] trait in both of its forms (today's, which runs the
//! `go build` command the builder prepared, and rust2go 0.4's `go_build`, which builds the
//! package itself), and the two compilers rust2go 0.4 shipped.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::LinkType;

/// A custom Go build. Implement one of the two methods:
///
/// * [`build`](GoCompiler::build) receives the `go build` command the builder prepared
///   (arguments, environment, directory set: `GOOS`/`GOARCH`/`CC` for Cargo's target,
///   `compiler_arg`/`compiler_env`) and runs it, perhaps changed;
/// * [`go_build`](GoCompiler::go_build) is rust2go 0.4's form: it builds the Go package in
///   `go_src` itself and writes the library to `output` (panicking on failure, as 0.4's
///   compilers did).
///
/// Either way the builder then checks that the library exists, links it, links the
/// one-Go-runtime marker and tells Cargo when to rerun, as for its own builds.
pub trait GoCompiler {
    /// Runs the build; `cmd` has the arguments, environment and directory set. Return the Go
    /// toolchain's output in the error so that it reaches Cargo's error report.
    ///
    /// The default calls [`go_build`](GoCompiler::go_build) with the package directory, the
    /// link type and the output file of `cmd`, and turns a panic into the error.
    fn build(&self, cmd: &mut Command) -> Result<(), String> {
        let (go_src, link, output) = prepared_parts(cmd)?;
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.go_build(&go_src, link, &output))).map_err(|p| {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            format!("GoCompiler::go_build panicked: {msg}")
        })
    }

    /// rust2go 0.4's form: builds the Go package in `go_src` as a C archive
    /// ([`LinkType::Static`]) or shared library ([`LinkType::Dynamic`]) into `output`.
    ///
    /// The default runs `go build -buildmode=c-archive|c-shared -o <output> .` in `go_src`
    /// (with `$GO`, else `go` on `PATH`), as 0.4's `DefaultGoCompiler` did; it panics when the
    /// build fails.
    fn go_build(&self, go_src: &Path, link: LinkType, output: &Path) {
        let go = std::env::var_os("GO").unwrap_or_else(|| "go".into());
        let mut cmd = Command::new(go);
        cmd.current_dir(go_src).arg("build").arg(buildmode(link)).arg("-o").arg(output).arg(".");
        if let Err(e) = run(&mut cmd) {
            panic!("{e}");
        }
    }
}

/// rust2go 0.4's `DefaultGoCompiler`: runs the prepared `go build` unchanged (what the builder
/// does without a compiler).
#[derive(Clone, Copy, Debug, Default)]
pub struct DefaultGoCompiler;

impl GoCompiler for DefaultGoCompiler {
    fn build(&self, cmd: &mut Command) -> Result<(), String> {
        run(cmd)
    }
}

/// rust2go 0.4's `CustomArgGoCompiler`: extra `go build` arguments and environment variables.
/// The builder keeps one (what [`Builder::compiler_arg`](super::Builder::compiler_arg) and
/// [`Builder::compiler_env`](super::Builder::compiler_env) add to, reached with
/// [`Builder::go_compiler_mut`](super::Builder::go_compiler_mut)) and applies it to the prepared
/// command; given to [`Builder::with_go_compiler`](super::Builder::with_go_compiler), it adds
/// its own on top.
#[derive(Clone, Debug, Default)]
pub struct CustomArgGoCompiler {
    args: Vec<OsString>,
    envs: Vec<(OsString, OsString)>,
}

impl CustomArgGoCompiler {
    /// No arguments and no variables.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends an argument to `go build` (before the package, `.`).
    pub fn arg(&mut self, arg: impl Into<OsString>) -> &mut Self {
        self.args.push(arg.into());
        self
    }

    /// Sets an environment variable for `go build`; set after the builder's own, so it
    /// overrides them (`GOOS`, `CC`, ...).
    pub fn env(&mut self, key: impl Into<OsString>, val: impl Into<OsString>) -> &mut Self {
        self.envs.push((key.into(), val.into()));
        self
    }

    /// The `go build` arguments added so far, to edit.
    pub fn args_mut(&mut self) -> &mut Vec<OsString> {
        &mut self.args
    }

    /// The environment variables added so far (in the order they are set), to edit.
    pub fn envs_mut(&mut self) -> &mut Vec<(OsString, OsString)> {
        &mut self.envs
    }

    /// Whether an environment variable is set for `go build`.
    pub(super) fn sets_env(&self, key: &str) -> bool {
        self.envs.iter().any(|(k, _)| k == key)
    }

    /// Puts the arguments before the package argument (the last one) and sets the variables.
    pub(super) fn apply(&self, cmd: &mut Command) {
        let mut args: Vec<OsString> = cmd.get_args().map(OsString::from).collect();
        let package = args.pop();
        let mut rebuilt = Command::new(cmd.get_program());
        if let Some(dir) = cmd.get_current_dir() {
            rebuilt.current_dir(dir);
        }
        for (k, v) in cmd.get_envs() {
            match v {
                Some(v) => rebuilt.env(k, v),
                None => rebuilt.env_remove(k),
            };
        }
        rebuilt.args(args).args(&self.args).args(package);
        for (k, v) in &self.envs {
            rebuilt.env(k, v);
        }
        *cmd = rebuilt;
    }
}

impl GoCompiler for CustomArgGoCompiler {
    fn build(&self, cmd: &mut Command) -> Result<(), String> {
        self.apply(cmd);
        run(cmd)
    }
}

fn buildmode(link: LinkType) -> &'static str {
    match link {
        LinkType::Static => "-buildmode=c-archive",
        LinkType::Dynamic => "-buildmode=c-shared",
    }
}

/// Runs a `go build`; the error carries its status and output.
fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("cannot run {}: {e}", cmd.get_program().to_string_lossy()))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "`{} build` failed ({}):\n{}{}",
        cmd.get_program().to_string_lossy(),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr).trim_end()
    ))
}

/// The package directory, link type and output file of a prepared `go build` command.
fn prepared_parts(cmd: &Command) -> Result<(PathBuf, LinkType, PathBuf), String> {
    let args: Vec<&std::ffi::OsStr> = cmd.get_args().collect();
    let link = if args.iter().any(|a| *a == "-buildmode=c-shared") { LinkType::Dynamic } else { LinkType::Static };
    let output = args.iter().position(|a| *a == "-o").and_then(|i| args.get(i + 1)).map(PathBuf::from);
    match (cmd.get_current_dir(), output) {
        (Some(dir), Some(output)) => Ok((dir.to_path_buf(), link, output)),
        _ => Err("rust2go: the command given to GoCompiler::build lacks its directory or `-o <output>`".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_args_go_before_the_package() {
        let mut cmd = Command::new("go");
        cmd.current_dir("/tmp").args(["build", "-buildmode=c-shared", "-o", "/out/lib.so", "."]).env("GOOS", "linux");
        let mut c = CustomArgGoCompiler::new();
        c.arg("-trimpath").env("GOOS", "android");
        c.args_mut().push("-tags=x".into());
        c.apply(&mut cmd);
        let args: Vec<_> = cmd.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(args, ["build", "-buildmode=c-shared", "-o", "/out/lib.so", "-trimpath", "-tags=x", "."]);
        assert_eq!(cmd.get_envs().find(|(k, _)| *k == "GOOS").and_then(|(_, v)| v), Some("android".as_ref()));
        assert_eq!(cmd.get_current_dir(), Some(Path::new("/tmp")));
        let (dir, link, out) = prepared_parts(&cmd).unwrap();
        assert_eq!((dir, link, out), (PathBuf::from("/tmp"), LinkType::Dynamic, PathBuf::from("/out/lib.so")));
    }

    #[test]
    fn a_go_build_panic_becomes_the_error() {
        struct Failing;
        impl GoCompiler for Failing {
            fn go_build(&self, _: &Path, _: LinkType, _: &Path) {
                panic!("Go build failed");
            }
        }
        let mut cmd = Command::new("go");
        cmd.current_dir("/tmp").args(["build", "-buildmode=c-archive", "-o", "/out/lib.a", "."]);
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let r = Failing.build(&mut cmd);
        std::panic::set_hook(prev);
        assert_eq!(r, Err("GoCompiler::go_build panicked: Go build failed".into()));
        assert!(prepared_parts(&Command::new("go")).is_err());
    }
}

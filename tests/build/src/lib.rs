//! Harness for the build helper's tests (`tests/builder.rs`).
//!
//! Each test copies fixture crates from `fixtures/` to `target/build-tests/work/<case>/`
//! (so that tests may edit them and the source tree stays clean), points their `rust2go`
//! dependency at this workspace's `rust2go/`, and runs `cargo` on the copy with
//! `CARGO_TARGET_DIR=target/build-tests`: all fixture builds share one target directory, so
//! rust2go and its dependencies compile once. Tests run one at a time ([`lock`]); Cargo would
//! serialize them on the target directory anyway.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

/// The target directory shared by every fixture build.
pub fn target_dir() -> PathBuf {
    workspace().join("target").join("build-tests")
}

/// Serializes the tests of this crate (they share the target directory and fixture binaries).
pub fn lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Environment variables of the caller that must not leak into fixture builds.
const SCRUB: &[&str] = &[
    "GO",
    "R2G_GO118",
    "R2G_FX_LINK",
    "R2G_FX_COPY_LIB",
    "R2G_FX_WITH_GO",
    "R2G_FX_GO118",
    "R2G_FX_CUSTOM",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET",
    // A cross-testing environment (scripts/aarch64.sh): fixture builds are for the host.
    "TARGET_CC",
    "CC_aarch64-unknown-linux-gnu",
    "CC_aarch64_unknown_linux_gnu",
    "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER",
    "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER",
];

/// The outcome of a command.
#[derive(Debug)]
pub struct Run {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Panics with the full output unless the command succeeded.
    pub fn success(self, what: &str) -> Run {
        assert!(self.ok, "{what} failed\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }

    /// Panics with the full output unless the command failed.
    pub fn failure(self, what: &str) -> Run {
        assert!(!self.ok, "{what} should have failed\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }

    /// Panics unless stderr contains every needle.
    pub fn stderr_has(&self, needles: &[&str]) {
        for n in needles {
            assert!(self.stderr.contains(n), "stderr lacks {n:?}\n--- stderr\n{}", self.stderr);
        }
    }
}

/// A copy of a fixture crate.
pub struct Fixture {
    /// The copy's directory.
    pub dir: PathBuf,
    /// Its package name.
    pub package: String,
    envs: Vec<(String, String)>,
}

impl Fixture {
    /// Copies `fixtures/<name>` to `target/build-tests/work/<case>/<name>` (replacing an old
    /// copy) and returns it.
    pub fn copy(name: &str, case: &str) -> Fixture {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name);
        let case_dir = target_dir().join("work").join(case);
        std::fs::create_dir_all(&case_dir).unwrap();
        let dir = case_dir.canonicalize().unwrap().join(name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        copy_dir(&src, &dir);
        let manifest = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).unwrap();
        let rust2go = workspace().join("rust2go");
        let text = text.replace("\"../../../../rust2go\"", &format!("{:?}", rust2go.display().to_string()));
        std::fs::write(&manifest, &text).unwrap();
        // The workspace's lock file: the same dependency versions, no registry look-up.
        std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        let package = text
            .lines()
            .find_map(|l| l.strip_prefix("name = \""))
            .and_then(|l| l.strip_suffix('"'))
            .expect("package name")
            .to_string();
        forget_earlier_builds(&package);
        Fixture { dir, package, envs: Vec::new() }
    }

    /// Sets an environment variable for every later cargo run of this fixture.
    pub fn env(&mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> &mut Self {
        self.envs.push((key.into(), value.as_ref().to_string_lossy().into_owned()));
        self
    }

    /// `cargo <args> --manifest-path <copy>/Cargo.toml` with the fixture's environment.
    pub fn cargo(&self, args: &[&str]) -> Run {
        self.cargo_with(args, &[])
    }

    /// [`cargo`](Self::cargo) with extra environment variables for this run only.
    pub fn cargo_with(&self, args: &[&str], extra: &[(&str, &str)]) -> Run {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(args)
            .arg("--manifest-path")
            .arg(self.dir.join("Cargo.toml"))
            .arg("--offline")
            .arg("--color=never")
            .current_dir(&self.dir);
        for v in SCRUB {
            cmd.env_remove(v);
        }
        cmd.env("CARGO_TARGET_DIR", target_dir()).env("CARGO_TERM_COLOR", "never");
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        for (k, v) in extra {
            cmd.env(k, v);
        }
        Run::from(cmd.output().expect("run cargo"))
    }

    /// A path inside the copy.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// The build script's `OUT_DIR` of this copy (the shared target directory holds one per
    /// copy of a package and per build configuration; the one whose build script output names
    /// this copy's files and ran last: older ones are left by earlier versions of rust2go).
    pub fn out_dir(&self) -> PathBuf {
        let build = target_dir().join("debug").join("build");
        let marker = format!("{}/", self.dir.display());
        let mut found = Vec::new();
        for e in std::fs::read_dir(&build).expect("target/build-tests/debug/build").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(hash) = name.strip_prefix(&format!("{}-", self.package)) else { continue };
            if hash.contains('-') {
                continue;
            }
            let output = e.path().join("output");
            if std::fs::read_to_string(&output).unwrap_or_default().contains(&marker) {
                let ran = std::fs::metadata(&output).and_then(|m| m.modified()).expect("build script output");
                found.push((ran, e.path().join("out")));
            }
        }
        found.sort();
        let (_, newest) = found.pop().unwrap_or_else(|| panic!("no OUT_DIR of {} in {}", self.dir.display(), build.display()));
        newest
    }

    /// How many times the builder ran `go build` for this copy (rust2go::GO_BUILD_COUNTER).
    pub fn go_builds(&self) -> u64 {
        let f = self.out_dir().join(rust2go::GO_BUILD_COUNTER);
        std::fs::read_to_string(&f).unwrap_or_default().trim().parse().unwrap_or(0)
    }

    /// Sets a file's modification time to now (after every build so far), content unchanged.
    pub fn touch(&self, rel: &str) {
        let f = std::fs::File::options().append(true).open(self.path(rel)).expect("touch");
        f.set_modified(SystemTime::now()).expect("set mtime");
    }

    /// Appends text to a file of the copy.
    pub fn append(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        let mut s = std::fs::read_to_string(&p).unwrap();
        s.push_str(text);
        std::fs::write(&p, s).unwrap();
    }
}

/// Cargo gives a root package the same build directories wherever it lies, and judges them
/// fresh by the files of the copy that built them last: a copy whose `build.rs` differs would
/// run the other copy's build script. Forget those builds, so this copy is compiled.
fn forget_earlier_builds(package: &str) {
    for sub in ["build", ".fingerprint"] {
        let Ok(entries) = std::fs::read_dir(target_dir().join("debug").join(sub)) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.strip_prefix(&format!("{package}-")).map(|hash| !hash.contains('-')).unwrap_or(false) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap().flatten() {
        let name = e.file_name();
        let name_s = name.to_string_lossy();
        // Files produced by an in-place build of the fixture are not part of it.
        if name_s == "target" || name_s == "Cargo.lock" || (name_s.starts_with("gen") && name_s.ends_with(".go")) {
            continue;
        }
        let to = dst.join(&name);
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

/// Runs a program (a fixture's binary) with `LD_LIBRARY_PATH` removed, so that only its
/// rpath can find a shared library.
pub fn run_binary(path: &Path) -> Run {
    let out = Command::new(path)
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("DYLD_LIBRARY_PATH")
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", path.display()));
    Run::from(out)
}

/// `go` on `PATH`, as an absolute path.
pub fn go_on_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("go")).find(|p| p.is_file())
}

/// `PATH` without Go: each directory of it that holds `go` or `gofmt` is replaced by `shim`,
/// a directory of links to everything else in them (`/usr/bin` may hold Go beside cc), so
/// cargo, rustc and the C compiler are still found.
pub fn path_without_go(shim: &Path) -> std::ffi::OsString {
    std::fs::create_dir_all(shim).unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs = std::env::split_paths(&path).map(|d| {
        if !d.join("go").exists() && !d.join("gofmt").exists() {
            return d;
        }
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if !matches!(e.file_name().to_str(), Some("go" | "gofmt")) {
                let _ = std::os::unix::fs::symlink(e.path(), shim.join(e.file_name()));
            }
        }
        shim.to_path_buf()
    });
    std::env::join_paths(dirs).unwrap()
}

/// Go 1.19 (for the Go 1.18-compatible output), if installed.
pub fn go119() -> Option<PathBuf> {
    let p = std::env::var_os("GO119").map(PathBuf::from).unwrap_or_else(|| "/usr/lib/go-1.19/bin/go".into());
    p.is_file().then_some(p)
}

/// Generates the Go side of an IDL file as `rust2go-cli --src <idl> --dst <dst>` does.
pub fn cli_generate(idl: &Path, dst: &Path) {
    let opts = rust2go_emit::GoOptions::default();
    let generated = rust2go_emit::generate(idl, &opts, true).expect("generate");
    std::fs::write(dst, generated.go).unwrap();
}

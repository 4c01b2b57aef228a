//! Cargo's change tracking and stale outputs: the `rerun-if` lines (the Go-related environment
//! variables, the Go package's files and directory), writing generated files only when they
//! change (keeping modification times, so the build's own writes do not rerun it), the
//! `go build` counter, and the version stamps of generated Go files.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::go_toolchain::{go118_needed, target_cc_vars, GO_UNSAFE_STRING};
use super::GO_BUILD_COUNTER;

thread_local! {
    static DIRECTIVES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Queues the Cargo directive `cargo:<directive>`. They are printed when the build is done
/// ([`take_directives`]): on a failure `Builder::build` prints only the message, so it is the
/// first thing Cargo shows (a failed build script reruns anyway, so its rerun lines would only
/// push the cause down).
pub(super) fn cargo(directive: impl Into<String>) {
    DIRECTIVES.with(|d| d.borrow_mut().push(directive.into()));
}

/// The directives queued so far (emptying the queue).
pub(super) fn take_directives() -> Vec<String> {
    DIRECTIVES.with(|d| std::mem::take(&mut *d.borrow_mut()))
}

/// `rerun-if-env-changed` for every variable that changes the Go build for `target`.
pub(super) fn print_rerun_env(target: &str) {
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
        "CGO_ENABLED",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // The target's compiler variables (`TARGET_CC` among them), each once.
    for var in target_cc_vars(target) {
        if !vars.contains(&var) {
            vars.push(var);
        }
    }
    for var in vars {
        cargo(format!("rerun-if-env-changed={var}"));
    }
}

/// `rerun-if-changed` for the Go package's inputs and its directory.
pub(super) fn print_rerun_go_package(go_src: &Path) -> Result<(), String> {
    let mut inputs = Vec::new();
    collect_go_inputs(go_src, &mut inputs)?;
    for f in &inputs {
        cargo(format!("rerun-if-changed={}", f.display()));
    }
    // The directory itself (Cargo scans it), so that adding a file reruns the build.
    cargo(format!("rerun-if-changed={}", go_src.display()));
    Ok(())
}

/// Increments the number in `OUT_DIR/rust2go-go-builds.txt`.
pub(super) fn count_go_build(out_dir: &Path) -> Result<(), String> {
    let path = out_dir.join(GO_BUILD_COUNTER);
    let n: u64 = std::fs::read_to_string(&path).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0);
    std::fs::write(&path, format!("{}\n", n + 1)).map_err(|e| format!("rust2go: cannot write {}: {e}", path.display()))
}

/// Writes `content` unless the file already holds it. A file written with `mtime` (generated
/// Go) gets that modification time, and a directory it is created in keeps its own, so that
/// Cargo (which watches the Go directory) does not see a change made by the build itself.
pub(super) fn write_if_changed(path: &Path, content: &str, mtime: Option<SystemTime>) -> Result<(), String> {
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
pub(super) fn collect_go_inputs(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
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
pub(super) fn check_stamps(go_src: &Path, go: &Path, go_version: (u32, u32)) -> Result<(), String> {
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

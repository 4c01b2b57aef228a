//! The Go toolchain and the target: which `go` runs, the `go version` probe and the version
//! checks, Cargo's target triple as `GOOS`/`GOARCH`, the C compiler cgo uses for it.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Builder, LinkType};

/// The oldest Go that rust2go supports, and the oldest that builds the default output.
pub(super) const GO_MIN: (u32, u32) = (1, 18);
pub(super) const GO_UNSAFE_STRING: (u32, u32) = (1, 20);

impl Builder {
    pub(super) fn go_command(&self) -> PathBuf {
        self.go_binary.clone().or_else(|| std::env::var_os("GO").map(PathBuf::from)).unwrap_or_else(|| "go".into())
    }
}

pub(super) fn go118_needed(go: &Path, v: (u32, u32), what: &str) -> String {
    format!(
        "rust2go: {} is Go {}.{}, which lacks unsafe.String, unsafe.StringData and unsafe.SliceData (Go 1.20), which \
         {what} may use; generate the Go 1.18 output (`go118: true` in RegenArgs, `rust2go-cli --go118`) or use Go >= {}.{}",
        go.display(),
        v.0,
        v.1,
        GO_UNSAFE_STRING.0,
        GO_UNSAFE_STRING.1
    )
}

/// Why `go version` gave no version: Go's own reason first (a bad `GOFLAGS` or `GOTOOLCHAIN`
/// setting makes every go command fail), then what rust2go was doing.
fn version_error(go: &Path, out: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let reason = [stderr.trim(), stdout.trim()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n");
    let reason = if reason.is_empty() { format!("no output ({})", out.status) } else { reason };
    let goflags = match std::env::var("GOFLAGS") {
        Ok(f) if !f.trim().is_empty() && reason.contains("GOFLAGS") => format!(" (GOFLAGS is `{f}`)"),
        _ => String::new(),
    };
    format!("rust2go: {reason}{goflags}\nrust2go: `{} version` failed, so the Go version is unknown", go.display())
}

/// `go version` → (major, minor); a clear error when Go is missing or too old.
pub(super) fn go_version(go: &Path) -> Result<(u32, u32), String> {
    let out = Command::new(go).arg("version").env("GOTOOLCHAIN", "local").output().map_err(|e| {
        let what = if e.kind() == std::io::ErrorKind::NotFound { "Go was not found" } else { "cannot run Go" };
        format!(
            "rust2go: {what}: `{}` ({e}). rust2go needs Go >= {}.{} ({}.{} with the `go118` output) and a C compiler: \
             install Go (https://go.dev/dl/) and put `go` on PATH, or set GO=/path/to/go",
            go.display(),
            GO_UNSAFE_STRING.0,
            GO_UNSAFE_STRING.1,
            GO_MIN.0,
            GO_MIN.1
        )
    })?;
    let v = parse_go_version(&String::from_utf8_lossy(&out.stdout)).ok_or_else(|| version_error(go, &out))?;
    if v < GO_MIN {
        return Err(format!("rust2go: {} is Go {}.{}; rust2go needs Go >= {}.{}", go.display(), v.0, v.1, GO_MIN.0, GO_MIN.1));
    }
    Ok(v)
}

/// `go version go1.26.8 linux/amd64` → (1, 26).
pub(super) fn parse_go_version(text: &str) -> Option<(u32, u32)> {
    let word = text.split_whitespace().find(|w| w.starts_with("go1"))?;
    let mut parts = word.trim_start_matches("go").split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

/// Go's view of a Rust target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct GoTarget {
    pub goos: &'static str,
    pub goarch: &'static str,
    pub msvc: bool,
}

impl GoTarget {
    pub(super) fn dylib_prefix(&self) -> &'static str {
        if self.goos == "windows" {
            ""
        } else {
            "lib"
        }
    }

    pub(super) fn dylib_suffix(&self) -> &'static str {
        match self.goos {
            "darwin" => ".dylib",
            "windows" => ".dll",
            _ => ".so",
        }
    }
}

const SUPPORTED: &str = "x86_64/aarch64 Linux, x86_64/aarch64 macOS, x86_64/aarch64 Windows (GNU; MSVC only with LinkType::Dynamic)";

/// Maps Cargo's `TARGET` triple to `GOOS`/`GOARCH`; unsupported targets are a clear error.
pub(super) fn go_target(target: &str, link: LinkType) -> Result<GoTarget, String> {
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
pub(super) fn target_cc_vars(target: &str) -> Vec<String> {
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
pub(super) fn target_cc(target: &str) -> Option<String> {
    target_cc_vars(target).into_iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}

/// What the C compiler `cc` (a command line, e.g. `gcc` or `clang --target=...`) reports with
/// `-dumpmachine` (e.g. `x86_64-linux-gnu`); `None` if it does not answer.
pub(super) fn cc_machine(cc: &str) -> Option<String> {
    let mut words = cc.split_whitespace();
    let out = Command::new(words.next()?).args(words).arg("-dumpmachine").output().ok()?;
    let machine = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !machine.is_empty()).then_some(machine)
}

/// Whether a C compiler whose `-dumpmachine` is `machine` builds for the architecture of the
/// Rust target `target` (`arm64` and `aarch64`, `amd64` and `x86_64` are the same).
pub(super) fn cc_builds_for(machine: &str, target: &str) -> bool {
    let arch = |triple: &str| match triple.split('-').next().unwrap_or("") {
        "arm64" => "aarch64".to_string(),
        "amd64" => "x86_64".to_string(),
        a => a.to_string(),
    };
    arch(machine) == arch(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_go_version_leads_with_gos_reason() {
        let go = std::env::var_os("GO").map(PathBuf::from).unwrap_or_else(|| "go".into());
        let out = Command::new(&go).arg("version").env("GOTOOLCHAIN", "local").env("GOFLAGS", "-bogus").output().unwrap();
        assert!(!out.status.success());
        let e = version_error(&go, &out);
        assert!(e.starts_with("rust2go: go: parsing $GOFLAGS: unknown flag -bogus"), "{e}");
        assert!(e.contains("version` failed"), "{e}");
    }

    #[test]
    fn c_compiler_machines() {
        assert!(cc_builds_for("aarch64-linux-gnu", "aarch64-unknown-linux-gnu"));
        assert!(cc_builds_for("arm64-apple-darwin23.0.0", "aarch64-apple-darwin"));
        assert!(cc_builds_for("x86_64-pc-linux-gnu", "x86_64-unknown-linux-musl"));
        assert!(!cc_builds_for("x86_64-linux-gnu", "aarch64-unknown-linux-gnu"));
        assert!(!cc_builds_for("aarch64-linux-gnu", "x86_64-pc-windows-gnu"));
    }

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
}

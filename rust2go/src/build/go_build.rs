//! `go build` and linking: the Go package built as a C archive or shared library for Cargo's
//! target (or through a [`GoCompiler`](super::GoCompiler)), the link lines for Cargo, the
//! one-Go-runtime marker archive and the copy of the library ([`Builder::with_copy_lib`]).

use std::path::Path;
use std::process::Command;

use super::go_toolchain::{cc_builds_for, cc_machine, go_target, target_cc, GoTarget};
use super::rerun::{cargo, count_go_build, write_if_changed};
use super::{env, Builder, LinkType, ONE_GO_RUNTIME_MARKER};

impl Builder {
    /// Builds the Go package for `target` into `OUT_DIR` and prints Cargo's link lines.
    pub(super) fn go_build(&self, go: &Path, go_src: &Path, out_dir: &Path, target: &str) -> Result<(), String> {
        static BUILT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if BUILT.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return Err("rust2go: Builder::build() linked Go once already in this build script; a process can \
                        run only one Go runtime, so all Go code of a crate must be one Go package (one Builder)"
                .into());
        }
        let gt = go_target(target, self.link)?;
        let target_cc = target_cc(target);
        self.check_cross_cc(target, gt, target_cc.as_deref())?;
        // rust2go calls Go through cgo: `go build` always gets CGO_ENABLED=1 (unless set with
        // `compiler_env`); say so when the environment asked for the opposite.
        let env_cgo = std::env::var("CGO_ENABLED").unwrap_or_default();
        if !env_cgo.is_empty() && env_cgo.trim() != "1" && !self.go_args.sets_env("CGO_ENABLED") {
            cargo(format!(
                "warning=rust2go: CGO_ENABLED={env_cgo} in the environment is overridden: rust2go calls Go through cgo, \
                 so the Go package is built with CGO_ENABLED=1"
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
        let mut cmd = self.go_build_command(go, go_src, mode, &lib_path, gt, target_cc.as_deref());
        count_go_build(out_dir)?;
        self.run_go_build(&mut cmd, go, go_src, mode)?;
        if !lib_path.exists() {
            return Err(format!("rust2go: the Go build did not produce {}", lib_path.display()));
        }

        print_link_lines(self.link, gt, out_dir, &lib_name);
        if !gt.msvc {
            // A safety net: without it two static Go runtimes still fail to link (on Go's own
            // symbols), so a machine where the marker cannot be made only gets a warning.
            if let Err(e) = self.link_runtime_marker(go, &cmd, out_dir, &lib_name) {
                cargo(format!("warning=rust2go: cannot link the one-Go-runtime marker: {}", e.replace('\n', " ")));
            }
        }
        if let Some(dir) = self.copy_lib.dir(out_dir)? {
            std::fs::create_dir_all(&dir).map_err(|e| format!("rust2go: cannot create {}: {e}", dir.display()))?;
            std::fs::copy(&lib_path, dir.join(&file))
                .map_err(|e| format!("rust2go: cannot copy {} to {}: {e}", lib_path.display(), dir.display()))?;
        }
        Ok(())
    }

    /// Cross-compiling needs a C compiler for the target (cgo): a clear error when none is named.
    fn check_cross_cc(&self, target: &str, gt: GoTarget, target_cc: Option<&str>) -> Result<(), String> {
        let host = env("HOST")?;
        let cross = go_target(&host, LinkType::Dynamic).map(|h| (h.goos, h.goarch) != (gt.goos, gt.goarch)).unwrap_or(true);
        let user_cc = self.go_args.sets_env("CC");
        if !cross || target_cc.is_some() || user_cc {
            return Ok(());
        }
        // A plain `CC` is usually the host's compiler (Cargo's build scripts and proc-macros use
        // it); cgo would feed it the target's assembly and fail far from the cause. It is used
        // only when it builds for the target (or cannot tell: Go then reports).
        let problem = match std::env::var("CC").ok().filter(|s| !s.trim().is_empty()) {
            None => String::new(),
            Some(cc) => match cc_machine(&cc).filter(|m| !cc_builds_for(m, target)) {
                Some(m) => format!("; CC={cc} compiles for {m}, not for {target}"),
                None => return Ok(()),
            },
        };
        let t = target.replace('-', "_");
        Err(format!(
            "rust2go: cross-compiling to {target} (GOOS={} GOARCH={}) needs a C compiler for that target (cgo){problem}: \
             set CC_{t} (or TARGET_CC, or CARGO_TARGET_{}_LINKER), e.g. CC_{t}={}",
            gt.goos,
            gt.goarch,
            t.to_uppercase(),
            match (gt.goos, gt.goarch) {
                ("linux", "arm64") => "aarch64-linux-gnu-gcc",
                ("linux", "amd64") => "x86_64-linux-gnu-gcc",
                _ => "<target>-cc",
            }
        ))
    }

    /// `go build -buildmode=<mode> -o <lib_path> <go args> .` in `go_src`, with the target's
    /// environment and the user's [`compiler_env`](Builder::compiler_env) set last.
    fn go_build_command(
        &self,
        go: &Path,
        go_src: &Path,
        mode: &str,
        lib_path: &Path,
        gt: GoTarget,
        target_cc: Option<&str>,
    ) -> Command {
        let mut cmd = Command::new(go);
        cmd.current_dir(go_src)
            .arg("build")
            .arg(format!("-buildmode={mode}"))
            .arg("-o")
            .arg(lib_path)
            .arg(".")
            .env("CGO_ENABLED", "1")
            .env("GOOS", gt.goos)
            .env("GOARCH", gt.goarch);
        if std::env::var_os("GOTOOLCHAIN").is_none() {
            // Never download a toolchain behind the user's back.
            cmd.env("GOTOOLCHAIN", "local");
        }
        if let Some(cc) = target_cc {
            cmd.env("CC", cc);
        }
        // compiler_arg / compiler_env: arguments before the package, variables set last.
        self.go_args.apply(&mut cmd);
        cmd
    }

    /// Runs `cmd` (or hands it to the [`GoCompiler`](super::GoCompiler)); a failure carries Go's output.
    fn run_go_build(&self, cmd: &mut Command, go: &Path, go_src: &Path, mode: &str) -> Result<(), String> {
        match &self.compiler {
            Some(c) => c.build(cmd).map_err(|e| format!("rust2go: the Go build of {} failed:\n{e}", go_src.display()))?,
            None => {
                let output = cmd.output().map_err(|e| format!("rust2go: cannot run {}: {e}", go.display()))?;
                if !output.status.success() {
                    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
                    let hint = if text.contains("C compiler") && text.contains("not found") {
                        "\nhint: cgo needs a C compiler (gcc or clang) on PATH, or CC=/path/to/cc"
                    } else if text.contains("redeclared in this block") && text.contains("gen.go:") {
                        "\nhint: your Go code declares a name that the generated gen.go declares too: every \
                         #[r2g] trait is a Go interface of the trait's name (its implementation needs \
                         another type name), and every IDL struct or enum a Go type of its name"
                    } else {
                        ""
                    };
                    return Err(format!(
                        "rust2go: `{} build -buildmode={mode}` of the Go package {} failed ({}):\n{}{hint}",
                        go.display(),
                        go_src.display(),
                        output.status,
                        in_package(text.trim_end(), go_src)
                    ));
                }
            }
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
        cargo(format!("rustc-link-lib=static:+whole-archive={name}"));
        Ok(())
    }
}

/// Cargo's link lines for the built library and the system libraries Go's runtime needs.
fn print_link_lines(link: LinkType, gt: GoTarget, out_dir: &Path, lib_name: &str) {
    cargo(format!("rustc-link-search=native={}", out_dir.display()));
    match link {
        LinkType::Static => cargo(format!("rustc-link-lib=static={lib_name}")),
        LinkType::Dynamic => {
            cargo(format!("rustc-link-lib=dylib={lib_name}"));
            if gt.goos != "windows" {
                // For the crate's own binaries, tests and examples (Cargo passes link
                // arguments to no dependent): the library where it was built, and beside
                // the binary (for a shipped binary, see `with_copy_lib`).
                let origin = if gt.goos == "darwin" { "@loader_path" } else { "$ORIGIN" };
                cargo(format!("rustc-link-arg=-Wl,-rpath,{}", out_dir.display()));
                cargo(format!("rustc-link-arg=-Wl,-rpath,{origin}"));
            }
        }
    }
    match gt.goos {
        "darwin" => {
            cargo("rustc-link-lib=framework=CoreFoundation");
            cargo("rustc-link-lib=framework=Security");
        }
        "windows" => {
            for lib in ["ws2_32", "winmm", "ntdll"] {
                cargo(format!("rustc-link-lib=dylib={lib}"));
            }
        }
        _ => cargo("rustc-link-lib=dylib=pthread"),
    }
}

/// Go's output with the paths it prints relative to the package (`./impl.go:13:26`, the
/// build's working directory) made full (`/app/go/impl.go:13:26`): Cargo shows them to a user
/// in another directory, often the workspace's root.
fn in_package(text: &str, go_src: &Path) -> String {
    let dir = go_src.display().to_string();
    let dir = dir.trim_end_matches('/');
    text.lines()
        .map(|l| {
            let rest = l.trim_start();
            match rest.strip_prefix("./") {
                Some(file) => format!("{}{dir}/{file}", &l[..l.len() - rest.len()]),
                None => l.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_paths_are_made_full() {
        let go = "# app\n./impl.go:13:26: cannot use x\n\thave f(./x)\n\t./gen.go:9:2: other declaration of T";
        assert_eq!(
            in_package(go, Path::new("/app/go")),
            "# app\n/app/go/impl.go:13:26: cannot use x\n\thave f(./x)\n\t/app/go/gen.go:9:2: other declaration of T"
        );
    }

    #[test]
    fn ar_archive_layout() {
        let a = ar_archive("m.o", b"abc");
        assert!(a.starts_with(b"!<arch>\nm.o/"));
        assert_eq!(a.len(), 8 + 60 + 4);
    }
}

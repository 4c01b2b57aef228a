//! Starts binaries built for the test's own target the way `cargo test` starts the test itself.
//!
//! When cross-testing (for example aarch64 Linux under qemu-user on an x86_64 host), Cargo runs
//! test executables through `CARGO_TARGET_<TRIPLE>_RUNNER`; a child process the test starts
//! with a plain `execve` would not go through it (qemu-user does not follow `execve`, and
//! without binfmt_misc the kernel cannot run the binary: exit 127). [`command`] puts the same
//! runner in front. Only the environment variable is read, not a runner from `.cargo/config`.

use std::ffi::OsStr;
use std::process::Command;

/// The target triple the tests are compiled for.
pub const TARGET: &str = env!("R2G_TEST_TARGET");
/// The triple of the machine that built them.
pub const HOST: &str = env!("R2G_TEST_HOST");

/// The name of Cargo's runner variable for `triple` (`CARGO_TARGET_<TRIPLE>_RUNNER`).
pub fn runner_var(triple: &str) -> String {
    format!("CARGO_TARGET_{}_RUNNER", triple.to_uppercase().replace(['-', '.'], "_"))
}

/// Cargo's runner for [`TARGET`] from the environment, split on whitespace as Cargo splits it;
/// `None` when unset or empty.
pub fn runner() -> Option<Vec<String>> {
    let words: Vec<String> = std::env::var(runner_var(TARGET)).ok()?.split_whitespace().map(String::from).collect();
    (!words.is_empty()).then_some(words)
}

/// A command that runs `program` (a binary built for [`TARGET`]) through the runner, if any.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    match runner() {
        Some(words) => {
            let mut cmd = Command::new(&words[0]);
            cmd.args(&words[1..]).arg(program);
            cmd
        }
        None => Command::new(program),
    }
}

/// The C compiler for [`TARGET`] named by Cargo's conventions (`CC_<target>`, `TARGET_CC`, the
/// target's linker), when cross-compiling; `None` for a native build.
pub fn cross_cc() -> Option<String> {
    if TARGET == HOST {
        return None;
    }
    let under = TARGET.replace('-', "_");
    [format!("CC_{TARGET}"), format!("CC_{under}"), "TARGET_CC".into(), format!("CARGO_TARGET_{}_LINKER", under.to_uppercase())]
        .into_iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}

/// `GOOS`/`GOARCH` of the running test (the target), for a `go` command that builds for it.
pub fn go_target() -> (&'static str, &'static str) {
    let goarch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => panic!("no GOARCH known for {other}"),
    };
    (std::env::consts::OS, goarch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runner_variable_names() {
        assert_eq!(runner_var("aarch64-unknown-linux-gnu"), "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER");
        assert_eq!(runner_var("thumbv8m.main-none-eabi"), "CARGO_TARGET_THUMBV8M_MAIN_NONE_EABI_RUNNER");
    }
}

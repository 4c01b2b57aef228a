//! `rust2go-cli new`: the project it writes builds, runs and passes its test with no edits
//! (real cargo, real Go), a non-empty directory is refused, and the README's Quick start shows
//! exactly the files it writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cli(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rust2go-cli")).args(args).current_dir(cwd).output().unwrap()
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("rust2go-new-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn checkout() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().canonicalize().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

const FILES: [&str; 7] = ["Cargo.toml", "build.rs", "src/user.rs", "src/main.rs", "go/go.mod", "go/impl.go", ".gitignore"];

/// Slow (a cold build of the new project, shared target dir under this workspace's target):
/// `cargo run` prints what each call returned, `cargo test` passes.
#[test]
fn new_project_runs_and_tests_with_no_edits() {
    let base = fresh_dir("build");
    let out = cli(&["new", "hello-r2g"], &base);
    assert!(out.status.success(), "{}", text(&out));
    let project = base.join("hello-r2g");
    for f in FILES {
        assert!(project.join(f).is_file(), "{f} not written");
    }
    let manifest = std::fs::read_to_string(project.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"hello-r2g\""), "{manifest}");
    let go_mod = std::fs::read_to_string(project.join("go/go.mod")).unwrap();
    assert!(go_mod.starts_with("module hello-r2g\n"), "{go_mod}");
    // Pin the versions this workspace is tested with (and build without the index) when a
    // lock file is at hand; without one Cargo resolves the latest, as for a user.
    let lock = checkout().join("Cargo.lock");
    if lock.is_file() {
        std::fs::copy(&lock, project.join("Cargo.lock")).unwrap();
    }
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scaffold-target");
    let cargo = |sub: &str| {
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .arg(sub)
            .current_dir(&project)
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .unwrap()
    };
    let run = cargo("run");
    assert!(run.status.success(), "cargo run failed:\n{}", text(&run));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(stdout, "hello Ferris (#1)\nhello again Ferris\nOk(6)\nErr(\"user 2 has no name\")\n");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains("warning"), "the new project builds with warnings:\n{stderr}");
    let test = cargo("test");
    assert!(test.status.success(), "cargo test failed:\n{}", text(&test));
    assert!(String::from_utf8_lossy(&test.stdout).contains("test tests::each_call_reaches_go ... ok"), "{}", text(&test));
    // The Go the user starts from is gofmt-clean, and the package (with the gen.go the build
    // wrote) passes go vet and staticcheck ($STATICCHECK or PATH; test.sh provides it).
    if let Ok(fmt) = Command::new("gofmt").arg("-l").arg(project.join("go")).output() {
        assert!(fmt.status.success() && fmt.stdout.is_empty(), "not gofmt-clean: {}", text(&fmt));
    }
    let go_tool = |program: &str, args: &[&str]| {
        Command::new(program).args(args).current_dir(project.join("go")).env("CGO_ENABLED", "1").env("GOTOOLCHAIN", "local").output()
    };
    let vet = go_tool("go", &["vet", "."]).expect("go vet");
    assert!(vet.status.success(), "go vet: {}", text(&vet));
    let staticcheck = std::env::var("STATICCHECK").unwrap_or_else(|_| "staticcheck".into());
    match go_tool(&staticcheck, &["."]) {
        Ok(sc) => assert!(sc.status.success(), "staticcheck: {}", text(&sc)),
        Err(e) => eprintln!("{staticcheck}: {e}: staticcheck of the new project skipped"),
    }
}

#[test]
fn non_empty_directory_is_refused_and_left_alone() {
    let base = fresh_dir("nonempty");
    std::fs::create_dir_all(base.join("taken")).unwrap();
    std::fs::write(base.join("taken/notes.txt"), "mine").unwrap();
    let out = cli(&["new", "taken"], &base);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let msg = text(&out);
    assert!(msg.contains("taken exists and is not empty: choose a new directory (nothing was written)"), "{msg}");
    let left: Vec<_> = std::fs::read_dir(base.join("taken")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("notes.txt")]);
    // An empty directory is fine.
    std::fs::create_dir_all(base.join("empty")).unwrap();
    let out = cli(&["new", "empty"], &base);
    assert!(out.status.success(), "{}", text(&out));
    assert!(base.join("empty/Cargo.toml").is_file());
}

#[test]
fn bad_names_and_arguments_are_explained() {
    let base = fresh_dir("args");
    let out = cli(&["new", "x", "--name", "1st app"], &base);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("`1st app` is not a usable project name"), "{}", text(&out));
    let out = cli(&["new"], &base);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("the project directory DIR is required"), "{}", text(&out));
    let out = cli(&["new", "y", "--path", base.to_str().unwrap()], &base);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("is not a rust2go checkout (no rust2go/Cargo.toml in it)"), "{}", text(&out));
    let out = cli(&["new", "z", "--git", "https://example.invalid/rust2go.git", "--name", "zz"], &base);
    assert!(out.status.success(), "{}", text(&out));
    let manifest = std::fs::read_to_string(base.join("z/Cargo.toml")).unwrap();
    assert!(manifest.contains("rust2go = { git = \"https://example.invalid/rust2go.git\", features = [\"build\"] }"), "{manifest}");
    assert!(manifest.contains("name = \"zz\""), "{manifest}");
    assert!(nothing_but(&base, &["z"]));
}

fn nothing_but(dir: &Path, names: &[&str]) -> bool {
    let mut found: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    found.sort();
    found == names
}

/// The README's Quick start shows each file `new` writes, verbatim (the checkout's path
/// written as `/path/to/rust2go`): each fenced block whose preceding line starts with
/// `` `<file>` `` is compared with that file.
#[test]
fn readme_quick_start_is_what_new_writes() {
    let base = fresh_dir("readme");
    let out = cli(&["new", "myapp"], &base);
    assert!(out.status.success(), "{}", text(&out));
    let readme = std::fs::read_to_string(checkout().join("README.md")).unwrap();
    let blocks = fenced_blocks_by_file(&readme);
    let root = checkout().to_string_lossy().into_owned();
    for f in FILES {
        let written = std::fs::read_to_string(base.join("myapp").join(f)).unwrap().replace(&root, "/path/to/rust2go");
        let shown = blocks.iter().find(|(name, _)| name == f).unwrap_or_else(|| panic!("README shows no block for `{f}`"));
        assert_eq!(shown.1, written, "README's `{f}` differs from what `rust2go-cli new` writes");
    }
}

/// (file name, content) of each fenced block whose preceding text starts with `` `name` ``.
fn fenced_blocks_by_file(md: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = md.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].starts_with("```") && i > 0 {
            // The first line of the text right before the block.
            let mut j = i - 1;
            while j > 0 && !lines[j - 1].trim().is_empty() && !lines[j - 1].starts_with("```") {
                j -= 1;
            }
            let name = lines[j].strip_prefix('`').and_then(|r| r.split('`').next()).map(str::to_string);
            let mut body = String::new();
            i += 1;
            while i < lines.len() && !lines[i].starts_with("```") {
                body.push_str(lines[i]);
                body.push('\n');
                i += 1;
            }
            if let Some(name) = name {
                out.push((name, body));
            }
        }
        i += 1;
    }
    out
}

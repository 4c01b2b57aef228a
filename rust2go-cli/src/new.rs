//! `rust2go-cli new <DIR>`: writes a complete project (Cargo.toml, build.rs, an IDL file, a
//! tokio `main` calling each method, a Rust test, the Go package) that `cargo run` and
//! `cargo test` build with no edits. The files are the templates in `rust2go-cli/templates/`.

use std::path::{Path, PathBuf};

pub const USAGE: &str = "usage: rust2go-cli new <DIR> [--name NAME] [--path CHECKOUT | --git URL]

  DIR              the project directory to create (must not exist, or be empty)
  --name NAME      the Cargo package and Go module name (default: DIR's last component)
  --path CHECKOUT  depend on the rust2go crates of this checkout (default: the checkout this
                   rust2go-cli was built from)
  --git URL        depend on rust2go from this git repository instead of a checkout";

/// The project's files: (path in the project, template). `{{name}}`, `{{rust2go}}` and
/// `{{rust2go_build}}` are replaced.
pub const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../templates/Cargo.toml.in")),
    ("build.rs", include_str!("../templates/build.rs")),
    ("src/user.rs", include_str!("../templates/src/user.rs")),
    ("src/main.rs", include_str!("../templates/src/main.rs")),
    ("go/go.mod", include_str!("../templates/go/go.mod.in")),
    ("go/impl.go", include_str!("../templates/go/impl.go")),
    (".gitignore", include_str!("../templates/gitignore")),
];

/// Where the rust2go crates come from.
enum Source {
    Path(PathBuf),
    Git(String),
}

impl Source {
    /// The dependency line, with `extra` (e.g. `, features = ["build"]`) inside the braces.
    fn dependency(&self, extra: &str) -> String {
        match self {
            Source::Path(root) => {
                let p = root.join("rust2go");
                format!("rust2go = {{ path = \"{}\"{extra} }}", toml_escape(&p.to_string_lossy()))
            }
            Source::Git(url) => format!("rust2go = {{ git = \"{}\"{extra} }}", toml_escape(url)),
        }
    }
}

fn toml_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The checkout this binary was built from (`rust2go-cli/..`).
fn own_checkout() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// A name that is both a Cargo package name and a plain Go module path.
fn check_name(name: &str) -> Result<(), String> {
    let ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a usable project name: use ASCII letters, digits, `_` and `-`, starting with a letter (--name NAME)"
        ))
    }
}

/// Renders every file of the project.
fn render(name: &str, source: &Source) -> Vec<(&'static str, String)> {
    let dep = source.dependency("");
    let build_dep = source.dependency(", features = [\"build\"]");
    FILES
        .iter()
        .map(|(path, template)| {
            let text = template.replace("{{name}}", name).replace("{{rust2go}}", &dep).replace("{{rust2go_build}}", &build_dep);
            (*path, text)
        })
        .collect()
}

/// `rust2go-cli new ARGS..`: 0 on success, 1 on a failure, 2 on bad arguments.
pub fn run(args: impl Iterator<Item = String>) -> u8 {
    match parse(args).and_then(|a| a.map_or(Ok(()), write)) {
        Ok(()) => 0,
        Err(Error::Usage(e)) => {
            eprintln!("rust2go-cli new: {e}\n\n{USAGE}");
            2
        }
        Err(Error::Failed(e)) => {
            eprintln!("rust2go-cli new: {e}");
            1
        }
    }
}

enum Error {
    Usage(String),
    Failed(String),
}

struct NewArgs {
    dir: PathBuf,
    name: Option<String>,
    source: Source,
}

/// The arguments, or `None` after `--help`.
fn parse(mut it: impl Iterator<Item = String>) -> Result<Option<NewArgs>, Error> {
    let mut dir = None;
    let mut name = None;
    let mut path = None;
    let mut git = None;
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |n: &str| inline.clone().or_else(|| it.next()).ok_or_else(|| Error::Usage(format!("{n} needs a value")));
        match flag.as_str() {
            "--name" => name = Some(value("--name")?),
            "--path" => path = Some(PathBuf::from(value("--path")?)),
            "--git" => git = Some(value("--git")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(None);
            }
            f if f.starts_with('-') => return Err(Error::Usage(format!("unknown argument `{f}`"))),
            _ if dir.is_some() => return Err(Error::Usage(format!("unexpected argument `{a}`: one DIR only"))),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.ok_or_else(|| Error::Usage("the project directory DIR is required".into()))?;
    let source = match (path, git) {
        (Some(_), Some(_)) => return Err(Error::Usage("--path and --git exclude each other".into())),
        (None, Some(url)) => Source::Git(url),
        (path, None) => {
            let root = path.unwrap_or_else(own_checkout);
            if !root.join("rust2go").join("Cargo.toml").is_file() {
                return Err(Error::Failed(format!(
                    "{} is not a rust2go checkout (no rust2go/Cargo.toml in it): pass --path <checkout> or --git <url>",
                    root.display()
                )));
            }
            // An absolute path, so that the project builds wherever it is.
            Source::Path(root.canonicalize().unwrap_or(root))
        }
    };
    Ok(Some(NewArgs { dir, name, source }))
}

fn write(args: NewArgs) -> Result<(), Error> {
    let dir = &args.dir;
    let name = match args.name {
        Some(n) => n,
        None => {
            let abs = if dir.is_absolute() { dir.clone() } else { std::env::current_dir().unwrap_or_default().join(dir) };
            abs.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        }
    };
    check_name(&name).map_err(Error::Failed)?;
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::Failed(format!("{}: {e}", dir.display())))?;
        if entries.next().is_some() {
            return Err(Error::Failed(format!(
                "{} exists and is not empty: choose a new directory (nothing was written)",
                dir.display()
            )));
        }
    }
    for (path, text) in render(&name, &args.source) {
        let file = dir.join(path);
        let parent = file.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent)
            .and_then(|()| std::fs::write(&file, text))
            .map_err(|e| Error::Failed(format!("{}: cannot write: {e}", file.display())))?;
    }
    println!("created {} (package `{name}`); next: cd {} && cargo run", dir.display(), dir.display());
    Ok(())
}

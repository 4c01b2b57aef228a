//! `rust2go-cli --src src/user.rs --dst go/gen.go`: generates the Go side of an IDL file.
//!
//! For generating `gen.go` outside a build script (and `--check` in CI). Argument parsing
//! only: the file goes through `rust2go_emit::generate` (the model's parser, the Go back-end,
//! gofmt), as in the build helper, and IDL errors print as `file:line:col`. The Rust glue is
//! written only by the build helper (into `OUT_DIR`).

use std::path::PathBuf;
use std::process::ExitCode;

mod new;

const USAGE: &str = "usage: rust2go-cli --src <idl.rs> --dst <gen.go> [--go118] [--no-fmt] [--without-main] [--check]
       [--go-style=compat|idiomatic] [--cfg NAME[=\"VALUE\"]].. [--features A,B]..
       rust2go-cli new <DIR> [--name NAME] [--path CHECKOUT | --git URL]   (a new project; new --help)

  -s, --src FILE   the Rust IDL file (#[derive(R2G)] structs, #[r2g] traits)
  -d, --dst FILE   where to write the generated Go
  --go118          output that builds with Go 1.18/1.19 (no unsafe.String)
  --no-fmt         do not run gofmt on the output
  --without-main   omit `func main() {}` (the package has its own main)
  --check          write nothing; exit 1 if --dst differs from what would be generated
  --go-style=S     `compat` (default: Rust's names, parameters by pointer, as rust2go 0.4)
                   or `idiomatic` (exported CamelCase names, parameters by value except
                   structs, the IDL's doc comments)
  --cfg SPEC       a cfg that holds (`unix`, `target_os=\"linux\"`); repeatable
  --features LIST  Cargo features that are enabled (comma-separated); repeatable
                   Without --cfg and --features, items under #[cfg(..)] are all included;
                   with any, each #[cfg] is evaluated against exactly the values given";

struct Args {
    src: PathBuf,
    dst: PathBuf,
    go118: bool,
    no_fmt: bool,
    without_main: bool,
    check: bool,
    style: rust2go_emit::GoStyle,
    cfg: rust2go_model::CfgMode,
}

fn parse_args() -> Result<Args, String> {
    let mut src = None;
    let mut dst = None;
    let (mut go118, mut no_fmt, mut without_main, mut check) = (false, false, false, false);
    let mut style = rust2go_emit::GoStyle::default();
    let mut cfg: Option<rust2go_model::CfgSet> = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| inline.clone().or_else(|| it.next()).ok_or(format!("{name} needs a value"));
        match flag.as_str() {
            "-s" | "--src" => src = Some(PathBuf::from(value("--src")?)),
            "-d" | "--dst" => dst = Some(PathBuf::from(value("--dst")?)),
            "--cfg" => cfg.get_or_insert_with(Default::default).set_cfg(&value("--cfg")?).map_err(|e| format!("--cfg {e}"))?,
            "--features" => {
                let set = cfg.get_or_insert_with(Default::default);
                for f in value("--features")?.split([',', ' ']).filter(|f| !f.is_empty()) {
                    set.set_feature(f);
                }
            }
            "--go118" | "--no-fmt" | "--without-main" | "--check" if inline.is_some() => {
                return Err(format!("{flag} takes no value"))
            }
            "--go-style" => {
                let v = value("--go-style")?;
                style = rust2go_emit::GoStyle::parse(&v)
                    .ok_or(format!("--go-style takes `compat` or `idiomatic`, not `{v}`"))?;
            }
            "--go118" => go118 = true,
            "--no-fmt" => no_fmt = true,
            "--without-main" => without_main = true,
            "--check" => check = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "-V" | "--version" => {
                println!("rust2go-cli {}", rust2go_model::GENERATOR_VERSION);
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Args {
        src: src.ok_or("--src is required")?,
        dst: dst.ok_or("--dst is required")?,
        go118,
        no_fmt,
        without_main,
        check,
        style,
        cfg: cfg.map_or(rust2go_model::CfgMode::IncludeAll, rust2go_model::CfgMode::Evaluate),
    })
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("new") {
        return ExitCode::from(new::run(std::env::args().skip(2)));
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("rust2go-cli: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let opts = rust2go_emit::GoOptions {
        go118: args.go118,
        without_main: args.without_main,
        source_name: None,
        style: args.style,
    };
    let generated = match rust2go_emit::generate_with_cfg(&args.src, &opts, !args.no_fmt, &args.cfg) {
        Ok(g) => g,
        Err(e) => {
            eprint!("{e}");
            if !e.ends_with('\n') {
                eprintln!();
            }
            return ExitCode::FAILURE;
        }
    };
    if args.check {
        let current = std::fs::read_to_string(&args.dst).unwrap_or_default();
        if current == generated.go {
            return ExitCode::SUCCESS;
        }
        eprintln!("{}: stale: differs from what rust2go-cli generates from {}", args.dst.display(), args.src.display());
        for line in diff_summary(&current, &generated.go) {
            eprintln!("  {line}");
        }
        eprintln!("regenerate with: rust2go-cli --src {} --dst {}", args.src.display(), args.dst.display());
        return ExitCode::FAILURE;
    }
    if std::fs::read_to_string(&args.dst).ok().as_deref() != Some(generated.go.as_str()) {
        if let Some(dir) = args.dst.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Err(e) = std::fs::write(&args.dst, &generated.go) {
            eprintln!("{}: error: cannot write: {e}", args.dst.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// The first differing lines, enough to see what changed.
fn diff_summary(old: &str, new: &str) -> Vec<String> {
    let (o, n): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut out = vec![format!("{} lines on disk, {} generated", o.len(), n.len())];
    let first = o.iter().zip(&n).position(|(a, b)| a != b).unwrap_or(o.len().min(n.len()));
    out.push(format!("first difference at line {}:", first + 1));
    if let Some(l) = o.get(first) {
        out.push(format!("- {l}"));
    }
    if let Some(l) = n.get(first) {
        out.push(format!("+ {l}"));
    }
    out
}

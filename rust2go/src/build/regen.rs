//! Regeneration: `gen.go` and the Rust glue of every IDL file ([`RegenArgs`]); IDL files of
//! one Go package generate into one Go file, with a clash check of their Go names.

use std::path::{Path, PathBuf};

use super::go_toolchain::{go118_needed, GO_UNSAFE_STRING};
use super::rerun::{cargo, write_if_changed};
use super::{normalize, Builder, RegenArgs};

impl Builder {
    /// Regenerates the Go files and writes the Rust glue of every [`RegenArgs`]; with no Go
    /// (docs.rs), only the Rust glue. Items under `#[cfg]` are kept as Cargo's variables say
    /// rustc compiles them.
    #[allow(clippy::needless_update)] // `GoOptions` may grow fields
    pub(super) fn generate(
        &self,
        regen: &[RegenArgs],
        manifest: &Path,
        out_dir: &Path,
        go: Option<(&Path, (u32, u32))>,
    ) -> Result<(), String> {
        let cfg = rust2go_model::CfgMode::Evaluate(rust2go_model::CfgSet::from_cargo_env());
        let mut units = Vec::new();
        for (i, args) in regen.iter().enumerate() {
            let src = normalize(&manifest.join(&args.src));
            cargo(format!("rerun-if-changed={}", src.display()));
            if let Some((go, go_version)) = go.filter(|(_, v)| !args.go118 && *v < GO_UNSAFE_STRING) {
                return Err(go118_needed(go, go_version, &format!("the default output (RegenArgs for {})", args.src)));
            }
            let binding = binding_name(i, args, self.binding.as_deref());
            if let Some(prev) = units.iter().find(|u: &&Unit| u.binding == binding) {
                return Err(format!(
                    "rust2go: {} and {} would both write their Rust glue to OUT_DIR/{binding}; \
                     give one of them another `binding` in its RegenArgs",
                    prev.args.src, args.src
                ));
            }
            let opts = rust2go_emit::GoOptions {
                go118: args.go118,
                without_main: args.without_main,
                source_name: file_name(Path::new(&args.src)),
                style: args.go_style,
                ..Default::default()
            };
            // Formatted once per output file, below.
            let mut generated = rust2go_emit::generate_with_cfg(&src, &opts, false, &cfg)?;
            if go.is_none() {
                // docs.rs: nothing is linked, so there is no layout to keep in step, and rustdoc
                // sees `--cfg docsrs` where the rustc runs of the same build do not: no checks.
                let mut model = generated.model.clone();
                model.cfg_decisions.clear();
                generated.rust = rust2go_emit::emit_rust(&model);
            }
            units.push(Unit { args, src, dst: normalize(&manifest.join(&args.dst)), binding, generated });
        }
        for u in &units {
            write_if_changed(&out_dir.join(&u.binding), &u.generated.rust, None)?;
        }
        if go.is_none() {
            return Ok(());
        }
        for group in group_by_go_package(&units) {
            write_go_package(&group)?;
        }
        Ok(())
    }
}

/// One [`RegenArgs`] with its paths resolved and its output generated.
struct Unit<'a> {
    args: &'a RegenArgs,
    src: PathBuf,
    dst: PathBuf,
    binding: String,
    generated: rust2go_emit::Generated,
}

/// The Rust glue file name of the `index`-th [`RegenArgs`].
fn binding_name(index: usize, args: &RegenArgs, builder_default: Option<&str>) -> String {
    if let Some(b) = &args.binding {
        return b.clone();
    }
    if index == 0 {
        return builder_default.unwrap_or(crate::DEFAULT_BINDING_FILE).to_string();
    }
    let stem = Path::new(&args.src).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stem: String = stem.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect();
    format!("_go_bindings_{stem}.rs")
}

fn file_name(p: &Path) -> Option<String> {
    p.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// Units whose `dst` share a directory (one Go package), in `RegenArgs` order.
fn group_by_go_package<'u, 'a>(units: &'u [Unit<'a>]) -> Vec<Vec<&'u Unit<'a>>> {
    let key = |u: &Unit| {
        let dir = u.dst.parent().map(Path::to_path_buf).unwrap_or_default();
        std::fs::canonicalize(&dir).unwrap_or_else(|_| normalize(&dir))
    };
    let mut groups: Vec<(PathBuf, Vec<&Unit>)> = Vec::new();
    for u in units {
        let k = key(u);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, v)) => v.push(u),
            None => groups.push((k, vec![u])),
        }
    }
    groups.into_iter().map(|(_, v)| v).collect()
}

/// Writes the Go of the IDL files of one Go package: one file holds all of it.
#[allow(clippy::needless_update)] // `GoOptions` may grow fields
fn write_go_package(group: &[&Unit]) -> Result<(), String> {
    let first = group[0];
    // Generated files get the IDL files' modification time: they are outputs of the IDL,
    // and a file written during the build script's run would make Cargo run it again.
    let mtime = group.iter().filter_map(|u| std::fs::metadata(&u.src).and_then(|m| m.modified()).ok()).max();
    let fmt = group.iter().any(|u| !u.args.no_fmt);
    if group.len() == 1 {
        let mut go = first.generated.go.clone();
        if fmt {
            go = rust2go_emit::gofmt(&go)?;
        }
        return write_if_changed(&first.dst, &go, mtime);
    }
    check_go_name_clashes(group)?;
    if let Some(u) = group.iter().find(|u| u.args.without_main != first.args.without_main) {
        return Err(format!(
            "rust2go: {} and {} generate into one Go package but disagree on `without_main`; set it the same in both RegenArgs",
            first.args.src, u.args.src
        ));
    }
    if let Some(u) = group.iter().find(|u| u.args.go_style != first.args.go_style) {
        return Err(format!(
            "rust2go: {} and {} generate into one Go package but disagree on `go_style`; set it the same in both RegenArgs",
            first.args.src, u.args.src
        ));
    }
    let mut model = first.generated.model.clone();
    for u in &group[1..] {
        let m = &u.generated.model;
        model.structs.extend(m.structs.iter().cloned());
        model.enums.extend(m.enums.iter().cloned());
        model.traits.extend(m.traits.iter().cloned());
    }
    let names: Vec<String> = group.iter().filter_map(|u| file_name(Path::new(&u.args.src))).collect();
    let opts = rust2go_emit::GoOptions {
        // The Go 1.18 output builds with every Go, so one file asking for it is enough.
        go118: group.iter().any(|u| u.args.go118),
        without_main: first.args.without_main,
        source_name: Some(names.join(", ")),
        style: first.args.go_style,
        ..Default::default()
    };
    let mut go = rust2go_emit::emit_go(&model, &opts);
    if fmt {
        go = rust2go_emit::gofmt(&go)?;
    }
    write_if_changed(&first.dst, &go, mtime)?;
    let target_name = file_name(&first.dst).unwrap_or_default();
    for u in &group[1..] {
        if normalize(&u.dst) == normalize(&first.dst) {
            continue;
        }
        let stub = format!(
            "{}\n// Source: {}. Its Go code is generated into {target_name}, together with {}:\n\
             // a Go package holds one copy of the rust2go glue. Edit the IDL, not this file.\n\npackage main\n",
            rust2go_emit::header_line("//"),
            file_name(Path::new(&u.args.src)).unwrap_or_default(),
            names.join(", ")
        );
        write_if_changed(&u.dst, &stub, mtime)?;
    }
    Ok(())
}

/// The Go package-level names an IDL file declares: (name, what, line, column).
fn go_names(model: &rust2go_model::Model) -> Vec<(String, String, usize, usize)> {
    // The model's spans are proc-macro2 spans with `span-locations` (0-based columns).
    macro_rules! at {
        ($span:expr) => {
            ($span.start().line, $span.start().column + 1)
        };
    }
    let mut out = Vec::new();
    for s in &model.structs {
        let (l, c) = at!(s.span);
        out.push((s.name.clone(), format!("struct `{}`", s.name), l, c));
    }
    for e in &model.enums {
        let (l, c) = at!(e.span);
        out.push((e.name.clone(), format!("enum `{}`", e.name), l, c));
        for v in &e.variants {
            out.push((format!("{}{}", e.name, v.name), format!("the Go name of `{}::{}`", e.name, v.name), l, c));
        }
    }
    for t in &model.traits {
        let (l, c) = at!(t.span);
        out.push((t.name.clone(), format!("trait `{}`", t.name), l, c));
        out.push((format!("{}Impl", t.name), format!("`{}Impl` of trait `{}`", t.name, t.name), l, c));
    }
    out
}

/// IDL files generating into one Go package must not declare the same Go name.
fn check_go_name_clashes(group: &[&Unit]) -> Result<(), String> {
    let mut seen: Vec<(String, String, usize, usize, &Path)> = Vec::new();
    let mut errors = Vec::new();
    for u in group {
        let names = go_names(&u.generated.model);
        // One error per declaration (a trait clashing also clashes through `<Trait>Impl`).
        let mut reported: Vec<(usize, usize)> = Vec::new();
        for (name, what, l, c) in names {
            if let Some((_, pwhat, pl, pc, psrc)) = seen.iter().find(|s| s.0 == name) {
                if reported.contains(&(l, c)) {
                    continue;
                }
                reported.push((l, c));
                errors.push(format!(
                    "{}:{l}:{c}: error: rust2go: the Go name `{name}` ({what}) is also declared by {}:{pl}:{pc} ({pwhat}); \
                     both IDL files generate into one Go package ({}), where Go names must be unique: rename one of them",
                    u.src.display(),
                    psrc.display(),
                    u.dst.parent().map(|d| d.display().to_string()).unwrap_or_default()
                ));
            } else {
                seen.push((name, what, l, c, &u.src));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binding_names() {
        let a = |src: &str, b: Option<&str>| RegenArgs { src: src.into(), binding: b.map(Into::into), ..Default::default() };
        assert_eq!(binding_name(0, &a("src/user.rs", None), None), "_go_bindings.rs");
        assert_eq!(binding_name(0, &a("src/user.rs", None), Some("x.rs")), "x.rs");
        assert_eq!(binding_name(1, &a("src/api.rs", None), Some("x.rs")), "_go_bindings_api.rs");
        assert_eq!(binding_name(1, &a("src/api.rs", Some("mine.rs")), None), "mine.rs");
    }
}

//! rust2go 0.4's documented flow gives the builder no [`RegenArgs`]: `gen.go` was made
//! beforehand with `rust2go-cli --src src/user.rs --dst go/gen.go`. The builder still needs
//! the IDL file (for the Rust glue), so it finds it, says which it used, and generates from it
//! exactly as if it had been given.

use std::path::{Path, PathBuf};

use super::RegenArgs;

/// The [`RegenArgs`] of the IDL file found for the Go package in `go_src`, announced with a
/// `cargo:warning`; an error naming `with_regen_arg` when several files include glue. `None`
/// when nothing is found: then the Go package is built as it is (a crate whose Rust side
/// includes no glue needs none), and [`missing_glue`] stands in for the glue.
pub(super) fn regen_args(manifest: &Path, go_src: &Path) -> Result<Option<RegenArgs>, String> {
    let generated = generated_go_files(go_src);
    let mut rs = Vec::new();
    rust_files(&manifest.join("src"), &mut rs);
    rs.sort();
    let rel = |p: &Path| p.strip_prefix(manifest).unwrap_or(p).display().to_string();
    // A generated file of this version names its IDL file (by file name) in its header.
    let mut found: Option<(PathBuf, String)> = None;
    for (go_file, text) in &generated {
        let Some(source) = source_header(text) else { continue };
        let matches: Vec<&PathBuf> = rs.iter().filter(|p| p.file_name().map(|n| n == source.as_str()).unwrap_or(false)).collect();
        if let [one] = matches[..] {
            found = Some((one.clone(), format!("the `Source: {source}` header of {}", rel(go_file))));
            break;
        }
    }
    if found.is_none() {
        let includers: Vec<&PathBuf> =
            rs.iter().filter(|p| std::fs::read_to_string(p).map(|t| t.contains("r2g_include_binding!")).unwrap_or(false)).collect();
        match includers[..] {
            [one] => found = Some((one.clone(), "its `r2g_include_binding!`".into())),
            [] => {}
            ref several => {
                return Err(format!(
                    "rust2go: Builder has no RegenArgs, and several files under src/ include rust2go glue ({}): \
                     name each IDL file with `.with_regen_arg(rust2go::RegenArgs {{ src: \"./src/<idl>.rs\".into(), \
                     dst: \"./go/gen.go\".into(), ..Default::default() }})`",
                    several.iter().map(|p| rel(p)).collect::<Vec<_>>().join(", ")
                ))
            }
        }
    }
    let Some((src, how)) = found else { return Ok(None) };
    // The generated file the CLI wrote (its options are kept), else `gen.go`.
    let (dst, existing) = match &generated[..] {
        [(file, text)] => (file.clone(), Some(text.as_str())),
        _ => (go_src.join("gen.go"), None),
    };
    let without_main = existing.map(|t| !t.lines().any(|l| l.trim() == "func main() {}")).unwrap_or(false);
    let go118 = existing.map(|t| t.contains("type r2gStringHeader struct")).unwrap_or(false);
    // `--go-style=idiomatic`: the file is what that style generates (gofmt needs Go, which
    // docs.rs lacks; the style does not change the Rust glue).
    let idiomatic = existing.is_some() && std::env::var_os("DOCS_RS").is_none() && {
        let opts = rust2go_emit::GoOptions {
            go118,
            without_main,
            source_name: src.file_name().map(|n| n.to_string_lossy().into_owned()),
            style: rust2go_emit::GoStyle::Idiomatic,
        };
        rust2go_emit::generate(&src, &opts, true).map(|g| Some(g.go.as_str()) == existing).unwrap_or(false)
    };
    super::rerun::cargo(format!(
        "warning=rust2go: no RegenArgs given: generating the Rust glue and {} from {} (found by {how}); \
         `.with_regen_arg(..)` names the IDL file explicitly",
        rel(&dst),
        rel(&src)
    ));
    Ok(Some(RegenArgs {
        src: rel(&src),
        dst: rel(&dst),
        go118,
        without_main,
        go_style: if idiomatic { rust2go_emit::GoStyle::Idiomatic } else { rust2go_emit::GoStyle::Compat },
        ..Default::default()
    }))
}

/// What the builder writes as the glue file when it found no IDL file: a crate that includes
/// it learns why it is empty and what to add.
pub(super) fn missing_glue(manifest: &Path, go_src: &Path) -> String {
    let go_dir = go_src.strip_prefix(manifest).unwrap_or(go_src).display().to_string();
    let msg = format!(
        "rust2go: the build script's Builder has no RegenArgs and found no IDL file to generate this glue from: no \
         generated .go file in {go_dir} names a file under src/ (`// Source: <file>.rs`), and no file under src/ \
         includes the glue with `rust2go::r2g_include_binding!()`. Name the IDL file in build.rs: \
         `.with_regen_arg(rust2go::RegenArgs {{ src: \"./src/<idl>.rs\".into(), dst: \"{go_dir}/gen.go\".into(), \
         ..Default::default() }})`"
    );
    format!("{}\n::core::compile_error!({msg:?});\n", rust2go_emit::header_line("//"))
}

/// The generated Go files of the package: this version's (stamped) and rust2go 0.4's.
fn generated_go_files(go_src: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(go_src) else { return out };
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().map(|x| x == "go").unwrap_or(false) {
            if let Ok(text) = std::fs::read_to_string(&p) {
                if rust2go_emit::stamped_version(&text).is_some() || text.contains("// Generated by rust2go.") {
                    out.push((p, text));
                }
            }
        }
    }
    out.sort();
    out
}

/// `user.rs` from `// Source: user.rs. Regenerate ..` (one IDL file; a package generated from
/// several lists them all, and needs its RegenArgs).
fn source_header(text: &str) -> Option<String> {
    let line = text.lines().take(5).find_map(|l| l.strip_prefix("// Source: "))?;
    let name = line.split(". ").next()?.trim_end_matches('.');
    (!name.contains(", ") && name.ends_with(".rs")).then(|| name.to_string())
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().map(|x| x == "rs").unwrap_or(false) {
            out.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_headers() {
        let h = "// Code generated by rust2go 0.1.0. DO NOT EDIT.\n// Source: user.rs. Regenerate with rust2go-cli (or the build helper); edit the IDL, not this file.\n";
        assert_eq!(source_header(h).as_deref(), Some("user.rs"));
        assert_eq!(source_header("// Source: a.rs, b.rs. Regenerate").as_deref(), None);
        assert_eq!(source_header("package main\n"), None);
    }
}

//! Mutation testing of the IDL check against the back-ends: every IDL the model accepts must
//! generate Go that gofmt accepts and Rust glue that parses, and a sample of them Go that
//! `go vet` (the Go type checker, cgo included) accepts.
//!
//! The mutants are derived deterministically from the fixture IDLs (`tests/fixtures/*.rs`) and
//! a seed: identifiers replaced by names that Go, C or the generated code already use (or by
//! other names of the same file), numbers by extreme values, types wrapped in more types, lines
//! duplicated or dropped, method attributes added. A failure prints the mutant.
//!
//! Bounded: `R2G_MUTANTS` mutants (default 400) of which `R2G_MUTANTS_VET` (default 12) accepted
//! ones are vetted (in one `go vet` run), generating for at most `R2G_MUTANTS_SECS` seconds
//! (default 30); `R2G_MUTANTS_SEED` picks another sequence (default 1). Run more with e.g.
//! `R2G_MUTANTS=5000 R2G_MUTANTS_VET=100 R2G_MUTANTS_SECS=900 cargo test -p rust2go-emit --test mutate`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rust2go_emit::{emit_go, emit_rust, gofmt, GoOptions};

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Names something in Go, C or the generated file already uses.
const TAKEN: &[&str] = &[
    // Go keywords and predeclared identifiers
    "type", "func", "range", "defer", "go", "map", "chan", "select", "fallthrough", "string", "error", "byte", "int",
    "nil", "append", "copy", "panic", "len", "new", "make", "cap", "true", "iota", "any", "recover",
    // packages and names of the generated file
    "C", "fmt", "debug", "unsafe", "sync", "cgo", "errors", "atomic", "context", "runtime", "main", "init",
    "RustPanic", "ctx", "b", "r", "e", "err", "x", "v", "sl", "args", "out", "p0", "a0", "a1", "end", "slot",
    "complete", "mem", "q", "hd", "ch",
    // C keywords and names in the C prototypes
    "char", "void", "union", "static", "double", "float", "long", "unsigned", "register", "volatile", "errno",
    "scratch", "scratch_cap", "args_len", "handle", "uint8_t", "uintptr_t", "NULL",
    // Rust raw identifiers and names of generated Go types and methods
    "r#type", "r#match", "Clone", "Error", "Tuple_u8_u8", "Vec_u8", "TypesImpl", "GoCallImpl", "ColorRed",
    "_0", "_", "Self", "self", "super", "crate", "String", "Vec",
];

const NUMBERS: &[&str] =
    &["0", "1", "2", "3", "255", "65536", "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551615", "-9223372036854775808", "-1"];

const WRAPS: &[(&str, &str)] = &[
    ("Vec<", ">"),
    ("Option<", ">"),
    ("Box<", ">"),
    ("Option<Box<", ">>"),
    ("[", "; 3]"),
    ("(", ",)"),
    ("(u8, ", ")"),
    ("HashMap<String, ", ">"),
    ("BTreeMap<char, ", ">"),
    ("Result<", ", String>"),
];

const ATTRS: &[&str] = &["#[mem]", "#[go_context]", "#[go_inline]", "#[drop_safe]", "#[go_pass_struct]", "#[send]"];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Ident,
    Number,
    Other,
}

/// The source as tokens (identifiers, numbers, single other characters, whitespace runs).
fn tokens(src: &str) -> Vec<(Kind, String)> {
    let mut out: Vec<(Kind, String)> = Vec::new();
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let kind = if c.is_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            Kind::Ident
        } else if c.is_ascii_digit() {
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            Kind::Number
        } else {
            i += 1;
            Kind::Other
        };
        out.push((kind, chars[start..i].iter().collect()));
    }
    out
}

/// A mutant, and whether it gave a declared name one that something else already uses (the
/// mutants most worth a `go vet`).
fn mutate(src: &str, rng: &mut Rng) -> (String, bool) {
    let mut toks = tokens(src);
    let idents: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].0 == Kind::Ident).collect();
    let numbers: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].0 == Kind::Number).collect();
    // Identifiers written in the file: reusing one elsewhere makes names collide.
    let own: Vec<String> = idents.iter().map(|&i| toks[i].1.clone()).collect();
    // Names being declared (before `:`, after `struct`, `enum`, `trait`, `fn`): mutated more.
    let text_at = |i: usize| toks.get(i).map_or("", |t| t.1.as_str());
    let decls: Vec<usize> = idents
        .iter()
        .copied()
        .filter(|&i| text_at(i + 1) == ":" || (i >= 2 && matches!(text_at(i - 2), "struct" | "enum" | "trait" | "fn")))
        .collect();
    // Parameter names: before `:` inside parentheses.
    let mut depth = 0i32;
    let mut params = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t.1.as_str() {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ if depth > 0 && t.0 == Kind::Ident && text_at(i + 1) == ":" && text_at(i + 2) != ":" => params.push(i),
            _ => {}
        }
    }
    let mut taken_decl = false;
    if rng.below(4) == 0 && !params.is_empty() {
        // Many parameters at once, each to a different taken name (renamed on the generated
        // side, so such mutants are accepted): many chances per vet.
        let mut names: Vec<&str> = TAKEN.to_vec();
        for _ in 0..5 + rng.below(20) {
            let i = *rng.pick(&params);
            if names.is_empty() {
                break;
            }
            let k = rng.below(names.len());
            toks[i].1 = names.swap_remove(k).to_string();
        }
        return (toks.into_iter().map(|t| t.1).collect(), true);
    }
    for _ in 0..1 + rng.below(3) {
        match rng.below(8) {
            0..=2 => {
                let decl = rng.below(2) == 0 && !decls.is_empty();
                let i = if decl { *rng.pick(&decls) } else { *rng.pick(&idents) };
                let taken = rng.below(3) != 0;
                toks[i].1 = if taken { rng.pick(TAKEN).to_string() } else { rng.pick(&own).clone() };
                taken_decl |= decl && taken;
            }
            3 if !numbers.is_empty() => {
                let i = *rng.pick(&numbers);
                toks[i].1 = rng.pick(NUMBERS).to_string();
            }
            4 => {
                // Wrap a type: an identifier right after `: `, `<` or `-> `.
                let typeish: Vec<usize> = idents
                    .iter()
                    .copied()
                    .filter(|&i| i >= 2 && (toks[i - 1].1 == "<" || toks[i - 2].1 == ":" || toks[i - 2].1 == ">"))
                    .collect();
                if let Some(&i) = typeish.get(rng.below(typeish.len().max(1))) {
                    let (a, b) = *rng.pick(WRAPS);
                    let depth = 1 + rng.below(3);
                    toks[i].1 = format!("{}{}{}", a.repeat(depth), toks[i].1, b.repeat(depth));
                }
            }
            5 => {
                let fns: Vec<usize> = idents.iter().copied().filter(|&i| toks[i].1 == "fn" || toks[i].1 == "async").collect();
                if !fns.is_empty() {
                    let i = *rng.pick(&fns);
                    toks[i].1 = format!("{} {}", rng.pick(ATTRS), toks[i].1);
                }
            }
            _ => {
                let text: String = toks.iter().map(|t| t.1.as_str()).collect();
                let mut lines: Vec<&str> = text.lines().collect();
                let i = rng.below(lines.len());
                if rng.below(2) == 0 {
                    lines.insert(i, lines[i]);
                } else {
                    lines.remove(i);
                }
                return (lines.join("\n"), taken_decl);
            }
        }
    }
    (toks.into_iter().map(|t| t.1).collect(), taken_decl)
}

fn fixtures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    out
}

/// Vets the packages `m0`, `m1`, .. (one mutant's gen.go each) of one module in one `go vet`
/// run; returns go's complaints per package index.
fn go_vet_all(dir: &Path, gens: &[String]) -> Vec<(usize, String)> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("go.mod"), "module r2gmutant\n\ngo 1.20\n").unwrap();
    for (i, g) in gens.iter().enumerate() {
        let pkg = dir.join(format!("m{i}"));
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("gen.go"), g).unwrap();
    }
    let go = std::env::var_os("GO").unwrap_or_else(|| "go".into());
    let o = Command::new(go)
        .args(["vet", "./..."])
        .current_dir(dir)
        .env("CGO_ENABLED", "1")
        .env("GOFLAGS", "-mod=mod")
        .output()
        .expect("cannot run go");
    if o.status.success() {
        return vec![];
    }
    let text = String::from_utf8_lossy(&o.stderr).into_owned();
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, _) in gens.iter().enumerate() {
        let tag = format!("m{i}/");
        let lines: Vec<&str> = text.lines().filter(|l| l.contains(&tag) || l.contains(&format!("r2gmutant/m{i}\n"))).collect();
        if !lines.is_empty() {
            out.push((i, lines.join("\n")));
        }
    }
    if out.is_empty() {
        out.push((usize::MAX, text));
    }
    out
}

/// What went wrong with an accepted mutant, if anything.
fn check_accepted(model: &rust2go_model::Model) -> Result<String, String> {
    let run = |f: &dyn Fn() -> String| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| "the emitter panicked".to_string());
    let go = run(&|| emit_go(model, &GoOptions::default()))?;
    let go = gofmt(&go)?;
    let go118 = run(&|| emit_go(model, &GoOptions { go118: true, ..GoOptions::default() }))?;
    gofmt(&go118)?;
    let rust = run(&|| emit_rust(model))?;
    syn::parse_file(&rust).map_err(|e| format!("the Rust glue does not parse: {e}\n{rust}"))?;
    Ok(go)
}

#[test]
fn accepted_mutants_generate_go_that_builds() {
    let cases = env_num("R2G_MUTANTS", 400);
    let vets = env_num("R2G_MUTANTS_VET", 12);
    let budget = Duration::from_secs(env_num("R2G_MUTANTS_SECS", 30));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ env_num("R2G_MUTANTS_SEED", 1).wrapping_mul(0x1000_0000_01b3));
    let sources = fixtures();
    let start = Instant::now();
    let vet_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("r2g-mutants");
    let (mut accepted, mut done) = (0u64, 0u64);
    let mut failures = Vec::new();
    // Accepted mutants to vet (spread over the run), with their sources for the report.
    let mut to_vet: Vec<(String, String)> = Vec::new();
    let vet_every = (cases / 4 / vets.max(1)).max(1);
    while done < cases && start.elapsed() < budget {
        let (name, src) = rng.pick(&sources).clone();
        let (mutant, interesting) = mutate(&src, &mut rng);
        done += 1;
        let parsed = std::panic::catch_unwind(|| rust2go_model::parse_file_str(&mutant).map_err(|e| e.len()));
        let model = match parsed {
            Err(_) => {
                failures.push(format!("mutant {done} of {name}: the parser panicked\n{mutant}"));
                continue;
            }
            Ok(Err(_)) => continue,
            Ok(Ok(m)) => m,
        };
        accepted += 1;
        match check_accepted(&model) {
            Err(e) => failures.push(format!("mutant {done} of {name} is accepted but: {e}\n--- mutant ---\n{mutant}")),
            // Every mutant that renamed a declaration to a taken name, and a sample of the rest.
            Ok(go) if (to_vet.len() as u64) < vets && (interesting || accepted % vet_every == 0) => {
                to_vet.push((go, format!("mutant {done} of {name}:\n{mutant}")))
            }
            Ok(_) => {}
        }
        if failures.len() >= 3 {
            break;
        }
    }
    let gens: Vec<String> = to_vet.iter().map(|(g, _)| g.clone()).collect();
    for (i, complaint) in go_vet_all(&vet_dir, &gens) {
        let which = to_vet.get(i).map_or("(unattributed)", |(_, m)| m.as_str());
        failures.push(format!("go vet fails:\n{complaint}\n--- {which}"));
    }
    eprintln!("{done} mutants in {:.1?}: {accepted} accepted, {} vetted", start.elapsed(), to_vet.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n=====\n\n"));
    assert!(accepted > 0 && done > 0, "the mutator produced nothing the model accepts");
}

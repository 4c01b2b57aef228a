//! `#[cfg(..)]` on IDL items: the predicate as an expression, and the values it is evaluated
//! against.
//!
//! The proc-macro keeps every `#[cfg]` on the Rust items it emits, so rustc decides what the
//! Rust side compiles. The Go side is generated outside rustc, so the build helper evaluates
//! the same predicates from Cargo's `CARGO_CFG_*` / `CARGO_FEATURE_*` variables
//! ([`CfgSet::from_cargo_env`]) and gen.go holds exactly the items the Rust side compiles. The
//! CLI has no Cargo environment: it includes every item ([`CfgMode::IncludeAll`]) unless it is
//! given `--cfg` / `--features` values.

use std::collections::BTreeSet;
use std::fmt;

/// A `#[cfg(..)]` predicate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CfgExpr {
    /// A bare name: `unix`, `test`, `docsrs`, `debug_assertions`.
    Name(String),
    /// `key = "value"`: `feature = "x"`, `target_os = "linux"`.
    KeyValue(String, String),
    All(Vec<CfgExpr>),
    Any(Vec<CfgExpr>),
    Not(Box<CfgExpr>),
}

impl CfgExpr {
    /// Parses the inside of `cfg(..)`.
    pub fn parse_meta(meta: &syn::Meta) -> syn::Result<CfgExpr> {
        match meta {
            syn::Meta::Path(p) => match p.get_ident() {
                Some(i) => Ok(CfgExpr::Name(i.to_string())),
                None => Err(syn::Error::new_spanned(p, "rust2go: expected a cfg name (`unix`, `docsrs`, ..)")),
            },
            syn::Meta::NameValue(nv) => {
                let key = nv.path.get_ident().map(|i| i.to_string());
                let value = match &nv.value {
                    syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
                    _ => None,
                };
                match (key, value) {
                    (Some(k), Some(v)) => Ok(CfgExpr::KeyValue(k, v)),
                    _ => Err(syn::Error::new_spanned(nv, "rust2go: expected `key = \"value\"` in a cfg predicate")),
                }
            }
            syn::Meta::List(l) => {
                let name = l.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
                let parser = syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated;
                let items = syn::parse::Parser::parse2(parser, l.tokens.clone())?;
                let items = items.iter().map(CfgExpr::parse_meta).collect::<syn::Result<Vec<_>>>()?;
                match name.as_str() {
                    "all" => Ok(CfgExpr::All(items)),
                    "any" => Ok(CfgExpr::Any(items)),
                    "not" if items.len() == 1 => Ok(CfgExpr::Not(Box::new(items.into_iter().next().expect("one item")))),
                    "not" => Err(syn::Error::new_spanned(l, "rust2go: `not(..)` takes exactly one predicate")),
                    _ => Err(syn::Error::new_spanned(&l.path, "rust2go: expected `all(..)`, `any(..)` or `not(..)` in a cfg predicate")),
                }
            }
        }
    }

    /// The predicate of an item's `#[cfg(..)]` attributes (several are all required), `None`
    /// when it has none. Errors point at the predicate.
    pub fn of_attrs(attrs: &[syn::Attribute]) -> syn::Result<Option<CfgExpr>> {
        let mut preds = Vec::new();
        for a in attrs.iter().filter(|a| a.path().is_ident("cfg")) {
            let meta = match &a.meta {
                syn::Meta::List(l) => l.parse_args::<syn::Meta>()?,
                other => return Err(syn::Error::new_spanned(other, "rust2go: expected `#[cfg(<predicate>)]`")),
            };
            preds.push(CfgExpr::parse_meta(&meta)?);
        }
        Ok(match preds.len() {
            0 => None,
            1 => preds.pop(),
            _ => Some(CfgExpr::All(preds)),
        })
    }

    pub fn eval(&self, set: &CfgSet) -> bool {
        match self {
            CfgExpr::Name(n) => set.names.contains(n),
            CfgExpr::KeyValue(k, v) if k == "feature" => set.features.contains(&feature_key(v)),
            CfgExpr::KeyValue(k, v) => set.pairs.contains(&(k.clone(), v.clone())),
            CfgExpr::All(xs) => xs.iter().all(|x| x.eval(set)),
            CfgExpr::Any(xs) => xs.iter().any(|x| x.eval(set)),
            CfgExpr::Not(x) => !x.eval(set),
        }
    }
}

/// Rust syntax, as written inside `cfg(..)`.
impl fmt::Display for CfgExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, name: &str, xs: &[CfgExpr]| {
            write!(f, "{name}(")?;
            for (i, x) in xs.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{x}")?;
            }
            f.write_str(")")
        };
        match self {
            CfgExpr::Name(n) => f.write_str(n),
            CfgExpr::KeyValue(k, v) => write!(f, "{k} = {v:?}"),
            CfgExpr::All(xs) => list(f, "all", xs),
            CfgExpr::Any(xs) => list(f, "any", xs),
            CfgExpr::Not(x) => write!(f, "not({x})"),
        }
    }
}

/// Cargo's spelling of a feature in `CARGO_FEATURE_<NAME>`: upper case, `-` as `_`.
fn feature_key(name: &str) -> String {
    name.to_uppercase().replace('-', "_")
}

/// The cfg values predicates are evaluated against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CfgSet {
    names: BTreeSet<String>,
    pairs: BTreeSet<(String, String)>,
    /// In Cargo's spelling (see `feature_key`), as the environment gives no other.
    features: BTreeSet<String>,
}

impl CfgSet {
    /// What Cargo tells a build script about the crate being compiled: each
    /// `CARGO_CFG_<KEY>` (empty: the bare name `key`; otherwise `key = "v"` for each
    /// comma-separated value) and each `CARGO_FEATURE_<NAME>`. (`--cfg docsrs` given to rustdoc
    /// only, as docs.rs does, is not among them: rustc compiles such a crate without it.)
    pub fn from_cargo_env() -> CfgSet {
        CfgSet::from_vars(std::env::vars())
    }

    /// [`CfgSet::from_cargo_env`] over given variables.
    pub fn from_vars(vars: impl IntoIterator<Item = (String, String)>) -> CfgSet {
        let mut set = CfgSet::default();
        for (k, v) in vars {
            if let Some(name) = k.strip_prefix("CARGO_FEATURE_") {
                set.features.insert(name.to_string());
            } else if let Some(key) = k.strip_prefix("CARGO_CFG_") {
                let key = key.to_lowercase();
                if v.is_empty() {
                    set.names.insert(key);
                } else {
                    for value in v.split(',') {
                        set.pairs.insert((key.clone(), value.to_string()));
                    }
                }
            }
        }
        set
    }

    /// Sets a bare name (`NAME`) or a pair (`key="value"`, quotes optional), as `--cfg` takes it.
    pub fn set_cfg(&mut self, spec: &str) -> Result<(), String> {
        let bad = || format!("`{spec}`: expected NAME or NAME=\"VALUE\"");
        let ident = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        match spec.split_once('=') {
            None if ident(spec) => {
                self.names.insert(spec.to_string());
            }
            Some((k, v)) if ident(k.trim()) => {
                let v = v.trim();
                let v = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(v);
                if k.trim() == "feature" {
                    self.features.insert(feature_key(v));
                } else {
                    self.pairs.insert((k.trim().to_string(), v.to_string()));
                }
            }
            _ => return Err(bad()),
        }
        Ok(())
    }

    /// Enables a Cargo feature (`feature = "name"`).
    pub fn set_feature(&mut self, name: &str) {
        self.features.insert(feature_key(name));
    }
}

/// Which IDL items a parse keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CfgMode {
    /// Every item, whatever its `#[cfg]` (the proc-macro, which leaves the decision to rustc,
    /// and the CLI without `--cfg` / `--features`).
    #[default]
    IncludeAll,
    /// The items whose `#[cfg]` holds for these values.
    Evaluate(CfgSet),
}

impl CfgMode {
    /// Whether an item with this predicate is kept.
    pub fn keeps(&self, pred: Option<&CfgExpr>) -> bool {
        match (self, pred) {
            (_, None) | (CfgMode::IncludeAll, _) => true,
            (CfgMode::Evaluate(set), Some(p)) => p.eval(set),
        }
    }
}

/// An item under `#[cfg]` that an evaluating parse decided on: the Rust glue turns it into a
/// compile-time check that rustc decides the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CfgDecision {
    /// What the item is, for the message: `trait Calls`, `method Calls::ping`, `field User::id`.
    pub what: String,
    pub pred: CfgExpr,
    pub kept: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(src: &str) -> CfgExpr {
        let item: syn::ItemStruct = syn::parse_str(&format!("#[cfg({src})] struct S;")).unwrap();
        CfgExpr::of_attrs(&item.attrs).unwrap().unwrap()
    }

    fn cargo(vars: &[(&str, &str)]) -> CfgSet {
        CfgSet::from_vars(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    #[test]
    fn parses_and_prints() {
        for src in ["unix", "feature = \"a-b\"", "all(unix, not(docsrs))", "any(target_os = \"linux\", test)", "all()"] {
            assert_eq!(expr(src).to_string(), src);
        }
        let item: syn::ItemStruct = syn::parse_str("#[cfg(unix)] #[cfg(feature = \"x\")] struct S;").unwrap();
        assert_eq!(CfgExpr::of_attrs(&item.attrs).unwrap().unwrap().to_string(), "all(unix, feature = \"x\")");
        for bad in ["#[cfg(not(a, b))] struct S;", "#[cfg(xor(a))] struct S;", "#[cfg(a = 1)] struct S;", "#[cfg] struct S;"] {
            let item: syn::ItemStruct = syn::parse_str(bad).unwrap();
            assert!(CfgExpr::of_attrs(&item.attrs).is_err(), "{bad}");
        }
    }

    #[test]
    fn evaluates_from_cargo_variables() {
        let set = cargo(&[
            ("CARGO_CFG_UNIX", ""),
            ("CARGO_CFG_TARGET_OS", "linux"),
            ("CARGO_CFG_TARGET_FEATURE", "fxsr,sse,sse2"),
            ("CARGO_FEATURE_FAST_PATH", "1"),
            ("PATH", "/bin"),
        ]);
        assert!(expr("unix").eval(&set));
        assert!(!expr("windows").eval(&set));
        assert!(expr("target_os = \"linux\"").eval(&set));
        assert!(expr("target_feature = \"sse2\"").eval(&set));
        assert!(expr("feature = \"fast-path\"").eval(&set));
        assert!(expr("feature = \"fast_path\"").eval(&set));
        assert!(!expr("feature = \"slow\"").eval(&set));
        assert!(expr("all(unix, not(docsrs), any(test, feature = \"fast-path\"))").eval(&set));
        assert!(!expr("any()").eval(&set));
        assert!(expr("all()").eval(&set));
        // Cargo never sets `test` for a build script.
        assert!(!expr("test").eval(&set));
        assert!(expr("docsrs").eval(&cargo(&[("CARGO_CFG_DOCSRS", "")])));
    }

    #[test]
    fn cli_values() {
        let mut set = CfgSet::default();
        set.set_cfg("tokio_unstable").unwrap();
        set.set_cfg("target_os=\"linux\"").unwrap();
        set.set_cfg("feature=simd").unwrap();
        set.set_feature("a-b");
        assert!(expr("all(tokio_unstable, target_os = \"linux\", feature = \"simd\", feature = \"a-b\")").eval(&set));
        assert!(set.set_cfg("a b").is_err());
        assert!(set.set_cfg("=x").is_err());
        assert!(CfgMode::IncludeAll.keeps(Some(&expr("any()"))));
        assert!(!CfgMode::Evaluate(set).keeps(Some(&expr("any()"))));
    }
}

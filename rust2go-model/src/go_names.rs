//! How the generated Go spells the IDL's names, per [`GoStyle`], and the check that the
//! spelling is unambiguous.
//!
//! [`GoStyle::Compat`] (the default) keeps the Rust names (`login_async`, `user_id`), as
//! rust2go 0.4 generated them. [`GoStyle::Idiomatic`] exports methods and fields in CamelCase
//! with Go's initialisms (`LoginAsync`, `UserID`, `HTTPURL`). Types and traits keep their
//! names in both styles (they already are CamelCase); C symbols never change, so the Rust
//! side does not depend on the style.

use crate::errors::{self, Errors};
use crate::types::{Model, VariantFields};
use proc_macro2::Span;

/// The Go style of a whole generated file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum GoStyle {
    /// Rust's names, every non-scalar parameter behind a pointer (rust2go 0.4's output).
    #[default]
    Compat,
    /// Exported CamelCase methods and fields, parameters by value except structs, the IDL's
    /// doc comments as Go doc comments.
    Idiomatic,
}

impl GoStyle {
    /// The spelling the CLI takes (`--go-style=idiomatic`).
    pub fn parse(s: &str) -> Option<GoStyle> {
        match s {
            "compat" => Some(GoStyle::Compat),
            "idiomatic" => Some(GoStyle::Idiomatic),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            GoStyle::Compat => "compat",
            GoStyle::Idiomatic => "idiomatic",
        }
    }

    /// The Go name of a method or field.
    pub fn member(self, rust_name: &str) -> String {
        match self {
            GoStyle::Compat => rust_name.to_string(),
            GoStyle::Idiomatic => exported(rust_name),
        }
    }

    /// The Go name of the `i`-th field of a tuple or tuple variant (`_0`, or `F0` exported).
    pub fn tuple_field(self, i: usize) -> String {
        match self {
            GoStyle::Compat => format!("_{i}"),
            GoStyle::Idiomatic => format!("F{i}"),
        }
    }
}

/// Go's common initialisms (the list of Go's linters), written in upper case when they are a
/// whole word of a name.
pub const INITIALISMS: &[&str] = &[
    "ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP", "JSON", "LHS",
    "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL", "UDP", "UI", "UID", "UUID", "URI",
    "URL", "UTF8", "VM", "XML", "XMPP", "XSRF", "XSS",
];

/// The words of a Rust name: split at `_` and where a lower-case letter or digit is followed
/// by an upper-case one (`userId` → `user`, `Id`).
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let mut word = String::new();
        let mut prev_lower = false;
        for c in part.chars() {
            if c.is_uppercase() && prev_lower && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            word.push(c);
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}

/// An exported Go name: `login_async` → `LoginAsync`, `user_id` → `UserID`, `http_url` →
/// `HTTPURL`, `name` → `Name`. A name without letters (`_`) stays as it is.
pub fn exported(name: &str) -> String {
    let ws = words(name);
    if ws.is_empty() {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    for w in ws {
        let upper = w.to_uppercase();
        if INITIALISMS.contains(&upper.as_str()) {
            out.push_str(&upper);
        } else {
            let mut cs = w.chars();
            if let Some(first) = cs.next() {
                out.extend(first.to_uppercase());
                out.push_str(cs.as_str());
            }
        }
    }
    out
}

/// An unexported Go name (parameters): `user_id` → `userID`, `http_url` → `httpURL`, `id` →
/// `id`, `name` → `name`.
pub fn unexported(name: &str) -> String {
    let ws = words(name);
    let Some(first) = ws.first() else { return name.to_string() };
    let rest: String = ws[1..].iter().map(|w| exported(w)).collect();
    let mut cs = first.chars();
    let head: String = if INITIALISMS.contains(&first.to_uppercase().as_str()) {
        first.to_lowercase()
    } else {
        cs.next().map(|c| c.to_lowercase().chain(cs).collect()).unwrap_or_default()
    };
    head + &rest
}

/// Methods every generated Go struct has (`Clone`), and the one an error type gets.
const STRUCT_METHODS: &[&str] = &["Clone"];

/// Checks that the Go names of `style` are unambiguous: two fields of one struct or variant,
/// or two methods of one trait, must not become the same Go name, and no field may take the
/// name of a method the generated type has (`Clone`, `Error` on error types). Every clash is
/// reported at the later name, naming both.
pub fn check_go_names(model: &Model, style: GoStyle, errs: &mut Errors) {
    if style == GoStyle::Compat {
        // Rust's own rules already make the names unique.
        return;
    }
    let error_types: Vec<&str> = model
        .traits
        .iter()
        .flat_map(|t| &t.methods)
        .filter_map(|m| match &m.err {
            Some(crate::Type::Named(n)) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    let reserved = |type_name: &str| -> Vec<String> {
        let mut r: Vec<String> = STRUCT_METHODS.iter().map(|s| s.to_string()).collect();
        if error_types.contains(&type_name) {
            r.push("Error".into());
        }
        r
    };
    for s in &model.structs {
        let names = s.fields.iter().map(|f| (f.name.as_str(), f.name_span));
        check_unique(names, style, &reserved(&s.name), &format!("fields of `{}`", s.name), errs);
    }
    for e in &model.enums {
        for v in &e.variants {
            if let VariantFields::Named(fs) = &v.fields {
                let names = fs.iter().map(|f| (f.name.as_str(), f.name_span));
                check_unique(names, style, &reserved(&e.name), &format!("fields of `{}::{}`", e.name, v.name), errs);
            }
        }
    }
    for t in &model.traits {
        let names = t.methods.iter().map(|m| (m.name.as_str(), m.span));
        check_unique(names, style, &[], &format!("methods of `{}`", t.name), errs);
    }
}

fn check_unique<'a>(
    names: impl Iterator<Item = (&'a str, Span)>,
    style: GoStyle,
    reserved: &[String],
    what: &str,
    errs: &mut Errors,
) {
    let mut seen: Vec<(&str, String)> = Vec::new();
    for (name, span) in names {
        let go = style.member(name);
        if let Some((other, _)) = seen.iter().find(|(_, g)| *g == go) {
            errs.push(span, errors::go_name_clash(other, name, &go, what, style.as_str()));
        } else if reserved.contains(&go) {
            errs.push(span, errors::go_name_reserved(name, &go, what, style.as_str()));
        }
        seen.push((name, go));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_with_initialisms() {
        for (rust, go) in [
            ("login_async", "LoginAsync"),
            ("user_id", "UserID"),
            ("name", "Name"),
            ("http_url", "HTTPURL"),
            ("userId", "UserID"),
            ("api_key2", "APIKey2"),
            ("json", "JSON"),
            ("to_utf8", "ToUTF8"),
            ("ids", "Ids"),
            ("_x", "X"),
            ("a__b", "AB"),
            ("_", "_"),
            ("Already", "Already"),
        ] {
            assert_eq!(exported(rust), go, "{rust}");
        }
        for (rust, go) in [("user_id", "userID"), ("http_url", "httpURL"), ("id", "id"), ("name", "name"), ("url_path", "urlPath"), ("type_", "type")] {
            assert_eq!(unexported(rust), go, "{rust}");
        }
    }

    #[test]
    fn clashes_name_both() {
        let m = crate::parse_file_str(
            "#[derive(R2G)] struct U { user_id: u32, userId: u32, clone: u8 }\n\
             #[rust2go::r2g] trait T { fn get_url(); fn get_URL(); }",
        )
        .unwrap();
        let mut errs = Errors::default();
        check_go_names(&m, GoStyle::Idiomatic, &mut errs);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("`user_id`") && msgs[0].contains("`userId`") && msgs[0].contains("`UserID`"), "{}", msgs[0]);
        assert!(msgs[1].contains("`clone`") && msgs[1].contains("`Clone`"), "{}", msgs[1]);
        assert!(msgs[2].contains("`get_url`") && msgs[2].contains("`get_URL`"), "{}", msgs[2]);
        let mut none = Errors::default();
        check_go_names(&m, GoStyle::Compat, &mut none);
        assert!(none.is_empty());
    }
}

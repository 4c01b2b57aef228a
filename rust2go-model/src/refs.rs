//! Which user types an IDL item names, and whether the file declares them: the unknown type
//! names are reported with the other IDL errors of the same pass, at the type's token, with
//! the nearest declared name as a suggestion.

use crate::errors::{self, Errors};
use crate::types::Prim;

/// The paths in `ty` that must name a `#[derive(R2G)]` type: every path without generic
/// arguments that is not a built-in type, at any depth (inside `Vec<..>`, `&..`, tuples,
/// arrays, slices, `impl Future<Output = ..>`). Names in `skip` (generic parameters) are left out.
pub fn user_type_paths<'a>(ty: &'a syn::Type, skip: &[String], out: &mut Vec<&'a syn::TypePath>) {
    match ty {
        syn::Type::Reference(r) => user_type_paths(&r.elem, skip, out),
        syn::Type::Paren(p) => user_type_paths(&p.elem, skip, out),
        syn::Type::Array(a) => user_type_paths(&a.elem, skip, out),
        syn::Type::Slice(s) => user_type_paths(&s.elem, skip, out),
        syn::Type::Tuple(t) => t.elems.iter().for_each(|e| user_type_paths(e, skip, out)),
        syn::Type::ImplTrait(it) => {
            for b in &it.bounds {
                let syn::TypeParamBound::Trait(tb) = b else { continue };
                let Some(syn::PathArguments::AngleBracketed(a)) = tb.path.segments.last().map(|s| &s.arguments) else { continue };
                for arg in &a.args {
                    if let syn::GenericArgument::AssocType(at) = arg {
                        user_type_paths(&at.ty, skip, out);
                    }
                }
            }
        }
        syn::Type::Path(tp) if tp.qself.is_none() => {
            let Some(seg) = tp.path.segments.last() else { return };
            match &seg.arguments {
                syn::PathArguments::AngleBracketed(a) => {
                    for arg in &a.args {
                        if let syn::GenericArgument::Type(inner) = arg {
                            user_type_paths(inner, skip, out);
                        }
                    }
                }
                syn::PathArguments::None => {
                    let name = seg.ident.to_string();
                    if !is_builtin_name(&name) && !skip.contains(&name) {
                        out.push(tp);
                    }
                }
                syn::PathArguments::Parenthesized(_) => {}
            }
        }
        _ => {}
    }
}

/// Names that never refer to a user's type: the supported built-ins, and the types the
/// parser rejects by name (reported as unsupported, not as unknown).
fn is_builtin_name(name: &str) -> bool {
    Prim::from_rust(name).is_some()
        || matches!(name, "String" | "char" | "str" | "Self")
        // `<Trait>Impl`: the handle of an object trait, resolved with the file's traits
        // (objects.rs); the model check reports one that names no object trait.
        || name.ends_with("Impl")
        || crate::parse::is_known_unsupported(name)
}

/// Built-in type names offered as suggestions for near misses (`Strin`, `Vev`).
const BUILTIN_NAMES: &[&str] = &["String", "bool", "char", "Vec", "Option", "Box", "HashMap", "BTreeMap"];

/// Every type an item's IDL uses: struct and enum fields, method parameters and results.
pub fn item_type_paths(item: &syn::Item) -> Vec<&syn::TypePath> {
    let mut out = Vec::new();
    match item {
        syn::Item::Struct(s) => {
            let skip = generic_names(&s.generics);
            s.fields.iter().for_each(|f| user_type_paths(&f.ty, &skip, &mut out));
        }
        syn::Item::Enum(e) => {
            let skip = generic_names(&e.generics);
            e.variants.iter().flat_map(|v| v.fields.iter()).for_each(|f| user_type_paths(&f.ty, &skip, &mut out));
        }
        syn::Item::Trait(t) => {
            for ti in &t.items {
                let syn::TraitItem::Fn(f) = ti else { continue };
                let mut skip = generic_names(&t.generics);
                skip.extend(generic_names(&f.sig.generics));
                for input in &f.sig.inputs {
                    if let syn::FnArg::Typed(pt) = input {
                        user_type_paths(&pt.ty, &skip, &mut out);
                    }
                }
                if let syn::ReturnType::Type(_, ty) = &f.sig.output {
                    user_type_paths(ty, &skip, &mut out);
                }
            }
        }
        _ => {}
    }
    out
}

fn generic_names(g: &syn::Generics) -> Vec<String> {
    g.type_params().map(|p| p.ident.to_string()).collect()
}

/// Reports each use of a type name that `declared` (the file's `#[derive(R2G)]` types, parsed
/// or not) lacks; `plain` are the file's structs and enums without the derive.
pub fn check_item(item: &syn::Item, user: &str, declared: &[String], plain: &[String], errs: &mut Errors) {
    for tp in item_type_paths(item) {
        let ident = &tp.path.segments.last().expect("a path has a segment").ident;
        let name = ident.to_string();
        if declared.contains(&name) {
            continue;
        }
        // A path (`std::io::Error`) is reported whole, at its first segment.
        let first = &tp.path.segments.first().expect("a path has a segment").ident;
        let msg = if plain.contains(&name) {
            errors::missing_derive(&name, user)
        } else if tp.path.segments.len() > 1 {
            let path = tp.path.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::");
            errors::foreign_type(&path, user)
        } else {
            let mut candidates: Vec<String> = declared.to_vec();
            candidates.extend(BUILTIN_NAMES.iter().map(|b| b.to_string()));
            errors::unknown_type(&name, user, suggest(&name, &candidates))
        };
        errs.push(first.span(), msg);
    }
}

/// The declared name nearest to `name` (edit distance, ignoring case, at most a third of its
/// length and at least 1), if any.
pub fn suggest<'a>(name: &str, declared: &'a [String]) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    declared
        .iter()
        .map(|d| (distance(&name.to_lowercase(), &d.to_lowercase()), d))
        .filter(|(dist, _)| *dist <= limit)
        .min_by_key(|(dist, _)| *dist)
        .map(|(_, d)| d.as_str())
}

/// Levenshtein distance, with adjacent transpositions counting as one edit.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_near_misses_only() {
        let declared = vec!["User".to_string(), "LoginResponse".to_string(), "Id".to_string()];
        assert_eq!(suggest("Uesr", &declared), Some("User"));
        assert_eq!(suggest("Usr", &declared), Some("User"));
        assert_eq!(suggest("user", &declared), Some("User"));
        assert_eq!(suggest("LoginRespons", &declared), Some("LoginResponse"));
        assert_eq!(suggest("Ix", &declared), Some("Id"));
        assert_eq!(suggest("Order", &declared), None);
        assert_eq!(suggest("Xyzzy", &[]), None);
    }
}

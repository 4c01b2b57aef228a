//! The checks over the parsed model that keep every accepted IDL generating Go and Rust that
//! build: names Go or the generated file already uses, names the generators would derive twice,
//! duplicates, and limits (nesting, value size). One place, run before any emitter, so that the
//! emitters may assume a checked model.
//!
//! The per-item checks ([`check_struct`], [`check_enum`], [`check_method`], [`check_trait`]) run
//! from the item parsers, so the macros report them too; [`check_model`] runs on a whole file
//! (CLI, build helper) and checks what only the whole file can tell.
//!
//! Names that are merely taken on one side (a parameter called `len`, `out` or `int`) are not
//! errors: the Go back-end renames them where it must. The user's own names colliding are.

use crate::errors::{self, Errors};
use crate::types::*;
use proc_macro2::Span;
use std::collections::{BTreeMap, BTreeSet};

/// A name the user wrote for something that becomes a Go identifier.
fn check_ident(name: &str, what: &str, span: Span, errs: &mut Errors) -> bool {
    if let Some(plain) = name.strip_prefix("r#") {
        if errors::GO_KEYWORDS.contains(&plain) {
            errs.push(span, errors::go_keyword(plain, what));
        } else {
            errs.push(span, errors::raw_identifier(name));
        }
        return false;
    }
    if errors::GO_KEYWORDS.contains(&name) {
        errs.push(span, errors::go_keyword(name, what));
        return false;
    }
    true
}

/// The name of a struct, enum or trait: a package-level Go type.
fn check_type_name(name: &str, what: &str, span: Span, errs: &mut Errors) {
    if !check_ident(name, what, span, errs) {
        return;
    }
    if errors::GO_PREDECLARED.contains(&name) || errors::GO_FILE_NAMES.contains(&name) {
        errs.push(span, errors::go_predeclared(name, what));
    } else if errors::is_go_local(name) {
        errs.push(span, errors::go_local(name, what));
    } else if name.starts_with("r2g") || name.starts_with("R2g") {
        errs.push(span, errors::reserved_name(name));
    } else if what != "trait" && (errors::IDL_TYPE_NAMES.contains(&name) || Prim::from_rust(name).is_some()) {
        errs.push(span, errors::idl_type_name(name));
    }
}

/// Reports the second and later of equal names.
fn check_unique<'a>(items: impl IntoIterator<Item = (&'a str, Span)>, what: &str, place: &str, errs: &mut Errors) {
    let mut seen = BTreeSet::new();
    for (name, span) in items {
        if !seen.insert(name) {
            errs.push(span, errors::declared_twice(what, name, place));
        }
    }
}

fn check_fields(fields: &[Field], go_type: &str, place: &str, errs: &mut Errors) {
    for f in fields {
        if check_ident(&f.name, "field", f.name_span, errs) && errors::GO_TYPE_METHODS.contains(&f.name.as_str()) {
            errs.push(f.name_span, errors::field_is_method(&f.name, go_type));
        }
        check_type(&f.ty, f.span, errs);
    }
    check_unique(fields.iter().map(|f| (f.name.as_str(), f.name_span)), "field", place, errs);
}

/// Limits of one type as written (named types count as one level and zero bytes here; their
/// own size is checked by [`check_model`]).
fn check_type(ty: &Type, span: Span, errs: &mut Errors) {
    if ty.depth() > errors::MAX_NESTING {
        errs.push(span, errors::too_deep(errors::MAX_NESTING));
    } else if go_size(ty, &|_| Some(0)).map_or(true, |n| n > errors::MAX_VALUE_SIZE) {
        errs.push(span, errors::too_large(&ty.rust(), errors::MAX_VALUE_SIZE));
    }
}

pub(crate) fn check_struct(s: &StructDef, errs: &mut Errors) {
    check_type_name(&s.name, "type", s.span, errs);
    check_fields(&s.fields, &s.name, &format!("struct `{}`", s.name), errs);
}

pub(crate) fn check_enum(e: &EnumDef, errs: &mut Errors) {
    check_type_name(&e.name, "type", e.span, errs);
    for v in &e.variants {
        check_ident(&v.name, "variant", v.span, errs);
        let place = format!("variant `{}::{}`", e.name, v.name);
        match &v.fields {
            VariantFields::Named(fs) => check_fields(fs, &format!("{}{}", e.name, v.name), &place, errs),
            VariantFields::Tuple(ts) => ts.iter().for_each(|t| check_type(t, v.span, errs)),
            VariantFields::Unit => {}
        }
    }
    check_unique(e.variants.iter().map(|v| (v.name.as_str(), v.span)), "variant", &format!("enum `{}`", e.name), errs);
    if e.is_fieldless() {
        let mut by_value: BTreeMap<i64, &str> = BTreeMap::new();
        for v in &e.variants {
            if let Some(other) = by_value.insert(v.discriminant, &v.name) {
                errs.push(v.span, errors::discriminant_twice(v.discriminant, &v.name, other));
                by_value.insert(v.discriminant, other);
            }
        }
    }
}

/// A method's own names and types (called by the method parser, so that a method with other
/// errors still has its names checked in the same pass).
pub(crate) fn check_method(m: &Method, errs: &mut Errors) {
    check_ident(&m.name, "method", m.span, errs);
    for p in &m.params {
        if check_ident(&p.name, "parameter", p.name_span, errs) && p.name.starts_with("r2g") {
            errs.push(p.name_span, errors::reserved_name(&p.name));
        }
        check_type(&p.ty, p.span, errs);
    }
    check_unique(m.params.iter().map(|p| (p.name.as_str(), p.name_span)), "parameter", &format!("method `{}`", m.name), errs);
    for t in m.ret.iter().chain(&m.err) {
        check_type(t, m.span, errs);
    }
}

pub(crate) fn check_trait(t: &TraitDef, errs: &mut Errors) {
    check_type_name(&t.name, "trait", t.span, errs);
    check_unique(t.methods.iter().map(|m| (m.name.as_str(), m.span)), "method", &format!("trait `{}`", t.name), errs);
    if t.is_object() {
        // The generated object types have fields and exports of their own named `r2g..`.
        for m in t.methods.iter().filter(|m| m.name.starts_with("r2g")) {
            errs.push(m.span, errors::reserved_name(&m.name));
        }
    }
}

/// Size in bytes of a value in Go's layout (64-bit), `None` on overflow. `named` gives the size
/// of a struct or enum.
fn go_size(ty: &Type, named: &dyn Fn(&str) -> Option<u64>) -> Option<u64> {
    Some(match ty {
        Type::Prim(p) => p.size() as u64,
        Type::Char => 4,
        Type::String => 16,
        Type::Vec(_) => 24,
        Type::Option(_) | Type::Map(..) => 8,
        Type::Boxed(t) => go_size(t, named)?,
        Type::Array(t, n) => go_size(t, named)?.checked_mul(*n as u64)?,
        Type::Tuple(ts) => ts.iter().try_fold(0u64, |acc, t| acc.checked_add(go_size(t, named)?))?,
        Type::Named(n) => named(n)?,
    })
}

/// The types a Go value of `ty` holds inline (not behind a pointer, slice, map or interface).
fn inline_named<'a>(ty: &'a Type, out: &mut Vec<&'a str>) {
    match ty {
        Type::Boxed(t) | Type::Array(t, _) => inline_named(t, out),
        Type::Tuple(ts) => ts.iter().for_each(|t| inline_named(t, out)),
        Type::Named(n) => out.push(n),
        _ => {}
    }
}

/// A use of a type: the type, where to report it, and the item it is used in.
type Use<'a> = (&'a Type, Span, &'a str);

/// Every use of a type in the model.
fn type_uses(model: &Model) -> Vec<Use<'_>> {
    let mut uses = Vec::new();
    for s in &model.structs {
        uses.extend(s.fields.iter().map(|f| (&f.ty, f.span, s.name.as_str())));
    }
    for e in &model.enums {
        for v in &e.variants {
            uses.extend(v.field_list().into_iter().map(|(_, _, t)| (t, v.span, e.name.as_str())));
        }
    }
    for t in &model.traits {
        for m in &t.methods {
            uses.extend(m.params.iter().map(|p| (&p.ty, p.span, t.name.as_str())));
            uses.extend(m.ret.iter().chain(&m.err).map(|r| (r, m.span, t.name.as_str())));
        }
    }
    uses
}

/// What only the whole file can tell: names resolve and are declared once, no two things get
/// the same generated Go name or symbol, no struct contains itself by value in Go, no value is
/// too large.
pub(crate) fn check_model(model: &Model, errs: &mut Errors) {
    let mut names: Vec<(&str, Span)> = model.structs.iter().map(|s| (s.name.as_str(), s.span)).collect();
    names.extend(model.enums.iter().map(|e| (e.name.as_str(), e.span)));
    check_unique(names.iter().copied(), "type", "this file", errs);
    check_unique(model.traits.iter().map(|t| (t.name.as_str(), t.span)), "trait", "this file", errs);

    let uses = type_uses(model);
    check_go_names(model, &uses, errs);
    check_symbols(model, errs);
    if !check_recursion(model, errs) {
        check_sizes(model, &uses, errs);
    }
}

/// Package-level Go names (types, enum constants and variant types, trait interfaces and their
/// `<Trait>Impl`, tuple types) must be distinct, and two different types must never share the
/// name fragment the generated helpers are named by.
fn check_go_names(model: &Model, uses: &[Use<'_>], errs: &mut Errors) {
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    let mut claim = |go: String, what: String, span: Span, errs: &mut Errors| match taken.get(&go) {
        Some(other) => errs.push(span, errors::go_name_taken(&go, &what, other)),
        None => {
            taken.insert(go, what);
        }
    };
    for s in &model.structs {
        claim(s.name.clone(), format!("struct `{}`", s.name), s.span, errs);
    }
    for e in &model.enums {
        claim(e.name.clone(), format!("enum `{}`", e.name), e.span, errs);
    }
    for t in &model.traits {
        claim(t.name.clone(), format!("trait `{}`", t.name), t.span, errs);
        claim(format!("{}Impl", t.name), format!("`{}Impl` (generated for trait `{}`)", t.name, t.name), t.span, errs);
        // The Go constructor variables (#[r2g]) and functions (#[g2r]) of object traits.
        for m in t.methods.iter().filter(|m| m.is_constructor(&t.name)) {
            let go = format!("{}{}", t.name, crate::go_names::exported(&m.name));
            claim(go, format!("the constructor `{}::{}`", t.name, m.name), m.span, errs);
        }
    }
    for e in &model.enums {
        for v in &e.variants {
            claim(format!("{}{}", e.name, v.name), format!("variant `{}::{}`", e.name, v.name), v.span, errs);
        }
    }
    let mut by_mangle: BTreeMap<String, Type> = BTreeMap::new();
    for n in model.structs.iter().map(|s| &s.name).chain(model.enums.iter().map(|e| &e.name)) {
        by_mangle.insert(n.clone(), Type::Named(n.clone()));
    }
    for &(ty, span, _) in uses {
        ty.visit(&mut |t| {
            let m = t.mangle();
            match by_mangle.get(&m) {
                Some(other) if other != t => errs.push(span, errors::mangle_clash(&other.rust(), &t.rust(), &m)),
                Some(_) => {}
                None => {
                    if let Type::Tuple(_) = t {
                        claim(t.go(), format!("the tuple `{}`", t.rust()), span, errs);
                    }
                    by_mangle.insert(m, t.clone());
                }
            }
        });
    }
}

/// C symbols of the Go exports must be distinct (they are built from trait and method names).
fn check_symbols(model: &Model, errs: &mut Errors) {
    let mut symbols: BTreeSet<String> = BTreeSet::new();
    for t in &model.traits {
        let mut own: Vec<(String, Span)> = t.methods.iter().map(|m| (t.symbol(m), m.span)).collect();
        if t.direction == Direction::GoToRust && t.methods.iter().any(|m| m.flavor == Flavor::Async) {
            own.push((t.g2r_complete_symbol(), t.span));
        }
        if t.has_ring() {
            own.push((t.shm_start_symbol(), t.span));
        }
        for (sym, span) in own {
            if !symbols.insert(sym.clone()) {
                errs.push(span, format!("rust2go: the Go export `{sym}` would be generated twice; rename the trait or method"));
            }
        }
    }
}

/// A struct that holds itself inline in Go (through `Box`, arrays or tuples) is an invalid
/// recursive Go type, though Rust accepts it behind a `Box`. Returns whether one was found.
fn check_recursion(model: &Model, errs: &mut Errors) -> bool {
    let mut found = false;
    let edges = |s: &StructDef| -> Vec<(String, String)> {
        let mut out = Vec::new();
        for f in &s.fields {
            let mut ns = Vec::new();
            inline_named(&f.ty, &mut ns);
            out.extend(ns.into_iter().filter(|n| model.find_struct(n).is_some()).map(|n| (n.to_string(), f.name.clone())));
        }
        out
    };
    for s in &model.structs {
        // Depth-first search from `s` for a path back to it, iterative.
        let mut stack: Vec<(String, Vec<String>)> = vec![(s.name.clone(), vec![])];
        let mut seen = BTreeSet::new();
        while let Some((n, path)) = stack.pop() {
            let Some(def) = model.find_struct(&n) else { continue };
            for (to, field) in edges(def) {
                let mut p = path.clone();
                p.push(format!("{n}.{field}"));
                if to == s.name {
                    errs.push(s.span, errors::go_recursive(&s.name, &p.join(" → ")));
                    found = true;
                    stack.clear();
                    break;
                }
                if seen.insert(to.clone()) {
                    stack.push((to, p));
                }
            }
        }
    }
    found
}

/// Value sizes including named types (each use's own size was checked by the item check).
fn check_sizes(model: &Model, uses: &[Use<'_>], errs: &mut Errors) {
    // Sizes of named types, computed to a fixed point (recursive types are reported by
    // check_recursion; their inline part stops growing once it exceeds the limit).
    let mut sizes: BTreeMap<String, Option<u64>> = BTreeMap::new();
    for e in &model.enums {
        sizes.insert(e.name.clone(), Some(if e.is_fieldless() { 8 } else { 16 }));
    }
    for _ in 0..=model.structs.len() {
        let mut changed = false;
        for s in &model.structs {
            let lookup = |n: &str| sizes.get(n).copied().unwrap_or(Some(0)).map(|v| v.min(errors::MAX_VALUE_SIZE + 1));
            let size = s.fields.iter().try_fold(0u64, |acc, f| acc.checked_add(go_size(&f.ty, &lookup)?));
            if sizes.get(&s.name) != Some(&size) {
                sizes.insert(s.name.clone(), size);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let lookup = |n: &str| sizes.get(n).copied().unwrap_or(Some(0));
    for &(ty, span, _) in uses {
        let own_ok = go_size(ty, &|_| Some(0)).is_some_and(|n| n <= errors::MAX_VALUE_SIZE);
        let total_ok = go_size(ty, &lookup).is_some_and(|n| n <= errors::MAX_VALUE_SIZE);
        if own_ok && !total_ok && ty.depth() <= errors::MAX_NESTING {
            errs.push(span, errors::too_large(&ty.rust(), errors::MAX_VALUE_SIZE));
        }
    }
}

/// Rejects token nesting (brackets and `<..>`) deeper than [`errors::MAX_TOKEN_NESTING`] before
/// syn parses the tokens: syn recurses per level (tens of KiB of stack per level in a debug
/// build) and would overflow the stack on absurd input. Iterative.
pub fn check_nesting(tokens: proc_macro2::TokenStream) -> syn::Result<()> {
    use proc_macro2::{Spacing, TokenTree};
    let limit = errors::MAX_TOKEN_NESTING;
    // One entry per open group: its remaining tokens and the `<` depth outside it.
    let mut stack: Vec<(proc_macro2::token_stream::IntoIter, usize)> = vec![(tokens.into_iter(), 0)];
    let mut angles = 0usize;
    // The previous token was a joint `-` or `=` (so a `>` closes `->` or `=>`, not a generic).
    let mut arrow = false;
    while let Some((iter, _)) = stack.last_mut() {
        let Some(tt) = iter.next() else {
            angles = stack.pop().map_or(0, |(_, outer)| outer);
            continue;
        };
        let after_arrow = std::mem::take(&mut arrow);
        match tt {
            TokenTree::Group(g) => {
                if stack.len() + angles > limit {
                    return Err(syn::Error::new(g.span_open(), errors::too_deep(errors::MAX_NESTING)));
                }
                stack.push((g.stream().into_iter(), angles));
                angles = 0;
            }
            TokenTree::Punct(p) => match p.as_char() {
                '<' => {
                    angles += 1;
                    if stack.len() + angles > limit {
                        return Err(syn::Error::new(p.span(), errors::too_deep(errors::MAX_NESTING)));
                    }
                }
                '>' if !after_arrow => angles = angles.saturating_sub(1),
                '-' | '=' => arrow = p.spacing() == Spacing::Joint,
                _ => {}
            },
            _ => {}
        }
    }
    Ok(())
}

//! syn → model, collecting every error in one pass.

use crate::cfg::{CfgDecision, CfgExpr, CfgMode};
use crate::check;
use crate::errors::{self, Errors};
use crate::types::*;
use crate::types::MapKind;
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::spanned::Spanned;

/// Arguments of `#[rust2go::r2g(...)]`: `binding = my_mod` (or the bare `my_mod`) and
/// `queue_size = N` (entries of the `#[mem]` queues), both optional.
#[derive(Clone, Debug)]
pub struct TraitArgs {
    pub binding: String,
    pub direction: Direction,
    pub queue_size: u32,
    /// Where `queue_size` was written (for errors that depend on the methods).
    pub queue_size_span: Option<Span>,
    /// `#[g2r(object = Type)]`: where the Rust type of a `#[g2r]` object trait was written, and
    /// its path (with the user's spans, for the macro's checks) when it is one the glue can
    /// name: a path without generics (anything else is reported).
    pub object: Option<(Span, Option<syn::Path>)>,
    /// The arguments could not be read (a syntax error, reported): whether they name an
    /// object type is unknown, so the trait is not checked for it.
    pub object_unknown: bool,
}

/// Entries of each `#[mem]` queue when `queue_size` is not given.
pub const DEFAULT_QUEUE_SIZE: u32 = 4096;

impl Default for TraitArgs {
    fn default() -> Self {
        TraitArgs {
            binding: "binding".into(),
            direction: Direction::RustToGo,
            queue_size: DEFAULT_QUEUE_SIZE,
            queue_size_span: None,
            object: None,
            object_unknown: false,
        }
    }
}

impl TraitArgs {
    /// Parses the arguments of `#[r2g(..)]` or `#[g2r(..)]`, reporting every bad one; the
    /// arguments come back with the defaults in place of the bad ones, so that the trait is
    /// checked in the same pass. A bad `object = ..` still counts as given (the trait is not
    /// also told to name its type).
    pub fn parse_all(tokens: TokenStream, direction: Direction) -> (TraitArgs, Errors) {
        let mut args = TraitArgs { direction, ..TraitArgs::default() };
        let mut errs = Errors::default();
        if tokens.is_empty() {
            return (args, errs);
        }
        let list = match syn::parse::Parser::parse2(parse_trait_arg_list, tokens) {
            Ok(l) => l,
            Err(e) => {
                errs.push_err(e);
                args.object_unknown = true;
                return (args, errs);
            }
        };
        for arg in list {
            match arg {
                TraitArg::Bare(p) if p.get_ident().is_some() => {
                    args.binding = p.get_ident().unwrap().to_string();
                }
                TraitArg::Value(name, value) if name.is_ident("binding") => match &value {
                    syn::Expr::Path(p) if p.path.get_ident().is_some() => {
                        args.binding = p.path.get_ident().unwrap().to_string();
                    }
                    other => errs.push(other.span(), "rust2go: expected a module name, as in `binding = my_mod`"),
                },
                TraitArg::Value(name, value) if name.is_ident("queue_size") => {
                    let n = match &value {
                        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse::<u32>().ok(),
                        _ => None,
                    };
                    // rust2go 0.4 took any size (its example: 40960); the rings need a power of two.
                    match n.map(u32::next_power_of_two) {
                        Some(n) if (2..=(1 << 20)).contains(&n) => {
                            args.queue_size = n;
                            args.queue_size_span = Some(name.span());
                        }
                        _ => errs.push(value.span(), errors::BAD_QUEUE_SIZE),
                    }
                }
                TraitArg::Object(name, _) | TraitArg::NotAType(name, _) if direction == Direction::RustToGo => {
                    errs.push(name.span(), errors::OBJECT_ARG_ON_R2G);
                }
                TraitArg::NotAType(_, value) => {
                    errs.push_spanned(&value, errors::OBJECT_ARG_GENERIC);
                    args.object = Some((value.span(), None));
                }
                TraitArg::Object(_, ty) => {
                    let path = match &ty {
                        syn::Type::Path(tp) if tp.qself.is_none() && tp.path.segments.iter().all(|s| s.arguments.is_none()) => {
                            Some(tp.path.clone())
                        }
                        other => {
                            errs.push_spanned(other, errors::OBJECT_ARG_GENERIC);
                            None
                        }
                    };
                    args.object = Some((ty.span(), path));
                }
                TraitArg::Bare(p) | TraitArg::Value(p, _) | TraitArg::List(p) => {
                    errs.push_spanned(&p, errors::UNKNOWN_TRAIT_ARG)
                }
            }
        }
        (args, errs)
    }
}

/// One argument of `#[r2g(..)]` / `#[g2r(..)]` as written.
enum TraitArg {
    /// `my_mod`.
    Bare(syn::Path),
    /// `name = <expression>`.
    Value(syn::Path, syn::Expr),
    /// `object = <type>`: a type, so that `object = Account<u8>` is an error of its own rather
    /// than a syntax error.
    Object(syn::Path, syn::Type),
    /// `object = <expression that is not a type>`.
    NotAType(syn::Path, syn::Expr),
    /// `name(..)` (never an argument rust2go knows).
    List(syn::Path),
}

fn parse_trait_arg_list(input: syn::parse::ParseStream) -> syn::Result<Vec<TraitArg>> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let name = input.call(syn::Path::parse_mod_style)?;
        out.push(if input.peek(syn::Token![=]) {
            input.parse::<syn::Token![=]>()?;
            if name.is_ident("object") && input.fork().parse::<syn::Type>().is_ok() {
                TraitArg::Object(name, input.parse()?)
            } else if name.is_ident("object") {
                TraitArg::NotAType(name, input.parse()?)
            } else {
                TraitArg::Value(name, input.parse()?)
            }
        } else if input.peek(syn::token::Paren) || input.peek(syn::token::Bracket) || input.peek(syn::token::Brace) {
            input.parse::<proc_macro2::Group>()?;
            TraitArg::List(name)
        } else {
            TraitArg::Bare(name)
        });
        if input.is_empty() {
            break;
        }
        input.parse::<syn::Token![,]>()?;
    }
    Ok(out)
}

fn last_segment_is(path: &syn::Path, name: &str) -> bool {
    path.segments.last().map(|s| s.ident == name).unwrap_or(false)
}

/// Whether a struct's attributes include `#[derive(.., R2G, ..)]` (any path ending in `R2G`).
fn has_r2g_derive(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        if !a.path().is_ident("derive") {
            return false;
        }
        let mut found = false;
        let _ = a.parse_nested_meta(|m| {
            if last_segment_is(&m.path, "R2G") {
                found = true;
            }
            Ok(())
        });
        found
    })
}

/// The direction an attribute gives a trait: `#[r2g]` or `#[g2r]`, by any path.
fn trait_direction(a: &syn::Attribute) -> Option<Direction> {
    if last_segment_is(a.path(), "r2g") {
        Some(Direction::RustToGo)
    } else if last_segment_is(a.path(), "g2r") {
        Some(Direction::GoToRust)
    } else {
        None
    }
}

fn trait_attr(attrs: &[syn::Attribute]) -> Option<(&syn::Attribute, Direction)> {
    attrs.iter().find_map(|a| trait_direction(a).map(|d| (a, d)))
}

fn single_type_arg(a: &syn::AngleBracketedGenericArguments, n: usize) -> Option<Vec<&syn::Type>> {
    let tys: Vec<&syn::Type> = a
        .args
        .iter()
        .filter_map(|g| match g {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .collect();
    (tys.len() == n && a.args.len() == n).then_some(tys)
}

/// A type as the user wrote it, for messages: `Vec<Option<u8>>`, `fn(u32) -> u32`, `&'a str`.
pub(crate) fn display_type(ty: &syn::Type) -> String {
    let s: Vec<char> = ty.to_token_stream().to_string().chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in s.iter().enumerate() {
        if c == ' ' {
            let prev = if i > 0 { s[i - 1] } else { ' ' };
            let next = s.get(i + 1).copied().unwrap_or(' ');
            let after_arrow = prev == '>' && i >= 2 && s[i - 2] == '-';
            let glue_prev = matches!(prev, '<' | '(' | '[' | '&' | ':') || (prev == '>' && !after_arrow);
            let glue_next = matches!(next, '<' | '>' | ',' | ';' | ')' | ']' | ':' | '(');
            if glue_prev || glue_next {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Parses a type as used in a struct field, a by-value parameter or a result.
pub(crate) fn parse_type(ty: &syn::Type, errs: &mut Errors) -> Option<Type> {
    let unsupported = |errs: &mut Errors| {
        errs.push_spanned(ty, errors::unsupported_type(&display_type(ty)));
        None
    };
    match ty {
        syn::Type::Path(tp) if tp.qself.is_none() => {
            let seg = tp.path.segments.last()?;
            let name = seg.ident.to_string();
            let args = match &seg.arguments {
                syn::PathArguments::None => None,
                syn::PathArguments::AngleBracketed(a) => Some(a),
                syn::PathArguments::Parenthesized(_) => return unsupported(errs),
            };
            if let Some(p) = Prim::from_rust(&name) {
                if args.is_none() {
                    return Some(Type::Prim(p));
                }
            }
            match (name.as_str(), args) {
                ("String", None) => Some(Type::String),
                ("char", None) => Some(Type::Char),
                ("Vec" | "Option" | "Box", Some(a)) => {
                    let Some(inner) = single_type_arg(a, 1) else { return unsupported(errs) };
                    let inner = Box::new(parse_type(inner[0], errs)?);
                    Some(match name.as_str() {
                        "Vec" => Type::Vec(inner),
                        "Option" => Type::Option(inner),
                        _ => Type::Boxed(inner),
                    })
                }
                ("HashMap" | "BTreeMap", Some(a)) => {
                    let Some(kv) = single_type_arg(a, 2) else { return unsupported(errs) };
                    let key = parse_type(kv[0], errs);
                    let val = parse_type(kv[1], errs);
                    let key = key?;
                    let ok_key = matches!(key, Type::String | Type::Char)
                        || matches!(key, Type::Prim(p) if !matches!(p, Prim::F32 | Prim::F64));
                    if !ok_key {
                        errs.push(
                            kv[0].span(),
                            "rust2go: map keys must be integers, bool, char or String (Go map keys must be comparable values)",
                        );
                        return None;
                    }
                    let kind = if name == "HashMap" { MapKind::Hash } else { MapKind::BTree };
                    Some(Type::Map(kind, Box::new(key), Box::new(val?)))
                }
                ("Result", args) => {
                    if args.and_then(|a| single_type_arg(a, 2)).is_none() {
                        errs.push_spanned(ty, "rust2go: write the result as `Result<T, E>`, with both types (no `Result` aliases)");
                    } else {
                        errs.push_spanned(ty, errors::result_not_allowed_here(&display_type(ty)));
                    }
                    None
                }
                (_, Some(_)) => unsupported(errs),
                ("str", None) => {
                    errs.push(ty.span(), errors::unsized_type("str", "String"));
                    None
                }
                (_, None) if is_known_unsupported(&name) => unsupported(errs),
                (_, None) => Some(Type::Named(name)),
            }
        }
        syn::Type::Array(arr) => {
            let len = match &arr.len {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse::<usize>().ok(),
                _ => None,
            };
            let Some(len) = len else {
                errs.push(arr.len.span(), "rust2go: array lengths must be integer literals (`[u8; 16]`)");
                return None;
            };
            Some(Type::Array(Box::new(parse_type(&arr.elem, errs)?), len))
        }
        syn::Type::Tuple(t) if t.elems.is_empty() => {
            errs.push(t.span(), "rust2go: `()` is only allowed as a result (or leave the result out)");
            None
        }
        syn::Type::Tuple(t) => {
            let elems: Vec<Option<Type>> = t.elems.iter().map(|e| parse_type(e, errs)).collect();
            elems.into_iter().collect::<Option<Vec<_>>>().map(Type::Tuple)
        }
        syn::Type::Reference(r) => {
            errs.push(
                r.and_token.span,
                "rust2go: references are only allowed as a whole parameter (`req: &T`), not inside types; use an owned type",
            );
            None
        }
        syn::Type::Paren(p) => parse_type(&p.elem, errs),
        syn::Type::Slice(sl) => {
            let elem = display_type(&sl.elem);
            errs.push_spanned(ty, errors::unsized_type(&format!("[{elem}]"), &format!("Vec<{elem}>")));
            None
        }
        _ => unsupported(errs),
    }
}

/// The `str` of `&str` and the `[T]` of `&[T]`, as the model types they cross as (`String`,
/// `Vec<T>`): `Some(None)` when the element type is unsupported (reported), `None` when `elem`
/// is not unsized.
fn unsized_elem(elem: &syn::Type, errs: &mut Errors) -> Option<Option<Type>> {
    match elem {
        syn::Type::Path(tp) if tp.qself.is_none() && tp.path.is_ident("str") => Some(Some(Type::String)),
        syn::Type::Slice(sl) => Some(parse_type(&sl.elem, errs).map(|t| Type::Vec(Box::new(t)))),
        syn::Type::Paren(p) => unsized_elem(&p.elem, errs),
        _ => None,
    }
}

/// Well-known std types that are not part of the IDL: reject them by name rather than
/// taking them for user structs.
pub(crate) fn is_known_unsupported(name: &str) -> bool {
    matches!(
        name,
        "i128" | "u128" | "Rc" | "Arc" | "Cell" | "RefCell" | "Result" | "HashSet" | "BTreeSet" | "VecDeque" | "Cow"
            | "PathBuf" | "OsString" | "CString" | "Mutex" | "String16"
    )
}

/// The `///` doc comment of an item (`#[doc = ".."]` attributes), one leading space of each
/// line removed, lines joined with `\n`.
pub(crate) fn doc_of(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for a in attrs {
        if let syn::Meta::NameValue(nv) = &a.meta {
            if nv.path.is_ident("doc") {
                if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value {
                    for line in s.value().split('\n') {
                        lines.push(line.strip_prefix(' ').unwrap_or(line).trim_end().to_string());
                    }
                }
            }
        }
    }
    lines.join("\n").trim_matches('\n').to_string()
}

/// Which `#[cfg]` items a parse keeps, and what it decided on those under one.
struct CfgCtx<'a> {
    mode: &'a CfgMode,
    decisions: Vec<CfgDecision>,
}

impl CfgCtx<'_> {
    /// Whether the item with these attributes is kept; an evaluating parse records the
    /// decision (`layout`: also when kept, as a field changes the layout Go was built with).
    fn keep(&mut self, attrs: &[syn::Attribute], what: impl FnOnce() -> String, layout: bool, errs: &mut Errors) -> (bool, Option<CfgExpr>) {
        let pred = match CfgExpr::of_attrs(attrs) {
            Ok(p) => p,
            Err(e) => {
                errs.push_err(e);
                return (true, None);
            }
        };
        let kept = self.mode.keeps(pred.as_ref());
        if let (CfgMode::Evaluate(_), Some(p)) = (self.mode, &pred) {
            if !kept || layout {
                self.decisions.push(CfgDecision { what: what(), pred: p.clone(), kept });
            }
        }
        (kept, pred)
    }
}

/// Parses one `#[derive(R2G)]` struct (every field, whatever its `#[cfg]`).
pub fn parse_struct(item: &syn::ItemStruct) -> Result<StructDef, Errors> {
    parse_struct_in(item, &mut CfgCtx { mode: &CfgMode::IncludeAll, decisions: vec![] })
}

fn parse_struct_in(item: &syn::ItemStruct, cfg: &mut CfgCtx) -> Result<StructDef, Errors> {
    let mut errs = Errors::default();
    let name = item.ident.to_string();
    check_generics(&item.generics, "rust2go: generic structs and lifetimes are not supported", &mut errs);
    let mut fields = Vec::new();
    match &item.fields {
        syn::Fields::Named(named) => {
            for f in &named.named {
                let ident = f.ident.as_ref().expect("named field");
                let fname = ident.to_string();
                let fname = fname.strip_prefix("r#").unwrap_or(&fname);
                if !cfg.keep(&f.attrs, || format!("field {name}::{fname}"), true, &mut errs).0 {
                    continue;
                }
                if let Some(ty) = parse_type(&f.ty, &mut errs) {
                    fields.push(Field { name: ident.to_string(), ty, span: f.ty.span(), name_span: ident.span(), doc: doc_of(&f.attrs) });
                }
            }
        }
        syn::Fields::Unnamed(u) => {
            errs.push(u.span(), "rust2go: tuple structs are not supported; name the fields (`struct S { a: u32 }`)");
        }
        syn::Fields::Unit => {}
    }
    let def = StructDef { name, fields, span: item.ident.span(), doc: doc_of(&item.attrs) };
    check::check_struct(&def, &mut errs);
    errs.into_result(def)
}

/// Parses one `#[derive(R2G)]` enum (every variant and field, whatever its `#[cfg]`).
pub fn parse_enum(item: &syn::ItemEnum) -> Result<EnumDef, Errors> {
    parse_enum_in(item, &mut CfgCtx { mode: &CfgMode::IncludeAll, decisions: vec![] })
}

fn parse_enum_in(item: &syn::ItemEnum, cfg: &mut CfgCtx) -> Result<EnumDef, Errors> {
    let mut errs = Errors::default();
    let name = item.ident.to_string();
    check_generics(&item.generics, "rust2go: generic enums and lifetimes are not supported", &mut errs);
    if item.variants.is_empty() {
        errs.push(item.ident.span(), "rust2go: an enum without variants cannot cross the boundary");
    }
    let mut variants = Vec::new();
    // The implicit discriminant of the next variant (`None` after i64::MAX).
    let mut next: Option<i64> = Some(0);
    for v in &item.variants {
        let vname = v.ident.to_string();
        if !cfg.keep(&v.attrs, || format!("variant {name}::{vname}"), true, &mut errs).0 {
            // rustc numbers the variants it compiles; the implicit discriminants follow suit.
            continue;
        }
        let discriminant = match &v.discriminant {
            None => next.unwrap_or_else(|| {
                errs.push(v.ident.span(), errors::discriminant_overflow(&vname));
                0
            }),
            Some((_, expr)) => match discriminant_value(expr) {
                Some(d) => d,
                None => {
                    errs.push_spanned(expr, errors::BAD_DISCRIMINANT);
                    next.unwrap_or(0)
                }
            },
        };
        next = discriminant.checked_add(1);
        let fields = match &v.fields {
            syn::Fields::Unit => VariantFields::Unit,
            syn::Fields::Named(named) => {
                let mut fs = Vec::new();
                for f in &named.named {
                    let ident = f.ident.as_ref().expect("named field");
                    let fname = ident.to_string();
                    let fname = fname.strip_prefix("r#").unwrap_or(&fname);
                    if !cfg.keep(&f.attrs, || format!("field {name}::{vname}::{fname}"), true, &mut errs).0 {
                        continue;
                    }
                    if let Some(ty) = parse_type(&f.ty, &mut errs) {
                        fs.push(Field { name: ident.to_string(), ty, span: f.ty.span(), name_span: ident.span(), doc: doc_of(&f.attrs) });
                    }
                }
                VariantFields::Named(fs)
            }
            syn::Fields::Unnamed(u) => {
                let mut ts = Vec::new();
                for (i, f) in u.unnamed.iter().enumerate() {
                    if cfg.keep(&f.attrs, || format!("field {name}::{vname}::{i}"), true, &mut errs).0 {
                        ts.extend(parse_type(&f.ty, &mut errs));
                    }
                }
                VariantFields::Tuple(ts)
            }
        };
        variants.push(Variant { name: vname, fields, discriminant, span: v.ident.span(), doc: doc_of(&v.attrs) });
    }
    let def = EnumDef { name, variants, span: item.ident.span(), doc: doc_of(&item.attrs) };
    check::check_enum(&def, &mut errs);
    errs.into_result(def)
}

/// An integer literal, optionally negated, that fits an `i64` (`-9223372036854775808` included).
fn discriminant_value(expr: &syn::Expr) -> Option<i64> {
    let (negative, lit) = match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => (false, i),
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => match &**expr {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => (true, i),
            _ => return None,
        },
        syn::Expr::Paren(p) => return discriminant_value(&p.expr),
        _ => return None,
    };
    let v: i128 = lit.base10_parse::<u64>().ok()?.into();
    i64::try_from(if negative { -v } else { v }).ok()
}

/// `Result<T, E>` → `Some((T, E))`.
fn result_types(ty: &syn::Type) -> Option<(&syn::Type, &syn::Type)> {
    let syn::Type::Path(tp) = ty else { return None };
    let seg = tp.path.segments.last()?;
    if seg.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(a) = &seg.arguments else { return None };
    let tys = single_type_arg(a, 2)?;
    Some((tys[0], tys[1]))
}

/// Generic parameters are reported with `params_msg`; a `where` clause without them on its own.
fn check_generics(g: &syn::Generics, params_msg: &str, errs: &mut Errors) {
    if !g.params.is_empty() {
        errs.push_spanned(g, params_msg);
    } else if let Some(w) = &g.where_clause {
        errs.push_spanned(w, "rust2go: `where` clauses are not supported (the IDL has no generics); remove it");
    }
}

fn attr_name(a: &syn::Attribute) -> String {
    a.path().segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::")
}

/// Parses one `#[r2g]` trait (without the attribute itself; its arguments come as `args`),
/// every method whatever its `#[cfg]`.
pub fn parse_trait(item: &syn::ItemTrait, args: TraitArgs) -> Result<TraitDef, Errors> {
    parse_trait_in(item, args, &mut CfgCtx { mode: &CfgMode::IncludeAll, decisions: vec![] })
}

fn parse_trait_in(item: &syn::ItemTrait, args: TraitArgs, cfg: &mut CfgCtx) -> Result<TraitDef, Errors> {
    let mut errs = Errors::default();
    let name = item.ident.to_string();
    check_generics(&item.generics, "rust2go: generic traits are not supported", &mut errs);
    if let Some(c) = &item.colon_token {
        errs.push(c.span, "rust2go: supertraits are not supported on a rust2go trait");
    }
    if let Some(u) = &item.unsafety {
        errs.push(u.span, "rust2go: a rust2go trait is safe to implement; remove `unsafe`");
    }
    if let Some(a) = &item.auto_token {
        errs.push(a.span, "rust2go: a rust2go trait cannot be an `auto` trait; remove `auto`");
    }
    for a in &item.attrs {
        let n = attr_name(a);
        // The trait's own attribute is not among them (the macro is given the trait without
        // it, and so is this parser by `parse_file`): another one is a second direction.
        if trait_direction(a).is_some() {
            errs.push_spanned(&a.meta, errors::TWO_DIRECTIONS);
        } else if !errors::PASSIVE_ATTRS.contains(&n.as_str()) && n != "cfg" {
            if errors::METHOD_ATTRS.contains(&n.as_str()) {
                errs.push_spanned(&a.meta, errors::misplaced_method_attr(&n, "trait"));
            } else {
                errs.push_spanned(&a.meta, errors::unknown_attr(&n, "trait", &[]));
            }
        }
    }
    let mut methods = Vec::new();
    for ti in &item.items {
        match ti {
            syn::TraitItem::Fn(f) => {
                let what = || format!("method {}::{}", item.ident, f.sig.ident);
                let (kept, pred) = cfg.keep(&f.attrs, what, false, &mut errs);
                if !kept {
                    continue;
                }
                if let Some(mut m) = parse_method(f, args.direction, &mut errs) {
                    m.cfg = pred;
                    methods.push(m);
                }
            }
            other => errs.push(other.span(), "rust2go: a rust2go trait may contain only methods"),
        }
    }
    if args.direction == Direction::GoToRust {
        for m in &methods {
            let a = &m.attrs;
            if a.drop_safe || a.drop_safe_ret || a.send || a.go_context || a.go_inline {
                errs.push(
                    m.span,
                    "rust2go: #[drop_safe], #[drop_safe_ret], #[send], #[go_context] and #[go_inline] apply to #[r2g] traits only",
                );
            }
            if a.mem {
                errs.push(m.span, errors::MEM_ON_G2R);
            }
            if m.returns_impl_future {
                errs.push(m.span, "rust2go: write async methods of a #[g2r] trait as `async fn`");
            }
        }
    }
    let mut def = TraitDef {
        name,
        direction: args.direction,
        methods,
        binding: args.binding,
        queue_size: args.queue_size,
        cfg: CfgExpr::of_attrs(&item.attrs).ok().flatten(),
        span: item.ident.span(),
        doc: doc_of(&item.attrs),
    };
    crate::objects::resolve_own(&mut def, &mut errs);
    if !args.object_unknown {
        crate::objects::check_object_arg(&def, args.object.as_ref().map(|(span, _)| *span), &mut errs);
    }
    assign_transports(&mut def);
    check::check_trait(&def, &mut errs);
    errs.into_result(def)
}

/// How a method's calls reach Go (see [`Transport`]): `#[mem]` forces the ring; an async method
/// of an `#[r2g]` trait takes it by default when the ring can carry it (a static method without
/// Go objects, whose handler is neither cancelled by a context nor run inline) and no `#[cgo]`
/// keeps it on its export.
fn assign_transports(def: &mut TraitDef) {
    for m in &mut def.methods {
        m.transport = transport(m, def.direction);
    }
}

fn transport(m: &Method, direction: Direction) -> Transport {
    let a = &m.attrs;
    if direction == Direction::GoToRust {
        Transport::Export
    } else if a.mem {
        Transport::Mem
    } else if m.flavor == Flavor::Async
        && !a.cgo
        && !a.go_context
        && !a.go_inline
        && !m.receiver
        && m.params.iter().all(|p| p.handle.is_none())
        && m.ret_handle.is_none()
    {
        Transport::Ring
    } else {
        Transport::Export
    }
}

fn parse_method(f: &syn::TraitItemFn, direction: Direction, errs: &mut Errors) -> Option<Method> {
    let sig = &f.sig;
    let before = errs.len();
    let mut attrs = MethodAttrs::default();
    for a in &f.attrs {
        let n = attr_name(a);
        match n.as_str() {
            "go_pass_struct" => attrs.go_pass_struct = true,
            "drop_safe" => attrs.drop_safe = true,
            "drop_safe_ret" => attrs.drop_safe_ret = true,
            "send" => attrs.send = true,
            "go_context" => attrs.go_context = true,
            "go_inline" => attrs.go_inline = true,
            "mem" | "shm" | "mem_call" => attrs.mem = true,
            "cgo" => attrs.cgo = true,
            // rust2go 0.4 chose cgo over an assembly callback with these; accepted without effect.
            "cgo_callback" | "cgo_call" => {
                let (right, wrong) = match direction {
                    Direction::RustToGo => ("cgo_callback", "cgo_call"),
                    Direction::GoToRust => ("cgo_call", "cgo_callback"),
                };
                if n == wrong {
                    errs.push_spanned(&a.meta, errors::wrong_cgo_attr(wrong, right));
                }
            }
            "cfg" => {}
            n if errors::PASSIVE_ATTRS.contains(&n) => {}
            n => errs.push_spanned(&a.meta, errors::unknown_attr(n, "method", errors::METHOD_ATTRS)),
        }
        if errors::METHOD_ATTRS.contains(&n.as_str()) && !matches!(a.meta, syn::Meta::Path(_)) {
            errs.push_spanned(&a.meta, format!("rust2go: `#[{n}]` takes no arguments"));
        }
    }
    check_generics(&sig.generics, "rust2go: generic methods and lifetimes are not supported", errs);
    if let Some(abi) = &sig.abi {
        errs.push_spanned(abi, "rust2go: rust2go chooses how a method is called; remove `extern ..`");
    }
    if let Some(c) = &sig.constness {
        errs.push(c.span, "rust2go: `const fn` is not supported");
    }
    if let Some(u) = &sig.unsafety {
        errs.push(u.span, "rust2go: methods are safe to call; remove `unsafe`");
    }
    if let Some(v) = &sig.variadic {
        errs.push(v.span(), "rust2go: variadic methods are not supported");
    }
    if let Some(b) = &f.default {
        errs.push(b.span(), "rust2go: a method must not have a body; Go implements it");
    }
    let mut params = Vec::new();
    let mut receiver = false;
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(r) => match crate::objects::receiver(r, direction) {
                Ok(()) => receiver = true,
                Err(msg) => errs.push(r.span(), msg),
            },
            syn::FnArg::Typed(pt) => {
                let pname = match &*pt.pat {
                    syn::Pat::Ident(syn::PatIdent { mutability: Some(m), .. }) => {
                        errs.push(m.span, "rust2go: a method without a body has no parameter to mutate; remove `mut`");
                        continue;
                    }
                    syn::Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => &pi.ident,
                    other => {
                        errs.push(other.span(), "rust2go: parameters must be plain names (`req: &Req`)");
                        continue;
                    }
                };
                let ty_span = match &*pt.ty {
                    syn::Type::Reference(r) => r.elem.span(),
                    other => other.span(),
                };
                let (ty, by_ref, unsized_ref) = match &*pt.ty {
                    syn::Type::Reference(r) => {
                        if let Some(m) = &r.mutability {
                            errs.push(m.span, "rust2go: `&mut` parameters are not supported; Go cannot write back into Rust values");
                        }
                        if let Some(l) = &r.lifetime {
                            errs.push(l.span(), "rust2go: lifetimes are not supported");
                        }
                        match unsized_elem(&r.elem, errs) {
                            Some(ty) => (ty, true, true),
                            None => (parse_type(&r.elem, errs), true, false),
                        }
                    }
                    other => (parse_type(other, errs), false, false),
                };
                if let Some(ty) = ty {
                    params.push(Param { name: pname.to_string(), ty, by_ref, unsized_ref, handle: None, span: pt.span(), name_span: pname.span(), ty_span });
                }
            }
        }
    }
    let (out_ty, returns_impl_future) = match &sig.output {
        syn::ReturnType::Default => (None, false),
        syn::ReturnType::Type(_, ty) => match impl_future_output(ty) {
            Some(Ok(inner)) => (inner, true),
            Some(Err(e)) => {
                errs.push_err(e);
                (None, true)
            }
            None => (Some(&**ty), false),
        },
    };
    let owned = |t: &syn::Type, errs: &mut Errors| match t {
        syn::Type::Reference(r) => {
            errs.push(r.and_token.span, "rust2go: results are returned by value; remove the `&` and return an owned type");
            None
        }
        t => parse_type(t, errs),
    };
    let unit_or = |t: &syn::Type, errs: &mut Errors| match t {
        syn::Type::Tuple(tt) if tt.elems.is_empty() => None,
        t => owned(t, errs),
    };
    let (ret, err) = match out_ty {
        None => (None, None),
        Some(t) => match result_types(t) {
            Some((ok, e)) => (unit_or(ok, errs), owned(e, errs)),
            None => (unit_or(t, errs), None),
        },
    };
    if sig.asyncness.is_some() && returns_impl_future {
        errs.push_spanned(&sig.output, "rust2go: write either `async fn` or `-> impl Future`, not both");
    }
    let flavor = if sig.asyncness.is_some() || returns_impl_future { Flavor::Async } else { Flavor::Sync };
    if flavor == Flavor::Sync {
        for (on, n) in [
            (attrs.drop_safe, "drop_safe"),
            (attrs.drop_safe_ret, "drop_safe_ret"),
            (attrs.send, "send"),
            (attrs.go_context, "go_context"),
            (attrs.go_inline, "go_inline"),
        ] {
            if on {
                errs.push(sig.ident.span(), format!("rust2go: `#[{n}]` applies to async methods only"));
            }
        }
        if attrs.mem && (ret.is_some() || err.is_some()) {
            errs.push(sig.ident.span(), errors::MEM_ON_SYNC);
        }
    }
    if attrs.cgo && attrs.mem {
        errs.push(sig.ident.span(), errors::CGO_WITH_MEM);
    }
    if attrs.cgo && attrs.go_inline {
        errs.push(sig.ident.span(), errors::CGO_WITH_GO_INLINE);
    }
    if attrs.go_context && attrs.mem {
        errs.push(sig.ident.span(), "rust2go: `#[go_context]` is not supported on `#[mem]` methods (their calls are not cancelled in Go)");
    }
    if attrs.go_inline && attrs.mem {
        errs.push(sig.ident.span(), "rust2go: `#[go_inline]` and `#[mem]` exclude each other: one runs the handler on the calling thread, the other on a Go poller");
    }
    if attrs.go_inline && attrs.go_context {
        errs.push(sig.ident.span(), "rust2go: `#[go_context]` is not supported on `#[go_inline]` methods (the handler finishes before the future exists, so there is nothing to cancel)");
    }
    if attrs.go_context {
        for p in params.iter().filter(|p| p.name == "ctx") {
            errs.push(p.span, "rust2go: in a `#[go_context]` method the Go parameter `ctx` is the context; rename this parameter");
        }
    }
    if attrs.drop_safe || attrs.drop_safe_ret {
        for p in &params {
            if p.by_ref {
                errs.push(p.span, "rust2go: `#[drop_safe]` methods take every parameter by value");
            }
        }
    }
    let m = Method {
        name: sig.ident.to_string(),
        params,
        ret,
        err,
        flavor,
        returns_impl_future,
        attrs,
        cfg: None,
        receiver,
        ret_handle: None,
        transport: Transport::Export,
        span: sig.ident.span(),
        doc: doc_of(&f.attrs),
    };
    check::check_method(&m, errs);
    (errs.len() == before).then_some(m)
}

/// `impl Future<Output = T>` → `Some(Ok(Some(T)))`; `impl Future<Output = ()>` → `Some(Ok(None))`;
/// anything not an `impl Future` → `None`.
fn impl_future_output(ty: &syn::Type) -> Option<syn::Result<Option<&syn::Type>>> {
    let syn::Type::ImplTrait(it) = ty else { return None };
    for b in &it.bounds {
        if let syn::TypeParamBound::Trait(tb) = b {
            let seg = tb.path.segments.last()?;
            if seg.ident != "Future" {
                continue;
            }
            if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                for arg in &a.args {
                    if let syn::GenericArgument::AssocType(at) = arg {
                        if at.ident == "Output" {
                            return Some(Ok(match &at.ty {
                                syn::Type::Tuple(t) if t.elems.is_empty() => None,
                                t => Some(t),
                            }));
                        }
                    }
                }
            }
            return Some(Err(syn::Error::new_spanned(tb, "rust2go: write `impl Future<Output = T>`")));
        }
    }
    Some(Err(syn::Error::new_spanned(it, "rust2go: the only `impl Trait` result supported is `impl Future<Output = T>`")))
}

/// Parses a whole IDL file: every `#[derive(R2G)]` struct and every `#[r2g]` trait at its top
/// level, then checks what only the whole file can tell (names resolve, no clashes).
pub fn parse_file(file: &syn::File) -> Result<Model, Errors> {
    parse_file_with(file, &CfgMode::IncludeAll)
}

/// [`parse_file`], keeping only the items under `#[cfg]` that `mode` keeps; the model's
/// [`Model::cfg_decisions`] lists what an evaluating parse decided.
pub fn parse_file_with(file: &syn::File, mode: &CfgMode) -> Result<Model, Errors> {
    let mut errs = Errors::default();
    let mut model = Model::default();
    let mut cfg = CfgCtx { mode, decisions: vec![] };
    for item in &file.items {
        let (attrs, what) = match item {
            syn::Item::Struct(s) => (&s.attrs, format!("struct {}", s.ident)),
            syn::Item::Enum(e) => (&e.attrs, format!("enum {}", e.ident)),
            syn::Item::Trait(t) => (&t.attrs, format!("trait {}", t.ident)),
            syn::Item::Union(u) => {
                if has_r2g_derive(&u.attrs) {
                    errs.push(u.union_token.span, errors::UNION);
                }
                continue;
            }
            syn::Item::Mod(m) => {
                check_nested_idl(m, &m.ident.to_string(), &mut errs);
                continue;
            }
            _ => continue,
        };
        check_rust2go_attr_names(attrs, &what, &mut errs);
        let is_idl = match item {
            syn::Item::Struct(s) => has_r2g_derive(&s.attrs),
            syn::Item::Enum(e) => has_r2g_derive(&e.attrs),
            syn::Item::Trait(t) => trait_attr(&t.attrs).is_some(),
            _ => false,
        };
        if is_idl && !cfg.keep(attrs, || what, false, &mut errs).0 {
            continue;
        }
        match item {
            syn::Item::Struct(s) if has_r2g_derive(&s.attrs) => match parse_struct_in(s, &mut cfg) {
                Ok(d) => model.structs.push(d),
                Err(e) => errs.extend(e),
            },
            syn::Item::Enum(s) if has_r2g_derive(&s.attrs) => match parse_enum_in(s, &mut cfg) {
                Ok(d) => model.enums.push(d),
                Err(e) => errs.extend(e),
            },
            syn::Item::Trait(t) => {
                if let Some((attr, direction)) = trait_attr(&t.attrs) {
                    let (args, arg_errs) = match &attr.meta {
                        syn::Meta::Path(_) => (TraitArgs { direction, ..TraitArgs::default() }, Errors::default()),
                        syn::Meta::List(l) => TraitArgs::parse_all(l.tokens.clone(), direction),
                        syn::Meta::NameValue(nv) => {
                            let mut e = Errors::default();
                            let name = if direction == Direction::GoToRust { "g2r" } else { "r2g" };
                            e.push(nv.span(), format!("rust2go: write `#[rust2go::{name}]` or `#[rust2go::{name}(binding = m)]`, not `= ..`"));
                            (TraitArgs { direction, object_unknown: true, ..TraitArgs::default() }, e)
                        }
                    };
                    // The trait is checked even when its arguments are wrong: one pass.
                    let arg_ok = arg_errs.is_empty();
                    errs.extend(arg_errs);
                    // The trait as the macro sees it: without its own attribute.
                    let own = t.attrs.iter().position(|a| std::ptr::eq(a, attr));
                    let mut t = t.clone();
                    if let Some(i) = own {
                        t.attrs.remove(i);
                    }
                    match parse_trait_in(&t, args, &mut cfg) {
                        Ok(d) if arg_ok => model.traits.push(d),
                        Ok(_) => {}
                        Err(e) => errs.extend(e),
                    }
                }
            }
            _ => {}
        }
    }
    check_type_names(file, &mut errs);
    crate::objects::resolve_file(&mut model, &mut errs);
    // Again: parameters that are objects of other traits are known now.
    model.traits.iter_mut().for_each(assign_transports);
    check::check_model(&model, &mut errs);
    model.cfg_decisions = cfg.decisions;
    errs.into_result(model)
}

/// rust2go reads the top level of an IDL file only: an IDL item inside an inline `mod` would be
/// left out of the Go side (and the macro would look for its glue in a `binding` module of that
/// `mod`), so it is an error at the item's rust2go attribute.
fn check_nested_idl(m: &syn::ItemMod, path: &str, errs: &mut Errors) {
    let Some((_, items)) = &m.content else { return };
    for item in items {
        let (attrs, what) = match item {
            syn::Item::Struct(s) => (&s.attrs, format!("struct `{}`", s.ident)),
            syn::Item::Enum(e) => (&e.attrs, format!("enum `{}`", e.ident)),
            syn::Item::Union(u) => (&u.attrs, format!("union `{}`", u.ident)),
            syn::Item::Trait(t) => (&t.attrs, format!("trait `{}`", t.ident)),
            syn::Item::Mod(inner) => {
                check_nested_idl(inner, &format!("{path}::{}", inner.ident), errs);
                continue;
            }
            _ => continue,
        };
        let ours = attrs.iter().find(|a| {
            if a.path().is_ident("derive") {
                has_r2g_derive(std::slice::from_ref(a))
            } else {
                trait_direction(a).is_some()
            }
        });
        if let Some(a) = ours {
            errs.push_spanned(&a.meta, errors::nested_idl_item(&what, path));
        }
    }
}

/// A misspelt rust2go attribute (`#[rust2go::rg2]`, `#[derive(rust2go::R2g)]`) would leave
/// the item out of the IDL, and only Go would notice (`undefined: ShopImpl`): an error at the
/// attribute instead, naming the one meant.
fn check_rust2go_attr_names(attrs: &[syn::Attribute], what: &str, errs: &mut Errors) {
    let ours = |p: &syn::Path| p.segments.len() == 2 && p.segments[0].ident == "rust2go";
    let mut check = |p: &syn::Path, known: &[&str], shown: &dyn Fn(&str) -> String| {
        let name = p.segments[1].ident.to_string();
        if known.contains(&name.as_str()) {
            return;
        }
        let known: Vec<String> = known.iter().map(|k| k.to_string()).collect();
        let suggestion = crate::refs::suggest(&name, &known).map(shown);
        errs.push_spanned(p, errors::unknown_rust2go_attr(&shown(&name), what, suggestion.as_deref()));
    };
    for a in attrs {
        if a.path().is_ident("derive") {
            let _ = a.parse_nested_meta(|m| {
                if ours(&m.path) {
                    check(&m.path, &["R2G"], &|n| format!("#[derive(rust2go::{n})]"));
                }
                Ok(())
            });
        } else if ours(a.path()) {
            check(a.path(), &["r2g", "g2r"], &|n| format!("#[rust2go::{n}]"));
        }
    }
}

/// Parses IDL source text (what the CLI and the build helper use), every item included.
pub fn parse_file_str(src: &str) -> Result<Model, Errors> {
    parse_file_str_with(src, &CfgMode::IncludeAll)
}

/// [`parse_file_str`] with the `#[cfg]` items `mode` keeps.
pub fn parse_file_str_with(src: &str, mode: &CfgMode) -> Result<Model, Errors> {
    if let Ok(tokens) = src.parse::<TokenStream>() {
        check::check_nesting(tokens)?;
    }
    let file = syn::parse_file(src).map_err(Errors::from)?;
    parse_file_with(&file, mode)
}

/// Every type name used by the file's IDL items, parsed or rejected (so they are reported in
/// the same pass as the other errors), is declared with `#[derive(R2G)]`.
fn check_type_names(file: &syn::File, errs: &mut Errors) {
    let (mut declared, mut plain) = (Vec::new(), Vec::new());
    for item in &file.items {
        let (ident, attrs) = match item {
            syn::Item::Struct(s) => (&s.ident, &s.attrs),
            syn::Item::Enum(e) => (&e.ident, &e.attrs),
            _ => continue,
        };
        if has_r2g_derive(attrs) { &mut declared } else { &mut plain }.push(ident.to_string());
    }
    for item in &file.items {
        let user = match item {
            syn::Item::Struct(s) if has_r2g_derive(&s.attrs) => &s.ident,
            syn::Item::Enum(e) if has_r2g_derive(&e.attrs) => &e.ident,
            syn::Item::Trait(t) if trait_attr(&t.attrs).is_some() => &t.ident,
            _ => continue,
        };
        crate::refs::check_item(item, &user.to_string(), &declared, &plain, errs);
    }
}

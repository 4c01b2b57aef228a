//! syn → model, collecting every error in one pass.

use crate::errors::{self, Errors};
use crate::types::*;
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::spanned::Spanned;

/// Arguments of `#[rust2go::r2g(...)]`: `binding = my_mod`, or the bare `my_mod`.
#[derive(Clone, Debug)]
pub struct TraitArgs {
    pub binding: String,
}

impl Default for TraitArgs {
    fn default() -> Self {
        TraitArgs { binding: "binding".into() }
    }
}

impl TraitArgs {
    pub fn parse(tokens: TokenStream) -> syn::Result<TraitArgs> {
        let mut args = TraitArgs::default();
        if tokens.is_empty() {
            return Ok(args);
        }
        let parser = syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated;
        let metas = syn::parse::Parser::parse2(parser, tokens)?;
        for meta in metas {
            match &meta {
                syn::Meta::Path(p) if p.get_ident().is_some() => {
                    args.binding = p.get_ident().unwrap().to_string();
                }
                syn::Meta::NameValue(nv) if nv.path.is_ident("binding") => match &nv.value {
                    syn::Expr::Path(p) if p.path.get_ident().is_some() => {
                        args.binding = p.path.get_ident().unwrap().to_string();
                    }
                    other => {
                        return Err(syn::Error::new(other.span(), "rust2go: expected a module name, as in `binding = my_mod`"))
                    }
                },
                other => {
                    return Err(syn::Error::new(
                        other.span(),
                        "rust2go: unknown trait argument; known: `binding = <module>` (or a bare `<module>`)",
                    ))
                }
            }
        }
        Ok(args)
    }
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

fn r2g_trait_attr(attrs: &[syn::Attribute]) -> Option<&syn::Attribute> {
    attrs.iter().find(|a| last_segment_is(a.path(), "r2g"))
}

/// Parses a type as used in a struct field, a by-value parameter or a result.
pub(crate) fn parse_type(ty: &syn::Type, errs: &mut Errors) -> Option<Type> {
    match ty {
        syn::Type::Path(tp) if tp.qself.is_none() => {
            let seg = tp.path.segments.last()?;
            let name = seg.ident.to_string();
            let args = match &seg.arguments {
                syn::PathArguments::None => None,
                syn::PathArguments::AngleBracketed(a) => Some(a),
                syn::PathArguments::Parenthesized(_) => {
                    errs.push(ty.span(), errors::unsupported_type(&ty.to_token_stream().to_string()));
                    return None;
                }
            };
            if let Some(p) = Prim::from_rust(&name) {
                if args.is_none() {
                    return Some(Type::Prim(p));
                }
            }
            match (name.as_str(), args) {
                ("String", None) => Some(Type::String),
                ("Vec", Some(a)) if a.args.len() == 1 => match &a.args[0] {
                    syn::GenericArgument::Type(inner) => parse_type(inner, errs).map(|t| Type::Vec(Box::new(t))),
                    other => {
                        errs.push(other.span(), errors::unsupported_type(&ty.to_token_stream().to_string()));
                        None
                    }
                },
                (_, Some(a)) => {
                    errs.push(
                        a.span(),
                        format!(
                            "rust2go: generic type `{}` is not supported; supported: {}",
                            ty.to_token_stream(),
                            errors::SUPPORTED_TYPES
                        ),
                    );
                    None
                }
                ("str", None) => {
                    errs.push(ty.span(), "rust2go: `str` is not supported; use `String` (borrowed as `&String` in parameters)");
                    None
                }
                (_, None) if is_known_unsupported(&name) => {
                    errs.push(ty.span(), errors::unsupported_type(&name));
                    None
                }
                (_, None) => Some(Type::Struct(name)),
            }
        }
        syn::Type::Reference(r) => {
            errs.push(
                r.and_token.span,
                "rust2go: references are only allowed as a whole parameter (`req: &T`), not inside types; use an owned type",
            );
            None
        }
        syn::Type::Paren(p) => parse_type(&p.elem, errs),
        other => {
            errs.push(other.span(), errors::unsupported_type(&other.to_token_stream().to_string()));
            None
        }
    }
}

/// Well-known std types that are not (yet) part of the IDL: reject them by name rather than
/// taking them for user structs.
fn is_known_unsupported(name: &str) -> bool {
    matches!(
        name,
        "char" | "i128" | "u128" | "Box" | "Rc" | "Arc" | "Cell" | "RefCell" | "Option" | "Result" | "HashMap"
            | "BTreeMap" | "HashSet" | "BTreeSet" | "VecDeque" | "Cow" | "PathBuf" | "OsString" | "CString"
    )
}

fn check_go_name(name: &str, what: &str, span: Span, errs: &mut Errors) {
    if errors::GO_KEYWORDS.contains(&name) {
        errs.push(span, errors::go_keyword(name, what));
    }
}

/// Parses one `#[derive(R2G)]` struct.
pub fn parse_struct(item: &syn::ItemStruct) -> Result<StructDef, Errors> {
    let mut errs = Errors::default();
    let name = item.ident.to_string();
    if !item.generics.params.is_empty() {
        errs.push(item.generics.span(), "rust2go: generic structs and lifetimes are not supported");
    }
    check_go_name(&name, "type", item.ident.span(), &mut errs);
    if name == "C" || name.starts_with("r2g") || name.starts_with("R2g") {
        errs.push(item.ident.span(), format!("rust2go: the name `{name}` is reserved for generated code; rename it"));
    }
    let mut fields = Vec::new();
    match &item.fields {
        syn::Fields::Named(named) => {
            for f in &named.named {
                let fname = f.ident.as_ref().expect("named field").to_string();
                let fname = fname.strip_prefix("r#").unwrap_or(&fname).to_string();
                check_go_name(&fname, "field", f.span(), &mut errs);
                if let Some(ty) = parse_type(&f.ty, &mut errs) {
                    fields.push(Field { name: fname, ty, span: f.ty.span() });
                }
            }
        }
        syn::Fields::Unnamed(u) => {
            errs.push(u.span(), "rust2go: tuple structs are not supported; name the fields (`struct S { a: u32 }`)");
        }
        syn::Fields::Unit => {}
    }
    errs.into_result(StructDef { name, fields, span: item.ident.span() })
}

fn attr_name(a: &syn::Attribute) -> String {
    a.path().segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::")
}

/// Parses one `#[r2g]` trait (without the attribute itself; its arguments come as `args`).
pub fn parse_trait(item: &syn::ItemTrait, args: TraitArgs) -> Result<TraitDef, Errors> {
    let mut errs = Errors::default();
    let name = item.ident.to_string();
    if !item.generics.params.is_empty() {
        errs.push(item.generics.span(), "rust2go: generic traits are not supported");
    }
    if let Some(c) = &item.colon_token {
        errs.push(c.span, "rust2go: supertraits are not supported on a rust2go trait");
    }
    for a in &item.attrs {
        let n = attr_name(a);
        if !errors::PASSIVE_ATTRS.contains(&n.as_str()) && !last_segment_is(a.path(), "r2g") {
            errs.push(a.span(), errors::unknown_attr(&n, "trait", &[]));
        }
    }
    let mut methods = Vec::new();
    for ti in &item.items {
        match ti {
            syn::TraitItem::Fn(f) => {
                if let Some(m) = parse_method(f, &mut errs) {
                    methods.push(m);
                }
            }
            other => errs.push(other.span(), "rust2go: a rust2go trait may contain only methods"),
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for m in &methods {
        if seen.contains(&m.name.as_str()) {
            errs.push(m.span, format!("rust2go: method `{}` is declared twice", m.name));
        }
        seen.push(&m.name);
    }
    errs.into_result(TraitDef { name, methods, binding: args.binding, span: item.ident.span() })
}

fn parse_method(f: &syn::TraitItemFn, errs: &mut Errors) -> Option<Method> {
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
            n if errors::PASSIVE_ATTRS.contains(&n) => {}
            n => errs.push(a.span(), errors::unknown_attr(n, "method", errors::METHOD_ATTRS)),
        }
        if errors::METHOD_ATTRS.contains(&n.as_str()) && !matches!(a.meta, syn::Meta::Path(_)) {
            errs.push(a.span(), format!("rust2go: `#[{n}]` takes no arguments"));
        }
    }
    check_go_name(&sig.ident.to_string(), "method", sig.ident.span(), errs);
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errs.push(sig.generics.span(), "rust2go: generic methods and lifetimes are not supported");
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
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(r) => errs.push(
                r.span(),
                "rust2go: methods take no `self`; they are called as `<Trait>Impl::method(..)`",
            ),
            syn::FnArg::Typed(pt) => {
                let pname = match &*pt.pat {
                    syn::Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => {
                        check_go_name(&pi.ident.to_string(), "parameter", pi.ident.span(), errs);
                        pi.ident.to_string()
                    }
                    other => {
                        errs.push(other.span(), "rust2go: parameters must be plain names (`req: &Req`)");
                        continue;
                    }
                };
                let (ty, by_ref) = match &*pt.ty {
                    syn::Type::Reference(r) => {
                        if let Some(m) = &r.mutability {
                            errs.push(m.span, "rust2go: `&mut` parameters are not supported; Go cannot write back into Rust values");
                        }
                        if let Some(l) = &r.lifetime {
                            errs.push(l.span(), "rust2go: lifetimes are not supported");
                        }
                        (parse_type(&r.elem, errs), true)
                    }
                    other => (parse_type(other, errs), false),
                };
                if let Some(ty) = ty {
                    params.push(Param { name: pname, ty, by_ref, span: pt.span() });
                }
            }
        }
    }
    let (ret, returns_impl_future) = match &sig.output {
        syn::ReturnType::Default => (None, false),
        syn::ReturnType::Type(_, ty) => match impl_future_output(ty) {
            Some(Ok(inner)) => (inner.and_then(|t| parse_type(t, errs)), true),
            Some(Err(e)) => {
                errs.push_err(e);
                (None, true)
            }
            None => (parse_type(ty, errs), false),
        },
    };
    if sig.asyncness.is_some() && returns_impl_future {
        errs.push(sig.output.span(), "rust2go: write either `async fn` or `-> impl Future`, not both");
    }
    let flavor = if sig.asyncness.is_some() || returns_impl_future { Flavor::Async } else { Flavor::Sync };
    if flavor == Flavor::Sync {
        for (on, n) in [(attrs.drop_safe, "drop_safe"), (attrs.drop_safe_ret, "drop_safe_ret"), (attrs.send, "send")] {
            if on {
                errs.push(sig.ident.span(), format!("rust2go: `#[{n}]` applies to async methods only"));
            }
        }
    }
    if attrs.drop_safe || attrs.drop_safe_ret {
        for p in &params {
            if p.by_ref {
                errs.push(p.span, "rust2go: `#[drop_safe]` methods take every parameter by value");
            }
        }
    }
    if errs.len() > before {
        return None;
    }
    Some(Method {
        name: sig.ident.to_string(),
        params,
        ret,
        flavor,
        returns_impl_future,
        attrs,
        span: sig.ident.span(),
    })
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
            return Some(Err(syn::Error::new(tb.span(), "rust2go: write `impl Future<Output = T>`")));
        }
    }
    Some(Err(syn::Error::new(it.span(), "rust2go: the only `impl Trait` result supported is `impl Future<Output = T>`")))
}

/// Parses a whole IDL file: every `#[derive(R2G)]` struct and every `#[r2g]` trait at its top
/// level, then checks what only the whole file can tell (names resolve, no clashes).
pub fn parse_file(file: &syn::File) -> Result<Model, Errors> {
    let mut errs = Errors::default();
    let mut model = Model::default();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) if has_r2g_derive(&s.attrs) => match parse_struct(s) {
                Ok(d) => model.structs.push(d),
                Err(e) => errs.extend(e),
            },
            syn::Item::Trait(t) => {
                if let Some(attr) = r2g_trait_attr(&t.attrs) {
                    let args = match &attr.meta {
                        syn::Meta::Path(_) => Ok(TraitArgs::default()),
                        syn::Meta::List(l) => TraitArgs::parse(l.tokens.clone()),
                        syn::Meta::NameValue(nv) => {
                            Err(syn::Error::new(nv.span(), "rust2go: expected `#[r2g]` or `#[r2g(binding = m)]`"))
                        }
                    };
                    match args {
                        Ok(args) => match parse_trait(t, args) {
                            Ok(d) => model.traits.push(d),
                            Err(e) => errs.extend(e),
                        },
                        Err(e) => errs.push_err(e),
                    }
                }
            }
            _ => {}
        }
    }
    validate(&model, &mut errs);
    errs.into_result(model)
}

/// Parses IDL source text (what the CLI and the build helper use).
pub fn parse_file_str(src: &str) -> Result<Model, Errors> {
    let file = syn::parse_file(src).map_err(Errors::from)?;
    parse_file(&file)
}

fn validate(model: &Model, errs: &mut Errors) {
    for (i, s) in model.structs.iter().enumerate() {
        if model.structs[..i].iter().any(|o| o.name == s.name) {
            errs.push(s.span, format!("rust2go: struct `{}` is declared twice", s.name));
        }
        for f in &s.fields {
            check_refs(model, &f.ty, &s.name, f.span, errs);
        }
    }
    let mut symbols: Vec<String> = Vec::new();
    for (i, t) in model.traits.iter().enumerate() {
        if model.traits[..i].iter().any(|o| o.name == t.name) {
            errs.push(t.span, format!("rust2go: trait `{}` is declared twice", t.name));
        }
        for m in &t.methods {
            let sym = t.symbol(m);
            if symbols.contains(&sym) {
                errs.push(m.span, format!("rust2go: the Go export `{sym}` would be generated twice; rename the trait or method"));
            }
            symbols.push(sym);
            for p in &m.params {
                check_refs(model, &p.ty, &t.name, p.span, errs);
            }
            if let Some(r) = &m.ret {
                check_refs(model, r, &t.name, m.span, errs);
            }
        }
    }
}

fn check_refs(model: &Model, ty: &Type, user: &str, span: Span, errs: &mut Errors) {
    ty.visit(&mut |t| {
        if let Type::Struct(n) = t {
            if model.find_struct(n).is_none() {
                errs.push(span, errors::missing_struct(n, user));
            }
        }
    });
}

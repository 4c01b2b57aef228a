//! Object traits: an `#[r2g]` trait whose methods take `&self` describes a Go object that Rust
//! holds through a handle (`<Trait>Impl`); a method without a receiver that returns `Self`
//! is a constructor implemented in Go. Objects cross as their handle id (a `u64`): in the
//! model their parameters and results are `u64`, marked with the trait they belong to.
//!
//! The mirror image, a `#[g2r(object = Type)]` trait with `&self` methods, describes a Rust
//! object that Go holds (`<Trait>Impl` in Go); its constructors are implemented in Rust. Such
//! an object crosses only as a constructor's result, as the address Go keeps (a `u64`).

use crate::errors::Errors;
use crate::types::*;
use proc_macro2::Span;

/// Whether a receiver is the one object methods take (`&self`), or why not.
pub(crate) fn receiver(r: &syn::Receiver, direction: Direction) -> Result<(), &'static str> {
    match (&r.reference, &r.mutability, &r.colon_token) {
        (Some((_, None)), None, None) => Ok(()),
        (Some(_), Some(_), _) if direction == Direction::GoToRust => Err("rust2go: object methods take `&self`; `&mut self` is not supported (Go may call one Rust object from several goroutines at once: use interior mutability, such as a `Mutex` or atomics)"),
        (Some(_), Some(_), _) => Err("rust2go: object methods take `&self`; `&mut self` is not supported (Go objects are shared: use interior mutability in Go)"),
        _ => Err("rust2go: object methods take `&self` (the handle stays with its owner); `self` by value and typed receivers are not supported"),
    }
}

/// `Self` or `<own>Impl` as a whole type.
fn names_own(ty: &Type, own: &str) -> bool {
    matches!(ty, Type::Named(n) if n == "Self" || *n == format!("{own}Impl"))
}

const BY_REF: &str = "rust2go: pass Go objects by reference (`&Self`, `&<Trait>Impl`): the handle stays with its owner";

/// Marks the parameters and results of a trait that are objects of the trait itself, and checks
/// the rules of object traits.
pub(crate) fn resolve_own(def: &mut TraitDef, errs: &mut Errors) {
    if def.direction != Direction::RustToGo {
        return resolve_rust_object(def, errs);
    }
    let own = def.name.clone();
    for m in &mut def.methods {
        mark(m, &own, |t| names_own(t, &own).then(|| own.clone()), errs);
    }
    let object = def.is_object();
    for m in &def.methods {
        let types = m.params.iter().map(|p| (&p.ty, p.span)).chain(m.ret.iter().chain(m.err.iter()).map(|r| (r, m.span)));
        for (ty, span) in types {
            nested(ty, span, &|t| names_own(t, &own), errs);
        }
        let uses_self = m.ret_handle.as_deref() == Some(own.as_str()) || m.params.iter().any(|p| p.handle.as_deref() == Some(own.as_str()));
        if !object {
            if uses_self {
                errs.push(m.span, format!("rust2go: `Self` names a Go object, but trait `{own}` has no `&self` methods or constructors"));
            }
            continue;
        }
        static_in_object(m, &own, errs);
    }
}

/// An object trait (of either direction) holds only `&self` methods and constructors.
fn static_in_object(m: &Method, own: &str, errs: &mut Errors) {
    if !m.receiver && !m.is_constructor(own) {
        errs.push(
            m.span,
            format!(
                "rust2go: `{}` takes no `&self` and does not return `Self`; an object trait (`{own}` has `&self` methods \
                 or constructors) holds only those: declare static calls in a trait of their own",
                m.name
            ),
        );
    }
}

const G2R_OBJECT_USE: &str = "rust2go: a Rust object (`#[g2r(object = T)]`) crosses only as its constructor's result \
     (`fn new(..) -> Self`, `-> Result<Self, E>`), and #[g2r] methods take no Go objects: Go holds a Rust object and \
     passes it back only as `&self` of its methods";

/// The rules of `#[g2r]` object traits: constructors (sync, `-> Self` or `-> Result<Self, E>`)
/// and `&self` methods only; `Self` nowhere else.
fn resolve_rust_object(def: &mut TraitDef, errs: &mut Errors) {
    let own = def.name.clone();
    for m in &mut def.methods {
        let is_own = |t: &Type| names_own(t, &own);
        for p in &m.params {
            if is_own(&p.ty) {
                errs.push(p.span, G2R_OBJECT_USE);
            }
            nested(&p.ty, p.span, &is_own, errs);
        }
        for r in m.ret.iter().chain(m.err.iter()) {
            nested(r, m.span, &is_own, errs);
        }
        if m.err.as_ref().is_some_and(is_own) {
            errs.push(m.span, G2R_OBJECT_USE);
        }
        if m.ret.as_ref().is_some_and(is_own) {
            if m.receiver {
                errs.push(m.span, G2R_OBJECT_USE);
            } else if m.flavor == Flavor::Async {
                errs.push(m.span, "rust2go: constructors (`-> Self`) are sync calls");
            }
            m.ret_handle = Some(own.clone());
            m.ret = Some(Type::Prim(Prim::U64));
        }
    }
    let object = def.is_object();
    for m in &def.methods {
        if object {
            static_in_object(m, &own, errs);
        }
        if object && m.name == "close" {
            errs.push(
                m.span,
                "rust2go: `close` names the generated `Close()` of the Go handle, which drops the Rust object; \
                 give this method another name",
            );
        }
    }
}

/// A `#[g2r]` object trait names its Rust type (`object = Type`); other traits do not.
pub(crate) fn check_object_arg(def: &TraitDef, object: Option<Span>, errs: &mut Errors) {
    if def.direction != Direction::GoToRust {
        return;
    }
    match (def.is_object(), object) {
        (true, None) => errs.push(
            def.span,
            format!(
                "rust2go: `{0}` has `&self` methods or constructors, so it describes a Rust object that Go holds: name \
                 the type implementing it, `#[rust2go::g2r(object = MyType)]` (Rust then calls it `{0}Impl`)",
                def.name
            ),
        ),
        (false, Some(span)) => errs.push(
            span,
            format!(
                "rust2go: `object = <type>` declares a Rust object, but trait `{}` has no `&self` methods or \
                 constructors (`fn new(..) -> Self`)",
                def.name
            ),
        ),
        _ => {}
    }
}

/// Marks, across the file, parameters and results naming `<Trait>Impl` of an object trait.
pub(crate) fn resolve_file(model: &mut Model, errs: &mut Errors) {
    let objects: Vec<String> =
        model.traits.iter().filter(|t| t.is_object() && t.direction == Direction::RustToGo).map(|t| t.name.clone()).collect();
    let find = |t: &Type| match t {
        Type::Named(n) => n.strip_suffix("Impl").filter(|o| objects.iter().any(|x| x == o)).map(str::to_string),
        _ => None,
    };
    let find_some = |t: &Type| find(t).is_some();
    for t in model.traits.iter_mut().filter(|t| t.direction == Direction::RustToGo) {
        for m in &mut t.methods {
            mark(m, &t.name, find, errs);
        }
    }
    // A `#[g2r]` call passes no objects of either direction (a Rust object's `Self` was
    // reported by `resolve_rust_object`), and no `#[r2g]` call passes a Rust object.
    let rust_objects: Vec<String> =
        model.traits.iter().filter(|t| t.is_object() && t.direction == Direction::GoToRust).map(|t| format!("{}Impl", t.name)).collect();
    for t in &model.traits {
        let is_object = |ty: &Type| match ty {
            Type::Named(n) => rust_objects.contains(n) || (t.direction == Direction::GoToRust && find(ty).is_some()),
            _ => false,
        };
        for m in &t.methods {
            let whole = m.params.iter().map(|p| (&p.ty, p.span)).chain(m.ret.iter().chain(m.err.iter()).map(|r| (r, m.span)));
            for (ty, span) in whole {
                if is_object(ty) {
                    errs.push(span, G2R_OBJECT_USE);
                }
                nested(ty, span, &is_object, errs);
            }
        }
    }
    unresolved_impls(model, &rust_objects, errs);
    // Objects inside other types (`Vec<CounterImpl>`) and in fields do not cross (`Self`
    // inside a type was reported by `resolve_own`).
    for t in &model.traits {
        for m in &t.methods {
            for p in &m.params {
                nested(&p.ty, p.span, &find_some, errs);
            }
            for r in m.ret.iter().chain(m.err.iter()) {
                nested(r, m.span, &find_some, errs);
            }
        }
    }
    for s in &model.structs {
        for f in &s.fields {
            if find(&f.ty).is_some() {
                errs.push(f.span, NESTED);
            }
            nested(&f.ty, f.span, &find_some, errs);
        }
    }
}

/// Reports `<Name>Impl` types left after the marking that name neither an object trait of the
/// file nor a declared type (names ending in `Impl` are left to this check by the
/// unknown-type check of `refs.rs`). Rust objects used where they do not cross were reported
/// already.
fn unresolved_impls(model: &Model, rust_objects: &[String], errs: &mut Errors) {
    let mut report = |ty: &Type, span: Span| {
        ty.visit(&mut |t| {
            if let Type::Named(n) = t {
                if n.ends_with("Impl") && model.find_named(n).is_none() && !rust_objects.contains(n) {
                    errs.push(
                        span,
                        format!(
                            "rust2go: `{n}` names no object trait of this file (an #[r2g] trait with `&self` methods or \
                             constructors) and no declared type"
                        ),
                    );
                }
            }
        })
    };
    for t in &model.traits {
        for m in &t.methods {
            for p in &m.params {
                report(&p.ty, p.ty_span);
            }
            for r in m.ret.iter().chain(m.err.iter()) {
                report(r, m.span);
            }
        }
    }
    for s in &model.structs {
        for f in &s.fields {
            report(&f.ty, f.span);
        }
    }
    for e in &model.enums {
        for v in &e.variants {
            for (_, _, ty) in v.field_list() {
                report(ty, v.span);
            }
        }
    }
}

const NESTED: &str = "rust2go: Go objects cross only as a whole parameter (`&CounterImpl`) or result, not inside other types";

/// Reports objects (as `is_object` tells) inside `ty`.
fn nested(ty: &Type, span: Span, is_object: &dyn Fn(&Type) -> bool, errs: &mut Errors) {
    let mut found = false;
    for c in ty.children() {
        c.visit(&mut |t| found |= is_object(t));
    }
    if found {
        errs.push(span, NESTED);
    }
}

/// Turns the object parameters and result of one method (as `is_object` tells) into handles.
fn mark(m: &mut Method, own: &str, is_object: impl Fn(&Type) -> Option<String>, errs: &mut Errors) {
    for p in &mut m.params {
        if let Some(o) = is_object(&p.ty) {
            if !p.by_ref {
                errs.push(p.span, BY_REF);
            }
            if m.attrs.mem {
                errs.push(p.span, "rust2go: `#[mem]` methods cannot take Go objects; use the cgo path for this method");
            }
            p.handle = Some(o);
            p.ty = Type::Prim(Prim::U64);
        }
    }
    if m.err.as_ref().and_then(&is_object).is_some() {
        errs.push(m.span, "rust2go: a Go object cannot be the error of a `Result`; return an R2G type or `String`");
    }
    if let Some(o) = m.ret.as_ref().and_then(&is_object) {
        if m.flavor == Flavor::Async {
            let what = if !m.receiver && o == own { "constructors (`-> Self`) are sync calls" } else { "async methods cannot return Go objects; return them from a sync method" };
            errs.push(m.span, format!("rust2go: {what}"));
        }
        m.ret_handle = Some(o);
        m.ret = Some(Type::Prim(Prim::U64));
    }
    if m.receiver && m.attrs.mem {
        errs.push(m.span, "rust2go: `#[mem]` applies to static methods only, not to `&self` methods of a Go object");
    }
}

#[cfg(test)]
mod tests {
    use crate::{parse_file_str, Prim, Type};

    const IDL: &str = "
        #[rust2go::r2g] pub trait Counter { fn new(n: u64) -> Self; fn add(&self, n: u64) -> u64; }
        #[rust2go::r2g] pub trait Pool { fn total(c: &CounterImpl) -> u64; fn make() -> CounterImpl; }
    ";

    #[test]
    fn objects_of_other_traits_resolve_in_the_file() {
        let m = parse_file_str(IDL).unwrap();
        let (counter, pool) = (&m.traits[0], &m.traits[1]);
        assert!(counter.is_object() && !pool.is_object());
        assert!(counter.methods[0].is_constructor("Counter") && counter.methods[1].receiver);
        let p = &pool.methods[0].params[0];
        assert_eq!((p.handle.as_deref(), &p.ty), (Some("Counter"), &Type::Prim(Prim::U64)));
        assert_eq!(pool.methods[1].ret_handle.as_deref(), Some("Counter"));
    }

    #[test]
    fn objects_inside_types_and_by_value_are_errors_at_the_token() {
        let src = format!("{IDL}\n#[rust2go::r2g] pub trait Bad {{ fn all(cs: &Vec<CounterImpl>); fn take(c: CounterImpl); }}");
        let errs = parse_file_str(&src).unwrap_err().render("idl.rs");
        assert!(errs.contains("idl.rs:5:") && errs.contains("cross only as a whole parameter"), "{errs}");
        assert!(errs.contains("pass Go objects by reference"), "{errs}");
    }

    #[test]
    fn rust_objects_of_g2r_traits() {
        let src = "#[rust2go::g2r(object = crate::bank::Account)] pub trait Acc {
            fn new(n: u64) -> Self; fn open(s: String) -> Result<Self, String>; fn get(&self) -> u64; async fn slow(&self) -> u64; }";
        let m = parse_file_str(src).unwrap();
        let t = &m.traits[0];
        assert!(t.is_object());
        assert!(t.methods[0].is_constructor("Acc") && t.methods[1].is_constructor("Acc"));
        assert!(t.methods[2].receiver && t.methods[3].receiver);
        assert_eq!((&t.methods[1].ret, t.methods[1].err.is_some()), (&Some(Type::Prim(Prim::U64)), true));
    }

    #[test]
    fn g2r_object_errors_at_the_token() {
        let src = "#[rust2go::g2r] pub trait A { fn new() -> Self; fn get(&self) -> u64; }
            #[rust2go::g2r(object = X)] pub trait B { fn f() -> u32; }
            #[rust2go::g2r(object = X)] pub trait C { fn new() -> Self; fn take(&self, o: &Self); fn fork(&self) -> Self; fn close(&self); fn version() -> u32; }
            #[rust2go::r2g(object = X)] pub trait D { fn new() -> Self; }";
        let errs = parse_file_str(src).unwrap_err().render("idl.rs");
        assert!(errs.contains("idl.rs:1:") && errs.contains("`#[rust2go::g2r(object = MyType)]`"), "{errs}");
        assert!(errs.contains("idl.rs:2:") && errs.contains("trait `B` has no `&self` methods"), "{errs}");
        assert_eq!(errs.matches("crosses only as its constructor's result").count(), 2, "{errs}");
        assert!(errs.contains("`close` names the generated `Close()`"), "{errs}");
        assert!(errs.contains("`version` takes no `&self`"), "{errs}");
        assert!(errs.contains("idl.rs:4:") && errs.contains("applies to #[g2r] traits"), "{errs}");
    }
}

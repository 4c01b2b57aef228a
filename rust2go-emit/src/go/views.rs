//! C views of the arguments (the typedefs in the cgo preamble) and the Go converters from a
//! view to the Go value: in place for sync calls, copied for async ones.

use super::clone::find_tuple;
use super::{prim_from_c, GoGen};
use rust2go_model::{EnumDef, Model, NamedDef, StructDef, Type};
use std::collections::BTreeSet;
use std::fmt::Write;

/// `&v`, or `p` for `v` = `(*p)`.
fn address_of(v: &str) -> String {
    match v.strip_prefix("(*").and_then(|p| p.strip_suffix(')')) {
        Some(p) if p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => p.to_string(),
        _ => format!("&{v}"),
    }
}

/// Prefix of the view converters: `r2gNew_` views Rust memory in place (sync calls),
/// `r2gOwn_` copies into Go memory (async calls, whose goroutine outlives the borrow).
fn converter(owned: bool) -> &'static str {
    if owned {
        "r2gOwn_"
    } else {
        "r2gNew_"
    }
}

impl GoGen<'_> {
    /// The C type of a value's view; declares the typedefs it needs.
    pub(super) fn c_view(&mut self, ty: &Type) -> String {
        match ty {
            Type::Prim(p) => p.c().into(),
            Type::Char => "uint32_t".into(),
            Type::String => "R2gSlice".into(),
            Type::Vec(_) => "R2gVec".into(),
            Type::Option(_) => "R2gPtr".into(),
            Type::Boxed(inner) => self.c_view(inner),
            Type::Array(inner, n) => {
                let name = format!("R2gArr_{}", ty.mangle());
                if !self.c_done.contains(&name) {
                    let c = self.c_view(inner);
                    self.c_done.insert(name.clone());
                    self.c_types.push(format!("typedef struct {name} {{\n\t{c} a[{n}];\n}} {name};\n"));
                }
                name
            }
            Type::Map(..) => "R2gMap".into(),
            Type::Tuple(ts) => {
                let name = format!("R2gView_{}", ty.mangle());
                let fields: Vec<Type> = ts.clone();
                self.c_struct(&name, &fields);
                name
            }
            Type::Named(n) => match self.model.find_named(n) {
                Some(NamedDef::Struct(s)) => {
                    let name = format!("R2gView_{n}");
                    let fields: Vec<Type> = s.fields.iter().map(|f| f.ty.clone()).collect();
                    self.c_struct(&name, &fields);
                    name
                }
                Some(NamedDef::Enum(e)) if e.is_fieldless() => if e.is_wide() { "int64_t" } else { "int32_t" }.into(),
                _ => "R2gEnum".into(),
            },
        }
    }

    /// Declares `typedef struct NAME { .. f0; .. f1; } NAME;` after the types it embeds.
    fn c_struct(&mut self, name: &str, fields: &[Type]) {
        if !self.c_done.insert(name.to_string()) {
            return;
        }
        let mut d = format!("typedef struct {name} {{\n");
        if fields.is_empty() {
            d.push_str("\tuint8_t empty;\n");
        }
        for (i, f) in fields.iter().enumerate() {
            let c = self.c_view(f);
            let _ = writeln!(d, "\t{c} f{i};");
        }
        let _ = writeln!(d, "}} {name};");
        self.c_types.push(d);
    }

    /// The C typedef of an enum variant's payload.
    fn c_variant(&mut self, e: &EnumDef, v: &rust2go_model::Variant) -> String {
        let name = format!("R2gView_{}_{}", e.name, v.name);
        let fields: Vec<Type> = v.field_list().into_iter().map(|(_, _, t)| t.clone()).collect();
        self.c_struct(&name, &fields);
        name
    }

    /// A Go expression converting the C view value `v` (addressable) of `ty` to Go. A view in
    /// Go's layout (`Model::in_place`) is the Go value already: it is reinterpreted, or for
    /// `owned`, deep-copied into Go memory.
    pub(super) fn go_value_of_view(&mut self, ty: &Type, v: &str, owned: bool) -> String {
        match ty {
            Type::Prim(p) => return prim_from_c(*p, v),
            Type::Char => return format!("rune({v})"),
            _ => {}
        }
        if self.model.in_place(ty) {
            let go = ty.go();
            let x = format!("*(*{go})(unsafe.Pointer({}))", address_of(v));
            if !owned {
                return x;
            }
            return match ty {
                Type::Vec(inner) if inner.is_plain_elem() => format!("append({go}(nil), {x}...)"),
                // `(*p).Clone()` needs the parentheses; a function argument does not.
                Type::Named(_) | Type::Tuple(_) | Type::Boxed(_) => self.clone_expr(ty, &format!("({x})")),
                _ => self.clone_expr(ty, &x),
            };
        }
        match ty {
            Type::Boxed(inner) => self.go_value_of_view(inner, v, owned),
            // Zero-sized: nothing to read (cgo does not even show Go the zero-length field).
            Type::Array(_, 0) => format!("{}{{}}", ty.go()),
            _ => {
                let name = format!("{}{}", converter(owned), ty.mangle());
                self.converter_fn(&name, ty, owned);
                let sl = if self.takes_slabs(ty) { ", sl" } else { "" };
                match ty {
                    // Struct, tuple and array views, and enums, are passed by pointer.
                    Type::Tuple(_) | Type::Named(_) | Type::Array(..) => format!("{name}({}{sl})", address_of(v)),
                    _ => format!("{name}({v}{sl})"),
                }
            }
        }
    }

    /// Whether the converter of `ty` carves slices from the call's `r2gSlabs` (a `Vec` whose
    /// elements need their own conversion is somewhere inside), and so takes `sl`.
    fn takes_slabs(&self, ty: &Type) -> bool {
        fn walk(model: &Model, ty: &Type, seen: &mut BTreeSet<String>) -> bool {
            if model.in_place(ty) {
                // Reinterpreted, not converted.
                return false;
            }
            match ty {
                Type::Prim(_) | Type::Char | Type::String => false,
                // Its elements are not in place (else it would be): converted into slab slices.
                Type::Vec(_) => true,
                Type::Array(_, 0) => false,
                Type::Array(inner, _) | Type::Option(inner) | Type::Boxed(inner) => walk(model, inner, seen),
                Type::Map(_, k, v) => walk(model, k, seen) || walk(model, v, seen),
                Type::Tuple(ts) => ts.iter().any(|t| walk(model, t, seen)),
                // A type being walked already: its other fields decide.
                Type::Named(n) if !seen.insert(n.clone()) => false,
                Type::Named(n) => match model.find_named(n) {
                    Some(NamedDef::Struct(s)) => s.fields.iter().any(|f| walk(model, &f.ty, seen)),
                    Some(NamedDef::Enum(e)) => e.variants.iter().any(|v| v.field_list().into_iter().any(|(_, _, t)| walk(model, t, seen))),
                    None => unreachable!("validated model"),
                },
            }
        }
        walk(self.model, ty, &mut BTreeSet::new())
    }

    fn converter_fn(&mut self, name: &str, ty: &Type, owned: bool) {
        let ty = ty.clone();
        let sl = if self.takes_slabs(&ty) { ", sl *r2gSlabs" } else { "" };
        self.func(name, |g| {
            let go = ty.go();
            let mut f = String::new();
            match &ty {
                Type::Vec(inner) => {
                    let cv = g.c_view(inner);
                    let conv = g.go_value_of_view(inner, "vs[i]", owned);
                    let slab = format!("of_{}", inner.mangle());
                    g.slab_types.insert(slab.clone(), inner.go());
                    let _ = writeln!(f, "func {name}(v C.R2gVec{sl}) {go} {{");
                    f.push_str("\tn := int(v.len)\n\tif n == 0 {\n\t\treturn nil\n\t}\n");
                    let _ = writeln!(f, "\tvs := unsafe.Slice((*C.{cv})(v.ptr), n)\n\ts := r2gTake(&sl.{slab}, n)");
                    let _ = writeln!(f, "\tfor i := range vs {{\n\t\ts[i] = {conv}\n\t}}\n\treturn s\n}}\n");
                }
                Type::Array(inner, _) => {
                    let cv = g.c_view(&ty);
                    let conv = g.go_value_of_view(inner, "v.a[i]", owned);
                    let _ = writeln!(f, "func {name}(v *C.{cv}{sl}) (a {go}) {{");
                    let _ = writeln!(f, "\tfor i := range v.a {{\n\t\ta[i] = {conv}\n\t}}\n\treturn a\n}}\n");
                }
                Type::Option(inner) => {
                    let cv = g.c_view(inner);
                    let conv = g.go_value_of_view(inner, "(*e)", owned);
                    let _ = writeln!(f, "func {name}(v C.R2gPtr{sl}) {go} {{");
                    f.push_str("\tif v == nil {\n\t\treturn nil\n\t}\n");
                    let _ = writeln!(f, "\te := (*C.{cv})(unsafe.Pointer(v))\n\tx := {conv}\n\treturn &x\n}}\n");
                }
                Type::Map(_, k, val) => {
                    let (ck, cv) = (g.c_view(k), g.c_view(val));
                    let (convk, convv) = (g.go_value_of_view(k, "ks[i]", owned), g.go_value_of_view(val, "vs[i]", owned));
                    let _ = writeln!(f, "func {name}(v C.R2gMap{sl}) {go} {{");
                    let _ = writeln!(f, "\tn := int(v.keys.len)\n\tm := make({go}, n)\n\tif n == 0 {{\n\t\treturn m\n\t}}");
                    let _ = writeln!(f, "\tks := unsafe.Slice((*C.{ck})(v.keys.ptr), n)\n\tvs := unsafe.Slice((*C.{cv})(v.vals.ptr), n)");
                    let _ = writeln!(f, "\tfor i := range ks {{\n\t\tm[{convk}] = {convv}\n\t}}\n\treturn m\n}}\n");
                }
                Type::Tuple(ts) => {
                    let cv = g.c_view(&ty);
                    let _ = writeln!(f, "func {name}(v *C.{cv}{sl}) {go} {{\n\treturn {go}{{");
                    for (i, t) in ts.iter().enumerate() {
                        let conv = g.go_value_of_view(t, &format!("v.f{i}"), owned);
                        let _ = writeln!(f, "\t\t{}: {conv},", g.tuple_field(i));
                    }
                    f.push_str("\t}\n}\n");
                }
                Type::Named(n) => match g.model.find_named(n) {
                    Some(NamedDef::Struct(s)) => g.struct_converter(&mut f, name, sl, s, owned),
                    Some(NamedDef::Enum(e)) => g.enum_converter(&mut f, name, sl, e, owned),
                    None => unreachable!("validated model"),
                },
                _ => unreachable!("scalars and strings convert inline"),
            }
            f.push('\n');
            f
        });
    }

    /// For every struct and tuple read in place whose view a call uses: a function that does
    /// not compile unless the Go type has the view's size and field offsets.
    pub(super) fn layout_checks(&mut self, o: &mut String) {
        let model = self.model;
        let mut checked: Vec<(String, String, Vec<String>)> = Vec::new();
        for s in &model.structs {
            let cv = format!("R2gView_{}", s.name);
            if self.c_done.contains(&cv) && model.in_place(&Type::Named(s.name.clone())) {
                checked.push((s.name.clone(), cv, s.fields.iter().map(|f| f.name.clone()).collect()));
            }
        }
        for name in self.go_types.keys() {
            let cv = format!("R2gView_{name}");
            if let Some(t) = find_tuple(model, name) {
                if self.c_done.contains(&cv) && model.in_place(&t) {
                    checked.push((name.clone(), cv, (0..t.children().len()).map(|i| self.tuple_field(i)).collect()));
                }
            }
        }
        for (go, cv, fields) in checked {
            let _ = writeln!(o, "// {go} is read in place from the view Rust builds ({cv}): same size and field offsets.");
            let _ = writeln!(o, "func _() {{\n\tvar g {go}\n\tvar c C.{cv}");
            let _ = writeln!(o, "\t_ = [1]struct{{}}{{}}[unsafe.Sizeof(g)-unsafe.Sizeof(c)]");
            for (i, f) in fields.iter().enumerate() {
                let _ = writeln!(o, "\t_ = [1]struct{{}}{{}}[unsafe.Offsetof(g.{f})-unsafe.Offsetof(c.f{i})]");
            }
            o.push_str("}\n\n");
        }
    }

    fn struct_converter(&mut self, f: &mut String, name: &str, sl: &str, s: &StructDef, owned: bool) {
        let cv = self.c_view(&Type::Named(s.name.clone()));
        let _ = writeln!(f, "func {name}(v *C.{cv}{sl}) {} {{\n\treturn {}{{", s.name, s.name);
        for (i, fl) in s.fields.iter().enumerate() {
            let conv = self.go_value_of_view(&fl.ty, &format!("v.f{i}"), owned);
            let _ = writeln!(f, "\t\t{}: {conv},", fl.name);
        }
        f.push_str("\t}\n}\n");
    }

    fn enum_converter(&mut self, f: &mut String, name: &str, sl: &str, e: &EnumDef, owned: bool) {
        let _ = writeln!(f, "func {name}(v *C.R2gEnum{sl}) {} {{\n\tswitch v.tag {{", e.name);
        for (tag, var) in e.variants.iter().enumerate() {
            let _ = writeln!(f, "\tcase {tag}:");
            if e.is_fieldless() {
                let _ = writeln!(f, "\t\treturn {}{}", e.name, var.name);
                continue;
            }
            let fields = var.field_list();
            if fields.is_empty() {
                let _ = writeln!(f, "\t\treturn {}{}{{}}", e.name, var.name);
                continue;
            }
            let cv = self.c_variant(e, var);
            let _ = writeln!(f, "\t\tp := (*C.{cv})(v.payload)\n\t\treturn {}{}{{", e.name, var.name);
            for (i, (_, go, t)) in fields.iter().enumerate() {
                let conv = self.go_value_of_view(t, &format!("p.f{i}"), owned);
                let _ = writeln!(f, "\t\t\t{go}: {conv},");
            }
            f.push_str("\t\t}\n");
        }
        let _ = writeln!(f, "\t}}\n\tpanic(fmt.Sprintf(\"rust2go: invalid {} tag %d\", v.tag))\n}}", e.name);
    }
}

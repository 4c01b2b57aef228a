//! Deep copies: `Clone()` for every generated Go type, and `Error()` for the types used as
//! the error of a `Result`.

use super::GoGen;
use rust2go_model::{Model, NamedDef, Type};
use std::fmt::Write;

impl GoGen<'_> {
    /// `Clone()` for every generated Go type, and `Error()` for those used as errors.
    pub(super) fn clones(&mut self, o: &mut String) {
        let model = self.model;
        for s in &model.structs {
            let _ = writeln!(o, "// Clone returns a deep copy of x, safe to keep after the call returns.");
            let _ = writeln!(o, "func (x *{0}) Clone() {0} {{\n\treturn {0}{{", s.name);
            for f in &s.fields {
                let c = self.clone_expr(&f.ty, &format!("x.{}", f.name));
                let _ = writeln!(o, "\t\t{}: {c},", f.name);
            }
            o.push_str("\t}\n}\n\n");
        }
        for e in &model.enums {
            if e.is_fieldless() {
                let _ = writeln!(o, "// Clone returns x (a plain value).\nfunc (x {0}) Clone() {0} {{\n\treturn x\n}}\n", e.name);
                continue;
            }
            for v in &e.variants {
                let vn = format!("{}{}", e.name, v.name);
                let _ = writeln!(o, "// Clone returns a deep copy of x, safe to keep after the call returns.");
                let _ = writeln!(o, "func (x *{vn}) Clone() {vn} {{\n\treturn {vn}{{");
                for (_, go, t) in v.field_list() {
                    let c = self.clone_expr(t, &format!("x.{go}"));
                    let _ = writeln!(o, "\t\t{go}: {c},");
                }
                o.push_str("\t}\n}\n\n");
            }
        }
        let tuples: Vec<(String, Type)> = self
            .go_types
            .keys()
            .filter_map(|k| find_tuple(model, k).map(|t| (k.clone(), t)))
            .collect();
        for (name, t) in tuples {
            let Type::Tuple(ts) = &t else { continue };
            let _ = writeln!(o, "// Clone returns a deep copy of x, safe to keep after the call returns.");
            let _ = writeln!(o, "func (x *{name}) Clone() {name} {{\n\treturn {name}{{");
            for (i, e) in ts.iter().enumerate() {
                let field = self.tuple_field(i);
                let c = self.clone_expr(e, &format!("x.{field}"));
                let _ = writeln!(o, "\t\t{field}: {c},");
            }
            o.push_str("\t}\n}\n\n");
        }
        for n in self.error_types.clone() {
            match model.find_named(&n) {
                Some(NamedDef::Enum(e)) if !e.is_fieldless() => {
                    for v in &e.variants {
                        let _ = writeln!(
                            o,
                            "func (x {0}{1}) Error() string {{\n\ttype plain {0}{1}\n\treturn fmt.Sprintf(\"{0}{1}%+v\", plain(x))\n}}\n",
                            e.name, v.name
                        );
                    }
                }
                _ => {
                    let _ = writeln!(o, "// Error makes {n} usable as the error of a Result method.");
                    let _ = writeln!(o, "func (x {n}) Error() string {{\n\ttype plain {n}\n\treturn fmt.Sprintf(\"{n}%+v\", plain(x))\n}}\n");
                }
            }
        }
    }

    /// An expression deep-copying the addressable value `x` of `ty`.
    pub(super) fn clone_expr(&mut self, ty: &Type, x: &str) -> String {
        if self.copied_by_value(ty) {
            return x.to_string();
        }
        match ty {
            Type::String => format!("r2gCloneStr({x})"),
            Type::Named(n) => match self.model.find_named(n) {
                Some(NamedDef::Struct(_)) => format!("{x}.Clone()"),
                _ => {
                    let name = format!("r2gClone_{n}");
                    self.clone_fn(&name, ty);
                    format!("{name}({x})")
                }
            },
            Type::Tuple(_) => format!("{x}.Clone()"),
            Type::Boxed(inner) => self.clone_expr(inner, x),
            _ => {
                let name = format!("r2gClone_{}", ty.mangle());
                self.clone_fn(&name, ty);
                format!("{name}({x})")
            }
        }
    }

    /// Whether a plain Go assignment deep-copies a value of `ty`: scalars, fieldless enums and
    /// arrays of them.
    fn copied_by_value(&self, ty: &Type) -> bool {
        match ty {
            Type::Prim(_) | Type::Char => true,
            Type::Named(n) => matches!(self.model.find_named(n), Some(NamedDef::Enum(e)) if e.is_fieldless()),
            Type::Array(inner, _) => self.copied_by_value(inner),
            _ => false,
        }
    }

    fn clone_fn(&mut self, name: &str, ty: &Type) {
        let ty = ty.clone();
        self.func(name, |g| {
            let go = ty.go();
            let mut f = format!("func {name}(x {go}) {go} {{\n");
            match &ty {
                Type::Vec(inner) => {
                    f.push_str("\tif x == nil {\n\t\treturn nil\n\t}\n");
                    let _ = writeln!(f, "\ty := make({go}, len(x))");
                    if g.copied_by_value(inner) {
                        f.push_str("\tcopy(y, x)\n");
                    } else {
                        let c = g.clone_expr(inner, "x[i]");
                        let _ = writeln!(f, "\tfor i := range x {{\n\t\ty[i] = {c}\n\t}}");
                    }
                    f.push_str("\treturn y\n");
                }
                Type::Array(inner, _) => {
                    let c = g.clone_expr(inner, "x[i]");
                    let _ = writeln!(f, "\tvar y {go}\n\tfor i := range x {{\n\t\ty[i] = {c}\n\t}}\n\treturn y");
                }
                Type::Option(inner) => {
                    let c = g.clone_expr(inner, "(*x)");
                    let _ = writeln!(f, "\tif x == nil {{\n\t\treturn nil\n\t}}\n\ty := {c}\n\treturn &y");
                }
                Type::Map(_, k, v) => {
                    let (ck, cv) = (g.clone_expr(k, "k"), g.clone_expr(v, "v"));
                    let _ = writeln!(f, "\tif x == nil {{\n\t\treturn nil\n\t}}\n\ty := make({go}, len(x))");
                    let _ = writeln!(f, "\tfor k, v := range x {{\n\t\ty[{ck}] = {cv}\n\t}}\n\treturn y");
                }
                Type::Named(n) => {
                    let e = g.model.find_enum(n).expect("data enum");
                    f.push_str("\tswitch v := x.(type) {\n");
                    for var in &e.variants {
                        let _ = writeln!(f, "\tcase {0}{1}:\n\t\treturn v.Clone()\n\tcase *{0}{1}:\n\t\tc := v.Clone()\n\t\treturn &c", e.name, var.name);
                    }
                    f.push_str("\t}\n\treturn x\n");
                }
                _ => unreachable!("cloned inline"),
            }
            f.push_str("}\n\n");
            f
        });
    }
}

/// The tuple type whose Go name is `name`, wherever the model uses it.
pub(super) fn find_tuple(model: &Model, name: &str) -> Option<Type> {
    let mut found = None;
    let mut look = |t: &Type| {
        t.visit(&mut |x| {
            if matches!(x, Type::Tuple(_)) && x.go() == name {
                found = Some(x.clone());
            }
        })
    };
    for s in &model.structs {
        s.fields.iter().for_each(|f| look(&f.ty));
    }
    for e in &model.enums {
        for v in &e.variants {
            v.field_list().into_iter().for_each(|(_, _, t)| look(t));
        }
    }
    for t in &model.traits {
        for m in &t.methods {
            m.params.iter().for_each(|p| look(&p.ty));
            m.ret.iter().chain(m.err.iter()).for_each(&mut look);
        }
    }
    found
}

//! The Go types of the model: structs, enums (fieldless and with data), tuples.

use super::GoGen;
use rust2go_model::{EnumDef, Type};
use std::fmt::Write;

impl GoGen<'_> {
    pub(super) fn types(&mut self, o: &mut String) {
        for s in &self.model.structs {
            self.doc(o, "", &s.doc);
            let _ = writeln!(o, "type {} struct {{", s.name);
            for f in &s.fields {
                self.doc(o, "\t", &f.doc);
                let _ = writeln!(o, "\t{} {}", f.name, f.ty.go());
            }
            o.push_str("}\n\n");
        }
        for e in &self.model.enums {
            self.enum_type(o, e);
        }
        // Tuples used anywhere get their Go struct.
        let mut all = Vec::new();
        for s in &self.model.structs {
            all.extend(s.fields.iter().map(|f| f.ty.clone()));
        }
        for e in &self.model.enums {
            for v in &e.variants {
                all.extend(v.field_list().into_iter().map(|(_, _, t)| t.clone()));
            }
        }
        for t in &self.model.traits {
            for m in &t.methods {
                all.extend(m.params.iter().map(|p| p.ty.clone()));
                all.extend(m.ret.iter().cloned());
                all.extend(m.err.iter().cloned());
            }
        }
        for ty in all {
            ty.visit(&mut |t| {
                if let Type::Tuple(ts) = t {
                    self.tuple_type(ts, t);
                }
            });
        }
    }

    fn tuple_type(&mut self, ts: &[Type], t: &Type) {
        let name = t.go();
        if self.go_types.contains_key(&name) {
            return;
        }
        let mut d = format!("// {name} is the Go form of the Rust tuple `{}`.\ntype {name} struct {{\n", t.rust());
        for (i, e) in ts.iter().enumerate() {
            let _ = writeln!(d, "\t{} {}", self.tuple_field(i), e.go());
        }
        d.push_str("}\n\n");
        self.go_types.insert(name, d);
    }

    fn enum_type(&mut self, o: &mut String, e: &EnumDef) {
        if e.is_fieldless() {
            self.doc_paragraph(o, &e.doc);
            let _ = writeln!(o, "// {} is the Go form of a fieldless Rust enum.", e.name);
            let _ = writeln!(o, "type {} {}\n\nconst (", e.name, if e.is_wide() { "int64" } else { "int32" });
            for v in &e.variants {
                self.doc(o, "\t", &v.doc);
                let _ = writeln!(o, "\t{}{} {} = {}", e.name, v.name, e.name, v.discriminant);
            }
            o.push_str(")\n\n");
            return;
        }
        self.doc_paragraph(o, &e.doc);
        let _ = writeln!(
            o,
            "// {0} is the Go form of a Rust enum with data: one struct per variant ({0}<Variant>);\n// switch on it with a type switch.",
            e.name
        );
        let _ = writeln!(o, "type {0} interface {{\n\tis{0}()\n}}\n", e.name);
        for v in &e.variants {
            self.doc(o, "", &v.doc);
            let _ = writeln!(o, "type {}{} struct {{", e.name, v.name);
            let docs: Vec<&str> = match &v.fields {
                rust2go_model::VariantFields::Named(fs) => fs.iter().map(|f| f.doc.as_str()).collect(),
                _ => Vec::new(),
            };
            for (i, (_, go, t)) in v.field_list().into_iter().enumerate() {
                self.doc(o, "\t", docs.get(i).copied().unwrap_or_default());
                let _ = writeln!(o, "\t{go} {}", t.go());
            }
            o.push_str("}\n\n");
            let _ = writeln!(o, "func ({}{}) is{}() {{}}\n", e.name, v.name, e.name);
        }
    }
}

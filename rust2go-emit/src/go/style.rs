//! The Go style of the output ([`GoStyle`]): Go names of methods and fields, how the handler
//! receives each parameter, and doc comments.
//!
//! Fields are renamed once, in the Go back-end's own copy of the model ([`go_model`]), so
//! every part of the back-end (types, views, codecs, clones) spells them the same way. Methods
//! keep their Rust names in the model, because the C symbols are made from them (the Rust
//! glue does not depend on the style); their Go name comes from [`GoGen::go_method`].

use super::GoGen;
use rust2go_model::{go_names, GoStyle, Method, Model, NamedDef, Param, Type, VariantFields};
use std::fmt::Write;

/// The model as the Go back-end sees it: field names as Go spells them in `style` (tuple
/// variants become variants with fields named `F0`, `F1`, .. in the idiomatic style).
pub(super) fn go_model(model: &Model, style: GoStyle) -> Model {
    let mut m = model.clone();
    if style == GoStyle::Compat {
        return m;
    }
    for s in &mut m.structs {
        for f in &mut s.fields {
            f.name = style.member(&f.name);
        }
    }
    for e in &mut m.enums {
        for v in &mut e.variants {
            match &mut v.fields {
                VariantFields::Named(fs) => fs.iter_mut().for_each(|f| f.name = style.member(&f.name)),
                VariantFields::Tuple(ts) => {
                    let fields = ts
                        .iter()
                        .enumerate()
                        .map(|(i, t)| rust2go_model::Field { name: style.tuple_field(i), ty: t.clone(), span: e.span, name_span: e.span, doc: String::new() })
                        .collect();
                    v.fields = VariantFields::Named(fields);
                }
                VariantFields::Unit => {}
            }
        }
    }
    m
}

impl GoGen<'_> {
    fn style(&self) -> GoStyle {
        self.opts.style
    }

    /// The Go name of a method.
    pub(super) fn go_method(&self, m: &Method) -> String {
        self.style().member(&m.name)
    }

    /// The Go name of the `i`-th field of a tuple.
    pub(super) fn tuple_field(&self, i: usize) -> String {
        self.style().tuple_field(i)
    }

    /// Whether the Go method receives `p` as a value rather than a pointer: with
    /// `#[go_pass_struct]` always; in the idiomatic style everything but structs, tuples and
    /// arrays (scalars, strings, slices, maps, `Option`'s pointer, enums).
    pub(super) fn by_value(&self, m: &Method, p: &Param) -> bool {
        m.attrs.go_pass_struct || (self.style() == GoStyle::Idiomatic && self.value_like(&p.ty))
    }

    fn value_like(&self, ty: &Type) -> bool {
        match ty {
            Type::Prim(_) | Type::Char | Type::String | Type::Vec(_) | Type::Map(..) | Type::Option(_) => true,
            Type::Array(..) | Type::Tuple(_) => false,
            Type::Boxed(t) => self.value_like(t),
            Type::Named(n) => matches!(self.model.find_named(n), Some(NamedDef::Enum(_))),
        }
    }

    /// The Go name of a parameter: in the idiomatic style in lower CamelCase (`user_id` →
    /// `userID`), unless that is a Go keyword or the Go name of another parameter of the
    /// method (then as written).
    pub(super) fn param_name(&self, m: &Method, p: &Param) -> String {
        if self.style() == GoStyle::Compat {
            return p.name.clone();
        }
        let go = go_names::unexported(&p.name);
        let taken = m.params.iter().any(|o| o.name != p.name && (o.name == go || go_names::unexported(&o.name) == go));
        let reserved = go.starts_with("r2g") || (m.attrs.go_context && go == "ctx");
        if taken || reserved || rust2go_model::errors::GO_KEYWORDS.contains(&go.as_str()) {
            p.name.clone()
        } else {
            go
        }
    }

    /// A parameter of the Go method's signature.
    pub(super) fn go_param(&self, m: &Method, p: &Param) -> String {
        self.go_param_named(m, &self.param_name(m, p), p)
    }

    /// A parameter of the Go method's signature under the Go name `name`.
    pub(super) fn go_param_named(&self, m: &Method, name: &str, p: &Param) -> String {
        if let Some(object) = &p.handle {
            format!("{name} {object}")
        } else if self.by_value(m, p) {
            format!("{name} {}", p.ty.go())
        } else {
            format!("{name} *{}", p.ty.go())
        }
    }

    /// The IDL's doc comment of a type as the first paragraph of its Go doc comment (the
    /// generated description follows).
    pub(super) fn doc_paragraph(&self, o: &mut String, doc: &str) {
        let before = o.len();
        self.doc(o, "", doc);
        if o.len() > before {
            o.push_str("//\n");
        }
    }

    /// The IDL's doc comment as a Go doc comment (idiomatic style only; the default output
    /// stays as rust2go 0.4 wrote it), each line prefixed by `indent`.
    pub(super) fn doc(&self, o: &mut String, indent: &str, doc: &str) {
        if self.style() != GoStyle::Idiomatic || doc.is_empty() {
            return;
        }
        for line in doc.lines() {
            if line.is_empty() {
                let _ = writeln!(o, "{indent}//");
            } else {
                let _ = writeln!(o, "{indent}// {line}");
            }
        }
    }
}

//! Object traits (`#[r2g]` traits with `&self` methods and constructors): the interface of the
//! Go object, one constructor variable per constructor, the handle table (`go/objects.go`) and
//! the exports, which take the handle id first and look the object up.

use super::GoGen;
use rust2go_model::{go_names, GoStyle, Method, TraitDef};
use std::fmt::Write;

/// The Go variable holding a constructor: `<Trait><Method in CamelCase>` (in both styles).
pub(super) fn ctor_var(t: &TraitDef, m: &Method) -> String {
    format!("{}{}", t.name, go_names::exported(&m.name))
}

impl GoGen<'_> {
    pub(super) fn object_trait(&mut self, o: &mut String, t: &TraitDef) {
        self.uses_objects = true;
        let n = &t.name;
        let ctors: Vec<&Method> = t.methods.iter().filter(|m| m.is_constructor(n)).collect();
        let ctor_names: Vec<String> = ctors.iter().map(|m| ctor_var(t, m)).collect();
        let (close, closer) = match self.opts.style {
            GoStyle::Compat => ("close", "r2gClose"),
            GoStyle::Idiomatic => ("Close", "r2gCloseExported"),
        };
        self.doc_paragraph(o, &t.doc);
        let _ = writeln!(o, "// {n} is a Go object that Rust holds through a handle ({n}Impl). Rust may call its methods");
        let _ = writeln!(o, "// from several threads at once, so implementations must be safe for concurrent use. When");
        let _ = writeln!(o, "// the handle is dropped (and the async calls on it are done), the object's {close}() method is");
        let _ = writeln!(o, "// called once, if it has one. Objects are made by {}.", ctor_names.join(", "));
        let _ = writeln!(o, "type {n} interface {{");
        for m in t.methods.iter().filter(|m| m.receiver) {
            self.doc(o, "\t", &m.doc);
            let _ = writeln!(o, "\t{}{}", self.go_method(m), self.go_signature(m));
        }
        o.push_str("}\n\n");
        for (m, var) in ctors.iter().zip(&ctor_names) {
            let sig = format!("func{}", self.go_signature(m));
            self.doc(o, "", &m.doc);
            let _ = writeln!(o, "// {var} makes the {n} of Rust's {n}Impl::{}; assign it in an init function.", m.name);
            let _ = writeln!(o, "var {var} {sig}\n");
            let _ = writeln!(
                o,
                "func r2gCtor_{n}_{0}() {sig} {{\n\tif {var} == nil {{\n\t\tpanic(\"rust2go: {var} is not set: assign a constructor of {n} objects to {var} in an init function\")\n\t}}\n\treturn {var}\n}}\n",
                m.name
            );
        }
        let _ = writeln!(o, "var r2gObjs_{n} = r2gObjTable[{n}]{{name: \"{n}\", close: {closer}[{n}]}}\n");
        for m in &t.methods {
            self.export(o, t, m);
        }
        let _ = writeln!(
            o,
            "//export {0}\nfunc {0}(id C.uint64_t, out *C.R2gOut) {{\n{1}\tr2gObjs_{n}.release(uint64(id))\n\tr2gOk = true\n}}\n",
            t.release_symbol(),
            super::r2g::recover_sync()
        );
    }

    /// The statement binding `var` to the object behind the handle `arg` (of trait `h`):
    /// the object itself, or for an async call an entry held until the call is done.
    pub(super) fn object_arg(&mut self, h: &str, var: &str, arg: &str, owned: bool, held: &mut Vec<(String, String)>) -> String {
        if owned {
            held.push((h.to_string(), var.to_string()));
            format!("\t{var} := r2gObjs_{h}.hold(uint64({arg}))")
        } else {
            format!("\t{var} := r2gObjs_{h}.get(uint64({arg})).obj")
        }
    }

    /// The Go call behind an export: the object's method, a constructor or the trait's
    /// implementation; an object it returns is stored in its table and crosses as its handle.
    pub(super) fn call_target(&self, t: &TraitDef, m: &Method, owned: bool, args: &str) -> String {
        let call = if m.receiver {
            format!("o{}.{}({args})", if owned { ".obj" } else { "" }, self.go_method(m))
        } else if t.is_object() {
            format!("r2gCtor_{}_{}()({args})", t.name, m.name)
        } else {
            format!("r2gImpl_{}().{}({args})", t.name, self.go_method(m))
        };
        match (&m.ret_handle, &m.err) {
            (Some(h), None) => format!("r2gObjs_{h}.put({call})"),
            (Some(h), Some(_)) => format!("r2gObjs_{h}.putOrErr({call})"),
            (None, _) => call,
        }
    }

    /// An async call's outcome statements, run in a function that lets go of the held objects
    /// before the call completes (so that a released object is closed by then).
    pub(super) fn holding(held: &[(String, String)], outcome: String) -> String {
        if held.is_empty() {
            return outcome;
        }
        let mut s = String::from("\t\tb := func() []byte {\n");
        for (h, var) in held {
            let _ = writeln!(s, "\t\t\tdefer r2gObjs_{h}.unhold({var})");
        }
        for line in outcome.lines() {
            let _ = writeln!(s, "\t{line}");
        }
        s.push_str("\t\t\treturn b\n\t\t}()\n");
        s
    }
}

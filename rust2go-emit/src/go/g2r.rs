//! Traits implemented in Rust (`#[g2r]`): a Go type whose methods call the Rust exports,
//! and the completion export of the async ones.

use super::{prim_from_c, prim_to_c, GoGen};
use rust2go_model::{errors, Flavor, Method, NamedDef, TraitDef, Type};
use std::fmt::Write;

impl GoGen<'_> {
    pub(super) fn g2r_trait(&mut self, o: &mut String, t: &TraitDef) {
        self.uses_g2r = true;
        self.doc_paragraph(o, &t.doc);
        if t.is_object() {
            self.rust_object_type(o, t);
        } else {
            let _ = writeln!(o, "// {0}Impl calls the Rust implementation of the {0} trait; safe for concurrent use.", t.name);
            let _ = writeln!(o, "type {}Impl struct{{}}\n", t.name);
        }
        for m in &t.methods {
            self.g2r_method(o, t, m);
        }
        if t.methods.iter().any(|m| m.flavor == Flavor::Async) {
            self.uses_g2r_async = true;
            let sym = t.g2r_complete_symbol();
            let _ = writeln!(o, "//export {sym}");
            let _ = writeln!(
                o,
                "func {sym}(h C.uintptr_t, p *C.uint8_t, n C.uintptr_t, status C.uint32_t) {{\n\
                 \thd := cgo.Handle(h)\n\tch := hd.Value().(chan r2gG2rDone)\n\thd.Delete()\n\
                 \tch <- r2gG2rDone{{b: C.GoBytes(unsafe.Pointer(p), C.int(n)), status: uint32(status)}}\n}}\n"
            );
        }
    }

    /// The Go name of a parameter of a `#[g2r]` method: the Rust name, unless the method body
    /// needs that name for something else (a Go predeclared identifier such as `len`, a package
    /// such as `C`, a type of the file), then prefixed with `r2g_` (the IDL check reserves the
    /// `r2g` prefix, so the result is free).
    fn g2r_param_name(&self, name: &str) -> String {
        let m = self.model;
        let taken = errors::GO_PREDECLARED.contains(&name)
            || errors::GO_FILE_NAMES.contains(&name)
            || m.find_named(name).is_some()
            || m.traits.iter().any(|t| name == t.name || name.strip_suffix("Impl") == Some(t.name.as_str()))
            || m.enums.iter().any(|e| e.variants.iter().any(|v| name.strip_prefix(e.name.as_str()) == Some(v.name.as_str())))
            || name.starts_with("Tuple_");
        if taken {
            format!("r2g_{name}")
        } else {
            name.to_string()
        }
    }

    /// `<Trait>Impl` of a `#[g2r(object = T)]` trait: Go's reference to one Rust object, its
    /// `Close()`, and the function that drops the Rust value.
    fn rust_object_type(&mut self, o: &mut String, t: &TraitDef) {
        self.uses_rust_objects = true;
        let n = &t.name;
        let ctors: Vec<String> = t.methods.iter().filter(|m| m.is_constructor(n)).map(|m| super::objects::ctor_var(t, m)).collect();
        let _ = writeln!(o, "// {n}Impl is a Rust object of the {n} trait that Go holds, made by {}. It is safe for", ctors.join(", "));
        let _ = writeln!(o, "// concurrent use. Close drops the Rust value once the calls in flight on it are done (a");
        let _ = writeln!(o, "// finalizer does if Close is never called); a method called after Close panics.");
        let _ = writeln!(o, "type {n}Impl struct {{\n\tr2g *r2gRustObj\n}}\n");
        let _ = writeln!(o, "// Close drops the Rust object once the calls in flight on it are done. Calling it again does nothing.");
        let _ = writeln!(o, "func (r2gH *{n}Impl) Close() {{\n\tr2gH.r2g.close()\n}}\n");
        let sym = t.drop_symbol();
        self.rust_decls.push(format!("extern void {sym}(uint64_t self);\n"));
        let _ = writeln!(o, "func r2gDrop_{n}(addr uint64) {{\n\tC.{sym}(C.uint64_t(addr))\n}}\n");
    }

    fn g2r_method(&mut self, o: &mut String, t: &TraitDef, m: &Method) {
        let sym = t.symbol(m);
        let is_async = m.flavor == Flavor::Async;
        let names: Vec<String> = m.params.iter().map(|p| self.g2r_param_name(&self.param_name(m, p))).collect();
        let params: Vec<String> = m.params.iter().zip(&names).map(|(p, n)| self.go_param_named(m, n, p)).collect();
        self.doc(o, "", &m.doc);
        // C prototype and call arguments: scalars by value, the rest encoded into `args`. The C
        // parameters are named by position: a Rust name may be a C keyword or macro.
        let mut c_params = Vec::new();
        let mut c_args = Vec::new();
        // A constructor's result is the object's address, which Go wraps into `*<Trait>Impl`.
        let wrap = |e: &str| match &m.ret_handle {
            Some(h) => format!("&{h}Impl{{r2g: r2gNewRustObj({e}, r2gDrop_{h})}}"),
            None => e.to_string(),
        };
        if m.receiver {
            let method = format!("{}Impl.{}", t.name, self.go_method(m));
            let _ = writeln!(o, "func (r2gH *{}Impl) {}({}){} {{", t.name, self.go_method(m), params.join(", "), Self::go_results(m));
            let _ = writeln!(o, "\tr2gO := r2gH.r2g\n\tr2gP := r2gO.acquire(\"{method}\")\n\tdefer r2gO.release()");
            c_params.push("uint64_t self".to_string());
            c_args.push("C.uint64_t(r2gP)".to_string());
        } else if let Some(h) = &m.ret_handle {
            let results = if m.err.is_some() { format!(" (*{h}Impl, error)") } else { format!(" *{h}Impl") };
            let _ = writeln!(o, "func {}({}){results} {{", super::objects::ctor_var(t, m), params.join(", "));
        } else {
            let _ = writeln!(o, "func ({}Impl) {}({}){} {{", t.name, self.go_method(m), params.join(", "), Self::go_results(m));
        }
        let mut any_args = false;
        for (i, (p, name)) in m.params.iter().zip(&names).enumerate() {
            let v = if self.by_value(m, p) { name.clone() } else { format!("(*{name})") };
            match &p.ty {
                Type::Prim(pr) => {
                    c_params.push(format!("{} p{i}", pr.c()));
                    c_args.push(prim_to_c(*pr, &v));
                }
                Type::Char => {
                    c_params.push(format!("uint32_t p{i}"));
                    c_args.push(format!("C.uint32_t({v})"));
                }
                other => {
                    if !any_args {
                        o.push_str("\tvar r2gArgs []byte\n");
                        any_args = true;
                    }
                    let e = self.encode(other, &v).replace("$b", "r2gArgs");
                    let _ = writeln!(o, "\tr2gArgs = {e}");
                }
            }
        }
        let (args_ptr, args_len) = if any_args {
            ("r2gBytesPtr(r2gArgs)", "C.uintptr_t(len(r2gArgs))")
        } else {
            ("nil", "0")
        };
        c_params.push("const uint8_t *args".into());
        c_params.push("uintptr_t args_len".into());
        c_args.push(args_ptr.into());
        c_args.push(args_len.into());
        let scalar_ret = match (&m.ret, &m.err, is_async) {
            (Some(Type::Prim(p)), None, false) => Some(*p),
            _ => None,
        };
        let c_ret = scalar_ret.map(|p| p.c()).unwrap_or("void");
        if is_async {
            c_params.push("uintptr_t handle".into());
            self.rust_decls.push(format!("extern void {sym}({});\n", c_params.join(", ")));
            o.push_str("\tr2gCh := make(chan r2gG2rDone, 1)\n");
            c_args.push("C.uintptr_t(cgo.NewHandle(r2gCh))".into());
            let _ = writeln!(o, "\tC.{sym}({})", c_args.join(", "));
            o.push_str("\tr2gDone := <-r2gCh\n\tr2gB, r2gStatus := r2gDone.b, r2gDone.status\n");
        } else {
            c_params.extend(["uint8_t *scratch".to_string(), "uintptr_t scratch_cap".into(), "R2gOut *out".into()]);
            self.rust_decls.push(format!("extern {c_ret} {sym}({});\n", c_params.join(", ")));
            o.push_str("\tr2gSc := r2gScratchPool.Get().(*[r2gScratchSize]byte)\n\tdefer r2gScratchPool.Put(r2gSc)\n\tvar r2gOut C.R2gOut\n");
            c_args.extend([
                "(*C.uint8_t)(unsafe.Pointer(r2gSc))".to_string(),
                "r2gScratchSize".into(),
                "&r2gOut".into(),
            ]);
            let call = format!("C.{sym}({})", c_args.join(", "));
            if scalar_ret.is_some() {
                let _ = writeln!(o, "\tr2gR := {call}");
            } else {
                let _ = writeln!(o, "\t{call}");
            }
            o.push_str("\tr2gB, r2gStatus := r2gG2rBytes(&r2gOut, r2gSc)\n");
            if let Some(p) = scalar_ret {
                let _ = writeln!(o, "\tr2gG2rCheck(r2gB, r2gStatus)\n\treturn {}", wrap(&prim_from_c(p, "r2gR")));
                o.push_str("}\n\n");
                return;
            }
        }
        // Decode the outcome from b.
        match (&m.ret, &m.err) {
            (None, None) => o.push_str("\tr2gG2rCheck(r2gB, r2gStatus)\n"),
            (Some(r), None) => {
                let d = self.decode(r, "r2gRd");
                let _ = writeln!(o, "\tr2gG2rCheck(r2gB, r2gStatus)\n\tr2gRd := &r2gReader{{b: r2gB}}\n\treturn {d}");
            }
            (ret, Some(e)) => {
                let zero = match ret {
                    _ if m.ret_handle.is_some() => "nil, ".to_string(),
                    Some(r) => format!("*new({}), ", r.go()),
                    None => String::new(),
                };
                let _ = writeln!(o, "\tr2gRd := &r2gReader{{b: r2gB}}\n\tif r2gStatus != 0 {{\n\t\treturn {zero}RustPanic{{Message: r2gRd.str()}}\n\t}}");
                let de = match e {
                    Type::String => {
                        self.uses_errors = true;
                        "errors.New(r2gRd.str())".to_string()
                    }
                    other => {
                        let mut d = self.decode(other, "r2gRd");
                        if let Type::Named(n) = other {
                            self.error_types.insert(n.clone());
                            if matches!(self.model.find_named(n), Some(NamedDef::Enum(e)) if !e.is_fieldless()) {
                                d.push_str(".(error)");
                            }
                        }
                        d
                    }
                };
                let _ = writeln!(o, "\tif r2gRd.u8() != 0 {{\n\t\treturn {zero}{de}\n\t}}");
                match ret {
                    Some(r) => {
                        let d = wrap(&self.decode(r, "r2gRd"));
                        let _ = writeln!(o, "\treturn {d}, nil");
                    }
                    None => o.push_str("\treturn nil\n"),
                }
            }
        }
        o.push_str("}\n\n");
    }

}

//! Traits implemented in Go (`#[r2g]`): the interface, its `Impl` variable and one
//! `//export` per method, with the statements that encode a call's outcome.

use super::{cgo, prim_from_c, prim_to_c, GoGen};
use rust2go_model::{Direction, Method, TraitDef, Type};
use std::fmt::Write;

/// The first statements of an export or handler runner, at `indent`: `r2gOk` tells the deferred
/// recovery that the handler returned, rather than ending with a panic (also `panic(nil)`, which
/// `recover()` reports as nil below Go 1.21 semantics) or `runtime.Goexit`. The deferred
/// closure tests the flag itself, and only when the handler did not return calls
/// `report(args, recover())` (only the deferred function itself may call `recover()`): a
/// deferred call of the reporting function on every call was measurable on a tiny sync call.
pub(super) fn recover_stmts(indent: &str, report: &str, args: &str) -> String {
    format!("{indent}r2gOk := false\n{indent}defer func() {{\n{indent}\tif !r2gOk {{\n{indent}\t\t{report}({args}, recover())\n{indent}\t}}\n{indent}}}()\n")
}

/// [`recover_stmts`] of a sync export.
pub(super) fn recover_sync() -> String {
    recover_stmts("\t", "r2gRecover", "out")
}

impl GoGen<'_> {
    pub(super) fn go_results(m: &Method) -> String {
        let ret = |r: &Type| m.ret_handle.clone().unwrap_or_else(|| r.go());
        match (&m.ret, &m.err) {
            (None, None) => String::new(),
            (Some(r), None) => format!(" {}", ret(r)),
            (None, Some(_)) => " error".into(),
            (Some(r), Some(_)) => format!(" ({}, error)", ret(r)),
        }
    }

    /// `(params) results` of the Go method (or function) implementing `m`.
    pub(super) fn go_signature(&self, m: &Method) -> String {
        let mut params: Vec<String> = m.params.iter().map(|p| self.go_param(m, p)).collect();
        if m.attrs.go_context {
            params.insert(0, "ctx context.Context".into());
        }
        format!("({}){}", params.join(", "), Self::go_results(m))
    }

    pub(super) fn traits(&mut self, o: &mut String) {
        for t in &self.model.traits {
            if t.direction == Direction::GoToRust {
                self.g2r_trait(o, t);
                continue;
            }
            if t.is_object() {
                self.object_trait(o, t);
                continue;
            }
            self.doc_paragraph(o, &t.doc);
            let _ = writeln!(o, "// {} is implemented in Go and called from Rust. Register an implementation", t.name);
            let _ = writeln!(o, "// by assigning {}Impl in an init function.", t.name);
            let _ = writeln!(o, "type {} interface {{", t.name);
            for m in &t.methods {
                self.doc(o, "\t", &m.doc);
                let _ = writeln!(o, "\t{}{}", self.go_method(m), self.go_signature(m));
            }
            o.push_str("}\n\n");
            let _ = writeln!(o, "// {}Impl is the {} implementation that Rust calls.", t.name, t.name);
            let _ = writeln!(o, "var {}Impl {}\n", t.name, t.name);
            let _ = writeln!(
                o,
                "func r2gImpl_{0}() {0} {{\n\tif {0}Impl == nil {{\n\t\tpanic(\"rust2go: {0}Impl is not set: assign an implementation of the {0} interface to {0}Impl in an init function\")\n\t}}\n\treturn {0}Impl\n}}\n",
                t.name
            );
            for m in t.methods.iter().filter(|m| m.has_export()) {
                self.export(o, t, m);
            }
            if t.has_ring() {
                self.shm_trait(o, t);
            }
        }
    }

    /// Statements that encode the call's outcome into `b` (which starts as `start`).
    pub(super) fn encode_outcome(&mut self, m: &Method, call: &str, start: &str, indent: &str) -> String {
        let mut s = String::new();
        match (&m.ret, &m.err) {
            (None, None) => {
                let _ = writeln!(s, "{indent}{call}\n{indent}b := {start}");
            }
            (Some(r), None) => {
                let _ = writeln!(s, "{indent}r := {call}");
                let _ = writeln!(s, "{indent}b := {}", self.encode(r, "r").replace("$b", start));
            }
            (ret, Some(e)) => {
                let lhs = if ret.is_some() { "r, err" } else { "err" };
                let _ = writeln!(s, "{indent}{lhs} := {call}\n{indent}b := {start}");
                let _ = writeln!(s, "{indent}if err != nil {{");
                let _ = writeln!(s, "{indent}\tb = r2gPut8(b, 1)");
                match e {
                    Type::String => {
                        let _ = writeln!(s, "{indent}\tb = r2gPutStr(b, err.Error())");
                    }
                    other => {
                        self.uses_errors = true;
                        if let Type::Named(n) = other {
                            self.error_types.insert(n.clone());
                        }
                        let _ = writeln!(s, "{indent}\tvar e {}", other.go());
                        let _ = writeln!(s, "{indent}\tif !errors.As(err, &e) {{");
                        let _ = writeln!(
                            s,
                            "{indent}\t\tpanic(fmt.Sprintf(\"rust2go: {} returned an error of type %T (%v); its Rust signature expects {}\", err, err))",
                            m.name,
                            other.go()
                        );
                        let _ = writeln!(s, "{indent}\t}}");
                        let _ = writeln!(s, "{indent}\tb = {}", self.encode(other, "e").replace("$b", "b"));
                    }
                }
                let _ = writeln!(s, "{indent}}} else {{");
                let _ = writeln!(s, "{indent}\tb = r2gPut8(b, 0)");
                if let Some(r) = ret {
                    let _ = writeln!(s, "{indent}\tb = {}", self.encode(r, "r").replace("$b", "b"));
                }
                let _ = writeln!(s, "{indent}}}");
            }
        }
        s
    }

    /// The `//export` behind one method.
    pub(super) fn export(&mut self, o: &mut String, t: &TraitDef, m: &Method) {
        let owned = m.completes_later();
        let sym = t.symbol(m);
        let mut params = Vec::new();
        let mut conv = String::new();
        let mut call_args = Vec::new();
        // A sync call hands the handler a pointer to the view itself where it is in Go's
        // layout: no copy, no Go allocation. The other parameters are Go variables. A Go object
        // crosses as its handle id, never as a view.
        let in_place = |p: &rust2go_model::Param| p.handle.is_none() && !owned && !p.ty.is_scalar() && self.model.in_place(&p.ty);
        let by_pointer_in_one_block = m.params.iter().filter(|p| p.handle.is_none() && !self.by_value(m, p) && !in_place(p)).count() >= 2;
        // Go objects behind handles (the receiver first); async calls hold them until done.
        let mut held = Vec::new();
        if m.receiver {
            params.push("obj C.uint64_t".into());
            let _ = writeln!(conv, "{}", self.object_arg(&t.name, "o", "obj", owned, &mut held));
        }
        for (i, p) in m.params.iter().enumerate() {
            let by_value = self.by_value(m, p);
            let arg = format!("p{i}");
            if let Some(h) = &p.handle {
                params.push(format!("{arg} C.uint64_t"));
                let _ = writeln!(conv, "{}", self.object_arg(h, &format!("h{i}"), &arg, owned, &mut held));
                call_args.push(if owned { format!("h{i}.obj") } else { format!("h{i}") });
                continue;
            }
            if in_place(p) {
                let go = p.ty.go();
                params.push(format!("{arg} *{}", cgo(&self.c_view(&p.ty))));
                call_args.push(if by_value {
                    // By value: a shallow copy of the top level.
                    format!("*(*{go})(unsafe.Pointer({arg}))")
                } else {
                    format!("(*{go})(unsafe.Pointer({arg}))")
                });
                continue;
            }
            let val = match &p.ty {
                Type::Prim(pr) => {
                    params.push(format!("{arg} {}", cgo(pr.c())));
                    prim_from_c(*pr, &arg)
                }
                Type::Char => {
                    params.push(format!("{arg} C.uint32_t"));
                    format!("rune({arg})")
                }
                other => {
                    params.push(format!("{arg} *{}", cgo(&self.c_view(other))));
                    self.go_value_of_view(other, &format!("(*{arg})"), owned)
                }
            };
            if by_pointer_in_one_block && !by_value {
                let _ = writeln!(conv, "\targs.a{i} = {val}");
                call_args.push(format!("&args.a{i}"));
            } else {
                let _ = writeln!(conv, "\ta{i} := {val}");
                call_args.push(if by_value { format!("a{i}") } else { format!("&a{i}") });
            }
        }
        if by_pointer_in_one_block {
            // Pointers to the arguments go to an interface method, so the arguments escape to
            // the heap: one block for all of them rather than one allocation each.
            let fields: Vec<String> = m
                .params
                .iter()
                .enumerate()
                .filter(|(_, p)| p.handle.is_none() && !self.by_value(m, p) && !in_place(p))
                .map(|(i, p)| format!("a{i} {}", p.ty.go()))
                .collect();
            conv.insert_str(0, &format!("\tvar args struct {{\n\t\t{}\n\t}}\n", fields.join("\n\t\t")));
        }
        if conv.contains(", sl)") {
            // One set of backing arrays per call: see r2gSlab.
            conv.insert_str(0, "\tsl := &r2gSlabs{}\n");
        }
        if m.attrs.go_context {
            self.uses_context = true;
            call_args.insert(0, "ctx".into());
        }
        let call = self.call_target(t, m, owned, &call_args.join(", "));
        let _ = writeln!(o, "//export {sym}");
        if owned {
            // The arguments were converted (copied) above, before returning to Rust: the
            // goroutine only touches Go memory, so the Rust future may be dropped at any time.
            params.push("slot unsafe.Pointer, complete unsafe.Pointer".into());
            let _ = writeln!(o, "func {sym}({}) {{", params.join(", "));
            o.push_str(&conv);
            if m.attrs.go_context {
                o.push_str("\tctx, end := r2gContext(slot)\n");
            }
            self.uses_async = true;
            o.push_str("\tr2gGo(func() {\n");
            o.push_str(&recover_stmts("\t\t", "r2gRecoverAsync", "complete, slot"));
            if m.attrs.go_context {
                // Unregistered before completing: once Rust has the result it may free the slot
                // and reuse its address for another call.
                o.push_str("\t\tdefer end()\n");
            }
            // A scalar (or no) result is encoded into an array on the goroutine's stack and
            // passed by value: no Go allocation for it.
            let small = m.err.is_none() && matches!(m.ret, None | Some(Type::Prim(_)) | Some(Type::Char));
            if small {
                o.push_str("\t\tvar rb [16]byte\n");
            }
            let outcome = self.encode_outcome(m, &call, if small { "rb[:0]" } else { "[]byte(nil)" }, "\t\t");
            o.push_str(&Self::holding(&held, outcome));
            if m.attrs.go_context {
                o.push_str("\t\tend()\n");
            }
            let finish = if small { "r2gFinishSmall" } else { "r2gFinish" };
            // Set before completing: the call is completed exactly once.
            let _ = write!(o, "\t\tr2gOk = true\n\t\t{finish}(complete, slot, b, 0)\n\t}})\n}}\n\n");
            return;
        }
        params.push("out *C.R2gOut".into());
        match (&m.ret, &m.err) {
            (None, None) => {
                let _ = writeln!(o, "func {sym}({}) {{", params.join(", "));
                o.push_str(&recover_sync());
                o.push_str(&conv);
                let _ = writeln!(o, "\t{call}\n\tr2gOk = true");
            }
            (Some(Type::Prim(pr)), None) => {
                let _ = writeln!(o, "func {sym}({}) (r {}) {{", params.join(", "), cgo(pr.c()));
                o.push_str(&recover_sync());
                o.push_str(&conv);
                let _ = writeln!(o, "\tr = {}\n\tr2gOk = true\n\treturn", prim_to_c(*pr, &call));
            }
            _ => {
                let _ = writeln!(o, "func {sym}({}) {{", params.join(", "));
                o.push_str(&recover_sync());
                o.push_str(&conv);
                let outcome = self.encode_outcome(m, &call, "r2gBuf(out)", "\t");
                o.push_str(&outcome);
                o.push_str("\tr2gDone(out, b)\n\tr2gOk = true\n");
            }
        }
        o.push_str("}\n\n");
    }
}

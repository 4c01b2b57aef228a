//! The Go back-end: `gen.go`.
//!
//! Layout contract with the Rust back-end (both read it off the model):
//! * a scalar parameter crosses by value as its C type; any other parameter as a pointer to
//!   its C view: `R2gSlice` for `String`, `Vec`, `[T; N]`, `Option` and `Box` (a view array of
//!   length n, N, 0/1 and 1), `R2gMap` for maps (parallel key and value view arrays),
//!   `R2gView_<Struct>` / `R2gView_Tuple_..` for structs and tuples (fields `f0, f1, ..` in
//!   declaration order), `R2gEnum` for enums (variant index + pointer to the variant's
//!   `R2gView_<Enum>_<Variant>`);
//! * a scalar result is the export's C return value; any other result is encoded into the
//!   `R2gOut` buffer in the flat format of `rust2go::runtime` (decode.rs);
//! * every sync export takes `out *C.R2gOut` last, where a recovered panic is reported; every
//!   async export takes the completion slot and callback instead.
//!
//! Helpers (converters, encoders, clones, C typedefs) are generated on demand, once per type.

use rust2go_model::{Direction, EnumDef, Flavor, Method, Model, NamedDef, Prim, StructDef, TraitDef, Type};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Options of the Go output.
#[derive(Clone, Debug, Default)]
pub struct GoOptions {
    /// Output that builds with Go 1.18/1.19 (no `unsafe.String`, `unsafe.SliceData`).
    pub go118: bool,
    /// Omit `func main() {}` (for a package that has its own `main`).
    pub without_main: bool,
    /// The IDL file name, for the header comment.
    pub source_name: Option<String>,
}

const C_PRELUDE: &str = r#"#include <stdint.h>
#include <stdlib.h>

typedef struct R2gSlice {
	const void *ptr;
	uintptr_t len;
} R2gSlice;

typedef struct R2gOut {
	uint8_t *ptr;
	uintptr_t len;
	uintptr_t cap;
	uint32_t status;
	uint32_t heap;
} R2gOut;

typedef struct R2gMap {
	R2gSlice keys;
	R2gSlice vals;
} R2gMap;

typedef struct R2gEnum {
	uint32_t tag;
	const void *payload;
} R2gEnum;

typedef void (*R2gComplete)(const void *slot, const uint8_t *ptr, uintptr_t len, uint32_t status);

// Completes an async call: Rust decodes (copies) the bytes before returning.
static inline void r2g_complete(void *f, void *slot, void *ptr, uintptr_t len, uint32_t status) {
	((R2gComplete)f)(slot, (const uint8_t *)ptr, len, status);
}
"#;

/// C helpers of the `#[mem]` queues: the Go poller sleeps on a futex inside a C call (so a
/// sleeping poller holds no Go scheduler resources), and Go calls the Rust runtime's delivery
/// and exit functions through the pointers stored in the shared block.
const C_SHM: &str = r#"
#if !defined(__linux__)
#error "rust2go: #[mem] methods need Linux (futex-based shared-memory queues)"
#endif
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

// Sleeps while *word == val, at most one second (the caller re-checks its condition).
static void r2g_shm_wait(uint32_t *word, uint32_t val) {
	struct timespec ts = {1, 0};
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, &ts, NULL, 0);
}

// Sleeps while *word == val, at most us microseconds.
static void r2g_shm_wait_us(uint32_t *word, uint32_t val, long us) {
	struct timespec ts = {0, us * 1000};
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, &ts, NULL, 0);
}

// Wakes one thread sleeping on word.
static void r2g_shm_wake(uint32_t *word) {
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

// Calls a Rust runtime function of the queue (delivering completions, poller exit).
static void r2g_shm_call(void *f, void *mem) {
	((void (*)(void *))f)(mem);
}
"#;

/// Generates `gen.go` for a model.
pub fn emit_go(model: &Model, opts: &GoOptions) -> String {
    let mut g = GoGen {
        model,
        opts,
        funcs: BTreeMap::new(),
        c_types: Vec::new(),
        c_done: BTreeSet::new(),
        go_types: BTreeMap::new(),
        error_types: BTreeSet::new(),
        uses_math: false,
        uses_errors: false,
        uses_g2r: false,
        uses_g2r_async: false,
        uses_context: false,
        slab_types: BTreeMap::new(),
        uses_shm: false,
        rust_decls: Vec::new(),
    };
    g.emit()
}

struct GoGen<'a> {
    model: &'a Model,
    opts: &'a GoOptions,
    /// Generated helper functions by name (emitted once each, sorted).
    funcs: BTreeMap<String, String>,
    /// C typedefs, dependencies first.
    c_types: Vec<String>,
    c_done: BTreeSet<String>,
    /// Generated Go types for tuples, by name.
    go_types: BTreeMap<String, String>,
    /// Named types used as the error of a `Result`: they get an `Error()` method.
    error_types: BTreeSet<String>,
    uses_math: bool,
    uses_errors: bool,
    uses_g2r: bool,
    uses_g2r_async: bool,
    /// A `#[go_context]` method exists: emit the cancellation registry.
    uses_context: bool,
    /// Element types of the slices that argument converters carve from shared backing arrays
    /// (`r2gSlabs` fields), by field name.
    slab_types: BTreeMap<String, String>,
    /// Some trait has `#[mem]` methods (shared-memory queues).
    uses_shm: bool,
    /// C prototypes of the Rust functions Go calls (g2r).
    rust_decls: Vec<String>,
}

/// The Go spelling of a C type.
fn cgo(c: &str) -> String {
    format!("C.{c}")
}

fn prim_from_c(p: Prim, v: &str) -> String {
    match p {
        Prim::Bool => format!("{v} != 0"),
        p => format!("{}({v})", p.go()),
    }
}

fn prim_to_c(p: Prim, v: &str) -> String {
    match p {
        Prim::Bool => format!("r2gBoolToC({v})"),
        p => format!("{}({v})", cgo(p.c())),
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
    fn emit(&mut self) -> String {
        let mut code = String::new();
        self.types(&mut code);
        self.traits(&mut code);
        self.clones(&mut code);
        for t in self.go_types.values() {
            code.push_str(t);
        }
        for f in self.funcs.values() {
            code.push_str(f);
        }
        if self.funcs.keys().any(|n| n.starts_with("r2gNew_") || n.starts_with("r2gOwn_")) {
            code.push_str("// r2gSlabs holds the backing arrays that one call's argument conversion takes slices from.\ntype r2gSlabs struct {\n");
            for (field, go) in &self.slab_types {
                let _ = writeln!(code, "\t{field} r2gSlab[{go}]");
            }
            code.push_str("}\n\n");
            if !self.slab_types.is_empty() {
                code.push_str(GO_SLAB_HELPERS);
            }
        }
        code.push_str(&self.helpers());
        if !self.opts.without_main {
            code.push_str("func main() {}\n");
        }
        let mut out = self.header();
        out.push_str(&code);
        out
    }

    fn header(&mut self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "{}", crate::header_line("//"));
        if let Some(src) = &self.opts.source_name {
            let _ = writeln!(o, "// Source: {src}. Regenerate with rust2go-cli (or the build helper); edit the IDL, not this file.");
        }
        o.push_str("\npackage main\n\n/*\n");
        o.push_str(C_PRELUDE);
        for t in &self.c_types {
            o.push('\n');
            o.push_str(t);
        }
        if self.uses_shm {
            o.push_str(C_SHM);
        }
        if !self.rust_decls.is_empty() {
            o.push_str("\n// Implemented in Rust (#[g2r] traits).\n");
            for d in &self.rust_decls {
                o.push_str(d);
            }
        }
        o.push_str("*/\nimport \"C\"\n\nimport (\n");
        if self.uses_context {
            o.push_str("\t\"context\"\n");
        }
        if self.uses_errors {
            o.push_str("\t\"errors\"\n");
        }
        o.push_str("\t\"fmt\"\n");
        if self.uses_math {
            o.push_str("\t\"math\"\n");
        }
        if self.uses_shm {
            o.push_str("\t\"runtime\"\n");
        }
        if self.uses_g2r_async {
            o.push_str("\t\"runtime/cgo\"\n");
        }
        o.push_str("\t\"runtime/debug\"\n");
        if self.uses_g2r || self.uses_context {
            o.push_str("\t\"sync\"\n");
        }
        if self.uses_shm {
            o.push_str("\t\"sync/atomic\"\n");
        }
        o.push_str("\t\"unsafe\"\n)\n\n");
        o
    }

    // ---- Go types ------------------------------------------------------------------------

    fn types(&mut self, o: &mut String) {
        for s in &self.model.structs {
            let _ = writeln!(o, "type {} struct {{", s.name);
            for f in &s.fields {
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
            let _ = writeln!(d, "\t_{i} {}", e.go());
        }
        d.push_str("}\n\n");
        self.go_types.insert(name, d);
    }

    fn enum_type(&mut self, o: &mut String, e: &EnumDef) {
        if e.is_fieldless() {
            let wide = e.variants.iter().any(|v| i32::try_from(v.discriminant).is_err());
            let _ = writeln!(o, "// {} is the Go form of a fieldless Rust enum.", e.name);
            let _ = writeln!(o, "type {} {}\n\nconst (", e.name, if wide { "int64" } else { "int32" });
            for v in &e.variants {
                let _ = writeln!(o, "\t{}{} {} = {}", e.name, v.name, e.name, v.discriminant);
            }
            o.push_str(")\n\n");
            return;
        }
        let _ = writeln!(
            o,
            "// {0} is the Go form of a Rust enum with data: one struct per variant ({0}<Variant>);\n// switch on it with a type switch.",
            e.name
        );
        let _ = writeln!(o, "type {0} interface {{\n\tis{0}()\n}}\n", e.name);
        for v in &e.variants {
            let _ = writeln!(o, "type {}{} struct {{", e.name, v.name);
            for (_, go, t) in v.field_list() {
                let _ = writeln!(o, "\t{go} {}", t.go());
            }
            o.push_str("}\n\n");
            let _ = writeln!(o, "func ({}{}) is{}() {{}}\n", e.name, v.name, e.name);
        }
    }

    // ---- Traits and exports --------------------------------------------------------------

    fn go_param(m: &Method, p: &rust2go_model::Param) -> String {
        if m.attrs.go_pass_struct {
            format!("{} {}", p.name, p.ty.go())
        } else {
            format!("{} *{}", p.name, p.ty.go())
        }
    }

    fn go_results(m: &Method) -> String {
        match (&m.ret, &m.err) {
            (None, None) => String::new(),
            (Some(r), None) => format!(" {}", r.go()),
            (None, Some(_)) => " error".into(),
            (Some(r), Some(_)) => format!(" ({}, error)", r.go()),
        }
    }

    fn traits(&mut self, o: &mut String) {
        for t in &self.model.traits {
            if t.direction == Direction::GoToRust {
                self.g2r_trait(o, t);
                continue;
            }
            let _ = writeln!(o, "// {} is implemented in Go and called from Rust. Register an implementation", t.name);
            let _ = writeln!(o, "// by assigning {}Impl in an init function.", t.name);
            let _ = writeln!(o, "type {} interface {{", t.name);
            for m in &t.methods {
                let mut params: Vec<String> = m.params.iter().map(|p| Self::go_param(m, p)).collect();
                if m.attrs.go_context {
                    params.insert(0, "ctx context.Context".into());
                }
                let _ = writeln!(o, "\t{}({}){}", m.name, params.join(", "), Self::go_results(m));
            }
            o.push_str("}\n\n");
            let _ = writeln!(o, "// {}Impl is the {} implementation that Rust calls.", t.name, t.name);
            let _ = writeln!(o, "var {}Impl {}\n", t.name, t.name);
            let _ = writeln!(
                o,
                "func r2gImpl_{0}() {0} {{\n\tif {0}Impl == nil {{\n\t\tpanic(\"rust2go: {0}Impl is not set: assign an implementation of the {0} interface to {0}Impl in an init function\")\n\t}}\n\treturn {0}Impl\n}}\n",
                t.name
            );
            for m in t.methods.iter().filter(|m| !m.attrs.mem) {
                self.export(o, t, m);
            }
            if t.has_mem() {
                self.shm_trait(o, t);
            }
        }
    }

    /// The poller start export, the dispatcher and one runner per `#[mem]` method.
    fn shm_trait(&mut self, o: &mut String, t: &TraitDef) {
        self.uses_shm = true;
        let start = t.shm_start_symbol();
        let _ = writeln!(o, "// {start} starts the goroutine serving the #[mem] methods of {} (called by Rust once per queue).", t.name);
        let _ = writeln!(o, "//\n//export {start}\nfunc {start}(mem unsafe.Pointer) {{\n\tgo r2gShmPoll(r2gShmOpen(mem), r2gShmRun_{})\n}}\n", t.name);
        let _ = writeln!(o, "func r2gShmRun_{}(q *r2gShm, r2gR r2gShmReq) {{", t.name);
        o.push_str("\tdefer r2gShmRecover(q, r2gR)\n\tvar b []byte\n\tswitch r2gR.method {\n");
        for (i, m) in t.methods.iter().enumerate() {
            if m.attrs.mem {
                let _ = writeln!(o, "\tcase {i}:\n\t\tb = r2gShm_{}_{}(r2gR)", t.name, m.name);
            }
        }
        o.push_str("\tdefault:\n\t\tpanic(fmt.Sprintf(\"rust2go: unknown #[mem] method %d\", r2gR.method))\n\t}\n");
        o.push_str("\tq.complete(r2gR, b, 0)\n}\n\n");
        for m in t.methods.iter().filter(|m| m.attrs.mem) {
            let _ = writeln!(o, "// r2gShm_{0}_{1} decodes the arguments (copies into Go memory), runs {0}.{1} and encodes its result.", t.name, m.name);
            let _ = writeln!(o, "func r2gShm_{}_{}(r2gR r2gShmReq) []byte {{", t.name, m.name);
            let mut call_args = Vec::new();
            if !m.params.is_empty() {
                o.push_str("\tr2gRd := &r2gReader{b: r2gR.args()}\n");
            }
            for (i, p) in m.params.iter().enumerate() {
                let d = self.decode(&p.ty, "r2gRd");
                let _ = writeln!(o, "\ta{i} := {d}");
                call_args.push(if m.attrs.go_pass_struct { format!("a{i}") } else { format!("&a{i}") });
            }
            let call = format!("r2gImpl_{}().{}({})", t.name, m.name, call_args.join(", "));
            let outcome = self.encode_outcome(m, &call, "r2gR.resultBuf()", "\t");
            o.push_str(&outcome);
            o.push_str("\treturn b\n}\n\n");
        }
    }

    /// Statements that encode the call's outcome into `b` (which starts as `start`).
    fn encode_outcome(&mut self, m: &Method, call: &str, start: &str, indent: &str) -> String {
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
    fn export(&mut self, o: &mut String, t: &TraitDef, m: &Method) {
        let owned = m.completes_later();
        let sym = t.symbol(m);
        let mut params = Vec::new();
        let mut conv = String::new();
        let mut call_args = Vec::new();
        let by_pointer_in_one_block = !m.attrs.go_pass_struct && m.params.len() >= 2;
        for (i, p) in m.params.iter().enumerate() {
            let arg = format!("p{i}");
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
            if by_pointer_in_one_block {
                let _ = writeln!(conv, "\targs.a{i} = {val}");
                call_args.push(format!("&args.a{i}"));
            } else {
                let _ = writeln!(conv, "\ta{i} := {val}");
                call_args.push(if m.attrs.go_pass_struct { format!("a{i}") } else { format!("&a{i}") });
            }
        }
        if by_pointer_in_one_block {
            // Pointers to the arguments go to an interface method, so the arguments escape to
            // the heap: one block for all of them rather than one allocation each.
            let fields: Vec<String> = m.params.iter().enumerate().map(|(i, p)| format!("a{i} {}", p.ty.go())).collect();
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
        let call = format!("r2gImpl_{}().{}({})", t.name, m.name, call_args.join(", "));
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
            o.push_str("\tgo func() {\n\t\tdefer r2gRecoverAsync(complete, slot)\n");
            if m.attrs.go_context {
                // Unregistered before completing: once Rust has the result it may free the slot
                // and reuse its address for another call.
                o.push_str("\t\tdefer end()\n");
            }
            let outcome = self.encode_outcome(m, &call, "[]byte(nil)", "\t\t");
            o.push_str(&outcome);
            if m.attrs.go_context {
                o.push_str("\t\tend()\n");
            }
            o.push_str("\t\tr2gFinish(complete, slot, b, 0)\n\t}()\n}\n\n");
            return;
        }
        params.push("out *C.R2gOut".into());
        match (&m.ret, &m.err) {
            (None, None) => {
                let _ = writeln!(o, "func {sym}({}) {{", params.join(", "));
                o.push_str("\tdefer r2gRecover(out)\n");
                o.push_str(&conv);
                let _ = writeln!(o, "\t{call}");
            }
            (Some(Type::Prim(pr)), None) => {
                let _ = writeln!(o, "func {sym}({}) (r {}) {{", params.join(", "), cgo(pr.c()));
                o.push_str("\tdefer r2gRecover(out)\n");
                o.push_str(&conv);
                let _ = writeln!(o, "\treturn {}", prim_to_c(*pr, &call));
            }
            _ => {
                let _ = writeln!(o, "func {sym}({}) {{", params.join(", "));
                o.push_str("\tdefer r2gRecover(out)\n");
                o.push_str(&conv);
                let outcome = self.encode_outcome(m, &call, "r2gBuf(out)", "\t");
                o.push_str(&outcome);
                o.push_str("\tr2gDone(out, b)\n");
            }
        }
        o.push_str("}\n\n");
    }

    // ---- Go calls Rust (g2r) -------------------------------------------------------------

    fn g2r_trait(&mut self, o: &mut String, t: &TraitDef) {
        self.uses_g2r = true;
        let _ = writeln!(o, "// {0}Impl calls the Rust implementation of the {0} trait; safe for concurrent use.", t.name);
        let _ = writeln!(o, "type {}Impl struct{{}}\n", t.name);
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

    fn g2r_method(&mut self, o: &mut String, t: &TraitDef, m: &Method) {
        let sym = t.symbol(m);
        let is_async = m.flavor == Flavor::Async;
        let params: Vec<String> = m.params.iter().map(|p| Self::go_param(m, p)).collect();
        let _ = writeln!(o, "func ({}Impl) {}({}){} {{", t.name, m.name, params.join(", "), Self::go_results(m));
        // C prototype and call arguments: scalars by value, the rest encoded into `args`.
        let mut c_params = Vec::new();
        let mut c_args = Vec::new();
        let mut any_args = false;
        for p in &m.params {
            let v = if m.attrs.go_pass_struct { p.name.clone() } else { format!("(*{})", p.name) };
            match &p.ty {
                Type::Prim(pr) => {
                    c_params.push(format!("{} {}", pr.c(), p.name));
                    c_args.push(prim_to_c(*pr, &v));
                }
                Type::Char => {
                    c_params.push(format!("uint32_t {}", p.name));
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
                let _ = writeln!(o, "\tr2gG2rCheck(r2gB, r2gStatus)\n\treturn {}", prim_from_c(p, "r2gR"));
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
                let zero = ret.as_ref().map(|r| format!("*new({}), ", r.go())).unwrap_or_default();
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
                        let d = self.decode(r, "r2gRd");
                        let _ = writeln!(o, "\treturn {d}, nil");
                    }
                    None => o.push_str("\treturn nil\n"),
                }
            }
        }
        o.push_str("}\n\n");
    }

    /// An expression decoding a value of `ty` from the `*r2gReader` named `r`.
    fn decode(&mut self, ty: &Type, r: &str) -> String {
        match ty {
            Type::Prim(p) => {
                if matches!(p, Prim::F32 | Prim::F64) {
                    self.uses_math = true;
                }
                match p {
                    Prim::Bool => format!("{r}.u8() != 0"),
                    Prim::I8 => format!("int8({r}.u8())"),
                    Prim::U8 => format!("{r}.u8()"),
                    Prim::I16 => format!("int16({r}.u16())"),
                    Prim::U16 => format!("{r}.u16()"),
                    Prim::I32 => format!("int32({r}.u32())"),
                    Prim::U32 => format!("{r}.u32()"),
                    Prim::I64 => format!("int64({r}.u64())"),
                    Prim::U64 => format!("{r}.u64()"),
                    Prim::Isize => format!("int({r}.u64())"),
                    Prim::Usize => format!("uint({r}.u64())"),
                    Prim::F32 => format!("math.Float32frombits({r}.u32())"),
                    Prim::F64 => format!("math.Float64frombits({r}.u64())"),
                }
            }
            Type::Char => format!("rune({r}.u32())"),
            Type::String => format!("{r}.str()"),
            Type::Vec(inner) if matches!(**inner, Type::Prim(Prim::U8)) => format!("{r}.bytes()"),
            Type::Boxed(inner) => self.decode(inner, r),
            _ => {
                let name = format!("r2gGet_{}", ty.mangle());
                self.decoder_fn(&name, ty);
                format!("{name}({r})")
            }
        }
    }

    fn decoder_fn(&mut self, name: &str, ty: &Type) {
        let ty = ty.clone();
        self.func(name, |g| {
            let go = ty.go();
            let mut f = format!("func {name}(r *r2gReader) {go} {{\n");
            match &ty {
                Type::Vec(inner) => {
                    let d = g.decode(inner, "r");
                    let _ = writeln!(f, "\tn := r.len()\n\tif n == 0 {{\n\t\treturn nil\n\t}}\n\tx := make({go}, n)");
                    let _ = writeln!(f, "\tfor i := range x {{\n\t\tx[i] = {d}\n\t}}\n\treturn x");
                }
                Type::Array(inner, _) => {
                    let d = g.decode(inner, "r");
                    let _ = writeln!(f, "\tvar x {go}\n\tfor i := range x {{\n\t\tx[i] = {d}\n\t}}\n\treturn x");
                }
                Type::Option(inner) => {
                    let d = g.decode(inner, "r");
                    let _ = writeln!(f, "\tif r.u8() == 0 {{\n\t\treturn nil\n\t}}\n\tx := {d}\n\treturn &x");
                }
                Type::Map(_, k, v) => {
                    let (dk, dv) = (g.decode(k, "r"), g.decode(v, "r"));
                    let _ = writeln!(f, "\tn := r.len()\n\tx := make({go}, n)\n\tfor i := 0; i < n; i++ {{\n\t\tk := {dk}\n\t\tx[k] = {dv}\n\t}}\n\treturn x");
                }
                Type::Tuple(ts) => {
                    let _ = writeln!(f, "\tvar x {go}");
                    for (i, t) in ts.iter().enumerate() {
                        let d = g.decode(t, "r");
                        let _ = writeln!(f, "\tx._{i} = {d}");
                    }
                    f.push_str("\treturn x");
                }
                Type::Named(n) => match g.model.find_named(n) {
                    Some(NamedDef::Struct(s)) => {
                        let _ = writeln!(f, "\tvar x {go}");
                        for fl in &s.fields {
                            let d = g.decode(&fl.ty, "r");
                            let _ = writeln!(f, "\tx.{} = {d}", fl.name);
                        }
                        f.push_str("\treturn x");
                    }
                    Some(NamedDef::Enum(e)) => {
                        f.push_str("\tswitch tag := r.u32(); tag {\n");
                        for (tag, v) in e.variants.iter().enumerate() {
                            let _ = writeln!(f, "\tcase {tag}:");
                            if e.is_fieldless() {
                                let _ = writeln!(f, "\t\treturn {}{}", e.name, v.name);
                                continue;
                            }
                            let _ = writeln!(f, "\t\tvar x {}{}", e.name, v.name);
                            for (_, goname, t) in v.field_list() {
                                let d = g.decode(t, "r");
                                let _ = writeln!(f, "\t\tx.{goname} = {d}");
                            }
                            f.push_str("\t\treturn x\n");
                        }
                        let _ = write!(f, "\tdefault:\n\t\tpanic(fmt.Sprintf(\"rust2go: invalid {} tag %d\", tag))\n\t}}", e.name);
                    }
                    None => unreachable!("validated model"),
                },
                _ => unreachable!("decoded inline"),
            }
            f.push_str("\n}\n\n");
            f
        });
    }

    // ---- C views and view → Go conversion ------------------------------------------------

    /// The C type of a value's view; declares the typedefs it needs.
    fn c_view(&mut self, ty: &Type) -> String {
        match ty {
            Type::Prim(p) => p.c().into(),
            Type::Char => "uint32_t".into(),
            Type::String | Type::Vec(_) | Type::Array(..) | Type::Option(_) | Type::Boxed(_) => "R2gSlice".into(),
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

    fn func(&mut self, name: &str, make: impl FnOnce(&mut Self) -> String) {
        if self.funcs.contains_key(name) {
            return;
        }
        // Reserve the name first: recursive types refer to their own helper.
        self.funcs.insert(name.to_string(), String::new());
        let code = make(self);
        self.funcs.insert(name.to_string(), code);
    }

    /// A Go expression converting the C view value `v` (addressable) of `ty` to Go.
    fn go_value_of_view(&mut self, ty: &Type, v: &str, owned: bool) -> String {
        match ty {
            Type::Prim(p) => prim_from_c(*p, v),
            Type::Char => format!("rune({v})"),
            Type::String if owned => format!("string(unsafe.Slice((*byte)({v}.ptr), int({v}.len)))"),
            Type::String => format!("r2gStr({v})"),
            Type::Vec(inner) if inner.is_plain_elem() => {
                let g = inner.go();
                if owned {
                    format!("append([]{g}(nil), unsafe.Slice((*{g})({v}.ptr), int({v}.len))...)")
                } else {
                    format!("unsafe.Slice((*{g})({v}.ptr), int({v}.len))")
                }
            }
            Type::Tuple(_) | Type::Named(_) => {
                let name = format!("{}{}", converter(owned), ty.mangle());
                self.converter_fn(&name, ty, owned);
                format!("{name}(&{v}, sl)")
            }
            _ => {
                let name = format!("{}{}", converter(owned), ty.mangle());
                self.converter_fn(&name, ty, owned);
                format!("{name}({v}, sl)")
            }
        }
    }

    fn converter_fn(&mut self, name: &str, ty: &Type, owned: bool) {
        let ty = ty.clone();
        self.func(name, |g| {
            let go = ty.go();
            let mut f = String::new();
            match &ty {
                Type::Vec(inner) => {
                    let cv = g.c_view(inner);
                    let conv = g.go_value_of_view(inner, "vs[i]", owned);
                    let slab = format!("of_{}", inner.mangle());
                    g.slab_types.insert(slab.clone(), inner.go());
                    let _ = writeln!(f, "func {name}(v C.R2gSlice, sl *r2gSlabs) {go} {{");
                    f.push_str("\tn := int(v.len)\n\tif n == 0 {\n\t\treturn nil\n\t}\n");
                    let _ = writeln!(f, "\tvs := unsafe.Slice((*C.{cv})(v.ptr), n)\n\ts := r2gTake(&sl.{slab}, n)");
                    let _ = writeln!(f, "\tfor i := range vs {{\n\t\ts[i] = {conv}\n\t}}\n\treturn s\n}}\n");
                }
                Type::Array(inner, n) => {
                    let cv = g.c_view(inner);
                    let conv = g.go_value_of_view(inner, "vs[i]", owned);
                    let _ = writeln!(f, "func {name}(v C.R2gSlice, sl *r2gSlabs) (a {go}) {{");
                    let _ = writeln!(f, "\tvs := unsafe.Slice((*C.{cv})(v.ptr), {n})");
                    let _ = writeln!(f, "\tfor i := range vs {{\n\t\ta[i] = {conv}\n\t}}\n\treturn a\n}}\n");
                }
                Type::Option(inner) | Type::Boxed(inner) => {
                    let cv = g.c_view(inner);
                    let conv = g.go_value_of_view(inner, "(*e)", owned);
                    let _ = writeln!(f, "func {name}(v C.R2gSlice, sl *r2gSlabs) {go} {{");
                    if matches!(ty, Type::Option(_)) {
                        f.push_str("\tif v.len == 0 {\n\t\treturn nil\n\t}\n");
                        let _ = writeln!(f, "\te := (*C.{cv})(v.ptr)\n\tx := {conv}\n\treturn &x\n}}\n");
                    } else {
                        let _ = writeln!(f, "\te := (*C.{cv})(v.ptr)\n\treturn {conv}\n}}\n");
                    }
                }
                Type::Map(_, k, val) => {
                    let (ck, cv) = (g.c_view(k), g.c_view(val));
                    let (convk, convv) = (g.go_value_of_view(k, "ks[i]", owned), g.go_value_of_view(val, "vs[i]", owned));
                    let _ = writeln!(f, "func {name}(v C.R2gMap, sl *r2gSlabs) {go} {{");
                    let _ = writeln!(f, "\tn := int(v.keys.len)\n\tm := make({go}, n)\n\tif n == 0 {{\n\t\treturn m\n\t}}");
                    let _ = writeln!(f, "\tks := unsafe.Slice((*C.{ck})(v.keys.ptr), n)\n\tvs := unsafe.Slice((*C.{cv})(v.vals.ptr), n)");
                    let _ = writeln!(f, "\tfor i := range ks {{\n\t\tm[{convk}] = {convv}\n\t}}\n\treturn m\n}}\n");
                }
                Type::Tuple(ts) => {
                    let cv = g.c_view(&ty);
                    let _ = writeln!(f, "func {name}(v *C.{cv}, sl *r2gSlabs) {go} {{\n\treturn {go}{{");
                    for (i, t) in ts.iter().enumerate() {
                        let conv = g.go_value_of_view(t, &format!("v.f{i}"), owned);
                        let _ = writeln!(f, "\t\t_{i}: {conv},");
                    }
                    f.push_str("\t}\n}\n");
                }
                Type::Named(n) => match g.model.find_named(n) {
                    Some(NamedDef::Struct(s)) => g.struct_converter(&mut f, name, s, owned),
                    Some(NamedDef::Enum(e)) => g.enum_converter(&mut f, name, e, owned),
                    None => unreachable!("validated model"),
                },
                _ => unreachable!("scalars and strings convert inline"),
            }
            f.push('\n');
            f
        });
    }

    fn struct_converter(&mut self, f: &mut String, name: &str, s: &StructDef, owned: bool) {
        let cv = self.c_view(&Type::Named(s.name.clone()));
        let _ = writeln!(f, "func {name}(v *C.{cv}, sl *r2gSlabs) {} {{\n\treturn {}{{", s.name, s.name);
        for (i, fl) in s.fields.iter().enumerate() {
            let conv = self.go_value_of_view(&fl.ty, &format!("v.f{i}"), owned);
            let _ = writeln!(f, "\t\t{}: {conv},", fl.name);
        }
        f.push_str("\t}\n}\n");
    }

    fn enum_converter(&mut self, f: &mut String, name: &str, e: &EnumDef, owned: bool) {
        let _ = writeln!(f, "func {name}(v *C.R2gEnum, sl *r2gSlabs) {} {{\n\tswitch v.tag {{", e.name);
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

    // ---- Go → result buffer --------------------------------------------------------------

    /// An expression appending the encoding of `x` (of type `ty`) to `$b`.
    fn encode(&mut self, ty: &Type, x: &str) -> String {
        match ty {
            Type::Prim(p) => {
                if matches!(p, Prim::F32 | Prim::F64) {
                    self.uses_math = true;
                }
                encode_prim(*p, "$b", x)
            }
            Type::Char => format!("r2gPut32($b, uint32({x}))"),
            Type::String => format!("r2gPutStr($b, {x})"),
            Type::Vec(inner) if matches!(**inner, Type::Prim(Prim::U8)) => format!("append(r2gPutLen($b, len({x})), {x}...)"),
            Type::Vec(inner) if inner.is_plain_elem() => {
                let size = match &**inner {
                    Type::Prim(p) => p.size(),
                    _ => 4,
                };
                let first = self.first_fn(inner);
                format!("r2gPutRaw(r2gPutLen($b, len({x})), unsafe.Pointer({first}({x})), len({x})*{size})")
            }
            Type::Boxed(inner) => self.encode(inner, x),
            _ => {
                let name = format!("r2gPut_{}", ty.mangle());
                self.encoder_fn(&name, ty);
                format!("{name}($b, {x})")
            }
        }
    }

    /// `func r2gFirst_T(x []T) *T`: the address of the first element, nil when empty.
    fn first_fn(&mut self, elem: &Type) -> String {
        let name = format!("r2gFirst_{}", elem.mangle());
        let g = elem.go();
        self.func(&name, |_| {
            format!("func {name}(x []{g}) *{g} {{\n\tif len(x) == 0 {{\n\t\treturn nil\n\t}}\n\treturn &x[0]\n}}\n\n")
        });
        name
    }

    fn encoder_fn(&mut self, name: &str, ty: &Type) {
        let ty = ty.clone();
        self.func(name, |g| {
            let mut f = format!("func {name}(b []byte, x {}) []byte {{\n", ty.go());
            let line = |g: &mut Self, f: &mut String, indent: &str, t: &Type, x: &str| {
                let e = g.encode(t, x).replace("$b", "b");
                let _ = writeln!(f, "{indent}b = {e}");
            };
            match &ty {
                Type::Vec(inner) => {
                    f.push_str("\tb = r2gPutLen(b, len(x))\n\tfor i := range x {\n");
                    line(g, &mut f, "\t\t", inner, "x[i]");
                    f.push_str("\t}\n");
                }
                Type::Array(inner, _) => {
                    f.push_str("\tfor i := range x {\n");
                    line(g, &mut f, "\t\t", inner, "x[i]");
                    f.push_str("\t}\n");
                }
                Type::Option(inner) => {
                    f.push_str("\tif x == nil {\n\t\treturn r2gPut8(b, 0)\n\t}\n\tb = r2gPut8(b, 1)\n");
                    line(g, &mut f, "\t", inner, "*x");
                }
                Type::Map(_, k, v) => {
                    f.push_str("\tb = r2gPutLen(b, len(x))\n\tfor k, v := range x {\n");
                    line(g, &mut f, "\t\t", k, "k");
                    line(g, &mut f, "\t\t", v, "v");
                    f.push_str("\t}\n");
                }
                Type::Tuple(ts) => {
                    for (i, t) in ts.iter().enumerate() {
                        line(g, &mut f, "\t", t, &format!("x._{i}"));
                    }
                }
                Type::Named(n) => match g.model.find_named(n) {
                    Some(NamedDef::Struct(s)) => {
                        for fl in &s.fields {
                            line(g, &mut f, "\t", &fl.ty, &format!("x.{}", fl.name));
                        }
                    }
                    Some(NamedDef::Enum(e)) if e.is_fieldless() => {
                        f.push_str("\tswitch x {\n");
                        for (tag, v) in e.variants.iter().enumerate() {
                            let _ = writeln!(f, "\tcase {}{}:\n\t\treturn r2gPut32(b, {tag})", e.name, v.name);
                        }
                        let _ = writeln!(f, "\t}}\n\tpanic(fmt.Sprintf(\"rust2go: %d is not a valid {}\", x))", e.name);
                        f.push_str("}\n\n");
                        return f;
                    }
                    Some(NamedDef::Enum(e)) => {
                        f.push_str("\tswitch v := x.(type) {\n");
                        for (tag, var) in e.variants.iter().enumerate() {
                            for ptr in ["", "*"] {
                                let _ = writeln!(f, "\tcase {ptr}{}{}:\n\t\tb = r2gPut32(b, {tag})", e.name, var.name);
                                let fields = var.field_list();
                                if fields.is_empty() {
                                    f.push_str("\t\t_ = v\n");
                                }
                                for (_, go, t) in fields {
                                    line(g, &mut f, "\t\t", t, &format!("v.{go}"));
                                }
                            }
                        }
                        let _ = writeln!(
                            f,
                            "\tdefault:\n\t\tpanic(fmt.Sprintf(\"rust2go: %#v is not a valid {} (nil or a foreign type)\", x))\n\t}}",
                            e.name
                        );
                    }
                    None => unreachable!("validated model"),
                },
                _ => unreachable!("encoded inline"),
            }
            f.push_str("\treturn b\n}\n\n");
            f
        });
    }

    // ---- Deep copies -----------------------------------------------------------------------

    /// `Clone()` for every generated Go type, and `Error()` for those used as errors.
    fn clones(&mut self, o: &mut String) {
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
                let c = self.clone_expr(e, &format!("x._{i}"));
                let _ = writeln!(o, "\t\t_{i}: {c},");
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
    fn clone_expr(&mut self, ty: &Type, x: &str) -> String {
        match ty {
            Type::Prim(_) | Type::Char => x.to_string(),
            Type::String => format!("r2gCloneStr({x})"),
            Type::Named(n) => match self.model.find_named(n) {
                Some(NamedDef::Enum(e)) if e.is_fieldless() => x.to_string(),
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

    fn clone_fn(&mut self, name: &str, ty: &Type) {
        let ty = ty.clone();
        self.func(name, |g| {
            let go = ty.go();
            let mut f = format!("func {name}(x {go}) {go} {{\n");
            match &ty {
                Type::Vec(inner) => {
                    f.push_str("\tif x == nil {\n\t\treturn nil\n\t}\n");
                    let c = g.clone_expr(inner, "x[i]");
                    let _ = writeln!(f, "\ty := make({go}, len(x))\n\tfor i := range x {{\n\t\ty[i] = {c}\n\t}}\n\treturn y");
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
                    f.push_str("\t}\n\treturn x");
                }
                _ => unreachable!("cloned inline"),
            }
            f.push_str("\n}\n\n");
            f
        });
    }

    fn helpers(&mut self) -> String {
        let str_fn = if self.opts.go118 {
            "// r2gStr views Rust memory as a Go string without copying (Go 1.18 spelling of unsafe.String).\n\
             func r2gStr(v C.R2gSlice) (s string) {\n\tif v.len == 0 {\n\t\treturn \"\"\n\t}\n\
             \th := (*r2gStringHeader)(unsafe.Pointer(&s))\n\th.data = v.ptr\n\th.len = int(v.len)\n\treturn s\n}\n\n\
             type r2gStringHeader struct {\n\tdata unsafe.Pointer\n\tlen  int\n}\n\n"
        } else {
            "// r2gStr views Rust memory as a Go string without copying.\n\
             func r2gStr(v C.R2gSlice) string {\n\treturn unsafe.String((*byte)(v.ptr), int(v.len))\n}\n\n"
        };
        let g2r = if self.uses_g2r { GO_G2R_HELPERS } else { "" };
        let ctx = if self.uses_context { GO_CONTEXT_HELPERS } else { "" };
        let reader = if self.uses_g2r || self.uses_shm { GO_READER } else { "" };
        let shm = if self.uses_shm { GO_SHM_HELPERS } else { "" };
        format!("{str_fn}{GO_HELPERS}{ctx}{g2r}{reader}{shm}")
    }
}

/// The tuple type whose Go name is `name`, wherever the model uses it.
fn find_tuple(model: &Model, name: &str) -> Option<Type> {
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

fn encode_prim(p: Prim, b: &str, x: &str) -> String {
    match p {
        Prim::Bool => format!("r2gPutBool({b}, {x})"),
        Prim::I8 | Prim::U8 => format!("r2gPut8({b}, uint8({x}))"),
        Prim::I16 | Prim::U16 => format!("r2gPut16({b}, uint16({x}))"),
        Prim::I32 | Prim::U32 => format!("r2gPut32({b}, uint32({x}))"),
        Prim::F32 => format!("r2gPut32({b}, math.Float32bits({x}))"),
        Prim::F64 => format!("r2gPut64({b}, math.Float64bits({x}))"),
        Prim::I64 | Prim::U64 | Prim::Isize | Prim::Usize => format!("r2gPut64({b}, uint64({x}))"),
    }
}

/// Converting a nested argument such as `Vec<User>` with a `[]string` per user would allocate
/// once per element; slices are instead carved from a few backing arrays per element type.
const GO_SLAB_HELPERS: &str = r#"// r2gSlab hands out slices of one element type from shared backing arrays, so that converting
// nested arguments allocates a few arrays per element type rather than one per slice. The
// slices are capped at their length: appending to one never writes into its neighbour.
type r2gSlab[T any] struct {
	free []T
	next int
}

func r2gTake[T any](s *r2gSlab[T], n int) []T {
	if len(s.free) < n {
		c := n
		if c < s.next {
			c = s.next
		}
		s.next = 2 * c
		if s.next < 8 {
			s.next = 8
		}
		s.free = make([]T, c)
	}
	r := s.free[:n:n]
	s.free = s.free[n:]
	return r
}

"#;

/// Contexts of in-flight `#[go_context]` calls, cancelled from Rust when a future is dropped.
const GO_CONTEXT_HELPERS: &str = r#"// r2gCancels maps the completion slot of an in-flight #[go_context] call to its cancel func.
var r2gCancels sync.Map

// r2gContext registers the context of the call completing slot; end (idempotent, not safe
// for concurrent use) unregisters and cancels it, and must run before the call completes.
func r2gContext(slot unsafe.Pointer) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	r2gCancels.Store(uintptr(slot), cancel)
	ended := false
	return ctx, func() {
		if !ended {
			ended = true
			r2gCancels.Delete(uintptr(slot))
			cancel()
		}
	}
}

// rust2go_cancel_context is called by Rust when the future of a #[go_context] call is dropped
// before completion. The slot is alive during the call, so its address names one call.
//
//export rust2go_cancel_context
func rust2go_cancel_context(slot unsafe.Pointer) {
	if c, ok := r2gCancels.LoadAndDelete(uintptr(slot)); ok {
		c.(context.CancelFunc)()
	}
}

"#;

const GO_HELPERS: &str = r#"// r2gBuf returns the buffer Rust lent for the result, emptied.
func r2gBuf(out *C.R2gOut) []byte {
	if out.ptr == nil {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(out.ptr)), int(out.cap))[:0]
}

// r2gDone hands the encoded result to Rust. If it outgrew the lent buffer (append moved it
// into Go memory), it is copied into C memory that Rust frees: Rust never holds Go memory.
func r2gDone(out *C.R2gOut, b []byte) {
	out.len = C.uintptr_t(len(b))
	if len(b) == 0 || (out.ptr != nil && unsafe.Pointer(&b[0]) == unsafe.Pointer(out.ptr)) {
		return
	}
	p := C.malloc(C.size_t(len(b)))
	copy(unsafe.Slice((*byte)(p), len(b)), b)
	out.ptr = (*C.uint8_t)(p)
	out.heap = 1
}

// r2gRecover reports a panic of a Go handler to Rust, with its value and stack.
func r2gRecover(out *C.R2gOut) {
	if e := recover(); e != nil {
		out.status = 1
		out.heap = 0
		r2gDone(out, r2gPutStr(r2gBuf(out), fmt.Sprintf("%v\n\ngoroutine stack:\n%s", e, debug.Stack())))
	}
}

// r2gFinish completes an async call. b is Go memory without Go pointers, which cgo allows
// passing to C; Rust copies it before returning.
func r2gFinish(complete, slot unsafe.Pointer, b []byte, status uint32) {
	var p unsafe.Pointer
	if len(b) > 0 {
		p = unsafe.Pointer(&b[0])
	}
	C.r2g_complete(complete, slot, p, C.uintptr_t(len(b)), C.uint32_t(status))
}

// r2gRecoverAsync completes an async call whose handler panicked, with the panic and stack.
func r2gRecoverAsync(complete, slot unsafe.Pointer) {
	if e := recover(); e != nil {
		r2gFinish(complete, slot, r2gPutStr(nil, fmt.Sprintf("%v\n\ngoroutine stack:\n%s", e, debug.Stack())), 1)
	}
}

func r2gBoolToC(v bool) C.uint8_t {
	if v {
		return 1
	}
	return 0
}

// r2gCloneStr copies a string into Go memory (arguments point into Rust memory that is
// valid only during the call).
func r2gCloneStr(s string) string {
	if len(s) == 0 {
		return ""
	}
	return string(append([]byte(nil), s...))
}

func r2gPut8(b []byte, v uint8) []byte {
	return append(b, v)
}

func r2gPutBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func r2gPut16(b []byte, v uint16) []byte {
	return r2gPutRaw(b, unsafe.Pointer(&v), 2)
}

func r2gPut32(b []byte, v uint32) []byte {
	return r2gPutRaw(b, unsafe.Pointer(&v), 4)
}

func r2gPut64(b []byte, v uint64) []byte {
	return r2gPutRaw(b, unsafe.Pointer(&v), 8)
}

func r2gPutLen(b []byte, n int) []byte {
	return r2gPut64(b, uint64(n))
}

func r2gPutStr(b []byte, s string) []byte {
	return append(r2gPutLen(b, len(s)), s...)
}

// r2gPutRaw appends n bytes at p in native byte order (the result format is process-local).
func r2gPutRaw(b []byte, p unsafe.Pointer, n int) []byte {
	if n == 0 {
		return b
	}
	return append(b, unsafe.Slice((*byte)(p), n)...)
}

"#;

const GO_G2R_HELPERS: &str = r#"// RustPanic is the error a Result method of a #[g2r] trait returns when the Rust
// implementation panicked.
type RustPanic struct {
	Message string
}

func (p RustPanic) Error() string { return p.Message }

const r2gScratchSize = 4096

// r2gScratchPool lends Rust a buffer for results of g2r calls (larger results come in C
// memory that Go frees).
var r2gScratchPool = sync.Pool{New: func() interface{} { return new([r2gScratchSize]byte) }}

func r2gBytesPtr(b []byte) *C.uint8_t {
	if len(b) == 0 {
		return nil
	}
	return (*C.uint8_t)(unsafe.Pointer(&b[0]))
}

// r2gG2rBytes returns the result bytes Rust wrote (copying and freeing C memory).
func r2gG2rBytes(out *C.R2gOut, sc *[r2gScratchSize]byte) ([]byte, uint32) {
	if out.heap != 0 {
		b := C.GoBytes(unsafe.Pointer(out.ptr), C.int(out.len))
		C.free(unsafe.Pointer(out.ptr))
		return b, uint32(out.status)
	}
	return sc[:out.len:out.len], uint32(out.status)
}

// r2gG2rCheck turns a Rust panic into a Go panic with Rust's message.
func r2gG2rCheck(b []byte, status uint32) {
	if status != 0 {
		panic((&r2gReader{b: b}).str())
	}
}

type r2gG2rDone struct {
	b      []byte
	status uint32
}

"#;

const GO_READER: &str = r#"// r2gReader decodes the flat format Rust writes (native byte order).
type r2gReader struct {
	b []byte
	i int
}

func (r *r2gReader) take(n int) []byte {
	s := r.b[r.i : r.i+n]
	r.i += n
	return s
}

func (r *r2gReader) u8() uint8   { return r.take(1)[0] }
func (r *r2gReader) u16() uint16 { return *(*uint16)(unsafe.Pointer(&r.take(2)[0])) }
func (r *r2gReader) u32() uint32 { return *(*uint32)(unsafe.Pointer(&r.take(4)[0])) }
func (r *r2gReader) u64() uint64 { return *(*uint64)(unsafe.Pointer(&r.take(8)[0])) }
func (r *r2gReader) len() int    { return int(r.u64()) }
func (r *r2gReader) str() string { return string(r.take(r.len())) }

func (r *r2gReader) bytes() []byte {
	n := r.len()
	if n == 0 {
		return nil
	}
	return append([]byte(nil), r.take(n)...)
}

"#;

/// The Go side of the `#[mem]` queues; the layout is described in rust2go's runtime/shm.rs.
const GO_SHM_HELPERS: &str = r#"// The shared block of a #[mem] queue (layout: rust2go runtime/shm.rs). Go stores only
// integers into it, never Go pointers.
const (
	r2gShmMagic       = 0x52325348
	r2gShmOffCap      = 4
	r2gShmOffStop     = 8
	r2gShmOffDrainFn  = 16
	r2gShmOffExitFn   = 24
	r2gShmOffReqHead  = 128
	r2gShmOffReqPark  = 192
	r2gShmOffCompTail = 256
	r2gShmOffCompHead = 320
	r2gShmOffComplete = 384
	r2gShmOffCells    = 448
	r2gShmCell        = 64
)

type r2gShm struct {
	base    unsafe.Pointer // C memory
	mask    uint64
	running int64 // batch goroutines that may still touch the block
}

// r2gShmReq is a request popped from the request ring. args and res point into memory the
// Rust request owns until Go publishes its completion.
type r2gShmReq struct {
	slot     uint64 // Rust's completion slot, handed back with the completion
	method   uint64
	argsPtr  unsafe.Pointer
	argsLen  int
	res      unsafe.Pointer
	resCap   int
	complete uint64 // the Rust function that completes the slot
}

func r2gShmOpen(base unsafe.Pointer) *r2gShm {
	if atomic.LoadUint32((*uint32)(base)) != r2gShmMagic {
		panic("rust2go: #[mem] queue layout mismatch (Rust runtime and gen.go of different versions)")
	}
	n := atomic.LoadUint32((*uint32)(unsafe.Add(base, r2gShmOffCap)))
	return &r2gShm{base: base, mask: uint64(n) - 1}
}

func (q *r2gShm) u32(off uintptr) *uint32 { return (*uint32)(unsafe.Add(q.base, off)) }
func (q *r2gShm) u64(off uintptr) *uint64 { return (*uint64)(unsafe.Add(q.base, off)) }

func (q *r2gShm) reqCell(pos uint64) unsafe.Pointer {
	return unsafe.Add(q.base, r2gShmOffCells+uintptr(pos&q.mask)*r2gShmCell)
}

func (q *r2gShm) compCell(pos uint64) unsafe.Pointer {
	return unsafe.Add(q.base, r2gShmOffCells+uintptr(q.mask+1)*r2gShmCell+uintptr(pos&q.mask)*r2gShmCell)
}

func r2gWord(cell unsafe.Pointer, i uintptr) *uint64 { return (*uint64)(unsafe.Add(cell, i*8)) }

// pop takes the next request (the poller is the only consumer).
func (q *r2gShm) pop() (r r2gShmReq, ok bool) {
	head := q.u64(r2gShmOffReqHead)
	pos := atomic.LoadUint64(head)
	cell := q.reqCell(pos)
	if atomic.LoadUint64(r2gWord(cell, 0)) != pos+1 {
		return r, false
	}
	r.slot = *r2gWord(cell, 1)
	r.method = *r2gWord(cell, 2)
	r.argsPtr = *(*unsafe.Pointer)(unsafe.Add(cell, 24))
	r.argsLen = int(*r2gWord(cell, 4))
	r.res = *(*unsafe.Pointer)(unsafe.Add(cell, 40))
	r.resCap = int(*r2gWord(cell, 6))
	r.complete = *r2gWord(cell, 7)
	atomic.StoreUint64(head, pos+1)
	atomic.StoreUint64(r2gWord(cell, 0), pos+q.mask+1)
	return r, true
}

func (q *r2gShm) pending() bool {
	pos := atomic.LoadUint64(q.u64(r2gShmOffReqHead))
	return atomic.LoadUint64(r2gWord(q.reqCell(pos), 0)) == pos+1
}

// args views the encoded arguments (decoding copies them into Go memory).
func (r r2gShmReq) args() []byte {
	if r.argsLen == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(r.argsPtr), r.argsLen)
}

// resultBuf is the request's inline result buffer (Rust memory), emptied.
func (r r2gShmReq) resultBuf() []byte {
	return unsafe.Slice((*byte)(r.res), r.resCap)[:0]
}

// complete publishes a request's result: b is in the inline buffer, or copied into it, or
// (too large) into C memory that Rust frees. After this, Go no longer touches the request.
// Rust sees it at the next delivery (r2gShmBatch.work, or the poller's look).
func (q *r2gShm) complete(r r2gShmReq, b []byte, status uint32) {
	var heap uint64
	if n := len(b); n > 0 && unsafe.Pointer(&b[0]) != r.res {
		if n <= r.resCap {
			copy(unsafe.Slice((*byte)(r.res), r.resCap), b)
		} else {
			p := C.malloc(C.size_t(n))
			copy(unsafe.Slice((*byte)(p), n), b)
			heap = uint64(uintptr(p))
		}
	}
	tail := q.u64(r2gShmOffCompTail)
	for {
		pos := atomic.LoadUint64(tail)
		cell := q.compCell(pos)
		seq := atomic.LoadUint64(r2gWord(cell, 0))
		if dif := int64(seq - pos); dif == 0 {
			if atomic.CompareAndSwapUint64(tail, pos, pos+1) {
				*r2gWord(cell, 1) = r.slot
				*r2gWord(cell, 2) = heap
				*r2gWord(cell, 3) = uint64(len(b))
				*r2gWord(cell, 4) = uint64(status)
				*r2gWord(cell, 5) = r.complete
				*r2gWord(cell, 6) = uint64(uintptr(r.res))
				atomic.StoreUint64(r2gWord(cell, 0), pos+1)
				break
			}
		} else if dif < 0 {
			// Full: deliver (or let whoever delivers catch up).
			q.deliver()
			runtime.Gosched()
		}
	}
}

// deliver hands the published completions to Rust unless another goroutine is doing so:
// one Go->Rust call for all pending ones. A goroutine that finds the flag taken leaves its completion
// to the holder, which re-checks the ring after releasing the flag.
func (q *r2gShm) deliver() {
	flag := q.u32(r2gShmOffComplete)
	for atomic.CompareAndSwapUint32(flag, 0, 1) {
		C.r2g_shm_call(*(*unsafe.Pointer)(unsafe.Add(q.base, r2gShmOffDrainFn)), q.base)
		atomic.StoreUint32(flag, 0)
		if !q.completionPending() {
			return
		}
	}
}

func (q *r2gShm) completionPending() bool {
	pos := atomic.LoadUint64(q.u64(r2gShmOffCompHead))
	return atomic.LoadUint64(r2gWord(q.compCell(pos), 0)) == pos+1
}

// notify wakes the consumer sleeping behind the park word at off, if it sleeps.
func (q *r2gShm) notify(off uintptr) {
	park := q.u32(off)
	if atomic.LoadUint32(park) == 1 && atomic.SwapUint32(park, 0) == 1 {
		C.r2g_shm_wake((*C.uint32_t)(unsafe.Pointer(park)))
	}
}

// r2gShmBatch is a run of requests popped together; goroutines take them in order.
type r2gShmBatch struct {
	reqs   [r2gShmBatchMax]r2gShmReq
	n      int32
	next   int32 // the next request to take
	seen   int32 // next, when the poller last looked
	active int32 // goroutines working on the batch
}

const r2gShmBatchMax = 64

// r2gShmDeliverEvery is how many completions a batch goroutine publishes between two
// deliveries to Rust (each a Go->Rust call that wakes the futures; delivering after every
// completion was measured 20-30% slower). Completions left undelivered by a handler that
// blocks are delivered by the poller, which looks while batch goroutines run.
const r2gShmDeliverEvery = 8

// r2gShmLookMaxUs bounds the poller's pause between two looks while batch goroutines run.
const r2gShmLookMaxUs = 1000

// r2gShmLooks is how many times the poller yields and looks again before it sleeps.
const r2gShmLooks = 3

// work runs the batch's requests one after the other until none is left, delivering the
// completions every r2gShmDeliverEvery calls and at the end. The spawner counted it in
// q.running, which it leaves only after its last use of the block.
func (b *r2gShmBatch) work(q *r2gShm, run func(*r2gShm, r2gShmReq)) {
	defer atomic.AddInt64(&q.running, -1)
	defer atomic.AddInt32(&b.active, -1)
	done := 0
	for {
		i := atomic.AddInt32(&b.next, 1) - 1
		if i >= b.n {
			if done%r2gShmDeliverEvery != 0 {
				q.deliver()
			}
			return
		}
		run(q, b.reqs[i])
		done++
		if done%r2gShmDeliverEvery == 0 {
			q.deliver()
		}
	}
}

// r2gShmPoll serves one queue until Rust stops it. Requests popped together form a batch
// that one goroutine runs in order (no goroutine per call). A handler that blocks does not
// stall the rest of its batch: while batches are unfinished the poller looks every 50us,
// and gives a batch that made no progress since the last look more goroutines, which take
// its remaining requests. When the ring is empty and every batch is taken the poller
// sleeps in a futex wait inside C, which Rust ends directly when it pushes a request.
func r2gShmPoll(q *r2gShm, run func(*r2gShm, r2gShmReq)) {
	park := q.u32(r2gShmOffReqPark)
	stop := q.u32(r2gShmOffStop)
	// open: batches with requests not yet taken; taken: batches whose goroutines may still
	// read them; free: batches to reuse.
	var open, taken, free []*r2gShmBatch
	looks := 0
	pause := 50 // us between looks while batch goroutines run; grows while nothing changes
	for {
		n := 0
		for {
			var b *r2gShmBatch
			if k := len(free); k > 0 {
				b, free[k-1], free = free[k-1], nil, free[:k-1]
				b.n, b.next, b.seen = 0, 0, 0
			} else {
				b = &r2gShmBatch{}
			}
			for b.n < r2gShmBatchMax {
				r, ok := q.pop()
				if !ok {
					break
				}
				b.reqs[b.n] = r
				b.n++
			}
			if b.n == 0 {
				free = append(free, b)
				break
			}
			n += int(b.n)
			atomic.AddInt64(&q.running, 1)
			atomic.AddInt32(&b.active, 1)
			go b.work(q, run)
			open = append(open, b)
		}
		if n > 0 {
			// Let the goroutines just readied start before this one may sleep in C, which
			// would otherwise leave them queued on a P held in a system call.
			looks, pause = 0, 50
			runtime.Gosched()
			continue
		}
		if looks < r2gShmLooks {
			// Requests come in bursts: yield a few more times before paying for a sleep
			// and a wake-up.
			looks++
			runtime.Gosched()
			continue
		}
		// Forget fully taken batches; help the ones stuck behind a slow handler.
		kept := open[:0]
		for _, b := range open {
			next := atomic.LoadInt32(&b.next)
			if next >= b.n {
				taken = append(taken, b)
				continue
			}
			if next == b.seen {
				helpers := b.n - next
				if helpers > 8 {
					helpers = 8
				}
				for k := int32(0); k < helpers; k++ {
					atomic.AddInt64(&q.running, 1)
					atomic.AddInt32(&b.active, 1)
					go b.work(q, run)
				}
			}
			b.seen = next
			kept = append(kept, b)
		}
		for i := len(kept); i < len(open); i++ {
			open[i] = nil
		}
		open = kept
		keptTaken := taken[:0]
		for _, b := range taken {
			if atomic.LoadInt32(&b.active) != 0 {
				keptTaken = append(keptTaken, b)
			} else if len(free) < 16 {
				free = append(free, b)
			}
		}
		for i := len(keptTaken); i < len(taken); i++ {
			taken[i] = nil
		}
		taken = keptTaken
		// Completions a goroutine published before its handler blocked wait for delivery.
		if q.completionPending() {
			q.deliver()
			pause = 50
		}
		if atomic.LoadUint32(stop) != 0 {
			// Nobody pushes any more: serve what is left, wait for the handler goroutines
			// (each delivers its completion before it counts itself out), then leave.
			if !q.pending() && atomic.LoadInt64(&q.running) == 0 {
				// No goroutine touches the block any more: deliver whatever is left.
				q.deliver()
				break
			}
			if !q.pending() {
				// Handlers still run (maybe slow ones): nap 1ms instead of spinning.
				C.r2g_shm_wait_us((*C.uint32_t)(unsafe.Pointer(park)), 0, 1000)
			}
			continue
		}
		atomic.StoreUint32(park, 1)
		if q.pending() || atomic.LoadUint32(stop) != 0 {
			atomic.StoreUint32(park, 0)
			continue
		}
		if len(open) > 0 {
			C.r2g_shm_wait_us((*C.uint32_t)(unsafe.Pointer(park)), 1, 50)
		} else if len(taken) > 0 {
			C.r2g_shm_wait_us((*C.uint32_t)(unsafe.Pointer(park)), 1, C.long(pause))
			if pause *= 2; pause > r2gShmLookMaxUs {
				pause = r2gShmLookMaxUs
			}
		} else {
			C.r2g_shm_wait((*C.uint32_t)(unsafe.Pointer(park)), 1)
		}
		atomic.StoreUint32(park, 0)
	}
	// Rust releases the poller's reference to the block (and may free it).
	C.r2g_shm_call(*(*unsafe.Pointer)(unsafe.Add(q.base, r2gShmOffExitFn)), q.base)
}

// r2gShmRecover completes a request whose handler panicked, with the panic and stack.
func r2gShmRecover(q *r2gShm, r r2gShmReq) {
	if e := recover(); e != nil {
		q.complete(r, r2gPutStr(nil, fmt.Sprintf("%v\n\ngoroutine stack:\n%s", e, debug.Stack())), 1)
	}
}

"#;

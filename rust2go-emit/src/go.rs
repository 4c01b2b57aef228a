//! The Go back-end: `gen.go`.
//!
//! Layout contract with the Rust back-end (both read it off the model):
//! * a scalar parameter crosses by value as its C type; any other parameter as a pointer to
//!   its C view (`R2gSlice` for `String`/`Vec`, `R2gView_<Struct>` for a struct, whose fields
//!   are named `f0, f1, ..` in declaration order);
//! * a scalar result is the export's C return value; any other result is encoded into the
//!   `R2gOut` buffer in the flat format of `rust2go::runtime` (decode.rs);
//! * every export takes `out *C.R2gOut` last, where a recovered panic is reported.

use rust2go_model::{Flavor, Method, Model, Prim, StructDef, TraitDef, Type};
use std::collections::BTreeSet;
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

typedef void (*R2gComplete)(const void *slot, const uint8_t *ptr, uintptr_t len, uint32_t status);

// Completes an async call: Rust decodes (copies) the bytes before returning.
static inline void r2g_complete(void *f, void *slot, void *ptr, uintptr_t len, uint32_t status) {
	((R2gComplete)f)(slot, (const uint8_t *)ptr, len, status);
}
"#;

/// Generates `gen.go` for a model.
pub fn emit_go(model: &Model, opts: &GoOptions) -> String {
    let mut g = GoGen { model, opts, out: String::new(), uses_math: false };
    g.emit();
    g.out
}

struct GoGen<'a> {
    model: &'a Model,
    opts: &'a GoOptions,
    out: String,
    uses_math: bool,
}

/// The C type of a value's view.
fn c_view(ty: &Type) -> String {
    match ty {
        Type::Prim(p) => p.c().into(),
        Type::String | Type::Vec(_) => "R2gSlice".into(),
        Type::Struct(n) => format!("R2gView_{n}"),
    }
}

/// The Go spelling of a C type.
fn cgo(c: &str) -> String {
    match c {
        "float" => "C.float".into(),
        "double" => "C.double".into(),
        other => format!("C.{other}"),
    }
}

impl GoGen<'_> {
    fn emit(&mut self) {
        let mut body = String::new();
        std::mem::swap(&mut self.out, &mut body);
        self.types();
        self.traits();
        self.view_converters();
        self.encoders();
        self.helpers();
        if !self.opts.without_main {
            self.out.push_str("func main() {}\n");
        }
        let code = std::mem::replace(&mut self.out, body);
        self.header();
        self.out.push_str(&code);
    }

    fn header(&mut self) {
        let o = &mut self.out;
        let _ = writeln!(o, "{}", crate::header_line("//"));
        if let Some(src) = &self.opts.source_name {
            let _ = writeln!(o, "// Source: {src}. Regenerate with rust2go-cli (or the build helper); edit the IDL, not this file.");
        }
        o.push_str("\npackage main\n\n/*\n");
        o.push_str(C_PRELUDE);
        for s in self.model.structs_in_dependency_order() {
            let _ = writeln!(o, "\ntypedef struct R2gView_{} {{", s.name);
            if s.fields.is_empty() {
                o.push_str("\tuint8_t empty;\n");
            }
            for (i, f) in s.fields.iter().enumerate() {
                let _ = writeln!(o, "\t{} f{i};", c_view(&f.ty));
            }
            let _ = writeln!(o, "}} R2gView_{};", s.name);
        }
        o.push_str("*/\nimport \"C\"\n\nimport (\n\t\"fmt\"\n");
        if self.uses_math {
            o.push_str("\t\"math\"\n");
        }
        o.push_str("\t\"runtime/debug\"\n\t\"unsafe\"\n)\n\n");
    }

    fn types(&mut self) {
        for s in &self.model.structs {
            let _ = writeln!(self.out, "type {} struct {{", s.name);
            for f in &s.fields {
                let _ = writeln!(self.out, "\t{} {}", f.name, f.ty.go());
            }
            self.out.push_str("}\n\n");
        }
    }

    fn go_param(m: &Method, p: &rust2go_model::Param) -> String {
        if m.attrs.go_pass_struct {
            format!("{} {}", p.name, p.ty.go())
        } else {
            format!("{} *{}", p.name, p.ty.go())
        }
    }

    fn traits(&mut self) {
        for t in &self.model.traits {
            let _ = writeln!(self.out, "// {} is implemented in Go and called from Rust. Register an implementation", t.name);
            let _ = writeln!(self.out, "// by assigning {}Impl in an init function.", t.name);
            let _ = writeln!(self.out, "type {} interface {{", t.name);
            for m in &t.methods {
                let params: Vec<String> = m.params.iter().map(|p| Self::go_param(m, p)).collect();
                let ret = m.ret.as_ref().map(|r| format!(" {}", r.go())).unwrap_or_default();
                let _ = writeln!(self.out, "\t{}({}){}", m.name, params.join(", "), ret);
            }
            self.out.push_str("}\n\n");
            let _ = writeln!(self.out, "// {}Impl is the {} implementation that Rust calls.", t.name, t.name);
            let _ = writeln!(self.out, "var {}Impl {}\n", t.name, t.name);
            let _ = writeln!(
                self.out,
                "func r2gImpl_{0}() {0} {{\n\tif {0}Impl == nil {{\n\t\tpanic(\"rust2go: {0}Impl is not set: assign an implementation of the {0} interface to {0}Impl in an init function\")\n\t}}\n\treturn {0}Impl\n}}\n",
                t.name
            );
            for m in &t.methods {
                self.export(t, m);
            }
        }
    }

    /// The `//export` behind one method.
    fn export(&mut self, t: &TraitDef, m: &Method) {
        let owned = m.flavor == Flavor::Async;
        let sym = t.symbol(m);
        let mut params = Vec::new();
        let mut conv = String::new();
        let mut call_args = Vec::new();
        for (i, p) in m.params.iter().enumerate() {
            let arg = format!("p{i}");
            let val = match &p.ty {
                Type::Prim(pr) => {
                    params.push(format!("{arg} {}", cgo(pr.c())));
                    prim_from_c(*pr, &arg)
                }
                Type::Struct(n) => {
                    params.push(format!("{arg} *C.R2gView_{n}"));
                    format!("{}{n}({arg})", converter(owned))
                }
                other => {
                    params.push(format!("{arg} *C.R2gSlice"));
                    view_to_go(other, &format!("(*{arg})"), owned)
                }
            };
            let _ = writeln!(conv, "\ta{i} := {val}");
            call_args.push(if m.attrs.go_pass_struct { format!("a{i}") } else { format!("&a{i}") });
        }
        let call = format!("r2gImpl_{}().{}({})", t.name, m.name, call_args.join(", "));
        let _ = writeln!(self.out, "//export {sym}");
        if owned {
            // The arguments were copied above, before returning to Rust: the goroutine only
            // touches Go memory, so the Rust future may be dropped at any time.
            params.push("slot unsafe.Pointer, complete unsafe.Pointer".into());
            let _ = writeln!(self.out, "func {sym}({}) {{", params.join(", "));
            self.out.push_str(&conv);
            self.out.push_str("\tgo func() {\n");
            self.out.push_str("\t\tdefer r2gRecoverAsync(complete, slot)\n");
            match &m.ret {
                None => {
                    let _ = writeln!(self.out, "\t\t{call}\n\t\tr2gFinish(complete, slot, nil, 0)");
                }
                Some(ty) => {
                    let _ = writeln!(self.out, "\t\tr := {call}");
                    let enc = self.encode(ty, "r");
                    let _ = writeln!(self.out, "\t\tr2gFinish(complete, slot, {}, 0)", enc.replace("$b", "nil"));
                }
            }
            self.out.push_str("\t}()\n}\n\n");
            return;
        }
        params.push("out *C.R2gOut".into());
        match &m.ret {
            None => {
                let _ = writeln!(self.out, "func {sym}({}) {{", params.join(", "));
                self.out.push_str("\tdefer r2gRecover(out)\n");
                self.out.push_str(&conv);
                let _ = writeln!(self.out, "\t{call}");
            }
            Some(Type::Prim(pr)) => {
                let _ = writeln!(self.out, "func {sym}({}) (r {}) {{", params.join(", "), cgo(pr.c()));
                self.out.push_str("\tdefer r2gRecover(out)\n");
                self.out.push_str(&conv);
                let _ = writeln!(self.out, "\treturn {}", prim_to_c(*pr, &call));
            }
            Some(ty) => {
                let _ = writeln!(self.out, "func {sym}({}) {{", params.join(", "));
                self.out.push_str("\tdefer r2gRecover(out)\n");
                self.out.push_str(&conv);
                let _ = writeln!(self.out, "\tr := {call}");
                let enc = self.encode(ty, "r");
                let _ = writeln!(self.out, "\tr2gDone(out, {})", enc.replace("$b", "r2gBuf(out)"));
            }
        }
        self.out.push_str("}\n\n");
    }

    /// Go functions turning C views into Go values, for every type that appears in a parameter.
    fn view_converters(&mut self) {
        for owned in [false, true] {
            let mut needed = BTreeSet::new();
            for t in &self.model.traits {
                for m in t.methods.iter().filter(|m| (m.flavor == Flavor::Async) == owned) {
                    for p in &m.params {
                        collect_arg_types(self.model, &p.ty, &mut needed);
                    }
                }
            }
            self.converters(&needed, owned);
        }
    }

    fn converters(&mut self, needed: &BTreeSet<Type>, owned: bool) {
        for ty in needed {
            match ty {
                Type::Struct(n) => {
                    let s = self.model.find_struct(n).expect("validated");
                    self.struct_converter(s, owned);
                }
                Type::Vec(inner) if !inner.is_plain_elem() => {
                    let _ = writeln!(self.out, "func {}{}(v C.R2gSlice) {} {{", converter(owned), ty.mangle(), ty.go());
                    self.out.push_str("\tn := int(v.len)\n\tif n == 0 {\n\t\treturn nil\n\t}\n");
                    let _ = writeln!(self.out, "\tvs := unsafe.Slice((*{})(v.ptr), n)", cgo(&c_view(inner)));
                    let _ = writeln!(self.out, "\ts := make({}, n)", ty.go());
                    self.out.push_str("\tfor i := range vs {\n");
                    let _ = writeln!(self.out, "\t\ts[i] = {}", view_to_go(inner, "vs[i]", owned));
                    self.out.push_str("\t}\n\treturn s\n}\n\n");
                }
                _ => {}
            }
        }
    }

    fn struct_converter(&mut self, s: &StructDef, owned: bool) {
        let _ = writeln!(self.out, "func {1}{0}(v *C.R2gView_{0}) {0} {{", s.name, converter(owned));
        let _ = writeln!(self.out, "\treturn {} {{", s.name);
        for (i, f) in s.fields.iter().enumerate() {
            let _ = writeln!(self.out, "\t\t{}: {},", f.name, view_to_go(&f.ty, &format!("v.f{i}"), owned));
        }
        self.out.push_str("\t}\n}\n\n");
    }

    /// An expression appending the encoding of `x` (of type `ty`) to `$b`.
    fn encode(&mut self, ty: &Type, x: &str) -> String {
        match ty {
            Type::Prim(p) => {
                if matches!(p, Prim::F32 | Prim::F64) {
                    self.uses_math = true;
                }
                encode_prim(*p, "$b", x)
            }
            Type::String => format!("r2gPutStr($b, {x})"),
            Type::Vec(inner) => match &**inner {
                Type::Prim(Prim::U8) => format!("append(r2gPutLen($b, len({x})), {x}...)"),
                Type::Prim(p) => format!("r2gPutRaw(r2gPutLen($b, len({x})), unsafe.Pointer(r2gFirst({x})), len({x})*{})", p.size())
                    .replace("r2gFirst(", &format!("r2gFirst_{}(", p.mangle())),
                _ => format!("r2gPut_{}($b, {x})", ty.mangle()),
            },
            Type::Struct(n) => format!("r2gPut_{n}($b, &{x})"),
        }
    }

    /// Encoder functions for every type that appears in a result.
    fn encoders(&mut self) {
        let mut needed = BTreeSet::new();
        for t in &self.model.traits {
            for m in &t.methods {
                if let Some(r) = &m.ret {
                    collect_arg_types(self.model, r, &mut needed);
                }
            }
        }
        let mut firsts = BTreeSet::new();
        for ty in &needed {
            ty.visit(&mut |t| {
                if let Type::Vec(inner) = t {
                    if let Type::Prim(p) = &**inner {
                        if *p != Prim::U8 {
                            firsts.insert(*p);
                        }
                    }
                }
            });
        }
        for ty in needed {
            match &ty {
                Type::Struct(n) => {
                    let s = self.model.find_struct(n).expect("validated");
                    let _ = writeln!(self.out, "func r2gPut_{0}(b []byte, x *{0}) []byte {{", s.name);
                    for f in &s.fields {
                        let e = self.encode(&f.ty, &format!("x.{}", f.name));
                        let _ = writeln!(self.out, "\tb = {}", e.replace("$b", "b"));
                    }
                    self.out.push_str("\treturn b\n}\n\n");
                }
                Type::Vec(inner) if !inner.is_plain_elem() => {
                    let _ = writeln!(self.out, "func r2gPut_{}(b []byte, x {}) []byte {{", ty.mangle(), ty.go());
                    self.out.push_str("\tb = r2gPutLen(b, len(x))\n\tfor i := range x {\n");
                    let e = self.encode(inner, "x[i]");
                    let _ = writeln!(self.out, "\t\tb = {}", e.replace("$b", "b"));
                    self.out.push_str("\t}\n\treturn b\n}\n\n");
                }
                _ => {}
            }
        }
        for p in firsts {
            let _ = writeln!(
                self.out,
                "func r2gFirst_{}(x []{}) *{} {{\n\tif len(x) == 0 {{\n\t\treturn nil\n\t}}\n\treturn &x[0]\n}}\n",
                p.mangle(),
                p.go(),
                p.go()
            );
        }
    }

    fn helpers(&mut self) {
        let str_fn = if self.opts.go118 {
            "// r2gStr views Rust memory as a Go string without copying (Go 1.18 spelling of unsafe.String).\n\
             func r2gStr(v C.R2gSlice) (s string) {\n\tif v.len == 0 {\n\t\treturn \"\"\n\t}\n\
             \th := (*r2gStringHeader)(unsafe.Pointer(&s))\n\th.data = v.ptr\n\th.len = int(v.len)\n\treturn s\n}\n\n\
             type r2gStringHeader struct {\n\tdata unsafe.Pointer\n\tlen  int\n}\n\n"
        } else {
            "// r2gStr views Rust memory as a Go string without copying.\n\
             func r2gStr(v C.R2gSlice) string {\n\treturn unsafe.String((*byte)(v.ptr), int(v.len))\n}\n\n"
        };
        self.out.push_str(str_fn);
        self.out.push_str(GO_HELPERS);

    }
}

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

/// Types whose converters/encoders are needed: the type, and everything it contains.
fn collect_arg_types(model: &Model, ty: &Type, out: &mut BTreeSet<Type>) {
    ty.visit(&mut |t| {
        if out.insert(t.clone()) {
            if let Type::Struct(n) = t {
                if let Some(s) = model.find_struct(n) {
                    for f in &s.fields {
                        collect_arg_types(model, &f.ty, out);
                    }
                }
            }
        }
    });
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

/// A Go expression converting the view expression `v` (a C value of `c_view(ty)`).
fn view_to_go(ty: &Type, v: &str, owned: bool) -> String {
    match ty {
        Type::Prim(p) => prim_from_c(*p, v),
        Type::String if owned => format!("string(unsafe.Slice((*byte)({v}.ptr), int({v}.len)))"),
        Type::String => format!("r2gStr({v})"),
        Type::Vec(inner) => match &**inner {
            Type::Prim(p) if owned => {
                format!("append([]{0}(nil), unsafe.Slice((*{0})({v}.ptr), int({v}.len))...)", p.go())
            }
            Type::Prim(p) => format!("unsafe.Slice((*{})({v}.ptr), int({v}.len))", p.go()),
            _ => format!("{}{}({v})", converter(owned), ty.mangle()),
        },
        Type::Struct(n) => format!("{}{n}(&{v})", converter(owned)),
    }
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

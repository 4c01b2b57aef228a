//! The Go back-end: `gen.go`.
//!
//! Layout contract with the Rust back-end (both read it off the model):
//! * a scalar parameter crosses by value as its C type; any other parameter as a pointer to
//!   its C view, built in the memory layout of the Go type: `R2gSlice` `{ptr, len}` for
//!   `String` (a Go string), `R2gVec` `{ptr, len, cap = len}` for `Vec` (a Go slice),
//!   `R2gPtr` for `Option` (a pointer to the value's view, NULL for `None`), `R2gArr_..` (the
//!   element views inline) for `[T; N]`, the inner view for `Box`, the discriminant
//!   (`int32_t`/`int64_t`) for fieldless enums, `R2gView_<Struct>` / `R2gView_Tuple_..` for
//!   structs and tuples (fields `f0, f1, ..` in declaration order); `R2gMap` for maps (parallel
//!   key and value view arrays) and `R2gEnum` for enums with data (variant index + pointer to
//!   the variant's `R2gView_<Enum>_<Variant>`) are converted;
//! * where `Model::in_place` holds, Go reads the view as the Go value (a pointer cast, no
//!   copy); a node that is not in place is converted into Go memory, its in-place parts
//!   reinterpreted; gen.go checks the in-place layouts at compile time;
//! * a scalar result is the export's C return value; any other result is encoded into the
//!   `R2gOut` buffer in the flat format of `rust2go::runtime` (decode.rs);
//! * every sync export takes `out *C.R2gOut` last, where a recovered panic is reported; every
//!   async export takes the completion slot and callback instead.
//!
//! Helpers (converters, encoders, clones, C typedefs) are generated on demand, once per type.
//!
//! By role: `types` (Go types), `views` (C views and view -> Go converters), `r2g` (traits
//! implemented in Go: interfaces and exports), `g2r` (traits implemented in Rust), `mem`
//! (`#[mem]` queue runners), `codec` (result encoders and decoders), `clone` (deep copies),
//! `style` (the Go style: Go names, by-value parameters, doc comments) and `helpers` (which of
//! the fixed Go and C of `rust2go-emit/go/` a gen.go carries).

mod clone;
mod codec;
mod g2r;
mod helpers;
mod mem;
mod objects;
mod r2g;
mod style;
mod types;
mod views;

use helpers::{spliced, C_POOL, C_PRELUDE, C_SHM};
use rust2go_model::{Model, Prim};
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
    /// Go names and parameter passing of the whole file (default: rust2go 0.4's).
    pub style: rust2go_model::GoStyle,
}

/// Generates `gen.go` for a model. In the idiomatic style the model must have passed
/// [`rust2go_model::go_names::check_go_names`] (as [`crate::generate`] does).
pub fn emit_go(model: &Model, opts: &GoOptions) -> String {
    let model = &style::go_model(model, opts.style);
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
        requires_shm: false,
        uses_async: false,
        uses_objects: false,
        uses_rust_objects: false,
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
    /// Some trait has methods that ride the ring (shared-memory queues).
    uses_shm: bool,
    /// Some method is explicitly `#[mem]`: the package needs the ring's platforms
    /// (`R2G_SHM_REQUIRED` in the C preamble turns others into an `#error`).
    requires_shm: bool,
    /// Some async method runs on the worker pool (`go/async.go`).
    uses_async: bool,
    /// Some trait is an object trait (the handle table).
    uses_objects: bool,
    /// Some `#[g2r]` trait is an object trait (Go's references to Rust objects).
    uses_rust_objects: bool,
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

impl GoGen<'_> {
    fn emit(&mut self) -> String {
        let mut code = String::new();
        self.types(&mut code);
        self.traits(&mut code);
        self.clones(&mut code);
        self.layout_checks(&mut code);
        for t in self.go_types.values() {
            code.push_str(t);
        }
        for f in self.funcs.values() {
            code.push_str(f);
        }
        self.slabs(&mut code);
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
        o.push_str(spliced(C_PRELUDE));
        for t in &self.c_types {
            o.push('\n');
            o.push_str(t);
        }
        if self.uses_async {
            o.push('\n');
            o.push_str(spliced(C_POOL));
        }
        if self.uses_shm {
            o.push('\n');
            if self.requires_shm {
                o.push_str("#define R2G_SHM_REQUIRED 1\n");
            }
            o.push_str(spliced(C_SHM));
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
        // runtime: r2gGoexiting; and the #[mem] poller.
        o.push_str("\t\"runtime\"\n");
        if self.uses_g2r_async {
            o.push_str("\t\"runtime/cgo\"\n");
        }
        o.push_str("\t\"runtime/debug\"\n");
        if self.uses_g2r || self.uses_context || self.uses_async || self.uses_objects {
            o.push_str("\t\"sync\"\n");
        }
        if self.uses_shm || self.uses_async || self.uses_objects || self.uses_rust_objects {
            o.push_str("\t\"sync/atomic\"\n");
        }
        if self.uses_async || self.uses_shm {
            o.push_str("\t\"time\"\n");
        }
        o.push_str("\t\"unsafe\"\n)\n\n");
        o
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

}

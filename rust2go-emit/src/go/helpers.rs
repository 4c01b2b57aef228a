//! The fixed Go (and C) every gen.go carries, and which parts of it a model needs.
//!
//! The fixed code lives in `rust2go-emit/go/`, a Go package of its own (`r2ghelpers`) that
//! gofmt, go vet and staticcheck check (tests/go_helpers.rs). Each file holds its package
//! clause, imports and cgo preamble above a marker line; gen.go carries what follows it.

use super::GoGen;
use std::fmt::Write;

/// The line (and the blank line after it) after which a file of `go/` is copied into gen.go.
const MARKER: &str = "// ---- everything below this line is copied into gen.go ----\n\n";

/// The part of a file of `go/` that gen.go carries: the text after its marker line.
pub(super) fn spliced(file: &'static str) -> &'static str {
    match file.split_once(MARKER) {
        Some((_, body)) => body,
        None => panic!("rust2go-emit: a file of go/ lacks the marker line `{}`", MARKER.trim_end()),
    }
}

/// The C types and functions at the top of every gen.go's cgo preamble.
pub(super) const C_PRELUDE: &str = include_str!("../../go/r2g.h");
/// The C side of the `#[mem]` queues (futex waits, calls of the Rust runtime's functions).
pub(super) const C_SHM: &str = include_str!("../../go/r2g_shm.h");
/// The C side of the cgo path's worker pool (where idle workers wait).
pub(super) const C_POOL: &str = include_str!("../../go/r2g_pool.h");

/// The compile-time checks of the string and slice header layouts that argument views read
/// in place rely on.
const GO_LAYOUT: &str = include_str!("../../go/layout.go");
/// The result buffer, panic reports and the encoders of the flat format.
const GO_RESULT: &str = include_str!("../../go/result.go");
/// Converting a nested argument such as `Vec<User>` with a `[]string` per user would allocate
/// once per element; slices are instead carved from a few backing arrays per element type.
const GO_SLAB: &str = include_str!("../../go/slab.go");
/// Contexts of in-flight `#[go_context]` calls, cancelled from Rust when a future is dropped.
const GO_CONTEXT: &str = include_str!("../../go/context.go");
/// What calls of `#[g2r]` traits share: scratch buffers, results, `RustPanic`.
const GO_G2R: &str = include_str!("../../go/g2r.go");
/// The decoder of the flat format (g2r results, `#[mem]` arguments).
const GO_READER: &str = include_str!("../../go/reader.go");
/// The cgo path of async calls: the goroutine pool that runs their handlers, and their
/// completion (results of up to 16 bytes by value, in batches).
const GO_ASYNC: &str = include_str!("../../go/async.go");
/// The Go side of the `#[mem]` queues; the layout is described in rust2go's runtime/shm.rs.
const GO_SHM: &str = include_str!("../../go/shm.go");
/// The handle table of the Go objects Rust holds (object traits).
const GO_OBJECTS: &str = include_str!("../../go/objects.go");
/// Go's references to the Rust objects it holds (`#[g2r(object = T)]` traits).
const GO_RUST_OBJECTS: &str = include_str!("../../go/rust_objects.go");

impl GoGen<'_> {
    /// `r2gSlabs` (the backing arrays of one call's argument conversion) and the slab
    /// allocator, when some converter carves slices from them.
    pub(super) fn slabs(&self, code: &mut String) {
        if self.slab_types.is_empty() {
            return;
        }
        code.push_str("// r2gSlabs holds the backing arrays that one call's argument conversion takes slices from.\ntype r2gSlabs struct {\n");
        for (field, go) in &self.slab_types {
            let _ = writeln!(code, "\t{field} r2gSlab[{go}]");
        }
        code.push_str("}\n\n");
        code.push_str(spliced(GO_SLAB));
        code.push('\n');
    }

    /// The fixed Go a model needs: the result buffer always, the rest by feature.
    pub(super) fn helpers(&self) -> String {
        let mut files = vec![GO_LAYOUT, GO_RESULT];
        if self.uses_async {
            files.push(GO_ASYNC);
        }
        if self.uses_context {
            files.push(GO_CONTEXT);
        }
        if self.uses_g2r {
            files.push(GO_G2R);
        }
        if self.uses_g2r || self.uses_shm {
            files.push(GO_READER);
        }
        if self.uses_shm {
            files.push(GO_SHM);
        }
        if self.uses_objects {
            files.push(GO_OBJECTS);
        }
        if self.uses_rust_objects {
            files.push(GO_RUST_OBJECTS);
        }
        files.into_iter().map(|f| format!("{}\n", spliced(f))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixed_file_has_one_marker() {
        for file in [C_PRELUDE, C_SHM, C_POOL, GO_LAYOUT, GO_RESULT, GO_SLAB, GO_CONTEXT, GO_G2R, GO_READER, GO_SHM, GO_OBJECTS, GO_RUST_OBJECTS] {
            assert_eq!(file.matches(MARKER).count(), 1, "{file}");
            let body = spliced(file);
            assert!(!body.starts_with('\n') && body.ends_with("\n") && !body.ends_with("\n\n"), "{body}");
            assert!(!body.contains("package ") && !body.contains("import "), "{body}");
        }
    }
}

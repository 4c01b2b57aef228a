//! The rust2go IDL.
//!
//! A user's IDL file is plain, restricted Rust: structs and enums with `#[derive(R2G)]` and
//! traits with `#[r2g]` (Rust calls Go) or `#[g2r]` (Go calls Rust). This crate parses it once into a typed [`Model`] that the
//! proc-macro, the CLI and the build helper share, and validates it with one catalogue of
//! error messages ([`errors`]), each carrying the span of the offending token.

pub mod cfg;
mod check;
pub mod errors;
pub mod go_names;
mod objects;
mod parse;
pub mod refs;
mod types;

pub use check::check_nesting;
pub use errors::Errors;
pub use cfg::{CfgExpr, CfgMode, CfgSet};
pub use go_names::GoStyle;
pub use parse::{
    parse_enum, parse_file, parse_file_str, parse_file_str_with, parse_file_with, parse_struct, parse_trait, TraitArgs,
    DEFAULT_QUEUE_SIZE,
};
pub use types::*;

/// The generator version stamped into generated Go and Rust code.
pub const GENERATOR_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where `#[mem]` methods (futex-based shared-memory queues) are available, as the predicate of
/// a `#[cfg(..)]` in generated code and in the macro's output. The runtime's `mod shm` is
/// gated by the same predicate, spelled out (an attribute cannot name a constant).
pub const SHM_CFG: &str = "all(target_os = \"linux\", any(target_arch = \"x86_64\", target_arch = \"aarch64\"))";

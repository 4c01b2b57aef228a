//! The full type system crossing Rust → Go → Rust; exercised by `tests/`.
pub mod idl;

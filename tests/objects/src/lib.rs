//! Go objects held by Rust handles, exercised by the tests in `tests/`.
pub mod idl;

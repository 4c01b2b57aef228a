//! The runtime that generated glue calls. It is the only place in rust2go with `unsafe`.
//!
//! ## Who owns what
//! * **Arguments** are passed to Go as C *views* of the Rust values ([`ToGo`]): scalars as
//!   themselves, `String`/`Vec<u8>`/`Vec<scalar>` as `{ptr, len}` over the Rust memory (zero
//!   copy; a null pointer when empty, never a dangling one), structs as `#[repr(C)]` structs of
//!   their fields' views, and `Vec`s of anything else as `{ptr, len}` into an array of views.
//!   All those arrays live in **one** [`Arena`] allocation whose size is computed first. The
//!   Rust values and the arena outlive the (synchronous) call; Go must copy what it keeps.
//! * **Results** come back through one flat, pointer-free byte buffer ([`Out`]): Go encodes
//!   the value into a per-thread scratch buffer that Rust lends it, or, when that is too small,
//!   into memory from C `malloc` that Rust frees. Rust decodes owned values from it
//!   ([`FromGo`]). No Go pointer is ever stored in memory Rust owns, so the cgo pointer rules
//!   (checked by `cgocheck`, and `GOEXPERIMENT=cgocheck2`) hold.
//! * Go strings that are not valid UTF-8 are decoded with U+FFFD replacement (never an
//!   invalid `String`).

mod call;
mod decode;
mod view;

pub use call::*;
pub use decode::*;
pub use view::*;
mod future;
pub use future::*;
mod encode;
mod g2r;
pub use encode::*;
pub use g2r::*;
// The predicate of rust2go_model::SHM_CFG, which generated code uses for `#[mem]` glue.
#[cfg(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "aarch64")))]
mod shm;
#[cfg(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "aarch64")))]
pub use shm::*;

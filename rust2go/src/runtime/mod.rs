//! The runtime of rust2go. It is the only place in rust2go with `unsafe`.
//!
//! ## What programs call
//! * [`GoPanic`]: what a `Result` method yields (`Err(E::from(GoPanic))`) when its Go
//!   handler panics; a user error type implements `From<GoPanic>`.
//! * [`set_g2r_spawner`]: the executor that runs async Rust methods called from Go.
//! * On Linux (x86_64, aarch64), the `#[mem]` queues: `ShmHandle` (from
//!   `<Trait>Impl::shm_handle()`, keeps a trait's queue running), `shm_shutdown()` and
//!   `shm_live_queues()`.
//!
//! Everything else here is called by the generated glue only, and is hidden from these docs:
//! it is not a stable API.
//!
//! ## Who owns what
//! * **Arguments** are passed to Go as C *views* of the Rust values (trait `ToGo`), built in the
//!   memory layout of their Go types so that Go reads them in place: scalars as themselves,
//!   `String` as a Go string `{ptr, len}` over the Rust bytes, `Vec<T>` as a Go slice header
//!   `{ptr, len, cap = len}` (`GoSlice`) over the Rust memory for scalars or over an array of
//!   views, `Option<T>` as a pointer (`OptRef`), `[T; N]` and `Box<T>` inline, structs and
//!   tuples as `#[repr(C)]` structs of their fields' views; empty data is a null pointer,
//!   never a dangling one. (Maps and enums with data have views that Go converts.) All the
//!   view arrays live in **one** `Arena` allocation whose size is computed first (a block the
//!   thread kept from its previous call when it is large enough). The Rust values and the
//!   arena outlive the (synchronous) call; Go must copy what it keeps.
//! * **Results** come back through one flat, pointer-free byte buffer (`Out`): Go encodes
//!   the value into a per-thread scratch buffer that Rust lends it, or, when that is too small,
//!   into memory from C `malloc` that Rust frees. Rust decodes owned values from it
//!   (trait `FromGo`). No Go pointer is ever stored in memory Rust owns, so the cgo pointer
//!   rules (checked by `cgocheck`, and `GOEXPERIMENT=cgocheck2`) hold.
//! * Go strings that are not valid UTF-8 are decoded with U+FFFD replacement (never an
//!   invalid `String`); a Go map whose keys collide after the replacement fails the call
//!   ([`Reader::fail`]) rather than losing entries.

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
mod objects;
pub use objects::*;
pub use encode::*;
pub use g2r::*;
// The predicate of rust2go_model::SHM_CFG, which generated code uses for `#[mem]` glue.
#[cfg(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "aarch64")))]
mod shm;
#[cfg(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "aarch64")))]
pub use shm::*;

#![doc = include_str!("../doc/guide.md")]
#![warn(missing_docs)]

pub use rust2go_macro::{g2r, r2g, r2g_include_binding, R2G};

pub mod runtime;

pub use runtime::{GoPanic, MAX_VIEW_DEPTH};

#[cfg(feature = "build")]
mod build;
#[cfg(feature = "build")]
pub use build::{
    Builder, BuilderMut, CopyLib, CustomArgGoCompiler, DefaultGoCompiler, GoCompiler, GoStyle, LinkType, RegenArgs,
    GO_BUILD_COUNTER, ONE_GO_RUNTIME_MARKER,
};

/// Marker implemented by `#[derive(R2G)]`: the type may cross the rust2go boundary.
/// The glue that moves it is generated from the IDL file by the build helper.
#[cfg_attr(
    r2g_diagnostic,
    diagnostic::on_unimplemented(
        message = "`{Self}` crosses a rust2go boundary but does not derive `rust2go::R2G`",
        label = "used by a rust2go trait or struct",
        note = "add `#[derive(rust2go::R2G)]` to `{Self}` in the IDL file"
    )
)]
pub trait R2G {}

/// The file name in `OUT_DIR` of the first IDL file's Rust glue, which
/// `r2g_include_binding!()` includes (rust2go 0.4's constant).
pub const DEFAULT_BINDING_FILE: &str = "_go_bindings.rs";

/// The version of this runtime; generated glue checks it equals the generator's.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `extern "C" { .. }` for generated glue. Declared here so that the block is parsed with
/// this crate's edition (edition 2024 requires `unsafe extern`, which Rust 1.75 lacks).
#[doc(hidden)]
#[macro_export]
macro_rules! __r2g_extern {
    ($($item:tt)*) => {
        extern "C" { $($item)* }
    };
}

/// A `#[no_mangle] extern "C"` function for generated glue (edition-independent, as above).
#[doc(hidden)]
#[macro_export]
macro_rules! __r2g_export {
    ($(#[$m:meta])* fn $name:ident ($($args:tt)*) $(-> $ret:ty)? $body:block) => {
        $(#[$m])*
        #[no_mangle]
        pub unsafe extern "C" fn $name($($args)*) $(-> $ret)? $body
    };
}

/// Items used by generated code. Not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use crate::runtime::*;

    /// Implemented by `R2gGlue`, which the generated glue defines: the macros check that the
    /// trait's `binding` module holds the glue, so that a missing module gets this message
    /// rather than rustc's suggestion to add a crate named `binding`.
    #[cfg_attr(
        r2g_diagnostic,
        diagnostic::on_unimplemented(
            message = "rust2go: this file has no `binding` module with the glue generated for its traits",
            label = "its glue is included by a module `binding` next to this trait",
            note = "add to this file: `pub mod binding {{ #![allow(warnings)] rust2go::r2g_include_binding!(); }}` (another name: `#[rust2go::r2g(binding = my_mod)]`)"
        )
    )]
    pub trait BindingModule {}

    /// What a trait's `binding` path resolves to when its file has no `binding` module: the
    /// macros glob-import this, which a real `binding` module shadows.
    pub mod no_binding {
        /// Stands in for a missing `binding` module.
        pub mod binding {
            /// Not `BindingModule`: naming it fails with the message above.
            pub struct R2gGlue;
        }
    }

    /// `const` string equality (generated glue asserts the runtime version at compile time).
    pub const fn version_is(v: &str) -> bool {
        let a = v.as_bytes();
        let b = crate::VERSION.as_bytes();
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
}

//! Rust glue of object traits: the function that turns a handle id returned by Go into the
//! `<Trait>Impl` handle, which releases the Go object when dropped.

use rust2go_model::TraitDef;
use std::fmt::Write;

const RT: &str = "::rust2go::__private";

/// `fn <Trait>__object(id: u64) -> super::<Trait>Impl`.
pub(crate) fn wrap_fn(o: &mut String, t: &TraitDef) {
    let n = &t.name;
    let _ = writeln!(o, "#[allow(non_snake_case)]\nfn {n}__object(id: u64) -> super::{n}Impl {{");
    let _ = writeln!(
        o,
        "    // SAFETY: `id` was just returned by a Go export storing the object in the table of {n}, whose \
         release export this is; the handle is its only owner."
    );
    let _ = writeln!(
        o,
        "    let object = unsafe {{ {RT}::GoObject::new(id, {}, \"{n}\") }};\n    {RT}::GoHandle::r2g_from_object(object)\n}}\n",
        t.release_symbol()
    );
}

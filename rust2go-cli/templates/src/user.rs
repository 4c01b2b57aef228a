//! The IDL: the types and the calls that cross between Rust and Go.

// The Rust glue that build.rs generated from this file.
pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct User {
    pub id: u32,
    pub name: String,
}

/// Rust calls these; Go implements them (go/impl.go).
#[rust2go::r2g]
pub trait Greeter {
    /// Sync: the Go method runs on the calling thread.
    fn greet(user: &User) -> String;
    /// Async: the Go method runs on a goroutine; no thread blocks while it sleeps.
    async fn greet_later(user: &User, delay_ms: u64) -> String;
    /// A non-nil Go error becomes `Err(err.Error())`.
    fn name_length(user: &User) -> Result<u32, String>;
}

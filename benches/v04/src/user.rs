//! The IDL of the side-by-side, in rust2go 0.4's dialect: the same calls as
//! benches/src/bin/spawned.rs (ours). 0.4's `#[mem]` is left out: its futures are not `Send`
//! (its rings are per thread), so they cannot run in the spawned-tasks workload, and its Go
//! output does not compile for a scalar result (`C.uint32_t{}`).
pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

#[derive(rust2go::R2G, Clone, Copy)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
}

#[derive(rust2go::R2G, Clone)]
pub struct User {
    pub name: String,
    pub age: u8,
    pub tags: Vec<String>,
}

#[derive(rust2go::R2G, Clone)]
pub struct Users {
    pub users: Vec<User>,
}

#[rust2go::r2g]
pub trait Bench {
    #[drop_safe]
    #[send]
    async fn add(p: Pair) -> u32;
    fn users(u: &Users) -> u32;
    fn strings(s: &Vec<String>) -> u32;
}

pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct LookupRequest {
    pub key: String,
    pub n: u32,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct LookupResponse {
    pub key: String,
    pub values: Vec<String>,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct DemoUser {
    pub name: String,
    pub age: u8,
}

/// Implemented in Rust (src/lib.rs), called from Go.
#[rust2go::g2r]
pub trait RustCall {
    fn hash(data: &Vec<u8>) -> u64;
    fn demo_log(name: String, age: u8);
    async fn lookup(req: &LookupRequest) -> LookupResponse;
    fn lookup_sync(req: &LookupRequest) -> LookupResponse;
    fn greet(user: &DemoUser) -> String;
    fn boom(msg: String) -> u32;
    fn checked(n: u32) -> Result<u32, String>;
    fn checked_boom(msg: String) -> Result<u32, String>;
    async fn async_boom(msg: String) -> String;
    /// Sleeps with tokio's timer: on the built-in executor (not tokio) this panics.
    async fn tokio_sleep(ms: u32) -> u32;
    fn nothing();
    fn flag(b: bool, c: char) -> bool;
    fn big(n: u32) -> Vec<String>;
    /// `&str` and `&[T]` parameters: Rust borrows the values it decoded from Go's arguments.
    fn describe_users(sep: &str, users: &[DemoUser]) -> String;
    async fn hash_slice(data: &[u8]) -> u64;
    fn count_keys(m: &std::collections::HashMap<String, u32>) -> Result<u32, String>;
    /// Parameters named like what the generated Go and C use (renamed on the Go side).
    #[allow(clippy::too_many_arguments)]
    fn taken_names(out: u32, args: &String, len: u32, int: u8, char: char, handle: &Vec<u8>, scratch: u64, errno: bool) -> u64;
    #[allow(non_snake_case)]
    async fn taken_names_async(void: u32, C: &String, new: u32, args_len: u32) -> u64;
}

/// Implemented in Go (go/impl.go), which calls back into Rust.
#[rust2go::r2g]
pub trait GoCall {
    fn go_hash(data: &Vec<u8>) -> u64;
    async fn go_hash_async(data: &Vec<u8>) -> u64;
    async fn go_lookup(req: &LookupRequest) -> LookupResponse;
    fn go_lookup_sync(req: &LookupRequest) -> LookupResponse;
    fn go_greet(user: &DemoUser) -> String;
    /// Go calls a Rust method that panics, without recovering.
    fn go_boom(msg: String) -> String;
    /// Go calls a Result method whose Rust side panics: Go gets an error.
    fn go_checked(n: u32, boom: bool) -> String;
    fn go_async_boom(msg: String) -> String;
    /// Calls `tokio_sleep`, recovering the panic it gets on the built-in executor.
    fn go_tokio_sleep() -> String;
    /// `2n` g2r calls returning a String and a struct with `Vec<String>`; returns a checksum.
    fn go_loop(n: u32) -> u64;
    fn go_misc() -> bool;
    fn go_big(n: u32) -> u64;
    /// Calls `describe_users` with its arguments.
    fn go_describe(sep: &str, users: &[DemoUser]) -> String;
    /// Calls `hash_slice` with its argument.
    async fn go_hash_slice(data: &[u8]) -> u64;
    /// Go passes a map whose keys collide once invalid UTF-8 becomes U+FFFD.
    fn go_lossy_keys() -> String;
    /// Parameters named like the locals of the generated Rust glue.
    fn go_taken_names(out: u32, arena: &String, fut: u32, r: u32) -> u64;
    async fn go_taken_names_async(outcome: u32, done: &String, slot: u32, complete: u32) -> u64;
}

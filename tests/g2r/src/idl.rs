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

/// A fieldless enum with explicit discriminants.
#[derive(rust2go::R2G, Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    A,
    B = 7,
    C = -2,
}

/// An enum with data.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub enum Val {
    Num { v: f64 },
    Pair(i64, String),
    Users(Vec<DemoUser>, Option<Kind>),
    Nil,
}

/// A recursive struct.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Node {
    pub name: String,
    pub kids: Vec<Node>,
    pub next: Option<Box<Node>>,
}

/// Every kind of type, for round trips through Go's `RustCallImpl` (tests/proptest_g2r.rs).
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct All {
    pub flag: bool,
    pub letter: char,
    pub ints: (i8, i16, i32, i64, isize),
    pub uints: (u8, u16, u32, u64, usize),
    pub f: f32,
    pub d: f64,
    pub text: String,
    pub bytes: Vec<u8>,
    pub floats: Vec<f64>,
    pub letters: Vec<char>,
    pub words: Vec<String>,
    pub grid: Vec<Vec<i32>>,
    pub opt: Option<String>,
    pub opt_n: Option<u32>,
    pub opts: Vec<Option<DemoUser>>,
    pub arr: [u16; 3],
    pub arr_s: [String; 2],
    pub hmap: std::collections::HashMap<String, Vec<u32>>,
    pub bmap: std::collections::BTreeMap<i64, Option<String>>,
    pub cmap: std::collections::HashMap<char, bool>,
    pub kind: Kind,
    pub kinds: Vec<Kind>,
    pub val: Val,
    pub vals: Vec<Val>,
    pub boxed: Box<DemoUser>,
    pub users: Vec<DemoUser>,
    pub node: Node,
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
    /// Round trips (tests/proptest_g2r.rs): each returns its arguments.
    fn echo_all(x: &All) -> All;
    #[go_pass_struct]
    fn echo_all_by_value(x: All) -> All;
    async fn echo_all_async(x: &All) -> All;
    /// `Err(e)` when `e` is set, else `Ok(x)`.
    fn echo_all_result(x: &All, e: &Option<String>) -> Result<All, String>;
    fn echo_borrowed(s: &str, xs: &[All]) -> (String, Vec<All>);
    fn echo_scalars(b: bool, c: char, i: i64, u: usize, f: f32, d: f64) -> (bool, char, i64, usize, f32, f64);
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
    /// Each calls the `RustCall` method of its name without `go_` with its arguments and
    /// returns what Rust returned: Rust → Go → Rust → Go → Rust.
    fn go_echo_all(x: &All) -> All;
    #[go_pass_struct]
    fn go_echo_all_by_value(x: All) -> All;
    fn go_echo_all_async(x: &All) -> All;
    async fn go_echo_all_ring(x: &All) -> All;
    #[cgo]
    async fn go_echo_all_cgo(x: &All) -> All;
    fn go_echo_all_result(x: &All, e: &Option<String>) -> Result<All, String>;
    fn go_echo_borrowed(s: &str, xs: &[All]) -> (String, Vec<All>);
    fn go_echo_scalars(b: bool, c: char, i: i64, u: usize, f: f32, d: f64) -> (bool, char, i64, usize, f32, f64);
}

//! The IDL, generated in the idiomatic Go style (see build.rs). The Go side is `go/impl.go`.

pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

/// A user of the service.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct User {
    /// The user's id.
    pub user_id: u32,
    pub name: String,
    pub tags: Vec<String>,
}

/// How a login went.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub enum LoginOutcome {
    /// Logged in, with a new session.
    Accepted { session_id: u64 },
    Denied(String),
    Locked,
}

/// What a user may do.
#[derive(rust2go::R2G, Clone, Copy, Debug, PartialEq)]
pub enum Role {
    Guest,
    Admin = 10,
}

/// Every kind of type, for round trips in this style (tests/proptest_idiomatic.rs).
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Profile {
    pub user: User,
    pub http_url: String,
    pub scores: Vec<i64>,
    pub by_name: std::collections::HashMap<String, u32>,
    pub maybe: Option<User>,
    pub outcome: LoginOutcome,
    pub outcomes: Vec<LoginOutcome>,
    pub role: Role,
    pub pair: (u8, String),
    pub arr: [Option<u16>; 2],
    pub letter: char,
    pub ratio: f64,
}

/// The service, implemented in Go (go/impl.go).
#[rust2go::r2g]
pub trait UserService {
    /// Greets `name`, `times` times.
    fn greet(name: &str, times: u32) -> String;
    /// How many bytes of `data` equal `byte`.
    fn count(data: &[u8], byte: u8) -> u64;
    /// The JSON encoding of `u` (encoding/json).
    fn user_json(u: &User) -> String;
    /// The sum of the users' ids.
    fn total_ids(users: &[User]) -> u64;
    /// `"<name> (<id>) as <role>"`.
    fn describe(u: &User, role: Role) -> String;
    /// `describe`, the struct passed to Go by value.
    #[go_pass_struct]
    fn describe_value(u: &User, role: Role) -> String;
    /// An error for an empty password, else the outcome.
    fn login(u: &User, password: &str) -> Result<LoginOutcome, String>;
    async fn login_async(name: &str, ids: &[u32]) -> LoginOutcome;
    /// The JSON encoding of `users`.
    async fn users_json_async(users: &[User]) -> String;
    /// `RustSideImpl{}.Hash(data)`: Go calls Rust.
    fn hash_via_rust(data: &[u8]) -> u64;
    /// The JSON encoding of what `RustSideImpl{}.FindUser(userID)` returns (`null` for none).
    fn find_via_rust(user_id: u32) -> String;
    /// `RustSideImpl{}.ParseID(text)`, or `"error: <message>"`.
    fn parse_via_rust(text: &str) -> String;
    /// Waits until the context is cancelled (true) or `ms` milliseconds passed (false).
    #[go_context]
    async fn wait(ms: u64) -> bool;
    /// How many `wait` calls saw their context cancelled.
    fn cancellations() -> u64;
    /// `label + ":" + data`, through the shared-memory queue.
    #[mem]
    async fn echo_mem(data: &[u8], label: &str) -> Vec<u8>;
    /// Go keeps a `Clone` of `u` after the call returns.
    fn keep(u: &User);
    /// What `keep` kept.
    fn kept() -> Option<User>;
    /// Round trips (tests/proptest_idiomatic.rs): each returns its arguments.
    fn echo_profile(p: &Profile) -> Profile;
    #[go_pass_struct]
    fn echo_profile_by_value(p: Profile) -> Profile;
    fn echo_parts(s: &str, b: &[u8], m: &std::collections::HashMap<String, u32>, o: &Option<User>, e: &LoginOutcome, r: Role) -> (String, Vec<u8>, std::collections::HashMap<String, u32>, Option<User>, LoginOutcome, Role);
    async fn echo_profile_async(p: &Profile) -> Profile;
    #[cgo]
    async fn echo_profile_cgo(p: &Profile) -> Profile;
    /// Through `RustSide::echo_profile`.
    fn echo_profile_via_rust(p: &Profile) -> Profile;
}

/// Implemented in Rust (src/lib.rs), called from Go.
#[rust2go::g2r]
pub trait RustSide {
    /// FNV-1a of `data`.
    fn hash(data: &[u8]) -> u64;
    /// A user with that id, or none for 0.
    async fn find_user(user_id: u32) -> Option<User>;
    /// `text` as a number.
    fn parse_id(text: &str) -> Result<u32, String>;
    /// Returns `p`.
    fn echo_profile(p: &Profile) -> Profile;
}

pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct FriendsListRequest {
    pub user_id: u64,
    pub names: Vec<String>,
    pub payload: Vec<u8>,
    /// The checksum Rust expects Go to compute over the fields above.
    pub expect: u64,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct FriendsListResponse {
    pub user_id: u64,
    pub checksum: u64,
    pub names: Vec<String>,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct PMFriendRequest {
    pub to: String,
    pub body: String,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct PMFriendResponse {
    pub ok: bool,
    pub echoed: String,
}

#[rust2go::r2g]
pub trait AsyncCall {
    async fn add_friends(req: &FriendsListRequest) -> FriendsListResponse;
    fn check(req: &FriendsListRequest) -> impl std::future::Future<Output = FriendsListResponse>;
    #[drop_safe]
    async fn delete_friends(req: FriendsListRequest) -> FriendsListResponse;
    #[drop_safe_ret]
    async fn pm_friend(req: PMFriendRequest) -> PMFriendResponse;
    #[send]
    async fn heavy(req: &FriendsListRequest) -> FriendsListResponse;
    /// Sleeps, then checksums its (copied) arguments and counts mismatches.
    async fn slow_checksum(req: &FriendsListRequest, sleep_us: u32) -> FriendsListResponse;
    #[go_pass_struct]
    async fn add(a: u64, b: u64) -> u64;
    async fn nothing();
    async fn boom(msg: String) -> u32;
    /// Waits until its context is cancelled (true) or `timeout_ms` passed (false).
    #[go_context]
    async fn wait_cancel(id: u64, timeout_ms: u32) -> bool;
    /// Blocks until `n` calls of the same `group` have arrived (all must run at once), then
    /// returns `n`; 0 after 20 s without them.
    async fn rendezvous(group: u64, n: u32) -> u32;
    /// `add_friends` with the handler run on the calling thread.
    #[go_inline]
    async fn add_friends_inline(req: &FriendsListRequest) -> FriendsListResponse;
    #[go_inline]
    async fn add_inline(a: u64, b: u64) -> u64;
    #[go_inline]
    #[drop_safe_ret]
    async fn pm_friend_inline(req: PMFriendRequest) -> PMFriendResponse;
    #[go_inline]
    fn boom_inline(msg: String) -> impl std::future::Future<Output = u32>;
    /// The OS thread id the Go handler runs on.
    #[go_inline]
    async fn thread_id_inline() -> i64;
    /// `&str` and `&[T]` parameters (Go copies them before the call returns, as it does
    /// `&String` and `&Vec<T>`): `words` joined by `sep`, then `:` and each request's checksum
    /// (`"-"` where it does not match `expect`).
    async fn join_borrowed(sep: &str, words: &[String], reqs: &[FriendsListRequest]) -> String;
    #[go_inline]
    async fn join_borrowed_inline(sep: &str, words: &[String], reqs: &[FriendsListRequest]) -> String;

    // `#[cgo]` twins of the methods above: the same Go handlers, each call one cgo call into
    // the method's export and the handler on the worker pool (the other async methods of this
    // trait travel through its ring).
    #[cgo]
    async fn add_friends_cgo(req: &FriendsListRequest) -> FriendsListResponse;
    #[cgo]
    fn check_cgo(req: &FriendsListRequest) -> impl std::future::Future<Output = FriendsListResponse>;
    #[cgo]
    #[drop_safe]
    async fn delete_friends_cgo(req: FriendsListRequest) -> FriendsListResponse;
    #[cgo]
    #[drop_safe_ret]
    async fn pm_friend_cgo(req: PMFriendRequest) -> PMFriendResponse;
    #[cgo]
    #[send]
    async fn heavy_cgo(req: &FriendsListRequest) -> FriendsListResponse;
    #[cgo]
    async fn slow_checksum_cgo(req: &FriendsListRequest, sleep_us: u32) -> FriendsListResponse;
    #[cgo]
    #[go_pass_struct]
    async fn add_cgo(a: u64, b: u64) -> u64;
    #[cgo]
    async fn nothing_cgo();
    #[cgo]
    async fn boom_cgo(msg: String) -> u32;
    #[cgo]
    async fn rendezvous_cgo(group: u64, n: u32) -> u32;
    #[cgo]
    async fn join_borrowed_cgo(sep: &str, words: &[String], reqs: &[FriendsListRequest]) -> String;
}

#[rust2go::r2g]
pub trait Stats {
    /// Checksum mismatches Go saw so far.
    fn mismatches() -> u64;
    /// Handlers currently running in Go.
    fn in_flight() -> i64;
    /// Whether the `wait_cancel` call with this id saw its context cancelled.
    fn was_cancelled(id: u64) -> bool;
}

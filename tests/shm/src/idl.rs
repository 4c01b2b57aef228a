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

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub enum Shape {
    Empty,
    Circle { r: f64 },
    Label(String, Option<u32>),
}

/// Every kind of type, for `#[mem]` round trips (tests/proptest_mem.rs).
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Bag {
    pub flag: bool,
    pub letter: char,
    pub ints: (i8, i16, i32, i64, isize),
    pub uints: (u8, u16, u32, u64, usize),
    /// Compared by bit pattern in the tests.
    pub floats: (f32, f64, Vec<f64>),
    pub text: String,
    pub bytes: Vec<u8>,
    pub words: Vec<String>,
    pub letters: Vec<char>,
    pub opt: Option<String>,
    pub arr: [Option<u32>; 2],
    pub by_name: std::collections::HashMap<String, Vec<i64>>,
    pub bmap: std::collections::BTreeMap<char, Shape>,
    pub shapes: Vec<Shape>,
    pub pm: Box<PMFriendRequest>,
    pub kids: Vec<Bag>,
}

/// The methods of tests/async, every one through the shared-memory queues.
#[rust2go::r2g(binding = binding, queue_size = 4096)]
pub trait ShmCall {
    #[mem]
    async fn add_friends(req: &FriendsListRequest) -> FriendsListResponse;
    #[shm]
    fn check(req: &FriendsListRequest) -> impl std::future::Future<Output = FriendsListResponse>;
    #[mem]
    #[drop_safe]
    async fn delete_friends(req: FriendsListRequest) -> FriendsListResponse;
    #[mem_call]
    #[drop_safe_ret]
    async fn pm_friend(req: PMFriendRequest) -> PMFriendResponse;
    #[mem]
    #[send]
    async fn heavy(req: &FriendsListRequest) -> FriendsListResponse;
    /// Sleeps, then checksums its (copied) arguments and counts mismatches.
    #[mem]
    async fn slow_checksum(req: &FriendsListRequest, sleep_us: u32) -> FriendsListResponse;
    #[mem]
    #[go_pass_struct]
    async fn add(a: u64, b: u64) -> u64;
    #[mem]
    async fn nothing();
    #[mem]
    async fn boom(msg: String) -> u32;
    #[mem]
    async fn try_div(a: i32, b: i32) -> Result<i32, String>;
    /// `panic(nil)` and `runtime.Goexit()`: completed as failed calls.
    #[mem]
    async fn panics_nil() -> Result<u32, String>;
    #[mem]
    async fn goexit(n: u32) -> u32;
    /// Blocks `n` µs, then calls `runtime.Goexit`; a deferred function panics during it (the
    /// panic is recovered, the Goexit goes on: the goroutine still ends).
    #[mem]
    async fn goexit_recovered(n: u32) -> u32;
    /// A result larger than the inline result buffer.
    #[mem]
    async fn big(n: u32) -> Vec<u8>;
    #[mem]
    async fn scalars(a: bool, b: i8, c: u16, d: f32, e: f64, f: char, gh: (isize, usize)) -> (bool, i8, u16, f32, f64, (char, isize, usize));
    #[mem]
    async fn shapes(s: Vec<Shape>, m: &std::collections::HashMap<u32, String>) -> Vec<Shape>;
    /// Busy-works (CPU, not sleep) for `us` microseconds, counting how many run at once; returns
    /// `3 * x + 1` and Go's GOMAXPROCS.
    #[mem]
    async fn busy(x: u64, us: u32) -> (u64, i32);
    /// Round trips of every type through the ring (tests/proptest_mem.rs).
    #[mem]
    async fn echo_bag(x: &Bag) -> Bag;
    #[mem]
    #[drop_safe]
    async fn echo_bag_owned(x: Bag) -> Bag;
    #[mem]
    #[drop_safe_ret]
    async fn echo_bag_ret(x: Bag) -> Bag;
    #[mem]
    #[go_pass_struct]
    async fn echo_bag_by_value(x: Bag) -> Bag;
    /// `Err` with Go's `errors.New(e)` when `e` is set, else `Ok(x)`.
    #[mem]
    async fn echo_bag_result(x: &Bag, e: &Option<String>) -> Result<Bag, String>;
    #[mem]
    async fn echo_bag_borrowed(s: &str, xs: &[Bag]) -> (String, Vec<Bag>);
    /// The same as `scalars`, unchanged.
    #[mem]
    async fn echo_scalars(a: bool, b: i8, c: u16, d: f32, e: f64, f: char, gh: (isize, usize)) -> (bool, i8, u16, f32, f64, (char, isize, usize));
    /// The same as `add`, through the cgo path (`#[cgo]`: one call into its export, the
    /// handler on the worker pool), for comparisons.
    #[cgo]
    #[go_pass_struct]
    async fn add_cgo(a: u64, b: u64) -> u64;
}

/// A tiny queue: every call waits for free cells in both rings.
#[rust2go::r2g(queue_size = 8)]
pub trait Tiny {
    #[mem]
    async fn inc(x: u64) -> u64;
}

#[rust2go::r2g]
pub trait Stats {
    /// Checksum mismatches Go saw so far.
    fn mismatches() -> u64;
    /// Handlers currently running in Go.
    fn in_flight() -> i64;
    /// The most `busy` handlers that ran at once, and how many began while another ran, since
    /// the last call (then reset).
    fn busy_stats() -> (i64, i64);
}

/// One-way `#[mem]` calls (sync, without a result; rust2go 0.4's shared-memory examples) and
/// a queue size that is not a power of two (rounded up to 65536).
#[rust2go::r2g(queue_size = 40960)]
pub trait OneWay {
    /// Go appends `seq` to its log (and checks `tag` is `t<seq>`).
    #[mem]
    fn record(seq: u64, tag: &String);
    /// Go panics with `msg`.
    #[mem]
    fn record_panic(msg: String);
    /// Go's log, through the ring: queued after the one-way calls before it.
    #[mem]
    async fn recorded() -> Vec<u64>;
    /// Go's log through the cgo path, and how many tags were wrong.
    fn recorded_cgo() -> (Vec<u64>, u64);
    /// Empties Go's log.
    fn reset();
}

/// One-way `#[mem]` calls of every type: Go keeps each argument, `kept_bags` returns them.
#[rust2go::r2g]
pub trait OneWayBag {
    #[mem]
    fn keep_bag(x: &Bag, tag: &str);
    #[mem]
    async fn kept_bags() -> Vec<(String, Bag)>;
}

use std::collections::{BTreeMap, HashMap};

pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

#[derive(rust2go::R2G, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Color {
    Red,
    Green = 5,
    Blue,
    Black = -3,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub enum Shape {
    Circle { r: f64 },
    Rect(f64, f64),
    Label(String, Vec<String>),
    Empty,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Tree {
    pub name: String,
    pub children: Vec<Tree>,
    pub first: Option<Box<Tree>>,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Everything {
    pub opt_num: Option<u32>,
    pub opt_str: Option<String>,
    pub opt_vec: Option<Vec<u8>>,
    pub vec_opt: Vec<Option<i64>>,
    pub hmap: HashMap<String, u32>,
    pub bmap: BTreeMap<i32, Vec<String>>,
    pub vec_map: Vec<HashMap<u8, String>>,
    pub color: Color,
    pub colors: Vec<Color>,
    pub shape: Shape,
    pub shapes: Vec<Shape>,
    pub arr: [u16; 4],
    pub arr_str: [String; 2],
    pub pair: (u32, String),
    pub triple: (bool, Vec<u8>, Option<char>),
    pub letter: char,
    pub letters: Vec<char>,
    pub boxed: Box<u64>,
    pub tree: Tree,
    pub color_map: BTreeMap<String, Color>,
}

/// A fieldless enum whose discriminants need Go `int64`.
#[derive(rust2go::R2G, Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::enum_clike_unportable_variant)] // the 64-bit targets only
pub enum Wide {
    Low = -1,
    High = 0x1_0000_0000,
    Next,
}

/// A small struct Go reads in place.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Inner {
    pub id: u32,
    pub name: String,
}

/// Every kind of type Go reads in place (no map, no enum with data): the argument is viewed
/// as this Go struct directly.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Plain {
    pub flag: bool,
    pub small: i8,
    pub wide: u64,
    pub size: isize,
    pub ratio: f32,
    pub letter: char,
    pub name: String,
    pub bytes: Vec<u8>,
    pub words: Vec<u16>,
    pub tags: Vec<String>,
    pub grid: Vec<Vec<i32>>,
    pub opt_num: Option<u32>,
    pub opt_str: Option<String>,
    pub opt_inner: Option<Inner>,
    pub inners: Vec<Inner>,
    pub maybe: Vec<Option<Inner>>,
    pub arr: [u16; 3],
    pub arr_str: [String; 2],
    pub arr_inner: [Inner; 2],
    pub pair: (u8, String),
    pub color: Color,
    pub colors: Vec<Color>,
    pub boxed: Box<Inner>,
    pub tree: Tree,
}

/// Converted nodes (maps, an enum with data) with in-place nodes above and below them.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Mixed {
    pub plain: Plain,
    pub by_name: HashMap<String, Inner>,
    pub lists: BTreeMap<u8, Vec<Inner>>,
    pub maybe: Vec<Option<Inner>>,
    pub arr_map: [HashMap<u8, String>; 2],
    pub tup: (Inner, HashMap<String, u32>),
    pub shapes: Vec<Shape>,
    pub opt_map: Option<HashMap<u8, Inner>>,
    pub holders: Vec<Holder>,
    /// Zero-sized in Go: converted (Go pads a trailing zero-sized field, C does not).
    pub nothing: [u16; 0],
}

/// A struct holding a map holding structs.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Holder {
    pub name: String,
    pub items: HashMap<u32, Inner>,
}

/// Floats and integers at their edges (NaN payloads, -0.0, MIN/MAX): the tests compare them by
/// bit pattern.
#[derive(rust2go::R2G, Clone, Debug)]
pub struct Edges {
    pub f: f32,
    pub d: f64,
    pub fs: Vec<f32>,
    pub ds: Vec<f64>,
    pub opt_d: Option<f64>,
    pub arr_f: [f32; 3],
    pub by_key: BTreeMap<i64, f64>,
    pub shape: Shape,
    pub tup: (f32, f64),
    pub ints: (i8, i16, i32, i64, isize),
    pub uints: (u8, u16, u32, u64, usize),
    pub text: String,
}

/// Every map key kind, the widest tuple, deep nesting and the enums not in `Everything`.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
#[allow(clippy::type_complexity)] // `deep` is deep on purpose
pub struct Keys {
    pub by_bool: HashMap<bool, i8>,
    pub by_char: BTreeMap<char, String>,
    pub by_i64: HashMap<i64, u64>,
    pub by_usize: BTreeMap<usize, Vec<u8>>,
    pub by_isize: HashMap<isize, Option<String>>,
    pub by_u16: BTreeMap<u16, Shape>,
    pub nested: HashMap<String, HashMap<u8, Color>>,
    pub wide: Vec<Wide>,
    pub six: (u8, i16, String, Vec<u8>, Option<bool>, char),
    pub deep: Vec<Option<Vec<BTreeMap<u8, Vec<Option<String>>>>>>,
    pub boxed_shape: Box<Shape>,
    pub opt_tree: Option<Box<Tree>>,
    pub arr_vec: [Vec<String>; 2],
    pub arr_opt: [Option<Inner>; 3],
    pub vec_tup: Vec<(Inner, Color)>,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct MyError {
    pub code: i32,
    pub reason: String,
}

impl From<rust2go::GoPanic> for MyError {
    fn from(p: rust2go::GoPanic) -> Self {
        MyError { code: -1, reason: p.to_string() }
    }
}

#[rust2go::r2g]
pub trait Types {
    fn echo(x: &Everything) -> Everything;
    #[go_pass_struct]
    fn echo_by_value(x: Everything) -> Everything;
    fn echo_opt(x: &Option<String>) -> Option<String>;
    fn echo_map(x: &HashMap<String, u32>) -> HashMap<String, u32>;
    fn echo_btree(x: &BTreeMap<i32, Vec<String>>) -> BTreeMap<i32, Vec<String>>;
    fn echo_color(x: Color) -> Color;
    fn echo_shape(x: &Shape) -> Shape;
    fn echo_shapes(x: &Vec<Shape>) -> Vec<Shape>;
    fn echo_tree(x: &Tree) -> Tree;
    fn echo_arr(x: &[u16; 4]) -> [u16; 4];
    fn echo_tuple(x: &(u32, String)) -> (u32, String);
    fn echo_char(c: char) -> char;
    fn echo_chars(c: &Vec<char>) -> Vec<char>;
    fn echo_boxed(b: &Box<Shape>) -> Box<Shape>;
    /// Go returns a rune that is not a valid char.
    fn bad_rune() -> char;
    /// Describes a shape in Go (switching on the sealed interface).
    fn describe(x: &Shape) -> String;
    /// Go returns a nil Shape: a clear error, not a crash.
    fn nil_shape() -> Shape;

    /// Err(message) when `fail`, else Ok(n * 2).
    fn may_fail(n: u32, fail: bool) -> Result<u32, String>;
    /// Err(MyError) when `fail`.
    fn may_fail_typed(n: u32, fail: bool) -> Result<String, MyError>;
    fn unit_result(fail: bool) -> Result<(), String>;
    /// Panics in Go.
    fn panics_result(msg: String) -> Result<u32, String>;
    fn panics_typed(msg: String) -> Result<u32, MyError>;
    fn panics_plain(msg: String) -> u32;
    async fn may_fail_async(n: u32, fail: bool) -> Result<u32, String>;
    async fn panics_async(msg: String) -> Result<u32, String>;
    async fn echo_async(x: &Everything) -> Everything;
    #[go_inline]
    async fn echo_inline(x: &Everything) -> Everything;
    #[go_inline]
    async fn may_fail_inline(n: u32, fail: bool) -> Result<u32, String>;
    #[go_inline]
    async fn panics_inline(msg: String) -> Result<u32, String>;

    /// A `go build` setting of the linked archive (`runtime/debug.ReadBuildInfo`), or "".
    fn go_build_setting(key: String) -> String;
    /// `runtime.Version()` of the linked Go.
    fn go_version() -> String;

    /// Maps whose `string` (or rune) keys are distinct in Go but collide once invalid UTF-8 (or
    /// an invalid rune) becomes U+FFFD: the call fails rather than dropping an entry.
    fn lossy_keys() -> HashMap<String, String>;
    fn lossy_keys_result() -> Result<BTreeMap<String, String>, String>;
    async fn lossy_keys_async() -> Result<HashMap<String, String>, String>;
    fn lossy_rune_keys() -> BTreeMap<char, u32>;
    /// Invalid UTF-8 in values (and in keys that stay distinct) is replaced, as everywhere.
    fn lossy_values() -> HashMap<String, String>;

    /// Handlers that do not return normally without a panic value: `panic(nil)` (which
    /// `recover()` reports as nil under `go 1.20` in go.mod) and `runtime.Goexit()`.
    fn panics_nil() -> u32;
    fn panics_nil_result() -> Result<u32, String>;
    async fn panics_nil_async() -> Result<u32, String>;
    async fn goexit_async() -> Result<u32, String>;
    async fn goexit_async_plain() -> u32;
    /// Ends the process: Go cannot end a goroutine on a thread it did not create.
    fn goexit_sync() -> u32;
    // `#[cgo]` twins of the async methods above (the other async methods travel through the
    // trait's ring): the same handlers, on the per-call export and the worker pool.
    #[cgo]
    async fn may_fail_async_cgo(n: u32, fail: bool) -> Result<u32, String>;
    #[cgo]
    async fn panics_async_cgo(msg: String) -> Result<u32, String>;
    #[cgo]
    async fn panics_nil_async_cgo() -> Result<u32, String>;
    #[cgo]
    async fn goexit_async_cgo() -> Result<u32, String>;
    #[cgo]
    async fn goexit_async_plain_cgo() -> u32;

    fn echo_wide(x: &Vec<Wide>) -> Vec<Wide>;
    fn echo_plain(x: &Plain) -> Plain;
    #[go_pass_struct]
    fn echo_plain_by_value(x: Plain) -> Plain;
    fn echo_plains(x: &Vec<Plain>) -> Vec<Plain>;
    fn echo_mixed(x: &Mixed) -> Mixed;
    fn echo_holders(x: &Vec<Holder>) -> Vec<Holder>;
    async fn echo_plain_async(x: &Plain) -> Plain;
    async fn echo_mixed_async(x: &Mixed) -> Mixed;
    #[go_inline]
    async fn echo_plain_inline(x: &Plain) -> Plain;
    /// What Go sees: [x, data of x.name, len(x.tags), cap(x.tags), data of x.bytes,
    /// cap(x.bytes), x.opt_num, cap(x.grid), cap of every x.grid[i] == len] as addresses.
    fn in_place_facts(x: &Plain) -> Vec<u64>;
    /// Where a converted Mixed's in-place parts are: [data of x.plain.name, data of
    /// x.plain.bytes, len(x.plain.tags), cap(x.plain.tags)].
    fn mixed_facts(x: &Mixed) -> Vec<u64>;
    /// `append(x.tags, tag)` after reading every tag; returns the appended slice.
    fn append_tag(x: &Plain, tag: String) -> Vec<String>;
    /// Breaks the rule: stores a Go-allocated string into the in-place argument (cgocheck2
    /// reports it), then returns it.
    fn store_go_pointer(x: &Plain) -> String;

    // Round trips of the types above on every path: sync (by pointer and by value), the ring,
    // the cgo path, `#[go_inline]`; `Result` with random Ok and Err values; `&str` and `&[T]`.
    fn echo_edges(x: &Edges) -> Edges;
    #[go_pass_struct]
    fn echo_edges_by_value(x: Edges) -> Edges;
    fn echo_keys(x: &Keys) -> Keys;
    /// `Err(e)` when `e` is set (Go returns it as its error), else `Ok(x)`.
    fn echo_result(x: &Everything, e: &Option<MyError>) -> Result<Everything, MyError>;
    /// `Err` with Go's `errors.New(e)` when `e` is set, else `Ok(x)`.
    fn echo_result_str(x: &Keys, e: &Option<String>) -> Result<Keys, String>;
    fn echo_unit_result(e: &Option<String>) -> Result<(), String>;
    fn echo_borrowed(s: &str, xs: &[Everything], ps: &[Plain]) -> (String, Vec<Everything>, Vec<Plain>);
    async fn echo_edges_async(x: &Edges) -> Edges;
    async fn echo_keys_async(x: &Keys) -> Keys;
    async fn echo_result_async(x: &Everything, e: &Option<MyError>) -> Result<Everything, MyError>;
    async fn echo_result_str_async(x: &Keys, e: &Option<String>) -> Result<Keys, String>;
    async fn echo_borrowed_async(s: &str, xs: &[Everything], ps: &[Plain]) -> (String, Vec<Everything>, Vec<Plain>);
    #[cgo]
    async fn echo_async_cgo(x: &Everything) -> Everything;
    #[cgo]
    async fn echo_plain_async_cgo(x: &Plain) -> Plain;
    #[cgo]
    async fn echo_mixed_async_cgo(x: &Mixed) -> Mixed;
    #[cgo]
    async fn echo_edges_async_cgo(x: &Edges) -> Edges;
    #[cgo]
    async fn echo_keys_async_cgo(x: &Keys) -> Keys;
    #[cgo]
    async fn echo_result_async_cgo(x: &Everything, e: &Option<MyError>) -> Result<Everything, MyError>;
    #[cgo]
    async fn echo_result_str_async_cgo(x: &Keys, e: &Option<String>) -> Result<Keys, String>;
    #[cgo]
    async fn echo_borrowed_async_cgo(s: &str, xs: &[Everything], ps: &[Plain]) -> (String, Vec<Everything>, Vec<Plain>);
    #[drop_safe]
    async fn echo_owned(x: Mixed) -> Mixed;
    #[drop_safe_ret]
    async fn echo_owned_ret(x: Keys) -> Keys;
    #[go_pass_struct]
    async fn echo_async_by_value(x: Everything) -> Everything;
    #[cgo]
    #[drop_safe]
    async fn echo_owned_cgo(x: Mixed) -> Mixed;
    #[cgo]
    #[drop_safe_ret]
    async fn echo_owned_ret_cgo(x: Keys) -> Keys;
    #[cgo]
    #[go_pass_struct]
    async fn echo_async_by_value_cgo(x: Everything) -> Everything;
    #[go_context]
    async fn echo_ctx(x: &Mixed, e: &Edges) -> (Mixed, Edges);
    #[go_inline]
    async fn echo_edges_inline(x: &Edges) -> Edges;
    #[go_inline]
    async fn echo_keys_inline(x: &Keys) -> Keys;
    #[go_inline]
    async fn echo_result_inline(x: &Everything, e: &Option<MyError>) -> Result<Everything, MyError>;
    #[go_inline]
    async fn echo_borrowed_inline(s: &str, xs: &[Everything], ps: &[Plain]) -> (String, Vec<Everything>, Vec<Plain>);

    /// Go keeps a deep copy (`Clone()`) of the argument beyond the call ...
    fn keep(x: &Everything);
    /// ... and returns it later.
    fn kept() -> Everything;
}

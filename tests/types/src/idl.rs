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

    /// Go keeps a deep copy (`Clone()`) of the argument beyond the call ...
    fn keep(x: &Everything);
    /// ... and returns it later.
    fn kept() -> Everything;
}

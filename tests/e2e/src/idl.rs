//! The IDL of the end-to-end tests. The Go side is `go/impl.go`.

pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct User {
    pub name: String,
    pub age: u8,
    pub tags: Vec<String>,
}

/// A `String` inside a struct, next to a scalar.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Named {
    pub id: u32,
    pub name: String,
}

/// What Go saw of a string or slice argument: the address of its data, its length, and a
/// checksum of its contents (`fnv1a` in the tests).
#[derive(rust2go::R2G, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seen {
    pub addr: u64,
    pub len: u64,
    pub sum: u64,
}

/// Every scalar type (the buffer path of results, and struct fields of arguments).
#[derive(rust2go::R2G, Clone, Copy, Debug, PartialEq)]
pub struct Scalars {
    pub v_i8: i8,
    pub v_i16: i16,
    pub v_i32: i32,
    pub v_i64: i64,
    pub v_u8: u8,
    pub v_u16: u16,
    pub v_u32: u32,
    pub v_u64: u64,
    pub v_isize: isize,
    pub v_usize: usize,
    pub v_f32: f32,
    pub v_f64: f64,
    pub v_bool: bool,
}

/// A `Vec` of every scalar type (zero-copy arguments, bulk-copied results).
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct ScalarVecs {
    pub i8s: Vec<i8>,
    pub i16s: Vec<i16>,
    pub i32s: Vec<i32>,
    pub i64s: Vec<i64>,
    pub u8s: Vec<u8>,
    pub u16s: Vec<u16>,
    pub u32s: Vec<u32>,
    pub u64s: Vec<u64>,
    pub isizes: Vec<isize>,
    pub usizes: Vec<usize>,
    pub f32s: Vec<f32>,
    pub f64s: Vec<f64>,
    pub bools: Vec<bool>,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Inner {
    pub label: String,
    pub words: Vec<String>,
    pub values: Vec<f64>,
}

/// Nested containers: `Vec<String>`, `Vec<Vec<u8>>`, `Vec<Struct>`, structs in structs.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Nested {
    pub title: String,
    pub lines: Vec<String>,
    pub blobs: Vec<Vec<u8>>,
    pub users: Vec<User>,
    pub inner: Inner,
    pub inners: Vec<Inner>,
    pub grid: Vec<Vec<String>>,
}

/// How Go sees a string: byte length, rune count, `utf8.ValidString`.
#[derive(rust2go::R2G, Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrInfo {
    pub bytes: u64,
    pub runes: u64,
    pub valid: bool,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Request {
    pub id: u64,
    pub name: String,
    pub items: Vec<u32>,
    pub tags: Vec<String>,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Response {
    pub id: u64,
    pub name: String,
    pub sum: u64,
    pub tags: u64,
}

/// Go reports where the data of each argument lives.
#[rust2go::r2g]
pub trait ZeroCopy {
    fn see_string(s: &String) -> Seen;
    fn see_string_owned(s: String) -> Seen;
    fn see_bytes(b: &Vec<u8>) -> Seen;
    fn see_words(w: &Vec<u32>) -> Seen;
    /// `n.name`.
    fn see_named(n: &Named) -> Seen;
    /// `n.name`, the struct passed to Go by value.
    #[go_pass_struct]
    fn see_named_by_value(n: Named) -> Seen;
    /// The data address of every user's name followed by those of its tags, user by user.
    fn see_users(users: &Vec<User>) -> Vec<u64>;
    /// `&str`, `&[u8]`, `&[User]`: Go sees them as `*string`, `*[]uint8`, `*[]User`, exactly
    /// as `&String`, `&Vec<u8>`, `&Vec<User>`.
    fn see_str(s: &str) -> Seen;
    fn see_byte_slice(b: &[u8]) -> Seen;
    fn see_user_slice(users: &[User]) -> Vec<u64>;
}

/// Handlers whose results do not allocate in Rust (`()` or a scalar), plus one returning a
/// `String`, for counting allocations per call.
#[rust2go::r2g]
pub trait Alloc {
    /// The number of tags of all users.
    fn count_tags(users: &Vec<User>) -> u32;
    fn take_users(users: &Vec<User>);
    /// The number of strings anywhere in `n`.
    fn count_strings(n: &Nested) -> u64;
    fn string_len(s: &String) -> u64;
    fn add(a: u64, b: u64) -> u64;
    /// `"hello " + name`.
    fn greet(name: &String) -> String;
    /// Heap objects Go allocated so far (`runtime/metrics`, all goroutines).
    fn go_heap_allocs() -> u64;
}

/// Echo handlers: Go returns what it got.
#[rust2go::r2g]
pub trait Echo {
    fn echo_i8(x: i8) -> i8;
    fn echo_i16(x: i16) -> i16;
    fn echo_i32(x: i32) -> i32;
    fn echo_i64(x: i64) -> i64;
    fn echo_u8(x: u8) -> u8;
    fn echo_u16(x: u16) -> u16;
    fn echo_u32(x: u32) -> u32;
    fn echo_u64(x: u64) -> u64;
    fn echo_isize(x: isize) -> isize;
    fn echo_usize(x: usize) -> usize;
    fn echo_f32(x: f32) -> f32;
    fn echo_f64(x: f64) -> f64;
    fn echo_bool(x: bool) -> bool;
    /// The bits Go saw (`math.Float32bits`), independent of the result path.
    fn f32_bits(x: f32) -> u32;
    fn f64_bits(x: f64) -> u64;
    /// Go builds a value from bits (`math.Float32frombits`): the result path alone.
    fn f32_from_bits(bits: u32) -> f32;
    fn f64_from_bits(bits: u64) -> f64;
    fn echo_scalars(x: &Scalars) -> Scalars;
    #[go_pass_struct]
    fn echo_scalars_by_value(x: Scalars) -> Scalars;
    /// Results through the buffer of a `Result` method.
    fn echo_scalars_result(x: &Scalars) -> Result<Scalars, String>;
    fn echo_scalar_vecs(x: &ScalarVecs) -> ScalarVecs;
    fn echo_string(s: &String) -> String;
    fn echo_bytes(b: &Vec<u8>) -> Vec<u8>;
    fn echo_strings(v: &Vec<String>) -> Vec<String>;
    fn echo_blobs(v: &Vec<Vec<u8>>) -> Vec<Vec<u8>>;
    fn echo_users(v: &Vec<User>) -> Vec<User>;
    fn echo_nested(n: &Nested) -> Nested;
    fn string_info(s: &String) -> StrInfo;
    /// Go returns `"ok\xff\xfe end \xe2\x82"` (invalid UTF-8).
    fn invalid_utf8() -> String;
    /// Invalid UTF-8 inside a `Vec<String>` and a struct.
    fn invalid_utf8_nested() -> Nested;
}

/// Go checks that empty strings and slices arrive with length 0 and a nil data pointer, after
/// forcing a GC and a stack copy while they are live. Returns the problems found ("" if none).
#[rust2go::r2g]
pub trait Empty {
    fn check_empty(
        s: &String,
        owned: String,
        b: &Vec<u8>,
        w: &Vec<u32>,
        f: &Vec<f64>,
        strs: &Vec<String>,
        blobs: &Vec<Vec<u8>>,
        users: &Vec<User>,
        n: &Nested,
    ) -> String;
    /// Go builds a string and a slice whose data pointer is bogus (0x1, length 0) and runs the
    /// same GC and stack copy: the Go runtime must kill the process. Proves that the check above
    /// detects a dangling pointer; run only in a child process.
    fn bogus_pointer_probe();
}

/// Never assigned in Go.
#[rust2go::r2g]
pub trait Unregistered {
    fn never(x: u32) -> u32;
    fn never_string(s: &String) -> String;
    fn never_unit();
}

/// `Left` and `Right` share method names (`hello` with the same signature, `shared` with
/// different ones).
#[rust2go::r2g]
pub trait Left {
    fn hello(x: u32) -> String;
    fn shared(name: &String) -> u64;
}

#[rust2go::r2g]
pub trait Right {
    fn hello(x: u32) -> String;
    fn shared(x: u64) -> String;
}

/// Many threads calling at once.
#[rust2go::r2g]
pub trait Work {
    /// `Response { id, name: name + "#" + id, sum: sum(items), tags: len(tags) }`.
    fn process(req: &Request) -> Response;
}

/// The linked Go archive.
#[rust2go::r2g]
pub trait Toolchain {
    /// A `go build` setting of the linked archive (`runtime/debug.ReadBuildInfo`), or "".
    fn go_build_setting(key: String) -> String;
    /// `runtime.Version()`.
    fn go_version() -> String;
}

/// The glue under another name, for the traits below.
pub mod other_glue {
    pub use super::binding::*;
}

/// `binding = <module>` names the module holding the glue.
#[rust2go::r2g(binding = other_glue)]
pub trait NamedBinding {
    fn named_binding(n: u32) -> u32;
}

/// The bare form `#[r2g(<module>)]` does the same.
#[rust2go::r2g(other_glue)]
pub trait BareBinding {
    fn bare_binding(n: u32) -> u32;
}

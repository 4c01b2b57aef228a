//! The one catalogue of IDL errors. The macro reports them as `compile_error!` at the span;
//! the CLI and the build helper print them as `file:line:col: message`.

use proc_macro2::Span;
use std::fmt::Write;

/// Method attributes rust2go understands.
pub const METHOD_ATTRS: &[&str] = &[
    "go_pass_struct", "drop_safe", "drop_safe_ret", "send", "go_context", "go_inline", "mem", "shm", "mem_call",
    "cgo_callback", "cgo_call", "cgo",
];
/// Ordinary Rust attributes allowed (and ignored by the generators) on traits and methods.
pub const PASSIVE_ATTRS: &[&str] = &["doc", "allow", "warn", "deny", "expect", "cfg_attr", "must_use"];
/// `#[cfg(..)]` is allowed on structs, enums, traits, fields, variants and methods; it is listed
/// with the known attributes in messages (see `crate::cfg` for what it does).
pub const CFG_ATTR: &str = "cfg";
/// Go keywords that are valid Rust identifiers; they cannot name a Go field or type.
pub const GO_KEYWORDS: &[&str] = &[
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
    "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return",
    "select", "struct", "switch", "type", "var",
];

/// Arguments of `#[rust2go::r2g(..)]`.
pub const UNKNOWN_TRAIT_ARG: &str =
    "rust2go: unknown trait argument; known: `binding = <module>` (or a bare `<module>`), `queue_size = <entries>`, \
     `object = <type>` (#[g2r])";
pub const OBJECT_ARG_GENERIC: &str =
    "rust2go: `object = <type>` names the Rust type implementing the trait by a path without generics (`object = Account`, \
     `object = crate::bank::Account`)";
pub const OBJECT_ARG_ON_R2G: &str = "rust2go: `object = <type>` applies to #[g2r] traits; an #[r2g] object trait's handle \
     is generated (`<Trait>Impl`)";
pub const BAD_QUEUE_SIZE: &str =
    "rust2go: `queue_size` must be an integer literal between 2 and 1048576 (rounded up to a power of two; default 4096)";
pub const MEM_ON_SYNC: &str = "rust2go: `#[mem]` (`#[shm]`, `#[mem_call]`) on a sync method makes it a one-way call \
     (queued, not waited for), which returns nothing; a sync call with a result already is one cgo call";
pub const MEM_ON_G2R: &str = "rust2go: `#[mem]` (`#[shm]`, `#[mem_call]`) applies to #[r2g] traits only";
pub const CGO_WITH_MEM: &str = "rust2go: `#[cgo]` and `#[mem]` exclude each other: one makes every call a cgo call into the \
     method's Go export, the other sends it through the trait's shared-memory ring";
pub const CGO_WITH_GO_INLINE: &str = "rust2go: `#[cgo]` and `#[go_inline]` exclude each other: `#[go_inline]` already runs \
     the handler in the one cgo call of the calling thread";

pub const UNION: &str = "rust2go: unions are not supported; use an enum with #[derive(rust2go::R2G)]";
pub const DERIVE_ON_OTHER: &str = "rust2go: #[derive(R2G)] applies to structs and enums";
pub const TWO_DIRECTIONS: &str = "rust2go: a trait takes one of `#[rust2go::r2g]` (Rust calls Go) and `#[rust2go::g2r]` \
     (Go calls Rust); remove this one, or declare the calls of the other direction in a trait of their own";

pub const SUPPORTED_TYPES: &str = "bool, i8..i64, u8..u64, isize, usize, f32, f64, char, String, Vec<T>, \
[T; N], Option<T>, Box<T>, HashMap<K, V>, BTreeMap<K, V>, tuples, or a struct/enum with #[derive(rust2go::R2G)] \
(and Result<T, E> as a method result)";

/// Every problem found in one pass, so the user sees them all at once.
#[derive(Debug, Default)]
pub struct Errors(Vec<syn::Error>);

impl Errors {
    pub fn push(&mut self, span: Span, msg: impl std::fmt::Display) {
        self.0.push(syn::Error::new(span, msg));
    }

    /// An error covering all of `tokens` (the macro underlines the whole attribute, type, ...;
    /// the CLI reports where it starts).
    pub fn push_spanned(&mut self, tokens: impl quote::ToTokens, msg: impl std::fmt::Display) {
        self.0.push(syn::Error::new_spanned(tokens, msg));
    }

    pub fn push_err(&mut self, e: syn::Error) {
        self.0.push(e);
    }

    pub fn extend(&mut self, other: Errors) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn into_result<T>(self, value: T) -> Result<T, Errors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &syn::Error> {
        self.0.iter()
    }

    /// `compile_error!` invocations, one per problem, each at its span.
    pub fn to_compile_errors(&self) -> proc_macro2::TokenStream {
        self.0.iter().map(|e| e.to_compile_error()).collect()
    }

    /// `file:line:col: message` lines (1-based line and column), for the CLI and build helper.
    pub fn render(&self, file: &str) -> String {
        let mut out = String::new();
        for e in &self.0 {
            let start = e.span().start();
            let _ = writeln!(out, "{}:{}:{}: error: {}", file, start.line, start.column + 1, e);
        }
        out
    }
}

impl From<syn::Error> for Errors {
    fn from(e: syn::Error) -> Self {
        Errors(vec![e])
    }
}

pub fn unsupported_type(ty: &str) -> String {
    format!("rust2go: unsupported type `{ty}`; supported: {SUPPORTED_TYPES}")
}

pub fn unknown_attr(name: &str, place: &str, known: &[&str]) -> String {
    let mut all: Vec<&str> = known.to_vec();
    all.push(CFG_ATTR);
    all.extend_from_slice(PASSIVE_ATTRS);
    format!(
        "rust2go: unknown attribute `#[{name}]` on a {place}; known: {}",
        all.iter().map(|a| format!("#[{a}]")).collect::<Vec<_>>().join(", ")
    )
}

/// `#[rust2go::rg2]` on an item: not one of rust2go's attributes.
pub fn unknown_rust2go_attr(written: &str, what: &str, suggestion: Option<&str>) -> String {
    let hint = suggestion.map(|s| format!("did you mean `{s}`? ")).unwrap_or_default();
    format!(
        "rust2go: `{written}` on {what} is not a rust2go attribute; {hint}rust2go's are `#[rust2go::r2g]` (Rust calls Go) \
         and `#[rust2go::g2r]` (Go calls Rust) on traits, `#[derive(rust2go::R2G)]` on structs and enums"
    )
}

/// `#[cgo_callback]` on a `#[g2r]` method or `#[cgo_call]` on an `#[r2g]` one (rust2go 0.4's
/// names, accepted without effect).
pub fn wrong_cgo_attr(wrong: &str, right: &str) -> String {
    let (dir, other) = if right == "cgo_callback" { ("#[r2g]", "#[g2r]") } else { ("#[g2r]", "#[r2g]") };
    format!(
        "rust2go: `#[{wrong}]` applies to {other} methods; on {dir} methods write `#[{right}]` (rust2go 0.4 names, accepted without effect)"
    )
}

/// A rust2go macro expanded in a crate without a build script (Cargo sets `OUT_DIR` for the
/// compiler only when there is one): nothing generates the glue. `what` is the item, e.g.
/// `"#[rust2go::g2r] trait RustCall"`.
pub fn no_build_script(what: &str) -> String {
    format!(
        "rust2go: {what}: this crate has no build script, so nothing generates the Rust glue and the Go side \
         (for a #[g2r] trait, the C exports Go links against: without them `go build` fails with `undefined \
         reference to r2g_g2r_..`). Add `build.rs`: `fn main() {{ rust2go::Builder::new().with_go_src(\"./go\")\
         .with_regen_arg(rust2go::RegenArgs {{ src: \"./src/<idl>.rs\".into(), dst: \"./go/gen.go\".into(), \
         ..Default::default() }}).build(); }}` (for a Rust library that a Go program links: `without_main: true` \
         and `.generate_only()`), with `rust2go = {{ version = \"..\", features = [\"build\"] }}` in \
         [build-dependencies], and `pub mod binding {{ rust2go::r2g_include_binding!(); }}` in the IDL module"
    )
}

/// An IDL item inside an inline `mod` of the IDL file (`path`: the module path).
pub fn nested_idl_item(what: &str, path: &str) -> String {
    format!(
        "rust2go: {what} is inside `mod {path}`, but rust2go reads only the top level of an IDL file, so it would \
         not cross; move it to the top level (or make the module an IDL file of its own, with its own RegenArgs)"
    )
}

/// A rust2go method attribute written on something that is not a method.
pub fn misplaced_method_attr(name: &str, place: &str) -> String {
    format!("rust2go: `#[{name}]` is a method attribute, not a {place} attribute; put it on the methods that need it")
}

pub fn result_not_allowed_here(ty: &str) -> String {
    format!(
        "rust2go: `{ty}` is supported only as the whole result of a method (`fn f(..) -> Result<T, E>`), \
         not as a parameter, a field or inside another type"
    )
}

pub fn go_keyword(name: &str, what: &str) -> String {
    format!("rust2go: `{name}` is a Go keyword and cannot name a {what}; rename it")
}

/// A type name that no struct or enum of the file declares.
pub fn unknown_type(name: &str, used_in: &str, suggestion: Option<&str>) -> String {
    let hint = match suggestion {
        Some(s) => format!("; did you mean `{s}`?"),
        None => String::new(),
    };
    format!("rust2go: `{name}` (used in `{used_in}`) is not a struct or enum with #[derive(rust2go::R2G)] in this file{hint}")
}

/// A path to a type of another module or crate (`std::io::Error`) that the file does not declare.
pub fn foreign_type(path: &str, used_in: &str) -> String {
    format!(
        "rust2go: `{path}` (used in `{used_in}`) is not a struct or enum with #[derive(rust2go::R2G)] in this file: \
         types of other modules and crates cannot cross; declare one in this file (a `Result`'s error type: String or such a type)"
    )
}

/// A struct or enum of the file used by the IDL without `#[derive(R2G)]`.
pub fn missing_derive(name: &str, used_in: &str) -> String {
    format!("rust2go: `{name}` (used in `{used_in}`) needs #[derive(rust2go::R2G)]: add it to `{name}`'s declaration")
}

/// Two IDL names that the Go style turns into one Go name.
pub fn go_name_clash(first: &str, second: &str, go: &str, what: &str, style: &str) -> String {
    format!("rust2go: `{second}` and `{first}` ({what}) both become the Go name `{go}` in the {style} Go style; rename one of them")
}

/// An IDL name that the Go style turns into the name of a generated Go method.
pub fn go_name_reserved(name: &str, go: &str, what: &str, style: &str) -> String {
    format!("rust2go: `{name}` ({what}) becomes the Go name `{go}` in the {style} Go style, which the generated Go type already has as a method; rename it")
}

/// `str` or `[T]` written where only an owned type fits.
pub fn unsized_type(ty: &str, owned: &str) -> String {
    format!("rust2go: `{ty}` is supported only borrowed, as a whole parameter (`&{ty}`); here use `{owned}`")
}

// ---- Names and limits (check.rs) ------------------------------------------------------------

/// Go's predeclared identifiers: a package-level type of that name would shadow it in the
/// generated code, which uses them.
pub const GO_PREDECLARED: &[&str] = &[
    "any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64", "int", "int8",
    "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "true",
    "false", "iota", "nil", "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
    "max", "min", "new", "panic", "print", "println", "real", "recover",
];
/// Package-level Go names a type or trait cannot take: what gen.go imports (`C`, packages) or
/// declares itself besides the `r2g`-prefixed helpers, and the names Go reserves for functions.
pub const GO_FILE_NAMES: &[&str] = &[
    "C", "context", "errors", "fmt", "math", "runtime", "cgo", "debug", "sync", "atomic", "unsafe", "init", "main",
    "RustPanic",
];
/// Locals and parameters of the generated Go functions that name user types (converters,
/// encoders, exports, ...), plus `a<N>` and `p<N>`: a type of that name would be shadowed there.
pub const GO_LOCALS: &[&str] = &[
    "args", "b", "c", "ch", "complete", "ctx", "e", "end", "err", "h", "hd", "i", "k", "ks", "m", "mem", "n", "ok",
    "out", "p", "plain", "ptr", "q", "r", "s", "sc", "sl", "slot", "status", "v", "vs", "x", "y",
];

/// Whether a Go type name would be shadowed by a local of the generated code.
pub fn is_go_local(name: &str) -> bool {
    let numbered = |p: &str| name.strip_prefix(p).is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    GO_LOCALS.contains(&name) || numbered("a") || numbered("p")
}

pub fn go_local(name: &str, what: &str) -> String {
    format!("rust2go: `{name}` names a local variable in the generated Go and cannot name a {what}; rename it")
}

/// Type names of the IDL itself: a declared type of that name would never be referred to.
pub const IDL_TYPE_NAMES: &[&str] =
    &["String", "Vec", "Option", "Box", "HashMap", "BTreeMap", "Result", "char", "str", "Self"];
/// Methods generated on Go types; no field may take their names.
pub const GO_TYPE_METHODS: &[&str] = &["Clone", "Error"];

/// The deepest type nesting accepted (`Vec<Option<..>>`, 64 levels). Generated helper code grows
/// with the square of the depth, and the parser recurses per level.
pub const MAX_NESTING: usize = 64;
/// The deepest bracket and `<..>` nesting of the tokens of an item the parser accepts (the
/// item's own braces and parentheses included): a bound on the parser's recursion.
pub const MAX_TOKEN_NESTING: usize = MAX_NESTING + 16;
/// The largest value (in Go's layout, mostly fixed-size arrays) a type may describe: 1 GiB.
pub const MAX_VALUE_SIZE: u64 = 1 << 30;

pub fn raw_identifier(name: &str) -> String {
    format!("rust2go: raw identifiers (`{name}`) are not supported; the name must be an ordinary identifier in Rust and in Go")
}

pub fn go_predeclared(name: &str, what: &str) -> String {
    format!("rust2go: `{name}` is predeclared in Go (or named by the generated file) and cannot name a {what}; rename it")
}

pub fn idl_type_name(name: &str) -> String {
    format!("rust2go: `{name}` is a type of the IDL itself and cannot name a struct or enum; rename it")
}

pub fn reserved_name(name: &str) -> String {
    format!("rust2go: the name `{name}` is reserved for generated code; rename it")
}

pub fn reserved_prefix(name: &str, prefix: &str) -> String {
    format!("rust2go: `{name}` starts with `{prefix}`, which is reserved for the names of generated types and helpers; rename it")
}

pub fn field_is_method(name: &str, ty: &str) -> String {
    format!("rust2go: a field cannot be named `{name}`: the generated Go type `{ty}` has a method `{name}()`; rename it")
}

pub fn declared_twice(what: &str, name: &str, place: &str) -> String {
    format!("rust2go: {what} `{name}` is declared twice in {place}")
}

pub fn go_name_taken(go: &str, this: &str, other: &str) -> String {
    format!("rust2go: the Go name `{go}` of {this} is also the Go name of {other}; rename one of them")
}

pub fn mangle_clash(a: &str, b: &str, go: &str) -> String {
    format!("rust2go: the types `{a}` and `{b}` would share the generated Go name `{go}`; rename the struct or enum, or wrap the tuple in a struct")
}

pub fn go_recursive(name: &str, path: &str) -> String {
    format!(
        "rust2go: `{name}` contains itself by value in Go ({path}); `Box<T>` is the value `T` in Go: \
         use `Option<Box<T>>` or `Vec<T>` for a recursive type"
    )
}

pub fn too_deep(limit: usize) -> String {
    format!("rust2go: the type is nested deeper than {limit} levels; flatten it with a named struct")
}

pub fn too_large(ty: &str, limit: u64) -> String {
    format!("rust2go: a value of `{ty}` would take more than {limit} bytes; use a `Vec` for large sequences")
}

pub const BAD_DISCRIMINANT: &str = "rust2go: enum discriminants must be integer literals between -9223372036854775808 and 9223372036854775807";

pub fn discriminant_overflow(variant: &str) -> String {
    format!("rust2go: the implicit discriminant of `{variant}` overflows i64 (the previous one is 9223372036854775807)")
}

pub fn discriminant_twice(value: i64, variant: &str, other: &str) -> String {
    format!("rust2go: discriminant value {value} of `{variant}` is already assigned to `{other}`")
}

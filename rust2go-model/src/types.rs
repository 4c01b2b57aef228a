//! The typed model of an IDL file.

use proc_macro2::Span;

/// A scalar that crosses as itself (in C, Go and the result buffer).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Prim {
    Bool,
    I8,
    I16,
    I32,
    I64,
    Isize,
    U8,
    U16,
    U32,
    U64,
    Usize,
    F32,
    F64,
}

impl Prim {
    pub const ALL: [Prim; 13] = [
        Prim::Bool,
        Prim::I8,
        Prim::I16,
        Prim::I32,
        Prim::I64,
        Prim::Isize,
        Prim::U8,
        Prim::U16,
        Prim::U32,
        Prim::U64,
        Prim::Usize,
        Prim::F32,
        Prim::F64,
    ];

    pub fn from_rust(name: &str) -> Option<Prim> {
        Prim::ALL.into_iter().find(|p| p.rust() == name)
    }

    pub fn rust(self) -> &'static str {
        match self {
            Prim::Bool => "bool",
            Prim::I8 => "i8",
            Prim::I16 => "i16",
            Prim::I32 => "i32",
            Prim::I64 => "i64",
            Prim::Isize => "isize",
            Prim::U8 => "u8",
            Prim::U16 => "u16",
            Prim::U32 => "u32",
            Prim::U64 => "u64",
            Prim::Usize => "usize",
            Prim::F32 => "f32",
            Prim::F64 => "f64",
        }
    }

    pub fn go(self) -> &'static str {
        match self {
            Prim::Bool => "bool",
            Prim::I8 => "int8",
            Prim::I16 => "int16",
            Prim::I32 => "int32",
            Prim::I64 => "int64",
            Prim::Isize => "int",
            Prim::U8 => "uint8",
            Prim::U16 => "uint16",
            Prim::U32 => "uint32",
            Prim::U64 => "uint64",
            Prim::Usize => "uint",
            Prim::F32 => "float32",
            Prim::F64 => "float64",
        }
    }

    /// The C type of the value as it crosses the cgo boundary. `bool` crosses as a byte
    /// (Rust guarantees 0 or 1, Go reads `!= 0`).
    pub fn c(self) -> &'static str {
        match self {
            Prim::Bool => "uint8_t",
            Prim::I8 => "int8_t",
            Prim::I16 => "int16_t",
            Prim::I32 => "int32_t",
            Prim::I64 => "int64_t",
            Prim::Isize => "intptr_t",
            Prim::U8 => "uint8_t",
            Prim::U16 => "uint16_t",
            Prim::U32 => "uint32_t",
            Prim::U64 => "uint64_t",
            Prim::Usize => "uintptr_t",
            Prim::F32 => "float",
            Prim::F64 => "double",
        }
    }

    /// The Rust type of the C view (what the `extern "C"` declaration uses).
    pub fn rust_view(self) -> &'static str {
        match self {
            Prim::Bool => "u8",
            p => p.rust(),
        }
    }

    /// Size in bytes (64-bit targets; rust2go supports 64-bit targets only).
    pub fn size(self) -> usize {
        match self {
            Prim::Bool | Prim::I8 | Prim::U8 => 1,
            Prim::I16 | Prim::U16 => 2,
            Prim::I32 | Prim::U32 | Prim::F32 => 4,
            _ => 8,
        }
    }

    /// A name fragment for generated helper names.
    pub fn mangle(self) -> &'static str {
        self.rust()
    }
}

/// Which Rust map type a `Map` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MapKind {
    Hash,
    BTree,
}

/// A type the IDL supports.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    Prim(Prim),
    /// `char` → Go `rune`.
    Char,
    String,
    Vec(Box<Type>),
    /// `[T; N]` → Go `[N]T`.
    Array(Box<Type>, usize),
    /// `Option<T>` → Go `*T` (nil = `None`).
    Option(Box<Type>),
    /// `Box<T>` → Go `T`.
    Boxed(Box<Type>),
    /// `HashMap<K, V>` / `BTreeMap<K, V>` → Go `map[K]V`.
    Map(MapKind, Box<Type>, Box<Type>),
    /// `(A, B, ..)` → a generated Go struct `Tuple_A_B` with fields `_0`, `_1`, ...
    Tuple(Vec<Type>),
    /// A struct or enum declared with `#[derive(R2G)]`, by name.
    Named(String),
}

impl Type {
    pub fn is_prim(&self) -> bool {
        matches!(self, Type::Prim(_))
    }

    /// Crosses as itself (no view arrays, no arena): scalars and `char`.
    pub fn is_scalar(&self) -> bool {
        matches!(self, Type::Prim(_) | Type::Char)
    }

    /// Whether Go can see a sequence of this type as a slice over the Rust memory
    /// (identical element layout on both sides).
    pub fn is_plain_elem(&self) -> bool {
        self.is_scalar()
    }

    /// A stable identifier fragment, unique per type, for helper names.
    pub fn mangle(&self) -> String {
        match self {
            Type::Prim(p) => p.mangle().to_string(),
            Type::Char => "char".into(),
            Type::String => "String".into(),
            Type::Vec(t) => format!("Vec_{}", t.mangle()),
            Type::Array(t, n) => format!("Array{n}_{}", t.mangle()),
            Type::Option(t) => format!("Option_{}", t.mangle()),
            Type::Boxed(t) => format!("Box_{}", t.mangle()),
            Type::Map(k, a, b) => format!("{}_{}_{}", if *k == MapKind::Hash { "HashMap" } else { "BTreeMap" }, a.mangle(), b.mangle()),
            Type::Tuple(ts) => format!("Tuple_{}", ts.iter().map(Type::mangle).collect::<Vec<_>>().join("_")),
            Type::Named(n) => n.clone(),
        }
    }

    /// The type as written in Rust (relative to the IDL module).
    pub fn rust(&self) -> String {
        match self {
            Type::Prim(p) => p.rust().into(),
            Type::Char => "char".into(),
            Type::String => "String".into(),
            Type::Vec(t) => format!("Vec<{}>", t.rust()),
            Type::Array(t, n) => format!("[{}; {n}]", t.rust()),
            Type::Option(t) => format!("Option<{}>", t.rust()),
            Type::Boxed(t) => format!("Box<{}>", t.rust()),
            Type::Map(k, a, b) => {
                format!("{}<{}, {}>", if *k == MapKind::Hash { "HashMap" } else { "BTreeMap" }, a.rust(), b.rust())
            }
            Type::Tuple(ts) => format!("({},)", ts.iter().map(Type::rust).collect::<Vec<_>>().join(", ")),
            Type::Named(n) => n.clone(),
        }
    }

    /// The Go spelling.
    pub fn go(&self) -> String {
        match self {
            Type::Prim(p) => p.go().into(),
            Type::Char => "rune".into(),
            Type::String => "string".into(),
            Type::Vec(t) => format!("[]{}", t.go()),
            Type::Array(t, n) => format!("[{n}]{}", t.go()),
            Type::Option(t) => format!("*{}", t.go()),
            Type::Boxed(t) => t.go(),
            Type::Map(_, a, b) => format!("map[{}]{}", a.go(), b.go()),
            Type::Tuple(_) => self.mangle(),
            Type::Named(n) => n.clone(),
        }
    }

    /// Levels of nesting: 1 for a scalar, a string or a named type, `Vec<u8>` 2, ...
    pub fn depth(&self) -> usize {
        1 + self.children().into_iter().map(Type::depth).max().unwrap_or(0)
    }

    /// The direct children of this type.
    pub fn children(&self) -> Vec<&Type> {
        match self {
            Type::Vec(t) | Type::Array(t, _) | Type::Option(t) | Type::Boxed(t) => vec![t],
            Type::Map(_, a, b) => vec![a, b],
            Type::Tuple(ts) => ts.iter().collect(),
            _ => vec![],
        }
    }

    /// Every type reachable from this one (itself included), depth first, children first.
    /// Does not enter named types.
    pub fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Type)) {
        for c in self.children() {
            c.visit(f);
        }
        f(self);
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub ty: Type,
    /// The field's type.
    pub span: Span,
    /// The `///` doc comment, lines joined with `\n` (empty without one).
    pub doc: String,
    /// The field's name.
    pub name_span: Span,
}

#[derive(Clone, Debug)]
pub struct StructDef {
    pub name: String,
    pub fields: Vec<Field>,
    pub span: Span,
    /// The `///` doc comment.
    pub doc: String,
}

/// The fields of an enum variant.
#[derive(Clone, Debug)]
pub enum VariantFields {
    Unit,
    /// `V { a: T }`
    Named(Vec<Field>),
    /// `V(T, U)`: fields named `_0`, `_1`, ... in Go.
    Tuple(Vec<Type>),
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub name: String,
    pub fields: VariantFields,
    /// The discriminant (explicit or implicit); meaningful for fieldless enums.
    pub discriminant: i64,
    /// The `///` doc comment.
    pub doc: String,
    /// The variant's name.
    pub span: Span,
}

impl Variant {
    /// The variant's fields as (Rust name or index, Go name, type).
    pub fn field_list(&self) -> Vec<(String, String, &Type)> {
        match &self.fields {
            VariantFields::Unit => vec![],
            VariantFields::Named(fs) => fs.iter().map(|f| (f.name.clone(), f.name.clone(), &f.ty)).collect(),
            VariantFields::Tuple(ts) => ts.iter().enumerate().map(|(i, t)| (format!("{i}"), format!("_{i}"), t)).collect(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct EnumDef {
    pub name: String,
    pub variants: Vec<Variant>,
    pub span: Span,
    /// The `///` doc comment.
    pub doc: String,
}

impl EnumDef {
    /// No variant carries data: a Go named integer type with constants.
    pub fn is_fieldless(&self) -> bool {
        self.variants.iter().all(|v| matches!(v.fields, VariantFields::Unit))
    }

    /// A fieldless enum whose discriminants do not all fit in `int32`: Go `int64`.
    pub fn is_wide(&self) -> bool {
        self.variants.iter().any(|v| i32::try_from(v.discriminant).is_err())
    }
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub ty: Type,
    /// `&T` in the Rust signature (borrowed) rather than `T` (owned).
    pub by_ref: bool,
    /// `&str` or `&[T]` in the Rust signature: `ty` is `String` or `Vec<T>` and `by_ref` is
    /// set, so the parameter crosses exactly as `&String` / `&Vec<T>` would (same view, zero
    /// copy); only the glue's signature spells the unsized type.
    pub unsized_ref: bool,
    /// `Some(trait)` for a Go object of an object trait (`&Self`, `&<Trait>Impl`): it crosses
    /// as its handle id, and `ty` is `u64`.
    pub handle: Option<String>,
    /// The whole parameter (`name: Type`).
    pub span: Span,
    /// The parameter's name.
    pub name_span: Span,
    /// The parameter's type (after the `&` of a borrowed one).
    pub ty_span: Span,
}

/// How a method returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// `fn f(..) -> T`: the caller blocks until Go returns.
    Sync,
    /// `async fn f(..) -> T` or `fn f(..) -> impl Future<Output = T>`.
    Async,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MethodAttrs {
    /// `#[go_pass_struct]`: Go receives parameters by value rather than by pointer.
    pub go_pass_struct: bool,
    /// `#[drop_safe]`: parameters are owned by the call until Go is done.
    pub drop_safe: bool,
    /// `#[drop_safe_ret]`: as `drop_safe`, and the parameters are handed back.
    pub drop_safe_ret: bool,
    /// `#[send]`: the future is `Send + Sync`.
    pub send: bool,
    /// `#[go_context]`: the Go method takes a `context.Context` first, cancelled when the Rust
    /// future is dropped before Go is done.
    pub go_context: bool,
    /// `#[go_inline]`: the Go handler runs on the calling thread when the method is called, as
    /// a sync call does, and the future it returns is already complete. For handlers that
    /// never block: it saves the two thread wake-ups of an async round trip.
    pub go_inline: bool,
    /// `#[mem]` (aliases `#[shm]`, `#[mem_call]`): the call travels through the trait's
    /// shared-memory queues instead of one cgo call (async methods of `#[r2g]` traits, and sync ones without a result: one-way calls).
    pub mem: bool,
    /// `#[cgo]`: every call of this async method is one cgo call into its Go export, its
    /// handler on the Go worker pool, even where the trait's ring could carry it.
    pub cgo: bool,
}

/// How the calls of a method reach Go, decided once by the parser ([`Method::transport`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Transport {
    /// One cgo call into the method's Go export per call: sync methods, `#[cgo]`,
    /// `#[go_inline]`, `#[go_context]`, methods with Go objects, `#[g2r]` methods.
    #[default]
    Export,
    /// `#[mem]`: the trait's shared-memory ring, on every target (a compile error where the
    /// ring does not exist, see [`crate::SHM_CFG`]).
    Mem,
    /// The default of the other async methods of `#[r2g]` traits: the ring where it exists
    /// (`SHM_CFG`), the export elsewhere. Both sides generate both.
    Ring,
}

#[derive(Clone, Debug)]
pub struct Method {
    pub name: String,
    pub params: Vec<Param>,
    /// The result (`T` of `-> T` or of `-> Result<T, E>`); `None` for `()`.
    pub ret: Option<Type>,
    /// `Some(E)` when the method returns `Result<_, E>`.
    pub err: Option<Type>,
    pub flavor: Flavor,
    /// `fn f() -> impl Future<..>` rather than `async fn f()`.
    pub returns_impl_future: bool,
    pub attrs: MethodAttrs,
    /// The method's `#[cfg(..)]` predicate, if any.
    pub cfg: Option<crate::cfg::CfgExpr>,
    /// `&self`: a method of one Go object (its handle id crosses first).
    pub receiver: bool,
    /// `Some(trait)` when the result (`T` of `-> T` or `-> Result<T, E>`) is a Go object of an
    /// object trait (`Self`, `<Trait>Impl`): it crosses as its handle id, and `ret` is `u64`.
    pub ret_handle: Option<String>,
    /// How its calls reach Go. Final in a file's model; in a trait parsed alone (the macros),
    /// a parameter that is an object of another trait is not known to be one yet.
    pub transport: Transport,
    pub span: Span,
    /// The `///` doc comment.
    pub doc: String,
}

impl Method {
    /// Whether calls travel through the trait's ring (`#[mem]`, or by default where it exists).
    pub fn rides_ring(&self) -> bool {
        self.transport != Transport::Export
    }

    /// Whether the method has a Go export (`#[mem]` methods have none; default ring methods
    /// keep theirs for targets without the ring).
    pub fn has_export(&self) -> bool {
        self.transport != Transport::Mem
    }

    /// A constructor: no `&self`, returns an object of its own trait.
    pub fn is_constructor(&self, trait_name: &str) -> bool {
        !self.receiver && self.ret_handle.as_deref() == Some(trait_name)
    }

    /// Whether Go runs the handler on its own goroutine and completes the call later through
    /// the completion callback (async methods, except `#[go_inline]` ones, which cross like a
    /// sync call).
    pub fn completes_later(&self) -> bool {
        self.flavor == Flavor::Async && !self.attrs.go_inline
    }
}

/// Which side implements a trait.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    /// `#[r2g]`: Rust calls, Go implements.
    #[default]
    RustToGo,
    /// `#[g2r]`: Go calls, Rust implements.
    GoToRust,
}

#[derive(Clone, Debug)]
pub struct TraitDef {
    pub name: String,
    pub direction: Direction,
    pub methods: Vec<Method>,
    /// The module that includes the generated Rust glue (`binding` unless overridden).
    pub binding: String,
    /// Entries of each shared-memory queue of the trait (`queue_size = N`), a power of two.
    pub queue_size: u32,
    /// The trait's `#[cfg(..)]` predicate, if any.
    pub cfg: Option<crate::cfg::CfgExpr>,
    pub span: Span,
    /// The `///` doc comment.
    pub doc: String,
}

impl TraitDef {
    /// An object trait (`&self` methods and constructors): Go objects held by Rust handles
    /// (`#[r2g]`), or Rust objects held by Go (`#[g2r(object = T)]`).
    pub fn is_object(&self) -> bool {
        self.methods.iter().any(|m| m.receiver || m.is_constructor(&self.name))
    }

    /// The Go export that releases one object of an object trait.
    pub fn release_symbol(&self) -> String {
        format!("r2g_obj_release_{}", self.name)
    }

    /// The Rust export that drops one object of a `#[g2r]` object trait (the `r2g` prefix of
    /// its last part is reserved, so no method's symbol is the same).
    pub fn drop_symbol(&self) -> String {
        format!("r2g_g2r_{}_r2g_drop", self.name)
    }

    /// Whether any method travels through the trait's shared-memory ring (so the trait has a
    /// queue, started by its first call).
    pub fn has_ring(&self) -> bool {
        self.methods.iter().any(Method::rides_ring)
    }

    /// Whether any method is explicitly `#[mem]` (so the trait needs the ring's platforms).
    pub fn has_explicit_mem(&self) -> bool {
        self.methods.iter().any(|m| m.transport == Transport::Mem)
    }

    /// The Go export that starts the shared-memory poller of this trait.
    pub fn shm_start_symbol(&self) -> String {
        format!("r2g_shm_start_{}", self.name)
    }

    /// The C symbol of the Go export behind a method. Includes the trait, so methods of the
    /// same name in two traits never collide.
    pub fn symbol(&self, method: &Method) -> String {
        match self.direction {
            Direction::RustToGo => format!("r2g_{}_{}", self.name, method.name),
            Direction::GoToRust => format!("r2g_g2r_{}_{}", self.name, method.name),
        }
    }

    /// The Go export completing async g2r calls of this trait.
    pub fn g2r_complete_symbol(&self) -> String {
        format!("r2g_g2r_{}_complete", self.name)
    }
}

/// The largest inline buffer of a ring call's area (`rust2go::runtime::RESULT_INLINE`).
pub const RING_INLINE_MAX: usize = 256;

/// A parsed, validated IDL file.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub structs: Vec<StructDef>,
    pub enums: Vec<EnumDef>,
    pub traits: Vec<TraitDef>,
    /// Items under `#[cfg]` an evaluating parse left out, and kept fields and variants under
    /// one (see [`crate::cfg::CfgDecision`]); empty when every item is included.
    pub cfg_decisions: Vec<crate::cfg::CfgDecision>,
}

/// A named type's definition.
#[derive(Clone, Copy, Debug)]
pub enum NamedDef<'a> {
    Struct(&'a StructDef),
    Enum(&'a EnumDef),
}

impl Model {
    pub fn find_struct(&self, name: &str) -> Option<&StructDef> {
        self.structs.iter().find(|s| s.name == name)
    }

    pub fn find_enum(&self, name: &str) -> Option<&EnumDef> {
        self.enums.iter().find(|s| s.name == name)
    }

    pub fn find_named(&self, name: &str) -> Option<NamedDef<'_>> {
        self.find_struct(name).map(NamedDef::Struct).or_else(|| self.find_enum(name).map(NamedDef::Enum))
    }

    /// The types directly inside a named type (its fields, or its variants' fields).
    pub fn named_fields(&self, name: &str) -> Vec<&Type> {
        match self.find_named(name) {
            Some(NamedDef::Struct(s)) => s.fields.iter().map(|f| &f.ty).collect(),
            Some(NamedDef::Enum(e)) => e.variants.iter().flat_map(|v| v.field_list().into_iter().map(|(_, _, t)| t)).collect(),
            None => vec![],
        }
    }

    /// Whether a value of the named type may contain another value of the same type (through
    /// any field, `Box`, `Option`, `Vec`, ...): its depth is then unbounded by the type.
    pub fn is_recursive(&self, name: &str) -> bool {
        let mut seen: Vec<&str> = Vec::new();
        let mut todo: Vec<&str> = vec![name];
        while let Some(n) = todo.pop() {
            for t in self.named_fields(n) {
                t.visit(&mut |t| {
                    if let Type::Named(m) = t {
                        if !seen.contains(&m.as_str()) {
                            seen.push(m);
                            todo.push(m);
                        }
                    }
                });
            }
        }
        seen.contains(&name)
    }

    /// The most bytes the flat format (`ToFlat` / `FromGo` in the runtime) of a `ty` value
    /// can take, when the type bounds it; `None` for strings, sequences, maps, enums and
    /// recursive types. Sizes the request area of a ring call: a bound that is too small only
    /// costs an allocation (the runtime falls back to a separate buffer), never correctness.
    pub fn flat_bound(&self, ty: &Type) -> Option<usize> {
        match ty {
            Type::Prim(Prim::Bool | Prim::I8 | Prim::U8) => Some(1),
            Type::Prim(Prim::I16 | Prim::U16) => Some(2),
            Type::Prim(Prim::I32 | Prim::U32 | Prim::F32) | Type::Char => Some(4),
            Type::Prim(Prim::I64 | Prim::U64 | Prim::F64 | Prim::Isize | Prim::Usize) => Some(8),
            Type::String | Type::Vec(_) | Type::Map(..) => None,
            Type::Array(t, n) => self.flat_bound(t)?.checked_mul(*n),
            Type::Option(t) => self.flat_bound(t)?.checked_add(1),
            Type::Boxed(t) => self.flat_bound(t),
            Type::Tuple(ts) => ts.iter().try_fold(0usize, |sum, t| sum.checked_add(self.flat_bound(t)?)),
            Type::Named(n) => match self.find_named(n) {
                Some(NamedDef::Struct(s)) if !self.is_recursive(n) => {
                    s.fields.iter().try_fold(0usize, |sum, f| sum.checked_add(self.flat_bound(&f.ty)?))
                }
                _ => None,
            },
        }
    }

    /// Bytes of the inline buffer of a ring call's area: it holds the encoded arguments, then
    /// the result, so it takes the larger of the two bounds (rounded up to 8 bytes), or
    /// [`RING_INLINE_MAX`] when either is unbounded or larger. A small area keeps the call's
    /// completion slot small, which is what the allocator serves fastest.
    pub fn ring_inline(&self, m: &Method) -> usize {
        let args = m.params.iter().try_fold(0usize, |sum, p| sum.checked_add(self.flat_bound(&p.ty)?));
        let result = match (m.flavor, &m.ret, &m.err) {
            (Flavor::Sync, ..) | (_, None, None) => Some(0),
            (_, Some(t), None) => self.flat_bound(t),
            // A tag byte, then the value or the error.
            (_, t, Some(e)) => {
                let ok = t.as_ref().map_or(Some(0), |t| self.flat_bound(t));
                ok.zip(self.flat_bound(e)).map(|(a, b)| 1 + a.max(b))
            }
        };
        match args.zip(result) {
            Some((a, r)) if a.max(r) <= RING_INLINE_MAX => a.max(r).max(8).div_ceil(8) * 8,
            _ => RING_INLINE_MAX,
        }
    }

    /// Structs ordered so that every struct comes after the structs it embeds by value
    /// (C needs a complete type before it is used as a field).
    pub fn structs_in_dependency_order(&self) -> Vec<&StructDef> {
        let mut done: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        fn visit<'a>(m: &'a Model, s: &'a StructDef, done: &mut Vec<&'a str>, out: &mut Vec<&'a StructDef>) {
            if done.contains(&s.name.as_str()) {
                return;
            }
            done.push(&s.name);
            for f in &s.fields {
                if let Type::Named(n) = &f.ty {
                    if let Some(dep) = m.find_struct(n) {
                        visit(m, dep, done, out);
                    }
                }
            }
            out.push(s);
        }
        for s in &self.structs {
            visit(self, s, &mut done, &mut out);
        }
        out
    }

    /// Layout facts: whether Go reads the C view of `ty` **in place**, as the Go type itself.
    ///
    /// The Rust runtime builds every view in Go's memory layout where one exists: a `string`
    /// is `{ptr, len}`, a slice `{ptr, len, cap}`, `*T` a pointer, `[N]T` N inline elements,
    /// `int`/`uint` are 64-bit (the supported targets), `bool` a byte, and a Go struct of such
    /// fields has the C layout of a `#[repr(C)]` struct of the same fields (Go's alignment rules
    /// equal C's for these types). Not in place: maps and enums with data (Go maps and
    /// interfaces are not plain memory), zero-sized Go types (`struct{}`, `[0]T`: Go pads a
    /// trailing zero-sized field, C does not), and anything containing one of those. Go converts
    /// such a node into Go memory, and takes the in-place parts below it as they are.
    pub fn in_place(&self, ty: &Type) -> bool {
        self.in_place_inner(ty, &mut Vec::new())
    }

    fn in_place_inner<'a>(&'a self, ty: &'a Type, visiting: &mut Vec<&'a str>) -> bool {
        match ty {
            Type::Prim(_) | Type::Char | Type::String => true,
            Type::Vec(t) | Type::Option(t) | Type::Boxed(t) => self.in_place_inner(t, visiting),
            Type::Array(t, n) => *n > 0 && self.in_place_inner(t, visiting),
            Type::Map(..) => false,
            Type::Tuple(ts) => ts.iter().all(|t| self.in_place_inner(t, visiting)),
            Type::Named(n) => match self.find_named(n) {
                Some(NamedDef::Enum(e)) => e.is_fieldless(),
                Some(NamedDef::Struct(s)) => {
                    // A type that refers to itself (through `Vec` or `Option`) is in place if
                    // everything else in it is.
                    if visiting.contains(&n.as_str()) {
                        return true;
                    }
                    visiting.push(n);
                    let ok = !s.fields.is_empty() && s.fields.iter().all(|f| self.in_place_inner(&f.ty, visiting));
                    visiting.pop();
                    ok
                }
                None => false,
            },
        }
    }
}

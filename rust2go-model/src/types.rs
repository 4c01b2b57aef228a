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

/// A type the IDL supports.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    Prim(Prim),
    String,
    Vec(Box<Type>),
    /// A struct declared with `#[derive(R2G)]`, by name.
    Struct(String),
}

impl Type {
    pub fn is_prim(&self) -> bool {
        matches!(self, Type::Prim(_))
    }

    /// Whether Go can see a `Vec` of this type as a slice over the Rust memory
    /// (identical element layout on both sides).
    pub fn is_plain_elem(&self) -> bool {
        self.is_prim()
    }

    /// A stable identifier fragment, unique per type, for helper names.
    pub fn mangle(&self) -> String {
        match self {
            Type::Prim(p) => p.mangle().to_string(),
            Type::String => "String".into(),
            Type::Vec(t) => format!("Vec_{}", t.mangle()),
            Type::Struct(n) => n.clone(),
        }
    }

    /// The type as written in Rust (relative to the IDL module).
    pub fn rust(&self) -> String {
        match self {
            Type::Prim(p) => p.rust().into(),
            Type::String => "String".into(),
            Type::Vec(t) => format!("Vec<{}>", t.rust()),
            Type::Struct(n) => n.clone(),
        }
    }

    pub fn go(&self) -> String {
        match self {
            Type::Prim(p) => p.go().into(),
            Type::String => "string".into(),
            Type::Vec(t) => format!("[]{}", t.go()),
            Type::Struct(n) => n.clone(),
        }
    }

    /// Every type reachable from this one (itself included), depth first, children first.
    pub fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Type)) {
        if let Type::Vec(t) = self {
            t.visit(f);
        }
        f(self);
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub ty: Type,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct StructDef {
    pub name: String,
    pub fields: Vec<Field>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub ty: Type,
    /// `&T` in the Rust signature (borrowed) rather than `T` (owned).
    pub by_ref: bool,
    pub span: Span,
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
}

#[derive(Clone, Debug)]
pub struct Method {
    pub name: String,
    pub params: Vec<Param>,
    pub ret: Option<Type>,
    pub flavor: Flavor,
    /// `fn f() -> impl Future<..>` rather than `async fn f()`.
    pub returns_impl_future: bool,
    pub attrs: MethodAttrs,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct TraitDef {
    pub name: String,
    pub methods: Vec<Method>,
    /// The module that includes the generated Rust glue (`binding` unless overridden).
    pub binding: String,
    pub span: Span,
}

impl TraitDef {
    /// The C symbol of the Go export behind a method. Includes the trait, so methods of the
    /// same name in two traits never collide.
    pub fn symbol(&self, method: &Method) -> String {
        format!("r2g_{}_{}", self.name, method.name)
    }
}

/// A parsed, validated IDL file.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub structs: Vec<StructDef>,
    pub traits: Vec<TraitDef>,
}

impl Model {
    pub fn find_struct(&self, name: &str) -> Option<&StructDef> {
        self.structs.iter().find(|s| s.name == name)
    }

    /// Every type used anywhere (fields, parameters, results), children before parents,
    /// without duplicates, in a deterministic order.
    pub fn all_types(&self) -> Vec<Type> {
        let mut out: Vec<Type> = Vec::new();
        let mut push = |t: &Type| {
            if !out.contains(t) {
                out.push(t.clone());
            }
        };
        for s in &self.structs {
            for f in &s.fields {
                f.ty.visit(&mut push);
            }
            push(&Type::Struct(s.name.clone()));
        }
        for t in &self.traits {
            for m in &t.methods {
                for p in &m.params {
                    p.ty.visit(&mut push);
                }
                if let Some(r) = &m.ret {
                    r.visit(&mut push);
                }
            }
        }
        out
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
                if let Type::Struct(n) = &f.ty {
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
}

//! The flat result format (rust2go::runtime, decode.rs) in Go: encoders of Go values into a
//! result buffer, and decoders of what Rust encoded (g2r results, `#[mem]` arguments).

use super::GoGen;
use rust2go_model::{NamedDef, Prim, Type};
use std::fmt::Write;

impl GoGen<'_> {
    /// An expression decoding a value of `ty` from the `*r2gReader` named `r`.
    pub(super) fn decode(&mut self, ty: &Type, r: &str) -> String {
        match ty {
            Type::Prim(p) => {
                if matches!(p, Prim::F32 | Prim::F64) {
                    self.uses_math = true;
                }
                match p {
                    Prim::Bool => format!("{r}.u8() != 0"),
                    Prim::I8 => format!("int8({r}.u8())"),
                    Prim::U8 => format!("{r}.u8()"),
                    Prim::I16 => format!("int16({r}.u16())"),
                    Prim::U16 => format!("{r}.u16()"),
                    Prim::I32 => format!("int32({r}.u32())"),
                    Prim::U32 => format!("{r}.u32()"),
                    Prim::I64 => format!("int64({r}.u64())"),
                    Prim::U64 => format!("{r}.u64()"),
                    Prim::Isize => format!("int({r}.u64())"),
                    Prim::Usize => format!("uint({r}.u64())"),
                    Prim::F32 => format!("math.Float32frombits({r}.u32())"),
                    Prim::F64 => format!("math.Float64frombits({r}.u64())"),
                }
            }
            Type::Char => format!("rune({r}.u32())"),
            Type::String => format!("{r}.str()"),
            Type::Vec(inner) if matches!(**inner, Type::Prim(Prim::U8)) => format!("{r}.bytes()"),
            Type::Boxed(inner) => self.decode(inner, r),
            _ => {
                let name = format!("r2gGet_{}", ty.mangle());
                self.decoder_fn(&name, ty);
                format!("{name}({r})")
            }
        }
    }

    fn decoder_fn(&mut self, name: &str, ty: &Type) {
        let ty = ty.clone();
        self.func(name, |g| {
            let go = ty.go();
            let mut f = format!("func {name}(r *r2gReader) {go} {{\n");
            match &ty {
                Type::Vec(inner) => {
                    let d = g.decode(inner, "r");
                    let _ = writeln!(f, "\tn := r.len()\n\tif n == 0 {{\n\t\treturn nil\n\t}}\n\tx := make({go}, n)");
                    let _ = writeln!(f, "\tfor i := range x {{\n\t\tx[i] = {d}\n\t}}\n\treturn x");
                }
                Type::Array(inner, _) => {
                    let d = g.decode(inner, "r");
                    let _ = writeln!(f, "\tvar x {go}\n\tfor i := range x {{\n\t\tx[i] = {d}\n\t}}\n\treturn x");
                }
                Type::Option(inner) => {
                    let d = g.decode(inner, "r");
                    let _ = writeln!(f, "\tif r.u8() == 0 {{\n\t\treturn nil\n\t}}\n\tx := {d}\n\treturn &x");
                }
                Type::Map(_, k, v) => {
                    let (dk, dv) = (g.decode(k, "r"), g.decode(v, "r"));
                    let _ = writeln!(f, "\tn := r.len()\n\tx := make({go}, n)\n\tfor i := 0; i < n; i++ {{\n\t\tk := {dk}\n\t\tx[k] = {dv}\n\t}}\n\treturn x");
                }
                Type::Tuple(ts) => {
                    let _ = writeln!(f, "\tvar x {go}");
                    for (i, t) in ts.iter().enumerate() {
                        let d = g.decode(t, "r");
                        let _ = writeln!(f, "\tx.{} = {d}", g.tuple_field(i));
                    }
                    f.push_str("\treturn x\n");
                }
                Type::Named(n) => match g.model.find_named(n) {
                    Some(NamedDef::Struct(s)) => {
                        let _ = writeln!(f, "\tvar x {go}");
                        for fl in &s.fields {
                            let d = g.decode(&fl.ty, "r");
                            let _ = writeln!(f, "\tx.{} = {d}", fl.name);
                        }
                        f.push_str("\treturn x\n");
                    }
                    Some(NamedDef::Enum(e)) => {
                        f.push_str("\tswitch tag := r.u32(); tag {\n");
                        for (tag, v) in e.variants.iter().enumerate() {
                            let _ = writeln!(f, "\tcase {tag}:");
                            if e.is_fieldless() {
                                let _ = writeln!(f, "\t\treturn {}{}", e.name, v.name);
                                continue;
                            }
                            let _ = writeln!(f, "\t\tvar x {}{}", e.name, v.name);
                            for (_, goname, t) in v.field_list() {
                                let d = g.decode(t, "r");
                                let _ = writeln!(f, "\t\tx.{goname} = {d}");
                            }
                            f.push_str("\t\treturn x\n");
                        }
                        let _ = writeln!(f, "\tdefault:\n\t\tpanic(fmt.Sprintf(\"rust2go: invalid {} tag %d\", tag))\n\t}}", e.name);
                    }
                    None => unreachable!("validated model"),
                },
                _ => unreachable!("decoded inline"),
            }
            f.push_str("}\n\n");
            f
        });
    }

    // ---- Go → result buffer --------------------------------------------------------------

    /// An expression appending the encoding of `x` (of type `ty`) to `$b`.
    pub(super) fn encode(&mut self, ty: &Type, x: &str) -> String {
        match ty {
            Type::Prim(p) => {
                if matches!(p, Prim::F32 | Prim::F64) {
                    self.uses_math = true;
                }
                encode_prim(*p, "$b", x)
            }
            Type::Char => format!("r2gPut32($b, uint32({x}))"),
            Type::String => format!("r2gPutStr($b, {x})"),
            Type::Vec(inner) if matches!(**inner, Type::Prim(Prim::U8)) => format!("append(r2gPutLen($b, len({x})), {x}...)"),
            Type::Vec(inner) if inner.is_plain_elem() => {
                let size = match &**inner {
                    Type::Prim(p) => p.size(),
                    _ => 4,
                };
                let first = self.first_fn(inner);
                format!("r2gPutRaw(r2gPutLen($b, len({x})), unsafe.Pointer({first}({x})), len({x})*{size})")
            }
            Type::Boxed(inner) => self.encode(inner, x),
            _ => {
                let name = format!("r2gPut_{}", ty.mangle());
                self.encoder_fn(&name, ty);
                format!("{name}($b, {x})")
            }
        }
    }

    /// `func r2gFirst_T(x []T) *T`: the address of the first element, nil when empty.
    fn first_fn(&mut self, elem: &Type) -> String {
        let name = format!("r2gFirst_{}", elem.mangle());
        let g = elem.go();
        self.func(&name, |_| {
            format!("func {name}(x []{g}) *{g} {{\n\tif len(x) == 0 {{\n\t\treturn nil\n\t}}\n\treturn &x[0]\n}}\n\n")
        });
        name
    }

    fn encoder_fn(&mut self, name: &str, ty: &Type) {
        let ty = ty.clone();
        self.func(name, |g| {
            let mut f = format!("func {name}(b []byte, x {}) []byte {{\n", ty.go());
            let line = |g: &mut Self, f: &mut String, indent: &str, t: &Type, x: &str| {
                let e = g.encode(t, x).replace("$b", "b");
                let _ = writeln!(f, "{indent}b = {e}");
            };
            match &ty {
                Type::Vec(inner) => {
                    f.push_str("\tb = r2gPutLen(b, len(x))\n\tfor i := range x {\n");
                    line(g, &mut f, "\t\t", inner, "x[i]");
                    f.push_str("\t}\n");
                }
                Type::Array(inner, _) => {
                    f.push_str("\tfor i := range x {\n");
                    line(g, &mut f, "\t\t", inner, "x[i]");
                    f.push_str("\t}\n");
                }
                Type::Option(inner) => {
                    f.push_str("\tif x == nil {\n\t\treturn r2gPut8(b, 0)\n\t}\n\tb = r2gPut8(b, 1)\n");
                    line(g, &mut f, "\t", inner, "*x");
                }
                Type::Map(_, k, v) => {
                    f.push_str("\tb = r2gPutLen(b, len(x))\n\tfor k, v := range x {\n");
                    line(g, &mut f, "\t\t", k, "k");
                    line(g, &mut f, "\t\t", v, "v");
                    f.push_str("\t}\n");
                }
                Type::Tuple(ts) => {
                    for (i, t) in ts.iter().enumerate() {
                        let x = format!("x.{}", g.tuple_field(i));
                        line(g, &mut f, "\t", t, &x);
                    }
                }
                Type::Named(n) => match g.model.find_named(n) {
                    Some(NamedDef::Struct(s)) => {
                        for fl in &s.fields {
                            line(g, &mut f, "\t", &fl.ty, &format!("x.{}", fl.name));
                        }
                    }
                    Some(NamedDef::Enum(e)) if e.is_fieldless() => {
                        f.push_str("\tswitch x {\n");
                        for (tag, v) in e.variants.iter().enumerate() {
                            let _ = writeln!(f, "\tcase {}{}:\n\t\treturn r2gPut32(b, {tag})", e.name, v.name);
                        }
                        let _ = writeln!(f, "\t}}\n\tpanic(fmt.Sprintf(\"rust2go: %d is not a valid {}\", x))", e.name);
                        f.push_str("}\n\n");
                        return f;
                    }
                    Some(NamedDef::Enum(e)) => {
                        f.push_str("\tswitch v := x.(type) {\n");
                        for (tag, var) in e.variants.iter().enumerate() {
                            for ptr in ["", "*"] {
                                let _ = writeln!(f, "\tcase {ptr}{}{}:\n\t\tb = r2gPut32(b, {tag})", e.name, var.name);
                                let fields = var.field_list();
                                if fields.is_empty() {
                                    f.push_str("\t\t_ = v\n");
                                }
                                for (_, go, t) in fields {
                                    line(g, &mut f, "\t\t", t, &format!("v.{go}"));
                                }
                            }
                        }
                        let _ = writeln!(
                            f,
                            "\tdefault:\n\t\tpanic(fmt.Sprintf(\"rust2go: %#v is not a valid {} (nil or a foreign type)\", x))\n\t}}",
                            e.name
                        );
                    }
                    None => unreachable!("validated model"),
                },
                _ => unreachable!("encoded inline"),
            }
            f.push_str("\treturn b\n}\n\n");
            f
        });
    }
}

fn encode_prim(p: Prim, b: &str, x: &str) -> String {
    match p {
        Prim::Bool => format!("r2gPutBool({b}, {x})"),
        Prim::I8 | Prim::U8 => format!("r2gPut8({b}, uint8({x}))"),
        Prim::I16 | Prim::U16 => format!("r2gPut16({b}, uint16({x}))"),
        Prim::I32 | Prim::U32 => format!("r2gPut32({b}, uint32({x}))"),
        Prim::F32 => format!("r2gPut32({b}, math.Float32bits({x}))"),
        Prim::F64 => format!("r2gPut64({b}, math.Float64bits({x}))"),
        Prim::I64 | Prim::U64 | Prim::Isize | Prim::Usize => format!("r2gPut64({b}, uint64({x}))"),
    }
}

//! The core guarantees of sync Rust → Go calls, checked against real Go code (`go/impl.go`):
//! zero-copy arguments, one allocation per call, every basic type with its edge values, no
//! dangling pointers for empty values, a clear panic for an unset `<Trait>Impl`, method names
//! shared by two traits, and concurrent calls. The tests are in `tests/`; this crate holds the
//! IDL and helpers they share.
pub mod idl;

use idl::*;

/// FNV-1a over bytes; Go computes the same (`fnvStr`, `fnvBytes` in `go/impl.go`).
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

/// `n` users with `tags` tags each, all strings distinct.
pub fn users(n: usize, tags: usize) -> Vec<User> {
    (0..n)
        .map(|i| User { name: format!("user-{i}-ü"), age: (i % 256) as u8, tags: (0..tags).map(|t| format!("tag-{i}-{t}")).collect() })
        .collect()
}

fn inner(i: usize) -> Inner {
    Inner { label: format!("inner {i} ✓"), words: (0..3).map(|w| format!("w{i}.{w}")).collect(), values: vec![i as f64, -0.5, f64::MAX] }
}

/// A `Nested` with every container filled.
pub fn nested() -> Nested {
    Nested {
        title: "nested 🦀".into(),
        lines: (0..10).map(|i| format!("line {i}")).collect(),
        blobs: vec![vec![], vec![0], (0..=255).collect(), vec![7; 1000]],
        users: users(5, 3),
        inner: inner(0),
        inners: (1..4).map(inner).collect(),
        grid: vec![vec![], vec!["a".into()], vec!["b".into(), "".into(), "ç".into()]],
    }
}

/// A `Nested` whose every string and vector is empty.
pub fn empty_nested() -> Nested {
    Nested {
        title: String::new(),
        lines: vec![],
        blobs: vec![],
        users: vec![],
        inner: Inner { label: String::new(), words: vec![], values: vec![] },
        inners: vec![],
        grid: vec![],
    }
}

/// Field-by-field equality with floats compared by their bits (NaN payloads, -0.0).
pub fn same_scalars(a: &Scalars, b: &Scalars) -> bool {
    a.v_i8 == b.v_i8
        && a.v_i16 == b.v_i16
        && a.v_i32 == b.v_i32
        && a.v_i64 == b.v_i64
        && a.v_u8 == b.v_u8
        && a.v_u16 == b.v_u16
        && a.v_u32 == b.v_u32
        && a.v_u64 == b.v_u64
        && a.v_isize == b.v_isize
        && a.v_usize == b.v_usize
        && a.v_f32.to_bits() == b.v_f32.to_bits()
        && a.v_f64.to_bits() == b.v_f64.to_bits()
        && a.v_bool == b.v_bool
}

/// Equality with floats compared by their bits.
pub fn same_scalar_vecs(a: &ScalarVecs, b: &ScalarVecs) -> bool {
    let f32s = |v: &[f32]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
    let f64s = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
    a.i8s == b.i8s
        && a.i16s == b.i16s
        && a.i32s == b.i32s
        && a.i64s == b.i64s
        && a.u8s == b.u8s
        && a.u16s == b.u16s
        && a.u32s == b.u32s
        && a.u64s == b.u64s
        && a.isizes == b.isizes
        && a.usizes == b.usizes
        && f32s(&a.f32s) == f32s(&b.f32s)
        && f64s(&a.f64s) == f64s(&b.f64s)
        && a.bools == b.bools
}

//! Every scalar and basic type both ways (argument and result) with its edge values: integer
//! bounds, NaN payloads, -0.0, infinities, empty and 1 MiB strings and vectors, unicode, invalid
//! UTF-8 from Go, and nested `Vec<String>`, `Vec<Vec<u8>>`, `Vec<Struct>`. Go echoes.

use rust2go_e2e::idl::*;
use rust2go_e2e::{empty_nested, nested, same_scalar_vecs, same_scalars, users};

#[test]
fn integers_by_value_keep_their_bounds() {
    for x in [i8::MIN, -1, 0, 1, i8::MAX] {
        assert_eq!(EchoImpl::echo_i8(x), x);
    }
    for x in [i16::MIN, -1, 0, 1, i16::MAX] {
        assert_eq!(EchoImpl::echo_i16(x), x);
    }
    for x in [i32::MIN, -1, 0, 1, i32::MAX] {
        assert_eq!(EchoImpl::echo_i32(x), x);
    }
    for x in [i64::MIN, -1, 0, 1, i64::MAX] {
        assert_eq!(EchoImpl::echo_i64(x), x);
    }
    for x in [0, 1, 0x7f, 0x80, u8::MAX] {
        assert_eq!(EchoImpl::echo_u8(x), x);
    }
    for x in [0, 1, 0x8000, u16::MAX] {
        assert_eq!(EchoImpl::echo_u16(x), x);
    }
    for x in [0, 1, 0x8000_0000, u32::MAX] {
        assert_eq!(EchoImpl::echo_u32(x), x);
    }
    for x in [0, 1, 1 << 63, u64::MAX] {
        assert_eq!(EchoImpl::echo_u64(x), x);
    }
    for x in [isize::MIN, -1, 0, isize::MAX] {
        assert_eq!(EchoImpl::echo_isize(x), x);
    }
    for x in [0, 1, usize::MAX] {
        assert_eq!(EchoImpl::echo_usize(x), x);
    }
    for x in [false, true] {
        assert_eq!(EchoImpl::echo_bool(x), x);
    }
}

const F32_BITS: [u32; 12] = [
    0x7fc0_0000, // NaN
    0xffc0_0000, // -NaN
    0x7fc1_2345, // quiet NaN with a payload
    0x0000_0000, // 0.0
    0x8000_0000, // -0.0
    0x7f80_0000, // inf
    0xff80_0000, // -inf
    0x0000_0001, // smallest subnormal
    0x8000_0001,
    0x0080_0000, // MIN_POSITIVE
    0x7f7f_ffff, // MAX
    0xff7f_ffff, // MIN
];

const F64_BITS: [u64; 12] = [
    0x7ff8_0000_0000_0000,
    0xfff8_0000_0000_0000,
    0x7ff8_dead_beef_0001,
    0,
    0x8000_0000_0000_0000,
    0x7ff0_0000_0000_0000,
    0xfff0_0000_0000_0000,
    1,
    0x8000_0000_0000_0001,
    0x0010_0000_0000_0000,
    0x7fef_ffff_ffff_ffff,
    0xffef_ffff_ffff_ffff,
];

#[test]
fn floats_keep_their_bits_both_ways() {
    for bits in F32_BITS {
        let x = f32::from_bits(bits);
        assert_eq!(EchoImpl::f32_bits(x), bits, "argument {bits:#x}");
        assert_eq!(EchoImpl::f32_from_bits(bits).to_bits(), bits, "result {bits:#x}");
        assert_eq!(EchoImpl::echo_f32(x).to_bits(), bits, "echo {bits:#x}");
    }
    for bits in F64_BITS {
        let x = f64::from_bits(bits);
        assert_eq!(EchoImpl::f64_bits(x), bits, "argument {bits:#x}");
        assert_eq!(EchoImpl::f64_from_bits(bits).to_bits(), bits, "result {bits:#x}");
        assert_eq!(EchoImpl::echo_f64(x).to_bits(), bits, "echo {bits:#x}");
    }
    let neg_zero = EchoImpl::echo_f64(-0.0);
    assert!(neg_zero == 0.0 && neg_zero.is_sign_negative());
    assert!(EchoImpl::echo_f32(f32::NAN).is_nan());
    assert_eq!(EchoImpl::echo_f64(f64::NEG_INFINITY), f64::NEG_INFINITY);
}

#[test]
fn signaling_nan_keeps_its_bits() {
    // Bits a float conversion through x87 or a widening would quiet.
    assert_eq!(EchoImpl::f32_bits(f32::from_bits(0x7f80_0001)), 0x7f80_0001);
    assert_eq!(EchoImpl::echo_f32(f32::from_bits(0x7fa0_0001)).to_bits(), 0x7fa0_0001);
    assert_eq!(EchoImpl::f64_bits(f64::from_bits(0x7ff0_0000_0000_0001)), 0x7ff0_0000_0000_0001);
    assert_eq!(EchoImpl::echo_f64(f64::from_bits(0x7ff4_0000_0000_0001)).to_bits(), 0x7ff4_0000_0000_0001);
}

fn scalars(i: usize) -> Scalars {
    let lo = i % 2 == 0;
    Scalars {
        v_i8: if lo { i8::MIN } else { i8::MAX },
        v_i16: if lo { i16::MIN } else { i16::MAX },
        v_i32: if lo { i32::MIN } else { i32::MAX },
        v_i64: if lo { i64::MIN } else { i64::MAX },
        v_u8: if lo { 0 } else { u8::MAX },
        v_u16: if lo { 0 } else { u16::MAX },
        v_u32: if lo { 0 } else { u32::MAX },
        v_u64: if lo { 0 } else { u64::MAX },
        v_isize: if lo { isize::MIN } else { isize::MAX },
        v_usize: if lo { 0 } else { usize::MAX },
        v_f32: f32::from_bits(F32_BITS[i % F32_BITS.len()]),
        v_f64: f64::from_bits(F64_BITS[i % F64_BITS.len()]),
        v_bool: !lo,
    }
}

#[test]
fn scalar_struct_round_trips_on_every_result_path() {
    for i in 0..F32_BITS.len() {
        let x = scalars(i);
        let by_ref = EchoImpl::echo_scalars(&x);
        assert!(same_scalars(&by_ref, &x), "by ref: {by_ref:?} != {x:?}");
        let by_value = EchoImpl::echo_scalars_by_value(x);
        assert!(same_scalars(&by_value, &x), "by value: {by_value:?} != {x:?}");
        let result = EchoImpl::echo_scalars_result(&x).expect("Ok");
        assert!(same_scalars(&result, &x), "Result: {result:?} != {x:?}");
    }
}

#[test]
fn vectors_of_every_scalar_round_trip() {
    let full = ScalarVecs {
        i8s: vec![i8::MIN, -1, 0, i8::MAX],
        i16s: vec![i16::MIN, 0, i16::MAX],
        i32s: vec![i32::MIN, 0, i32::MAX],
        i64s: vec![i64::MIN, 0, i64::MAX],
        u8s: (0..=255).collect(),
        u16s: vec![0, u16::MAX],
        u32s: vec![0, u32::MAX],
        u64s: vec![0, u64::MAX],
        isizes: vec![isize::MIN, isize::MAX],
        usizes: vec![0, usize::MAX],
        f32s: F32_BITS.iter().map(|b| f32::from_bits(*b)).collect(),
        f64s: F64_BITS.iter().map(|b| f64::from_bits(*b)).collect(),
        bools: vec![true, false, true],
    };
    let back = EchoImpl::echo_scalar_vecs(&full);
    assert!(same_scalar_vecs(&back, &full), "{back:?}");
    let empty = ScalarVecs {
        i8s: vec![],
        i16s: vec![],
        i32s: vec![],
        i64s: vec![],
        u8s: vec![],
        u16s: vec![],
        u32s: vec![],
        u64s: vec![],
        isizes: vec![],
        usizes: vec![],
        f32s: vec![],
        f64s: vec![],
        bools: vec![],
    };
    assert_eq!(EchoImpl::echo_scalar_vecs(&empty), empty);
    let big = ScalarVecs { u64s: (0..1 << 17).collect(), f64s: (0..1 << 17).map(|i| i as f64 / 3.0).collect(), ..empty.clone() };
    assert_eq!(EchoImpl::echo_scalar_vecs(&big), big, "1 MiB vectors");
}

#[test]
fn strings_round_trip() {
    let cases = [
        String::new(),
        "a".into(),
        "nul \0 inside".into(),
        "é ß 中文 𝄞 🦀 👩‍👩‍👧".into(),
        "\u{10FFFF}\u{FEFF}".into(),
        "🦀".repeat(1 << 18),
        "x".repeat(1 << 20),
    ];
    for s in &cases {
        assert_eq!(&EchoImpl::echo_string(s), s);
    }
}

#[test]
fn go_sees_unicode_as_utf8() {
    for s in ["", "ascii", "é", "中文", "🦀", "👩‍👩‍👧", "a\u{10FFFF}b"] {
        let info = EchoImpl::string_info(&s.to_string());
        assert_eq!(info, StrInfo { bytes: s.len() as u64, runes: s.chars().count() as u64, valid: true }, "{s:?}");
    }
}

#[test]
fn bytes_round_trip() {
    let mib: Vec<u8> = (0..1u32 << 20).map(|i| (i ^ (i >> 8)) as u8).collect();
    for b in [vec![], vec![0], (0..=255).collect(), mib] {
        assert_eq!(EchoImpl::echo_bytes(&b), b);
    }
}

/// README: a Go string result is copied into a Rust `String`; invalid UTF-8 becomes U+FFFD
/// (the replacement of `String::from_utf8_lossy`), never an invalid `String`.
#[test]
fn invalid_utf8_from_go_is_replaced() {
    let s = EchoImpl::invalid_utf8();
    assert_eq!(s, "ok\u{FFFD}\u{FFFD} end \u{FFFD}");
    assert_eq!(s, String::from_utf8_lossy(b"ok\xff\xfe end \xe2\x82"));

    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let n = EchoImpl::invalid_utf8_nested();
    assert_eq!(n.title, lossy(b"\xc0\xaf"));
    assert_eq!(n.title, "\u{FFFD}\u{FFFD}");
    assert_eq!(n.lines, vec!["a\u{FFFD}b".to_string(), "fine".into()]);
    assert_eq!(n.users.len(), 1);
    assert_eq!(n.users[0].name, lossy(b"\xed\xa0\x80"), "a UTF-16 surrogate");
    assert_eq!(n.users[0].tags, vec![lossy(b"\xf4\x90\x80\x80"), "ü".into()], "above U+10FFFF");
    assert_eq!(n.inner.label, "\u{FFFD}");
    assert_eq!(n.inner.words, vec!["x\u{FFFD}".to_string()]);
    assert_eq!(n.grid, vec![vec!["\u{FFFD}".to_string()]]);
}

#[test]
fn nested_containers_round_trip() {
    let strings: Vec<String> = vec!["".into(), "a".into(), "🦀".into(), "x".repeat(5000)];
    assert_eq!(EchoImpl::echo_strings(&strings), strings);
    assert_eq!(EchoImpl::echo_strings(&vec![]), Vec::<String>::new());
    assert_eq!(EchoImpl::echo_strings(&vec![String::new(); 3]), vec![String::new(); 3]);

    let blobs: Vec<Vec<u8>> = vec![vec![], vec![1, 2, 3], vec![0xff; 1 << 20], vec![]];
    assert_eq!(EchoImpl::echo_blobs(&blobs), blobs);
    assert_eq!(EchoImpl::echo_blobs(&vec![]), Vec::<Vec<u8>>::new());

    let us = users(100, 3);
    assert_eq!(EchoImpl::echo_users(&us), us);
    let odd = vec![User { name: String::new(), age: 0, tags: vec![] }, User { name: "ü".into(), age: 255, tags: vec![String::new()] }];
    assert_eq!(EchoImpl::echo_users(&odd), odd);

    let n = nested();
    assert_eq!(EchoImpl::echo_nested(&n), n);
    assert_eq!(EchoImpl::echo_nested(&empty_nested()), empty_nested());
}

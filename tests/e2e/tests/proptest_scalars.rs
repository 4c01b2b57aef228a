//! Random scalars (each alone, as the C return value, and in structs: by pointer, by value and
//! in a `Result`), scalar vectors, strings and nested values echoed Rust → Go → Rust come back
//! bit-identical.

use proptest::collection::vec;
use proptest::prelude::*;
use rust2go_e2e::idl::*;
use rust2go_e2e::{same_scalar_vecs, same_scalars};
use rust2go_test_strategies::{f32_edge, f64_edge, int, text};

fn scalars() -> impl Strategy<Value = Scalars> {
    (
        (int::<i8>(), int::<i16>(), int::<i32>(), int::<i64>(), int::<u8>(), int::<u16>(), int::<u32>()),
        (int::<u64>(), int::<isize>(), int::<usize>(), f32_edge(), f64_edge(), any::<bool>()),
    )
        .prop_map(|((a, b, c, d, e, f, g), (h, i, j, k, l, m))| Scalars {
            v_i8: a,
            v_i16: b,
            v_i32: c,
            v_i64: d,
            v_u8: e,
            v_u16: f,
            v_u32: g,
            v_u64: h,
            v_isize: i,
            v_usize: j,
            v_f32: k,
            v_f64: l,
            v_bool: m,
        })
}

fn scalar_vecs() -> impl Strategy<Value = ScalarVecs> {
    (
        (vec(any::<i8>(), 0..16), vec(any::<i16>(), 0..16), vec(any::<i32>(), 0..16), vec(any::<i64>(), 0..16), vec(any::<u8>(), 0..64)),
        (vec(any::<u16>(), 0..16), vec(any::<u32>(), 0..16), vec(any::<u64>(), 0..16), vec(any::<isize>(), 0..16)),
        (vec(any::<usize>(), 0..16), vec(f32_edge(), 0..16), vec(f64_edge(), 0..16), vec(any::<bool>(), 0..16)),
    )
        .prop_map(|((i8s, i16s, i32s, i64s, u8s), (u16s, u32s, u64s, isizes), (usizes, f32s, f64s, bools))| ScalarVecs {
            i8s,
            i16s,
            i32s,
            i64s,
            u8s,
            u16s,
            u32s,
            u64s,
            isizes,
            usizes,
            f32s,
            f64s,
            bools,
        })
}

fn user() -> impl Strategy<Value = User> {
    (text(), any::<u8>(), vec(text(), 0..4)).prop_map(|(name, age, tags)| User { name, age, tags })
}

fn inner() -> impl Strategy<Value = Inner> {
    (text(), vec(text(), 0..4), vec(f64_edge(), 0..6)).prop_map(|(label, words, values)| Inner { label, words, values })
}

fn nested() -> impl Strategy<Value = Nested> {
    (text(), vec(text(), 0..4), vec(vec(any::<u8>(), 0..8), 0..4), vec(user(), 0..4), inner(), vec(inner(), 0..3), vec(vec(text(), 0..3), 0..3))
        .prop_map(|(title, lines, blobs, users, inner, inners, grid)| Nested { title, lines, blobs, users, inner, inners, grid })
}

proptest! {
    #[test]
    fn scalars_round_trip(x in scalars()) {
        let back = EchoImpl::echo_scalars(&x);
        prop_assert!(same_scalars(&back, &x), "{:?} != {:?}", back, x);
        let back = EchoImpl::echo_scalars_by_value(x);
        prop_assert!(same_scalars(&back, &x), "{:?} != {:?}", back, x);
        let back = EchoImpl::echo_scalars_result(&x).unwrap();
        prop_assert!(same_scalars(&back, &x), "{:?} != {:?}", back, x);
        prop_assert_eq!(EchoImpl::echo_i8(x.v_i8), x.v_i8);
        prop_assert_eq!(EchoImpl::echo_i16(x.v_i16), x.v_i16);
        prop_assert_eq!(EchoImpl::echo_i32(x.v_i32), x.v_i32);
        prop_assert_eq!(EchoImpl::echo_i64(x.v_i64), x.v_i64);
        prop_assert_eq!(EchoImpl::echo_u8(x.v_u8), x.v_u8);
        prop_assert_eq!(EchoImpl::echo_u16(x.v_u16), x.v_u16);
        prop_assert_eq!(EchoImpl::echo_u32(x.v_u32), x.v_u32);
        prop_assert_eq!(EchoImpl::echo_u64(x.v_u64), x.v_u64);
        prop_assert_eq!(EchoImpl::echo_isize(x.v_isize), x.v_isize);
        prop_assert_eq!(EchoImpl::echo_usize(x.v_usize), x.v_usize);
        prop_assert_eq!(EchoImpl::echo_bool(x.v_bool), x.v_bool);
        prop_assert_eq!(EchoImpl::echo_f32(x.v_f32).to_bits(), x.v_f32.to_bits());
        prop_assert_eq!(EchoImpl::echo_f64(x.v_f64).to_bits(), x.v_f64.to_bits());
        prop_assert_eq!(EchoImpl::f32_bits(x.v_f32), x.v_f32.to_bits());
        prop_assert_eq!(EchoImpl::f64_bits(x.v_f64), x.v_f64.to_bits());
        prop_assert_eq!(EchoImpl::f32_from_bits(x.v_f32.to_bits()).to_bits(), x.v_f32.to_bits());
        prop_assert_eq!(EchoImpl::f64_from_bits(x.v_f64.to_bits()).to_bits(), x.v_f64.to_bits());
    }

    #[test]
    fn scalar_vecs_round_trip(x in scalar_vecs()) {
        let back = EchoImpl::echo_scalar_vecs(&x);
        prop_assert!(same_scalar_vecs(&back, &x), "{:?} != {:?}", back, x);
    }

    #[test]
    fn strings_and_bytes_round_trip(s in text(), b in vec(any::<u8>(), 0..256), strs in vec(text(), 0..8), blobs in vec(vec(any::<u8>(), 0..16), 0..6)) {
        prop_assert_eq!(EchoImpl::echo_string(&s), s.clone());
        let info = EchoImpl::string_info(&s);
        prop_assert_eq!(info, StrInfo { bytes: s.len() as u64, runes: s.chars().count() as u64, valid: true });
        prop_assert_eq!(EchoImpl::echo_bytes(&b), b);
        prop_assert_eq!(EchoImpl::echo_strings(&strs), strs);
        prop_assert_eq!(EchoImpl::echo_blobs(&blobs), blobs);
    }

    #[test]
    fn nested_values_round_trip(n in nested(), users in vec(user(), 0..6)) {
        // Floats are compared by bit pattern (the strategy draws NaNs too).
        let bits = |n: &Nested| std::iter::once(&n.inner).chain(&n.inners).map(|i| i.values.iter().map(|v| v.to_bits()).collect::<Vec<_>>()).collect::<Vec<_>>();
        let back = EchoImpl::echo_nested(&n);
        prop_assert_eq!(bits(&back), bits(&n));
        prop_assert_eq!(format!("{back:?}"), format!("{n:?}"));
        prop_assert_eq!(EchoImpl::echo_users(&users), users);
    }
}

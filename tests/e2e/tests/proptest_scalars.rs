//! Random scalars, scalar vectors and strings echoed Rust → Go → Rust come back bit-identical.

use proptest::collection::vec;
use proptest::prelude::*;
use rust2go_e2e::idl::*;
use rust2go_e2e::{same_scalar_vecs, same_scalars};

fn f32_any() -> impl Strategy<Value = f32> {
    any::<u32>().prop_map(f32::from_bits)
}

fn f64_any() -> impl Strategy<Value = f64> {
    any::<u64>().prop_map(f64::from_bits)
}

fn scalars() -> impl Strategy<Value = Scalars> {
    (
        (any::<i8>(), any::<i16>(), any::<i32>(), any::<i64>(), any::<u8>(), any::<u16>(), any::<u32>()),
        (any::<u64>(), any::<isize>(), any::<usize>(), f32_any(), f64_any(), any::<bool>()),
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
        (vec(any::<usize>(), 0..16), vec(f32_any(), 0..16), vec(f64_any(), 0..16), vec(any::<bool>(), 0..16)),
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

proptest! {
    #[test]
    fn scalars_round_trip(x in scalars()) {
        let back = EchoImpl::echo_scalars(&x);
        prop_assert!(same_scalars(&back, &x), "{:?} != {:?}", back, x);
        prop_assert_eq!(EchoImpl::echo_i64(x.v_i64), x.v_i64);
        prop_assert_eq!(EchoImpl::echo_usize(x.v_usize), x.v_usize);
        prop_assert_eq!(EchoImpl::echo_f32(x.v_f32).to_bits(), x.v_f32.to_bits());
        prop_assert_eq!(EchoImpl::f64_bits(x.v_f64), x.v_f64.to_bits());
    }

    #[test]
    fn scalar_vecs_round_trip(x in scalar_vecs()) {
        let back = EchoImpl::echo_scalar_vecs(&x);
        prop_assert!(same_scalar_vecs(&back, &x), "{:?} != {:?}", back, x);
    }

    #[test]
    fn strings_and_bytes_round_trip(s in ".*", b in vec(any::<u8>(), 0..256), strs in vec(".*", 0..8)) {
        prop_assert_eq!(EchoImpl::echo_string(&s), s.clone());
        let info = EchoImpl::string_info(&s);
        prop_assert_eq!(info, StrInfo { bytes: s.len() as u64, runes: s.chars().count() as u64, valid: true });
        prop_assert_eq!(EchoImpl::echo_bytes(&b), b);
        prop_assert_eq!(EchoImpl::echo_strings(&strs), strs);
    }
}

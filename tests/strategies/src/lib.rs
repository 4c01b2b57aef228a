//! Edge values for the round-trip property tests: integers at their limits, every float bit
//! pattern with NaNs, infinities and zeros drawn often, and strings that are empty, contain
//! NUL or reach past the Basic Multilingual Plane.

use proptest::collection::vec;
use proptest::prelude::*;

/// An integer type with limits.
pub trait EdgeInt: Arbitrary + Copy + std::fmt::Debug + 'static {
    const LIMITS: [Self; 4];
}

macro_rules! edge_ints {
    ($($t:ty)*) => {$(
        impl EdgeInt for $t {
            const LIMITS: [Self; 4] = [<$t>::MIN, <$t>::MAX, 0, 1];
        }
    )*};
}
edge_ints!(i8 i16 i32 i64 isize u8 u16 u32 u64 usize);

/// Any value of `T`, with MIN, MAX, 0 and 1 drawn often.
pub fn int<T: EdgeInt>() -> impl Strategy<Value = T> {
    prop_oneof![prop::sample::select(T::LIMITS.to_vec()), any::<T>()]
}

/// Any f64 bit pattern, with NaNs (quiet, signalling, negative), ±inf, ±0.0, subnormals and
/// the limits drawn often.
pub fn f64_edge() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<u64>().prop_map(f64::from_bits),
        prop::sample::select(vec![
            f64::NAN,
            -f64::NAN,
            f64::from_bits(0x7ff0_0000_0000_0001),
            f64::from_bits(0xfff8_dead_beef_0001),
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            f64::from_bits(1),
            f64::MAX,
            f64::MIN,
        ]),
    ]
}

/// The f32 counterpart of [`f64_edge`].
pub fn f32_edge() -> impl Strategy<Value = f32> {
    prop_oneof![
        any::<u32>().prop_map(f32::from_bits),
        prop::sample::select(vec![
            f32::NAN,
            -f32::NAN,
            f32::from_bits(0x7f80_0001),
            f32::from_bits(0xffc0_1234),
            f32::INFINITY,
            f32::NEG_INFINITY,
            0.0,
            -0.0,
            f32::MIN_POSITIVE,
            f32::from_bits(1),
            f32::MAX,
            f32::MIN,
        ]),
    ]
}

/// Empty, NUL-containing, non-ASCII (up to U+10FFFF, a BOM, a combining mark), ASCII control
/// and random strings.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\0".to_string()),
        Just("a\0b\0\0c".to_string()),
        Just("λ€😀\u{10FFFF}\u{FEFF}e\u{301}".to_string()),
        vec(any::<char>(), 0..24).prop_map(|cs| cs.into_iter().collect()),
        "[\\x00-\\x7f]{0,24}",
    ]
}

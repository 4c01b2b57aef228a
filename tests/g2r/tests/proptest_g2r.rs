//! Random values of every type through both directions: Rust → Go (`GoCall`) → Rust
//! (`RustCall`, Go's `RustCallImpl`) and back, on the sync, by-value, async (ring and cgo),
//! `Result` and `&str`/`&[T]` paths. Floats are compared by bit pattern as well.

use futures::executor::block_on;
use proptest::collection::{btree_map, hash_map, vec};
use proptest::prelude::*;
use rust2go_g2r_tests::idl::*;
use rust2go_test_strategies::{f32_edge, f64_edge, int, text};

fn user() -> impl Strategy<Value = DemoUser> {
    (text(), any::<u8>()).prop_map(|(name, age)| DemoUser { name, age })
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![Just(Kind::A), Just(Kind::B), Just(Kind::C)]
}

fn val() -> impl Strategy<Value = Val> {
    prop_oneof![
        f64_edge().prop_map(|v| Val::Num { v }),
        (int::<i64>(), text()).prop_map(|(a, b)| Val::Pair(a, b)),
        (vec(user(), 0..3), proptest::option::of(kind())).prop_map(|(u, k)| Val::Users(u, k)),
        Just(Val::Nil),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = text().prop_map(|name| Node { name, kids: vec![], next: None });
    leaf.prop_recursive(4, 24, 3, |inner| {
        (text(), vec(inner.clone(), 0..3), proptest::option::of(inner))
            .prop_map(|(name, kids, next)| Node { name, kids, next: next.map(Box::new) })
    })
}

fn all() -> impl Strategy<Value = All> {
    let a = (
        any::<bool>(),
        any::<char>(),
        (int::<i8>(), int::<i16>(), int::<i32>(), int::<i64>(), int::<isize>()),
        (int::<u8>(), int::<u16>(), int::<u32>(), int::<u64>(), int::<usize>()),
        f32_edge(),
        f64_edge(),
        text(),
        vec(any::<u8>(), 0..64),
        vec(f64_edge(), 0..8),
        vec(any::<char>(), 0..8),
        vec(text(), 0..5),
        vec(vec(any::<i32>(), 0..4), 0..4),
    );
    let b = (
        proptest::option::of(text()),
        proptest::option::of(any::<u32>()),
        vec(proptest::option::of(user()), 0..4),
        any::<[u16; 3]>(),
        [text(), text()],
        hash_map(text(), vec(any::<u32>(), 0..4), 0..4),
        btree_map(int::<i64>(), proptest::option::of(text()), 0..4),
        hash_map(any::<char>(), any::<bool>(), 0..4),
        kind(),
        vec(kind(), 0..5),
        val(),
        vec(val(), 0..4),
    );
    let c = (user(), vec(user(), 0..4), node());
    (a, b, c).prop_map(|(a, b, c)| All {
        flag: a.0,
        letter: a.1,
        ints: a.2,
        uints: a.3,
        f: a.4,
        d: a.5,
        text: a.6,
        bytes: a.7,
        floats: a.8,
        letters: a.9,
        words: a.10,
        grid: a.11,
        opt: b.0,
        opt_n: b.1,
        opts: b.2,
        arr: b.3,
        arr_s: b.4,
        hmap: b.5,
        bmap: b.6,
        cmap: b.7,
        kind: b.8,
        kinds: b.9,
        val: b.10,
        vals: b.11,
        boxed: Box::new(c.0),
        users: c.1,
        node: c.2,
    })
}

/// The float fields' bit patterns (`==` misses NaN payloads and the sign of zero, and NaN
/// makes `==` fail).
fn float_bits(x: &All) -> (u32, u64, Vec<u64>, Vec<Option<u64>>) {
    let val = |v: &Val| if let Val::Num { v } = v { Some(v.to_bits()) } else { None };
    (x.f.to_bits(), x.d.to_bits(), x.floats.iter().map(|f| f.to_bits()).collect(), std::iter::once(&x.val).chain(&x.vals).map(val).collect())
}

/// `x` with its floats set to 0 where they are NaN, for `==` on the rest.
fn without_nan(x: &All) -> All {
    let mut x = x.clone();
    let fix = |f: &mut f64| {
        if f.is_nan() {
            *f = 0.0
        }
    };
    if x.f.is_nan() {
        x.f = 0.0;
    }
    fix(&mut x.d);
    x.floats.iter_mut().for_each(fix);
    for v in std::iter::once(&mut x.val).chain(&mut x.vals) {
        if let Val::Num { v } = v {
            fix(v);
        }
    }
    x
}

fn same(back: &All, x: &All) -> Result<(), TestCaseError> {
    prop_assert_eq!(float_bits(back), float_bits(x));
    prop_assert_eq!(without_nan(back), without_nan(x));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_type_round_trips_through_go_calling_rust(x in all(), e in proptest::option::of(text())) {
        same(&GoCallImpl::go_echo_all(&x), &x)?;
        same(&GoCallImpl::go_echo_all_by_value(x.clone()), &x)?;
        same(&GoCallImpl::go_echo_all_async(&x), &x)?;
        same(&block_on(GoCallImpl::go_echo_all_ring(&x)), &x)?;
        same(&block_on(GoCallImpl::go_echo_all_cgo(&x)), &x)?;
        match (GoCallImpl::go_echo_all_result(&x, &e), e) {
            (Ok(back), None) => same(&back, &x)?,
            (Err(back), Some(e)) => prop_assert_eq!(back, e),
            (back, e) => prop_assert!(false, "{back:?} for {e:?}"),
        }
    }

    #[test]
    fn borrowed_parameters_round_trip_through_go_calling_rust(s in text(), xs in vec(all(), 0..3), from in 0usize..3) {
        let xs = &xs[from.min(xs.len())..];
        let (back_s, back) = GoCallImpl::go_echo_borrowed(&s, xs);
        prop_assert_eq!(back_s, s);
        prop_assert_eq!(back.len(), xs.len());
        for (b, x) in back.iter().zip(xs) {
            same(b, x)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scalars_round_trip_through_go_calling_rust(b in any::<bool>(), c in any::<char>(), i in int::<i64>(), u in int::<usize>(), f in f32_edge(), d in f64_edge()) {
        let back = GoCallImpl::go_echo_scalars(b, c, i, u, f, d);
        prop_assert_eq!((back.0, back.1, back.2, back.3, back.4.to_bits(), back.5.to_bits()), (b, c, i, u, f.to_bits(), d.to_bits()));
    }
}

/// A chain of nodes `depth` deep, alternating `kids` and `next`.
fn chain(depth: usize) -> Node {
    (0..depth).fold(Node { name: "leaf".into(), kids: vec![], next: None }, |n, i| {
        if i % 2 == 0 {
            Node { name: format!("n{i}"), kids: vec![n], next: None }
        } else {
            Node { name: String::new(), kids: vec![], next: Some(Box::new(n)) }
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Arguments and results far larger than Go's 4 KiB scratch buffer, and deep values.
    #[test]
    fn large_and_deep_values_round_trip_through_go_calling_rust(
        mut x in all(),
        bytes in vec(any::<u8>(), 0..200_000),
        words in vec(text(), 0..3_000),
        hmap in hash_map(text(), vec(any::<u32>(), 0..20), 0..300),
        depth in 0usize..200,
    ) {
        x.bytes = bytes;
        x.words = words;
        x.hmap = hmap;
        x.node = chain(depth);
        same(&GoCallImpl::go_echo_all(&x), &x)?;
        same(&GoCallImpl::go_echo_all_async(&x), &x)?;
        same(&block_on(GoCallImpl::go_echo_all_ring(&x)), &x)?;
    }
}

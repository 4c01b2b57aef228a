//! Random values of every type echoed Rust → Go → Rust come back equal.

use proptest::collection::{btree_map, hash_map, vec};
use proptest::prelude::*;
use rust2go_types_tests::idl::*;

fn color() -> impl Strategy<Value = Color> {
    prop_oneof![Just(Color::Red), Just(Color::Green), Just(Color::Blue), Just(Color::Black)]
}

fn finite() -> impl Strategy<Value = f64> {
    // NaN != NaN under PartialEq; NaN bit patterns are checked in types.rs.
    any::<f64>().prop_filter("not NaN", |f| !f.is_nan())
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        finite().prop_map(|r| Shape::Circle { r }),
        (finite(), finite()).prop_map(|(a, b)| Shape::Rect(a, b)),
        (".*", vec(".*", 0..4)).prop_map(|(s, v)| Shape::Label(s, v)),
        Just(Shape::Empty),
    ]
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = ".{0,8}".prop_map(|name| Tree { name, children: vec![], first: None });
    leaf.prop_recursive(3, 20, 3, |inner| {
        (".{0,8}", vec(inner.clone(), 0..3), proptest::option::of(inner))
            .prop_map(|(name, children, first)| Tree { name, children, first: first.map(Box::new) })
    })
}

fn everything() -> impl Strategy<Value = Everything> {
    let a = (
        proptest::option::of(any::<u32>()),
        proptest::option::of(".*"),
        proptest::option::of(vec(any::<u8>(), 0..64)),
        vec(proptest::option::of(any::<i64>()), 0..8),
        hash_map(".*", any::<u32>(), 0..6),
        btree_map(any::<i32>(), vec(".*", 0..3), 0..6),
        vec(hash_map(any::<u8>(), ".*", 0..4), 0..3),
        color(),
        vec(color(), 0..5),
        shape(),
    );
    let b = (
        vec(shape(), 0..5),
        any::<[u16; 4]>(),
        (".*", ".*"),
        (any::<u32>(), ".*"),
        (any::<bool>(), vec(any::<u8>(), 0..16), proptest::option::of(any::<char>())),
        any::<char>(),
        vec(any::<char>(), 0..8),
        any::<u64>(),
        tree(),
        btree_map(".*", color(), 0..4),
    );
    (a, b).prop_map(|(a, b)| Everything {
        opt_num: a.0,
        opt_str: a.1,
        opt_vec: a.2,
        vec_opt: a.3,
        hmap: a.4,
        bmap: a.5,
        vec_map: a.6,
        color: a.7,
        colors: a.8,
        shape: a.9,
        shapes: b.0,
        arr: b.1,
        arr_str: [b.2 .0, b.2 .1],
        pair: b.3,
        triple: b.4,
        letter: b.5,
        letters: b.6,
        boxed: Box::new(b.7),
        tree: b.8,
        color_map: b.9,
    })
}

/// The output of a `#[go_inline]` future, which is complete when it is created.
fn now<F: std::future::Future>(f: F) -> F::Output {
    struct NeverWoken;
    impl std::task::Wake for NeverWoken {
        fn wake(self: std::sync::Arc<Self>) {}
    }
    let waker = std::task::Waker::from(std::sync::Arc::new(NeverWoken));
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut std::task::Context::from_waker(&waker)) {
        std::task::Poll::Ready(v) => v,
        std::task::Poll::Pending => panic!("a #[go_inline] future was not complete"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn everything_round_trips(e in everything()) {
        prop_assert_eq!(TypesImpl::echo(&e), e.clone());
        prop_assert_eq!(TypesImpl::echo_by_value(e.clone()), e.clone());
        prop_assert_eq!(now(TypesImpl::echo_inline(&e)), e);
    }

    #[test]
    fn shapes_round_trip(s in vec(shape(), 0..20)) {
        prop_assert_eq!(TypesImpl::echo_shapes(&s), s);
    }

    #[test]
    fn trees_round_trip(t in tree()) {
        prop_assert_eq!(TypesImpl::echo_tree(&t), t);
    }

    #[test]
    fn chars_round_trip(c in any::<char>(), cs in vec(any::<char>(), 0..64)) {
        prop_assert_eq!(TypesImpl::echo_char(c), c);
        prop_assert_eq!(TypesImpl::echo_chars(&cs), cs);
    }
}

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

fn inner() -> impl Strategy<Value = Inner> {
    (any::<u32>(), ".{0,12}").prop_map(|(id, name)| Inner { id, name })
}

fn plain() -> impl Strategy<Value = Plain> {
    let a = (
        any::<bool>(),
        any::<i8>(),
        any::<u64>(),
        any::<isize>(),
        any::<f32>().prop_filter("not NaN", |f| !f.is_nan()),
        any::<char>(),
        ".*",
        vec(any::<u8>(), 0..40),
        vec(any::<u16>(), 0..8),
        vec(".{0,6}", 0..5),
        vec(vec(any::<i32>(), 0..4), 0..4),
        proptest::option::of(any::<u32>()),
    );
    let b = (
        proptest::option::of(".{0,6}"),
        proptest::option::of(inner()),
        vec(inner(), 0..4),
        vec(proptest::option::of(inner()), 0..4),
        any::<[u16; 3]>(),
        (".{0,4}", ".{0,4}"),
        (inner(), inner()),
        (any::<u8>(), ".{0,4}"),
        color(),
        vec(color(), 0..4),
        inner(),
        tree(),
    );
    (a, b).prop_map(|(a, b)| Plain {
        flag: a.0,
        small: a.1,
        wide: a.2,
        size: a.3,
        ratio: a.4,
        letter: a.5,
        name: a.6,
        bytes: a.7,
        words: a.8,
        tags: a.9,
        grid: a.10,
        opt_num: a.11,
        opt_str: b.0,
        opt_inner: b.1,
        inners: b.2,
        maybe: b.3,
        arr: b.4,
        arr_str: [b.5 .0, b.5 .1],
        arr_inner: [b.6 .0, b.6 .1],
        pair: b.7,
        color: b.8,
        colors: b.9,
        boxed: Box::new(b.10),
        tree: b.11,
    })
}

fn holder() -> impl Strategy<Value = Holder> {
    (".{0,6}", hash_map(any::<u32>(), inner(), 0..4)).prop_map(|(name, items)| Holder { name, items })
}

fn mixed() -> impl Strategy<Value = Mixed> {
    (
        plain(),
        hash_map(".{0,6}", inner(), 0..4),
        btree_map(any::<u8>(), vec(inner(), 0..3), 0..3),
        vec(proptest::option::of(inner()), 0..4),
        (hash_map(any::<u8>(), ".{0,4}", 0..3), hash_map(any::<u8>(), ".{0,4}", 0..3)),
        (inner(), hash_map(".{0,4}", any::<u32>(), 0..3)),
        vec(shape(), 0..3),
        proptest::option::of(hash_map(any::<u8>(), inner(), 0..3)),
        vec(holder(), 0..3),
    )
        .prop_map(|(plain, by_name, lists, maybe, arr_map, tup, shapes, opt_map, holders)| Mixed {
            plain,
            by_name,
            lists,
            maybe,
            arr_map: [arr_map.0, arr_map.1],
            tup,
            shapes,
            opt_map,
            holders,
            nothing: [],
        })
}

/// Awaits an async call (the Go handler runs on its own goroutine).
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    thread_local! {
        static RT: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    }
    RT.with(|rt| rt.block_on(f))
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
    fn in_place_plain_round_trips(p in plain()) {
        prop_assert_eq!(TypesImpl::echo_plain(&p), p.clone());
        prop_assert_eq!(TypesImpl::echo_plain_by_value(p.clone()), p.clone());
        prop_assert_eq!(now(TypesImpl::echo_plain_inline(&p)), p.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_plain_async(&p)), p);
    }

    #[test]
    fn in_place_vec_of_plain_round_trips(ps in vec(plain(), 0..4)) {
        prop_assert_eq!(TypesImpl::echo_plains(&ps), ps);
    }

    #[test]
    fn mixed_in_place_and_converted_round_trip(m in mixed()) {
        prop_assert_eq!(TypesImpl::echo_mixed(&m), m.clone());
        prop_assert_eq!(TypesImpl::echo_holders(&m.holders), m.holders.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_mixed_async(&m)), m);
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

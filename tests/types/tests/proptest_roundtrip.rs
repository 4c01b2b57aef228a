//! Random values of every type echoed Rust → Go → Rust come back equal.

use proptest::collection::{btree_map, hash_map, vec};
use proptest::prelude::*;
use rust2go_types_tests::idl::*;
use rust2go_test_strategies::{f32_edge, f64_edge, int, text};

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

// ---- Edge values, every map key kind, `Result`, `&str`/`&[T]`, on every Rust → Go path ----

fn shape_edge() -> impl Strategy<Value = Shape> {
    prop_oneof![
        f64_edge().prop_map(|r| Shape::Circle { r }),
        (f64_edge(), f64_edge()).prop_map(|(a, b)| Shape::Rect(a, b)),
        (text(), vec(text(), 0..4)).prop_map(|(s, v)| Shape::Label(s, v)),
        Just(Shape::Empty),
    ]
}

fn edges() -> impl Strategy<Value = Edges> {
    (
        (f32_edge(), f64_edge(), vec(f32_edge(), 0..8), vec(f64_edge(), 0..8), proptest::option::of(f64_edge())),
        ([f32_edge(), f32_edge(), f32_edge()], btree_map(int::<i64>(), f64_edge(), 0..5), shape_edge(), (f32_edge(), f64_edge())),
        (int::<i8>(), int::<i16>(), int::<i32>(), int::<i64>(), int::<isize>()),
        (int::<u8>(), int::<u16>(), int::<u32>(), int::<u64>(), int::<usize>()),
        text(),
    )
        .prop_map(|((f, d, fs, ds, opt_d), (arr_f, by_key, shape, tup), ints, uints, text)| Edges {
            f,
            d,
            fs,
            ds,
            opt_d,
            arr_f,
            by_key,
            shape,
            tup,
            ints,
            uints,
            text,
        })
}

/// `Edges` with every float as its bit pattern (NaN != NaN under `PartialEq`).
fn edge_bits(e: &Edges) -> impl PartialEq + std::fmt::Debug {
    fn shape_bits(s: &Shape) -> (u8, u64, u64, String, Vec<String>) {
        match s {
            Shape::Circle { r } => (0, r.to_bits(), 0, String::new(), vec![]),
            Shape::Rect(a, b) => (1, a.to_bits(), b.to_bits(), String::new(), vec![]),
            Shape::Label(s, v) => (2, 0, 0, s.clone(), v.clone()),
            Shape::Empty => (3, 0, 0, String::new(), vec![]),
        }
    }
    (
        (e.f.to_bits(), e.d.to_bits(), e.fs.iter().map(|f| f.to_bits()).collect::<Vec<_>>(), e.ds.iter().map(|d| d.to_bits()).collect::<Vec<_>>()),
        (e.opt_d.map(f64::to_bits), e.arr_f.map(f32::to_bits), e.by_key.iter().map(|(k, v)| (*k, v.to_bits())).collect::<Vec<_>>()),
        (shape_bits(&e.shape), e.tup.0.to_bits(), e.tup.1.to_bits(), e.ints, e.uints, e.text.clone()),
    )
}

fn wide() -> impl Strategy<Value = Wide> {
    prop_oneof![Just(Wide::Low), Just(Wide::High), Just(Wide::Next)]
}

fn keys() -> impl Strategy<Value = Keys> {
    let a = (
        hash_map(any::<bool>(), int::<i8>(), 0..3),
        btree_map(any::<char>(), text(), 0..5),
        hash_map(int::<i64>(), int::<u64>(), 0..5),
        btree_map(int::<usize>(), vec(any::<u8>(), 0..8), 0..4),
        hash_map(int::<isize>(), proptest::option::of(text()), 0..4),
        btree_map(int::<u16>(), shape(), 0..4),
        hash_map(text(), hash_map(any::<u8>(), color(), 0..3), 0..3),
        vec(wide(), 0..6),
    );
    let b = (
        (any::<u8>(), any::<i16>(), text(), vec(any::<u8>(), 0..8), proptest::option::of(any::<bool>()), any::<char>()),
        vec(proptest::option::of(vec(btree_map(any::<u8>(), vec(proptest::option::of(text()), 0..3), 0..3), 0..3)), 0..3),
        shape(),
        proptest::option::of(tree()),
        [vec(text(), 0..3), vec(text(), 0..3)],
        [proptest::option::of(inner()), proptest::option::of(inner()), proptest::option::of(inner())],
        vec((inner(), color()), 0..4),
    );
    (a, b).prop_map(|(a, b)| Keys {
        by_bool: a.0,
        by_char: a.1,
        by_i64: a.2,
        by_usize: a.3,
        by_isize: a.4,
        by_u16: a.5,
        nested: a.6,
        wide: a.7,
        six: b.0,
        deep: b.1,
        boxed_shape: Box::new(b.2),
        opt_tree: b.3.map(Box::new),
        arr_vec: b.4,
        arr_opt: b.5,
        vec_tup: b.6,
    })
}

fn my_error() -> impl Strategy<Value = MyError> {
    (int::<i32>(), text()).prop_map(|(code, reason)| MyError { code, reason })
}

/// A `Result` as the echo methods return it: `Err(e)` when `e` is set.
fn expected<T: Clone, E: Clone>(x: &T, e: &Option<E>) -> Result<T, E> {
    e.clone().map_or_else(|| Ok(x.clone()), Err)
}

/// A chain `depth` deep, alternating `children` and `first`.
fn chain(depth: usize, name: &str) -> Tree {
    (0..depth).fold(Tree { name: name.into(), children: vec![], first: None }, |t, i| {
        if i % 2 == 0 {
            Tree { name: format!("{name}{i}"), children: vec![t], first: None }
        } else {
            Tree { name: String::new(), children: vec![], first: Some(Box::new(t)) }
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn edges_round_trip_by_bits(e in edges()) {
        let want = edge_bits(&e);
        prop_assert_eq!(edge_bits(&TypesImpl::echo_edges(&e)), want);
        prop_assert_eq!(edge_bits(&TypesImpl::echo_edges_by_value(e.clone())), edge_bits(&e));
        prop_assert_eq!(edge_bits(&now(TypesImpl::echo_edges_inline(&e))), edge_bits(&e));
        prop_assert_eq!(edge_bits(&block_on(TypesImpl::echo_edges_async(&e))), edge_bits(&e));
        prop_assert_eq!(edge_bits(&block_on(TypesImpl::echo_edges_async_cgo(&e))), edge_bits(&e));
    }

    #[test]
    fn map_keys_wide_enums_and_deep_types_round_trip(k in keys()) {
        prop_assert_eq!(TypesImpl::echo_keys(&k), k.clone());
        prop_assert_eq!(now(TypesImpl::echo_keys_inline(&k)), k.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_keys_async(&k)), k.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_keys_async_cgo(&k)), k.clone());
        prop_assert_eq!(TypesImpl::echo_wide(&k.wide), k.wide);
    }

    #[test]
    fn results_round_trip(x in everything(), k in keys(), e in proptest::option::of(my_error()), s in proptest::option::of(text())) {
        let want = expected(&x, &e);
        prop_assert_eq!(TypesImpl::echo_result(&x, &e), want.clone());
        prop_assert_eq!(now(TypesImpl::echo_result_inline(&x, &e)), want.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_result_async(&x, &e)), want.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_result_async_cgo(&x, &e)), want);
        let want = expected(&k, &s);
        prop_assert_eq!(TypesImpl::echo_result_str(&k, &s), want.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_result_str_async(&k, &s)), want.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_result_str_async_cgo(&k, &s)), want);
        prop_assert_eq!(TypesImpl::echo_unit_result(&s), expected(&(), &s));
    }

    #[test]
    fn borrowed_parameters_round_trip(s in text(), xs in vec(everything(), 0..3), ps in vec(plain(), 0..3), from in 0usize..4, to in 0usize..4) {
        // Sub-slices and sub-strings: the views start inside the owner.
        let (from, to) = (from.min(ps.len()), to.min(ps.len()).max(from.min(ps.len())));
        let cut = s.char_indices().map(|(i, _)| i).nth(1).unwrap_or(s.len());
        let (s, ps) = (&s[cut..], &ps[from..to]);
        let want = (s.to_string(), xs.clone(), ps.to_vec());
        prop_assert_eq!(TypesImpl::echo_borrowed(s, &xs, ps), want.clone());
        prop_assert_eq!(now(TypesImpl::echo_borrowed_inline(s, &xs, ps)), want.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_borrowed_async(s, &xs, ps)), want.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_borrowed_async_cgo(s, &xs, ps)), want);
    }

    #[test]
    fn parameters_by_value_and_handed_back_round_trip(e in everything(), m in mixed(), k in keys(), x in edges()) {
        prop_assert_eq!(block_on(TypesImpl::echo_owned(m.clone())), m.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_owned_cgo(m.clone())), m.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_owned_ret(k.clone())), (k.clone(), (k.clone(),)));
        prop_assert_eq!(block_on(TypesImpl::echo_owned_ret_cgo(k.clone())), (k.clone(), (k,)));
        prop_assert_eq!(block_on(TypesImpl::echo_async_by_value(e.clone())), e.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_async_by_value_cgo(e.clone())), e);
        let (back_m, back_x) = block_on(TypesImpl::echo_ctx(&m, &x));
        prop_assert_eq!(back_m, m);
        prop_assert_eq!(edge_bits(&back_x), edge_bits(&x));
    }

    #[test]
    fn every_struct_round_trips_on_the_async_paths(e in everything(), p in plain(), m in mixed()) {
        prop_assert_eq!(block_on(TypesImpl::echo_async(&e)), e.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_async_cgo(&e)), e);
        prop_assert_eq!(block_on(TypesImpl::echo_plain_async_cgo(&p)), p);
        prop_assert_eq!(block_on(TypesImpl::echo_mixed_async_cgo(&m)), m);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn large_collections_round_trip(
        bytes in vec(any::<u8>(), 0..200_000),
        tags in vec(text(), 0..3_000),
        map in hash_map(any::<i64>(), any::<u64>(), 0..2_000),
        shapes in vec(shape(), 0..1_000),
        depth in 0usize..200,
        mut p in plain(),
        mut k in keys(),
    ) {
        p.bytes = bytes;
        p.tags = tags;
        p.tree = chain(depth, "deep");
        prop_assert_eq!(TypesImpl::echo_plain(&p), p.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_plain_async(&p)), p.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_plain_async_cgo(&p)), p.clone());
        prop_assert_eq!(TypesImpl::echo_plains(&vec![p.clone(), p]).len(), 2);
        k.by_i64 = map;
        k.boxed_shape = Box::new(Shape::Label("x".repeat(depth * 100), vec![]));
        prop_assert_eq!(TypesImpl::echo_keys(&k), k.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_keys_async(&k)), k.clone());
        prop_assert_eq!(block_on(TypesImpl::echo_keys_async_cgo(&k)), k);
        prop_assert_eq!(TypesImpl::echo_shapes(&shapes), shapes);
    }
}

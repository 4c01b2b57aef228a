//! Every type of the IDL, both as argument and result, against the real Go side.

use rust2go_types_tests::idl::*;
use std::collections::{BTreeMap, HashMap};

fn tree(depth: u32) -> Tree {
    Tree {
        name: format!("node-{depth}-ü"),
        children: if depth == 0 { vec![] } else { vec![tree(depth - 1), tree(depth - 1)] },
        first: if depth == 0 { None } else { Some(Box::new(tree(depth - 1))) },
    }
}

pub fn everything() -> Everything {
    Everything {
        opt_num: Some(7),
        opt_str: Some("maybe ✓".into()),
        opt_vec: None,
        vec_opt: vec![Some(i64::MIN), None, Some(i64::MAX)],
        hmap: [("a".to_string(), 1), ("ß".to_string(), u32::MAX)].into_iter().collect(),
        bmap: [(-1, vec!["x".to_string()]), (3, vec![]), (i32::MAX, vec!["".into(), "z".into()])].into_iter().collect(),
        vec_map: vec![HashMap::new(), [(0u8, "zero".to_string()), (255, "max".into())].into_iter().collect()],
        color: Color::Green,
        colors: vec![Color::Red, Color::Blue, Color::Black],
        shape: Shape::Label("lbl".into(), vec!["a".into(), "b".into()]),
        shapes: vec![Shape::Circle { r: 1.5 }, Shape::Rect(2.0, -0.0), Shape::Empty, Shape::Label(String::new(), vec![])],
        arr: [1, 2, u16::MAX, 0],
        arr_str: ["first".into(), "".into()],
        pair: (42, "pair".into()),
        triple: (true, vec![1, 2, 3], Some('🦀')),
        letter: 'λ',
        letters: vec!['a', '\u{10FFFF}', '\0'],
        boxed: Box::new(u64::MAX),
        tree: tree(3),
        color_map: [("r".to_string(), Color::Red), ("k".to_string(), Color::Black)].into_iter().collect(),
    }
}

#[test]
fn everything_round_trips_by_ref_by_value_and_async() {
    let e = everything();
    assert_eq!(TypesImpl::echo(&e), e);
    assert_eq!(TypesImpl::echo_by_value(e.clone()), e);
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    assert_eq!(rt.block_on(TypesImpl::echo_async(&e)), e);
    assert_eq!(rt.block_on(TypesImpl::echo_inline(&e)), e);
}

#[test]
fn empty_and_absent_values() {
    let mut e = everything();
    e.opt_num = None;
    e.opt_str = Some(String::new());
    e.opt_vec = Some(vec![]);
    e.vec_opt = vec![];
    e.hmap = HashMap::new();
    e.bmap = BTreeMap::new();
    e.vec_map = vec![];
    e.colors = vec![];
    e.shapes = vec![];
    e.letters = vec![];
    e.tree = tree(0);
    e.color_map = BTreeMap::new();
    assert_eq!(TypesImpl::echo(&e), e);
    assert_eq!(TypesImpl::echo_opt(&None), None);
    assert_eq!(TypesImpl::echo_opt(&Some("x".into())), Some("x".into()));
}

#[test]
fn maps_enums_arrays_tuples_chars_boxes() {
    let m: HashMap<String, u32> = (0..1000).map(|i| (format!("k{i}"), i)).collect();
    assert_eq!(TypesImpl::echo_map(&m), m);
    let b: BTreeMap<i32, Vec<String>> = (-50i32..50).map(|i| (i, vec![i.to_string(); (i.unsigned_abs() % 4) as usize])).collect();
    assert_eq!(TypesImpl::echo_btree(&b), b);
    for c in [Color::Red, Color::Green, Color::Blue, Color::Black] {
        assert_eq!(TypesImpl::echo_color(c), c);
    }
    let shapes = vec![Shape::Circle { r: f64::NAN }, Shape::Rect(f64::INFINITY, -0.0), Shape::Empty];
    let back = TypesImpl::echo_shapes(&shapes);
    match &back[0] {
        Shape::Circle { r } => assert!(r.is_nan()),
        other => panic!("{other:?}"),
    }
    match &back[1] {
        Shape::Rect(a, b) => assert!(*a == f64::INFINITY && b.is_sign_negative() && *b == 0.0),
        other => panic!("{other:?}"),
    }
    assert_eq!(back[2], Shape::Empty);
    assert_eq!(TypesImpl::echo_arr(&[9, 8, 7, 6]), [9, 8, 7, 6]);
    assert_eq!(TypesImpl::echo_tuple(&(5, "t".into())), (5, "t".to_string()));
    for c in ['a', 'é', '中', '🦀', '\u{10FFFF}', '\0'] {
        assert_eq!(TypesImpl::echo_char(c), c);
    }
    let chars: Vec<char> = "héllo wörld 🦀".chars().collect();
    assert_eq!(TypesImpl::echo_chars(&chars), chars);
    let boxed = Box::new(Shape::Label("in a box".into(), vec!["x".into()]));
    assert_eq!(TypesImpl::echo_boxed(&boxed), boxed);
    let t = tree(6);
    assert_eq!(TypesImpl::echo_tree(&t), t);
}

#[test]
fn go_switches_on_the_sealed_interface() {
    assert_eq!(TypesImpl::describe(&Shape::Circle { r: 2.5 }), "circle r=2.5");
    assert_eq!(TypesImpl::describe(&Shape::Rect(1.0, 2.0)), "rect 1x2");
    assert_eq!(TypesImpl::describe(&Shape::Label("l".into(), vec!["a".into(), "b".into()])), "label l [a,b]");
    assert_eq!(TypesImpl::describe(&Shape::Empty), "empty");
}

#[test]
fn invalid_rune_becomes_replacement_character() {
    assert_eq!(TypesImpl::bad_rune(), char::REPLACEMENT_CHARACTER);
}

#[test]
fn nil_enum_from_go_is_a_clear_panic() {
    let err = std::panic::catch_unwind(TypesImpl::nil_shape).unwrap_err();
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("is not a valid Shape"), "{msg}");
    assert_eq!(TypesImpl::echo_color(Color::Blue), Color::Blue, "still usable");
}

#[test]
fn go_keeps_a_deep_copy_beyond_the_call() {
    let e = everything();
    TypesImpl::keep(&e);
    drop(e);
    // Churn the allocator so that freed argument memory is reused.
    let garbage: Vec<Vec<u8>> = (0..1000).map(|i| vec![i as u8; 64]).collect();
    assert_eq!(TypesImpl::kept(), everything());
    drop(garbage);
}

/// A chain of `n + 1` trees linked through `first` (`Option<Box<Tree>>`).
fn chain(n: usize) -> Tree {
    let mut t = Tree { name: "leaf".into(), children: vec![], first: None };
    for _ in 0..n {
        t = Tree { name: String::new(), children: vec![], first: Some(Box::new(t)) };
    }
    t
}

fn chain_len(t: &Tree) -> usize {
    let (mut n, mut cur) = (0, t);
    while let Some(next) = &cur.first {
        n += 1;
        cur = next;
    }
    n
}

/// Drops a chain without the recursion of the drop glue.
fn drop_chain(mut t: Tree) {
    while let Some(next) = t.first.take() {
        t = *next;
    }
}

#[test]
fn deep_box_arguments_fail_clearly_instead_of_overflowing_the_stack() {
    // On a default-sized (2 MiB) thread, in debug builds too.
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            // Up to the limit: works.
            let t = chain(rust2go::MAX_VIEW_DEPTH as usize - 1);
            let back = TypesImpl::echo_tree(&t);
            assert_eq!(chain_len(&back), chain_len(&t));
            drop_chain(back);
            drop_chain(t);
            // 100,000 levels: a panic with a message, and the thread can go on calling.
            let t = chain(100_000);
            let p = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| TypesImpl::echo_tree(&t))).expect_err("too deep");
            let msg = p.downcast_ref::<String>().cloned().unwrap_or_default();
            assert!(msg.starts_with("rust2go: an argument is nested deeper than 1000 levels"), "{msg}");
            drop_chain(t);
            assert_eq!(TypesImpl::echo_tree(&chain(3)).name, "");
        })
        .unwrap()
        .join()
        .unwrap();
}

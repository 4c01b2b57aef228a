//! Go reads nested arguments in place (the views are built in Go's memory layout): what the
//! handler sees, and the rules of README "Safety model" that can be checked from the outside.
use rust2go_types_tests::idl::*;

fn sample() -> Plain {
    let inner = |id: u32| Inner { id, name: format!("inner-{id}") };
    Plain {
        flag: true,
        small: -5,
        wide: u64::MAX - 1,
        size: -1234,
        ratio: 1.5,
        letter: 'ß',
        name: "a name of some length".into(),
        bytes: vec![1, 2, 3, 4],
        words: vec![7, 8],
        tags: vec!["x".into(), "yy".into(), "zzz".into()],
        grid: vec![vec![1, 2, 3], vec![], vec![4]],
        opt_num: Some(42),
        opt_str: Some("opt".into()),
        opt_inner: Some(inner(1)),
        inners: vec![inner(2), inner(3)],
        maybe: vec![None, Some(inner(4))],
        arr: [1, 2, 3],
        arr_str: ["left".into(), "right".into()],
        arr_inner: [inner(5), inner(6)],
        pair: (9, "nine".into()),
        color: Color::Black,
        colors: vec![Color::Green, Color::Red],
        boxed: Box::new(inner(7)),
        tree: Tree { name: "root".into(), children: vec![], first: None },
    }
}

#[test]
fn go_sees_the_rust_memory_with_cap_equal_to_len() {
    let p = sample();
    let here = &p as *const Plain as u64;
    let f = PlainFacts::of(&TypesImpl::in_place_facts(&p));
    // The argument itself is the view Rust built on its stack for this call, not a Go copy.
    assert!(f.x.abs_diff(here) < 1 << 20, "the Plain Go sees ({:#x}) is not on the caller's stack ({here:#x})", f.x);
    assert_eq!(f.name, p.name.as_ptr() as u64, "string bytes are the Rust bytes");
    assert_eq!((f.tags_len, f.tags_cap), (3, 3), "cap == len: append cannot write into Rust memory");
    assert_eq!(f.bytes, p.bytes.as_ptr() as u64);
    assert_eq!(f.bytes_cap, 4);
    assert_eq!(f.opt_num, p.opt_num.as_ref().unwrap() as *const u32 as u64, "Option<u32> points at the Rust value");
    assert_eq!((f.grid_cap, f.rows_capped), (3, 1));
}

struct PlainFacts {
    x: u64,
    name: u64,
    tags_len: u64,
    tags_cap: u64,
    bytes: u64,
    bytes_cap: u64,
    opt_num: u64,
    grid_cap: u64,
    rows_capped: u64,
}

impl PlainFacts {
    fn of(v: &[u64]) -> PlainFacts {
        let [x, name, tags_len, tags_cap, bytes, bytes_cap, opt_num, grid_cap, rows_capped] = v.try_into().expect("9 facts");
        PlainFacts { x, name, tags_len, tags_cap, bytes, bytes_cap, opt_num, grid_cap, rows_capped }
    }
}

#[test]
fn empty_data_is_null_and_none_is_nil() {
    let mut p = sample();
    p.name.clear();
    p.bytes.clear();
    p.tags.clear();
    p.grid.clear();
    p.opt_num = None;
    let f = PlainFacts::of(&TypesImpl::in_place_facts(&p));
    assert_eq!((f.name, f.bytes, f.bytes_cap, f.tags_len, f.tags_cap, f.opt_num, f.grid_cap), (0, 0, 0, 0, 0, 0, 0));
    assert_eq!(TypesImpl::echo_plain(&p), p);
}

#[test]
fn converted_parents_keep_their_in_place_children() {
    let m = Mixed {
        plain: sample(),
        by_name: [("k".to_string(), Inner { id: 1, name: "v".into() })].into(),
        lists: Default::default(),
        maybe: vec![],
        arr_map: Default::default(),
        tup: (Inner { id: 2, name: "t".into() }, Default::default()),
        shapes: vec![Shape::Empty],
        opt_map: None,
        holders: vec![],
        nothing: [],
    };
    let f = TypesImpl::mixed_facts(&m);
    assert_eq!(f, vec![m.plain.name.as_ptr() as u64, m.plain.bytes.as_ptr() as u64, 3, 3]);
    assert_eq!(TypesImpl::echo_mixed(&m), m);
}

#[test]
fn append_to_a_borrowed_slice_copies_into_go_memory() {
    let p = sample();
    let before = p.clone();
    let r = TypesImpl::append_tag(&p, "new".into());
    assert_eq!(r, vec!["x".to_string(), "yy".into(), "zzz".into(), "new".into()]);
    assert_eq!(p, before, "the Rust value is unchanged");
}

/// A handler that stores a Go pointer into in-place data breaks the cgo rules. Under
/// `GOEXPERIMENT=cgocheck2` Go stops the process at the store ("Go pointer stored into
/// non-Go memory"), tested in a child process; with Go's default checks the store is not
/// detected (README "Safety model" says what that means).
#[test]
fn storing_a_go_pointer_into_in_place_data() {
    if std::env::var_os("R2G_STORE_GO_POINTER_CHILD").is_some() {
        let p = sample();
        let r = TypesImpl::store_go_pointer(&p);
        assert_eq!(r, "go-21");
        assert_eq!(p.name, "a name of some length", "the store went to the view, not the Rust String");
        println!("store not detected");
        return;
    }
    let out = rust2go_test_support::command(std::env::current_exe().unwrap())
        .args(["--exact", "storing_a_go_pointer_into_in_place_data", "--nocapture", "--test-threads=1"])
        .env("R2G_STORE_GO_POINTER_CHILD", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let cgocheck2 = TypesImpl::go_build_setting("GOEXPERIMENT".into()).split(',').any(|e| e == "cgocheck2");
    if cgocheck2 {
        assert!(!out.status.success(), "cgocheck2 let the store pass:\n{stdout}\n{stderr}");
        assert!(stderr.contains("Go pointer stored into non-Go memory"), "unexpected failure:\n{stderr}");
    } else {
        assert!(out.status.success() && stdout.contains("store not detected"), "{stdout}\n{stderr}");
    }
}

#[test]
fn wide_fieldless_enums_are_read_in_place_as_int64() {
    let v = vec![Wide::High, Wide::Low, Wide::Next, Wide::High];
    assert_eq!(TypesImpl::echo_wide(&v), v);
    assert_eq!(TypesImpl::echo_wide(&vec![]), vec![]);
}

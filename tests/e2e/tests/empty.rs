//! Empty strings and vectors never hand Go a dangling pointer: Go sees length 0 and a nil data
//! pointer, after a forced GC and a stack copy while the arguments are live (a bogus pointer
//! would make the Go runtime throw, which `bogus_pointer_is_caught_by_go` shows really happens).

use rust2go_e2e::idl::*;
use rust2go_e2e::{empty_nested, nested};

/// The arguments of one `check_empty` call.
struct Args {
    s: String,
    owned: String,
    b: Vec<u8>,
    w: Vec<u32>,
    f: Vec<f64>,
    strs: Vec<String>,
    blobs: Vec<Vec<u8>>,
    users: Vec<User>,
    n: Nested,
}

impl Args {
    fn empty() -> Args {
        Args {
            s: String::new(),
            owned: String::new(),
            b: vec![],
            w: vec![],
            f: vec![],
            strs: vec![],
            blobs: vec![],
            users: vec![],
            n: empty_nested(),
        }
    }

    /// What Go reports ("" when every empty value had a nil data pointer).
    fn problems(self) -> String {
        let Args { s, owned, b, w, f, strs, blobs, users, n } = self;
        EmptyImpl::check_empty(&s, owned, &b, &w, &f, &strs, &blobs, &users, &n)
    }

    fn check(self) {
        assert_eq!(self.problems(), "", "Go saw non-nil data pointers for empty values");
    }
}

#[test]
fn empty_values_cross_as_nil() {
    Args::empty().check();
}

#[test]
fn empty_values_with_capacity_cross_as_nil() {
    // Allocated but empty: the pointer is valid, yet Go must still see nil, like every empty
    // value.
    let mut n = empty_nested();
    n.title = String::with_capacity(32);
    n.inner.values = Vec::with_capacity(8);
    Args {
        s: String::with_capacity(64),
        owned: String::with_capacity(64),
        b: Vec::with_capacity(64),
        w: Vec::with_capacity(64),
        f: Vec::with_capacity(64),
        strs: Vec::with_capacity(4),
        blobs: Vec::with_capacity(4),
        users: Vec::with_capacity(4),
        n,
    }
    .check();
}

#[test]
fn empty_elements_inside_containers_cross_as_nil() {
    let empty_user = User { name: String::new(), age: 3, tags: vec![String::new(), String::new()] };
    let inner = Inner { label: String::new(), words: vec![String::new()], values: vec![] };
    let n = Nested {
        title: String::new(),
        lines: vec![String::new(); 4],
        blobs: vec![vec![], vec![]],
        users: vec![empty_user.clone(), User { tags: vec![], ..empty_user.clone() }],
        inner: inner.clone(),
        inners: vec![inner.clone(), inner],
        grid: vec![vec![], vec![String::new()]],
    };
    Args { strs: vec![String::new(); 10], blobs: vec![vec![]; 10], users: vec![empty_user; 10], n, ..Args::empty() }.check();
}

#[test]
fn go_reports_a_non_empty_value() {
    // The checker is not vacuous: non-empty values are reported.
    let problems = Args { s: "x".into(), b: vec![1], n: nested(), ..Args::empty() }.problems();
    assert!(problems.contains("s: len 1, want 0"), "{problems}");
    assert!(problems.contains("b: len 1, want 0"), "{problems}");
    assert!(problems.contains("n.title: len"), "{problems}");
    assert!(!problems.contains("owned"), "{problems}");
}

#[test]
fn calls_with_empty_values_many_times() {
    // GC and stack copies across many calls, interleaved with non-empty calls.
    for i in 0..50 {
        Args::empty().check();
        assert_eq!(EchoImpl::echo_nested(&nested()), nested(), "call {i}");
    }
}

const PROBE_ENV: &str = "R2G_E2E_BOGUS_POINTER_PROBE";

/// Runs only in the child process of `bogus_pointer_is_caught_by_go`.
#[test]
fn bogus_pointer_probe_child() {
    if std::env::var_os(PROBE_ENV).is_some() {
        EmptyImpl::bogus_pointer_probe();
        println!("probe survived");
    }
}

#[test]
fn bogus_pointer_is_caught_by_go() {
    // In a child process, Go runs the same GC and stack copy with a string and a slice whose
    // data pointer is 0x1 (what `NonNull::dangling()` is for bytes): the runtime must throw.
    let out = rust2go_test_support::command(std::env::current_exe().unwrap())
        .args(["--exact", "bogus_pointer_probe_child", "--nocapture", "--test-threads=1"])
        .env(PROBE_ENV, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the child survived a bogus pointer:\n{stdout}\n{stderr}");
    assert!(!stdout.contains("probe survived"), "{stdout}");
    assert!(stderr.contains("invalid pointer found on stack"), "the Go runtime did not throw as expected:\n{stderr}");
}

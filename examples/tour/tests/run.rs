//! Each example binary runs to the end and prints what it says it does.

use std::process::Command;

fn run(exe: &str) -> String {
    let out = Command::new(exe).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{exe}: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{exe} wrote to stderr: {}", String::from_utf8_lossy(&out.stderr));
    stdout
}

#[test]
fn async_tokio() {
    let out = run(env!("CARGO_BIN_EXE_async_tokio"));
    assert!(out.starts_with("100 concurrent calls of 100 ms each: sum 9900 in "), "{out}");
}

#[test]
fn errors() {
    let out = run(env!("CARGO_BIN_EXE_errors"));
    let expected: [&str; 8] = [
        "parse_port(\"8080\") = Ok(8080)",
        "parse_port(\"http\") = Err(\"not a port: \\\"http\\\"\")",
        "find_user(1) = Ok(\"ferris\")",
        "find_user(7) = Err(AppError { code: 404, reason: \"no user 7\" })",
        "find_user(13) = Err(code -1: Go panic: user 13 is cursed)",
        // The panic is located at the call in the example, not in rust2go's runtime.
        &format!("a panic at examples/tour/src/bin/errors.rs:{}", line_of("src/bin/errors.rs", "ChecksImpl::explode(")),
        "explode(\"boom\") panicked: rust2go: Go handler Checks.explode panicked: exploded: boom",
        "parse_port(\"443\") = Ok(443)",
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), expected, "{out}");
}

#[test]
fn types() {
    let out = run(env!("CARGO_BIN_EXE_types"));
    let expected = [
        "area(Circle { r: 1.0 }) = 3.142",
        "area(Rect(2.0, 3.5)) = 7.000",
        "area(Empty) = 0.000",
        "stock [(\"apple\", 11), (\"pear\", 2)], note Some(\"fresh\"), level Low",
        "count(apple) = Some(11)",
        "count(plum) = None",
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), expected, "{out}");
}

#[test]
fn go_calls_rust() {
    let out = run(env!("CARGO_BIN_EXE_go_calls_rust"));
    assert_eq!(out, "best_word([\"go\", \"rust\", \"ffi\", \"zebra\"]) = \"rust\"\n");
}

#[test]
fn mem() {
    let out = run(env!("CARGO_BIN_EXE_mem"));
    assert_eq!(out, "1000 #[mem] calls: sum 500500\nqueues stopped\n");
}

#[test]
fn cancel() {
    let out = run(env!("CARGO_BIN_EXE_cancel"));
    let expected = ["wait(10 ms) cancelled: false", "wait(60 s) with a 20 ms timeout: timed out", "Go saw 1 cancelled context(s)"];
    assert_eq!(out.lines().collect::<Vec<_>>(), expected, "{out}");
}

/// The 1-based line of `file` (relative to this crate) containing `needle`.
fn line_of(file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    text.lines().position(|l| l.contains(needle)).expect("needle in file") + 1
}

//! The demo binary runs end to end.

#[test]
fn the_demo_binary_runs() {
    let out = rust2go_test_support::command(env!("CARGO_BIN_EXE_demo")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("ping(41) -> 42"), "{stdout}");
    assert!(stdout.contains("login -> succ=true"), "{stdout}");
    assert!(stdout.contains("[go] ihciah logged out"), "{stdout}");
}

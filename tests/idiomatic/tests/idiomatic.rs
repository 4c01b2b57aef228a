//! The idiomatic Go style end to end: sync, async, Go calling Rust, enums, `Result`, `&str`,
//! `&[u8]`, `&[Struct]`, `#[go_context]`, `#[mem]`, `Clone`; `encoding/json` sees the fields;
//! `go doc` shows the API.

use rust2go_idiomatic_tests::fnv;
use rust2go_idiomatic_tests::idl::{LoginOutcome, Role, User, UserService, UserServiceImpl};
use std::process::Command;

fn user(id: u32, name: &str, tags: &[&str]) -> User {
    User { user_id: id, name: name.into(), tags: tags.iter().map(|t| t.to_string()).collect() }
}

#[test]
fn encoding_json_sees_the_exported_fields() {
    assert_eq!(UserServiceImpl::user_json(&user(10, "a", &["x"])), r#"{"UserID":10,"Name":"a","Tags":["x"]}"#);
    assert_eq!(UserServiceImpl::user_json(&user(0, "", &[])), r#"{"UserID":0,"Name":"","Tags":null}"#);
}

#[test]
fn sync_calls_with_str_and_slices() {
    let text = String::from("<bob>");
    assert_eq!(UserServiceImpl::greet(&text[1..4], 2), "hi bob hi bob");
    assert_eq!(UserServiceImpl::greet("", 0), "");
    let data: Vec<u8> = (0..=255).cycle().take(1000).collect();
    assert_eq!(UserServiceImpl::count(&data[..512], 7), 2);
    assert_eq!(UserServiceImpl::count(&[], 7), 0);
    let users = [user(1, "a", &[]), user(20, "b", &["t"]), user(300, "c", &["u", "v"])];
    assert_eq!(UserServiceImpl::total_ids(&users[1..]), 320);
    assert_eq!(UserServiceImpl::total_ids(&[]), 0);
}

#[test]
fn enums_and_structs_by_pointer_or_value() {
    let u = user(7, "ann", &["x"]);
    assert_eq!(UserServiceImpl::describe(&u, Role::Admin), "ann (7) as 10");
    assert_eq!(UserServiceImpl::describe_value(&u, Role::Guest), "ann (7) as 0");
}

#[test]
fn result_methods() {
    let u = user(7, "ann", &[]);
    assert_eq!(UserServiceImpl::login(&u, "secret"), Ok(LoginOutcome::Accepted { session_id: 7000 }));
    assert_eq!(UserServiceImpl::login(&u, "guess"), Ok(LoginOutcome::Denied("bad password for ann".into())));
    assert_eq!(UserServiceImpl::login(&user(1, "locked", &[]), "secret"), Ok(LoginOutcome::Locked));
    assert_eq!(UserServiceImpl::login(&u, ""), Err("empty password for ann".into()));
}

#[test]
fn go_calls_rust_with_values() {
    let data: Vec<u8> = (0..=255).collect();
    assert_eq!(UserServiceImpl::hash_via_rust(&data[3..]), fnv(&data[3..]));
    assert_eq!(UserServiceImpl::find_via_rust(5), r#"{"UserID":5,"Name":"user5","Tags":["found"]}"#);
    assert_eq!(UserServiceImpl::find_via_rust(0), "null");
    assert_eq!(UserServiceImpl::parse_via_rust(" 42 "), "42");
    assert!(UserServiceImpl::parse_via_rust("x").starts_with("error: `x`: invalid digit"), "{}", UserServiceImpl::parse_via_rust("x"));
}

#[test]
fn clone_keeps_a_value_after_the_call() {
    let mut u = user(9, "kept", &["a", "b"]);
    UserServiceImpl::keep(&u);
    u.name.clear();
    u.tags[0].replace_range(.., "z");
    drop(u);
    assert_eq!(UserServiceImpl::kept(), Some(user(9, "kept", &["a", "b"])));
}

#[test]
fn async_calls() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let ids = [1u32, 2, 3];
        assert_eq!(UserServiceImpl::login_async("ann", &ids[1..]).await, LoginOutcome::Accepted { session_id: 5 });
        assert_eq!(UserServiceImpl::login_async("bob", &[]).await, LoginOutcome::Denied("bob".into()));
        let users = [user(1, "a", &["x"]), user(2, "b", &[])];
        assert_eq!(
            UserServiceImpl::users_json_async(&users).await,
            r#"[{"UserID":1,"Name":"a","Tags":["x"]},{"UserID":2,"Name":"b","Tags":null}]"#
        );
        // #[go_context]: dropping the future cancels Go's context; a completed wait is false.
        assert!(!UserServiceImpl::wait(1).await);
        let before = UserServiceImpl::cancellations();
        let early = tokio::time::timeout(std::time::Duration::from_millis(20), UserServiceImpl::wait(60_000)).await;
        assert!(early.is_err(), "the wait ended before its timeout");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while UserServiceImpl::cancellations() == before {
            assert!(std::time::Instant::now() < deadline, "Go never saw its context cancelled");
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        // #[mem]: through the shared-memory queue.
        let data = b"0123456789".to_vec();
        assert_eq!(UserServiceImpl::echo_mem(&data[5..], "tag").await, b"tag:56789".to_vec());
    });
}

fn go_doc(args: &[&str]) -> String {
    let go = std::env::var("GO").unwrap_or_else(|_| "go".into());
    let out = Command::new(go)
        .arg("doc")
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/go"))
        .env("GOTOOLCHAIN", "local")
        .output()
        .expect("run go doc");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "go doc {args:?} failed:\n{text}");
    text
}

#[test]
fn go_doc_shows_the_api() {
    // The interface with its exported methods and their doc comments.
    let service = go_doc(&["-cmd", "UserService"]);
    assert!(service.contains("The service, implemented in Go (go/impl.go)."), "{service}");
    assert!(service.contains("Greet(name string, times uint32) string"), "{service}");
    assert!(service.contains("// Greets `name`, `times` times."), "{service}");
    let method = go_doc(&["-cmd", "UserService.UserJSON"]);
    assert!(method.contains("UserJSON(u *User) string") && method.contains("The JSON encoding of `u` (encoding/json)."), "{method}");
    // A struct with its field docs, and a method of the Go type that calls Rust.
    let user = go_doc(&["-cmd", "User"]);
    assert!(user.contains("A user of the service.") && user.contains("// The user's id.") && user.contains("UserID uint32"), "{user}");
    let hash = go_doc(&["-cmd", "RustSideImpl.Hash"]);
    assert!(hash.contains("func (RustSideImpl) Hash(data []uint8) uint64") && hash.contains("FNV-1a of `data`."), "{hash}");
}

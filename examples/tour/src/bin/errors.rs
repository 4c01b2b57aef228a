//! Errors: a Go `error` as `Err(String)`, an error type of our own, and Go panics.

use tour::idl::{AppError, Checks, ChecksImpl};

fn main() {
    println!("parse_port(\"8080\") = {:?}", ChecksImpl::parse_port("8080".into()));
    println!("parse_port(\"http\") = {:?}", ChecksImpl::parse_port("http".into()));
    println!("find_user(1) = {:?}", ChecksImpl::find_user(1));
    println!("find_user(7) = {:?}", ChecksImpl::find_user(7));
    // A Go panic in a Result method: Err(AppError::from(GoPanic)).
    match ChecksImpl::find_user(13) {
        Err(AppError { code, reason }) => println!("find_user(13) = Err(code {code}: {})", first_line(&reason)),
        other => println!("find_user(13) = {other:?}"),
    }
    // A Go panic in a method without Result: a Rust panic at the call (this file and line),
    // which we catch here; the hook prints where it happened instead of the usual report.
    std::panic::set_hook(Box::new(|info| {
        if let Some(l) = info.location() {
            println!("a panic at {}:{}", l.file(), l.line());
        }
    }));
    let caught = std::panic::catch_unwind(|| ChecksImpl::explode("boom".into())).unwrap_err();
    let message = caught.downcast_ref::<String>().cloned().unwrap_or_default();
    println!("explode(\"boom\") panicked: {}", first_line(&message));
    // The program carries on.
    println!("parse_port(\"443\") = {:?}", ChecksImpl::parse_port("443".into()));
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or_default()
}

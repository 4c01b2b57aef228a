mod user;

use user::{LoginRequest, TestCall, TestCallImpl, User};

fn main() {
    println!("ping(41) -> {}", TestCallImpl::ping(41));

    let req = LoginRequest {
        user: User { id: 7, name: "ihciah".into(), age: 28 },
        password: "hunter2".into(),
        tags: vec!["admin".into(), "rust".into()],
    };
    let resp = TestCallImpl::login(&req);
    println!("login -> succ={} message={:?} token={} bytes", resp.succ, resp.message, resp.token.len());

    TestCallImpl::logout(&req.user);
    println!("logout -> done");
}

#[cfg(test)]
mod tests {
    use super::user::{LoginRequest, TestCall, TestCallImpl, User};

    #[test]
    fn demo_calls_work() {
        assert_eq!(TestCallImpl::ping(41), 42);
        let req = LoginRequest {
            user: User { id: 7, name: "ihciah".into(), age: 28 },
            password: "hunter2".into(),
            tags: vec!["admin".into(), "rust".into()],
        };
        let resp = TestCallImpl::login(&req);
        assert!(resp.succ);
        assert_eq!(resp.message, "welcome ihciah (id 7, age 28), tags admin,rust");
        assert_eq!(resp.token, b"token-ihciah");
        // `logout` prints from Go (which the test harness cannot capture): the binary's test
        // (tests/run.rs) runs it and checks what it prints.
    }
}

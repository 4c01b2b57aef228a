//! A Rust library that a Go program calls (see `go/`): `cargo build -p example-go2rust`,
//! then `go run .` / `go test` in `go/`.

pub mod idl;

use idl::{DemoUser, LookupRequest, LookupResponse, RustCall, RustCallImpl};

impl RustCall for RustCallImpl {
    fn hash(data: &Vec<u8>) -> u64 {
        data.iter().fold(0xcbf29ce484222325u64, |h, b| (h ^ *b as u64).wrapping_mul(0x100000001b3))
    }

    fn demo_log(name: String, age: u8) {
        eprintln!("[rust] {name} is {age}");
    }

    async fn lookup(req: &LookupRequest) -> LookupResponse {
        LookupResponse { key: req.key.clone(), hits: (0..req.limit).map(|i| format!("{}#{i}", req.key)).collect() }
    }

    fn describe(user: &DemoUser) -> String {
        format!("{} ({} years)", user.name, user.age)
    }

    fn parse(text: String) -> Result<i64, String> {
        text.trim().parse().map_err(|e| format!("cannot parse {text:?}: {e}"))
    }
}

//! Both directions in one program: Rust calls Go (`GoCall`), whose handlers call back into
//! Rust (`RustCall`, implemented here).

pub mod idl;

use idl::{All, DemoUser, LookupRequest, LookupResponse, RustCall, RustCallImpl};
use std::sync::atomic::{AtomicU64, Ordering};

/// How many times `demo_log` ran (observable by tests).
pub static DEMO_LOGS: AtomicU64 = AtomicU64::new(0);

/// FNV-1a.
pub fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf29ce484222325u64, |h, b| (h ^ *b as u64).wrapping_mul(0x100000001b3))
}

impl RustCall for RustCallImpl {
    fn hash(data: &Vec<u8>) -> u64 {
        fnv(data)
    }

    fn demo_log(name: String, age: u8) {
        assert!(!name.is_empty());
        let _ = age;
        DEMO_LOGS.fetch_add(1, Ordering::Relaxed);
    }

    async fn lookup(req: &LookupRequest) -> LookupResponse {
        // A real await point: yield once to the executor.
        let mut yielded = false;
        std::future::poll_fn(|cx| {
            if yielded {
                std::task::Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                std::task::Poll::Pending
            }
        })
        .await;
        LookupResponse { key: req.key.clone(), values: (0..req.n).map(|i| format!("{}-{i}", req.key)).collect() }
    }

    fn lookup_sync(req: &LookupRequest) -> LookupResponse {
        LookupResponse { key: req.key.clone(), values: (0..req.n).map(|i| format!("{}-{i}", req.key)).collect() }
    }

    fn greet(user: &DemoUser) -> String {
        format!("hello {} ({})", user.name, user.age)
    }

    fn boom(msg: String) -> u32 {
        panic!("rust boom: {msg}")
    }

    fn checked(n: u32) -> Result<u32, String> {
        if n % 2 == 0 { Ok(n / 2) } else { Err(format!("{n} is odd")) }
    }

    fn count_keys(m: &std::collections::HashMap<String, u32>) -> Result<u32, String> {
        Ok(m.len() as u32)
    }

    #[allow(clippy::too_many_arguments)]
    fn taken_names(out: u32, args: &String, len: u32, int: u8, char: char, handle: &Vec<u8>, scratch: u64, errno: bool) -> u64 {
        out as u64 + args.len() as u64 + len as u64 + int as u64 + char as u64 + handle.len() as u64 + scratch + errno as u64
    }

    #[allow(non_snake_case)]
    async fn taken_names_async(void: u32, C: &String, new: u32, args_len: u32) -> u64 {
        void as u64 + C.len() as u64 + new as u64 + args_len as u64
    }

    fn checked_boom(msg: String) -> Result<u32, String> {
        panic!("checked boom: {msg}")
    }

    async fn async_boom(msg: String) -> String {
        panic!("async boom: {msg}")
    }

    async fn tokio_sleep(ms: u32) -> u32 {
        tokio::time::sleep(std::time::Duration::from_millis(ms.into())).await;
        ms
    }

    fn nothing() {}

    fn flag(b: bool, c: char) -> bool {
        b && c == 'λ'
    }

    fn big(n: u32) -> Vec<String> {
        (0..n).map(|i| format!("entry number {i:08} with some padding")).collect()
    }

    fn describe_users(sep: &str, users: &[DemoUser]) -> String {
        users.iter().map(|u| format!("{}:{}", u.name, u.age)).collect::<Vec<_>>().join(sep)
    }

    async fn hash_slice(data: &[u8]) -> u64 {
        fnv(data)
    }

    fn echo_all(x: &All) -> All {
        x.clone()
    }

    fn echo_all_by_value(x: All) -> All {
        x
    }

    async fn echo_all_async(x: &All) -> All {
        x.clone()
    }

    fn echo_all_result(x: &All, e: &Option<String>) -> Result<All, String> {
        e.clone().map_or_else(|| Ok(x.clone()), Err)
    }

    fn echo_borrowed(s: &str, xs: &[All]) -> (String, Vec<All>) {
        (s.to_string(), xs.to_vec())
    }

    fn echo_scalars(b: bool, c: char, i: i64, u: usize, f: f32, d: f64) -> (bool, char, i64, usize, f32, f64) {
        (b, c, i, u, f, d)
    }
}

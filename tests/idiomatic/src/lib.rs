//! The idiomatic Go style end to end: Rust calls Go (`UserService`), whose handlers call back
//! into Rust (`RustSide`, implemented here).

pub mod idl;

use idl::{RustSide, RustSideImpl, User};

/// FNV-1a.
pub fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf29ce484222325u64, |h, b| (h ^ *b as u64).wrapping_mul(0x100000001b3))
}

impl RustSide for RustSideImpl {
    fn echo_profile(p: &idl::Profile) -> idl::Profile {
        p.clone()
    }

    fn hash(data: &[u8]) -> u64 {
        fnv(data)
    }

    async fn find_user(user_id: u32) -> Option<User> {
        (user_id != 0).then(|| User { user_id, name: format!("user{user_id}"), tags: vec!["found".into()] })
    }

    fn parse_id(text: &str) -> Result<u32, String> {
        text.trim().parse().map_err(|e| format!("`{text}`: {e}"))
    }
}

//! The IDL: what crosses between Rust and Go.

pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct User {
    pub id: u32,
    pub name: String,
    pub age: u8,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct LoginRequest {
    pub user: User,
    pub password: String,
    pub tags: Vec<String>,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct LoginResponse {
    pub succ: bool,
    pub message: String,
    pub token: Vec<u8>,
}

#[rust2go::r2g]
pub trait TestCall {
    #[go_pass_struct]
    fn ping(n: usize) -> usize;
    fn login(req: &LoginRequest) -> LoginResponse;
    fn logout(req: &User);
}

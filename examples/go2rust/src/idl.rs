pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

#[derive(rust2go::R2G, Clone, Debug)]
pub struct DemoUser {
    pub name: String,
    pub age: u8,
}

#[derive(rust2go::R2G, Clone, Debug)]
pub struct LookupRequest {
    pub key: String,
    pub limit: u32,
}

#[derive(rust2go::R2G, Clone, Debug)]
pub struct LookupResponse {
    pub key: String,
    pub hits: Vec<String>,
}

#[rust2go::g2r]
pub trait RustCall {
    fn hash(data: &Vec<u8>) -> u64;
    fn demo_log(name: String, age: u8);
    async fn lookup(req: &LookupRequest) -> LookupResponse;
    fn describe(user: &DemoUser) -> String;
    fn parse(text: String) -> Result<i64, String>;
}

#[derive(rust2go::R2G)]
pub struct Point(pub i32, pub i32);

fn main() {}

#[derive(rust2go::R2G)]
pub struct Wrapper<T> {
    pub value: T,
}

fn main() {}

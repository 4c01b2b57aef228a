// The rules of object traits (`&self` methods and constructors returning `Self`).
#[rust2go::r2g]
pub trait Counter {
    fn new(start: u64) -> Self;
    async fn open(start: u64) -> Self;
    fn add(&self, n: u64) -> u64;
    fn version() -> u32;
    fn merge(a: Self, b: &Self) -> Self;
    #[mem]
    async fn slow(&self) -> u64;
    async fn fork(&self) -> Self;
    fn many(&self, all: Vec<Self>);
}

#[rust2go::r2g]
pub trait Plain {
    fn id(other: &Self) -> u32;
}

fn main() {}

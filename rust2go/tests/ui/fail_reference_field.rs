// References cannot be fields, not even inside other types.
#[derive(rust2go::R2G)]
pub struct Borrowing {
    pub name: &'static String,
    pub names: Vec<&'static String>,
    pub maybe: Option<&'static u32>,
}

fn main() {}

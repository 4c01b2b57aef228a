#[derive(rust2go::R2G)]
pub union Bits {
    pub int: u32,
    pub float: f32,
}

fn main() {}

// The attributes on the wrong kind of item.
#[rust2go::r2g]
pub struct NotATrait {
    pub id: u32,
}

#[derive(rust2go::R2G)]
pub enum Empty {}

fn main() {}

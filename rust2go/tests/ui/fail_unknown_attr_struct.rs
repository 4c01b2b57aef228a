// A rust2go method attribute on a struct or a field.
#[derive(rust2go::R2G)]
#[go_pass_struct]
pub struct User {
    #[drop_safe]
    pub id: u32,
}

fn main() {}

// A file with traits but no `binding` module: rust2go says which line to add (rather than
// rustc's suggestion to add a crate named `binding`).
#[derive(rust2go::R2G)]
pub struct User {
    pub id: u32,
}

#[rust2go::r2g]
pub trait Calls {
    fn ping(user: &User) -> u32;
}

#[rust2go::g2r]
pub trait Callbacks {
    fn notify(user: User);
}

fn main() {}

// An unknown type name in the IDL is reported at its use, with the similar name (rustc's
// suggestion; the build helper and the CLI, which see the whole file, report it with the
// file's other IDL errors and say "did you mean `User`?").
#[derive(rust2go::R2G)]
pub struct User {
    pub id: u32,
}

#[derive(rust2go::R2G)]
pub struct Order {
    pub buyer: Usr,
}

mod binding {
    #![allow(non_snake_case, dead_code)]
    pub struct R2gGlue;
    impl rust2go::__private::BindingModule for R2gGlue {}
    pub fn Shop__login(_user: &super::User) -> bool {
        true
    }
}

#[rust2go::r2g]
pub trait Shop {
    fn login(user: &Uesr) -> bool;
}

fn main() {}

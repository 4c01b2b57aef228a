// A type used by a trait must have #[derive(rust2go::R2G)]; reported where it is used.
pub struct Plain {
    pub id: u32,
}

mod binding {
    #![allow(non_snake_case, dead_code)]
    pub struct R2gGlue;
    impl rust2go::__private::BindingModule for R2gGlue {}
    pub fn Calls__lookup(_req: &super::Plain) -> Option<Vec<super::Plain>> {
        None
    }
}

#[rust2go::r2g]
pub trait Calls {
    fn lookup(req: &Plain) -> Option<Vec<Plain>>;
}

#[rust2go::g2r]
pub trait Callbacks {
    fn notify(user: Plain);
}

fn main() {}

// `#[cfg(..)]` on structs, fields, variants, traits and methods is kept on the declared items
// and repeated on what the macros generate, so rustc compiles an item and its parts together:
// here the `any()` (false) items name types and glue that do not exist. rust2go 0.4's
// `#[cgo_callback]` / `#[cgo_call]` / `#[cgo]` are accepted; on sync methods and #[g2r] traits
// they change nothing (`#[cgo]` keeps an async #[r2g] method off its trait's ring). As in
// pass_passive_attrs.rs, a hand-written `binding` module stands in for the generated glue.

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct User {
    pub id: u32,
    #[cfg(any())]
    pub gone: NoSuchType,
}

#[derive(rust2go::R2G, Clone, Copy, Debug, PartialEq)]
pub enum Color {
    Red,
    #[cfg(any())]
    Gone(NoSuchType),
    Green,
}

#[cfg(any())]
#[derive(rust2go::R2G)]
pub struct Hidden {
    pub x: NoSuchType,
}

mod binding {
    #![allow(non_snake_case)]
    use super::{Color, User};

    pub struct R2gGlue;
    impl rust2go::__private::BindingModule for R2gGlue {}

    pub fn Calls__ping(n: usize) -> usize {
        n + 1
    }
    pub fn Calls__user(u: &User) -> u32 {
        u.id
    }
    pub fn Calls__color(c: Color) -> Color {
        c
    }
    pub fn Later__add(a: u32) -> std::future::Ready<u32> {
        std::future::ready(a + 1)
    }
}

#[rust2go::r2g]
pub trait Calls {
    #[cgo_callback]
    fn ping(n: usize) -> usize;
    #[cfg(all())]
    #[cgo]
    fn user(u: &User) -> u32;
    #[cfg(any())]
    fn gone(h: &Hidden) -> NoSuchType;
    #[cfg(any())]
    #[cgo_callback]
    async fn gone_async(h: Hidden);
    fn color(c: Color) -> Color;
}

// A `#[cfg]` written after the macro attribute reaches the macro, which repeats it.
#[rust2go::r2g]
#[cfg(all())]
pub trait Later {
    #[cgo]
    async fn add(a: u32) -> u32;
}

#[rust2go::r2g]
#[cfg(any())]
pub trait Never {
    fn never(h: &Hidden);
}

#[rust2go::g2r]
pub trait Callbacks {
    #[cgo_call]
    fn hash(data: &Vec<u8>) -> u64;
    #[cgo]
    fn log(user: &User);
    #[cfg(any())]
    fn gone(h: &Hidden);
}

impl Callbacks for CallbacksImpl {
    fn hash(data: &Vec<u8>) -> u64 {
        data.iter().map(|b| *b as u64).sum()
    }
    fn log(_user: &User) {}
}

fn main() {
    assert_eq!(CallbacksImpl::hash(&vec![1, 2, 3]), 6);
    CallbacksImpl::log(&User { id: 1 });
    assert_eq!(CallsImpl::ping(41), 42);
    assert_eq!(CallsImpl::user(&User { id: 7 }), 7);
    assert_eq!(CallsImpl::color(Color::Green), Color::Green);
    let _ = LaterImpl::add(1);
}

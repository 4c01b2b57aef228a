// Doc comments, #[allow(..)], #[cfg_attr(..)] and #[must_use] on structs, enums, traits and
// methods are accepted (and kept on the declared items). The Rust glue normally comes from
// OUT_DIR (`rust2go::r2g_include_binding!()`); here a hand-written `binding` module stands in
// for it, so the expansion of #[r2g] can be checked by running it.

/// A user.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
#[allow(dead_code)]
#[cfg_attr(all(), derive(Default))]
pub struct User {
    /// The id.
    pub id: u32,
    #[allow(unused)]
    pub name: String,
}

/// A color.
#[derive(rust2go::R2G, Clone, Copy, Debug, PartialEq)]
#[allow(dead_code)]
pub enum Color {
    /// Red.
    Red,
    Green = 5,
}

mod binding {
    #![allow(non_snake_case)]
    use super::{Color, User};
    pub struct R2gGlue;
    impl rust2go::__private::BindingModule for R2gGlue {}

    pub fn Calls__ping(n: usize) -> usize {
        n + 1
    }
    pub fn Calls__rename(user: &User, name: String) -> User {
        User { id: user.id, name }
    }
    pub fn Calls__color(c: Color) -> Color {
        c
    }
    pub fn Calls__later(n: u32) -> std::future::Ready<u32> {
        std::future::ready(n * 2)
    }
}

/// Calls into Go.
///
/// More documentation.
#[rust2go::r2g]
#[allow(clippy::all)]
#[cfg_attr(all(), allow(unused))]
#[doc = "An attribute-style doc line."]
pub trait Calls {
    /// Adds one.
    #[go_pass_struct]
    #[must_use]
    fn ping(n: usize) -> usize;
    #[allow(clippy::ptr_arg)]
    #[cfg_attr(all(), allow(unused_variables))]
    /// Renames a user.
    fn rename(user: &User, name: String) -> User;
    #[warn(unused)]
    #[deny(unused_must_use)]
    fn color(c: Color) -> Color;
    /// Async, with a rust2go attribute among passive ones.
    #[allow(unused)]
    #[send]
    fn later(n: u32) -> impl std::future::Future<Output = u32>;
}

/// Called from Go.
#[rust2go::g2r]
#[allow(unused)]
pub trait Callbacks {
    /// Documented.
    #[cfg_attr(all(), allow(unused))]
    fn hash(data: &Vec<u8>) -> u64;
    #[go_pass_struct]
    #[allow(unused)]
    fn log(user: &User);
}

impl Callbacks for CallbacksImpl {
    fn hash(data: &Vec<u8>) -> u64 {
        data.iter().map(|b| *b as u64).sum()
    }
    fn log(_user: &User) {}
}

fn assert_send_sync<T: Send + Sync>(_: &T) {}

fn main() {
    assert_eq!(CallbacksImpl::hash(&vec![1, 2, 3]), 6);
    CallbacksImpl::log(&User::default());
    assert_eq!(CallsImpl::ping(41), 42);
    let user = User { id: 7, name: "a".into() };
    assert_eq!(CallsImpl::rename(&user, "b".into()), User { id: 7, name: "b".into() });
    assert_eq!(CallsImpl::color(Color::Green), Color::Green);
    let fut = CallsImpl::later(21);
    assert_send_sync(&fut);
    // The future is ready at once; poll it with a no-op waker.
    let waker = noop_waker();
    let mut cx = std::task::Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    assert_eq!(std::future::Future::poll(fut.as_mut(), &mut cx), std::task::Poll::Ready(42));
}

fn noop_waker() -> std::task::Waker {
    use std::task::{RawWaker, RawWakerVTable, Waker};
    fn clone(_: *const ()) -> RawWaker {
        RawWaker::new(std::ptr::null(), &VTABLE)
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) }
}

//! Trait registration: a trait whose `<Trait>Impl` Go never assigns panics in Rust with a
//! message naming it and leaves the program usable; two traits with methods of the same name
//! each reach their own Go implementation.

use rust2go_e2e::idl::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

fn panic_message(f: impl FnOnce()) -> String {
    let p = catch_unwind(AssertUnwindSafe(f)).expect_err("the call should panic");
    p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}

fn assert_names_unregistered(msg: &str, method: &str) {
    assert!(msg.contains("UnregisteredImpl is not set"), "{msg}");
    assert!(msg.contains(&format!("Unregistered.{method}")), "the method is named: {msg}");
    assert!(msg.contains("assign an implementation of the Unregistered interface"), "{msg}");
}

#[test]
fn unset_impl_panics_naming_the_trait_and_the_program_keeps_working() {
    // Each result path: scalar as the C return value, through the buffer, and none.
    let msg = panic_message(|| {
        UnregisteredImpl::never(1);
    });
    assert_names_unregistered(&msg, "never");
    assert_eq!(LeftImpl::hello(1), "left 1", "a registered trait still works");

    let msg = panic_message(|| {
        UnregisteredImpl::never_string(&"arg".to_string());
    });
    assert_names_unregistered(&msg, "never_string");
    assert_eq!(EchoImpl::echo_string(&"after".to_string()), "after");

    let msg = panic_message(UnregisteredImpl::never_unit);
    assert_names_unregistered(&msg, "never_unit");
    assert_eq!(AllocImpl::add(2, 3), 5);

    // Repeatedly, and the scratch buffer of this thread is still usable afterwards.
    for i in 0..100u32 {
        let msg = panic_message(|| {
            UnregisteredImpl::never_string(&i.to_string());
        });
        assert_names_unregistered(&msg, "never_string");
        assert_eq!(RightImpl::hello(i), format!("right {i}"));
    }
}

#[test]
fn unset_impl_panics_on_another_thread_too() {
    let msg = std::thread::spawn(|| {
        panic_message(|| {
            UnregisteredImpl::never(7);
        })
    }).join().unwrap();
    assert_names_unregistered(&msg, "never");
}

#[test]
fn same_method_names_in_two_traits_do_not_collide() {
    for x in [0, 1, u32::MAX] {
        assert_eq!(LeftImpl::hello(x), format!("left {x}"));
        assert_eq!(RightImpl::hello(x), format!("right {x}"));
    }
    // Same name, different signatures.
    assert_eq!(LeftImpl::shared(&"abc".to_string()), 1003);
    assert_eq!(RightImpl::shared(u64::MAX), format!("right shared {}", u64::MAX));
    // Interleaved.
    for i in 0..1000u32 {
        if i % 2 == 0 {
            assert_eq!(LeftImpl::hello(i), format!("left {i}"));
        } else {
            assert_eq!(RightImpl::hello(i), format!("right {i}"));
        }
    }
}

#[test]
fn the_glue_module_can_be_named_in_the_attribute() {
    use rust2go_e2e::idl::{BareBinding, BareBindingImpl, NamedBinding, NamedBindingImpl};
    assert_eq!(NamedBindingImpl::named_binding(40), 41, "#[r2g(binding = other_glue)]");
    assert_eq!(BareBindingImpl::bare_binding(40), 42, "#[r2g(other_glue)]");
}

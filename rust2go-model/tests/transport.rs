//! Which transport each method's calls take (the ring by default for the async methods it can
//! carry, `#[mem]` to force it, `#[cgo]` to keep a method on its export), and the errors of
//! `#[cgo]`.

use rust2go_model::{parse_file_str, Transport};

fn errors(src: &str) -> String {
    match parse_file_str(src) {
        Ok(_) => String::new(),
        Err(e) => e.render("idl.rs"),
    }
}

#[test]
fn async_methods_ride_the_ring_unless_it_cannot_carry_them() {
    let m = parse_file_str(
        "#[rust2go::r2g]
         pub trait T {
             async fn plain(x: u32) -> u32;
             fn imp(x: &String) -> impl std::future::Future<Output = u8>;
             #[drop_safe] async fn owned(x: String) -> u32;
             #[mem] async fn forced(x: u32) -> u32;
             #[mem] fn one_way(x: u32);
             #[cgo] async fn opted_out(x: u32) -> u32;
             #[go_inline] async fn inline(x: u32) -> u32;
             #[go_context] async fn cancelled(x: u32) -> u32;
             fn sync(x: u32) -> u32;
         }
         #[rust2go::r2g]
         pub trait Counter {
             fn new(n: u64) -> Self;
             async fn get(&self) -> u64;
         }
         #[rust2go::r2g]
         pub trait Pool {
             async fn total(c: &CounterImpl) -> u64;
             async fn count(n: u64) -> u64;
         }
         #[rust2go::g2r]
         pub trait Back { async fn hook(n: u32) -> u32; }
         #[rust2go::r2g]
         pub trait Pooled { #[cgo] async fn a(); fn b(); }",
    )
    .unwrap();
    let of = |t: usize| m.traits[t].methods.iter().map(|m| m.transport).collect::<Vec<_>>();
    use Transport::*;
    assert_eq!(of(0), [Ring, Ring, Ring, Mem, Mem, Export, Export, Export, Export]);
    assert_eq!(of(1), [Export, Export]);
    assert_eq!(of(2), [Export, Ring]);
    assert_eq!(of(3), [Export]);
    assert_eq!(of(4), [Export, Export]);
    let t = &m.traits[0];
    assert!(t.has_ring() && t.has_explicit_mem());
    assert_eq!(t.methods.iter().map(|m| m.has_export()).collect::<Vec<_>>(), [true, true, true, false, false, true, true, true, true]);
    assert!(m.traits[2].has_ring() && !m.traits[2].has_explicit_mem());
    assert!([1, 3, 4].iter().all(|&i| !m.traits[i].has_ring()));
}

#[test]
fn cgo_errors_point_at_the_method_and_come_together() {
    let e = errors(
        "#[rust2go::r2g] pub trait T {
    #[cgo] #[mem] async fn a();
    #[cgo] fn b() -> u32;
    #[cgo] #[go_inline] async fn c();
    #[cgo] async fn fine();
}
#[rust2go::g2r] pub trait G { #[cgo] async fn d(); #[cgo_call] fn e(); }",
    );
    assert!(e.contains("idl.rs:2:28: error: rust2go: `#[cgo]` and `#[mem]` exclude each other"), "{e}");
    assert!(e.contains("idl.rs:4:34: error: rust2go: `#[cgo]` and `#[go_inline]` exclude each other"), "{e}");
    // On a sync method and a #[g2r] trait (rust2go 0.4's places for it) it changes nothing.
    assert_eq!(e.matches(": error:").count(), 2, "{e}");
}

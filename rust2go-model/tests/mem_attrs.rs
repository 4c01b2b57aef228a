//! `#[mem]` (`#[shm]`, `#[mem_call]`) and `queue_size`: parsing and errors.

use rust2go_model::parse_file_str;

fn errors(src: &str) -> String {
    match parse_file_str(src) {
        Ok(_) => String::new(),
        Err(e) => e.render("idl.rs"),
    }
}

#[test]
fn mem_aliases_and_queue_size_parse() {
    let m = parse_file_str(
        "#[rust2go::r2g(binding = b, queue_size = 64)]
         pub trait T {
             #[mem] async fn a(x: u32) -> u32;
             #[shm] async fn b();
             #[mem_call] fn c() -> impl std::future::Future<Output = u8>;
             async fn d();
         }",
    )
    .unwrap();
    let t = &m.traits[0];
    assert_eq!((t.queue_size, t.binding.as_str()), (64, "b"));
    assert_eq!(t.methods.iter().map(|m| m.attrs.mem).collect::<Vec<_>>(), [true, true, true, false]);
    assert!(t.has_ring() && t.has_explicit_mem());
    let m = parse_file_str("#[rust2go::r2g] pub trait T { #[mem] async fn a(); }").unwrap();
    assert_eq!(m.traits[0].queue_size, rust2go_model::DEFAULT_QUEUE_SIZE);
}

#[test]
fn one_way_mem_and_rounded_queue_size() {
    // rust2go 0.4's shared-memory example: a sync `#[mem]` method without a result, and a
    // queue size that is not a power of two.
    let m = parse_file_str(
        "#[rust2go::r2g(queue_size = 40960)]
         pub trait T {
             #[mem] fn log(x: &String);
             #[mem] fn tick() -> ();
             #[mem] async fn get(x: u32) -> u32;
         }",
    )
    .unwrap();
    let t = &m.traits[0];
    assert_eq!(t.queue_size, 65536);
    assert_eq!(t.methods[0].flavor, rust2go_model::Flavor::Sync);
    assert!(t.methods.iter().all(|m| m.attrs.mem));
    for (given, used) in [(2, 2), (3, 4), (100, 128), (4096, 4096), (1048576, 1048576), (1000000, 1048576)] {
        let m = parse_file_str(&format!("#[rust2go::r2g(queue_size = {given})] pub trait T {{ #[mem] fn a(); }}")).unwrap();
        assert_eq!(m.traits[0].queue_size, used, "{given}");
    }
}

#[test]
fn mem_errors() {
    let e = errors("#[rust2go::r2g] pub trait T { #[mem] fn a() -> u32; #[mem] fn b() -> Result<(), String>; }");
    assert!(e.contains("idl.rs:1:41: error: rust2go: `#[mem]` (`#[shm]`, `#[mem_call]`) on a sync method makes it a one-way call"), "{e}");
    assert!(e.contains("idl.rs:1:63: error:"), "{e}");
    let e = errors("#[rust2go::g2r] pub trait T { #[shm] async fn a(); }");
    assert!(e.contains("applies to #[r2g] traits only"), "{e}");
    let e = errors("#[rust2go::g2r] pub trait T { #[shm] fn a(); }");
    assert!(e.contains("applies to #[r2g] traits only"), "{e}");
    for bad in ["\"8\"", "0", "1", "2000000", "-4"] {
        let e = errors(&format!("#[rust2go::r2g(queue_size = {bad})] pub trait T {{ #[mem] async fn a(); }}"));
        assert!(e.contains("`queue_size` must be an integer literal between 2 and 1048576"), "{bad}: {e}");
    }
    let e = errors("#[rust2go::r2g(queue = 8)] pub trait T { #[mem] async fn a(); }");
    assert!(e.contains("queue_size = <entries>"), "{e}");
    let e = errors("#[rust2go::r2g] pub trait T { #[memory] async fn a(); }");
    assert!(e.contains("#[mem], #[shm], #[mem_call]"), "{e}");
    let e = errors("#[rust2go::r2g] pub trait T { #[mem(fast)] async fn a(); }");
    assert!(e.contains("takes no arguments"), "{e}");
}

#[test]
fn ring_areas_are_sized_by_the_types() {
    let m = parse_file_str(
        "#[derive(rust2go::R2G)] pub struct Pair { a: u32, b: u32 }
         #[derive(rust2go::R2G)] pub struct Wide { p: Pair, flags: [u16; 3], c: Option<char>, t: (bool, i64) }
         #[derive(rust2go::R2G)] pub struct Named { name: String }
         #[derive(rust2go::R2G)] pub struct List { next: Option<Box<List>>, v: u8 }
         #[derive(rust2go::R2G)] pub enum E { A, B(u8) }
         #[rust2go::r2g]
         pub trait T {
             #[mem] async fn add(p: Pair) -> u32;
             #[mem] async fn nothing();
             #[mem] async fn wide(w: &Wide) -> Wide;
             #[mem] async fn div(a: i32, b: i32) -> Result<i32, u8>;
             #[mem] async fn named(n: Named) -> u32;
             #[mem] async fn try_it(a: u32) -> Result<u32, String>;
             #[mem] async fn list(l: List) -> u8;
             #[mem] async fn e(e: E) -> u8;
             #[mem] async fn big(b: [u64; 40]) -> u8;
             #[mem] fn log(v: u64);
         }",
    )
    .unwrap();
    let s = |n: &str| m.find_struct(n).map(|s| rust2go_model::Type::Named(s.name.clone())).unwrap();
    assert_eq!(m.flat_bound(&s("Pair")), Some(8));
    // 8 + 6 + (1 + 4) + (1 + 8)
    assert_eq!(m.flat_bound(&s("Wide")), Some(28));
    assert_eq!(m.flat_bound(&s("Named")), None);
    assert_eq!(m.flat_bound(&s("List")), None);
    let areas: Vec<usize> = m.traits[0].methods.iter().map(|x| m.ring_inline(x)).collect();
    // add: 8 bytes in, 4 out; nothing: the minimum; wide: 28 rounded up; div: 8 in, 1 + 4 out;
    // the unbounded ones (String, a recursive struct, an enum) and the 320-byte array: the
    // largest area; log (one-way): 8 in, nothing out.
    assert_eq!(areas, [8, 8, 32, 8, 256, 256, 256, 256, 256, 8]);
}

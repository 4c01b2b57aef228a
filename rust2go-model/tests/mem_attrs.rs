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
    assert!(t.has_mem());
    let m = parse_file_str("#[rust2go::r2g] pub trait T { #[mem] async fn a(); }").unwrap();
    assert_eq!(m.traits[0].queue_size, rust2go_model::DEFAULT_QUEUE_SIZE);
}

#[test]
fn mem_errors() {
    let e = errors("#[rust2go::r2g] pub trait T { #[mem] fn a(); }");
    assert!(e.contains("applies to async methods only"), "{e}");
    let e = errors("#[rust2go::g2r] pub trait T { #[shm] async fn a(); }");
    assert!(e.contains("applies to #[r2g] traits only"), "{e}");
    let e = errors("#[rust2go::r2g(queue_size = 100)] pub trait T { #[mem] async fn a(); }");
    assert!(e.contains("power of two"), "{e}");
    let e = errors("#[rust2go::r2g(queue_size = \"8\")] pub trait T { #[mem] async fn a(); }");
    assert!(e.contains("power of two"), "{e}");
    let e = errors("#[rust2go::r2g(queue = 8)] pub trait T { #[mem] async fn a(); }");
    assert!(e.contains("queue_size = <power of two>"), "{e}");
    let e = errors("#[rust2go::r2g] pub trait T { #[memory] async fn a(); }");
    assert!(e.contains("#[mem], #[shm], #[mem_call]"), "{e}");
    let e = errors("#[rust2go::r2g] pub trait T { #[mem(fast)] async fn a(); }");
    assert!(e.contains("takes no arguments"), "{e}");
}

//! What the back-ends generate for the methods that ride the ring: `#[mem]` ones (the ring
//! only, a compile error off Linux), default async ones (the ring on Linux, their export
//! elsewhere) and `#[cgo]` ones (their export only).

use rust2go_emit::{emit_go, emit_rust, GoOptions};

const IDL: &str = "
#[rust2go::r2g(queue_size = 16)]
pub trait T {
    #[mem]
    async fn fast(x: u32) -> u32;
    #[cgo]
    async fn plain(x: u32) -> u32;
    async fn both(x: u32) -> u32;
}
";

/// The text of the glue function `name` that follows `cfg`.
fn glue_fn<'a>(rust: &'a str, cfg: &str, name: &str) -> &'a str {
    let head = format!("{cfg}\n#[allow(non_snake_case)]\n#[track_caller]\npub fn {name}(");
    let start = rust.find(&head).unwrap_or_else(|| panic!("no `{head}` in\n{rust}"));
    let f = &rust[start..];
    &f[..f.find("\n}\n").unwrap()]
}

#[test]
fn mem_methods_use_the_queue_and_fail_to_compile_off_linux() {
    let model = rust2go_model::parse_file_str(IDL).unwrap();
    let rust = emit_rust(&model);
    let linux = format!("#[cfg({})]", rust2go_model::SHM_CFG);
    let elsewhere = format!("#[cfg(not({}))]", rust2go_model::SHM_CFG);
    assert!(rust.contains(&format!("{elsewhere}\n::core::compile_error!(\"rust2go: #[mem] methods (trait T)")), "{rust}");
    assert!(rust.contains("ShmGlobal::new(\"T\", 16, r2g_shm_start_T)"), "{rust}");
    assert!(rust.contains("shm_call::<u32, 8>(&R2G_SHM_T, 0, \"T\", \"fast\""), "{rust}");
    assert!(rust.contains(&format!("{linux}\nimpl super::TImpl {{\n")), "{rust}");
    // The #[cgo] method keeps its export; the #[mem] one has none; the default one has its
    // export off Linux only.
    assert!(rust.contains("    fn r2g_T_plain("), "{rust}");
    assert!(!rust.contains("fn r2g_T_fast("), "{rust}");
    assert!(rust.contains(&format!("    {elsewhere}\n    fn r2g_T_both(")), "{rust}");
    // No `unsafe` in the ring glue.
    assert!(!glue_fn(&rust, &linux, "T__fast").contains("unsafe"));
    let ring = glue_fn(&rust, &linux, "T__both");
    assert!(ring.contains("-> ::rust2go::__private::GoFuture<u32, ::rust2go::__private::ShmArea<8>>"), "{ring}");
    assert!(ring.contains("shm_call::<u32, 8>(&R2G_SHM_T, 2, \"T\", \"both\""), "{ring}");
    assert!(!ring.contains("unsafe"), "{ring}");
    let export = glue_fn(&rust, &elsewhere, "T__both");
    assert!(export.contains("-> ::rust2go::__private::GoFuture<u32> {"), "{export}");
    assert!(export.contains("r2g_T_both("), "{export}");
    let cgo = &rust[rust.find("pub fn T__plain(").unwrap()..];
    assert!(cgo.starts_with("pub fn T__plain(x: u32) -> ::rust2go::__private::GoFuture<u32> {"), "{cgo}");
    assert!(!rust.contains(&format!("{linux}\n#[allow(non_snake_case)]\n#[track_caller]\npub fn T__plain(")), "{rust}");

    let go = emit_go(&model, &GoOptions::default());
    assert!(go.contains("#define R2G_SHM_REQUIRED 1\n"), "{go}");
    assert!(go.contains("#error \"rust2go: #[mem] methods need Linux"), "{go}");
    assert!(go.contains("//export r2g_shm_start_T\n"), "{go}");
    assert!(go.contains("//export r2g_T_plain\n"), "{go}");
    assert!(go.contains("//export r2g_T_both\n"), "{go}");
    assert!(!go.contains("//export r2g_T_fast\n"), "{go}");
    assert!(go.contains("case 0:\n\t\tb = r2gShm_T_fast(r2gR)\n\tcase 2:\n\t\tb = r2gShm_T_both(r2gR)\n\tdefault:"), "{go}");
}

#[test]
fn default_async_methods_ride_the_ring_on_linux_only() {
    let model = rust2go_model::parse_file_str("#[rust2go::r2g] pub trait T { async fn plain(x: u32) -> u32; }").unwrap();
    let rust = emit_rust(&model);
    assert!(!rust.contains("compile_error!(\"rust2go: #[mem]"), "{rust}");
    assert!(rust.contains("ShmGlobal::new(\"T\", 4096, r2g_shm_start_T)"), "{rust}");
    let go = emit_go(&model, &GoOptions::default());
    // The C side compiles everywhere: no explicit #[mem] method requires Linux.
    assert!(!go.contains("#define R2G_SHM_REQUIRED"), "{go}");
    assert!(go.contains("//export r2g_shm_start_T\n") && go.contains("//export r2g_T_plain\n"), "{go}");
}

#[test]
fn no_ring_no_queue_code() {
    let model = rust2go_model::parse_file_str(
        "#[rust2go::r2g] pub trait T { #[cgo] async fn plain(x: u32) -> u32; #[go_inline] async fn inline(x: u32) -> u32; \
         #[go_context] async fn ctx(x: u32) -> u32; fn sync(x: u32) -> u32; }",
    )
    .unwrap();
    assert!(!emit_rust(&model).contains("Shm"));
    let go = emit_go(&model, &GoOptions::default());
    // (sync/atomic is imported for the cgo path's worker pool, not for queues.)
    assert!(!go.contains("r2gShm") && !go.contains("futex") && !go.contains("r2g_shm"), "{go}");
}

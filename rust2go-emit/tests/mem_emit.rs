//! What the back-ends generate for `#[mem]` methods.

use rust2go_emit::{emit_go, emit_rust, GoOptions};

const IDL: &str = "
#[rust2go::r2g(queue_size = 16)]
pub trait T {
    #[mem]
    async fn fast(x: u32) -> u32;
    async fn plain(x: u32) -> u32;
}
";

#[test]
fn mem_methods_use_the_queue_and_fail_to_compile_off_linux() {
    let model = rust2go_model::parse_file_str(IDL).unwrap();
    let rust = emit_rust(&model);
    assert!(rust.contains("#[cfg(not(all(target_os = \"linux\""), "{rust}");
    assert!(rust.contains("::core::compile_error!(\"rust2go: #[mem] methods (trait T)"), "{rust}");
    assert!(rust.contains("ShmGlobal::new(\"T\", 16, r2g_shm_start_T)"), "{rust}");
    assert!(rust.contains("shm_call::<u32>(&R2G_SHM_T, 0, \"T\", \"fast\""), "{rust}");
    // The cgo method keeps its export; the #[mem] one has none.
    assert!(rust.contains("fn r2g_T_plain("), "{rust}");
    assert!(!rust.contains("fn r2g_T_fast("), "{rust}");
    // No `unsafe` in the #[mem] glue.
    let fast = &rust[rust.find("pub fn T__fast").unwrap()..];
    assert!(!fast[..fast.find("\n}\n").unwrap()].contains("unsafe"));

    let go = emit_go(&model, &GoOptions::default());
    assert!(go.contains("#error \"rust2go: #[mem] methods need Linux"), "{go}");
    assert!(go.contains("//export r2g_shm_start_T\n"), "{go}");
    assert!(go.contains("//export r2g_T_plain\n"), "{go}");
    assert!(!go.contains("//export r2g_T_fast\n"), "{go}");
    assert!(go.contains("case 0:\n\t\tb = r2gShm_T_fast(r2gR)"), "{go}");
}

#[test]
fn no_mem_no_queue_code() {
    let model = rust2go_model::parse_file_str("#[rust2go::r2g] pub trait T { async fn plain(x: u32) -> u32; }").unwrap();
    assert!(!emit_rust(&model).contains("Shm"));
    let go = emit_go(&model, &GoOptions::default());
    // (sync/atomic is imported for the cgo path's worker pool, not for queues.)
    assert!(!go.contains("r2gShm") && !go.contains("futex") && !go.contains("r2g_shm"), "{go}");
}

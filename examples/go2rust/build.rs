fn main() {
    // The Go program links this crate's static library: generate the Go API (go/gen.go) and
    // the Rust entry points, but build no Go here.
    rust2go::Builder::new()
        .with_go_src("./go")
        .with_regen_arg(rust2go::RegenArgs {
            src: "./src/idl.rs".into(),
            dst: "./go/gen.go".into(),
            without_main: true,
            go118: std::env::var_os("R2G_GO118").is_some(),
            ..Default::default()
        })
        .generate_only()
        .build();
    println!("cargo:rerun-if-env-changed=R2G_GO118");
}

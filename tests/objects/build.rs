fn main() {
    // R2G_GO118: the Go 1.18 output, built by an older Go (scripts/test.sh step 5).
    println!("cargo:rerun-if-env-changed=R2G_GO118");
    rust2go::Builder::new()
        .with_go_src("./go")
        .with_regen_arg(rust2go::RegenArgs {
            src: "./src/idl.rs".into(),
            dst: "./go/gen.go".into(),
            go118: std::env::var_os("R2G_GO118").is_some(),
            ..Default::default()
        })
        .build();
}

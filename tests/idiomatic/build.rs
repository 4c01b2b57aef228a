fn main() {
    println!("cargo:rerun-if-env-changed=R2G_GO118");
    rust2go::Builder::new()
        .with_go_src("./go")
        .with_regen_arg(rust2go::RegenArgs {
            src: "./src/idl.rs".into(),
            dst: "./go/gen.go".into(),
            go118: std::env::var_os("R2G_GO118").is_some(),
            go_style: rust2go::GoStyle::Idiomatic,
            ..Default::default()
        })
        .build();
}

fn main() {
    // go/ holds the generated gen.go, the handlers (impl.go), the raw floor export
    // (floor.go) and the plain C reference function (floor.c): one Go package, one archive.
    rust2go::Builder::new()
        .with_go_src("./go")
        .with_regen_arg(rust2go::RegenArgs { src: "./src/idl.rs".into(), dst: "./go/gen.go".into(), ..Default::default() })
        .build();
}

fn main() {
    // Builds go/ (gen.go regenerated from src/user.rs by 0.4's generator, the handlers in
    // impl.go, the raw floor export in floor.go) into one archive, as 0.4's README shows.
    rust2go::Builder::new()
        .with_go_src("./go")
        .with_regen_arg(rust2go::RegenArgs { src: "./src/user.rs".into(), dst: "./go/gen.go".into(), ..Default::default() })
        .build();
}

// Generates go/gen.go and the Rust glue from src/user.rs, then builds the Go package in go/
// and links it into this crate.
fn main() {
    rust2go::Builder::new()
        .with_go_src("./go")
        .with_regen_arg(rust2go::RegenArgs {
            src: "./src/user.rs".into(),
            dst: "./go/gen.go".into(),
            ..Default::default()
        })
        .build();
}

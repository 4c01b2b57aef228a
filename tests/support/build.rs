fn main() {
    // The triple this crate (and so the test linking it) is compiled for, and the build host.
    for var in ["TARGET", "HOST"] {
        let value = std::env::var(var).unwrap_or_else(|_| panic!("Cargo sets {var} for build scripts"));
        println!("cargo:rustc-env=R2G_TEST_{var}={value}");
    }
}

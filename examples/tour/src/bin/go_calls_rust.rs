//! Go calls Rust in the same process: the Go handler of `best_word` calls the Rust
//! `score` (implemented in src/lib.rs) once per word: "rust" scores 78, "zebra" 52.

use tour::idl::{Words, WordsImpl};

fn main() {
    let words: Vec<String> = ["go", "rust", "ffi", "zebra"].map(String::from).to_vec();
    println!("best_word({words:?}) = {:?}", WordsImpl::best_word(&words));
}

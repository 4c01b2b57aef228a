//! The examples' shared crate: one IDL file (`src/idl.rs`), one Go package (`go/`), and one
//! binary per example in `src/bin/` (a process holds one Go runtime, so the examples share
//! the crate that builds it).

pub mod idl;

use idl::{RustSide, RustSideImpl};

/// Go calls this (go_calls_rust example): the score of a word is the sum of its letters'
/// positions in the alphabet.
impl RustSide for RustSideImpl {
    fn score(word: String) -> u32 {
        word.bytes().filter(u8::is_ascii_lowercase).map(|b| (b - b'a' + 1) as u32).sum()
    }
}

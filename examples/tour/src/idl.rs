//! The IDL of every example.

use std::collections::HashMap;

pub mod binding {
    #![allow(warnings)]
    rust2go::r2g_include_binding!();
}

// ---- async on tokio (src/bin/async_tokio.rs)

#[rust2go::r2g]
pub trait Slow {
    /// Go sleeps `ms` milliseconds on its own goroutine, then returns `n * 2`.
    async fn double_later(n: u64, ms: u32) -> u64;
}

// ---- errors (src/bin/errors.rs)

/// An error type of our own: Go returns it as an `error`, and a Go panic becomes one too.
#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct AppError {
    pub code: i32,
    pub reason: String,
}

impl From<rust2go::GoPanic> for AppError {
    fn from(p: rust2go::GoPanic) -> Self {
        AppError { code: -1, reason: p.to_string() }
    }
}

#[rust2go::r2g]
pub trait Checks {
    /// A non-nil Go error becomes `Err(err.Error())`.
    fn parse_port(text: String) -> Result<u16, String>;
    /// Go returns `AppError{..}` as its error; a Go panic becomes `Err(AppError::from(GoPanic))`.
    fn find_user(id: u32) -> Result<String, AppError>;
    /// No `Result`: a Go panic becomes a Rust panic at the call.
    fn explode(msg: String) -> String;
}

// ---- enums, maps and options (src/bin/types.rs)

#[derive(rust2go::R2G, Clone, Copy, Debug, PartialEq)]
pub enum Level {
    Low,
    High,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub enum Shape {
    Circle { r: f64 },
    Rect(f64, f64),
    Empty,
}

#[derive(rust2go::R2G, Clone, Debug, PartialEq)]
pub struct Inventory {
    pub stock: HashMap<String, u32>,
    pub note: Option<String>,
    pub level: Level,
}

#[rust2go::r2g]
pub trait Kinds {
    fn area(shape: &Shape) -> f64;
    /// Go returns a copy with `n` more of `item` (and the level recomputed).
    fn restock(inv: &Inventory, item: String, n: u32) -> Inventory;
    fn count(inv: &Inventory, item: String) -> Option<u32>;
}

// ---- Go calls Rust, in the same process (src/bin/go_calls_rust.rs)

/// Implemented in Rust (src/lib.rs), called by Go.
#[rust2go::g2r]
pub trait RustSide {
    fn score(word: String) -> u32;
}

#[rust2go::r2g]
pub trait Words {
    /// Go asks Rust for each word's score and returns the best word.
    fn best_word(words: &Vec<String>) -> String;
}

// ---- #[mem]: shared-memory rings (src/bin/mem.rs)

#[rust2go::r2g(queue_size = 1024)]
pub trait Adder {
    #[mem]
    async fn add(a: u64, b: u64) -> u64;
}

// ---- #[go_context]: dropping the future cancels the Go context (src/bin/cancel.rs)

#[rust2go::r2g]
pub trait Jobs {
    /// Waits `ms` milliseconds, or until the Rust future is dropped; true when cancelled.
    #[go_context]
    async fn wait(ms: u32) -> bool;
    /// How many `wait` calls saw their context cancelled.
    fn cancelled() -> u32;
}

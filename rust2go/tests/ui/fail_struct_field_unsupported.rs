// Unsupported field types: each one is reported at the type, all in one pass.
use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;

#[derive(rust2go::R2G)]
pub struct Unsupported {
    pub big: u128,
    pub shared: Rc<u32>,
    pub set: HashSet<u8>,
    pub cell: Cell<u8>,
    pub nested: Vec<i128>,
    pub callback: fn(u32) -> u32,
}

fn main() {}

// Go map keys must be comparable values: a struct or a float is rejected as a key.
use std::collections::{BTreeMap, HashMap};

#[derive(rust2go::R2G)]
pub struct Key {
    pub id: u32,
}

#[derive(rust2go::R2G)]
pub struct Index {
    pub by_key: HashMap<Key, String>,
    pub by_weight: BTreeMap<f64, u32>,
    pub by_list: HashMap<Vec<u8>, u32>,
}

fn main() {}

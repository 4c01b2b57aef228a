//! Enums (with and without data), maps and options, in both directions.

use std::collections::HashMap;
use tour::idl::{Inventory, Kinds, KindsImpl, Level, Shape};

fn main() {
    for shape in [Shape::Circle { r: 1.0 }, Shape::Rect(2.0, 3.5), Shape::Empty] {
        println!("area({shape:?}) = {:.3}", KindsImpl::area(&shape));
    }
    let inv = Inventory { stock: HashMap::from([("apple".to_string(), 3)]), note: Some("fresh".into()), level: Level::Low };
    let inv = KindsImpl::restock(&inv, "apple".into(), 8);
    let inv = KindsImpl::restock(&inv, "pear".into(), 2);
    let mut stock: Vec<_> = inv.stock.iter().collect();
    stock.sort();
    println!("stock {stock:?}, note {:?}, level {:?}", inv.note, inv.level);
    println!("count(apple) = {:?}", KindsImpl::count(&inv, "apple".into()));
    println!("count(plum) = {:?}", KindsImpl::count(&inv, "plum".into()));
}

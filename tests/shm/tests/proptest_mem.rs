//! Random values of every type echoed through the shared-memory ring (`#[mem]`): by
//! reference, by value (`#[drop_safe]`, `#[drop_safe_ret]`, `#[go_pass_struct]`), in a
//! `Result`, as `&str`/`&[T]`, and as one-way calls; floats compared by bit pattern.

use futures::executor::block_on;
use proptest::collection::{btree_map, hash_map, vec};
use proptest::prelude::*;
use rust2go_shm_tests::idl::*;
use rust2go_test_strategies::{f32_edge, f64_edge, int, text};

/// Held by the tests that keep bags in Go: `kept_bags` returns (and forgets) every kept one.
static ONE_WAY: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Shapes without NaN radii (`Bag` is compared with `==`; its `floats` carry the NaNs).
fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        f64_edge().prop_filter("not NaN", |r| !r.is_nan()).prop_map(|r| Shape::Circle { r }),
        (text(), proptest::option::of(any::<u32>())).prop_map(|(s, n)| Shape::Label(s, n)),
        Just(Shape::Empty),
    ]
}

fn bag() -> impl Strategy<Value = Bag> {
    let leaf = (
        (any::<bool>(), any::<char>()),
        (int::<i8>(), int::<i16>(), int::<i32>(), int::<i64>(), int::<isize>()),
        (int::<u8>(), int::<u16>(), int::<u32>(), int::<u64>(), int::<usize>()),
        (f32_edge(), f64_edge(), vec(f64_edge(), 0..6)),
        (text(), vec(any::<u8>(), 0..64), vec(text(), 0..4), vec(any::<char>(), 0..6)),
        (proptest::option::of(text()), [proptest::option::of(any::<u32>()), proptest::option::of(any::<u32>())]),
        (hash_map(text(), vec(int::<i64>(), 0..4), 0..4), btree_map(any::<char>(), shape(), 0..4), vec(shape(), 0..4)),
        (text(), text()),
    )
        .prop_map(|((flag, letter), ints, uints, floats, (text, bytes, words, letters), (opt, arr), (by_name, bmap, shapes), (to, body))| Bag {
            flag,
            letter,
            ints,
            uints,
            floats,
            text,
            bytes,
            words,
            letters,
            opt,
            arr,
            by_name,
            bmap,
            shapes,
            pm: Box::new(PMFriendRequest { to, body }),
            kids: vec![],
        });
    leaf.prop_recursive(2, 8, 3, |inner| {
        (inner.clone(), vec(inner, 0..3)).prop_map(|(mut b, kids)| {
            b.kids = kids;
            b
        })
    })
}

/// Every float of the bag and its kids as bit patterns, the rest with NaNs zeroed.
fn split(b: &Bag) -> (Vec<(u32, u64, Vec<u64>)>, Bag) {
    let mut bits = vec![(b.floats.0.to_bits(), b.floats.1.to_bits(), b.floats.2.iter().map(|f| f.to_bits()).collect())];
    let mut rest = b.clone();
    rest.floats = (0.0, 0.0, vec![]);
    rest.kids = b
        .kids
        .iter()
        .map(|k| {
            let (k_bits, k_rest) = split(k);
            bits.extend(k_bits);
            k_rest
        })
        .collect();
    (bits, rest)
}

fn same(back: &Bag, x: &Bag) -> Result<(), TestCaseError> {
    prop_assert_eq!(split(back), split(x));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_type_round_trips_through_the_ring(x in bag(), e in proptest::option::of(text())) {
        same(&block_on(ShmCallImpl::echo_bag(&x)), &x)?;
        same(&block_on(ShmCallImpl::echo_bag_owned(x.clone())), &x)?;
        let (back, (given,)) = block_on(ShmCallImpl::echo_bag_ret(x.clone()));
        same(&back, &x)?;
        same(&given, &x)?;
        same(&block_on(ShmCallImpl::echo_bag_by_value(x.clone())), &x)?;
        match (block_on(ShmCallImpl::echo_bag_result(&x, &e)), e) {
            (Ok(back), None) => same(&back, &x)?,
            (Err(back), Some(e)) => prop_assert_eq!(back, e),
            (back, e) => prop_assert!(false, "{back:?} for {e:?}"),
        }
    }

    #[test]
    fn borrowed_parameters_round_trip_through_the_ring(s in text(), xs in vec(bag(), 0..3), from in 0usize..3) {
        let xs = &xs[from.min(xs.len())..];
        let (back_s, back) = block_on(ShmCallImpl::echo_bag_borrowed(&s, xs));
        prop_assert_eq!(back_s, s);
        prop_assert_eq!(back.len(), xs.len());
        for (b, x) in back.iter().zip(xs) {
            same(b, x)?;
        }
    }

    #[test]
    fn one_way_arguments_arrive_intact(xs in vec((text(), bag()), 0..4)) {
        let _only = ONE_WAY.lock().unwrap_or_else(|e| e.into_inner());
        for (tag, x) in &xs {
            OneWayBagImpl::keep_bag(x, tag);
        }
        let kept = block_on(OneWayBagImpl::kept_bags());
        prop_assert_eq!(kept.len(), xs.len());
        for ((tag, b), (want_tag, x)) in kept.iter().zip(&xs) {
            prop_assert_eq!(tag, want_tag);
            same(b, x)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scalars_round_trip_through_the_ring(a in any::<bool>(), b in int::<i8>(), c in int::<u16>(), d in f32_edge(), e in f64_edge(), f in any::<char>(), g in int::<isize>(), h in int::<usize>()) {
        let back = block_on(ShmCallImpl::echo_scalars(a, b, c, d, e, f, (g, h)));
        prop_assert_eq!((back.0, back.1, back.2, back.3.to_bits(), back.4.to_bits(), back.5), (a, b, c, d.to_bits(), e.to_bits(), (f, g, h)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Arguments and results much larger than a slot's inline buffer.
    #[test]
    fn large_values_round_trip_through_the_ring(mut x in bag(), bytes in vec(any::<u8>(), 0..300_000), words in vec(text(), 0..3_000), map in hash_map(text(), vec(any::<i64>(), 0..50), 0..300)) {
        x.bytes = bytes;
        x.words = words;
        x.by_name = map;
        same(&block_on(ShmCallImpl::echo_bag(&x)), &x)?;
        same(&block_on(ShmCallImpl::echo_bag_owned(x.clone())), &x)?;
        let kept = {
            let _only = ONE_WAY.lock().unwrap_or_else(|e| e.into_inner());
            OneWayBagImpl::keep_bag(&x, "big");
            block_on(OneWayBagImpl::kept_bags())
        };
        prop_assert_eq!(kept.len(), 1);
        same(&kept[0].1, &x)?;
    }
}

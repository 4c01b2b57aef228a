//! Go object handles with random state as arguments and results: constructors (plain and
//! `Result`), `&Self` parameters in the object's trait and in another, `Self` results of
//! methods and of other traits, async methods; every object is released exactly once.

use proptest::collection::vec;
use proptest::prelude::*;
use rust2go_objects_tests::idl::{Counter, CounterImpl, Registry, RegistryImpl, Snapshot, TallyDriver, TallyDriverImpl};
use rust2go_test_strategies::{int, text};

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn object_handles_round_trip(starts in vec(int::<u64>(), 1..5), adds in vec(int::<u64>(), 0..5), name in text()) {
        let closed = RegistryImpl::closed();
        let objs: Vec<CounterImpl> = starts.iter().map(|s| CounterImpl::new(*s)).collect();
        let mut made = 0;
        for (o, s) in objs.iter().zip(&starts) {
            prop_assert_eq!(o.get(), *s);
            let other = RegistryImpl::make(*s);
            prop_assert_eq!(RegistryImpl::total(o, &other), s.wrapping_add(*s));
            prop_assert_eq!(CounterImpl::merge(o, &other).get(), s.wrapping_add(*s));
            let fork = o.fork();
            prop_assert_eq!((fork.get(), fork.label()), (*s, "'".to_string()));
            prop_assert_eq!(block_on(fork.slow_add(o, 0)), s.wrapping_add(*s));
            made += 4;
        }
        let first = &objs[0];
        let want = adds.iter().fold(starts[0], |v, n| v.wrapping_add(*n));
        for n in &adds {
            first.add(*n);
        }
        prop_assert_eq!(block_on(first.slow_get(0)), want);
        prop_assert_eq!(first.snapshot(), Snapshot { name: String::new(), value: want, calls: adds.len() as u64 });
        match CounterImpl::named(name.clone(), starts[0]) {
            Ok(n) => {
                prop_assert!(!name.is_empty() && name != "nil");
                prop_assert_eq!((n.label(), n.get()), (name, starts[0]));
                made += 1;
            }
            Err(e) => prop_assert!(name.is_empty() || name == "nil", "{e}"),
        }
        drop(objs);
        prop_assert_eq!(RegistryImpl::live(), 0);
        prop_assert_eq!(RegistryImpl::closed() - closed, made, "objects closed");
        prop_assert_eq!(RegistryImpl::double_closes(), 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Rust objects held by Go: random constructor arguments, method arguments and results.
    #[test]
    fn rust_objects_held_by_go_round_trip(name in text(), start in 0..u64::MAX / 2, adds in vec(0..u64::from(u32::MAX), 0..6), prefix in text(), msg in text()) {
        let (got, value, label, failed) = TallyDriverImpl::tally_round_trip(&name, start, &adds, &prefix, &msg);
        if name.is_empty() {
            prop_assert_eq!((got, value, label, failed), (vec![], 0, "empty name".to_string(), String::new()));
        } else {
            let sums: Vec<u64> = adds.iter().scan(start, |v, n| { *v += n; Some(*v) }).collect();
            prop_assert_eq!(value, sums.last().copied().unwrap_or(start));
            prop_assert_eq!(got, sums);
            prop_assert_eq!(label, format!("{prefix}{name}"));
            prop_assert_eq!(failed, msg);
        }
    }
}

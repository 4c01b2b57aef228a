//! Random values of every kind echoed through Go code in the idiomatic style (parameters by
//! value, structs by pointer; exported names): sync, by value, the ring, the cgo path, and Go
//! calling Rust.

use proptest::collection::{hash_map, vec};
use proptest::prelude::*;
use rust2go_idiomatic_tests::idl::*;
use rust2go_test_strategies::text;

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
}

fn user() -> impl Strategy<Value = User> {
    (any::<u32>(), text(), vec(text(), 0..3)).prop_map(|(user_id, name, tags)| User { user_id, name, tags })
}

fn outcome() -> impl Strategy<Value = LoginOutcome> {
    prop_oneof![any::<u64>().prop_map(|session_id| LoginOutcome::Accepted { session_id }), text().prop_map(LoginOutcome::Denied), Just(LoginOutcome::Locked)]
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![Just(Role::Guest), Just(Role::Admin)]
}

/// ±inf and ±0.0 included; NaN left out (`Profile` is compared with `==`; other crates
/// compare NaN bit patterns), so the sign of zero is checked by bits.
fn ratio() -> impl Strategy<Value = f64> {
    prop_oneof![any::<u64>().prop_map(f64::from_bits).prop_filter("not NaN", |f| !f.is_nan()), prop::sample::select(vec![0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY])]
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        (user(), text(), vec(any::<i64>(), 0..6), hash_map(text(), any::<u32>(), 0..4), proptest::option::of(user()), outcome()),
        (vec(outcome(), 0..4), role(), (any::<u8>(), text()), [proptest::option::of(any::<u16>()), proptest::option::of(any::<u16>())], any::<char>(), ratio()),
    )
        .prop_map(|((user, http_url, scores, by_name, maybe, outcome), (outcomes, role, pair, arr, letter, ratio))| Profile {
            user,
            http_url,
            scores,
            by_name,
            maybe,
            outcome,
            outcomes,
            role,
            pair,
            arr,
            letter,
            ratio,
        })
}

fn same(back: &Profile, p: &Profile) -> Result<(), TestCaseError> {
    prop_assert_eq!(back, p);
    prop_assert_eq!(back.ratio.to_bits(), p.ratio.to_bits());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_kind_round_trips_in_the_idiomatic_style(p in profile()) {
        same(&UserServiceImpl::echo_profile(&p), &p)?;
        same(&UserServiceImpl::echo_profile_by_value(p.clone()), &p)?;
        same(&block_on(UserServiceImpl::echo_profile_async(&p)), &p)?;
        same(&block_on(UserServiceImpl::echo_profile_cgo(&p)), &p)?;
        same(&UserServiceImpl::echo_profile_via_rust(&p), &p)?;
    }

    #[test]
    fn parameters_by_value_round_trip_in_the_idiomatic_style(s in text(), b in vec(any::<u8>(), 0..64), m in hash_map(text(), any::<u32>(), 0..4), o in proptest::option::of(user()), e in outcome(), r in role()) {
        let back = UserServiceImpl::echo_parts(&s, &b, &m, &o, &e, r);
        prop_assert_eq!(back, (s, b, m, o, e, r));
    }
}

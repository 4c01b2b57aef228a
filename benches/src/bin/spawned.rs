//! The spawned-tasks workload (1,000 tokio tasks awaiting a tiny `#[drop_safe]` async call in
//! a loop) for the default transport (the trait's ring; the cases named `*_cgo`, as before the
//! ring became the default, so the reports compare across revisions), `#[cgo]` (the per-call
//! export, `*_cgo_export`), `#[mem]` and `#[go_inline]`, beside the Rust-only reference of the
//! same shape; one-outstanding-call latency; `join_all` of 1,000; and the nested sync calls of
//! the side-by-side with rust2go 0.4 beside the raw floor. All in one process, `rounds`
//! rounds (cases interleaved within each round). Prints `bench <round> <case> <value> <unit>`.
//!
//! `cargo run --release -p rust2go-benches --bin spawned [rounds]` (scripts/bench.sh and
//! scripts/bench-v04.sh run it; v04/src/main.rs is the same binary on rust2go 0.4).
use rust2go_benches::workload::{self, report, Reference};
use rust2go_benches::{go_floor, Bench, BenchImpl, Pair, User, Users};

fn main() {
    let rounds = workload::rounds();
    let only_side = std::env::var_os("R2G_SIDE_BY_SIDE").is_some();
    // R2G_ONLY=<case>[,<case>..]: run those cases alone (for profiling).
    let only = std::env::var("R2G_ONLY").ok();
    let run = |case: &str| only.as_deref().is_none_or(|o| o.split(',').any(|c| c == case));
    let rt = workload::runtime();
    let reference: &'static Reference = Box::leak(Box::new(Reference::start()));
    let users = Users {
        users: workload::users_data().into_iter().map(|(name, age, tags)| User { name, age, tags }).collect(),
    };
    let strings = workload::strings_data();
    assert_eq!(BenchImpl::users_len(&users), workload::users_expect());
    assert_eq!(BenchImpl::strings_len(&strings), workload::strings_expect());
    // The default transport (the ring); `#[cgo]`'s per-call export.
    let cgo = |a, b| BenchImpl::pair_add(Pair { a, b });
    let cgo_export = |a, b| BenchImpl::pair_add_cgo(Pair { a, b });
    let mem = |a, b| BenchImpl::pair_add_mem(Pair { a, b });
    let inline = |a, b| BenchImpl::pair_add_inline(Pair { a, b });
    for round in 0..rounds {
        // Runs a selected case and reports its value, then the host's steal during it.
        let measure = |case: &str, unit: &str, f: &dyn Fn() -> f64| {
            if run(case) {
                let (value, steal) = workload::with_steal(f);
                report(round, case, value, unit);
                if let Some(steal) = steal {
                    report(round, &format!("{case}.steal"), steal, "%");
                }
            }
        };
        let ref_call = |a, b| reference.call(a, b);
        measure("spawned_ref", "calls/s", &|| workload::spawned(&rt, ref_call));
        measure("spawned_cgo", "calls/s", &|| workload::spawned(&rt, cgo));
        measure("spawned_cgo_export", "calls/s", &|| workload::spawned(&rt, cgo_export));
        measure("spawned_mem", "calls/s", &|| workload::spawned(&rt, mem));
        if !only_side {
            measure("spawned_inline", "calls/s", &|| workload::spawned(&rt, inline));
            measure("join_all_ref", "calls/s", &|| workload::join_all(&rt, ref_call, 300));
            measure("join_all_cgo", "calls/s", &|| workload::join_all(&rt, cgo, 300));
            measure("join_all_cgo_export", "calls/s", &|| workload::join_all(&rt, cgo_export, 300));
            measure("join_all_mem", "calls/s", &|| workload::join_all(&rt, mem, 300));
        }
        measure("latency_ref", "ns", &|| workload::latency(&rt, ref_call));
        measure("latency_cgo", "ns", &|| workload::latency(&rt, cgo));
        measure("latency_cgo_export", "ns", &|| workload::latency(&rt, cgo_export));
        measure("latency_mem", "ns", &|| workload::latency(&rt, mem));
        if only.is_some() {
            continue;
        }
        let (case, floor) = workload::sync_beside_floor(100_000, || BenchImpl::users_len(&users), || go_floor(1, 2));
        report(round, "sync_users_100", case, "ns");
        report(round, "sync_users_100_floor", floor, "ns");
        let (case, floor) = workload::sync_beside_floor(200_000, || BenchImpl::strings_len(&strings), || go_floor(1, 2));
        report(round, "sync_strings_100", case, "ns");
        report(round, "sync_strings_100_floor", floor, "ns");
    }
}

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
        if run("spawned_ref") {
            report(round, "spawned_ref", workload::spawned(&rt, |a, b| reference.call(a, b)), "calls/s");
        }
        if run("spawned_cgo") {
            report(round, "spawned_cgo", workload::spawned(&rt, cgo), "calls/s");
        }
        if run("spawned_cgo_export") {
            report(round, "spawned_cgo_export", workload::spawned(&rt, cgo_export), "calls/s");
        }
        if run("spawned_mem") {
            report(round, "spawned_mem", workload::spawned(&rt, mem), "calls/s");
        }
        if !only_side {
            if run("spawned_inline") {
                report(round, "spawned_inline", workload::spawned(&rt, inline), "calls/s");
            }
            if run("join_all_cgo") {
                report(round, "join_all_cgo", workload::join_all(&rt, cgo, 300), "calls/s");
            }
            if run("join_all_cgo_export") {
                report(round, "join_all_cgo_export", workload::join_all(&rt, cgo_export, 300), "calls/s");
            }
            if run("join_all_mem") {
                report(round, "join_all_mem", workload::join_all(&rt, mem, 300), "calls/s");
            }
        }
        if run("latency_ref") {
            report(round, "latency_ref", workload::latency(&rt, |a, b| reference.call(a, b)), "ns");
        }
        if run("latency_cgo") {
            report(round, "latency_cgo", workload::latency(&rt, cgo), "ns");
        }
        if run("latency_cgo_export") {
            report(round, "latency_cgo_export", workload::latency(&rt, cgo_export), "ns");
        }
        if run("latency_mem") {
            report(round, "latency_mem", workload::latency(&rt, mem), "ns");
        }
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

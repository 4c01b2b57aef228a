//! The side-by-side on the published rust2go 0.4: the same workloads as
//! ../src/bin/spawned.rs (ours), through `workload.rs` (included by path), printing the same
//! `bench <round> <case> <value> <unit>` lines. `scripts/bench-v04.sh` builds and runs it
//! alternately with ours.
mod user;
#[path = "../../src/workload.rs"]
mod workload;

use user::{Bench, BenchImpl, Pair, User, Users};
use workload::{report, Reference};

extern "C" {
    /// `//export go_floor_add` in go/floor.go (the same file as ours).
    fn go_floor_add(a: u32, b: u32) -> u32;
}

fn go_floor(a: u32, b: u32) -> u32 {
    // SAFETY: go_floor_add takes and returns plain integers.
    unsafe { go_floor_add(a, b) }
}

fn main() {
    let rounds = workload::rounds();
    let rt = workload::runtime();
    let reference: &'static Reference = Box::leak(Box::new(Reference::start()));
    let users = Users {
        users: workload::users_data().into_iter().map(|(name, age, tags)| User { name, age, tags }).collect(),
    };
    let strings = workload::strings_data();
    assert_eq!(BenchImpl::users(&users), workload::users_expect());
    assert_eq!(BenchImpl::strings(&strings), workload::strings_expect());
    let cgo = |a, b| BenchImpl::add(Pair { a, b });
    for round in 0..rounds {
        report(round, "spawned_ref", workload::spawned(&rt, |a, b| reference.call(a, b)), "calls/s");
        report(round, "spawned_cgo", workload::spawned(&rt, cgo), "calls/s");
        report(round, "latency_ref", workload::latency(&rt, |a, b| reference.call(a, b)), "ns");
        report(round, "latency_cgo", workload::latency(&rt, cgo), "ns");
        let (case, floor) = workload::sync_beside_floor(100_000, || BenchImpl::users(&users), || go_floor(1, 2));
        report(round, "sync_users_100", case, "ns");
        report(round, "sync_users_100_floor", floor, "ns");
        let (case, floor) = workload::sync_beside_floor(200_000, || BenchImpl::strings(&strings), || go_floor(1, 2));
        report(round, "sync_strings_100", case, "ns");
        report(round, "sync_strings_100_floor", floor, "ns");
    }
}

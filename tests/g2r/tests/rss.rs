//! No leak on the return path: 1e6 g2r calls (each returning a String and a struct with a
//! Vec<String>) leave RSS flat. Its own test binary, so nothing else allocates meanwhile.

use rust2go_g2r_tests::idl::{GoCall, GoCallImpl};

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn a_million_g2r_calls_leave_rss_flat() {
    // Warm up: Go heap, pools, the executor thread.
    GoCallImpl::go_loop(50_000);
    let warm = rss_kib();
    // 4 × 125,000 iterations × 2 calls = 1e6 g2r calls.
    let per_round = 125_000;
    let mut sum = 0;
    for _ in 0..4 {
        sum += GoCallImpl::go_loop(per_round);
    }
    let after = rss_kib();
    assert!(sum > 0);
    eprintln!("RSS after warm-up: {warm} KiB; after 1e6 more g2r calls: {after} KiB");
    assert!(after < warm + 16 * 1024, "RSS grew from {warm} KiB to {after} KiB");
}

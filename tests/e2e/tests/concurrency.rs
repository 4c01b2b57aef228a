//! Many threads calling Go at once get their own results.

use rust2go_e2e::idl::*;

const THREADS: u64 = 8;
const CALLS: u64 = 10_000;

#[test]
fn eight_threads_ten_thousand_calls_each() {
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            std::thread::spawn(move || {
                for i in 0..CALLS {
                    let id = t * CALLS + i;
                    let req = Request {
                        id,
                        name: format!("t{t}-{i}-ü"),
                        items: (0..(id % 17) as u32).map(|k| k.wrapping_mul(id as u32)).collect(),
                        tags: (0..id % 5).map(|k| format!("tag{k}")).collect(),
                    };
                    let want = Response {
                        id,
                        name: format!("{}#{id}", req.name),
                        sum: req.items.iter().map(|&x| x as u64).sum(),
                        tags: req.tags.len() as u64,
                    };
                    assert_eq!(WorkImpl::process(&req), want, "thread {t} call {i}");
                    // A scalar result path in between (the C return value, no buffer).
                    assert_eq!(AllocImpl::add(id, t), id + t);
                }
                CALLS
            })
        })
        .collect();
    let done: u64 = threads.into_iter().map(|h| h.join().expect("a thread failed")).sum();
    assert_eq!(done, THREADS * CALLS);
}

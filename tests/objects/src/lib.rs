//! Objects across the boundary, exercised by the tests in `tests/`: Go objects held by Rust
//! handles (`Counter`), and Rust objects held by Go (`Tally`, implemented here).
pub mod idl;

use idl::{Tally, TallyStats, TallyStatsImpl};
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

static NEXT_ID: AtomicU64 = AtomicU64::new(0);
static DROPPED: Mutex<Option<HashSet<u64>>> = Mutex::new(None);
static DOUBLE_DROPS: AtomicU64 = AtomicU64::new(0);
static SLOW_CALLS: AtomicU64 = AtomicU64::new(0);

/// The Rust object behind `Tally`: state shared by Go's goroutines (atomics), a unique id
/// whose drop is recorded.
pub struct RustTally {
    id: u64,
    name: String,
    value: AtomicU64,
}

impl RustTally {
    fn make(name: String, start: u64) -> RustTally {
        RustTally { id: NEXT_ID.fetch_add(1, Ordering::SeqCst), name, value: AtomicU64::new(start) }
    }
}

impl Drop for RustTally {
    fn drop(&mut self) {
        let mut dropped = DROPPED.lock().unwrap_or_else(|e| e.into_inner());
        if !dropped.get_or_insert_with(HashSet::new).insert(self.id) {
            DOUBLE_DROPS.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// Objects whose `Drop` ran.
pub fn tallies_dropped() -> u64 {
    DROPPED.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map_or(0, |d| d.len() as u64)
}

/// `Drop` calls of objects already dropped.
pub fn tally_double_drops() -> u64 {
    DOUBLE_DROPS.load(Ordering::SeqCst)
}

impl Tally for RustTally {
    fn new(start: u64) -> Self {
        assert!(start != u64::MAX, "tally start out of range");
        RustTally::make(String::new(), start)
    }

    fn named(name: String, start: u64) -> Result<Self, String> {
        match name.as_str() {
            "" => Err("empty name".into()),
            "panic" => panic!("a tally named panic"),
            _ => Ok(RustTally::make(name, start)),
        }
    }

    fn add(&self, n: u64) -> u64 {
        self.value.fetch_add(n, Ordering::SeqCst) + n
    }

    fn get(&self) -> u64 {
        self.value.load(Ordering::SeqCst)
    }

    fn label(&self, prefix: &String) -> String {
        format!("{prefix}{}", self.name)
    }

    fn fail(&self, msg: String) -> Result<u64, String> {
        Err(msg)
    }

    fn boom(&self, msg: String) -> u64 {
        panic!("{msg}")
    }

    fn hold(&self, delay_ms: u32) -> u64 {
        SLOW_CALLS.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(delay_ms.into()));
        self.get()
    }

    async fn slow_get(&self, delay_ms: u32) -> u64 {
        SLOW_CALLS.fetch_add(1, Ordering::SeqCst);
        Sleep::new(Duration::from_millis(delay_ms.into())).await;
        self.get()
    }
}

impl TallyStats for TallyStatsImpl {
    fn dropped() -> u64 {
        tallies_dropped()
    }

    fn double_drops() -> u64 {
        tally_double_drops()
    }

    fn slow_calls() -> u64 {
        SLOW_CALLS.load(Ordering::SeqCst)
    }
}

/// A future that is ready once a thread has slept for its duration (the g2r executor runs
/// other calls meanwhile).
struct Sleep {
    state: Arc<Mutex<(bool, Option<std::task::Waker>)>>,
}

impl Sleep {
    fn new(d: Duration) -> Sleep {
        let state = Arc::new(Mutex::new((false, None::<std::task::Waker>)));
        let s = state.clone();
        std::thread::spawn(move || {
            std::thread::sleep(d);
            let mut g = s.lock().unwrap();
            g.0 = true;
            if let Some(w) = g.1.take() {
                w.wake();
            }
        });
        Sleep { state }
    }
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut g = self.state.lock().unwrap();
        if g.0 {
            Poll::Ready(())
        } else {
            g.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

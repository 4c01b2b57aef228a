//! Async on tokio: 100 calls in flight at once, each sleeping 100 ms in Go on its own
//! goroutine; no tokio thread blocks, so they all finish in about 100 ms, not 10 s.

use std::time::Instant;
use tour::idl::{Slow, SlowImpl};

#[tokio::main]
async fn main() {
    let start = Instant::now();
    let calls: Vec<_> = (0..100u64).map(|i| tokio::spawn(SlowImpl::double_later(i, 100))).collect();
    let mut sum = 0;
    for call in calls {
        sum += call.await.unwrap();
    }
    println!("100 concurrent calls of 100 ms each: sum {sum} in {} ms", start.elapsed().as_millis());
}

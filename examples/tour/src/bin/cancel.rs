//! #[go_context]: a timeout drops the future, which cancels the Go handler's context.

use std::time::Duration;
use tour::idl::{Jobs, JobsImpl};

#[tokio::main]
async fn main() {
    // Completes normally: the context is not cancelled.
    println!("wait(10 ms) cancelled: {}", JobsImpl::wait(10).await);
    // Gives up after 20 ms; the Go handler would otherwise wait 60 s.
    let r = tokio::time::timeout(Duration::from_millis(20), JobsImpl::wait(60_000)).await;
    println!("wait(60 s) with a 20 ms timeout: {}", if r.is_err() { "timed out" } else { "finished" });
    while JobsImpl::cancelled() == 0 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    println!("Go saw {} cancelled context(s)", JobsImpl::cancelled());
}

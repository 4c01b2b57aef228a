//! #[mem]: 1,000 concurrent calls through the shared-memory rings, then a clean shutdown.

use tour::idl::{Adder, AdderImpl};

#[tokio::main]
async fn main() {
    // Optional: a handle keeps the queue running; dropping the last one stops its poller.
    let handle = AdderImpl::shm_handle();
    let calls: Vec<_> = (0..1000u64).map(|i| tokio::spawn(AdderImpl::add(i, 1))).collect();
    let mut sum = 0;
    for call in calls {
        sum += call.await.unwrap();
    }
    println!("1000 #[mem] calls: sum {sum}");
    drop(handle);
    rust2go::runtime::shm_shutdown();
    while rust2go::runtime::shm_live_queues() != 0 {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    println!("queues stopped");
}

//! Exits while `#[mem]` calls are in flight (run by tests/lifecycle.rs): must not hang.

use rust2go_shm_tests::idl::{ShmCall, ShmCallImpl};
use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

struct Unpark(std::thread::Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::park();
    }
}

fn main() {
    assert_eq!(block_on(ShmCallImpl::add(1, 2)), 3);
    let req = rust2go_shm_tests::request(1, 100);
    // Some calls still sleeping in Go, some futures dropped, some forgotten.
    for i in 0..200 {
        let f = ShmCallImpl::slow_checksum(&req, 2_000_000);
        if i % 2 == 0 {
            std::mem::forget(f);
        }
    }
    let _pending = ShmCallImpl::slow_checksum(&req, 2_000_000);
    println!("exiting with calls in flight");
}

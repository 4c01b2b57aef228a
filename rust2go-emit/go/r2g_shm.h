// The C side of the shared-memory queues (the ring that async calls travel through by
// default, and #[mem] calls), after r2g.h in the cgo preamble of a gen.go with such methods.
// The Go poller sleeps on a futex inside a C call (so a sleeping poller holds no Go scheduler
// resources), and Go calls the Rust runtime's delivery and exit functions through the pointers
// stored in the shared block.

// ---- everything below this line is copied into gen.go ----

#if defined(__linux__)
#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

// Sleeps while *word == val, at most one second (the caller re-checks its condition).
static void r2g_shm_wait(uint32_t *word, uint32_t val) {
	struct timespec ts = {1, 0};
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, &ts, NULL, 0);
}

// Sleeps while *word == val, at most us microseconds.
static void r2g_shm_wait_us(uint32_t *word, uint32_t val, long us) {
	struct timespec ts = {0, us * 1000};
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, &ts, NULL, 0);
}

// glibc and musl declare it only under _GNU_SOURCE, which must come before the first include
// of the cgo preamble.
extern int sched_getcpu(void);

// One look of the poller's spin: unless it runs on push_cpu (where the latest request it
// popped was pushed), gives the CPU to another thread for a moment and returns 1; there,
// returns 0 (spinning would only keep the pusher off the CPU). A CPU that sched_getcpu could
// not tell (-1, on either side) is never the same CPU.
static int r2g_shm_spin(int push_cpu) {
	if (push_cpu >= 0 && sched_getcpu() == push_cpu) {
		return 0;
	}
	sched_yield();
	return 1;
}

#else
#if defined(R2G_SHM_REQUIRED)
#error "rust2go: #[mem] methods need Linux (futex-based shared-memory queues)"
#endif
#include <stdlib.h>

// Elsewhere the Rust glue of a default async method takes its export and never starts a
// queue, so no poller runs and these are never called.
static void r2g_shm_wait(uint32_t *word, uint32_t val) {
	(void)word;
	(void)val;
	abort();
}

static void r2g_shm_wait_us(uint32_t *word, uint32_t val, long us) {
	(void)word;
	(void)val;
	(void)us;
	abort();
}

static int r2g_shm_spin(int push_cpu) {
	(void)push_cpu;
	abort();
}
#endif

// Calls a Rust runtime function of the queue (delivering completions, poller exit).
static void r2g_shm_call(void *f, void *mem) {
	((void (*)(void *))f)(mem);
}

// The C side of the cgo path's worker pool (async.go), after r2g.h in the cgo preamble of a
// gen.go with async methods on the pool. An idle worker waits inside a C call on a condition
// variable, so that the export that hands it a call wakes exactly that thread: a goroutine
// parked on a Go channel would instead be readied onto the P of the calling (Rust) thread,
// which that thread keeps while it runs Rust code, and wait there until another M stole it.

// ---- everything below this line is copied into gen.go ----

#include <pthread.h>

typedef struct R2gPark {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int woken;
} R2gPark;

// A parking place in C memory (Go never moves it; pthread objects must not be copied).
static inline R2gPark *r2g_park_new(void) {
	R2gPark *p = (R2gPark *)calloc(1, sizeof(R2gPark));
	if (p == NULL) {
		abort();
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	return p;
}

static inline void r2g_park_free(R2gPark *p) {
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

// Blocks until r2g_park_wake (which may come first: the wake-up is remembered).
static inline void r2g_park_wait(R2gPark *p) {
	pthread_mutex_lock(&p->mu);
	while (!p->woken) {
		pthread_cond_wait(&p->cv, &p->mu);
	}
	p->woken = 0;
	pthread_mutex_unlock(&p->mu);
}

static inline void r2g_park_wake(R2gPark *p) {
	pthread_mutex_lock(&p->mu);
	p->woken = 1;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

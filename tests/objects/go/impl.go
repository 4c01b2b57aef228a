package main

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

var created, closed, doubleCloses int64

// counter is safe for concurrent use, as an object trait's implementation must be.
type counter struct {
	mu     sync.Mutex
	name   string
	value  uint64
	calls  uint64
	closed int32
}

func newCounter(name string, start uint64) *counter {
	atomic.AddInt64(&created, 1)
	return &counter{name: name, value: start}
}

func (c *counter) checkOpen() {
	if atomic.LoadInt32(&c.closed) != 0 {
		panic("counter used after close")
	}
}

func (c *counter) add(n *uint64) uint64 {
	c.checkOpen()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.value += *n
	c.calls++
	return c.value
}

func (c *counter) get() uint64 {
	c.checkOpen()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.value
}

func (c *counter) label() string { return c.name }

func (c *counter) snapshot() Snapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Snapshot{name: c.name, value: c.value, calls: c.calls}
}

func (c *counter) fork() Counter { return newCounter(c.name+"'", c.get()) }

func (c *counter) fail(msg *string) (uint64, error) { return 0, errors.New(*msg) }

func (c *counter) slow_get(delayMs *uint32) uint64 {
	time.Sleep(time.Duration(*delayMs) * time.Millisecond)
	return c.get()
}

func (c *counter) slow_add(other Counter, delayMs *uint32) uint64 {
	time.Sleep(time.Duration(*delayMs) * time.Millisecond)
	n := other.get()
	return c.add(&n)
}

func (c *counter) inline_get() uint64 { return c.get() }

func (c *counter) close() {
	if !atomic.CompareAndSwapInt32(&c.closed, 0, 1) {
		atomic.AddInt64(&doubleCloses, 1)
		return
	}
	atomic.AddInt64(&closed, 1)
}

type registry struct{}

func (registry) live() uint64          { return uint64(atomic.LoadInt64(&created) - atomic.LoadInt64(&closed)) }
func (registry) double_closes() uint64 { return uint64(atomic.LoadInt64(&doubleCloses)) }
func (registry) closed() uint64        { return uint64(atomic.LoadInt64(&closed)) }
func (registry) total(a Counter, b Counter) uint64 {
	return a.get() + b.get()
}
func (registry) make(start *uint64) Counter { return newCounter("made", *start) }

func init() {
	CounterNew = func(start *uint64) Counter { return newCounter("", *start) }
	CounterNamed = func(name *string, start *uint64) (Counter, error) {
		switch *name {
		case "":
			return nil, errors.New("empty name")
		case "nil":
			return nil, nil
		}
		// The argument views Rust memory for the duration of the call: keep a copy (not
		// strings.Clone: this package also builds with Go 1.19, the go118 output).
		return newCounter(string([]byte(*name)), *start), nil
	}
	CounterMerge = func(a Counter, b Counter) Counter { return newCounter("merged", a.get()+b.get()) }
	RegistryImpl = registry{}
}

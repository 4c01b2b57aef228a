package main

import (
	"fmt"
	"sync"
	"testing"
)

func fnv(b []byte) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, c := range b {
		h ^= uint64(c)
		h *= 0x100000001b3
	}
	return h
}

func TestHash(t *testing.T) {
	for _, s := range []string{"", "a", "hello from go", string(make([]byte, 1<<20))} {
		b := []byte(s)
		if got, want := (RustCallImpl{}).hash(&b), fnv(b); got != want {
			t.Fatalf("hash(%d bytes) = %x, want %x", len(b), got, want)
		}
	}
}

func TestDescribeAndLog(t *testing.T) {
	user := DemoUser{name: "a", age: 28}
	RustCallImpl{}.demo_log(&user.name, &user.age)
	if got := (RustCallImpl{}).describe(&user); got != "a (28 years)" {
		t.Fatalf("describe = %q", got)
	}
}

func TestParseResult(t *testing.T) {
	s := " 42 "
	if v, err := (RustCallImpl{}).parse(&s); err != nil || v != 42 {
		t.Fatalf("parse(42) = %v, %v", v, err)
	}
	bad := "x"
	if _, err := (RustCallImpl{}).parse(&bad); err == nil || err.Error() != `cannot parse "x": invalid digit found in string` {
		t.Fatalf("parse(x) err = %v", err)
	}
}

func TestAsyncLookupFromManyGoroutines(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for i := 0; i < 1000; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req := LookupRequest{key: fmt.Sprint("k", i), limit: uint32(i % 5)}
			r := RustCallImpl{}.lookup(&req)
			if r.key != req.key || len(r.hits) != int(req.limit) {
				errs <- fmt.Errorf("lookup %d: %+v", i, r)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

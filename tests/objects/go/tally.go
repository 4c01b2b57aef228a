package main

// The TallyDriver handlers: Go code holding Rust objects (TallyImpl, made by TallyNew and
// TallyNamed), checked by tests/rust_objects.rs.

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"
)

type tallyDriver struct{}

func init() { TallyDriverImpl = tallyDriver{} }

func (tallyDriver) basics() string {
	start, other := uint64(5), uint64(100)
	a := TallyNew(&start)
	b := TallyNew(&other)
	defer a.Close()
	defer b.Close()
	two, one := uint64(2), uint64(1)
	if got := a.add(&two); got != 7 {
		return fmt.Sprintf("a.add(2) = %d", got)
	}
	if got := b.add(&one); got != 101 {
		return fmt.Sprintf("b.add(1) = %d", got)
	}
	if a.get() != 7 || b.get() != 101 {
		return fmt.Sprintf("per-object state: %d, %d", a.get(), b.get())
	}
	name := "ß-tally"
	n, err := TallyNamed(&name, &one)
	if err != nil {
		return "TallyNamed: " + err.Error()
	}
	prefix := "the "
	if got := n.label(&prefix); got != "the ß-tally" {
		return "label: " + got
	}
	msg := "no luck"
	if v, err := n.fail(&msg); err == nil || err.Error() != "no luck" || v != 0 {
		return fmt.Sprintf("fail: %d, %v", v, err)
	}
	n.Close()
	n.Close() // a second Close does nothing
	delay := uint32(5)
	if got := a.slow_get(&delay); got != 7 {
		return fmt.Sprintf("a.slow_get = %d", got)
	}
	return ""
}

func (tallyDriver) churn(goroutines *uint32, per *uint32) uint64 {
	var wg sync.WaitGroup
	sums := make([]uint64, *goroutines)
	for g := range sums {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := uint32(0); i < *per; i++ {
				start := uint64(i)
				t := TallyNew(&start)
				n := uint64(g + 1)
				sums[g] += t.add(&n)
				t.Close()
			}
		}(g)
	}
	wg.Wait()
	var sum uint64
	for _, s := range sums {
		sum += s
	}
	return sum
}

func (tallyDriver) shared(goroutines *uint32, per *uint32) uint64 {
	zero := uint64(0)
	t := TallyNew(&zero)
	release := make(chan struct{})
	var added, done sync.WaitGroup
	for g := uint32(0); g < *goroutines; g++ {
		added.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			one := uint64(1)
			for i := uint32(0); i < *per; i++ {
				t.add(&one)
			}
			added.Done()
			<-release
			t.Close() // every goroutine closes it: the Rust value is dropped once
		}()
	}
	// One more goroutine calls the object until Close stops it: its calls race with the
	// Close calls, and the first one after Close panics (recovered here).
	racer := make(chan string)
	go func() {
		zero := uint64(0)
		for {
			if msg := recovered(func() { t.add(&zero) }); msg != "no panic" {
				racer <- msg
				return
			}
		}
	}()
	added.Wait()
	v := t.get()
	close(release)
	done.Wait()
	if msg := <-racer; msg != "rust2go: TallyImpl.add called after Close" {
		panic("unexpected panic of a call racing Close: " + msg)
	}
	return v
}

func recovered(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return "no panic"
}

func (tallyDriver) ctor_errors() []string {
	empty, boom, one := "", "panic", uint64(1)
	var out []string
	if t, err := TallyNamed(&empty, &one); err == nil || t != nil {
		out = append(out, "no error for an empty name")
	} else {
		out = append(out, err.Error())
	}
	if t, err := TallyNamed(&boom, &one); err == nil || t != nil {
		out = append(out, "no error for a panicking constructor")
	} else if _, ok := err.(RustPanic); !ok {
		out = append(out, "not a RustPanic: "+err.Error())
	} else {
		out = append(out, err.Error())
	}
	out = append(out, recovered(func() {
		max := uint64(math.MaxUint64)
		TallyNew(&max)
	}))
	return out
}

func (tallyDriver) misuse() []string {
	zero := uint64(0)
	t := TallyNew(&zero)
	t.Close()
	one := uint64(1)
	var zeroValue TallyImpl
	msg := "rust boom"
	u := TallyNew(&zero)
	defer u.Close()
	return []string{
		recovered(func() { t.add(&one) }),
		recovered(func() { zeroValue.get() }),
		recovered(func() { u.boom(&msg) }),
	}
}

func (tallyDriver) close_during_call(delay *uint32, sync *bool) []uint64 {
	start := uint64(42)
	t := TallyNew(&start)
	got := make(chan uint64)
	started := TallyStatsImpl{}.slow_calls()
	go func() {
		defer func() {
			if r := recover(); r != nil {
				fmt.Println("slow_get panicked:", r)
				got <- 0
			}
		}()
		if *sync {
			got <- t.hold(delay)
		} else {
			got <- t.slow_get(delay)
		}
	}()
	// Close once the call runs in Rust (it then waits there for the delay).
	for (TallyStatsImpl{}).slow_calls() == started {
		time.Sleep(time.Millisecond)
	}
	before := TallyStatsImpl{}.dropped()
	t.Close()
	afterClose := TallyStatsImpl{}.dropped()
	v := <-got
	return []uint64{before, afterClose, v, TallyStatsImpl{}.dropped()}
}

func (tallyDriver) forget(n *uint32) uint64 {
	before := TallyStatsImpl{}.dropped()
	for i := uint32(0); i < *n; i++ {
		start := uint64(i)
		TallyNew(&start).get()
	}
	deadline := time.Now().Add(10 * time.Second)
	for (TallyStatsImpl{}).dropped()-before < uint64(*n) && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	return TallyStatsImpl{}.dropped() - before
}

func (tallyDriver) tally_round_trip(name *string, start *uint64, adds *[]uint64, prefix *string, msg *string) Tuple_Vec_u64_u64_String_String {
	t, err := TallyNamed(name, start)
	if err != nil {
		return Tuple_Vec_u64_u64_String_String{_2: err.Error()}
	}
	defer t.Close()
	var got []uint64
	for i := range *adds {
		got = append(got, t.add(&(*adds)[i]))
	}
	_, ferr := t.fail(msg)
	return Tuple_Vec_u64_u64_String_String{got, t.get(), t.label(prefix), ferr.Error()}
}

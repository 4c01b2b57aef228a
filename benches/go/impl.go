package main

import (
	"fmt"
	"sync"
)

type benchImpl struct{}

// names is prepared once so that `names` measures the result path, not Go string building.
var names []string

func init() {
	BenchImpl = benchImpl{}
	BenchObjectNew = func() BenchObject { return &benchObject{} }
	names = make([]string, 1000)
	for i := range names {
		names[i] = fmt.Sprintf("user-%04d@bench.example.org.xx", i) // 30 bytes
	}
}

func (benchImpl) add(a uint32, b uint32) uint32 { return a + b }

func (benchImpl) bytes(name *string, data *[]uint8) uint32 {
	d := *data
	r := uint32(len(*name)) + uint32(len(d))
	if len(d) > 0 {
		r += uint32(d[0]) + uint32(d[len(d)-1])
	}
	return r
}

func (benchImpl) strings(items *[]string) uint32 {
	v := *items
	if len(v) == 0 {
		return 0
	}
	return uint32(len(v)) + uint32(len(v[len(v)-1]))
}

func sumUsers(users []User) uint32 {
	var r uint32
	for i := range users {
		r += uint32(users[i].age) + uint32(len(users[i].tags))
	}
	return r
}

func (benchImpl) users(users *[]User) uint32 { return sumUsers(*users) }

func (benchImpl) names(n *uint32) []string {
	k := int(*n)
	if k > len(names) {
		k = len(names)
	}
	return names[:k]
}

func (benchImpl) echo(items *[]string) []string { return *items }

func (benchImpl) add_async(a uint32, b uint32) uint32        { return a + b }
func (benchImpl) add_async_inline(a uint32, b uint32) uint32 { return a + b }

func (benchImpl) users_async(users *[]User) uint32 { return sumUsers(*users) }

func (benchImpl) pair_add(p *Pair) uint32        { return p.a + p.b }
func (benchImpl) pair_add_cgo(p *Pair) uint32    { return p.a + p.b }
func (benchImpl) pair_add_mem(p *Pair) uint32    { return p.a + p.b }
func (benchImpl) pair_add_inline(p *Pair) uint32 { return p.a + p.b }

// usersLen and stringsLen are the handlers of the side-by-side with rust2go 0.4
// (v04/go/impl.go has the same bodies).
func usersLen(us []User) uint32 {
	var r uint32
	for i := range us {
		r += uint32(len(us[i].name))
		for _, t := range us[i].tags {
			r += uint32(len(t))
		}
	}
	return r
}

func stringsLen(s []string) uint32 {
	var r uint32
	for _, x := range s {
		r += uint32(len(x))
	}
	return r
}

func (benchImpl) users_len(u *Users) uint32      { return usersLen(u.users) }
func (benchImpl) strings_len(s *[]string) uint32 { return stringsLen(*s) }

// benchObject is the Go object behind a BenchObjectImpl handle.
type benchObject struct{}

func (*benchObject) add(a uint32, b uint32) uint32 { return a + b }

// benchAdder is the Rust object of the g2r_object_add benchmark, made on first use.
var (
	benchAdder     *RustBenchObjectImpl
	benchAdderOnce sync.Once
)

func (benchImpl) g2r_add_loop(n *uint64, onObject *bool) uint32 {
	var r uint32
	if *onObject {
		benchAdderOnce.Do(func() { benchAdder = RustBenchObjectNew() })
		for i := uint64(0); i < *n; i++ {
			r += benchAdder.add(1, 2)
		}
		return r
	}
	for i := uint64(0); i < *n; i++ {
		r += RustBenchImpl{}.add(1, 2)
	}
	return r
}

package main

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

type shmImpl struct{}
type tinyImpl struct{}
type statsImpl struct{}

var mismatches, inFlight, busyNow, busyMax, busyOverlapped int64

func init() {
	ShmCallImpl = shmImpl{}
	TinyImpl = tinyImpl{}
	StatsImpl = statsImpl{}
}

func checksum(req *FriendsListRequest) uint64 {
	h := uint64(0xcbf29ce484222325)
	eat := func(b byte) {
		h ^= uint64(b)
		h *= 0x100000001b3
	}
	for i := 0; i < 8; i++ {
		eat(byte(req.user_id >> (8 * i)))
	}
	for _, n := range req.names {
		for i := 0; i < len(n); i++ {
			eat(n[i])
		}
		eat(0)
	}
	for _, b := range req.payload {
		eat(b)
	}
	return h
}

func respond(req *FriendsListRequest) FriendsListResponse {
	sum := checksum(req)
	if sum != req.expect {
		atomic.AddInt64(&mismatches, 1)
	}
	return FriendsListResponse{user_id: req.user_id, checksum: sum, names: req.names}
}

func (shmImpl) add_friends(req *FriendsListRequest) FriendsListResponse    { return respond(req) }
func (shmImpl) check(req *FriendsListRequest) FriendsListResponse          { return respond(req) }
func (shmImpl) delete_friends(req *FriendsListRequest) FriendsListResponse { return respond(req) }
func (shmImpl) heavy(req *FriendsListRequest) FriendsListResponse          { return respond(req) }

func (shmImpl) pm_friend(req *PMFriendRequest) PMFriendResponse {
	return PMFriendResponse{ok: true, echoed: req.to + ": " + req.body}
}

func (shmImpl) slow_checksum(req *FriendsListRequest, sleepUs *uint32) FriendsListResponse {
	atomic.AddInt64(&inFlight, 1)
	defer atomic.AddInt64(&inFlight, -1)
	time.Sleep(time.Duration(*sleepUs) * time.Microsecond)
	return respond(req)
}

func (shmImpl) busy(x *uint64, us *uint32) Tuple_u64_i32 {
	atomic.AddInt64(&inFlight, 1)
	defer atomic.AddInt64(&inFlight, -1)
	now := atomic.AddInt64(&busyNow, 1)
	defer atomic.AddInt64(&busyNow, -1)
	if now > 1 {
		atomic.AddInt64(&busyOverlapped, 1)
	}
	for {
		seen := atomic.LoadInt64(&busyMax)
		if now <= seen || atomic.CompareAndSwapInt64(&busyMax, seen, now) {
			break
		}
	}
	start := time.Now()
	for time.Since(start) < time.Duration(*us)*time.Microsecond {
	}
	return Tuple_u64_i32{_0: 3**x + 1, _1: int32(runtime.GOMAXPROCS(0))}
}

func (shmImpl) add(a uint64, b uint64) uint64     { return a + b }
func (shmImpl) add_cgo(a uint64, b uint64) uint64 { return a + b }

func (shmImpl) nothing() {}

func (shmImpl) boom(msg *string) uint32 { panic("boom: " + *msg) }

func (shmImpl) panics_nil() (uint32, error) { panic(nil) }

// goexit ends its goroutine; from n = 1000 on it first blocks for n µs (long enough for the
// ring's watchdog to replace the poller, and to look again, before the Goexit).
func (shmImpl) goexit(n *uint32) uint32 {
	if *n >= 1000 {
		time.Sleep(time.Duration(*n) * time.Microsecond)
	}
	runtime.Goexit()
	return *n
}

// goexit_recovered blocks for n µs, then ends its goroutine with runtime.Goexit; a deferred
// function panics during the Goexit. Recovering that panic does not stop the Goexit (Go's
// rule): the goroutine ends all the same, although the recovered value is a panic's.
func (shmImpl) goexit_recovered(n *uint32) uint32 {
	defer func() { panic("a deferred function panicked during runtime.Goexit") }()
	time.Sleep(time.Duration(*n) * time.Microsecond)
	runtime.Goexit()
	return *n
}

func (shmImpl) try_div(a *int32, b *int32) (int32, error) {
	if *b == -1 {
		panic("negative one")
	}
	if *b == 0 {
		return 0, errorString("division by zero")
	}
	return *a / *b, nil
}

type errorString string

func (e errorString) Error() string { return string(e) }

func (shmImpl) big(n *uint32) []uint8 {
	b := make([]uint8, *n)
	for i := range b {
		b[i] = uint8(i * 7)
	}
	return b
}

func (shmImpl) scalars(a *bool, b *int8, c *uint16, d *float32, e *float64, f *rune, gh *Tuple_isize_usize) Tuple_bool_i8_u16_f32_f64_Tuple_char_isize_usize {
	return Tuple_bool_i8_u16_f32_f64_Tuple_char_isize_usize{_0: !*a, _1: -*b, _2: *c + 1, _3: *d * 2, _4: -*e, _5: Tuple_char_isize_usize{_0: *f + 1, _1: gh._0 - 1, _2: gh._1 + 1}}
}

func (shmImpl) shapes(s *[]Shape, m *map[uint32]string) []Shape {
	out := append([]Shape(nil), (*s)...)
	for k, v := range *m {
		k := k
		out = append(out, ShapeLabel{_0: v, _1: &k})
	}
	return out
}

func (tinyImpl) inc(x *uint64) uint64 { return *x + 1 }

func (statsImpl) mismatches() uint64 { return uint64(atomic.LoadInt64(&mismatches)) }
func (statsImpl) in_flight() int64   { return atomic.LoadInt64(&inFlight) }
func (statsImpl) busy_stats() Tuple_i64_i64 {
	return Tuple_i64_i64{_0: atomic.SwapInt64(&busyMax, 0), _1: atomic.SwapInt64(&busyOverlapped, 0)}
}

// Round trips (tests/proptest_mem.rs).
func (shmImpl) echo_bag(x *Bag) Bag         { return *x }
func (shmImpl) echo_bag_owned(x *Bag) Bag   { return *x }
func (shmImpl) echo_bag_ret(x *Bag) Bag     { return *x }
func (shmImpl) echo_bag_by_value(x Bag) Bag { return x }
func (shmImpl) echo_bag_result(x *Bag, e **string) (Bag, error) {
	if *e != nil {
		return Bag{}, errors.New(**e)
	}
	return *x, nil
}
func (shmImpl) echo_bag_borrowed(s *string, xs *[]Bag) Tuple_String_Vec_Bag {
	return Tuple_String_Vec_Bag{*s, *xs}
}
func (shmImpl) echo_scalars(a *bool, b *int8, c *uint16, d *float32, e *float64, f *rune, gh *Tuple_isize_usize) Tuple_bool_i8_u16_f32_f64_Tuple_char_isize_usize {
	return Tuple_bool_i8_u16_f32_f64_Tuple_char_isize_usize{*a, *b, *c, *d, *e, Tuple_char_isize_usize{*f, gh._0, gh._1}}
}

type oneWayBagImpl struct{}

var (
	keptBagsMu sync.Mutex
	keptBags   []Tuple_String_Bag
)

func init() { OneWayBagImpl = oneWayBagImpl{} }

// keep_bag keeps deep copies: the argument is only valid during the call.
func (oneWayBagImpl) keep_bag(x *Bag, tag *string) {
	keptBagsMu.Lock()
	defer keptBagsMu.Unlock()
	keptBags = append(keptBags, Tuple_String_Bag{string([]byte(*tag)), x.Clone()})
}

func (oneWayBagImpl) kept_bags() []Tuple_String_Bag {
	keptBagsMu.Lock()
	defer keptBagsMu.Unlock()
	out := keptBags
	keptBags = nil
	return out
}

package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

type asyncImpl struct{}
type statsImpl struct{}

var mismatches, inFlight int64

func init() {
	AsyncCallImpl = asyncImpl{}
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

func (asyncImpl) add_friends(req *FriendsListRequest) FriendsListResponse    { return respond(req) }
func (asyncImpl) check(req *FriendsListRequest) FriendsListResponse          { return respond(req) }
func (asyncImpl) delete_friends(req *FriendsListRequest) FriendsListResponse { return respond(req) }
func (asyncImpl) heavy(req *FriendsListRequest) FriendsListResponse          { return respond(req) }

func (asyncImpl) pm_friend(req *PMFriendRequest) PMFriendResponse {
	return PMFriendResponse{ok: true, echoed: req.to + ": " + req.body}
}

func (asyncImpl) slow_checksum(req *FriendsListRequest, sleepUs *uint32) FriendsListResponse {
	atomic.AddInt64(&inFlight, 1)
	defer atomic.AddInt64(&inFlight, -1)
	time.Sleep(time.Duration(*sleepUs) * time.Microsecond)
	return respond(req)
}

func (asyncImpl) add(a uint64, b uint64) uint64 { return a + b }

func (asyncImpl) nothing() {}

func (asyncImpl) join_borrowed(sep *string, words *[]string, reqs *[]FriendsListRequest) string {
	s := strings.Join(*words, *sep)
	for i := range *reqs {
		r := &(*reqs)[i]
		if sum := checksum(r); sum == r.expect {
			s += fmt.Sprintf(":%d", sum)
		} else {
			s += ":-"
		}
	}
	return s
}

func (a asyncImpl) join_borrowed_inline(sep *string, words *[]string, reqs *[]FriendsListRequest) string {
	return a.join_borrowed(sep, words, reqs)
}

func (asyncImpl) boom(msg *string) uint32 { panic("boom: " + *msg) }

// The #[cgo] twins: the same handlers.

func (a asyncImpl) add_friends_cgo(req *FriendsListRequest) FriendsListResponse {
	return a.add_friends(req)
}
func (a asyncImpl) check_cgo(req *FriendsListRequest) FriendsListResponse { return a.check(req) }
func (a asyncImpl) delete_friends_cgo(req *FriendsListRequest) FriendsListResponse {
	return a.delete_friends(req)
}
func (a asyncImpl) pm_friend_cgo(req *PMFriendRequest) PMFriendResponse   { return a.pm_friend(req) }
func (a asyncImpl) heavy_cgo(req *FriendsListRequest) FriendsListResponse { return a.heavy(req) }
func (a asyncImpl) slow_checksum_cgo(req *FriendsListRequest, sleepUs *uint32) FriendsListResponse {
	return a.slow_checksum(req, sleepUs)
}
func (a asyncImpl) add_cgo(x uint64, y uint64) uint64 { return a.add(x, y) }
func (a asyncImpl) nothing_cgo()                      { a.nothing() }
func (a asyncImpl) boom_cgo(msg *string) uint32       { return a.boom(msg) }
func (a asyncImpl) rendezvous_cgo(group *uint64, n *uint32) uint32 {
	return a.rendezvous(group, n)
}
func (a asyncImpl) join_borrowed_cgo(sep *string, words *[]string, reqs *[]FriendsListRequest) string {
	return a.join_borrowed(sep, words, reqs)
}

func (a asyncImpl) add_friends_inline(req *FriendsListRequest) FriendsListResponse {
	return respond(req)
}
func (a asyncImpl) add_inline(x *uint64, y *uint64) uint64 { return *x + *y }
func (a asyncImpl) pm_friend_inline(req *PMFriendRequest) PMFriendResponse {
	return a.pm_friend(req)
}
func (a asyncImpl) boom_inline(msg *string) uint32 { return a.boom(msg) }
func (asyncImpl) thread_id_inline() int64          { return int64(syscall.Gettid()) }

var cancelled sync.Map

func (asyncImpl) wait_cancel(ctx context.Context, id *uint64, timeoutMs *uint32) bool {
	select {
	case <-ctx.Done():
		cancelled.Store(*id, true)
		return true
	case <-time.After(time.Duration(*timeoutMs) * time.Millisecond):
		return false
	}
}

func (statsImpl) was_cancelled(id *uint64) bool {
	_, ok := cancelled.Load(*id)
	return ok
}

func (statsImpl) mismatches() uint64 { return uint64(atomic.LoadInt64(&mismatches)) }
func (statsImpl) in_flight() int64   { return atomic.LoadInt64(&inFlight) }

// groups holds the rendezvous of each group (see rendezvous in the IDL).
var groups sync.Map

type meeting struct {
	mu      sync.Mutex
	arrived uint32
	all     chan struct{}
}

func (asyncImpl) rendezvous(group *uint64, n *uint32) uint32 {
	v, _ := groups.LoadOrStore(*group, &meeting{all: make(chan struct{})})
	m := v.(*meeting)
	m.mu.Lock()
	m.arrived++
	if m.arrived == *n {
		close(m.all)
	}
	m.mu.Unlock()
	select {
	case <-m.all:
		return *n
	case <-time.After(20 * time.Second):
		return 0
	}
}

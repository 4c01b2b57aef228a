package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type service struct{}

func init() { UserServiceImpl = service{} }

func (service) Greet(name string, times uint32) string {
	return strings.TrimSpace(strings.Repeat("hi "+name+" ", int(times)))
}

func (service) Count(data []uint8, byte uint8) uint64 {
	var n uint64
	for _, b := range data {
		if b == byte {
			n++
		}
	}
	return n
}

func jsonOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "error: " + err.Error()
	}
	return string(b)
}

func (service) UserJSON(u *User) string { return jsonOf(u) }

func (service) TotalIds(users []User) uint64 {
	var n uint64
	for i := range users {
		n += uint64(users[i].UserID)
	}
	return n
}

func (service) Describe(u *User, role Role) string {
	return fmt.Sprintf("%s (%d) as %d", u.Name, u.UserID, role)
}

func (s service) DescribeValue(u User, role Role) string { return s.Describe(&u, role) }

func (service) Login(u *User, password string) (LoginOutcome, error) {
	switch {
	case password == "":
		return nil, fmt.Errorf("empty password for %s", u.Name)
	case u.Name == "locked":
		return LoginOutcomeLocked{}, nil
	case password != "secret":
		return LoginOutcomeDenied{F0: "bad password for " + u.Name}, nil
	}
	return LoginOutcomeAccepted{SessionID: uint64(u.UserID) * 1000}, nil
}

func (service) LoginAsync(name string, ids []uint32) LoginOutcome {
	if len(ids) == 0 {
		return LoginOutcomeDenied{F0: name}
	}
	var sum uint64
	for _, id := range ids {
		sum += uint64(id)
	}
	return LoginOutcomeAccepted{SessionID: sum}
}

func (service) UsersJSONAsync(users []User) string { return jsonOf(users) }

func (service) HashViaRust(data []uint8) uint64 { return RustSideImpl{}.Hash(data) }

func (service) FindViaRust(userID uint32) string { return jsonOf(RustSideImpl{}.FindUser(userID)) }

func (service) ParseViaRust(text string) string {
	id, err := RustSideImpl{}.ParseID(text)
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprint(id)
}

func (service) Wait(ctx context.Context, ms uint64) bool {
	select {
	case <-ctx.Done():
		atomic.AddUint64(&cancellations, 1)
		return true
	case <-time.After(time.Duration(ms) * time.Millisecond):
		return false
	}
}

func (service) EchoMem(data []uint8, label string) []uint8 {
	return append([]byte(label+":"), data...)
}

var cancellations uint64

func (service) Cancellations() uint64 { return atomic.LoadUint64(&cancellations) }

var (
	keptMu sync.Mutex
	kept   *User
)

func (service) Keep(u *User) {
	c := u.Clone()
	keptMu.Lock()
	kept = &c
	keptMu.Unlock()
}

func (service) Kept() *User {
	keptMu.Lock()
	defer keptMu.Unlock()
	return kept
}

// Round trips (tests/proptest_idiomatic.rs).
func (service) EchoProfile(p *Profile) Profile        { return *p }
func (service) EchoProfileByValue(p Profile) Profile  { return p }
func (service) EchoProfileAsync(p *Profile) Profile   { return *p }
func (service) EchoProfileCgo(p *Profile) Profile     { return *p }
func (service) EchoProfileViaRust(p *Profile) Profile { return RustSideImpl{}.EchoProfile(p) }

func (service) EchoParts(s string, b []uint8, m map[string]uint32, o *User, e LoginOutcome, r Role) Tuple_String_Vec_u8_HashMap_String_u32_Option_User_LoginOutcome_Role {
	return Tuple_String_Vec_u8_HashMap_String_u32_Option_User_LoginOutcome_Role{s, b, m, o, e, r}
}

package main

import (
	"fmt"
	"strings"
)

type goCall struct{}

func init() { GoCallImpl = goCall{} }

func (goCall) go_hash(data *[]uint8) uint64       { return RustCallImpl{}.hash(data) }
func (goCall) go_hash_async(data *[]uint8) uint64 { return RustCallImpl{}.hash(data) }
func (goCall) go_hash_slice(data *[]uint8) uint64 { return RustCallImpl{}.hash_slice(data) }

func (goCall) go_describe(sep *string, users *[]DemoUser) string {
	return RustCallImpl{}.describe_users(sep, users)
}

func (goCall) go_lookup(req *LookupRequest) LookupResponse      { return RustCallImpl{}.lookup(req) }
func (goCall) go_lookup_sync(req *LookupRequest) LookupResponse { return RustCallImpl{}.lookup(req) }

func (goCall) go_greet(user *DemoUser) string {
	u := DemoUser{name: user.name, age: user.age}
	RustCallImpl{}.demo_log(&u.name, &u.age)
	return RustCallImpl{}.greet(&u)
}

func (goCall) go_boom(msg *string) string {
	RustCallImpl{}.boom(msg)
	return "unreachable"
}

func (goCall) go_checked(n *uint32, boom *bool) string {
	if *boom {
		msg := "from go"
		_, err := RustCallImpl{}.checked_boom(&msg)
		if p, ok := err.(RustPanic); ok {
			return "RustPanic: " + p.Message
		}
		return fmt.Sprint("unexpected: ", err)
	}
	v, err := RustCallImpl{}.checked(n)
	if err != nil {
		return "err: " + err.Error()
	}
	return fmt.Sprint("ok: ", v)
}

func (goCall) go_async_boom(msg *string) (out string) {
	defer func() {
		if e := recover(); e != nil {
			out = fmt.Sprint("recovered: ", e)
		}
	}()
	return RustCallImpl{}.async_boom(msg)
}

func (goCall) go_tokio_sleep() (out string) {
	defer func() {
		if e := recover(); e != nil {
			out = fmt.Sprint("recovered: ", e)
		}
	}()
	ms := uint32(1)
	return fmt.Sprint("slept ", RustCallImpl{}.tokio_sleep(&ms))
}

func (goCall) go_loop(n *uint32) uint64 {
	var sum uint64
	for i := uint32(0); i < *n; i++ {
		u := DemoUser{name: "loop", age: uint8(i)}
		s := RustCallImpl{}.greet(&u)
		req := LookupRequest{key: "k", n: 3}
		r := RustCallImpl{}.lookup_sync(&req)
		sum += uint64(len(s) + len(strings.Join(r.values, "")))
	}
	return sum
}

func (goCall) go_misc() bool {
	RustCallImpl{}.nothing()
	b, c := true, 'λ'
	return RustCallImpl{}.flag(&b, &c)
}

func (goCall) go_big(n *uint32) uint64 {
	v := RustCallImpl{}.big(n)
	var total uint64
	for _, s := range v {
		total += uint64(len(s))
	}
	return total
}

func (goCall) go_lossy_keys() string {
	ok := map[string]uint32{"\xff": 1, "x": 3}
	n, err := RustCallImpl{}.count_keys(&ok)
	if err != nil || n != 2 {
		return fmt.Sprint("unexpected: ", n, err)
	}
	lossy := map[string]uint32{"\xff": 1, "\xfe": 2, "x": 3}
	n, err = RustCallImpl{}.count_keys(&lossy)
	if p, isPanic := err.(RustPanic); isPanic {
		return "RustPanic: " + p.Message
	}
	return fmt.Sprint("unexpected: ", n, err)
}

func (goCall) go_taken_names(out *uint32, arena *string, fut *uint32, r *uint32) uint64 {
	b := []byte{1, 2}
	c := rune(*r)
	return RustCallImpl{}.taken_names(out, arena, fut, new(uint8), &c, &b, new(uint64), new(bool))
}

func (goCall) go_taken_names_async(outcome *uint32, done *string, slot *uint32, complete *uint32) uint64 {
	return RustCallImpl{}.taken_names_async(outcome, done, slot, complete)
}

// Round trips through RustCallImpl (tests/proptest_g2r.rs).
func (goCall) go_echo_all(x *All) All         { return RustCallImpl{}.echo_all(x) }
func (goCall) go_echo_all_by_value(x All) All { return RustCallImpl{}.echo_all_by_value(x) }
func (goCall) go_echo_all_async(x *All) All   { return RustCallImpl{}.echo_all_async(x) }
func (goCall) go_echo_all_ring(x *All) All    { return RustCallImpl{}.echo_all_async(x) }
func (goCall) go_echo_all_cgo(x *All) All     { return RustCallImpl{}.echo_all(x) }
func (goCall) go_echo_all_result(x *All, e **string) (All, error) {
	return RustCallImpl{}.echo_all_result(x, e)
}
func (goCall) go_echo_borrowed(s *string, xs *[]All) Tuple_String_Vec_All {
	return RustCallImpl{}.echo_borrowed(s, xs)
}
func (goCall) go_echo_scalars(b *bool, c *rune, i *int64, u *uint, f *float32, d *float64) Tuple_bool_char_i64_usize_f32_f64 {
	return RustCallImpl{}.echo_scalars(b, c, i, u, f, d)
}

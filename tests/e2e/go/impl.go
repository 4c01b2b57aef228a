package main

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

type zeroCopyImpl struct{}
type allocImpl struct{}
type echoImpl struct{}
type emptyImpl struct{}
type leftImpl struct{}
type rightImpl struct{}
type workImpl struct{}
type toolchainImpl struct{}

// UnregisteredImpl is deliberately never assigned.
func init() {
	ZeroCopyImpl = zeroCopyImpl{}
	AllocImpl = allocImpl{}
	EchoImpl = echoImpl{}
	EmptyImpl = emptyImpl{}
	LeftImpl = leftImpl{}
	RightImpl = rightImpl{}
	WorkImpl = workImpl{}
	ToolchainImpl = toolchainImpl{}
	NamedBindingImpl = bindingImpl{}
	BareBindingImpl = bindingImpl{}
}

// ---- traits whose glue module is named in the attribute ----

type bindingImpl struct{}

func (bindingImpl) named_binding(n *uint32) uint32 { return *n + 1 }
func (bindingImpl) bare_binding(n *uint32) uint32  { return *n + 2 }

// ---- zero copy: Go reports where the argument data lives ----

const fnvOffset, fnvPrime = uint64(0xcbf29ce484222325), uint64(0x100000001b3)

func fnvStr(s string) uint64 {
	h := fnvOffset
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

func fnvBytes(b []byte) uint64 {
	h := fnvOffset
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// fnvWords hashes each word's little-endian bytes.
func fnvWords(w []uint32) uint64 {
	h := fnvOffset
	for _, x := range w {
		for i := 0; i < 4; i++ {
			h = (h ^ uint64(byte(x>>(8*i)))) * fnvPrime
		}
	}
	return h
}

func seeStr(s string) Seen {
	return Seen{addr: uint64(strData(s)), len: uint64(len(s)), sum: fnvStr(s)}
}

func (zeroCopyImpl) see_string(s *string) Seen       { return seeStr(*s) }
func (zeroCopyImpl) see_string_owned(s *string) Seen { return seeStr(*s) }
func (zeroCopyImpl) see_named(n *Named) Seen         { return seeStr(n.name) }
func (zeroCopyImpl) see_named_by_value(n Named) Seen { return seeStr(n.name) }

func (zeroCopyImpl) see_bytes(b *[]uint8) Seen {
	var addr uint64
	if len(*b) > 0 {
		addr = uint64(uintptr(unsafe.Pointer(&(*b)[0])))
	}
	return Seen{addr: addr, len: uint64(len(*b)), sum: fnvBytes(*b)}
}

func (zeroCopyImpl) see_words(w *[]uint32) Seen {
	var addr uint64
	if len(*w) > 0 {
		addr = uint64(uintptr(unsafe.Pointer(&(*w)[0])))
	}
	return Seen{addr: addr, len: uint64(len(*w)), sum: fnvWords(*w)}
}

func (zeroCopyImpl) see_str(s *string) Seen { return seeStr(*s) }

func (z zeroCopyImpl) see_byte_slice(b *[]uint8) Seen { return z.see_bytes(b) }

func (z zeroCopyImpl) see_user_slice(users *[]User) []uint64 { return z.see_users(users) }

func (zeroCopyImpl) see_users(users *[]User) []uint64 {
	var addrs []uint64
	for _, u := range *users {
		addrs = append(addrs, uint64(strData(u.name)))
		for _, t := range u.tags {
			addrs = append(addrs, uint64(strData(t)))
		}
	}
	return addrs
}

// ---- allocation counting: results that do not allocate in Rust ----

func (allocImpl) count_tags(users *[]User) uint32 {
	n := 0
	for _, u := range *users {
		n += len(u.tags)
	}
	return uint32(n)
}

func (allocImpl) take_users(users *[]User) {
	if len(*users) > 0 && (*users)[0].age == 255 {
		panic("unexpected age")
	}
}

func countInner(in Inner) uint64 { return 1 + uint64(len(in.words)) }

func (allocImpl) count_strings(n *Nested) uint64 {
	c := 1 + uint64(len(n.lines)) + countInner(n.inner)
	for _, u := range n.users {
		c += 1 + uint64(len(u.tags))
	}
	for _, in := range n.inners {
		c += countInner(in)
	}
	for _, row := range n.grid {
		c += uint64(len(row))
	}
	return c
}

func (allocImpl) string_len(s *string) uint64     { return uint64(len(*s)) }
func (allocImpl) add(a *uint64, b *uint64) uint64 { return *a + *b }
func (allocImpl) greet(name *string) string       { return "hello " + *name }

var heapAllocs = []metrics.Sample{{Name: "/gc/heap/allocs:objects"}}

func (allocImpl) go_heap_allocs() uint64 {
	metrics.Read(heapAllocs)
	return heapAllocs[0].Value.Uint64()
}

// ---- echo ----

func (echoImpl) echo_i8(x *int8) int8                            { return *x }
func (echoImpl) echo_i16(x *int16) int16                         { return *x }
func (echoImpl) echo_i32(x *int32) int32                         { return *x }
func (echoImpl) echo_i64(x *int64) int64                         { return *x }
func (echoImpl) echo_u8(x *uint8) uint8                          { return *x }
func (echoImpl) echo_u16(x *uint16) uint16                       { return *x }
func (echoImpl) echo_u32(x *uint32) uint32                       { return *x }
func (echoImpl) echo_u64(x *uint64) uint64                       { return *x }
func (echoImpl) echo_isize(x *int) int                           { return *x }
func (echoImpl) echo_usize(x *uint) uint                         { return *x }
func (echoImpl) echo_f32(x *float32) float32                     { return *x }
func (echoImpl) echo_f64(x *float64) float64                     { return *x }
func (echoImpl) echo_bool(x *bool) bool                          { return *x }
func (echoImpl) f32_bits(x *float32) uint32                      { return math.Float32bits(*x) }
func (echoImpl) f64_bits(x *float64) uint64                      { return math.Float64bits(*x) }
func (echoImpl) f32_from_bits(bits *uint32) float32              { return math.Float32frombits(*bits) }
func (echoImpl) f64_from_bits(bits *uint64) float64              { return math.Float64frombits(*bits) }
func (echoImpl) echo_scalars(x *Scalars) Scalars                 { return *x }
func (echoImpl) echo_scalars_by_value(x Scalars) Scalars         { return x }
func (echoImpl) echo_scalars_result(x *Scalars) (Scalars, error) { return *x, nil }
func (echoImpl) echo_scalar_vecs(x *ScalarVecs) ScalarVecs       { return *x }
func (echoImpl) echo_string(s *string) string                    { return *s }
func (echoImpl) echo_bytes(b *[]uint8) []uint8                   { return *b }
func (echoImpl) echo_strings(v *[]string) []string               { return *v }
func (echoImpl) echo_blobs(v *[][]uint8) [][]uint8               { return *v }
func (echoImpl) echo_users(v *[]User) []User                     { return *v }
func (echoImpl) echo_nested(n *Nested) Nested                    { return *n }

func (echoImpl) string_info(s *string) StrInfo {
	return StrInfo{bytes: uint64(len(*s)), runes: uint64(utf8.RuneCountInString(*s)), valid: utf8.ValidString(*s)}
}

func (echoImpl) invalid_utf8() string { return "ok\xff\xfe end \xe2\x82" }

func (echoImpl) invalid_utf8_nested() Nested {
	return Nested{
		title: "\xc0\xaf",
		lines: []string{"a\x80b", "fine"},
		users: []User{{name: "\xed\xa0\x80", age: 1, tags: []string{"\xf4\x90\x80\x80", "ü"}}},
		inner: Inner{label: "\xff", words: []string{"x\xe2\x82"}},
		grid:  [][]string{{"\xfe"}},
	}
}

// ---- empty values: no dangling pointers ----

//go:noinline
func deepStack(n int) uint64 {
	var pad [256]uint64
	pad[n%256] = uint64(n)
	if n == 0 {
		return pad[0]
	}
	return deepStack(n-1) + pad[(n*7)%256]
}

// gcAndMoveStack runs a full GC, then grows the goroutine's stack by about 1 MiB, which copies
// it: while copying, the runtime checks every live pointer slot of the frames below and throws
// "invalid pointer found on stack" for a small bogus pointer such as a dangling 0x1; the GC
// throws for a pointer into freed Go heap. The caller keeps the values to check live across it.
func gcAndMoveStack() {
	runtime.GC()
	deepStack(512)
}

type checker struct{ problems []string }

func (c *checker) bad(format string, args ...interface{}) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// str: an empty string with a nil data pointer.
func (c *checker) str(what string, s string) {
	if len(s) != 0 {
		c.bad("%s: len %d, want 0", what, len(s))
	} else if p := strData(s); p != 0 {
		c.bad("%s: empty string with data pointer %#x", what, p)
	}
}

// strs: a slice that is nil when empty, whose strings are all empty with nil data pointers.
func (c *checker) strs(what string, v []string) {
	if len(v) == 0 && sliceData(v) != 0 {
		c.bad("%s: empty slice with data pointer %#x", what, sliceData(v))
	}
	for i, s := range v {
		c.str(fmt.Sprintf("%s[%d]", what, i), s)
	}
}

// emptySlice: len 0 and a nil data pointer.
func emptySlice[T any](c *checker, what string, v []T) {
	if len(v) != 0 {
		c.bad("%s: len %d, want 0", what, len(v))
	} else if p := sliceData(v); p != 0 {
		c.bad("%s: empty slice with data pointer %#x", what, p)
	}
}

// outer: a Go-built slice of views must be nil when empty.
func outer[T any](c *checker, what string, v []T) {
	if len(v) == 0 && sliceData(v) != 0 {
		c.bad("%s: empty slice with data pointer %#x", what, sliceData(v))
	}
}

func (c *checker) user(what string, u User) {
	c.str(what+".name", u.name)
	c.strs(what+".tags", u.tags)
}

func (c *checker) inner(what string, in Inner) {
	c.str(what+".label", in.label)
	c.strs(what+".words", in.words)
	emptySlice(c, what+".values", in.values)
}

func (c *checker) blobs(what string, v [][]uint8) {
	outer(c, what, v)
	for i, b := range v {
		emptySlice(c, fmt.Sprintf("%s[%d]", what, i), b)
	}
}

func (c *checker) users(what string, v []User) {
	outer(c, what, v)
	for i, u := range v {
		c.user(fmt.Sprintf("%s[%d]", what, i), u)
	}
}

func (c *checker) nested(what string, n Nested) {
	c.str(what+".title", n.title)
	c.strs(what+".lines", n.lines)
	c.blobs(what+".blobs", n.blobs)
	c.users(what+".users", n.users)
	c.inner(what+".inner", n.inner)
	outer(c, what+".inners", n.inners)
	for i, in := range n.inners {
		c.inner(fmt.Sprintf("%s.inners[%d]", what, i), in)
	}
	outer(c, what+".grid", n.grid)
	for i, row := range n.grid {
		c.strs(fmt.Sprintf("%s.grid[%d]", what, i), row)
	}
}

func (emptyImpl) check_empty(s *string, owned *string, b *[]uint8, w *[]uint32, f *[]float64, strs *[]string, blobs *[][]uint8, users *[]User, n *Nested) string {
	// Copies of the arguments in this frame, live across the GC and the stack copy.
	sv, ov, bv, wv, fv, ss, bl, us, nv := *s, *owned, *b, *w, *f, *strs, *blobs, *users, *n
	gcAndMoveStack()
	var c checker
	c.str("s", sv)
	c.str("owned", ov)
	emptySlice(&c, "b", bv)
	emptySlice(&c, "w", wv)
	emptySlice(&c, "f", fv)
	c.strs("strs", ss)
	c.blobs("blobs", bl)
	c.users("users", us)
	c.nested("n", nv)
	runtime.KeepAlive(sv)
	runtime.KeepAlive(ov)
	runtime.KeepAlive(bv)
	runtime.KeepAlive(wv)
	runtime.KeepAlive(fv)
	runtime.KeepAlive(ss)
	runtime.KeepAlive(bl)
	runtime.KeepAlive(us)
	runtime.KeepAlive(nv)
	return strings.Join(c.problems, "; ")
}

// stringHeader is the layout of a Go string.
type stringHeader struct {
	data unsafe.Pointer
	len  int
}

func (emptyImpl) bogus_pointer_probe() {
	// What a dangling pointer from Rust (NonNull::dangling() is 0x1 for bytes) would look like.
	// The uintptr → unsafe.Pointer conversions are deliberate (go vet flags them).
	var s string
	(*stringHeader)(unsafe.Pointer(&s)).data = unsafe.Pointer(uintptr(1))
	b := unsafe.Slice((*byte)(unsafe.Pointer(uintptr(1))), 0)
	gcAndMoveStack()
	runtime.KeepAlive(s)
	runtime.KeepAlive(b)
}

// ---- two traits with the same method names ----

func (leftImpl) hello(x *uint32) string     { return "left " + strconv.FormatUint(uint64(*x), 10) }
func (leftImpl) shared(name *string) uint64 { return 1000 + uint64(len(*name)) }
func (rightImpl) hello(x *uint32) string    { return "right " + strconv.FormatUint(uint64(*x), 10) }
func (rightImpl) shared(x *uint64) string   { return "right shared " + strconv.FormatUint(*x, 10) }

// ---- concurrency ----

func (workImpl) process(req *Request) Response {
	var sum uint64
	for _, it := range req.items {
		sum += uint64(it)
	}
	return Response{id: req.id, name: req.name + "#" + strconv.FormatUint(req.id, 10), sum: sum, tags: uint64(len(req.tags))}
}

// ---- the linked toolchain ----

func (toolchainImpl) go_build_setting(key *string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, s := range info.Settings {
		if s.Key == *key {
			return s.Value
		}
	}
	return ""
}

func (toolchainImpl) go_version() string { return runtime.Version() }

package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"unsafe"
)

type typesImpl struct{}

func init() { TypesImpl = typesImpl{} }

func (typesImpl) echo(x *Everything) Everything                       { return *x }
func (typesImpl) echo_by_value(x Everything) Everything               { return x }
func (typesImpl) echo_opt(x **string) *string                         { return *x }
func (typesImpl) echo_map(x *map[string]uint32) map[string]uint32     { return *x }
func (typesImpl) echo_btree(x *map[int32][]string) map[int32][]string { return *x }
func (typesImpl) echo_color(x *Color) Color                           { return *x }
func (typesImpl) echo_shape(x *Shape) Shape                           { return *x }
func (typesImpl) echo_shapes(x *[]Shape) []Shape                      { return *x }
func (typesImpl) echo_tree(x *Tree) Tree                              { return *x }
func (typesImpl) echo_arr(x *[4]uint16) [4]uint16                     { return *x }
func (typesImpl) echo_tuple(x *Tuple_u32_String) Tuple_u32_String     { return *x }
func (typesImpl) echo_char(c *rune) rune                              { return *c }
func (typesImpl) echo_chars(c *[]rune) []rune                         { return *c }
func (typesImpl) echo_boxed(b *Shape) Shape                           { return *b }
func (typesImpl) bad_rune() rune                                      { return 0xD800 }
func (typesImpl) nil_shape() Shape                                    { return nil }

func (typesImpl) describe(x *Shape) string {
	switch s := (*x).(type) {
	case ShapeCircle:
		return fmt.Sprintf("circle r=%g", s.r)
	case ShapeRect:
		return fmt.Sprintf("rect %gx%g", s._0, s._1)
	case ShapeLabel:
		return fmt.Sprintf("label %s [%s]", s._0, strings.Join(s._1, ","))
	case ShapeEmpty:
		return "empty"
	}
	return "unknown"
}

func (typesImpl) may_fail(n *uint32, fail *bool) (uint32, error) {
	if *fail {
		return 0, fmt.Errorf("failed on %d", *n)
	}
	return *n * 2, nil
}

func (typesImpl) may_fail_typed(n *uint32, fail *bool) (string, error) {
	if *fail {
		return "", fmt.Errorf("wrapped: %w", MyError{code: int32(*n), reason: "typed failure"})
	}
	return fmt.Sprint(*n), nil
}

func (typesImpl) unit_result(fail *bool) error {
	if *fail {
		return fmt.Errorf("unit failed")
	}
	return nil
}

func (typesImpl) panics_result(msg *string) (uint32, error) { panic("result panic: " + *msg) }
func (typesImpl) panics_typed(msg *string) (uint32, error)  { panic("typed panic: " + *msg) }
func (typesImpl) panics_plain(msg *string) uint32           { panic("plain panic: " + *msg) }

func (t typesImpl) may_fail_async(n *uint32, fail *bool) (uint32, error)  { return t.may_fail(n, fail) }
func (typesImpl) panics_async(msg *string) (uint32, error)                { panic("async panic: " + *msg) }
func (typesImpl) echo_async(x *Everything) Everything                     { return *x }
func (typesImpl) echo_inline(x *Everything) Everything                    { return *x }
func (t typesImpl) may_fail_inline(n *uint32, fail *bool) (uint32, error) { return t.may_fail(n, fail) }
func (typesImpl) panics_inline(msg *string) (uint32, error)               { panic("inline panic: " + *msg) }

var kept Everything

func (typesImpl) keep(x *Everything) { kept = x.Clone() }
func (typesImpl) kept() Everything   { return kept }

func (typesImpl) go_build_setting(key *string) string {
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

func (typesImpl) go_version() string { return runtime.Version() }

func lossyMap() map[string]string { return map[string]string{"\xff": "a", "\xfe": "b", "x": "c"} }

func (typesImpl) lossy_keys() map[string]string                 { return lossyMap() }
func (typesImpl) lossy_keys_result() (map[string]string, error) { return lossyMap(), nil }
func (typesImpl) lossy_keys_async() (map[string]string, error)  { return lossyMap(), nil }
func (typesImpl) lossy_rune_keys() map[rune]uint32              { return map[rune]uint32{0xD800: 1, 0xDFFF: 2} }
func (typesImpl) lossy_values() map[string]string {
	return map[string]string{"\xff": "\xfe", "k": "v\xff"}
}

func (typesImpl) panics_nil() uint32                 { panic(nil) }
func (typesImpl) panics_nil_result() (uint32, error) { panic(nil) }
func (typesImpl) panics_nil_async() (uint32, error)  { panic(nil) }
func (typesImpl) goexit_async() (uint32, error)      { runtime.Goexit(); return 0, nil }
func (typesImpl) goexit_async_plain() uint32         { runtime.Goexit(); return 0 }

// The #[cgo] twins: the same handlers.
func (t typesImpl) may_fail_async_cgo(n *uint32, fail *bool) (uint32, error) {
	return t.may_fail_async(n, fail)
}
func (t typesImpl) panics_async_cgo(msg *string) (uint32, error) { return t.panics_async(msg) }
func (t typesImpl) panics_nil_async_cgo() (uint32, error)        { return t.panics_nil_async() }
func (t typesImpl) goexit_async_cgo() (uint32, error)            { return t.goexit_async() }
func (t typesImpl) goexit_async_plain_cgo() uint32               { return t.goexit_async_plain() }
func (typesImpl) goexit_sync() uint32                            { runtime.Goexit(); return 0 }

func (typesImpl) echo_plain(x *Plain) Plain         { return *x }
func (typesImpl) echo_plain_by_value(x Plain) Plain { return x }
func (typesImpl) echo_plains(x *[]Plain) []Plain    { return *x }
func (typesImpl) echo_mixed(x *Mixed) Mixed         { return *x }
func (typesImpl) echo_holders(x *[]Holder) []Holder { return *x }
func (typesImpl) echo_plain_async(x *Plain) Plain   { return *x }
func (typesImpl) echo_mixed_async(x *Mixed) Mixed   { return *x }
func (typesImpl) echo_plain_inline(x *Plain) Plain  { return *x }

func (typesImpl) in_place_facts(x *Plain) []uint64 {
	gridCaps := uint64(1)
	for _, row := range x.grid {
		if cap(row) != len(row) {
			gridCaps = 0
		}
	}
	return []uint64{
		uint64(uintptr(unsafe.Pointer(x))),
		dataOf(unsafe.Pointer(&x.name)),
		uint64(len(x.tags)),
		uint64(cap(x.tags)),
		dataOf(unsafe.Pointer(&x.bytes)),
		uint64(cap(x.bytes)),
		uint64(uintptr(unsafe.Pointer(x.opt_num))),
		uint64(cap(x.grid)),
		gridCaps,
	}
}

func (typesImpl) mixed_facts(x *Mixed) []uint64 {
	return []uint64{
		dataOf(unsafe.Pointer(&x.plain.name)),
		dataOf(unsafe.Pointer(&x.plain.bytes)),
		uint64(len(x.plain.tags)),
		uint64(cap(x.plain.tags)),
	}
}

func (typesImpl) append_tag(x *Plain, tag *string) []string { return append(x.tags, *tag) }

// dataOf is the data pointer of the string or slice header at h (Go 1.18 has no
// unsafe.StringData / unsafe.SliceData).
func dataOf(h unsafe.Pointer) uint64 { return uint64(*(*uintptr)(h)) }

func (typesImpl) store_go_pointer(x *Plain) string {
	// Against the rules: a Go heap string stored into Rust memory.
	x.name = fmt.Sprintf("go-%d", len(x.name))
	return x.name
}

func (typesImpl) echo_wide(x *[]Wide) []Wide { return *x }

// Round trips of every type on every path (tests/proptest_roundtrip.rs).
func (typesImpl) echo_edges(x *Edges) Edges         { return *x }
func (typesImpl) echo_edges_by_value(x Edges) Edges { return x }
func (typesImpl) echo_keys(x *Keys) Keys            { return *x }

func (typesImpl) echo_result(x *Everything, e **MyError) (Everything, error) {
	if *e != nil {
		return Everything{}, **e
	}
	return *x, nil
}

func (typesImpl) echo_result_str(x *Keys, e **string) (Keys, error) {
	if *e != nil {
		return Keys{}, errors.New(**e)
	}
	return *x, nil
}

func (typesImpl) echo_unit_result(e **string) error {
	if *e != nil {
		return errors.New(**e)
	}
	return nil
}

func (typesImpl) echo_borrowed(s *string, xs *[]Everything, ps *[]Plain) Tuple_String_Vec_Everything_Vec_Plain {
	return Tuple_String_Vec_Everything_Vec_Plain{*s, *xs, *ps}
}

func (t typesImpl) echo_edges_async(x *Edges) Edges { return t.echo_edges(x) }
func (t typesImpl) echo_keys_async(x *Keys) Keys    { return t.echo_keys(x) }
func (t typesImpl) echo_result_async(x *Everything, e **MyError) (Everything, error) {
	return t.echo_result(x, e)
}
func (t typesImpl) echo_result_str_async(x *Keys, e **string) (Keys, error) {
	return t.echo_result_str(x, e)
}
func (t typesImpl) echo_borrowed_async(s *string, xs *[]Everything, ps *[]Plain) Tuple_String_Vec_Everything_Vec_Plain {
	return t.echo_borrowed(s, xs, ps)
}

func (t typesImpl) echo_async_cgo(x *Everything) Everything { return t.echo_async(x) }
func (t typesImpl) echo_plain_async_cgo(x *Plain) Plain     { return t.echo_plain_async(x) }
func (t typesImpl) echo_mixed_async_cgo(x *Mixed) Mixed     { return t.echo_mixed_async(x) }
func (t typesImpl) echo_edges_async_cgo(x *Edges) Edges     { return t.echo_edges(x) }
func (t typesImpl) echo_keys_async_cgo(x *Keys) Keys        { return t.echo_keys(x) }
func (t typesImpl) echo_result_async_cgo(x *Everything, e **MyError) (Everything, error) {
	return t.echo_result(x, e)
}
func (t typesImpl) echo_result_str_async_cgo(x *Keys, e **string) (Keys, error) {
	return t.echo_result_str(x, e)
}
func (t typesImpl) echo_borrowed_async_cgo(s *string, xs *[]Everything, ps *[]Plain) Tuple_String_Vec_Everything_Vec_Plain {
	return t.echo_borrowed(s, xs, ps)
}

func (t typesImpl) echo_edges_inline(x *Edges) Edges { return t.echo_edges(x) }
func (t typesImpl) echo_keys_inline(x *Keys) Keys    { return t.echo_keys(x) }
func (t typesImpl) echo_result_inline(x *Everything, e **MyError) (Everything, error) {
	return t.echo_result(x, e)
}
func (t typesImpl) echo_borrowed_inline(s *string, xs *[]Everything, ps *[]Plain) Tuple_String_Vec_Everything_Vec_Plain {
	return t.echo_borrowed(s, xs, ps)
}

func (typesImpl) echo_owned(x *Mixed) Mixed                       { return *x }
func (typesImpl) echo_owned_ret(x *Keys) Keys                     { return *x }
func (typesImpl) echo_async_by_value(x Everything) Everything     { return x }
func (typesImpl) echo_owned_cgo(x *Mixed) Mixed                   { return *x }
func (typesImpl) echo_owned_ret_cgo(x *Keys) Keys                 { return *x }
func (typesImpl) echo_async_by_value_cgo(x Everything) Everything { return x }
func (typesImpl) echo_ctx(_ context.Context, x *Mixed, e *Edges) Tuple_Mixed_Edges {
	return Tuple_Mixed_Edges{*x, *e}
}

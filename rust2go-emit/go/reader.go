// The decoder of the flat format Rust writes: in a gen.go with #[g2r] traits or #[mem]
// methods.

package r2ghelpers

import "unsafe"

// ---- everything below this line is copied into gen.go ----

// r2gReader decodes the flat format Rust writes (native byte order).
type r2gReader struct {
	b []byte
	i int
}

func (r *r2gReader) take(n int) []byte {
	s := r.b[r.i : r.i+n]
	r.i += n
	return s
}

func (r *r2gReader) u8() uint8   { return r.take(1)[0] }
func (r *r2gReader) u16() uint16 { return *(*uint16)(unsafe.Pointer(&r.take(2)[0])) }
func (r *r2gReader) u32() uint32 { return *(*uint32)(unsafe.Pointer(&r.take(4)[0])) }
func (r *r2gReader) u64() uint64 { return *(*uint64)(unsafe.Pointer(&r.take(8)[0])) }
func (r *r2gReader) len() int    { return int(r.u64()) }
func (r *r2gReader) str() string { return string(r.take(r.len())) }

func (r *r2gReader) bytes() []byte {
	n := r.len()
	if n == 0 {
		return nil
	}
	return append([]byte(nil), r.take(n)...)
}

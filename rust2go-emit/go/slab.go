// The slab allocator of argument conversion: in a gen.go whose converters carve slices
// (r2gSlabs has fields).

package r2ghelpers

// ---- everything below this line is copied into gen.go ----

// r2gSlab hands out slices of one element type from shared backing arrays, so that converting
// nested arguments allocates a few arrays per element type rather than one per slice. The
// slices are capped at their length: appending to one never writes into its neighbour.
type r2gSlab[T any] struct {
	free []T
	next int
}

func r2gTake[T any](s *r2gSlab[T], n int) []T {
	if len(s.free) < n {
		c := n
		if c < s.next {
			c = s.next
		}
		s.next = 2 * c
		if s.next < 8 {
			s.next = 8
		}
		s.free = make([]T, c)
	}
	r := s.free[:n:n]
	s.free = s.free[n:]
	return r
}

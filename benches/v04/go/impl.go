package main

// The handlers of the side-by-side: the same bodies as ../../go/impl.go (ours).
type benchImpl struct{}

func init() { BenchImpl = benchImpl{} }

func (benchImpl) add(p *Pair) uint32 { return p.a + p.b }

func (benchImpl) users(u *Users) uint32 {
	var r uint32
	for i := range u.users {
		r += uint32(len(u.users[i].name))
		for _, t := range u.users[i].tags {
			r += uint32(len(t))
		}
	}
	return r
}

func (benchImpl) strings(s *[]string) uint32 {
	var r uint32
	for _, x := range *s {
		r += uint32(len(x))
	}
	return r
}

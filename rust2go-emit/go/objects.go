// The handle table of Go objects that Rust holds (object traits): in a gen.go with one.

package r2ghelpers

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"
)

// ---- everything below this line is copied into gen.go ----

// Handles index a two-level table: r2gObjChunks chunks of r2gObjChunk entries each, chunks
// allocated on demand. Rust holds only the integer (index + 1, so 0 is never a handle).
const (
	r2gObjChunkBits = 12
	r2gObjChunk     = 1 << r2gObjChunkBits
	r2gObjChunks    = 1 << 12
)

// r2gObj is one live object. refs counts the Rust handle (1 until it is released) and the
// async calls in flight on it; the last one to let go closes and removes it.
type r2gObj[T any] struct {
	obj   T
	refs  int32
	index uint64
}

// r2gObjTable holds the objects of one object trait. Lookups take no lock (atomic loads of
// entries published with atomic stores); creating and removing entries take mu.
type r2gObjTable[T any] struct {
	name   string
	close  func(T)                      // r2gClose or r2gCloseExported
	chunks [r2gObjChunks]unsafe.Pointer // *[r2gObjChunk]unsafe.Pointer, each a *r2gObj[T]
	mu     sync.Mutex
	free   []uint64
	next   uint64
}

func (t *r2gObjTable[T]) slot(index uint64) *unsafe.Pointer {
	c := (*[r2gObjChunk]unsafe.Pointer)(atomic.LoadPointer(&t.chunks[index>>r2gObjChunkBits]))
	if c == nil {
		return nil
	}
	return &c[index&(r2gObjChunk-1)]
}

// put stores a new object and returns its handle. A nil object is an error of the
// constructor, reported as a panic.
func (t *r2gObjTable[T]) put(obj T) uint64 {
	if any(obj) == nil {
		panic(fmt.Sprintf("rust2go: a %s constructor returned a nil object without an error", t.name))
	}
	e := &r2gObj[T]{obj: obj, refs: 1}
	t.mu.Lock()
	defer t.mu.Unlock()
	if n := len(t.free); n > 0 {
		e.index = t.free[n-1]
		t.free = t.free[:n-1]
	} else {
		if t.next == r2gObjChunk*r2gObjChunks {
			panic(fmt.Sprintf("rust2go: too many live %s objects (%d)", t.name, t.next))
		}
		e.index = t.next
		t.next++
		if c := &t.chunks[e.index>>r2gObjChunkBits]; atomic.LoadPointer(c) == nil {
			atomic.StorePointer(c, unsafe.Pointer(new([r2gObjChunk]unsafe.Pointer)))
		}
	}
	atomic.StorePointer(t.slot(e.index), unsafe.Pointer(e))
	return e.index + 1
}

// putOrErr is put for constructors that return an error.
func (t *r2gObjTable[T]) putOrErr(obj T, err error) (uint64, error) {
	if err != nil {
		return 0, err
	}
	return t.put(obj), nil
}

// get returns the live object behind a handle.
func (t *r2gObjTable[T]) get(id uint64) *r2gObj[T] {
	if i := id - 1; i < r2gObjChunk*r2gObjChunks {
		if s := t.slot(i); s != nil {
			if e := (*r2gObj[T])(atomic.LoadPointer(s)); e != nil {
				return e
			}
		}
	}
	panic(fmt.Sprintf("rust2go: %d is not the handle of a live %s object", id, t.name))
}

// hold keeps an object alive for an async call; the call's goroutine unholds it.
func (t *r2gObjTable[T]) hold(id uint64) *r2gObj[T] {
	e := t.get(id)
	atomic.AddInt32(&e.refs, 1)
	return e
}

// release drops Rust's reference (the handle was dropped).
func (t *r2gObjTable[T]) release(id uint64) {
	t.unhold(t.get(id))
}

// unhold drops one reference; the last one calls the object's close() method, if it has one,
// and removes the object from the table.
func (t *r2gObjTable[T]) unhold(e *r2gObj[T]) {
	n := atomic.AddInt32(&e.refs, -1)
	if n > 0 {
		return
	}
	if n < 0 {
		panic(fmt.Sprintf("rust2go: a %s object was released twice", t.name))
	}
	defer t.remove(e)
	t.close(e.obj)
}

// r2gClose calls the object's close() method, if it has one (the default Go style).
func r2gClose[T any](obj T) {
	if c, ok := any(obj).(interface{ close() }); ok {
		c.close()
	}
}

// r2gCloseExported calls the object's Close() method, if it has one (the idiomatic Go style).
func r2gCloseExported[T any](obj T) {
	if c, ok := any(obj).(interface{ Close() }); ok {
		c.Close()
	}
}

func (t *r2gObjTable[T]) remove(e *r2gObj[T]) {
	t.mu.Lock()
	defer t.mu.Unlock()
	atomic.StorePointer(t.slot(e.index), nil)
	t.free = append(t.free, e.index)
}

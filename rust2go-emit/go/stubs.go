// Stand-ins for the generated code that calls the helpers which only generated code calls
// (not copied into gen.go). Without them staticcheck reports those helpers unused; the
// stand-ins are exported, so the checks treat them as used, as gen.go's code does.

package r2ghelpers

import "unsafe"

type r2gSlabs struct {
	of_String r2gSlab[string]
}

// GeneratedConverter stands for a converter of nested arguments (r2gNew_Vec_String), which
// carves its slices from the call's r2gSlabs.
func GeneratedConverter(n int) []string {
	sl := &r2gSlabs{}
	return r2gTake(&sl.of_String, n)
}

// GeneratedDecoder stands for the decoders of g2r results and #[mem] arguments.
func GeneratedDecoder(b []byte) (uint8, uint16, uint32, []byte) {
	r := &r2gReader{b: b}
	return r.u8(), r.u16(), r.u32(), r.bytes()
}

// GeneratedAsyncExport stands for the export of an async method on the cgo path, which runs
// its handler on the pool and completes the call with a small or a large result.
func GeneratedAsyncExport(complete, slot unsafe.Pointer, small bool) {
	r2gGo(func() {
		ok := false
		defer func() {
			if !ok {
				r2gRecoverAsync(complete, slot, recover())
			}
		}()
		if small {
			var rb [16]byte
			ok = true
			r2gFinishSmall(complete, slot, r2gPut32(rb[:0], 1), 0)
			return
		}
		ok = true
		r2gFinish(complete, slot, r2gPutStr(nil, "a result"), 0)
	})
}

// GeneratedObjects stands for the exports of an object trait: constructors, methods (async
// ones hold the object), and the release.
func GeneratedObjects(newObj func() (any, error)) (uint64, error) {
	t := &r2gObjTable[any]{name: "Object", close: r2gClose[any]}
	t.close = r2gCloseExported[any]
	id, err := t.putOrErr(newObj())
	if err != nil {
		return 0, err
	}
	t.unhold(t.hold(id))
	_ = t.get(id).obj
	t.release(id)
	return t.put(1), nil
}

// GeneratedRustObjects stands for the constructors, methods and Close of a #[g2r] object
// trait's handle.
func GeneratedRustObjects(addr uint64, drop func(uint64)) uint64 {
	o := r2gNewRustObj(addr, drop)
	a := o.acquire("ObjectImpl.method")
	o.release()
	o.close()
	return a
}

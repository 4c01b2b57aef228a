//! C views of Rust values, handed to Go for the duration of a call. A view has the memory
//! layout of the value's Go type wherever Go has a plain-memory form (see
//! `rust2go_model::Model::in_place`), so Go reads it in place; the generated gen.go checks
//! those layouts when Go compiles it.

use std::cell::Cell;
use std::mem::{align_of, size_of};

/// The deepest nesting of values of recursive types (a struct or enum that contains itself
/// through `Box`, `Option`, `Vec`, ...) an argument may have. Building a view recurses once per
/// level, and so does the size pass: rather than overflow the stack on a very deep value (a long
/// `Option<Box<T>>` chain), the call panics with a message. Non-recursive types are bounded by
/// the IDL's nesting limit and not counted.
pub const MAX_VIEW_DEPTH: u32 = 1000;

thread_local! {
    /// Levels of recursive values entered on this thread (the size pass and the view pass).
    static VIEW_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// One level of a recursive type's value, left when dropped (also while unwinding). The
/// generated `extra` and `view` of recursive types start with one.
#[doc(hidden)]
pub struct ViewLevel(());

impl ViewLevel {
    /// Enters one level; panics with a rust2go message beyond [`MAX_VIEW_DEPTH`].
    #[inline]
    pub fn enter() -> ViewLevel {
        let depth = VIEW_DEPTH.with(|d| {
            let n = d.get() + 1;
            d.set(n);
            n
        });
        let level = ViewLevel(());
        if depth > MAX_VIEW_DEPTH {
            too_deep();
        }
        level
    }
}

impl Drop for ViewLevel {
    #[inline]
    fn drop(&mut self) {
        VIEW_DEPTH.with(|d| d.set(d.get() - 1));
    }
}

#[cold]
#[inline(never)]
fn too_deep() -> ! {
    panic!(
        "rust2go: an argument is nested deeper than {MAX_VIEW_DEPTH} levels (values of a recursive type inside one \
         another, e.g. a long Option<Box<T>> chain); pass long chains as a Vec"
    )
}

#[doc(hidden)]
/// `{ptr, len}` over `len` values of `T` (C: `R2gSlice`; for bytes the layout of a Go `string`).
/// `ptr` is null when `len == 0`: Go's GC rejects bogus non-null pointers such as
/// `NonNull::dangling()`.
#[repr(C)]
pub struct SliceRef<T> {
    ptr: *const T,
    len: usize,
}

impl<T> Clone for SliceRef<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for SliceRef<T> {}

impl<T> SliceRef<T> {
    /// A view over a live slice. Creating it is safe; Go reading it is valid as long as the
    /// slice outlives the FFI call, which the generated call site guarantees.
    pub fn new(items: &[T]) -> Self {
        if items.is_empty() {
            SliceRef { ptr: std::ptr::null(), len: 0 }
        } else {
            SliceRef { ptr: items.as_ptr(), len: items.len() }
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn as_ptr(&self) -> *const T {
        self.ptr
    }
}

#[doc(hidden)]
/// A Rust value that Go can read through a C view.
///
/// Implemented here for scalars, `String` and `Vec<T>` (and `str`, `[T]` for borrowed parameters); the generated glue implements it for
/// each `#[derive(R2G)]` struct. Every method is safe: a wrong `extra` estimate costs an
/// extra arena chunk, never memory safety.
pub trait ToGo {
    /// The `#[repr(C)]` view (must match the C type the Go generator emits for this type).
    type View: Copy;

    /// Arena bytes that the nested view arrays of this value need.
    fn extra(&self) -> usize;

    /// Builds the view, putting nested view arrays into `arena`.
    fn view(&self, arena: &mut ArenaCursor<'_>) -> Self::View;

    /// Arena bytes a slice of this type needs when it is the content of a `Vec`.
    fn slice_extra(items: &[Self]) -> usize
    where
        Self: Sized,
    {
        Arena::array_bytes::<Self::View>(items.len()) + items.iter().map(ToGo::extra).sum::<usize>()
    }

    /// The view of a slice of this type: by default an array of views in the arena.
    /// Scalars override it to hand Go the Rust memory itself.
    fn view_slice(items: &[Self], arena: &mut ArenaCursor<'_>) -> SliceRef<Self::View>
    where
        Self: Sized,
    {
        arena.views_of(items)
    }
}

macro_rules! plain {
    ($($t:ty),*) => {$(
        impl ToGo for $t {
            type View = $t;
            #[inline]
            fn extra(&self) -> usize { 0 }
            #[inline]
            fn view(&self, _: &mut ArenaCursor<'_>) -> $t { *self }
            #[inline]
            fn slice_extra(_: &[Self]) -> usize { 0 }
            #[inline]
            fn view_slice(items: &[Self], _: &mut ArenaCursor<'_>) -> SliceRef<$t> { SliceRef::new(items) }
        }
    )*};
}
plain!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

impl ToGo for bool {
    type View = u8;
    #[inline]
    fn extra(&self) -> usize {
        0
    }
    #[inline]
    fn view(&self, _: &mut ArenaCursor<'_>) -> u8 {
        *self as u8
    }
    #[inline]
    fn slice_extra(_: &[Self]) -> usize {
        0
    }
    #[inline]
    fn view_slice(items: &[Self], _: &mut ArenaCursor<'_>) -> SliceRef<u8> {
        // SAFETY: `bool` has the size and alignment of `u8` and every bool is a valid u8.
        let bytes = unsafe { std::slice::from_raw_parts(items.as_ptr() as *const u8, items.len()) };
        SliceRef::new(bytes)
    }
}

/// A `&str` parameter crosses exactly as a `&String` one: `String`'s view is this one.
impl ToGo for str {
    type View = SliceRef<u8>;
    #[inline]
    fn extra(&self) -> usize {
        0
    }
    #[inline]
    fn view(&self, _: &mut ArenaCursor<'_>) -> SliceRef<u8> {
        SliceRef::new(self.as_bytes())
    }
}

impl ToGo for String {
    type View = <str as ToGo>::View;
    #[inline]
    fn extra(&self) -> usize {
        self.as_str().extra()
    }
    #[inline]
    fn view(&self, arena: &mut ArenaCursor<'_>) -> Self::View {
        self.as_str().view(arena)
    }
}

impl ToGo for char {
    type View = u32;
    #[inline]
    fn extra(&self) -> usize {
        0
    }
    #[inline]
    fn view(&self, _: &mut ArenaCursor<'_>) -> u32 {
        *self as u32
    }
    #[inline]
    fn slice_extra(_: &[Self]) -> usize {
        0
    }
    #[inline]
    fn view_slice(items: &[Self], _: &mut ArenaCursor<'_>) -> SliceRef<u32> {
        // SAFETY: `char` has the size and alignment of `u32` and every char is a valid u32.
        let words = unsafe { std::slice::from_raw_parts(items.as_ptr() as *const u32, items.len()) };
        SliceRef::new(words)
    }
}

/// `Box<T>` crosses as `T`'s view, inline (Go's type for `Box<T>` is `T`). Recursive types
/// therefore recurse through `Vec` or `Option`, whose views are pointers.
impl<T: ToGo> ToGo for Box<T> {
    type View = T::View;
    #[inline]
    fn extra(&self) -> usize {
        (**self).extra()
    }
    #[inline]
    fn view(&self, arena: &mut ArenaCursor<'_>) -> T::View {
        (**self).view(arena)
    }
}

/// A pointer to a view, null for none (Go: `*T`, nil = `None`). For scalars it points into
/// the Rust value itself; otherwise to a view in the arena.
#[doc(hidden)]
#[repr(transparent)]
pub struct OptRef<T>(*const T);

impl<T> Clone for OptRef<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for OptRef<T> {}

impl<T> OptRef<T> {
    pub fn as_ptr(&self) -> *const T {
        self.0
    }
}

/// `Option<T>` crosses as a pointer to `T`'s view (Go: `*T`).
impl<T: ToGo> ToGo for Option<T> {
    type View = OptRef<T::View>;
    #[inline]
    fn extra(&self) -> usize {
        T::slice_extra(self.as_slice())
    }
    #[inline]
    fn view(&self, arena: &mut ArenaCursor<'_>) -> OptRef<T::View> {
        OptRef(T::view_slice(self.as_slice(), arena).ptr)
    }
}

/// `[T; N]` crosses as an inline array of views (Go: `[N]T`).
impl<T: ToGo, const N: usize> ToGo for [T; N] {
    type View = [T::View; N];
    #[inline]
    fn extra(&self) -> usize {
        self.iter().map(ToGo::extra).sum()
    }
    #[inline]
    fn view(&self, arena: &mut ArenaCursor<'_>) -> [T::View; N] {
        std::array::from_fn(|i| self[i].view(arena))
    }
}

#[doc(hidden)]
/// A map's view: keys and values as two parallel view arrays (C: `R2gMap`).
#[repr(C)]
pub struct MapRef<K, V> {
    keys: SliceRef<K>,
    vals: SliceRef<V>,
}

impl<K, V> Clone for MapRef<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K, V> Copy for MapRef<K, V> {}

fn map_extra<'a, K: ToGo + 'a, V: ToGo + 'a>(n: usize, entries: impl Iterator<Item = (&'a K, &'a V)>) -> usize {
    Arena::array_bytes::<K::View>(n) + Arena::array_bytes::<V::View>(n) + entries.map(|(k, v)| k.extra() + v.extra()).sum::<usize>()
}

impl<K: ToGo, V: ToGo, S> ToGo for std::collections::HashMap<K, V, S> {
    type View = MapRef<K::View, V::View>;
    fn extra(&self) -> usize {
        map_extra(self.len(), self.iter())
    }
    fn view(&self, arena: &mut ArenaCursor<'_>) -> Self::View {
        // `keys()` and `values()` of an unmodified map visit entries in the same order.
        MapRef { keys: arena.views_of_iter(self.keys()), vals: arena.views_of_iter(self.values()) }
    }
}

impl<K: ToGo, V: ToGo> ToGo for std::collections::BTreeMap<K, V> {
    type View = MapRef<K::View, V::View>;
    fn extra(&self) -> usize {
        map_extra(self.len(), self.iter())
    }
    fn view(&self, arena: &mut ArenaCursor<'_>) -> Self::View {
        MapRef { keys: arena.views_of_iter(self.keys()), vals: arena.views_of_iter(self.values()) }
    }
}

macro_rules! tuple_view {
    ($name:ident: $($t:ident $f:ident),+) => {
        #[doc(hidden)]
        /// The view of a tuple (C: a generated `R2gView_Tuple_..` struct).
        #[repr(C)]
        #[derive(Clone, Copy)]
        pub struct $name<$($t),+> { $($f: $t),+ }

        impl<$($t: ToGo),+> ToGo for ($($t,)+) {
            type View = $name<$($t::View),+>;
            #[allow(non_snake_case)]
            fn extra(&self) -> usize {
                let ($($f,)+) = self;
                0 $(+ $f.extra())+
            }
            #[allow(non_snake_case)]
            fn view(&self, arena: &mut ArenaCursor<'_>) -> Self::View {
                let ($($f,)+) = self;
                $name { $($f: $f.view(arena)),+ }
            }
        }
    };
}
tuple_view!(Tuple1View: A f0);
tuple_view!(Tuple2View: A f0, B f1);
tuple_view!(Tuple3View: A f0, B f1, C f2);
tuple_view!(Tuple4View: A f0, B f1, C f2, D f3);
tuple_view!(Tuple5View: A f0, B f1, C f2, D f3, E f4);
tuple_view!(Tuple6View: A f0, B f1, C f2, D f3, E f4, F f5);

#[doc(hidden)]
/// An enum's view (C: `R2gEnum`): the variant index and a pointer to the variant's fields'
/// view in the arena (null for a variant without fields).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct EnumRef {
    tag: u32,
    payload: *const std::ffi::c_void,
}

impl EnumRef {
    /// A fieldless variant.
    pub fn unit(tag: u32) -> EnumRef {
        EnumRef { tag, payload: std::ptr::null() }
    }

    /// A variant whose fields' view is `payload`, stored in the arena.
    pub fn with<V: Copy>(tag: u32, payload: V, arena: &mut ArenaCursor<'_>) -> EnumRef {
        EnumRef { tag, payload: arena.alloc_one(payload) as *const std::ffi::c_void }
    }

    /// Arena bytes a variant payload view takes.
    pub fn payload_bytes<V>() -> usize {
        Arena::array_bytes::<V>(1)
    }
}

/// A Go slice header `{ptr, len, cap}` over `len` views (C: `R2gVec`), `cap == len` so that
/// Go's `append` reallocates into Go memory instead of writing past the Rust data; `ptr` is
/// null when `len == 0` (Go's nil slice).
#[doc(hidden)]
#[repr(C)]
pub struct GoSlice<T> {
    ptr: *const T,
    len: usize,
    cap: usize,
}

impl<T> Clone for GoSlice<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for GoSlice<T> {}

impl<T> GoSlice<T> {
    /// The Go slice header of a view array.
    pub fn new(items: SliceRef<T>) -> Self {
        GoSlice { ptr: items.ptr, len: items.len, cap: items.len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn cap(&self) -> usize {
        self.cap
    }

    pub fn as_ptr(&self) -> *const T {
        self.ptr
    }
}

/// A `&[T]` parameter crosses exactly as a `&Vec<T>` one: a Go slice header (Go: `[]T`) over
/// the Rust memory for scalars, or over an arena array of views.
impl<T: ToGo> ToGo for [T] {
    type View = GoSlice<T::View>;
    #[inline]
    fn extra(&self) -> usize {
        T::slice_extra(self)
    }
    #[inline]
    fn view(&self, arena: &mut ArenaCursor<'_>) -> GoSlice<T::View> {
        GoSlice::new(T::view_slice(self, arena))
    }
}

impl<T: ToGo> ToGo for Vec<T> {
    type View = <[T] as ToGo>::View;
    #[inline]
    fn extra(&self) -> usize {
        self.as_slice().extra()
    }
    #[inline]
    fn view(&self, arena: &mut ArenaCursor<'_>) -> Self::View {
        self.as_slice().view(arena)
    }
}

#[doc(hidden)]
/// Memory for the nested view arrays of one call: sized up front so that one allocation
/// holds them all (none at all when nothing nests, nor when the thread's spare chunk from its
/// previous call is large enough: `SPARE`). Views are written through an
/// [`ArenaCursor`] over it ([`Arena::cursor`]).
///
/// Views point into the arena, so it never moves or frees a chunk while alive; if an
/// estimate was short the cursor adds a chunk rather than reallocating.
pub struct Arena {
    /// The first chunk (none when sized 0): for a correct estimate the only allocation.
    first: Chunk,
    /// Chunks added when an estimate was short, kept alive (an empty `Vec` does not allocate).
    more: Vec<Chunk>,
    /// Whether a cursor got the first chunk (a later one starts on a chunk of its own).
    lent: bool,
}

/// One heap block of `words` words (none when `words == 0`), freed on drop.
struct Chunk {
    ptr: *mut u64,
    words: usize,
}

impl Chunk {
    #[inline]
    fn new(words: usize) -> Chunk {
        if words == 0 {
            return Chunk::EMPTY;
        }
        let layout = std::alloc::Layout::array::<u64>(words).expect("rust2go: view arena too large");
        // SAFETY: `layout` has a non-zero size.
        let ptr = unsafe { std::alloc::alloc(layout) } as *mut u64;
        if ptr.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        Chunk { ptr, words }
    }

    /// One past the last word.
    #[inline]
    fn end(&self) -> *mut u64 {
        self.ptr.wrapping_add(self.words)
    }
}

impl Drop for Chunk {
    #[inline]
    fn drop(&mut self) {
        if self.words != 0 {
            // SAFETY: `ptr` was allocated in `Chunk::new` with this layout (which was valid).
            unsafe {
                std::alloc::dealloc(self.ptr as *mut u8, std::alloc::Layout::from_size_align_unchecked(self.words * WORD, WORD))
            };
        }
    }
}

const WORD: usize = size_of::<u64>();

/// The largest first chunk a thread keeps for its next call (64 KiB): larger arenas are
/// allocated and freed per call, so a thread never holds more than this when idle.
const SPARE_MAX_WORDS: usize = 64 * 1024 / WORD;

thread_local! {
    /// The first chunk of this thread's last finished arena, reused by its next call: a sync call
    /// with nested arguments then allocates nothing once the thread is warm (malloc and free of a
    /// block above glibc's per-thread cache cost about half a raw cgo call). A call made while
    /// another arena of the thread is alive (a Go handler calling Rust calling Go) finds the spare
    /// taken and allocates its own; the larger of the two is kept. Freed at thread exit.
    static SPARE: Cell<Chunk> = const { Cell::new(Chunk::EMPTY) };
}

impl Chunk {
    const EMPTY: Chunk = Chunk { ptr: std::ptr::null_mut(), words: 0 };

    /// A first chunk of at least `words` words: this thread's spare when it is large enough.
    #[inline]
    fn first(words: usize) -> Chunk {
        if words != 0 {
            // `try_with`: during thread teardown the spare is gone; allocate as usual.
            let spare = SPARE.try_with(|s| {
                let c = s.replace(Chunk::EMPTY);
                if c.words >= words {
                    return Some(c);
                }
                s.set(c);
                None
            });
            if let Ok(Some(c)) = spare {
                return c;
            }
        }
        Chunk::new(words)
    }

    /// Gives a finished arena's first chunk back as the thread's spare, keeping the larger
    /// (the other is freed; no view points into either any more).
    #[inline]
    fn recycle(self) {
        if self.words == 0 || self.words > SPARE_MAX_WORDS {
            return;
        }
        let _ = SPARE.try_with(|s| {
            let old = s.replace(Chunk::EMPTY);
            s.set(if old.words >= self.words { old } else { self });
        });
    }
}

impl Drop for Arena {
    #[inline]
    fn drop(&mut self) {
        std::mem::replace(&mut self.first, Chunk::EMPTY).recycle();
    }
}

impl Arena {
    /// An arena holding `bytes` bytes of views (no allocation when `bytes == 0`, nor when the
    /// thread's spare chunk is large enough).
    #[inline]
    pub fn with_capacity(bytes: usize) -> Arena {
        Arena { first: Chunk::first(bytes.div_ceil(WORD)), more: Vec::new(), lent: false }
    }

    /// The cursor that views are written through: the first one starts at the first chunk; a
    /// later one (not used by the generated glue) has no room and adds chunks, so it never
    /// writes over views an earlier cursor made.
    #[inline]
    pub fn cursor(&mut self) -> ArenaCursor<'_> {
        let (cur, end) = if self.lent { (std::ptr::null_mut(), std::ptr::null_mut()) } else { (self.first.ptr, self.first.end()) };
        self.lent = true;
        ArenaCursor { cur, end, arena: self }
    }

    /// The arena bytes an array of `n` views of type `V` takes.
    #[inline]
    pub fn array_bytes<V>(n: usize) -> usize {
        (n * size_of::<V>()).div_ceil(WORD) * WORD
    }

    /// Number of heap chunks (1 when the size estimate was right and anything nests).
    pub fn chunk_count(&self) -> usize {
        usize::from(self.first.words != 0) + self.more.len()
    }

    /// A new chunk of at least `words` words; returns its start and end. Only reached when an
    /// `extra` estimate was short: correct, just not one allocation.
    #[cold]
    #[inline(never)]
    fn grow(&mut self, words: usize) -> (*mut u64, *mut u64) {
        let chunk = Chunk::new(words.max(8));
        let span = (chunk.ptr, chunk.end());
        self.more.push(chunk);
        span
    }
}

#[doc(hidden)]
/// Bump allocation of views in an [`Arena`]: `[cur, end)` is the free part of its current
/// chunk. The cursor is apart from the arena (which owns and frees the memory) so that, once
/// the view code is inlined, `cur` and `end` live in registers: nothing takes the cursor's
/// address, and the cold path that adds a chunk only gets the arena.
pub struct ArenaCursor<'a> {
    /// The next free word (`cur <= end`, both in or one past the same chunk).
    cur: *mut u64,
    /// One past the current chunk's last word.
    end: *mut u64,
    arena: &'a mut Arena,
}

impl ArenaCursor<'_> {
    /// Reserves room for `n` values of `V`, word-aligned, never moving earlier reservations.
    #[inline(always)]
    fn reserve<V>(&mut self, n: usize) -> *mut V {
        assert!(align_of::<V>() <= WORD, "view alignment above 8");
        let bytes = Arena::array_bytes::<V>(n);
        if (self.end as usize - self.cur as usize) < bytes {
            (self.cur, self.end) = self.arena.grow(bytes / WORD);
        }
        let words = bytes / WORD;
        let p = self.cur;
        // `words` words from `cur` are within the current chunk (checked above).
        self.cur = p.wrapping_add(words);
        p as *mut V
    }

    /// An array in the arena holding the views of `items`.
    #[inline]
    pub fn views_of<T: ToGo>(&mut self, items: &[T]) -> SliceRef<T::View> {
        let n = items.len();
        if n == 0 {
            return SliceRef::new(&[]);
        }
        let base = self.reserve::<T::View>(n);
        let src = items.as_ptr();
        for i in 0..n {
            // SAFETY: `i < n = items.len()`; `base` has room for `n` views, is aligned
            // (word-aligned and `align_of::<View>() <= 8`), and later reservations never
            // overlap or move it.
            unsafe {
                let v = (*src.add(i)).view(self);
                base.add(i).write(v);
            }
        }
        SliceRef { ptr: base as *const T::View, len: n }
    }

    /// Views of the items of an iterator, in an arena array.
    pub fn views_of_iter<'a, T: ToGo + 'a>(&mut self, items: impl ExactSizeIterator<Item = &'a T>) -> SliceRef<T::View> {
        let n = items.len();
        if n == 0 {
            return SliceRef::new(&[]);
        }
        let base = self.reserve::<T::View>(n);
        let mut written = 0;
        for item in items.take(n) {
            let v = item.view(self);
            // SAFETY: as in `views_of`; `written < n` by `take(n)`.
            unsafe { base.add(written).write(v) };
            written += 1;
        }
        assert_eq!(written, n, "rust2go: iterator shorter than its reported length");
        SliceRef { ptr: base as *const T::View, len: n }
    }

    /// Stores one view in the arena.
    pub fn alloc_one<V: Copy>(&mut self, v: V) -> *const V {
        let p = self.reserve::<V>(1);
        // SAFETY: `p` has room for one aligned `V` that nothing else uses.
        unsafe { p.write(v) };
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The strings a view array of `Vec<String>` points at, read back through the views.
    fn read(v: GoSlice<SliceRef<u8>>) -> Vec<String> {
        assert_eq!(v.len(), v.cap());
        (0..v.len())
            .map(|i| {
                // SAFETY: `v` is a view array of `v.len()` string views over live strings.
                let s = unsafe { *v.as_ptr().add(i) };
                if s.is_empty() {
                    assert!(s.as_ptr().is_null(), "an empty string's view is null");
                    return String::new();
                }
                // SAFETY: a string view over live bytes.
                String::from_utf8(unsafe { std::slice::from_raw_parts(s.as_ptr(), s.len()) }.to_vec()).unwrap()
            })
            .collect()
    }

    #[test]
    fn exact_estimate_is_one_chunk() {
        let items: Vec<String> = (0..10).map(|i| format!("item-{i}")).chain([String::new()]).collect();
        let mut arena = Arena::with_capacity(items.extra());
        let v = items.view(&mut arena.cursor());
        assert_eq!(arena.chunk_count(), 1);
        assert_eq!(read(v), items);
    }

    #[test]
    fn short_estimate_adds_chunks() {
        let items: Vec<Vec<String>> = (0..20).map(|i| (0..i % 4).map(|j| format!("{i}-{j}")).collect()).collect();
        let mut arena = Arena::with_capacity(8);
        let mut cursor = arena.cursor();
        let v = items.view(&mut cursor);
        assert!(arena.chunk_count() > 1);
        assert_eq!(v.len(), items.len());
        for (i, item) in items.iter().enumerate() {
            // SAFETY: `v` holds `items.len()` slice views.
            assert_eq!(&read(unsafe { *v.as_ptr().add(i) }), item);
        }
    }

    #[test]
    fn a_second_cursor_does_not_overwrite_the_first() {
        let a: Vec<String> = vec!["a".into(), "bb".into()];
        let b: Vec<String> = vec!["ccc".into(), "dddd".into()];
        let mut arena = Arena::with_capacity(a.extra());
        let va = a.view(&mut arena.cursor());
        let vb = b.view(&mut arena.cursor());
        assert_eq!(arena.chunk_count(), 2);
        assert_eq!(read(va), a);
        assert_eq!(read(vb), b);
    }

    #[test]
    fn nothing_nested_allocates_nothing() {
        let arena = Arena::with_capacity(0);
        assert_eq!(arena.chunk_count(), 0);
        let bytes: Vec<u8> = vec![1, 2, 3];
        let mut arena = Arena::with_capacity(bytes.extra());
        let v = bytes.view(&mut arena.cursor());
        assert_eq!(arena.chunk_count(), 0);
        assert_eq!(v.as_ptr(), bytes.as_ptr());
    }
}

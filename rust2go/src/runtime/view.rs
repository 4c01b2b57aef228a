//! C views of Rust values, handed to Go for the duration of a call. A view has the memory
//! layout of the value's Go type wherever Go has a plain-memory form (see
//! `rust2go_model::Model::in_place`), so Go reads it in place; the generated gen.go checks
//! those layouts when Go compiles it.

use std::cell::Cell;
use std::mem::{align_of, size_of, MaybeUninit};

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
    fn view(&self, arena: &mut Arena) -> Self::View;

    /// Arena bytes a slice of this type needs when it is the content of a `Vec`.
    fn slice_extra(items: &[Self]) -> usize
    where
        Self: Sized,
    {
        Arena::array_bytes::<Self::View>(items.len()) + items.iter().map(ToGo::extra).sum::<usize>()
    }

    /// The view of a slice of this type: by default an array of views in the arena.
    /// Scalars override it to hand Go the Rust memory itself.
    fn view_slice(items: &[Self], arena: &mut Arena) -> SliceRef<Self::View>
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
            fn view(&self, _: &mut Arena) -> $t { *self }
            #[inline]
            fn slice_extra(_: &[Self]) -> usize { 0 }
            #[inline]
            fn view_slice(items: &[Self], _: &mut Arena) -> SliceRef<$t> { SliceRef::new(items) }
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
    fn view(&self, _: &mut Arena) -> u8 {
        *self as u8
    }
    #[inline]
    fn slice_extra(_: &[Self]) -> usize {
        0
    }
    #[inline]
    fn view_slice(items: &[Self], _: &mut Arena) -> SliceRef<u8> {
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
    fn view(&self, _: &mut Arena) -> SliceRef<u8> {
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
    fn view(&self, arena: &mut Arena) -> Self::View {
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
    fn view(&self, _: &mut Arena) -> u32 {
        *self as u32
    }
    #[inline]
    fn slice_extra(_: &[Self]) -> usize {
        0
    }
    #[inline]
    fn view_slice(items: &[Self], _: &mut Arena) -> SliceRef<u32> {
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
    fn view(&self, arena: &mut Arena) -> T::View {
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
    fn view(&self, arena: &mut Arena) -> OptRef<T::View> {
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
    fn view(&self, arena: &mut Arena) -> [T::View; N] {
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
    fn view(&self, arena: &mut Arena) -> Self::View {
        // `keys()` and `values()` of an unmodified map visit entries in the same order.
        MapRef { keys: arena.views_of_iter(self.keys()), vals: arena.views_of_iter(self.values()) }
    }
}

impl<K: ToGo, V: ToGo> ToGo for std::collections::BTreeMap<K, V> {
    type View = MapRef<K::View, V::View>;
    fn extra(&self) -> usize {
        map_extra(self.len(), self.iter())
    }
    fn view(&self, arena: &mut Arena) -> Self::View {
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
            fn view(&self, arena: &mut Arena) -> Self::View {
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
    pub fn with<V: Copy>(tag: u32, payload: V, arena: &mut Arena) -> EnumRef {
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
    fn view(&self, arena: &mut Arena) -> GoSlice<T::View> {
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
    fn view(&self, arena: &mut Arena) -> Self::View {
        self.as_slice().view(arena)
    }
}

#[doc(hidden)]
/// Memory for the nested view arrays of one call: sized up front so that one allocation
/// holds them all (none at all when nothing nests).
///
/// Views point into the arena, so it never moves or frees a chunk while alive; if an
/// estimate was short it adds a chunk rather than reallocating.
pub struct Arena {
    /// The chunk views are reserved in; for a correct estimate the only allocation.
    current: Box<[MaybeUninit<u64>]>,
    /// Words of `current` in use.
    used: usize,
    /// Earlier chunks, kept alive (an empty `Vec` does not allocate).
    full: Vec<Box<[MaybeUninit<u64>]>>,
}

const WORD: usize = size_of::<u64>();

impl Arena {
    /// An arena holding `bytes` bytes of views (no allocation when `bytes == 0`).
    pub fn with_capacity(bytes: usize) -> Arena {
        Arena { current: Self::chunk(bytes), used: 0, full: Vec::new() }
    }

    /// The arena bytes an array of `n` views of type `V` takes.
    #[inline]
    pub fn array_bytes<V>(n: usize) -> usize {
        (n * size_of::<V>()).div_ceil(WORD) * WORD
    }

    fn chunk(bytes: usize) -> Box<[MaybeUninit<u64>]> {
        let words = bytes.div_ceil(WORD);
        let mut v = Vec::with_capacity(words);
        v.resize(words, MaybeUninit::uninit());
        v.into_boxed_slice()
    }

    /// Reserves room for `n` values of `V`, word-aligned, never moving earlier reservations.
    #[inline]
    fn reserve<V>(&mut self, n: usize) -> *mut V {
        assert!(align_of::<V>() <= WORD, "view alignment above 8");
        let bytes = Self::array_bytes::<V>(n);
        if (self.current.len() - self.used) * WORD < bytes {
            // Only reached when an `extra` estimate was short: correct, just not one allocation.
            let old = std::mem::replace(&mut self.current, Self::chunk(bytes.max(64)));
            self.full.push(old);
            self.used = 0;
        }
        // SAFETY: `used + bytes/WORD <= current.len()` was checked above; moving a `Box` into
        // `full` does not move its heap block, so earlier views stay valid.
        let p = unsafe { self.current.as_mut_ptr().add(self.used) } as *mut V;
        self.used += bytes / WORD;
        p
    }

    /// An array in the arena holding the views of `items`.
    #[inline]
    pub fn views_of<T: ToGo>(&mut self, items: &[T]) -> SliceRef<T::View> {
        if items.is_empty() {
            return SliceRef::new(&[]);
        }
        let base = self.reserve::<T::View>(items.len());
        for (i, item) in items.iter().enumerate() {
            let v = item.view(self);
            // SAFETY: `base` has room for `items.len()` views, is aligned (word-aligned and
            // `align_of::<View>() <= 8`), and later reservations never overlap or move it.
            unsafe { base.add(i).write(v) };
        }
        SliceRef { ptr: base as *const T::View, len: items.len() }
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

    /// Number of heap chunks (1 when the size estimate was right and anything nests).
    pub fn chunk_count(&self) -> usize {
        usize::from(!self.current.is_empty()) + self.full.len()
    }
}

//! Owned Rust values from the flat result buffer that Go writes.
//!
//! Format (native endianness, no alignment, no pointers): scalars as their bytes (`bool` as one
//! byte, `isize`/`usize` as 8), `String` and `Vec<T>` as a `u64` length followed by the
//! elements, structs as their fields in declaration order. Go's encoder is generated from the
//! same model; every read is bounds-checked, so a mismatch panics instead of misreading.

#[doc(hidden)]
/// A cursor over a result buffer.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    /// The first value that could not be taken as it is (see [`Reader::fail`]).
    error: Option<String>,
    /// Whether [`Reader::fail`] panics (g2r arguments) rather than recording the error.
    panic_on_error: bool,
}

impl<'a> Reader<'a> {
    /// A reader of a result: values that cannot be taken as they are fail the call through
    /// [`Reader::take_error`].
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0, error: None, panic_on_error: false }
    }

    /// A reader of g2r arguments: a value that cannot be taken as it is panics (before the
    /// Rust method runs; the panic reaches Go as any panic of the method does).
    pub(crate) fn arguments(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0, error: None, panic_on_error: true }
    }

    /// Reports a value that decodes but would be wrong (map keys that collide in Rust): the
    /// rest still decodes, and the call fails once it is decoded.
    #[cold]
    pub fn fail(&mut self, message: String) {
        if self.panic_on_error {
            panic!("{message}");
        }
        self.error.get_or_insert(message);
    }

    /// The first failure reported while decoding.
    pub fn take_error(&mut self) -> Option<String> {
        self.error.take()
    }

    #[inline]
    pub fn bytes(&mut self, n: usize) -> &'a [u8] {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        let end = end.unwrap_or_else(|| panic!("rust2go: result buffer too short ({} + {} > {})", self.pos, n, self.buf.len()));
        let s = &self.buf[self.pos..end];
        self.pos = end;
        s
    }

    #[inline]
    fn array<const N: usize>(&mut self) -> [u8; N] {
        self.bytes(N).try_into().expect("length checked")
    }

    #[inline]
    pub fn len(&mut self) -> usize {
        u64::from_ne_bytes(self.array()) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.pos == self.buf.len()
    }

    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }
}

#[doc(hidden)]
/// A value decoded from the result buffer.
pub trait FromGo: Sized {
    fn decode(r: &mut Reader<'_>) -> Self;

    /// The value a Go panic becomes: `None` (the caller panics with Go's message) except for
    /// `Result<T, E>`, which becomes `Err(E::from(GoPanic))`.
    fn from_go_panic(_panic: GoPanic) -> Option<Self> {
        None
    }

    /// Decodes `n` consecutive values (scalars override it with a bulk copy).
    fn decode_n(r: &mut Reader<'_>, n: usize) -> Vec<Self> {
        // Cap the pre-allocation by what the buffer can hold, so a corrupt length cannot
        // request absurd memory before the bounds checks fire.
        let mut v = Vec::with_capacity(n.min(r.remaining()));
        for _ in 0..n {
            v.push(Self::decode(r));
        }
        v
    }
}

macro_rules! scalar {
    ($($t:ty),*) => {$(
        impl FromGo for $t {
            #[inline]
            fn decode(r: &mut Reader<'_>) -> Self {
                <$t>::from_ne_bytes(r.array())
            }
            fn decode_n(r: &mut Reader<'_>, n: usize) -> Vec<Self> {
                const S: usize = std::mem::size_of::<$t>();
                let bytes = r.bytes(n.checked_mul(S).expect("length overflow"));
                bytes.chunks_exact(S).map(|c| <$t>::from_ne_bytes(c.try_into().expect("chunk"))).collect()
            }
        }
    )*};
}
scalar!(i8, i16, i32, i64, u16, u32, u64, f32, f64);

impl FromGo for u8 {
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Self {
        r.bytes(1)[0]
    }
    fn decode_n(r: &mut Reader<'_>, n: usize) -> Vec<Self> {
        r.bytes(n).to_vec()
    }
}

impl FromGo for isize {
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Self {
        i64::decode(r) as isize
    }
}

impl FromGo for usize {
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Self {
        u64::decode(r) as usize
    }
}

impl FromGo for bool {
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Self {
        r.bytes(1)[0] != 0
    }
    fn decode_n(r: &mut Reader<'_>, n: usize) -> Vec<Self> {
        r.bytes(n).iter().map(|b| *b != 0).collect()
    }
}

#[doc(hidden)]
/// Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD.
pub fn string_lossy(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

impl FromGo for String {
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        string_lossy(r.bytes(n))
    }
}

impl<T: FromGo> FromGo for Vec<T> {
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        T::decode_n(r, n)
    }
}

impl FromGo for char {
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Self {
        // Go runes may be any int32; invalid ones become U+FFFD, as in Go's own conversions.
        char::from_u32(u32::decode(r)).unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

impl<T: FromGo> FromGo for Box<T> {
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Self {
        Box::new(T::decode(r))
    }
}

impl<T: FromGo> FromGo for Option<T> {
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Self {
        match r.bytes(1)[0] {
            0 => None,
            _ => Some(T::decode(r)),
        }
    }
}

impl<T: FromGo, const N: usize> FromGo for [T; N] {
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Self {
        std::array::from_fn(|_| T::decode(r))
    }
}

/// Keys of a Go map are distinct in Go; two that are equal in Rust were made equal by the
/// decoding (invalid UTF-8 in `string` keys, or invalid runes, replaced with U+FFFD). Keeping one
/// of the entries would lose the other silently: the call fails instead.
#[cold]
fn keys_collided(r: &mut Reader<'_>, len: usize) {
    r.fail(format!(
        "rust2go: a Go map of {len} entries has keys that are distinct in Go but equal in Rust once invalid UTF-8          (or an invalid rune) is replaced with U+FFFD; refusing it rather than dropping entries"
    ));
}

impl<K: FromGo + Eq + std::hash::Hash, V: FromGo, S: std::hash::BuildHasher + Default> FromGo for std::collections::HashMap<K, V, S> {
    fn decode(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        let mut m = std::collections::HashMap::with_capacity_and_hasher(n.min(r.remaining()), S::default());
        for _ in 0..n {
            let k = K::decode(r);
            if m.insert(k, V::decode(r)).is_some() {
                keys_collided(r, n);
            }
        }
        m
    }
}

impl<K: FromGo + Ord, V: FromGo> FromGo for std::collections::BTreeMap<K, V> {
    fn decode(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        let mut m = std::collections::BTreeMap::new();
        for _ in 0..n {
            let k = K::decode(r);
            if m.insert(k, V::decode(r)).is_some() {
                keys_collided(r, n);
            }
        }
        m
    }
}

/// The outcome of a call from its result bytes and status: the decoded value, or Go's panic
/// message (or why the result was refused), as `Err(E::from(GoPanic))` for `Result` methods and
/// as `Err(message)` otherwise. `call` names the method for the trailing-bytes check.
pub(crate) fn decode_outcome<R: FromGo>(bytes: &[u8], status: u32, call: &dyn std::fmt::Display) -> Result<R, String> {
    let mut r = Reader::new(bytes);
    let message = if status != crate::runtime::call::STATUS_OK {
        String::decode(&mut r)
    } else {
        let v = R::decode(&mut r);
        assert!(r.is_empty(), "rust2go: {call}result has {} trailing bytes", r.remaining());
        match r.take_error() {
            None => return Ok(v),
            Some(m) => m,
        }
    };
    R::from_go_panic(GoPanic { message: message.clone() }).ok_or(message)
}

macro_rules! tuple_decode {
    ($($t:ident),+) => {
        impl<$($t: FromGo),+> FromGo for ($($t,)+) {
            #[inline]
            fn decode(r: &mut Reader<'_>) -> Self {
                ($($t::decode(r),)+)
            }
        }
    };
}
tuple_decode!(A);
tuple_decode!(A, B);
tuple_decode!(A, B, C);
tuple_decode!(A, B, C, D);
tuple_decode!(A, B, C, D, E);
tuple_decode!(A, B, C, D, E, F);

/// A panic of a Go handler, as an error value: what a method returning `Result<T, E>` yields
/// (`Err(E::from(GoPanic))`) when its Go handler panics, so that a panic is distinguishable
/// from an error the handler returned. Also a result Rust refuses to take as it is (a Go map
/// whose keys collide after U+FFFD replacement).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoPanic {
    /// Go's panic value (`fmt.Sprint`), followed by the goroutine stack.
    pub message: String,
}

impl std::fmt::Display for GoPanic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Go panic: {}", self.message)
    }
}

impl std::error::Error for GoPanic {}

/// `Result<T, String>` methods: a Go panic becomes `Err("Go panic: <value>\n\n<stack>")`.
impl From<GoPanic> for String {
    fn from(p: GoPanic) -> String {
        p.to_string()
    }
}

/// The result of a `-> Result<T, E>` method: a tag byte (0 = `Ok`, 1 = `Err`), then the value.
impl<T: FromGo, E: FromGo + From<GoPanic>> FromGo for Result<T, E> {
    fn decode(r: &mut Reader<'_>) -> Self {
        match r.bytes(1)[0] {
            0 => Ok(T::decode(r)),
            _ => Err(E::decode(r)),
        }
    }

    fn from_go_panic(panic: GoPanic) -> Option<Self> {
        Some(Err(E::from(panic)))
    }
}

//! The flat format written by Rust: results of Go→Rust (g2r) calls, the mirror of
//! [`FromGo`](crate::runtime::FromGo). Same layout as in decode.rs.

#[doc(hidden)]
/// A value Rust encodes for Go.
pub trait ToFlat {
    fn encode(&self, out: &mut Vec<u8>);

    /// Encodes a slice (scalars override it with a bulk copy).
    fn encode_slice(items: &[Self], out: &mut Vec<u8>)
    where
        Self: Sized,
    {
        for i in items {
            i.encode(out);
        }
    }
}

#[doc(hidden)]
/// Appends a length (`u64`, native endianness).
#[inline]
pub fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_ne_bytes());
}

macro_rules! scalar {
    ($($t:ty),*) => {$(
        impl ToFlat for $t {
            #[inline]
            fn encode(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_ne_bytes());
            }
            fn encode_slice(items: &[Self], out: &mut Vec<u8>) {
                out.reserve(std::mem::size_of_val(items));
                for i in items {
                    out.extend_from_slice(&i.to_ne_bytes());
                }
            }
        }
    )*};
}
scalar!(i8, i16, i32, i64, u16, u32, u64, f32, f64);

impl ToFlat for u8 {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn encode_slice(items: &[Self], out: &mut Vec<u8>) {
        out.extend_from_slice(items);
    }
}

impl ToFlat for isize {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        (*self as i64).encode(out)
    }
}

impl ToFlat for usize {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        (*self as u64).encode(out)
    }
}

impl ToFlat for bool {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(*self as u8);
    }
}

impl ToFlat for char {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        (*self as u32).encode(out)
    }
}

/// `&str` parameters (`#[mem]` calls) encode as `String` does: `String` delegates here.
impl ToFlat for str {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        put_len(out, self.len());
        out.extend_from_slice(self.as_bytes());
    }
}

impl ToFlat for String {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        self.as_str().encode(out)
    }
}

/// `&[T]` parameters (`#[mem]` calls) encode as `Vec<T>` does: `Vec<T>` delegates here.
impl<T: ToFlat> ToFlat for [T] {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        put_len(out, self.len());
        T::encode_slice(self, out);
    }
}

impl<T: ToFlat> ToFlat for Vec<T> {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        self.as_slice().encode(out)
    }
}

impl<T: ToFlat, const N: usize> ToFlat for [T; N] {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        T::encode_slice(self, out);
    }
}

impl<T: ToFlat> ToFlat for Option<T> {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.encode(out);
            }
        }
    }
}

impl<T: ToFlat> ToFlat for Box<T> {
    #[inline]
    fn encode(&self, out: &mut Vec<u8>) {
        (**self).encode(out)
    }
}

impl<K: ToFlat, V: ToFlat, S> ToFlat for std::collections::HashMap<K, V, S> {
    fn encode(&self, out: &mut Vec<u8>) {
        put_len(out, self.len());
        for (k, v) in self {
            k.encode(out);
            v.encode(out);
        }
    }
}

impl<K: ToFlat, V: ToFlat> ToFlat for std::collections::BTreeMap<K, V> {
    fn encode(&self, out: &mut Vec<u8>) {
        put_len(out, self.len());
        for (k, v) in self {
            k.encode(out);
            v.encode(out);
        }
    }
}

impl ToFlat for () {
    fn encode(&self, _: &mut Vec<u8>) {}
}

macro_rules! tuple_encode {
    ($($t:ident $i:tt),+) => {
        impl<$($t: ToFlat),+> ToFlat for ($($t,)+) {
            #[inline]
            fn encode(&self, out: &mut Vec<u8>) {
                $(self.$i.encode(out);)+
            }
        }
    };
}
tuple_encode!(A 0);
tuple_encode!(A 0, B 1);
tuple_encode!(A 0, B 1, C 2);
tuple_encode!(A 0, B 1, C 2, D 3);
tuple_encode!(A 0, B 1, C 2, D 3, E 4);
tuple_encode!(A 0, B 1, C 2, D 3, E 4, F 5);

/// `Result<T, E>`: a tag byte (0 = `Ok`, 1 = `Err`), then the value.
impl<T: ToFlat, E: ToFlat> ToFlat for Result<T, E> {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Ok(v) => {
                out.push(0);
                v.encode(out);
            }
            Err(e) => {
                out.push(1);
                e.encode(out);
            }
        }
    }
}

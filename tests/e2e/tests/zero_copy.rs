//! Zero copy: Go's view of a `String`, `Vec<u8>` or `Vec<u32>` argument (also inside a struct
//! and inside a `Vec<Struct>`) has the very data address of the Rust value, and its contents.

use rust2go_e2e::idl::*;
use rust2go_e2e::{fnv1a, users};

fn expect_str(seen: Seen, s: &str) {
    assert_eq!(seen.addr, s.as_ptr() as u64, "Go saw a copy of the string");
    assert_eq!(seen.len, s.len() as u64);
    assert_eq!(seen.sum, fnv1a(s.bytes()), "Go read other bytes");
}

#[test]
fn string_argument_is_the_rust_memory() {
    for s in ["x".to_string(), "héllo wörld 🦀".into(), "a".repeat(1 << 20)] {
        expect_str(ZeroCopyImpl::see_string(&s), &s);
    }
}

#[test]
fn string_passed_by_value_is_the_rust_memory() {
    for s in ["owned".to_string(), "ü".repeat(1 << 19)] {
        let (addr, copy) = (s.as_ptr() as u64, s.clone());
        let seen = ZeroCopyImpl::see_string_owned(s);
        assert_eq!(seen.addr, addr, "Go saw a copy of the owned string");
        assert_eq!((seen.len, seen.sum), (copy.len() as u64, fnv1a(copy.bytes())));
    }
}

#[test]
fn bytes_argument_is_the_rust_memory() {
    let small: Vec<u8> = (0..=255).collect();
    let mib: Vec<u8> = (0..1 << 20).map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    for b in [small, mib] {
        let seen = ZeroCopyImpl::see_bytes(&b);
        assert_eq!(seen.addr, b.as_ptr() as u64, "Go saw a copy of the bytes");
        assert_eq!(seen.len, b.len() as u64);
        assert_eq!(seen.sum, fnv1a(b.iter().copied()));
    }
}

#[test]
fn u32_vector_argument_is_the_rust_memory() {
    for w in [vec![u32::MAX], (0..100_000u32).map(|i| i.wrapping_mul(0x9e37_79b9)).collect::<Vec<_>>()] {
        let seen = ZeroCopyImpl::see_words(&w);
        assert_eq!(seen.addr, w.as_ptr() as u64, "Go saw a copy of the words");
        assert_eq!(seen.len, w.len() as u64);
        assert_eq!(seen.sum, fnv1a(w.iter().flat_map(|x| x.to_le_bytes())));
    }
}

#[test]
fn string_in_a_struct_is_the_rust_memory() {
    let n = Named { id: 7, name: "inside a struct ✓".into() };
    expect_str(ZeroCopyImpl::see_named(&n), &n.name);
    let by_value = Named { id: 8, name: "struct passed to Go by value".into() };
    let (addr, name) = (by_value.name.as_ptr() as u64, by_value.name.clone());
    let seen = ZeroCopyImpl::see_named_by_value(by_value);
    assert_eq!(seen.addr, addr, "Go saw a copy of the field");
    assert_eq!(seen.sum, fnv1a(name.bytes()));
}

#[test]
fn strings_in_a_vec_of_structs_are_the_rust_memory() {
    let us = users(100, 3);
    let expected: Vec<u64> =
        us.iter().flat_map(|u| std::iter::once(u.name.as_ptr() as u64).chain(u.tags.iter().map(|t| t.as_ptr() as u64))).collect();
    assert_eq!(expected.len(), 400);
    assert_eq!(ZeroCopyImpl::see_users(&us), expected);
}

#[test]
fn str_argument_is_the_rust_memory() {
    let owner = "prefix: héllo wörld 🦀".to_string();
    // A borrowed part of a string, a literal, and the empty string.
    for s in [&owner["prefix: ".len()..], "literal", ""] {
        let seen = ZeroCopyImpl::see_str(s);
        if s.is_empty() {
            assert_eq!((seen.addr, seen.len), (0, 0), "an empty &str crosses as a null pointer");
        } else {
            expect_str(seen, s);
        }
    }
}

#[test]
fn byte_slice_argument_is_the_rust_memory() {
    let b: Vec<u8> = (0..=255).collect();
    let part = &b[16..200];
    let seen = ZeroCopyImpl::see_byte_slice(part);
    assert_eq!(seen.addr, part.as_ptr() as u64, "Go saw a copy of the slice");
    assert_eq!((seen.len, seen.sum), (part.len() as u64, fnv1a(part.iter().copied())));
    let array = [7u8; 32];
    assert_eq!(ZeroCopyImpl::see_byte_slice(&array).addr, array.as_ptr() as u64);
    assert_eq!(ZeroCopyImpl::see_byte_slice(&[]).len, 0);
}

#[test]
fn struct_slice_argument_is_the_rust_memory() {
    let us = users(10, 2);
    let part = &us[3..7];
    let expected: Vec<u64> =
        part.iter().flat_map(|u| std::iter::once(u.name.as_ptr() as u64).chain(u.tags.iter().map(|t| t.as_ptr() as u64))).collect();
    assert_eq!(ZeroCopyImpl::see_user_slice(part), expected);
    // The same call through `&Vec<User>` and `&[User]` sees the same memory.
    assert_eq!(ZeroCopyImpl::see_user_slice(&us), ZeroCopyImpl::see_users(&us));
}

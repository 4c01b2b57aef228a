//! `#[mem]` calls into Go, exercised by the tests in `tests/`, the examples in `examples/` and
//! the criterion benchmark in `benches/`.
pub mod idl;

/// FNV-1a over the request, the same function as `checksum` in go/impl.go.
pub fn checksum(req: &idl::FriendsListRequest) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    };
    for b in req.user_id.to_le_bytes() {
        eat(b);
    }
    for n in &req.names {
        for b in n.bytes() {
            eat(b);
        }
        eat(0);
    }
    for b in &req.payload {
        eat(*b);
    }
    h
}

/// A request whose content depends on `i`, with its expected checksum filled in.
pub fn request(i: u64, payload_len: usize) -> idl::FriendsListRequest {
    let mut req = idl::FriendsListRequest {
        user_id: i,
        names: (0..(i % 5)).map(|k| format!("friend-{i}-{k}-ß")).collect(),
        payload: (0..payload_len).map(|k| (k as u64 ^ i) as u8).collect(),
        expect: 0,
    };
    req.expect = checksum(&req);
    req
}

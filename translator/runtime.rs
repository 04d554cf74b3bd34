//! c2safe runtime: the KaRaMeL byte-order helpers, in safe std-only Rust.
//!
//! Generated crates call these where the C called `load32_le`, `store64_be`, ...
//! Each takes a slice starting at the C pointer; it panics (like an out-of-bounds
//! index) when fewer bytes remain than the helper reads or writes.

#![allow(dead_code)]

macro_rules! load_store {
    ($load_le:ident, $load_be:ident, $load_ne:ident, $store_le:ident, $store_be:ident,
     $store_ne:ident, $t:ty, $n:expr) => {
        #[inline(always)]
        pub fn $load_le(b: &[u8]) -> $t {
            <$t>::from_le_bytes(b[..$n].try_into().unwrap())
        }
        #[inline(always)]
        pub fn $load_be(b: &[u8]) -> $t {
            <$t>::from_be_bytes(b[..$n].try_into().unwrap())
        }
        #[inline(always)]
        pub fn $load_ne(b: &[u8]) -> $t {
            <$t>::from_ne_bytes(b[..$n].try_into().unwrap())
        }
        #[inline(always)]
        pub fn $store_le(b: &mut [u8], x: $t) {
            b[..$n].copy_from_slice(&x.to_le_bytes());
        }
        #[inline(always)]
        pub fn $store_be(b: &mut [u8], x: $t) {
            b[..$n].copy_from_slice(&x.to_be_bytes());
        }
        #[inline(always)]
        pub fn $store_ne(b: &mut [u8], x: $t) {
            b[..$n].copy_from_slice(&x.to_ne_bytes());
        }
    };
}

load_store!(load16_le, load16_be, load16, store16_le, store16_be, store16, u16, 2);
load_store!(load32_le, load32_be, load32, store32_le, store32_be, store32, u32, 4);
load_store!(load64_le, load64_be, load64, store64_le, store64_be, store64, u64, 8);

/// C `exit(code)`: a translated library cannot end the process, so it panics.
#[cold]
pub fn exit(code: i32) -> ! {
    panic!("c2safe: the C code called exit({code})")
}

/// C `abort()`.
#[cold]
pub fn abort() -> ! {
    panic!("c2safe: the C code called abort()")
}

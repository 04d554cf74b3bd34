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

// ------------------------------------------------------------------ integer intrinsics
//
// KaRaMeL's `Lib_IntTypes_Intrinsics_add_carry_*` / `sub_borrow_*` (portable C in
// Hacl_IntTypes_Intrinsics.h computes the carry with constant-time masks) as one wide
// addition: the carry is the bit above the word. Same signature shape as the C (the
// result word is written to `r[0]`), so a call translates argument for argument.
// Defined for `cin` in {0, 1}, the only values HACL* passes.

macro_rules! carries {
    ($add:ident, $sub:ident, $t:ty, $wide:ty, $bits:expr) => {
        /// `r[0] = x + y + cin`; returns the carry out (0 or 1).
        #[inline(always)]
        pub fn $add(cin: $t, x: $t, y: $t, r: &mut [$t]) -> $t {
            let s = (x as $wide) + (y as $wide) + (cin as $wide);
            r[0] = s as $t;
            (s >> $bits) as $t
        }
        /// `r[0] = x - y - cin`; returns the borrow out (0 or 1).
        #[inline(always)]
        pub fn $sub(cin: $t, x: $t, y: $t, r: &mut [$t]) -> $t {
            let d = (x as $wide).wrapping_sub(y as $wide).wrapping_sub(cin as $wide);
            r[0] = d as $t;
            ((d >> $bits) & 1) as $t
        }
    };
}

carries!(add_carry_u32, sub_borrow_u32, u32, u64, 32);
carries!(add_carry_u64, sub_borrow_u64, u64, u128, 64);

/// `FStar_UInt128` as Rust's `u128`: the helpers KaRaMeL's headers define over the
/// `{ low, high }` struct, on the native type (wrapping, as F*'s machine integers).
pub mod uint128 {
    #[inline(always)]
    pub fn add(a: u128, b: u128) -> u128 {
        a.wrapping_add(b)
    }
    #[inline(always)]
    pub fn add_mod(a: u128, b: u128) -> u128 {
        a.wrapping_add(b)
    }
    #[inline(always)]
    pub fn sub(a: u128, b: u128) -> u128 {
        a.wrapping_sub(b)
    }
    #[inline(always)]
    pub fn sub_mod(a: u128, b: u128) -> u128 {
        a.wrapping_sub(b)
    }
    #[inline(always)]
    pub fn logand(a: u128, b: u128) -> u128 {
        a & b
    }
    #[inline(always)]
    pub fn logxor(a: u128, b: u128) -> u128 {
        a ^ b
    }
    #[inline(always)]
    pub fn logor(a: u128, b: u128) -> u128 {
        a | b
    }
    #[inline(always)]
    pub fn lognot(a: u128) -> u128 {
        !a
    }
    #[inline(always)]
    pub fn shift_left(a: u128, s: u32) -> u128 {
        a.wrapping_shl(s)
    }
    #[inline(always)]
    pub fn shift_right(a: u128, s: u32) -> u128 {
        a.wrapping_shr(s)
    }
    #[inline(always)]
    pub fn eq(a: u128, b: u128) -> bool {
        a == b
    }
    #[inline(always)]
    pub fn gt(a: u128, b: u128) -> bool {
        a > b
    }
    #[inline(always)]
    pub fn lt(a: u128, b: u128) -> bool {
        a < b
    }
    #[inline(always)]
    pub fn gte(a: u128, b: u128) -> bool {
        a >= b
    }
    #[inline(always)]
    pub fn lte(a: u128, b: u128) -> bool {
        a <= b
    }
    /// All ones when equal, else zero (constant-time in the C; branch-free here too).
    #[inline(always)]
    pub fn eq_mask(a: u128, b: u128) -> u128 {
        0u128.wrapping_sub((a == b) as u128)
    }
    #[inline(always)]
    pub fn gte_mask(a: u128, b: u128) -> u128 {
        0u128.wrapping_sub((a >= b) as u128)
    }
    #[inline(always)]
    pub fn uint64_to_uint128(a: u64) -> u128 {
        a as u128
    }
    #[inline(always)]
    pub fn uint128_to_uint64(a: u128) -> u64 {
        a as u64
    }
    #[inline(always)]
    pub fn mul_wide(x: u64, y: u64) -> u128 {
        (x as u128) * (y as u128)
    }
    #[inline(always)]
    pub fn mul32(x: u64, y: u32) -> u128 {
        (x as u128) * (y as u128)
    }
}

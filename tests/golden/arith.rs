//! Translated by c2safe from `arith.c`.

fn rotl(x: u32, n: u32) -> u32 {
    x.wrapping_shl(n) | x.wrapping_shr(32u32.wrapping_sub(n))
}

fn sdiv(a: i32, b: i32) -> i32 {
    a.wrapping_div(b).wrapping_add(a.wrapping_rem(b))
}

fn mix8(a: u8, b: u8) -> u8 {
    let c: u8 = (a as i32).wrapping_add(b as i32) as u8;
    let d: u8 = (a as i32).wrapping_mul(b as i32) as u8;
    (c as i32 ^ d as i32 ^ !(a as i32) as u8 as i32) as u8
}

fn lt_mixed(s: i32, u: u32) -> bool {
    (s as u32) < u
}

pub fn c2safe_test(out: &mut [u64]) {
    let out = &mut out[..16usize];
    let x: u32 = 0xdeadbeefu32;
    out[0usize] = rotl(x, 7u32) as u64;
    out[1usize] = x.wrapping_mul(2654435761u32) as u64;
    out[2usize] = sdiv(-17i32, 5i32) as i64 as u64;
    out[3usize] = mix8(200u8, 100u8) as u64;
    out[4usize] = lt_mixed(-1i32, 1u32) as u64;
    out[5usize] = 1u64;
    out[6usize] = 260u64;
    let neg: i64 = -5i64;
    out[7usize] = neg as u64;
    out[8usize] = (neg >> 1) as u64;
    out[9usize] = 0xffffffffffffffffu64.wrapping_add(2u64);
    let mut acc: u64 = 1469598103934665603u64;
    for i in 0u32..100u32 {
        acc = (acc ^ i as u64).wrapping_mul(1099511628211u64);
    }
    out[10usize] = acc;
    out[11usize] = ((x >> 31) as u64).wrapping_add((x % 1000u32) as u64);
    out[12usize] = (!0u32).wrapping_sub(x) as u64;
    out[13usize] = 18446744073709551595u64;
    out[14usize] = 2147483648u64;
    out[15usize] = 4294967295u64;
}

//! Translated by c2safe from `borrowed.c`.

#[derive(Debug)]
pub struct pair<'a> {
    pub r#in: span<'a>,
    pub acc: &'a mut [u32],
}

#[derive(Debug)]
pub struct span<'a> {
    pub data: &'a mut [u8],
    pub len: u32,
}

fn span_sum(s: &[span<'_>]) -> u32 {
    let mut r: u32 = 0u32;
    for i in 0u32..s[0usize].len {
        r = r
            .wrapping_mul(31u32)
            .wrapping_add(s[0usize].data[i as usize] as u32);
    }
    r
}

fn span_fill(s: &mut [span<'_>], v: u8) {
    let mut i: u32 = 0u32;
    loop {
        if i >= s[0usize].len {
            break;
        }
        s[0usize].data[i as usize] = (v as i32).wrapping_add(i as u8 as i32) as u8;
        i = i.wrapping_add(1);
    }
}

fn pair_step(p: &mut [pair<'_>]) {
    p[0usize].acc[0usize] =
        p[0usize].acc[0usize].wrapping_add(span_sum(std::slice::from_ref(&p[0usize].r#in)));
    p[0usize].acc[1usize] ^= p[0usize].r#in.len;
}

pub fn c2safe_test(out: &mut [u64]) {
    let out = &mut out[..4usize];
    let mut buf: [u8; 32] = [0u8; 32];
    let mut whole: span = span {
        data: &mut buf,
        len: 32u32,
    };
    span_fill(std::slice::from_mut(&mut whole), 5u8);
    out[0usize] = span_sum(std::slice::from_ref(&whole)) as u64;
    let tail: span = span {
        data: &mut buf[16usize..],
        len: 16u32,
    };
    out[1usize] = span_sum(std::slice::from_ref(&tail)) as u64;
    let mut acc: [u32; 2] = [1u32, 2u32];
    let mut p: pair = pair {
        r#in: tail,
        acc: &mut acc,
    };
    pair_step(std::slice::from_mut(&mut p));
    pair_step(std::slice::from_mut(&mut p));
    out[2usize] = acc[0usize] as u64;
    out[3usize] = acc[1usize] as u64;
}

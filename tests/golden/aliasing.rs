//! Translated by c2safe from `aliasing.c`.

fn fmul4(out: &mut [u64], a: &[u64], b: &[u64]) {
    let out = &mut out[..4usize];
    let a = &a[..4usize];
    let mut t: [u64; 4] = [0u64; 4];
    for i in 0u32..4u32 {
        t[i as usize] = a[i as usize]
            .wrapping_mul(b[3u32.wrapping_sub(i) as usize])
            .wrapping_add(a[(i.wrapping_add(1u32) % 4u32) as usize]);
    }
    out[..4usize].copy_from_slice(&t[..4usize]);
}

fn fadd4(out: &mut [u64], a: &[u64], b: &[u64]) {
    let out = &mut out[..4usize];
    let a = &a[..4usize];
    let b = &b[..4usize];
    for i in 0u32..4u32 {
        out[i as usize] = a[i as usize].wrapping_add(b[i as usize]);
    }
}

fn swap_halves(lo: &mut [u64], hi: &mut [u64]) {
    let lo = &mut lo[..4usize];
    let hi = &mut hi[..4usize];
    for i in 0u32..4u32 {
        let x: u64 = lo[i as usize];
        lo[i as usize] = hi[i as usize];
        hi[i as usize] = x;
    }
}

pub fn c2safe_test(out: &mut [u64]) {
    let out = &mut out[..16usize];
    let mut buf: [u64; 16] = [0u64; 16];
    for i in 0u32..16u32 {
        buf[i as usize] = (i as u64)
            .wrapping_mul(0x9e3779b97f4a7c15u64)
            .wrapping_add(1u64);
    }
    let mut buf_copy: [u64; 4] = [0u64; 4];
    buf_copy.copy_from_slice(&buf[..4usize]);
    let (buf_0, buf_rest0) = buf.split_at_mut(4usize);
    fmul4(&mut buf_0[..], &buf_copy, &buf_rest0[..]);
    let mut buf_copy_1: [u64; 4] = [0u64; 4];
    buf_copy_1.copy_from_slice(&buf[8usize..12usize]);
    fadd4(&mut buf[8usize..], &buf_copy_1, &buf_copy_1);
    let (buf_0_1, buf_rest0_1) = buf.split_at_mut(4usize);
    let (buf_1, buf_rest1) = buf_rest0_1.split_at_mut(8usize);
    fmul4(&mut buf_rest1[..], &buf_1[..], &buf_0_1[..]);
    let (buf_0_2, buf_rest0_2) = buf.split_at_mut(12usize);
    swap_halves(&mut buf_0_2[4usize..], &mut buf_rest0_2[..]);
    let (buf_0_3, buf_rest0_3) = buf.split_at_mut(8usize);
    let (buf_1_1, buf_rest1_1) = buf_rest0_3.split_at_mut(4usize);
    fadd4(&mut buf_0_3[..], &buf_rest1_1[..], &buf_1_1[..]);
    for i_1 in 0u32..16u32 {
        out[i_1 as usize] = buf[i_1 as usize];
    }
}

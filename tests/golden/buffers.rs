//! Translated by c2safe from `buffers.c`.

static table: [u32; 8] = [3u32, 1u32, 4u32, 1u32, 5u32, 9u32, 2u32, 6u32];

fn fill(dst: &mut [u32], len: u32, seed: u32) {
    for i in 0u32..len {
        dst[i as usize] = seed
            .wrapping_mul(i.wrapping_add(1u32))
            .wrapping_add(table[(i % 8u32) as usize]);
    }
}

fn sum(src: &[u32], len: u32) -> u32 {
    let mut s: u32 = 0u32;
    for i in 0u32..len {
        s = s.wrapping_add(src[i as usize]);
    }
    s
}

fn add_into(out: &mut [u32], a: &[u32], b: &[u32], len: u32) {
    for i in 0u32..len {
        out[i as usize] = a[i as usize].wrapping_add(b[i as usize]);
    }
}

fn bump(x: &mut [u32]) {
    x[0usize] = x[0usize].wrapping_add(1u32);
}

pub fn c2safe_test(out: &mut [u64]) {
    let out = &mut out[..9usize];
    let mut buf: [u32; 32] = [0u32; 32];
    fill(&mut buf, 32u32, 7u32);
    out[0usize] = sum(&buf, 16u32) as u64;
    out[1usize] = sum(&buf[16usize..], 16u32) as u64;
    let mut tmp: [u32; 16] = [0u32; 16];
    add_into(&mut tmp, &buf, &buf[16usize..], 16u32);
    out[2usize] = sum(&tmp, 16u32) as u64;
    buf[4usize..12usize].copy_from_slice(&tmp[..8usize]);
    out[3usize] = sum(&buf, 32u32) as u64;
    buf[8usize..12usize].fill(0u32);
    out[4usize] = sum(&buf, 32u32) as u64;
    let mut counter: u32 = 41u32;
    bump(std::slice::from_mut(&mut counter));
    out[5usize] = counter as u64;
    bump(&mut buf[3usize..]);
    out[6usize] = buf[3usize] as u64;
    let mut bytes: [u8; 16] = [
        1u8, 2u8, 3u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8,
    ];
    bytes[7usize] = 0x77u8;
    out[7usize] = (bytes[7usize] as u64).wrapping_add(bytes[2usize] as u64);
    bytes.copy_within(2usize..8usize, 0usize);
    out[8usize] = (bytes[0usize] as u64)
        .wrapping_mul(256u64)
        .wrapping_add(bytes[5usize] as u64);
}

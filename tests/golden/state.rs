//! Translated by c2safe from `state.c`.

#[derive(Clone, Default, PartialEq, Debug)]
pub struct acc_state {
    pub block: Box<[u32]>,
    pub buf: Box<[u8]>,
    pub total: u64,
}

fn absorb(block: &mut [u32], data: &[u8], len: u32) {
    for i in 0u32..len {
        block[(i % 4u32) as usize] = block[(i % 4u32) as usize]
            .wrapping_mul(31u32)
            .wrapping_add(data[i as usize] as u32);
    }
}

pub fn acc_malloc() -> Box<[acc_state]> {
    let buf: Box<[u8]> = vec![0u8; 16usize].into_boxed_slice();
    let block: Box<[u32]> = vec![0u32; 4usize].into_boxed_slice();
    let s_total: u64 = 0u64;
    let mut p: Box<[acc_state]> = vec![acc_state::default()].into_boxed_slice();
    let tmp_total: u64 = s_total;
    p[0usize].block = block;
    p[0usize].buf = buf;
    p[0usize].total = tmp_total;
    p[0usize].block[0usize] = 1u32;
    p
}

pub fn acc_update(state: &mut [acc_state], data: &[u8], len: u32) {
    let s_total: u64 = state[0usize].total;
    let total: u64 = s_total;
    absorb(&mut state[0usize].block, data, len);
    state[0usize].buf[..(if len < 16u32 { len } else { 16u32 }) as usize]
        .copy_from_slice(&data[..(if len < 16u32 { len } else { 16u32 }) as usize]);
    let tmp_total: u64 = total.wrapping_add(len as u64);
    state[0usize].total = tmp_total;
}

pub fn acc_digest(state: &[acc_state]) -> u64 {
    let scrut_total: u64 = state[0usize].total;
    let mut r: u64 = scrut_total;
    for i in 0u32..4u32 {
        r = r
            .wrapping_mul(1000003u64)
            .wrapping_add(state[0usize].block[i as usize] as u64);
    }
    r.wrapping_add(state[0usize].buf[0usize] as u64)
}

pub fn acc_free(_state: &[acc_state]) {
}

pub fn c2safe_test(out: &mut [u64]) {
    let out = &mut out[..2usize];
    let mut st: Box<[acc_state]> = acc_malloc();
    let mut msg: [u8; 40] = [0u8; 40];
    for i in 0u32..40u32 {
        msg[i as usize] = i.wrapping_mul(7u32).wrapping_add(3u32) as u8;
    }
    acc_update(&mut st, &msg, 5u32);
    out[0usize] = acc_digest(&st);
    acc_update(&mut st, &msg[5usize..], 35u32);
    out[1usize] = acc_digest(&st);
    acc_free(&st);
}

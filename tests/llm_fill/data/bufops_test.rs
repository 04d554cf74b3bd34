// Known answers for tests/llm_fill/data/bufops.c, computed from the C by hand.
use bufops_crate::*;

#[test]
fn sums_bytes() {
    assert_eq!(sum_bytes(&[1, 2, 3, 250], 4), 256);
}

#[test]
fn checks_headers() {
    let mut st = [stats_t { count: 0, total: 0 }];
    assert_eq!(check_header(&[0x7f, 1, 2, 3, 4], 5, &mut st), 0);
    assert_eq!((st[0].count, st[0].total), (1, 5));
    assert_eq!(check_header(&[0x7f, 1], 2, &mut st), -1);
    assert_eq!(check_header(&[0x10, 1, 2, 3], 4, &mut st), -2);
    assert_eq!((st[0].count, st[0].total), (1, 5));
}

#[test]
fn writes_the_tag() {
    let mut out = [9u8; 6];
    assert_eq!(write_tag(&mut out, 6), 4);
    assert_eq!(&out, b"c2s!\0\0");
    assert_eq!(write_tag(&mut out, 3), 0);
}

#[test]
fn xors_blocks() {
    let mut acc = [0u8; 16];
    let mut data = [0u8; 48];
    for (i, b) in data.iter_mut().enumerate() {
        *b = i as u8;
    }
    xor_blocks(&mut acc, &data, 3);
    let want: Vec<u8> = (0..16u8).map(|i| i ^ (i + 16) ^ (i + 32)).collect();
    assert_eq!(acc.to_vec(), want);
}

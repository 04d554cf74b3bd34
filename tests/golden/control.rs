//! Translated by c2safe from `control.c`.

fn classify(a: u8) -> u32 {
    match a as i32 {
        0 | 1 => {
            return 10u32;
        }
        2 => {
            return 20u32;
        }
        7 => {
            if a as u32 > 3u32 {
                return 70u32;
            }
        }
        _ => {
            return 99u32;
        }
    }
    5u32
}

fn sum_skip(n: u32) -> u32 {
    let mut s: u32 = 0u32;
    for i in 0u32..n {
        if i.is_multiple_of(3u32) {
            continue;
        }
        if i > 50u32 {
            break;
        }
        s = s.wrapping_add(i);
    }
    s
}

fn collatz(x: u64) -> u32 {
    let mut x = x;
    let mut steps: u32 = 0u32;
    loop {
        if x == 1u64 {
            break;
        }
        x = if x.is_multiple_of(2u64) {
            x / 2u64
        } else {
            3u64.wrapping_mul(x).wrapping_add(1u64)
        };
        steps = steps.wrapping_add(1);
    }
    steps
}

fn dowhile(n: u32) -> u32 {
    let mut i: u32 = 0u32;
    let mut acc: u32 = 0u32;
    loop {
        'c2: {
            i = i.wrapping_add(1);
            if i == 4u32 {
                break 'c2;
            }
            acc = acc.wrapping_mul(3u32).wrapping_add(i);
        }
        if i >= n {
            break;
        }
    }
    acc
}

fn stepped() -> u32 {
    let mut s: u32 = 0u32;
    for i in (1u32..40u32).step_by(7) {
        s ^= i.wrapping_mul(i);
    }
    let mut j: u32 = 10u32;
    loop {
        if j <= 0u32 {
            break;
        }
        s = s.wrapping_add(j);
        j = j.wrapping_sub(1);
    }
    s
}

pub fn c2safe_test(out: &mut [u64]) {
    let out = &mut out[..13usize];
    for i in 0u32..9u32 {
        out[i as usize] = classify(i as u8) as u64;
    }
    out[9usize] = sum_skip(100u32) as u64;
    out[10usize] = collatz(27u64) as u64;
    out[11usize] = dowhile(10u32) as u64;
    out[12usize] = stepped() as u64;
}

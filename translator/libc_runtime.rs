//! c2safe libc: the C library calls of translated programs, in safe std-only Rust.
//!
//! Copied into generated crates as `src/c2safe_libc.rs`. C strings are slices that
//! end at their first NUL (or at the end of the slice); `char` may be `u8` or `i8`
//! (the [`CByte`] trait). A C pointer result that points into an argument is the
//! offset into that argument (`Option<usize>`, `None` for NULL). Every observable
//! result matches glibc on x86-64: `printf` formatting byte for byte, the `is*`
//! return values, `rand`'s TYPE_3 additive-feedback sequence, `strtol`'s end offsets.
//! Streams are handles (`FileRef`) into a per-thread table; stdout is buffered and
//! flushed by `exit`, `fflush` and [`flush_all`].

#![allow(dead_code)]
#![allow(clippy::all)]

use std::cell::{Cell, RefCell};
use std::io::{Read, Seek, SeekFrom, Write};

// ------------------------------------------------------------------ bytes

/// A C `char`: `u8` or `i8`.
pub trait CByte: Copy {
    fn to_u8(self) -> u8;
    fn from_u8(b: u8) -> Self;
}
impl CByte for u8 {
    #[inline]
    fn to_u8(self) -> u8 {
        self
    }
    #[inline]
    fn from_u8(b: u8) -> Self {
        b
    }
}
impl CByte for i8 {
    #[inline]
    fn to_u8(self) -> u8 {
        self as u8
    }
    #[inline]
    fn from_u8(b: u8) -> Self {
        b as i8
    }
}

/// The bytes of a C string (up to its NUL or the end of the slice).
pub fn cstr<B: CByte>(s: &[B]) -> Vec<u8> {
    s.iter()
        .map(|b| b.to_u8())
        .take_while(|&b| b != 0)
        .collect()
}

// ------------------------------------------------------------------ errno

thread_local! {
    static ERRNO: Cell<i32> = Cell::new(0);
}

pub fn errno() -> i32 {
    ERRNO.with(|e| e.get())
}

pub fn set_errno(v: i32) {
    ERRNO.with(|e| e.set(v));
}

pub const EDOM: i32 = 33;
pub const ERANGE: i32 = 34;
pub const EINVAL: i32 = 22;
pub const ENOENT: i32 = 2;
pub const EBADF: i32 = 9;

// ------------------------------------------------------------------ string.h

pub fn strlen<B: CByte>(s: &[B]) -> usize {
    s.iter().position(|b| b.to_u8() == 0).unwrap_or(s.len())
}

pub fn strnlen<B: CByte>(s: &[B], n: usize) -> usize {
    strlen(&s[..n.min(s.len())])
}

pub fn strcmp<B: CByte, C: CByte>(a: &[B], b: &[C]) -> i32 {
    strncmp(a, b, usize::MAX)
}

pub fn strncmp<B: CByte, C: CByte>(a: &[B], b: &[C], n: usize) -> i32 {
    let mut i = 0;
    while i < n {
        let x = a.get(i).map_or(0, |c| c.to_u8());
        let y = b.get(i).map_or(0, |c| c.to_u8());
        if x != y {
            return x as i32 - y as i32;
        }
        if x == 0 {
            return 0;
        }
        i += 1;
    }
    0
}

fn lower(c: u8) -> u8 {
    c.to_ascii_lowercase()
}

pub fn strcasecmp<B: CByte, C: CByte>(a: &[B], b: &[C]) -> i32 {
    strncasecmp(a, b, usize::MAX)
}

pub fn strncasecmp<B: CByte, C: CByte>(a: &[B], b: &[C], n: usize) -> i32 {
    let mut i = 0;
    while i < n {
        let x = lower(a.get(i).map_or(0, |c| c.to_u8()));
        let y = lower(b.get(i).map_or(0, |c| c.to_u8()));
        if x != y {
            return x as i32 - y as i32;
        }
        if x == 0 {
            return 0;
        }
        i += 1;
    }
    0
}

/// `strcpy(dst, src)`: copies the string and its NUL (panics if `dst` is too short).
pub fn strcpy<B: CByte, C: CByte>(dst: &mut [B], src: &[C]) {
    let n = strlen(src);
    for i in 0..n {
        dst[i] = B::from_u8(src[i].to_u8());
    }
    dst[n] = B::from_u8(0);
}

/// `strncpy(dst, src, n)`: copies at most `n` bytes and pads with NULs up to `n`.
pub fn strncpy<B: CByte, C: CByte>(dst: &mut [B], src: &[C], n: usize) {
    let len = strnlen(src, n);
    for i in 0..n {
        dst[i] = B::from_u8(if i < len { src[i].to_u8() } else { 0 });
    }
}

pub fn strcat<B: CByte, C: CByte>(dst: &mut [B], src: &[C]) {
    let start = strlen(dst);
    strcpy(&mut dst[start..], src);
}

pub fn strncat<B: CByte, C: CByte>(dst: &mut [B], src: &[C], n: usize) {
    let start = strlen(dst);
    let len = strnlen(src, n);
    for i in 0..len {
        dst[start + i] = B::from_u8(src[i].to_u8());
    }
    dst[start + len] = B::from_u8(0);
}

/// `strchr`: the offset of the first `c` (the NUL itself when `c == 0`), or `None`.
pub fn strchr<B: CByte>(s: &[B], c: i32) -> Option<usize> {
    let c = c as u8;
    let n = strlen(s);
    if c == 0 {
        return if n < s.len() { Some(n) } else { None };
    }
    s[..n].iter().position(|b| b.to_u8() == c)
}

pub fn strrchr<B: CByte>(s: &[B], c: i32) -> Option<usize> {
    let c = c as u8;
    let n = strlen(s);
    if c == 0 {
        return if n < s.len() { Some(n) } else { None };
    }
    s[..n].iter().rposition(|b| b.to_u8() == c)
}

pub fn strstr<B: CByte, C: CByte>(h: &[B], n: &[C]) -> Option<usize> {
    let h = cstr(h);
    let n = cstr(n);
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w == &n[..])
}

pub fn strspn<B: CByte, C: CByte>(s: &[B], accept: &[C]) -> usize {
    let a = cstr(accept);
    cstr(s).iter().take_while(|c| a.contains(c)).count()
}

pub fn strcspn<B: CByte, C: CByte>(s: &[B], reject: &[C]) -> usize {
    let r = cstr(reject);
    cstr(s).iter().take_while(|c| !r.contains(c)).count()
}

pub fn strpbrk<B: CByte, C: CByte>(s: &[B], accept: &[C]) -> Option<usize> {
    let a = cstr(accept);
    cstr(s).iter().position(|c| a.contains(c))
}

pub fn memchr<B: CByte>(s: &[B], c: i32, n: usize) -> Option<usize> {
    s[..n].iter().position(|b| b.to_u8() == c as u8)
}

pub fn memcmp<B: CByte, C: CByte>(a: &[B], b: &[C], n: usize) -> i32 {
    for i in 0..n {
        let (x, y) = (a[i].to_u8(), b[i].to_u8());
        if x != y {
            return x as i32 - y as i32;
        }
    }
    0
}

pub fn memset<B: CByte>(dst: &mut [B], c: i32, n: usize) {
    for b in dst[..n].iter_mut() {
        *b = B::from_u8(c as u8);
    }
}

pub fn strdup<B: CByte>(s: &[B]) -> Box<[B]> {
    let n = strlen(s);
    let mut v: Vec<B> = s[..n].to_vec();
    v.push(B::from_u8(0));
    v.into_boxed_slice()
}

const ERRSTR: &[(i32, &str)] = &[
    (0, "Success"),
    (1, "Operation not permitted"),
    (2, "No such file or directory"),
    (9, "Bad file descriptor"),
    (12, "Cannot allocate memory"),
    (13, "Permission denied"),
    (17, "File exists"),
    (21, "Is a directory"),
    (22, "Invalid argument"),
    (33, "Numerical argument out of domain"),
    (34, "Numerical result out of range"),
];

/// `strerror(e)` as glibc spells it (NUL-terminated).
pub fn strerror(e: i32) -> Vec<u8> {
    let mut v = match ERRSTR.iter().find(|(n, _)| *n == e) {
        Some((_, s)) => s.as_bytes().to_vec(),
        None => format!("Unknown error {e}").into_bytes(),
    };
    v.push(0);
    v
}

// ------------------------------------------------------------------ ctype.h (glibc "C" locale)

const UPPER: i32 = 256;
const LOWER: i32 = 512;
const ALPHA: i32 = 1024;
const DIGIT: i32 = 2048;
const XDIGIT: i32 = 4096;
const SPACE: i32 = 8192;
const PRINT: i32 = 16384;
const GRAPH: i32 = 32768;
const BLANK: i32 = 1;
const CNTRL: i32 = 2;
const PUNCT: i32 = 4;
const ALNUM: i32 = 8;

fn ctype_bits(c: i32) -> i32 {
    if !(0..128).contains(&c) {
        return 0;
    }
    let b = c as u8;
    let mut m = 0;
    if b.is_ascii_uppercase() {
        m |= UPPER | ALPHA | ALNUM;
    }
    if b.is_ascii_lowercase() {
        m |= LOWER | ALPHA | ALNUM;
    }
    if b.is_ascii_digit() {
        m |= DIGIT | ALNUM;
    }
    if b.is_ascii_hexdigit() {
        m |= XDIGIT;
    }
    if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
        m |= SPACE;
    }
    if (0x20..0x7f).contains(&b) {
        m |= PRINT;
    }
    if (0x21..0x7f).contains(&b) {
        m |= GRAPH;
    }
    if b == b' ' || b == b'\t' {
        m |= BLANK;
    }
    if b < 0x20 || b == 0x7f {
        m |= CNTRL;
    }
    if b.is_ascii_punctuation() {
        m |= PUNCT;
    }
    m
}

pub fn isalnum(c: i32) -> i32 {
    ctype_bits(c) & ALNUM
}
pub fn isalpha(c: i32) -> i32 {
    ctype_bits(c) & ALPHA
}
pub fn isblank(c: i32) -> i32 {
    ctype_bits(c) & BLANK
}
pub fn iscntrl(c: i32) -> i32 {
    ctype_bits(c) & CNTRL
}
pub fn isdigit(c: i32) -> i32 {
    ctype_bits(c) & DIGIT
}
pub fn isgraph(c: i32) -> i32 {
    ctype_bits(c) & GRAPH
}
pub fn islower(c: i32) -> i32 {
    ctype_bits(c) & LOWER
}
pub fn isprint(c: i32) -> i32 {
    ctype_bits(c) & PRINT
}
pub fn ispunct(c: i32) -> i32 {
    ctype_bits(c) & PUNCT
}
pub fn isspace(c: i32) -> i32 {
    ctype_bits(c) & SPACE
}
pub fn isupper(c: i32) -> i32 {
    ctype_bits(c) & UPPER
}
pub fn isxdigit(c: i32) -> i32 {
    ctype_bits(c) & XDIGIT
}
pub fn isascii(c: i32) -> i32 {
    ((c & !0x7f) == 0) as i32
}
pub fn tolower(c: i32) -> i32 {
    if (65..=90).contains(&c) {
        c + 32
    } else {
        c
    }
}
pub fn toupper(c: i32) -> i32 {
    if (97..=122).contains(&c) {
        c - 32
    } else {
        c
    }
}

// ------------------------------------------------------------------ stdlib.h

pub fn abs(x: i32) -> i32 {
    x.wrapping_abs()
}
pub fn labs(x: i64) -> i64 {
    x.wrapping_abs()
}
pub fn llabs(x: i64) -> i64 {
    x.wrapping_abs()
}

fn skip_space(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && ctype_bits(s[i] as i32) & SPACE != 0 {
        i += 1;
    }
    i
}

/// The digits of `strtol`/`strtoul`: (negative, magnitude saturated at u64::MAX plus an
/// overflow flag, end offset). The end is 0 when no digits were read.
fn parse_integer(s: &[u8], base: i32) -> (bool, u64, bool, usize) {
    let mut i = skip_space(s, 0);
    let mut neg = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let mut base = base as u32;
    let digit = |c: u8| -> Option<u32> { (c as char).to_digit(36) };
    if (base == 0 || base == 16)
        && i + 1 < s.len()
        && s[i] == b'0'
        && (s[i + 1] | 0x20) == b'x'
        && i + 2 < s.len()
        && digit(s[i + 2]).map_or(false, |d| d < 16)
    {
        i += 2;
        base = 16;
    } else if base == 0 {
        base = if i < s.len() && s[i] == b'0' { 8 } else { 10 };
    }
    if !(2..=36).contains(&base) {
        set_errno(EINVAL);
        return (false, 0, false, 0);
    }
    let start = i;
    let mut v: u64 = 0;
    let mut overflow = false;
    while i < s.len() {
        match digit(s[i]) {
            Some(d) if d < base => {
                match v
                    .checked_mul(base as u64)
                    .and_then(|x| x.checked_add(d as u64))
                {
                    Some(x) => v = x,
                    None => overflow = true,
                }
                i += 1;
            }
            _ => break,
        }
    }
    if i == start {
        return (false, 0, false, 0);
    }
    (neg, v, overflow, i)
}

/// `strtol(s, &end, base)` as (value, end offset); `long` is 64 bits.
pub fn strtol<B: CByte>(s: &[B], base: i32) -> (i64, usize) {
    let b = cstr(s);
    let (neg, v, overflow, end) = parse_integer(&b, base);
    let lim = if neg { 1u64 << 63 } else { i64::MAX as u64 };
    if overflow || v > lim {
        set_errno(ERANGE);
        return (if neg { i64::MIN } else { i64::MAX }, end);
    }
    (
        if neg {
            (v as i64).wrapping_neg()
        } else {
            v as i64
        },
        end,
    )
}

pub fn strtoll<B: CByte>(s: &[B], base: i32) -> (i64, usize) {
    strtol(s, base)
}

/// `strtoul(s, &end, base)`: a leading `-` negates in unsigned arithmetic, as in C.
pub fn strtoul<B: CByte>(s: &[B], base: i32) -> (u64, usize) {
    let b = cstr(s);
    let (neg, v, overflow, end) = parse_integer(&b, base);
    if overflow {
        set_errno(ERANGE);
        return (u64::MAX, end);
    }
    (if neg { v.wrapping_neg() } else { v }, end)
}

pub fn strtoull<B: CByte>(s: &[B], base: i32) -> (u64, usize) {
    strtoul(s, base)
}

pub fn atoi<B: CByte>(s: &[B]) -> i32 {
    strtol(s, 10).0 as i32
}
pub fn atol<B: CByte>(s: &[B]) -> i64 {
    strtol(s, 10).0
}
pub fn atoll<B: CByte>(s: &[B]) -> i64 {
    strtol(s, 10).0
}

/// `strtod(s, &end)` for decimal, `inf`/`infinity`/`nan` and hexadecimal input.
pub fn strtod<B: CByte>(s: &[B]) -> (f64, usize) {
    let b = cstr(s);
    let mut i = skip_space(&b, 0);
    let start = i;
    let mut neg = false;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        neg = b[i] == b'-';
        i += 1;
    }
    let rest = &b[i..];
    let lower: Vec<u8> = rest
        .iter()
        .take(8)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let sign = if neg { -1.0 } else { 1.0 };
    if lower.starts_with(b"infinity") {
        return (sign * f64::INFINITY, i + 8);
    }
    if lower.starts_with(b"inf") {
        return (sign * f64::INFINITY, i + 3);
    }
    if lower.starts_with(b"nan") {
        return (sign * f64::NAN, i + 3);
    }
    if rest.len() > 2 && rest[0] == b'0' && (rest[1] | 0x20) == b'x' {
        let mut j = 2;
        let mut mant: u64 = 0;
        let mut exp: i64 = 0;
        let mut any = false;
        let mut dot = false;
        while j < rest.len() {
            let c = rest[j];
            if c == b'.' && !dot {
                dot = true;
            } else if let Some(d) = (c as char).to_digit(16) {
                any = true;
                if mant >> 60 == 0 {
                    mant = mant * 16 + d as u64;
                    if dot {
                        exp -= 4;
                    }
                } else if !dot {
                    exp += 4;
                }
            } else {
                break;
            }
            j += 1;
        }
        if any {
            if j < rest.len() && (rest[j] | 0x20) == b'p' {
                let (e, used) = parse_exp(&rest[j + 1..]);
                if used > 0 {
                    exp += e;
                    j += 1 + used;
                }
            }
            let v = (mant as f64) * (2f64).powi(exp.clamp(-2000, 2000) as i32);
            return (sign * v, i + j);
        }
        return (sign * 0.0, i + 1);
    }
    let mut j = 0;
    let mut digits = 0;
    while j < rest.len() && rest[j].is_ascii_digit() {
        j += 1;
        digits += 1;
    }
    if j < rest.len() && rest[j] == b'.' {
        j += 1;
        while j < rest.len() && rest[j].is_ascii_digit() {
            j += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return (0.0, 0);
    }
    if j < rest.len() && (rest[j] | 0x20) == b'e' {
        let (_, used) = parse_exp(&rest[j + 1..]);
        if used > 0 {
            j += 1 + used;
        }
    }
    let text = std::str::from_utf8(&b[start..i + j]).unwrap_or("0");
    let text = text.trim_start_matches('+');
    let v: f64 = text.parse().unwrap_or(0.0);
    if v.is_infinite() {
        set_errno(ERANGE);
    }
    (v, i + j)
}

fn parse_exp(s: &[u8]) -> (i64, usize) {
    let mut i = 0;
    let mut neg = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let start = i;
    let mut v: i64 = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        v = (v * 10 + (s[i] - b'0') as i64).min(100_000);
        i += 1;
    }
    if i == start {
        return (0, 0);
    }
    (if neg { -v } else { v }, i)
}

pub fn atof<B: CByte>(s: &[B]) -> f64 {
    strtod(s).0
}

// glibc's random(): TYPE_3, an additive feedback generator x[i] = x[i-3] + x[i-31]
struct Rand {
    state: [i32; 31],
    f: usize,
    r: usize,
}

impl Rand {
    fn seeded(seed: u32) -> Rand {
        let seed = if seed == 0 { 1 } else { seed };
        let mut state = [0i32; 31];
        state[0] = seed as i32;
        let mut word = seed as i32 as i64;
        for i in 1..31 {
            let hi = word / 127773;
            let lo = word % 127773;
            word = 16807 * lo - 2836 * hi;
            if word < 0 {
                word += 2147483647;
            }
            state[i] = word as i32;
        }
        let mut g = Rand { state, f: 3, r: 0 };
        for _ in 0..310 {
            g.next();
        }
        g
    }

    fn next(&mut self) -> i32 {
        let v = (self.state[self.f] as u32).wrapping_add(self.state[self.r] as u32);
        self.state[self.f] = v as i32;
        self.f = (self.f + 1) % 31;
        self.r = (self.r + 1) % 31;
        (v >> 1) as i32
    }
}

thread_local! {
    static RAND: RefCell<Option<Rand>> = RefCell::new(None);
}

pub const RAND_MAX: i32 = 2147483647;

pub fn srand(seed: u32) {
    RAND.with(|r| *r.borrow_mut() = Some(Rand::seeded(seed)));
}

pub fn rand() -> i32 {
    RAND.with(|r| r.borrow_mut().get_or_insert_with(|| Rand::seeded(1)).next())
}

pub fn srandom(seed: u32) {
    srand(seed)
}
pub fn random() -> i64 {
    rand() as i64
}

/// `qsort` over a typed slice with the C comparator (a stable merge sort, as glibc's
/// `qsort` uses for arrays that fit its buffer).
pub fn qsort<T: Clone>(base: &mut [T], n: usize, cmp: impl Fn(&T, &T) -> i32) {
    base[..n].sort_by(|a, b| cmp(a, b).cmp(&0));
}

/// `bsearch`: the index of an element equal to `key`, or `None`.
pub fn bsearch<K, T>(key: &K, base: &[T], n: usize, cmp: impl Fn(&K, &T) -> i32) -> Option<usize> {
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let c = cmp(key, &base[mid]);
        if c < 0 {
            hi = mid;
        } else if c > 0 {
            lo = mid + 1;
        } else {
            return Some(mid);
        }
    }
    None
}

/// C `exit(status)` from a program: flush the C streams, then end the process.
pub fn exit(status: i32) -> ! {
    flush_all();
    std::process::exit(status)
}

/// C `abort()`: flushes nothing (as glibc), exit status 134 as for SIGABRT.
pub fn abort() -> ! {
    std::process::exit(134)
}

/// `assert(e)` failure, with glibc's message on stderr.
pub fn assert_fail(expr: &str, file: &str, line: u32, func: &str) -> ! {
    flush_all();
    let prog = std::env::args().next().unwrap_or_default();
    eprintln!("{prog}: {file}:{line}: {func}: Assertion `{expr}' failed.");
    abort()
}

pub fn getenv<B: CByte>(name: &[B]) -> Option<Vec<u8>> {
    let n = String::from_utf8_lossy(&cstr(name)).into_owned();
    std::env::var_os(n).map(|v| {
        let mut b = v.to_string_lossy().into_owned().into_bytes();
        b.push(0);
        b
    })
}

// ------------------------------------------------------------------ math.h

pub fn sqrt(x: f64) -> f64 {
    x.sqrt()
}
pub fn cbrt(x: f64) -> f64 {
    x.cbrt()
}
pub fn fabs(x: f64) -> f64 {
    x.abs()
}
pub fn floor(x: f64) -> f64 {
    x.floor()
}
pub fn ceil(x: f64) -> f64 {
    x.ceil()
}
pub fn round(x: f64) -> f64 {
    x.round()
}
pub fn trunc(x: f64) -> f64 {
    x.trunc()
}
pub fn rint(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}
pub fn nearbyint(x: f64) -> f64 {
    rint(x)
}
pub fn exp(x: f64) -> f64 {
    x.exp()
}
pub fn exp2(x: f64) -> f64 {
    x.exp2()
}
pub fn expm1(x: f64) -> f64 {
    x.exp_m1()
}
pub fn log(x: f64) -> f64 {
    x.ln()
}
pub fn log2(x: f64) -> f64 {
    x.log2()
}
pub fn log10(x: f64) -> f64 {
    x.log10()
}
pub fn log1p(x: f64) -> f64 {
    x.ln_1p()
}
pub fn sin(x: f64) -> f64 {
    x.sin()
}
pub fn cos(x: f64) -> f64 {
    x.cos()
}
pub fn tan(x: f64) -> f64 {
    x.tan()
}
pub fn asin(x: f64) -> f64 {
    x.asin()
}
pub fn acos(x: f64) -> f64 {
    x.acos()
}
pub fn atan(x: f64) -> f64 {
    x.atan()
}
pub fn atan2(y: f64, x: f64) -> f64 {
    y.atan2(x)
}
pub fn sinh(x: f64) -> f64 {
    x.sinh()
}
pub fn cosh(x: f64) -> f64 {
    x.cosh()
}
pub fn tanh(x: f64) -> f64 {
    x.tanh()
}
pub fn pow(x: f64, y: f64) -> f64 {
    x.powf(y)
}
pub fn hypot(x: f64, y: f64) -> f64 {
    x.hypot(y)
}
pub fn fmod(x: f64, y: f64) -> f64 {
    x % y
}
pub fn fmin(x: f64, y: f64) -> f64 {
    x.min(y)
}
pub fn fmax(x: f64, y: f64) -> f64 {
    x.max(y)
}
pub fn copysign(x: f64, y: f64) -> f64 {
    x.copysign(y)
}
pub fn fma(x: f64, y: f64, z: f64) -> f64 {
    x.mul_add(y, z)
}
pub fn ldexp(x: f64, e: i32) -> f64 {
    let mut v = x;
    let mut e = e;
    while e > 1000 {
        v *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        v *= 2f64.powi(-1000);
        e += 1000;
    }
    v * 2f64.powi(e)
}
/// `frexp(x, &e)` as (mantissa in [0.5, 1), exponent).
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}
/// `modf(x, &ip)` as (fractional part, integral part).
pub fn modf(x: f64) -> (f64, f64) {
    let ip = x.trunc();
    let frac = if x.is_infinite() {
        0.0f64.copysign(x)
    } else {
        (x - ip).copysign(x)
    };
    (frac, ip)
}
pub fn isnan(x: f64) -> i32 {
    x.is_nan() as i32
}
pub fn isinf(x: f64) -> i32 {
    if x.is_infinite() {
        if x > 0.0 {
            1
        } else {
            -1
        }
    } else {
        0
    }
}
pub fn isfinite(x: f64) -> i32 {
    x.is_finite() as i32
}

// ------------------------------------------------------------------ printf

/// One variadic argument of a `printf`-family call, as the caller passed it.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    /// any signed integer argument (after C's default promotions)
    Int(i64),
    /// any unsigned integer argument
    Uint(u64),
    Float(f64),
    /// a `char *` string (up to its NUL)
    Str(&'a [u8]),
    /// a `signed char *` string
    StrI(&'a [i8]),
    /// a pointer's address (`%p`); 0 prints `(nil)`
    Ptr(usize),
}

impl<'a> Arg<'a> {
    fn as_u64(&self) -> u64 {
        match *self {
            Arg::Int(v) => v as u64,
            Arg::Uint(v) => v,
            Arg::Float(f) => f as i64 as u64,
            Arg::Ptr(p) => p as u64,
            Arg::Str(_) | Arg::StrI(_) => 0,
        }
    }
    fn as_f64(&self) -> f64 {
        match *self {
            Arg::Float(f) => f,
            Arg::Int(v) => v as f64,
            Arg::Uint(v) => v as f64,
            _ => 0.0,
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Spec {
    minus: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    prec: Option<usize>,
}

fn pad(out: &mut Vec<u8>, body: &[u8], sp: &Spec, zero_after: usize) {
    let len = body.len();
    if len >= sp.width {
        out.extend_from_slice(body);
    } else if sp.minus {
        out.extend_from_slice(body);
        out.resize(out.len() + sp.width - len, b' ');
    } else if sp.zero {
        out.extend_from_slice(&body[..zero_after]);
        out.resize(out.len() + sp.width - len, b'0');
        out.extend_from_slice(&body[zero_after..]);
    } else {
        out.resize(out.len() + sp.width - len, b' ');
        out.extend_from_slice(body);
    }
}

fn truncate_signed(v: u64, len: &str) -> i64 {
    match len {
        "hh" => v as i8 as i64,
        "h" => v as i16 as i64,
        "l" | "ll" | "j" | "z" | "t" | "q" | "L" => v as i64,
        _ => v as i32 as i64,
    }
}

fn truncate_unsigned(v: u64, len: &str) -> u64 {
    match len {
        "hh" => v as u8 as u64,
        "h" => v as u16 as u64,
        "l" | "ll" | "j" | "z" | "t" | "q" | "L" => v,
        _ => v as u32 as u64,
    }
}

fn format_int(out: &mut Vec<u8>, sp: &Spec, conv: u8, arg: &Arg, len: &str) {
    let mut sp = *sp;
    let (neg, mag) = if conv == b'd' || conv == b'i' {
        let v = truncate_signed(arg.as_u64(), len);
        (v < 0, v.unsigned_abs())
    } else {
        (false, truncate_unsigned(arg.as_u64(), len))
    };
    let mut digits: Vec<u8> = match conv {
        b'o' => format!("{mag:o}").into_bytes(),
        b'x' => format!("{mag:x}").into_bytes(),
        b'X' => format!("{mag:X}").into_bytes(),
        _ => format!("{mag}").into_bytes(),
    };
    if let Some(p) = sp.prec {
        sp.zero = false;
        if p == 0 && mag == 0 {
            digits.clear();
        }
        if digits.len() < p {
            let mut d = vec![b'0'; p - digits.len()];
            d.extend_from_slice(&digits);
            digits = d;
        }
    }
    let mut prefix: Vec<u8> = Vec::new();
    if conv == b'd' || conv == b'i' {
        if neg {
            prefix.push(b'-');
        } else if sp.plus {
            prefix.push(b'+');
        } else if sp.space {
            prefix.push(b' ');
        }
    }
    if sp.alt {
        if conv == b'o' && digits.first() != Some(&b'0') {
            digits.insert(0, b'0');
        }
        if (conv == b'x' || conv == b'X') && mag != 0 {
            prefix.extend_from_slice(if conv == b'x' { b"0x" } else { b"0X" });
        }
    }
    let n = prefix.len();
    prefix.extend_from_slice(&digits);
    pad(out, &prefix, &sp, n);
}

/// `d.ddde±XX` for `value` with `prec` digits after the point (correctly rounded).
fn exp_form(value: f64, prec: usize, upper: bool) -> (Vec<u8>, i32) {
    let s = format!("{:.*e}", prec, value);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let mut out = mant.as_bytes().to_vec();
    out.push(if upper { b'E' } else { b'e' });
    out.push(if e < 0 { b'-' } else { b'+' });
    let a = e.unsigned_abs();
    if a < 10 {
        out.push(b'0');
    }
    out.extend_from_slice(a.to_string().as_bytes());
    (out, e)
}

fn strip_zeros(body: &mut Vec<u8>) {
    // remove trailing zeros of the fraction (and the point) before any exponent
    let epos = body
        .iter()
        .position(|&c| c == b'e' || c == b'E')
        .unwrap_or(body.len());
    let (mant, exp) = body.split_at(epos);
    if !mant.contains(&b'.') {
        return;
    }
    let mut m = mant.to_vec();
    while m.last() == Some(&b'0') {
        m.pop();
    }
    if m.last() == Some(&b'.') {
        m.pop();
    }
    m.extend_from_slice(exp);
    *body = m;
}

fn hex_float(v: f64, prec: Option<usize>, upper: bool, alt: bool) -> Vec<u8> {
    let bits = v.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i32;
    let mut mant = bits & ((1u64 << 52) - 1);
    let (mut lead, mut exp) = if raw_exp == 0 {
        if mant == 0 {
            (0u64, 0)
        } else {
            (0u64, -1022)
        }
    } else {
        (1u64, raw_exp - 1023)
    };
    let mut ndig = 13usize;
    if let Some(p) = prec {
        if p < 13 {
            let drop = (13 - p) * 4;
            let full = (lead << 52) | mant;
            let rem = full & ((1u64 << drop) - 1);
            let half = 1u64 << (drop - 1);
            let mut kept = full >> drop;
            if rem > half || (rem == half && kept & 1 == 1) {
                kept += 1;
            }
            let lead_new = kept >> (52 - drop);
            mant = (kept & ((1u64 << (52 - drop)) - 1)) << drop;
            if lead_new > lead && lead == 1 {
                // 0x1.fff... rounded up to 0x2.000...: glibc prints 0x2.00p+e
                lead = 2;
            } else {
                lead = lead_new;
            }
            ndig = p;
        } else {
            ndig = p;
        }
    }
    let mut frac = format!("{:013x}", mant).into_bytes();
    if prec.is_none() {
        while frac.last() == Some(&b'0') {
            frac.pop();
        }
    } else {
        frac.truncate(ndig.min(13));
        while frac.len() < ndig {
            frac.push(b'0');
        }
    }
    if bits & !(1u64 << 63) == 0 {
        exp = 0;
    }
    let mut s = format!("0x{lead}").into_bytes();
    if !frac.is_empty() || alt {
        s.push(b'.');
    }
    s.extend_from_slice(&frac);
    s.extend_from_slice(format!("p{}{}", if exp < 0 { '-' } else { '+' }, exp.abs()).as_bytes());
    if upper {
        s = s.to_ascii_uppercase();
    }
    s
}

fn format_float(out: &mut Vec<u8>, sp: &Spec, conv: u8, v: f64) {
    let upper = conv.is_ascii_uppercase();
    let neg = v.is_sign_negative();
    let a = v.abs();
    let mut sign: Vec<u8> = Vec::new();
    if neg {
        sign.push(b'-');
    } else if sp.plus {
        sign.push(b'+');
    } else if sp.space {
        sign.push(b' ');
    }
    if !v.is_finite() {
        let word: &[u8] = match (v.is_nan(), upper) {
            (true, false) => b"nan",
            (true, true) => b"NAN",
            (false, false) => b"inf",
            (false, true) => b"INF",
        };
        let mut body = sign.clone();
        body.extend_from_slice(word);
        let sp2 = Spec { zero: false, ..*sp };
        pad(out, &body, &sp2, 0);
        return;
    }
    let mut body: Vec<u8> = match conv | 0x20 {
        b'f' => {
            let p = sp.prec.unwrap_or(6);
            let mut b = format!("{:.*}", p, a).into_bytes();
            if p == 0 && sp.alt {
                b.push(b'.');
            }
            b
        }
        b'e' => {
            let p = sp.prec.unwrap_or(6);
            let (mut b, _) = exp_form(a, p, upper);
            if p == 0 && sp.alt {
                let e = b
                    .iter()
                    .position(|&c| c == b'e' || c == b'E')
                    .unwrap_or(b.len());
                b.insert(e, b'.');
            }
            b
        }
        b'g' => {
            let p = match sp.prec {
                None => 6,
                Some(0) => 1,
                Some(p) => p,
            };
            let (_, x) = exp_form(a, p - 1, upper);
            let mut b = if (x as i64) < p as i64 && x >= -4 {
                format!("{:.*}", (p as i64 - 1 - x as i64) as usize, a).into_bytes()
            } else {
                exp_form(a, p - 1, upper).0
            };
            if sp.alt {
                if !b.contains(&b'.') {
                    let e = b
                        .iter()
                        .position(|&c| c == b'e' || c == b'E')
                        .unwrap_or(b.len());
                    b.insert(e, b'.');
                }
            } else {
                strip_zeros(&mut b);
            }
            b
        }
        _ => hex_float(a, sp.prec, upper, sp.alt),
    };
    let n = sign.len() + if conv | 0x20 == b'a' { 2 } else { 0 };
    sign.append(&mut body);
    pad(out, &sign, sp, n);
}

/// Interpret a C format string over `args`, as glibc's `printf` does (`%n` writes
/// nothing; a missing argument reads as 0).
pub fn format<B: CByte>(fmt: &[B], args: &[Arg]) -> Vec<u8> {
    let f = cstr(fmt);
    let mut out = Vec::with_capacity(f.len() + 16);
    let mut next = 0usize;
    let mut take = |next: &mut usize| -> Arg {
        let a = args.get(*next).copied().unwrap_or(Arg::Int(0));
        *next += 1;
        a
    };
    let mut i = 0;
    while i < f.len() {
        let c = f[i];
        if c != b'%' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let mut sp = Spec::default();
        while i < f.len() {
            match f[i] {
                b'-' => sp.minus = true,
                b'+' => sp.plus = true,
                b' ' => sp.space = true,
                b'#' => sp.alt = true,
                b'0' => sp.zero = true,
                b'\'' => {}
                _ => break,
            }
            i += 1;
        }
        if i < f.len() && f[i] == b'*' {
            let w = truncate_signed(take(&mut next).as_u64(), "");
            if w < 0 {
                sp.minus = true;
            }
            sp.width = w.unsigned_abs() as usize;
            i += 1;
        } else {
            while i < f.len() && f[i].is_ascii_digit() {
                sp.width = sp.width * 10 + (f[i] - b'0') as usize;
                i += 1;
            }
        }
        if i < f.len() && f[i] == b'.' {
            i += 1;
            if i < f.len() && f[i] == b'*' {
                let p = truncate_signed(take(&mut next).as_u64(), "");
                sp.prec = if p < 0 { None } else { Some(p as usize) };
                i += 1;
            } else {
                let mut p = 0usize;
                while i < f.len() && f[i].is_ascii_digit() {
                    p = p * 10 + (f[i] - b'0') as usize;
                    i += 1;
                }
                sp.prec = Some(p);
            }
        }
        let lstart = i;
        while i < f.len() && matches!(f[i], b'h' | b'l' | b'L' | b'q' | b'j' | b'z' | b't') {
            i += 1;
        }
        let len = std::str::from_utf8(&f[lstart..i]).unwrap_or("");
        if i >= f.len() {
            out.extend_from_slice(&f[start..]);
            break;
        }
        let conv = f[i];
        i += 1;
        if sp.minus {
            sp.zero = false;
        }
        match conv {
            b'%' => out.push(b'%'),
            b'd' | b'i' | b'u' | b'o' | b'x' | b'X' => {
                let a = take(&mut next);
                format_int(&mut out, &sp, conv, &a, len)
            }
            b'c' => {
                let a = take(&mut next);
                let sp2 = Spec { zero: false, ..sp };
                pad(&mut out, &[a.as_u64() as u8], &sp2, 0)
            }
            b's' => {
                let a = take(&mut next);
                let mut s = match a {
                    Arg::Str(s) => cstr(s),
                    Arg::StrI(s) => cstr(s),
                    _ => b"(null)".to_vec(),
                };
                if let Some(p) = sp.prec {
                    s.truncate(p);
                }
                let sp2 = Spec { zero: false, ..sp };
                pad(&mut out, &s, &sp2, 0)
            }
            b'p' => {
                let a = take(&mut next);
                let v = a.as_u64();
                if v == 0 {
                    let sp2 = Spec { zero: false, ..sp };
                    pad(&mut out, b"(nil)", &sp2, 0)
                } else {
                    let sp2 = Spec { alt: true, ..sp };
                    format_int(&mut out, &sp2, b'x', &Arg::Uint(v), "l")
                }
            }
            b'f' | b'F' | b'e' | b'E' | b'g' | b'G' | b'a' | b'A' => {
                let a = take(&mut next);
                format_float(&mut out, &sp, conv, a.as_f64())
            }
            b'n' => {
                take(&mut next);
            }
            _ => out.extend_from_slice(&f[start..i]),
        }
    }
    out
}

// ------------------------------------------------------------------ stdio streams

/// A C `FILE *`: a handle into the per-thread stream table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileRef(pub usize);

pub const STDIN: FileRef = FileRef(0);
pub const STDOUT: FileRef = FileRef(1);
pub const STDERR: FileRef = FileRef(2);
pub const EOF: i32 = -1;

enum Backing {
    Stdin,
    Stdout,
    Stderr,
    Disk(std::fs::File),
    Closed,
}

struct Stream {
    backing: Backing,
    out: Vec<u8>, // pending output
    inp: Vec<u8>, // read-ahead (ungetc pushes to the end; reads pop from the end)
    eof: bool,
    err: bool,
}

impl Stream {
    fn new(backing: Backing) -> Stream {
        Stream {
            backing,
            out: Vec::new(),
            inp: Vec::new(),
            eof: false,
            err: false,
        }
    }

    fn flush(&mut self) -> bool {
        if self.out.is_empty() {
            return true;
        }
        let data = std::mem::take(&mut self.out);
        let ok = match &mut self.backing {
            Backing::Stdout => {
                let mut o = std::io::stdout();
                o.write_all(&data).and_then(|_| o.flush()).is_ok()
            }
            Backing::Stderr => std::io::stderr().write_all(&data).is_ok(),
            Backing::Disk(f) => f.write_all(&data).is_ok(),
            _ => false,
        };
        if !ok {
            self.err = true;
        }
        ok
    }

    fn write(&mut self, data: &[u8]) -> bool {
        match self.backing {
            Backing::Stdin | Backing::Closed => {
                self.err = true;
                return false;
            }
            Backing::Stderr => {
                self.out.extend_from_slice(data);
                return self.flush();
            }
            _ => self.out.extend_from_slice(data),
        }
        if self.out.len() >= 8192 {
            return self.flush();
        }
        true
    }

    fn read_byte(&mut self) -> Option<u8> {
        if let Some(b) = self.inp.pop() {
            return Some(b);
        }
        let mut buf = [0u8; 4096];
        let n = match &mut self.backing {
            Backing::Stdin => {
                flush_stdout();
                std::io::stdin().read(&mut buf)
            }
            Backing::Disk(f) => {
                let _ = self.out.is_empty();
                f.read(&mut buf)
            }
            _ => Ok(0),
        };
        match n {
            Ok(0) => {
                self.eof = true;
                None
            }
            Ok(n) => {
                self.inp.extend(buf[..n].iter().rev());
                self.inp.pop()
            }
            Err(_) => {
                self.err = true;
                None
            }
        }
    }
}

thread_local! {
    static STREAMS: RefCell<Vec<Stream>> = RefCell::new(vec![
        Stream::new(Backing::Stdin),
        Stream::new(Backing::Stdout),
        Stream::new(Backing::Stderr),
    ]);
}

fn with_stream<R>(f: FileRef, default: R, op: impl FnOnce(&mut Stream) -> R) -> R {
    STREAMS.with(|s| match s.borrow_mut().get_mut(f.0) {
        Some(st) if !matches!(st.backing, Backing::Closed) => op(st),
        _ => default,
    })
}

fn flush_stdout() {
    STREAMS.with(|s| {
        if let Ok(mut v) = s.try_borrow_mut() {
            v[1].flush();
        }
    });
}

/// Flush every open C stream (called by `exit` and by the program's `main` wrapper).
pub fn flush_all() {
    STREAMS.with(|s| {
        for st in s.borrow_mut().iter_mut() {
            st.flush();
        }
    });
}

pub fn fwrite_bytes(f: FileRef, data: &[u8]) -> bool {
    with_stream(f, false, |s| s.write(data))
}

pub fn printf<B: CByte>(fmt: &[B], args: &[Arg]) -> i32 {
    fprintf(STDOUT, fmt, args)
}

pub fn fprintf<B: CByte>(f: FileRef, fmt: &[B], args: &[Arg]) -> i32 {
    let out = format(fmt, args);
    if fwrite_bytes(f, &out) {
        out.len() as i32
    } else {
        -1
    }
}

/// `sprintf(dst, fmt, ...)`: writes the text and a NUL (panics if `dst` is too short).
pub fn sprintf<B: CByte, C: CByte>(dst: &mut [B], fmt: &[C], args: &[Arg]) -> i32 {
    let out = format(fmt, args);
    for (i, &b) in out.iter().enumerate() {
        dst[i] = B::from_u8(b);
    }
    dst[out.len()] = B::from_u8(0);
    out.len() as i32
}

/// `snprintf(dst, n, fmt, ...)`: at most `n - 1` bytes and a NUL; returns the full length.
pub fn snprintf<B: CByte, C: CByte>(dst: &mut [B], n: usize, fmt: &[C], args: &[Arg]) -> i32 {
    let out = format(fmt, args);
    if n > 0 {
        let k = out.len().min(n - 1);
        for i in 0..k {
            dst[i] = B::from_u8(out[i]);
        }
        dst[k] = B::from_u8(0);
    }
    out.len() as i32
}

pub fn puts<B: CByte>(s: &[B]) -> i32 {
    let mut v = cstr(s);
    v.push(b'\n');
    if fwrite_bytes(STDOUT, &v) {
        v.len() as i32
    } else {
        EOF
    }
}

pub fn fputs<B: CByte>(s: &[B], f: FileRef) -> i32 {
    if fwrite_bytes(f, &cstr(s)) {
        1
    } else {
        EOF
    }
}

pub fn fputc(c: i32, f: FileRef) -> i32 {
    if fwrite_bytes(f, &[c as u8]) {
        c as u8 as i32
    } else {
        EOF
    }
}

pub fn putc(c: i32, f: FileRef) -> i32 {
    fputc(c, f)
}

pub fn putchar(c: i32) -> i32 {
    fputc(c, STDOUT)
}

pub fn fgetc(f: FileRef) -> i32 {
    with_stream(f, EOF, |s| s.read_byte().map_or(EOF, |b| b as i32))
}

pub fn getc(f: FileRef) -> i32 {
    fgetc(f)
}

pub fn getchar() -> i32 {
    fgetc(STDIN)
}

pub fn ungetc(c: i32, f: FileRef) -> i32 {
    if c == EOF {
        return EOF;
    }
    with_stream(f, EOF, |s| {
        s.inp.push(c as u8);
        s.eof = false;
        c as u8 as i32
    })
}

/// `fgets(buf, n, f)`: reads a line (at most `n - 1` bytes) and a NUL; `false` for NULL.
pub fn fgets<B: CByte>(buf: &mut [B], n: i32, f: FileRef) -> bool {
    if n <= 0 {
        return false;
    }
    let mut k = 0usize;
    while (k as i32) < n - 1 {
        let c = fgetc(f);
        if c == EOF {
            break;
        }
        buf[k] = B::from_u8(c as u8);
        k += 1;
        if c == b'\n' as i32 {
            break;
        }
    }
    if k == 0 {
        return false;
    }
    buf[k] = B::from_u8(0);
    true
}

/// `fopen(path, mode)`; `None` is NULL (with `errno` set).
pub fn fopen<B: CByte, C: CByte>(path: &[B], mode: &[C]) -> Option<FileRef> {
    let p = String::from_utf8_lossy(&cstr(path)).into_owned();
    let m = cstr(mode);
    let plus = m.contains(&b'+');
    let mut o = std::fs::OpenOptions::new();
    match m.first() {
        Some(b'r') => {
            o.read(true).write(plus);
        }
        Some(b'w') => {
            o.write(true).create(true).truncate(true).read(plus);
        }
        Some(b'a') => {
            o.append(true).create(true).read(plus);
        }
        _ => {
            set_errno(EINVAL);
            return None;
        }
    }
    match o.open(&p) {
        Ok(file) => STREAMS.with(|s| {
            let mut v = s.borrow_mut();
            v.push(Stream::new(Backing::Disk(file)));
            Some(FileRef(v.len() - 1))
        }),
        Err(e) => {
            set_errno(e.raw_os_error().unwrap_or(ENOENT));
            None
        }
    }
}

pub fn fclose(f: FileRef) -> i32 {
    let ok = with_stream(f, false, |s| {
        let ok = s.flush();
        s.backing = Backing::Closed;
        ok
    });
    if ok {
        0
    } else {
        EOF
    }
}

pub fn fflush(f: Option<FileRef>) -> i32 {
    match f {
        None => {
            flush_all();
            0
        }
        Some(f) => {
            if with_stream(f, false, |s| s.flush()) {
                0
            } else {
                EOF
            }
        }
    }
}

/// `fread(buf, size, n, f)`: the number of whole items read.
pub fn fread<B: CByte>(buf: &mut [B], size: usize, n: usize, f: FileRef) -> usize {
    let total = size * n;
    let mut k = 0;
    while k < total {
        let c = fgetc(f);
        if c == EOF {
            break;
        }
        buf[k] = B::from_u8(c as u8);
        k += 1;
    }
    if size == 0 {
        0
    } else {
        k / size
    }
}

pub fn fwrite<B: CByte>(buf: &[B], size: usize, n: usize, f: FileRef) -> usize {
    let data: Vec<u8> = buf[..size * n].iter().map(|b| b.to_u8()).collect();
    if fwrite_bytes(f, &data) {
        n
    } else {
        0
    }
}

pub fn fseek(f: FileRef, off: i64, whence: i32) -> i32 {
    with_stream(f, -1, |s| {
        s.flush();
        let pending = s.inp.len() as i64;
        s.inp.clear();
        s.eof = false;
        match &mut s.backing {
            Backing::Disk(file) => {
                let pos = match whence {
                    0 => SeekFrom::Start(off.max(0) as u64),
                    1 => SeekFrom::Current(off - pending),
                    _ => SeekFrom::End(off),
                };
                if file.seek(pos).is_ok() {
                    0
                } else {
                    -1
                }
            }
            _ => -1,
        }
    })
}

pub fn ftell(f: FileRef) -> i64 {
    with_stream(f, -1, |s| {
        let pending_in = s.inp.len() as i64;
        let pending_out = s.out.len() as i64;
        match &mut s.backing {
            Backing::Disk(file) => file
                .stream_position()
                .map_or(-1, |p| p as i64 - pending_in + pending_out),
            _ => -1,
        }
    })
}

pub fn rewind(f: FileRef) {
    fseek(f, 0, 0);
    with_stream(f, (), |s| s.err = false);
}

pub fn feof(f: FileRef) -> i32 {
    with_stream(f, 0, |s| s.eof as i32)
}

pub fn ferror(f: FileRef) -> i32 {
    with_stream(f, 0, |s| s.err as i32)
}

pub fn clearerr(f: FileRef) {
    with_stream(f, (), |s| {
        s.eof = false;
        s.err = false;
    })
}

/// `perror(s)`: `s: strerror(errno)` on stderr.
pub fn perror<B: CByte>(s: &[B]) {
    let mut v = cstr(s);
    if !v.is_empty() {
        v.extend_from_slice(b": ");
    }
    let mut e = strerror(errno());
    e.pop();
    v.extend_from_slice(&e);
    v.push(b'\n');
    fwrite_bytes(STDERR, &v);
}

// ------------------------------------------------------------------ time.h

/// `time(NULL)`: seconds since the epoch.
pub fn time() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

thread_local! {
    static START: std::time::Instant = std::time::Instant::now();
}

pub const CLOCKS_PER_SEC: i64 = 1_000_000;

/// `clock()`: microseconds since the program started (wall time: std has no CPU clock).
pub fn clock() -> i64 {
    START.with(|s| s.elapsed().as_micros() as i64)
}

pub fn difftime(a: i64, b: i64) -> f64 {
    (a - b) as f64
}

// ------------------------------------------------------------------ programs

/// The C `argv` of this process: NUL-terminated copies of the arguments.
pub fn args() -> Vec<Vec<u8>> {
    std::env::args_os()
        .map(|a| {
            let mut v = a.to_string_lossy().into_owned().into_bytes();
            v.push(0);
            v
        })
        .collect()
}

/// End the process as C's `return status;` from `main` does: flush, then exit.
pub fn exit_from_main(status: i32) -> ! {
    exit(status)
}

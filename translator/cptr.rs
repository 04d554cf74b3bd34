//! c2safe checked pointers: C pointers as safe, std-only Rust values.
//!
//! A [`Ptr`] is a shared handle to an allocation plus a byte offset. An allocation
//! is C memory as bytes (so `void *`, `char *` over a struct, `memcpy` and `memset`
//! over any type all see the same bytes as the typed accesses) plus a side table of
//! the pointers stored in it: storing a pointer writes its (fake, deterministic)
//! address into the bytes and records the handle at that offset; loading a pointer
//! returns the handle only if the bytes still hold its address, so a pointer is never
//! forged from bytes. Every access is bounds-checked; undefined behaviour in the C
//! (NULL dereference, out of bounds, use after free, double free, freeing memory
//! that `malloc` did not return, writing a string literal) panics with a message
//! naming it. Typed accesses are `rd::<T>(i)`/`wr::<T>(i, v)` for element `i` of
//! size `T::SIZE` relative to the pointer; pointer arithmetic takes the element size.

#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

const KIND_HEAP: u8 = 0;
const KIND_STACK: u8 = 1;
const KIND_LITERAL: u8 = 2;
const KIND_FREED: u8 = 3;

thread_local! {
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

struct Alloc {
    id: u64,
    kind: Cell<u8>,
    mem: RefCell<Vec<u8>>,
    ptrs: RefCell<BTreeMap<usize, Ptr>>,
}

impl Alloc {
    fn new(bytes: Vec<u8>, kind: u8) -> Rc<Alloc> {
        let id = NEXT_ID.with(|n| {
            let v = n.get();
            n.set(v + 1);
            v
        });
        Rc::new(Alloc {
            id,
            kind: Cell::new(kind),
            mem: RefCell::new(bytes),
            ptrs: RefCell::new(BTreeMap::new()),
        })
    }
}

/// A C pointer: NULL, or an allocation and a byte offset into it (which may be out of
/// bounds; only accesses are checked, as in C).
#[derive(Clone, Default)]
pub struct Ptr {
    a: Option<Rc<Alloc>>,
    off: isize,
}

impl std::fmt::Debug for Ptr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ptr({:#x})", self.addr())
    }
}

/// A scalar C type stored little-endian (x86-64 and aarch64 layout).
pub trait Scalar: Copy {
    const SIZE: usize;
    fn load(b: &[u8]) -> Self;
    fn store(self, b: &mut [u8]);
}

macro_rules! scalar {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            #[inline(always)]
            fn load(b: &[u8]) -> Self {
                let mut a = [0u8; std::mem::size_of::<$t>()];
                a.copy_from_slice(b);
                <$t>::from_le_bytes(a)
            }
            #[inline(always)]
            fn store(self, b: &mut [u8]) {
                b.copy_from_slice(&self.to_le_bytes());
            }
        }
    )*};
}
scalar!(u8, i8, u16, i16, u32, i32, u64, i64, u128, i128, usize, isize, f32, f64);

impl Scalar for bool {
    const SIZE: usize = 1;
    #[inline(always)]
    fn load(b: &[u8]) -> Self {
        b[0] != 0
    }
    #[inline(always)]
    fn store(self, b: &mut [u8]) {
        b[0] = self as u8;
    }
}

#[cold]
#[inline(never)]
fn ub(what: &str) -> ! {
    panic!("c2safe: undefined behaviour in the C: {what}")
}

impl PartialEq for Ptr {
    fn eq(&self, other: &Ptr) -> bool {
        self.addr() == other.addr()
    }
}
impl Eq for Ptr {}

impl PartialOrd for Ptr {
    fn partial_cmp(&self, other: &Ptr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ptr {
    fn cmp(&self, other: &Ptr) -> std::cmp::Ordering {
        self.addr().cmp(&other.addr())
    }
}

/// Size of a pointer in C memory.
pub const PTR_SIZE: usize = 8;

impl Ptr {
    /// NULL.
    #[inline(always)]
    pub fn null() -> Ptr {
        Ptr { a: None, off: 0 }
    }

    #[inline(always)]
    pub fn is_null(&self) -> bool {
        self.a.is_none()
    }

    /// A deterministic fake address: allocation id in the high bits, offset below.
    pub fn addr(&self) -> u64 {
        match &self.a {
            None => 0,
            Some(a) => (a.id << 32).wrapping_add(self.off as u64),
        }
    }

    fn fresh(bytes: Vec<u8>, kind: u8) -> Ptr {
        Ptr { a: Some(Alloc::new(bytes, kind)), off: 0 }
    }

    /// C `malloc(n)` (the memory reads as zero; C leaves it unspecified).
    pub fn malloc(n: usize) -> Ptr {
        Ptr::fresh(vec![0u8; n], KIND_HEAP)
    }

    /// C `calloc(n, size)`.
    pub fn calloc(n: usize, size: usize) -> Ptr {
        match n.checked_mul(size) {
            Some(b) => Ptr::malloc(b),
            None => Ptr::null(),
        }
    }

    /// A local object whose address is taken (an array, a struct, an addressed scalar).
    pub fn stack(n: usize) -> Ptr {
        Ptr::fresh(vec![0u8; n], KIND_STACK)
    }

    /// A local object initialised from bytes.
    pub fn stack_from(bytes: &[u8]) -> Ptr {
        Ptr::fresh(bytes.to_vec(), KIND_STACK)
    }

    /// A string literal: read-only bytes (the caller includes the terminating NUL).
    pub fn literal(bytes: &[u8]) -> Ptr {
        Ptr::fresh(bytes.to_vec(), KIND_LITERAL)
    }

    /// A read-only copy of a constant table (a global array used as a pointer).
    pub fn literal_from<T: Scalar>(v: &[T]) -> Ptr {
        let p = Ptr::from_slice(v);
        p.alloc().kind.set(KIND_LITERAL);
        p
    }

    /// C `free(p)`.
    pub fn free(&self) {
        let Some(a) = &self.a else { return };
        match a.kind.get() {
            KIND_FREED => ub("double free"),
            KIND_HEAP => {}
            _ => ub("free of memory that malloc did not return"),
        }
        if self.off != 0 {
            ub("free of a pointer into the middle of an allocation");
        }
        a.kind.set(KIND_FREED);
        a.mem.replace(Vec::new());
        a.ptrs.replace(BTreeMap::new());
    }

    /// C `realloc(p, n)`: a new allocation holding the old contents; `p` is freed.
    pub fn realloc(&self, n: usize) -> Ptr {
        if self.a.is_none() {
            return Ptr::malloc(n);
        }
        let a = self.alloc();
        if a.kind.get() == KIND_FREED {
            ub("realloc of freed memory");
        }
        let old = a.mem.borrow();
        let keep = old.len().min(n);
        let mut bytes = vec![0u8; n];
        bytes[..keep].copy_from_slice(&old[..keep]);
        drop(old);
        let q = Ptr::fresh(bytes, KIND_HEAP);
        {
            let qa = q.alloc();
            let mut qp = qa.ptrs.borrow_mut();
            for (k, v) in a.ptrs.borrow().range(..keep) {
                qp.insert(*k, v.clone());
            }
        }
        self.free();
        q
    }

    #[inline(always)]
    fn alloc(&self) -> &Rc<Alloc> {
        match &self.a {
            Some(a) => a,
            None => ub("NULL pointer dereference"),
        }
    }

    /// `p + n` elements of `size` bytes (no check: C checks only accesses).
    #[inline(always)]
    pub fn at(&self, n: isize, size: usize) -> Ptr {
        if self.a.is_none() && n != 0 {
            ub("arithmetic on a NULL pointer");
        }
        Ptr { a: self.a.clone(), off: self.off.wrapping_add(n.wrapping_mul(size as isize)) }
    }

    /// `p += n` elements of `size` bytes, in place.
    #[inline(always)]
    pub fn bump(&mut self, n: isize, size: usize) {
        if self.a.is_none() && n != 0 {
            ub("arithmetic on a NULL pointer");
        }
        self.off = self.off.wrapping_add(n.wrapping_mul(size as isize));
    }

    /// `p - q` in elements of `size` bytes; both must point into the same allocation.
    pub fn diff(&self, q: &Ptr, size: usize) -> isize {
        match (&self.a, &q.a) {
            (Some(x), Some(y)) if Rc::ptr_eq(x, y) => (self.off - q.off) / size as isize,
            (None, None) => 0,
            _ => ub("difference of pointers into different objects"),
        }
    }

    /// Bytes left from the pointer to the end of its allocation (0 if out of bounds).
    pub fn remaining(&self) -> usize {
        let a = self.alloc();
        let len = a.mem.borrow().len() as isize;
        if self.off < 0 || self.off > len {
            0
        } else {
            (len - self.off) as usize
        }
    }

    #[cold]
    #[inline(never)]
    fn oob(&self, start: isize, n: usize, len: usize) -> ! {
        if self.alloc().kind.get() == KIND_FREED {
            ub("use after free");
        }
        panic!(
            "c2safe: undefined behaviour in the C: out-of-bounds access of {n} byte(s) at \
             offset {start} of an object of {len} byte(s)"
        )
    }

    #[inline(always)]
    fn range(&self, byte: isize, n: usize, len: usize) -> usize {
        let start = self.off.wrapping_add(byte);
        if start < 0 || (start as usize).checked_add(n).is_none_or(|e| e > len) {
            self.oob(start, n, len);
        }
        start as usize
    }

    /// Read element `i` of type `T` (`p[i]`).
    #[inline(always)]
    pub fn rd<T: Scalar>(&self, i: isize) -> T {
        let a = self.alloc();
        let mem = a.mem.borrow();
        let s = self.range(i.wrapping_mul(T::SIZE as isize), T::SIZE, mem.len());
        T::load(&mem[s..s + T::SIZE])
    }

    /// Write element `i` of type `T` (`p[i] = v`).
    #[inline(always)]
    pub fn wr<T: Scalar>(&self, i: isize, v: T) {
        let a = self.alloc();
        if a.kind.get() == KIND_LITERAL {
            ub("write to a string literal");
        }
        let mut mem = a.mem.borrow_mut();
        let len = mem.len();
        let s = self.range(i.wrapping_mul(T::SIZE as isize), T::SIZE, len);
        v.store(&mut mem[s..s + T::SIZE]);
    }

    /// `*p`.
    #[inline(always)]
    pub fn get<T: Scalar>(&self) -> T {
        self.rd(0)
    }

    /// `*p = v`.
    #[inline(always)]
    pub fn set<T: Scalar>(&self, v: T) {
        self.wr(0, v)
    }

    /// Read the scalar at byte offset `byte` (a struct field).
    #[inline(always)]
    pub fn rd_at<T: Scalar>(&self, byte: isize) -> T {
        let a = self.alloc();
        let mem = a.mem.borrow();
        let s = self.range(byte, T::SIZE, mem.len());
        T::load(&mem[s..s + T::SIZE])
    }

    /// Write the scalar at byte offset `byte` (a struct field).
    #[inline(always)]
    pub fn wr_at<T: Scalar>(&self, byte: isize, v: T) {
        self.at(byte, 1).wr(0, v)
    }

    /// Read the pointer stored at byte offset `byte`.
    pub fn rd_ptr(&self, byte: isize) -> Ptr {
        let a = self.alloc();
        let mem = a.mem.borrow();
        let s = self.range(byte, PTR_SIZE, mem.len());
        let raw = u64::load(&mem[s..s + PTR_SIZE]);
        if raw == 0 {
            return Ptr::null();
        }
        match a.ptrs.borrow().get(&s) {
            Some(p) if p.addr() == raw => p.clone(),
            _ => ub("load of a pointer from bytes that do not hold one"),
        }
    }

    /// Store pointer `v` at byte offset `byte`.
    pub fn wr_ptr(&self, byte: isize, v: &Ptr) {
        let a = self.alloc();
        if a.kind.get() == KIND_LITERAL {
            ub("write to a string literal");
        }
        let mut mem = a.mem.borrow_mut();
        let len = mem.len();
        let s = self.range(byte, PTR_SIZE, len);
        v.addr().store(&mut mem[s..s + PTR_SIZE]);
        drop(mem);
        let mut ptrs = a.ptrs.borrow_mut();
        if v.is_null() {
            ptrs.remove(&s);
        } else {
            ptrs.insert(s, v.clone());
        }
    }

    /// `p[i]` for a pointer element (`T **p`).
    pub fn rd_pi(&self, i: isize) -> Ptr {
        self.rd_ptr(i.wrapping_mul(PTR_SIZE as isize))
    }

    /// `p[i] = v` for a pointer element.
    pub fn wr_pi(&self, i: isize, v: &Ptr) {
        self.wr_ptr(i.wrapping_mul(PTR_SIZE as isize), v)
    }

    /// C `memcpy`/`memmove(dst, src, n)`: bytes and the pointers stored in them.
    pub fn memcpy(dst: &Ptr, src: &Ptr, n: usize) {
        if n == 0 {
            return;
        }
        let sa = src.alloc();
        let da = dst.alloc();
        if da.kind.get() == KIND_LITERAL {
            ub("write to a string literal");
        }
        let s = src.range(0, n, sa.mem.borrow().len());
        let d = dst.range(0, n, da.mem.borrow().len());
        if Rc::ptr_eq(sa, da) {
            sa.mem.borrow_mut().copy_within(s..s + n, d);
        } else {
            da.mem.borrow_mut()[d..d + n].copy_from_slice(&sa.mem.borrow()[s..s + n]);
        }
        let moved: Vec<(usize, Ptr)> =
            sa.ptrs.borrow().range(s..s + n).map(|(k, v)| (k - s + d, v.clone())).collect();
        let mut dp = da.ptrs.borrow_mut();
        let stale: Vec<usize> = dp.range(d..d + n).map(|(k, _)| *k).collect();
        for k in stale {
            dp.remove(&k);
        }
        for (k, v) in moved {
            dp.insert(k, v);
        }
    }

    /// C `memset(p, c, n)`.
    pub fn memset(p: &Ptr, c: i32, n: usize) {
        if n == 0 {
            return;
        }
        let a = p.alloc();
        if a.kind.get() == KIND_LITERAL {
            ub("write to a string literal");
        }
        let s = p.range(0, n, a.mem.borrow().len());
        a.mem.borrow_mut()[s..s + n].fill(c as u8);
        let mut dp = a.ptrs.borrow_mut();
        let stale: Vec<usize> = dp.range(s..s + n).map(|(k, _)| *k).collect();
        for k in stale {
            dp.remove(&k);
        }
    }

    /// C `memcmp(a, b, n)`.
    pub fn memcmp(a: &Ptr, b: &Ptr, n: usize) -> i32 {
        for i in 0..n as isize {
            let x: u8 = a.rd(i);
            let y: u8 = b.rd(i);
            if x != y {
                return x as i32 - y as i32;
            }
        }
        0
    }

    /// C `strlen(s)`.
    pub fn strlen(s: &Ptr) -> usize {
        let a = s.alloc();
        let mem = a.mem.borrow();
        let start = s.range(0, 0, mem.len());
        match mem[start..].iter().position(|&b| b == 0) {
            Some(n) => n,
            None => ub("string without a terminating NUL"),
        }
    }

    /// C `strcmp(a, b)`.
    pub fn strcmp(a: &Ptr, b: &Ptr) -> i32 {
        let mut i = 0isize;
        loop {
            let x: u8 = a.rd(i);
            let y: u8 = b.rd(i);
            if x != y || x == 0 {
                return x as i32 - y as i32;
            }
            i += 1;
        }
    }

    /// C `strncmp(a, b, n)`.
    pub fn strncmp(a: &Ptr, b: &Ptr, n: usize) -> i32 {
        for i in 0..n as isize {
            let x: u8 = a.rd(i);
            let y: u8 = b.rd(i);
            if x != y || x == 0 {
                return x as i32 - y as i32;
            }
        }
        0
    }

    /// C `strcpy(d, s)`; returns `d`.
    pub fn strcpy(d: &Ptr, s: &Ptr) -> Ptr {
        let n = Ptr::strlen(s) + 1;
        Ptr::memcpy(d, s, n);
        d.clone()
    }

    /// C `strchr(s, c)`.
    pub fn strchr(s: &Ptr, c: i32) -> Ptr {
        let mut i = 0isize;
        loop {
            let x: u8 = s.rd(i);
            if x == c as u8 {
                return s.at(i, 1);
            }
            if x == 0 {
                return Ptr::null();
            }
            i += 1;
        }
    }

    /// The bytes of a NUL-terminated string (for printing and tests).
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = Ptr::strlen(self);
        (0..n as isize).map(|i| self.rd::<u8>(i)).collect()
    }

    /// A copy of `n` elements of `T` starting at the pointer.
    pub fn to_vec<T: Scalar>(&self, n: usize) -> Vec<T> {
        (0..n as isize).map(|i| self.rd(i)).collect()
    }

    /// A fresh heap allocation holding `v` (a slice-model value crossing into the
    /// checked model at a call).
    pub fn from_slice<T: Scalar>(v: &[T]) -> Ptr {
        let p = Ptr::malloc(v.len() * T::SIZE);
        for (i, x) in v.iter().enumerate() {
            p.wr(i as isize, *x);
        }
        p
    }

    /// Up to `max` elements of `T` from the pointer, fewer if the object ends first: the
    /// slice a slice-model callee gets for this argument (the call crossing).
    pub fn take_vec<T: Scalar>(&self, max: usize) -> Vec<T> {
        let a = self.alloc();
        let mem = a.mem.borrow();
        let start = self.range(0, 0, mem.len());
        let n = ((mem.len() - start) / T::SIZE).min(max);
        mem[start..start + n * T::SIZE].chunks_exact(T::SIZE).map(T::load).collect()
    }

    /// Write `v` back at the pointer (after a slice-model callee wrote its copy).
    pub fn store_slice<T: Scalar>(&self, v: &[T]) {
        let a = self.alloc();
        if a.kind.get() == KIND_LITERAL {
            ub("write to a string literal");
        }
        let mut mem = a.mem.borrow_mut();
        let len = mem.len();
        let start = self.range(0, v.len() * T::SIZE, len);
        for (chunk, x) in mem[start..start + v.len() * T::SIZE].chunks_exact_mut(T::SIZE).zip(v) {
            x.store(chunk);
        }
    }

    /// Copy `out.len()` elements back from the pointer (the return crossing).
    pub fn copy_to_slice<T: Scalar>(&self, out: &mut [T]) {
        for (i, x) in out.iter_mut().enumerate() {
            *x = self.rd(i as isize);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panics<F: FnOnce()>(f: F) -> String {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        match r {
            Ok(()) => String::from("no panic"),
            Err(e) => e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        }
    }

    #[test]
    fn typed_and_byte_views_share_memory() {
        let p = Ptr::malloc(16);
        p.wr::<u32>(1, 0x0403_0201);
        assert_eq!(p.rd::<u8>(4), 1);
        assert_eq!(p.rd::<u8>(7), 4);
        let b = p.at(4, 1);
        b.wr::<u8>(0, 0xff);
        assert_eq!(p.rd::<u32>(1), 0x0403_02ff);
        assert_eq!(p.rd_at::<u16>(5), 0x0302);
        p.wr_at::<i64>(8, -2);
        assert_eq!(p.rd::<i64>(1), -2);
        p.wr::<f64>(0, 1.5);
        assert_eq!(p.rd::<f64>(0), 1.5);
    }

    #[test]
    fn arithmetic_comparison_difference() {
        let p = Ptr::malloc(40);
        let q = p.at(3, 4);
        assert_eq!(q.diff(&p, 4), 3);
        assert_eq!(p.diff(&q, 4), -3);
        assert!(p < q);
        assert!(q == p.at(12, 1));
        let mut r = q.clone();
        r.bump(-3, 4);
        assert!(r == p);
        let end = p.at(10, 4); // one past the end is a valid value
        assert_eq!(end.diff(&p, 4), 10);
        assert_eq!(end.remaining(), 0);
        assert_eq!(q.remaining(), 28);
        let other = Ptr::malloc(40);
        assert!(other != p);
        assert!(panics(move || {
            other.diff(&p, 4);
        })
        .contains("different objects"));
    }

    #[test]
    fn null() {
        let n = Ptr::null();
        assert!(n.is_null());
        assert_eq!(n.addr(), 0);
        assert!(n == Ptr::default());
        assert!(!Ptr::malloc(1).is_null());
        assert!(panics(|| {
            Ptr::null().rd::<u8>(0);
        })
        .contains("NULL pointer dereference"));
        assert!(panics(|| {
            Ptr::null().at(1, 4);
        })
        .contains("NULL"));
        Ptr::null().free(); // free(NULL) is a no-op
    }

    #[test]
    fn bounds() {
        let p = Ptr::malloc(8);
        let msg = panics(move || {
            p.rd::<u32>(2);
        });
        assert!(msg.contains("out-of-bounds access of 4 byte(s) at offset 8"), "{msg}");
        let p = Ptr::malloc(8);
        assert!(panics(move || p.at(-1, 1).wr::<u8>(0, 1)).contains("out-of-bounds"));
        let p = Ptr::malloc(8);
        assert!(panics(move || p.at(7, 1).wr::<u16>(0, 1)).contains("out-of-bounds"));
    }

    #[test]
    fn use_after_free_and_double_free() {
        let p = Ptr::malloc(8);
        let q = p.clone();
        p.free();
        assert!(panics(move || {
            q.rd::<u8>(0);
        })
        .contains("use after free"));
        let p = Ptr::malloc(8);
        p.free();
        assert!(panics(move || p.free()).contains("double free"));
        let s = Ptr::stack(8);
        assert!(panics(move || s.free()).contains("malloc did not return"));
        let p = Ptr::malloc(8);
        assert!(panics(move || p.at(1, 1).free()).contains("middle"));
    }

    #[test]
    fn calloc_realloc() {
        let p = Ptr::calloc(4, 4);
        assert_eq!(p.remaining(), 16);
        for i in 0..4 {
            p.wr::<i32>(i, i as i32 * 10);
        }
        let keep = Ptr::malloc(1);
        p.wr_ptr(8, &keep);
        let q = p.realloc(32);
        assert_eq!(q.remaining(), 32);
        assert_eq!(q.to_vec::<i32>(2), vec![0, 10]);
        assert!(q.rd_ptr(8) == keep);
        assert_eq!(q.rd::<i32>(7), 0);
        let old = p.clone();
        assert!(panics(move || {
            old.rd::<i32>(0);
        })
        .contains("use after free"));
        let r = q.realloc(4);
        assert_eq!(r.rd::<i32>(0), 0);
        assert!(Ptr::realloc(&Ptr::null(), 3).remaining() == 3);
        assert!(Ptr::calloc(usize::MAX, 2).is_null());
    }

    #[test]
    fn pointers_in_memory() {
        // struct node { int v; struct node *next; } : v at 0, next at 8
        let a = Ptr::malloc(16);
        let b = Ptr::malloc(16);
        a.wr_at::<i32>(0, 1);
        b.wr_at::<i32>(0, 2);
        a.wr_ptr(8, &b);
        b.wr_ptr(8, &Ptr::null());
        let n = a.rd_ptr(8);
        assert_eq!(n.rd_at::<i32>(0), 2);
        assert!(n.rd_ptr(8).is_null());
        // a struct copy carries the pointer
        let c = Ptr::stack(16);
        Ptr::memcpy(&c, &a, 16);
        assert!(c.rd_ptr(8) == b);
        // memset over the pointer makes it NULL
        Ptr::memset(&c, 0, 16);
        assert!(c.rd_ptr(8).is_null());
        // bytes written over a pointer do not forge one
        let d = Ptr::stack(16);
        Ptr::memcpy(&d, &a, 16);
        d.wr::<u8>(9, 7);
        assert!(panics(move || {
            d.rd_ptr(8);
        })
        .contains("do not hold one"));
        // an array of pointers (T **)
        let arr = Ptr::calloc(3, PTR_SIZE);
        arr.wr_pi(2, &a);
        assert!(arr.rd_pi(2) == a);
        assert!(arr.rd_pi(0).is_null());
    }

    #[test]
    fn memcpy_overlap_and_memset() {
        let p = Ptr::malloc(8);
        for i in 0..8 {
            p.wr::<u8>(i, i as u8);
        }
        Ptr::memcpy(&p.at(2, 1), &p, 4);
        assert_eq!(p.to_vec::<u8>(8), vec![0, 1, 0, 1, 2, 3, 6, 7]);
        Ptr::memset(&p.at(6, 1), 0xab, 2);
        assert_eq!(p.rd::<u16>(3), 0xabab);
        let small = Ptr::malloc(2);
        assert!(panics(move || Ptr::memset(&small, 0, 3)).contains("out-of-bounds"));
        // a wipe over any type: u64 words seen as bytes
        let w = Ptr::from_slice(&[u64::MAX, 5]);
        Ptr::memset(&w, 0, 16);
        assert_eq!(w.to_vec::<u64>(2), vec![0, 0]);
        Ptr::memcpy(&w, &Ptr::null(), 0); // n == 0 touches nothing
    }

    #[test]
    fn strings() {
        let s = Ptr::literal(b"hello\0");
        assert_eq!(Ptr::strlen(&s), 5);
        assert_eq!(Ptr::strlen(&s.at(2, 1)), 3);
        let t = Ptr::literal(b"help\0");
        assert!(Ptr::strcmp(&s, &t) < 0);
        assert_eq!(Ptr::strncmp(&s, &t, 3), 0);
        assert_eq!(Ptr::strcmp(&s, &s.clone()), 0);
        let d = Ptr::malloc(6);
        Ptr::strcpy(&d, &s);
        assert_eq!(d.to_bytes(), b"hello".to_vec());
        assert!(Ptr::strchr(&s, 'l' as i32) == s.at(2, 1));
        assert!(Ptr::strchr(&s, 'z' as i32).is_null());
        assert_eq!(Ptr::memcmp(&s, &t, 3), 0);
        assert!(Ptr::memcmp(&s, &t, 4) < 0);
        let lit = Ptr::literal(b"x\0");
        assert!(panics(move || lit.wr::<u8>(0, 1)).contains("string literal"));
        let bad = Ptr::malloc(2);
        bad.wr::<u8>(0, 1);
        bad.wr::<u8>(1, 1);
        assert!(panics(move || {
            Ptr::strlen(&bad);
        })
        .contains("terminating NUL"));
    }

    #[test]
    fn slices_cross_over() {
        let p = Ptr::from_slice(&[1u32, 2, 3]);
        p.wr::<u32>(1, 20);
        let mut out = [0u32; 3];
        p.copy_to_slice(&mut out);
        assert_eq!(out, [1, 20, 3]);
        let mut v = p.at(1, 4).take_vec::<u32>(8); // capped by the object
        assert_eq!(v, vec![20, 3]);
        v[1] = 30;
        p.at(1, 4).store_slice(&v);
        assert_eq!(p.to_vec::<u32>(3), vec![1, 20, 30]);
        assert_eq!(p.take_vec::<u32>(1), vec![1]);
        let q = p.clone();
        assert!(panics(move || q.at(2, 4).store_slice(&[1u32, 2])).contains("out-of-bounds"));
    }

    #[test]
    fn addresses_are_deterministic_and_distinct() {
        let a = Ptr::malloc(4);
        let b = Ptr::malloc(4);
        assert_ne!(a.addr() >> 32, b.addr() >> 32);
        assert_eq!(a.at(3, 1).addr(), a.addr() + 3);
        assert_eq!(format!("{:?}", Ptr::null()), "Ptr(0x0)");
    }
}

"""Differential testing: build the original C and a Rust harness, and run cases through both.

C side. Every C file of the crate is compiled through a generated wrapper that
``#include``s it (so its ``static`` functions share the wrapper's translation unit) and
defines one exported trampoline per planned function, ``int c2safe_dt_call_<k>(void **a,
void *r)``: ``a[i]`` points to the i-th scalar or by-value struct, or is the i-th pointer;
``*r`` receives the result; the return is 1 when the C called ``exit``/``abort``. A small
runtime (``rt.c``) is linked in with ``-Wl,--wrap`` for ``malloc``/``calloc``/``realloc``/
``free``/``exit``/``abort``: allocations are tracked, zero-filled and followed by canary
bytes; ``free`` is deferred to the end of the case (so the harness can tell a freed block
from a live one); ``exit`` long-jumps back to the trampoline. The result is one shared
library, built with ``gcc -shared -fPIC -O1`` and the crate's own ``-I``/``-D``.

Rust side. The harness is a separate package next to a *copy* of the translated crate; to
each module of the copy a ``pub fn c2safe_dt_<name>`` forwarding wrapper (the translated
signature, calling the private function) is appended for every private function under
test (``static`` functions, header helpers), so they are reachable without changing what
any of the crate's own names resolve to. The translated crate itself is never modified
and keeps ``#![forbid(unsafe_code)]``; all FFI and ``unsafe`` is in the harness.
For every struct the harness has a ``#[repr(C)]`` mirror and readers/converters/encoders
generated from the struct's fields.

Protocol. One case per input line: ``fid cid token...`` (integers in decimal, integer
buffers as little-endian hex, struct buffers as a count then the structs' fields). For each
case the harness prints ``B cid`` before running it and ``R cid {"c":..,"r":..}`` after, so
a crash or a hang is attributed to its case. Guarantee: both sides get the same bytes, and
every pointer argument is encoded after the call, in full, on both sides.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from translator.difftest_model import (
    ArrS,
    BufS,
    FnPlan,
    ScalarS,
    Shape,
    StructS,
)

CANARY = 32

RT_C = r"""/* c2safe difftest runtime: tracked allocations, deferred free, exit via longjmp. */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define CANARY __CANARY__
jmp_buf c2safe_dt_jmp;
static int c2safe_dt_code;

typedef struct { unsigned char *p; size_t n; int state; } c2safe_blk;
static c2safe_blk *blks;
static size_t nblk, capblk;

void *__real_malloc(size_t);
void *__real_realloc(void *, size_t);
void __real_free(void *);

static void *track(size_t n) {
  unsigned char *p = __real_malloc(n + CANARY);
  if (!p) __builtin_trap();
  memset(p, 0, n);
  memset(p + n, 0xA5, CANARY);
  if (nblk == capblk) {
    capblk = capblk ? 2 * capblk : 64;
    blks = __real_realloc(blks, capblk * sizeof(c2safe_blk));
    if (!blks) __builtin_trap();
  }
  blks[nblk].p = p;
  blks[nblk].n = n;
  blks[nblk].state = 1;
  nblk++;
  return p;
}

static c2safe_blk *find_start(const void *q) {
  for (size_t i = nblk; i-- > 0;)
    if (blks[i].p == q) return &blks[i];
  return NULL;
}

void *c2safe_dt_alloc(size_t n) { return track(n); }
void *__wrap_malloc(size_t n) { return track(n); }
void *__wrap_calloc(size_t n, size_t s) {
  if (s && n > SIZE_MAX / s) return NULL;
  return track(n * s);
}
void *__wrap_realloc(void *old, size_t n) {
  void *p = track(n);
  if (old) {
    c2safe_blk *b = find_start(old);
    if (b) {
      memcpy(p, old, b->n < n ? b->n : n);
      b->state = 2;
    }
  }
  return p;
}
void __wrap_free(void *q) {
  if (!q) return;
  c2safe_blk *b = find_start(q);
  if (b) b->state = 2; /* released by c2safe_dt_reset */
  else __real_free(q);
}
__attribute__((noreturn)) void __wrap_exit(int code) {
  c2safe_dt_code = code;
  longjmp(c2safe_dt_jmp, 1);
}
__attribute__((noreturn)) void __wrap_abort(void) {
  c2safe_dt_code = 134;
  longjmp(c2safe_dt_jmp, 1);
}
int c2safe_dt_exit_code(void) { return c2safe_dt_code; }

/* 1: inside a live block (*rem = bytes from q to its end), 2: freed, 0: not ours */
int c2safe_dt_block(const void *q, size_t *rem) {
  const unsigned char *c = q;
  for (size_t i = nblk; i-- > 0;) {
    unsigned char *p = blks[i].p;
    if ((c >= p && c < p + blks[i].n) || (c == p && blks[i].n == 0)) {
      *rem = (size_t)(p + blks[i].n - c);
      return blks[i].state;
    }
  }
  return 0;
}

int c2safe_dt_check(void) {
  int bad = 0;
  for (size_t i = 0; i < nblk; i++) {
    unsigned char *p = blks[i].p + blks[i].n;
    for (int k = 0; k < CANARY; k++)
      if (p[k] != 0xA5) { bad++; break; }
  }
  return bad;
}

void c2safe_dt_reset(void) {
  for (size_t i = 0; i < nblk; i++) __real_free(blks[i].p);
  nblk = 0;
}
""".replace("__CANARY__", str(CANARY))

WRAPPED = ("malloc", "calloc", "realloc", "free", "exit", "abort")


class BuildError(Exception):
    """A build failed. ``bad``: plan index -> the compiler's message, for the failures that
    could be pinned on functions (the caller drops those and builds again)."""

    def __init__(self, what: str, output: str, bad: dict[int, str] | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.output = output
        self.bad = bad or {}


def _owner(text: str, line: int, pattern: str) -> int | None:
    """The number in the last ``pattern`` match at or before 1-based ``line``."""
    lines = text.splitlines()
    rx = re.compile(pattern)
    for i in range(min(line, len(lines)) - 1, -1, -1):
        m = rx.search(lines[i])
        if m:
            return int(m.group(1))
    return None


def _uses(shape: Shape | None, structs: dict[str, list[tuple[str, Shape]]]) -> set[str]:
    """Every struct a shape reaches."""
    out: set[str] = set()
    todo = [shape]
    while todo:
        s = todo.pop()
        if isinstance(s, BufS | ArrS):
            todo.append(s.elem)
        elif isinstance(s, StructS) and s.name not in out:
            out.add(s.name)
            todo.extend(fs for _, fs in structs.get(s.name, []))
    return out


# ------------------------------------------------------------------ C side


def cflags(include_dirs: list[str], defines: list[str]) -> list[str]:
    out: list[str] = []
    for d in include_dirs:
        out += ["-I", d]
    for d in defines:
        out += ["-D", d]
    return out


def probe_spellings(unit: str, names: list[str], flags: list[str], work: Path) -> dict[str, str]:
    """How to spell each struct in C within ``unit``: ``Name`` (a typedef) or ``struct Name``."""
    if not names:
        return {}
    work.mkdir(parents=True, exist_ok=True)
    probe = work / f"probe_{Path(unit).stem}.c"
    head = f'#include "{unit}"\n'
    lines = [f"typedef {n} c2safe_probe_{i};" for i, n in enumerate(names)]
    probe.write_text(head + "\n".join(lines) + "\n")
    proc = subprocess.run(
        ["gcc", "-fsyntax-only", "-w", *flags, str(probe)], capture_output=True, text=True
    )
    bad: set[int] = set()
    for m in re.finditer(rf"{re.escape(probe.name)}:(\d+):\d+: error", proc.stderr):
        bad.add(int(m.group(1)) - 2)
    return {n: (f"struct {n}" if i in bad else n) for i, n in enumerate(names)}


def _c_arg(shape: Shape, i: int, spell: dict[str, str]) -> str:
    if isinstance(shape, ScalarS):
        return f"*({shape.c} *)a[{i}]"
    if isinstance(shape, StructS):
        return f"*({spell[shape.name]} *)a[{i}]"
    return f"a[{i}]"


def c_wrapper(unit: str, plans: list[tuple[int, FnPlan]], spell: dict[str, str]) -> str:
    out = [
        "/* Generated by c2safe difftest: the original C file and its trampolines. */",
        "#include <setjmp.h>",
        "#include <stddef.h>",
        "#include <stdint.h>",
        "#include <stdbool.h>",
        f'#include "{unit}"',
        "",
        "extern jmp_buf c2safe_dt_jmp;",
        "",
    ]
    for k, p in plans:
        args = ", ".join(_c_arg(pa.shape, i, spell) for i, pa in enumerate(p.params))
        call = f"{p.c_name}({args})"
        if p.ret is None:
            stmt = f"{call};"
        elif isinstance(p.ret, ScalarS):
            stmt = f"*({p.ret.c} *)r = {call};"
        elif isinstance(p.ret, StructS):
            stmt = f"*({spell[p.ret.name]} *)r = {call};"
        else:
            stmt = f"*(void **)r = (void *){call};"
        out += [
            f"/* {p.key} ({p.location}) */",
            f"int c2safe_dt_call_{k}(void **a, void *r) {{",
            "  (void)a; (void)r;",
            "  if (setjmp(c2safe_dt_jmp)) return 1;",
            f"  {stmt}",
            "  return 0;",
            "}",
            "",
        ]
    return "\n".join(out)


def build_c(
    work: Path,
    sources: list[str],
    flags: dict[str, list[str]],
    plans: list[FnPlan],
    log_lines: list[str],
) -> Path:
    """Compile the wrappers and the runtime into ``work/lib/libc2safe_dt.so``.

    ``flags``: each C file's ``-I``/``-D`` flags.
    """
    if shutil.which("gcc") is None:
        raise BuildError("gcc not found on PATH", "")
    cdir = work / "c"
    cdir.mkdir(parents=True, exist_ok=True)
    by_unit: dict[str, list[tuple[int, FnPlan]]] = {}
    for k, p in enumerate(plans):
        by_unit.setdefault(p.unit, []).append((k, p))
    files = [cdir / "rt.c"]
    file_flags: dict[Path, list[str]] = {cdir / "rt.c": []}
    (cdir / "rt.c").write_text(RT_C)
    for unit in sources:
        needed = sorted(
            {
                s.name
                for _, p in by_unit.get(unit, [])
                for s in [*(pa.shape for pa in p.params), p.ret]
                if isinstance(s, StructS)
            }
        )
        spell = probe_spellings(unit, needed, flags.get(unit, []), cdir)
        f = cdir / f"wrap_{Path(unit).stem}.c"
        f.write_text(c_wrapper(unit, by_unit.get(unit, []), spell))
        files.append(f)
        file_flags[f] = flags.get(unit, [])
    procs = []
    for f in files:
        obj = f.with_suffix(".o")
        cmd = ["gcc", "-c", "-fPIC", "-O1", "-w", *file_flags[f], str(f), "-o", str(obj)]
        procs.append((f, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)))
    errors = []
    bad: dict[int, str] = {}
    for f, pr in procs:
        _, raw = pr.communicate()
        if pr.returncode == 0:
            continue
        err = raw.decode(errors="replace")
        errors.append(f"{f.name}:\n{err[-4000:]}")
        text = f.read_text()
        for m in re.finditer(r"^([^:\n]+):(\d+):\d+: error: (.*)$", err, re.M):
            if Path(m.group(1)).name == f.name:
                tramp = _owner(text, int(m.group(2)), r"int c2safe_dt_call_(\d+)\(")
                if tramp is not None:
                    bad.setdefault(tramp, f"gcc: {m.group(3)}")
                    continue
            # an error in the C file itself: every function of that unit is lost
            stem = f.stem[len("wrap_") :]
            for k, p in enumerate(plans):
                if Path(p.unit).stem == stem:
                    bad.setdefault(k, f"gcc cannot compile {Path(p.unit).name}: {m.group(3)}")
    if errors:
        raise BuildError("gcc could not compile the original C", "\n".join(errors), bad)
    lib = work / "lib" / "libc2safe_dt.so"
    lib.parent.mkdir(parents=True, exist_ok=True)
    wrap = "-Wl," + ",".join(f"--wrap={w}" for w in WRAPPED)
    cmd = ["gcc", "-shared", "-fPIC", "-O1", wrap, "-o", str(lib)]
    cmd += [str(f.with_suffix(".o")) for f in files]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildError("gcc could not link the C library", proc.stderr[-4000:])
    log_lines.append(" ".join(cmd))
    return lib


# ------------------------------------------------------------------ Rust side

RUST_RUNTIME = r"""
use std::ffi::c_void;
use std::io::Write;
use std::os::raw::c_int;

extern "C" {
    fn c2safe_dt_alloc(n: usize) -> *mut c_void;
    fn c2safe_dt_block(p: *const c_void, rem: *mut usize) -> c_int;
    fn c2safe_dt_check() -> c_int;
    fn c2safe_dt_reset();
    fn c2safe_dt_exit_code() -> c_int;
}

trait Le: Copy {
    const N: usize;
    fn get(b: &[u8]) -> Self;
    fn put(self, o: &mut Vec<u8>);
}
macro_rules! le {
    ($($t:ty),*) => {$(
        impl Le for $t {
            const N: usize = std::mem::size_of::<$t>();
            fn get(b: &[u8]) -> Self { <$t>::from_le_bytes(b[..Self::N].try_into().unwrap()) }
            fn put(self, o: &mut Vec<u8>) { o.extend_from_slice(&self.to_le_bytes()) }
        }
    )*};
}
le!(u8, i8, u16, i16, u32, i32, u64, i64, u128, i128, usize, isize);
impl Le for bool {
    const N: usize = 1;
    fn get(b: &[u8]) -> Self { b[0] != 0 }
    fn put(self, o: &mut Vec<u8>) { o.push(self as u8) }
}

struct Rd<'a> { it: std::str::SplitAsciiWhitespace<'a> }
impl<'a> Rd<'a> {
    fn tok(&mut self) -> &'a str { self.it.next().expect("c2safe difftest: short case line") }
    fn int(&mut self) -> u128 {
        let t = self.tok();
        match t.strip_prefix('-') {
            Some(neg) => (neg.parse::<u128>().unwrap() as i128).wrapping_neg() as u128,
            None => t.parse::<u128>().unwrap(),
        }
    }
    fn bytes(&mut self) -> Vec<u8> {
        let t = self.tok();
        if t == "." { return Vec::new(); }
        (0..t.len() / 2).map(|i| u8::from_str_radix(&t[2 * i..2 * i + 2], 16).unwrap()).collect()
    }
    fn vec<T: Le>(&mut self) -> Vec<T> {
        let b = self.bytes();
        b.chunks(T::N).map(T::get).collect()
    }
    fn arr<T: Le + std::fmt::Debug, const K: usize>(&mut self) -> [T; K] {
        self.vec::<T>().try_into().unwrap()
    }
}

fn hex_bytes(b: &[u8], o: &mut String) {
    const H: &[u8; 16] = b"0123456789abcdef";
    o.push('"');
    for x in b { o.push(H[(x >> 4) as usize] as char); o.push(H[(x & 15) as usize] as char); }
    o.push('"');
}
fn hex_slice<T: Le>(v: &[T], o: &mut String) {
    let mut b = Vec::with_capacity(v.len() * T::N);
    for x in v { x.put(&mut b); }
    hex_bytes(&b, o);
}
fn list<T>(v: &[T], o: &mut String, f: impl Fn(&T, &mut String)) {
    o.push('[');
    for (i, x) in v.iter().enumerate() { if i > 0 { o.push(','); } f(x, o); }
    o.push(']');
}
fn num<T: std::fmt::Display>(v: T, o: &mut String) { o.push_str(&v.to_string()); }
fn jstr(s: &str, o: &mut String) {
    o.push('"');
    for ch in s.chars() {
        match ch {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
}
fn panic_msg(e: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = e.downcast_ref::<&str>() { s.to_string() }
    else if let Some(s) = e.downcast_ref::<String>() { s.clone() }
    else { "panic".to_string() }
}

unsafe fn c_buf<T: Le>(v: &[T]) -> *mut c_void {
    let mut b = Vec::with_capacity(v.len() * T::N);
    for x in v { x.put(&mut b); }
    let p = c2safe_dt_alloc(b.len());
    std::ptr::copy_nonoverlapping(b.as_ptr(), p as *mut u8, b.len());
    p
}
unsafe fn c_structs<T, C>(v: &[T], f: impl Fn(&T) -> C) -> *mut c_void {
    let p = c2safe_dt_alloc(std::mem::size_of::<C>() * v.len());
    for (i, x) in v.iter().enumerate() { std::ptr::write((p as *mut C).add(i), f(x)); }
    p
}
/// A pointer the C may have changed: its block decides the length.
unsafe fn c_extent(p: *const c_void, o: &mut String) -> Option<usize> {
    if p.is_null() { o.push_str("\"\""); return None; }
    let mut rem: usize = 0;
    match c2safe_dt_block(p, &mut rem) {
        1 => Some(rem),
        2 => { o.push_str("\"~freed\""); None }
        _ => { o.push_str("\"~untracked\""); None }
    }
}
unsafe fn enc_c_ptr<T: Le>(p: *const c_void, o: &mut String) {
    if let Some(rem) = c_extent(p, o) {
        let n = rem / T::N * T::N;
        hex_bytes(std::slice::from_raw_parts(p as *const u8, n), o);
    }
}
unsafe fn enc_c_ptr_structs<C>(p: *const c_void, o: &mut String, f: impl Fn(&C, &mut String)) {
    if let Some(rem) = c_extent(p, o) {
        let n = rem / std::mem::size_of::<C>();
        list(std::slice::from_raw_parts(p as *const C, n), o, f);
    }
}
/// A buffer the harness allocated: known length, unless the C freed it.
unsafe fn enc_c_known<T: Le>(p: *const c_void, len: usize, o: &mut String) {
    let mut rem: usize = 0;
    if c2safe_dt_block(p, &mut rem) == 2 { o.push_str("\"~freed\""); return; }
    hex_bytes(std::slice::from_raw_parts(p as *const u8, len * T::N), o);
}
unsafe fn enc_c_known_structs<C>(
    p: *const c_void, len: usize, o: &mut String, f: impl Fn(&C, &mut String),
) {
    let mut rem: usize = 0;
    if c2safe_dt_block(p, &mut rem) == 2 { o.push_str("\"~freed\""); return; }
    list(std::slice::from_raw_parts(p as *const C, len), o, f);
}
"""

RUST_MAIN = r"""
fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let path = std::env::args().nth(1).expect("usage: harness CASES");
    let text = std::fs::read_to_string(path).expect("cannot read the cases");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in text.lines() {
        let mut r = Rd { it: line.split_ascii_whitespace() };
        let fid = r.int() as usize;
        let cid = r.int();
        writeln!(out, "B {}", cid).unwrap();
        out.flush().unwrap();
        let mut o = String::new();
        unsafe { dispatch(fid, &mut r, &mut o); }
        writeln!(out, "R {} {}", cid, o).unwrap();
        out.flush().unwrap();
    }
}
"""


@dataclass
class RustGen:
    crate: str
    structs: dict[str, list[tuple[str, Shape]]]
    struct_modules: dict[str, str]
    borrowed: set[str] = field(default_factory=set)
    lines: list[str] = field(default_factory=list)

    # ---- type spellings
    def is_view(self, s: BufS) -> bool:
        return isinstance(s.elem, StructS) and s.elem.name in self.borrowed

    def rpath(self, name: str) -> str:
        return f"{self.crate}::{self.struct_modules[name]}::{name}"

    def cty(self, s: Shape) -> str:
        if isinstance(s, ScalarS):
            return "u8" if s.rust == "bool" else s.rust
        if isinstance(s, StructS):
            return f"C_{s.name}"
        if isinstance(s, BufS):
            return "*mut c_void"
        return f"[{self.cty(s.elem)}; {s.n}]"

    # ---- code for one value of a shape; ``v`` is a Rust expression (a place)
    def read(self, s: Shape) -> str:
        if isinstance(s, ScalarS):
            return "(r.int() != 0)" if s.rust == "bool" else f"(r.int() as {s.rust})"
        if isinstance(s, StructS):
            return f"rd_{s.name}(r)"
        if isinstance(s, BufS):
            if isinstance(s.elem, ScalarS):
                return f"r.vec::<{s.elem.rust}>()"
            return (
                "{ let n = r.int() as usize; "
                f"(0..n).map(|_| rd_{s.elem.name}(r)).collect::<Vec<_>>() }}"
            )
        if isinstance(s.elem, ScalarS):
            return f"r.arr::<{s.elem.rust}, {s.n}>()"
        return f"std::array::from_fn(|_| rd_{s.elem.name}(r))"

    def to_c(self, s: Shape, v: str) -> str:
        if isinstance(s, ScalarS):
            return f"({v} as u8)" if s.rust == "bool" else v
        if isinstance(s, StructS):
            return f"to_c_{s.name}(&{v})"
        if isinstance(s, BufS):
            if isinstance(s.elem, ScalarS):
                return f"c_buf(&{v}[..])"
            return f"c_structs(&{v}[..], |x| to_c_{s.elem.name}(x))"
        if isinstance(s.elem, ScalarS):
            if s.elem.rust == "bool":
                return f"std::array::from_fn(|i| {v}[i] as u8)"
            return v
        return f"std::array::from_fn(|i| to_c_{s.elem.name}(&{v}[i]))"

    def enc(self, s: Shape, v: str) -> str:
        """Encode a Rust value (statement)."""
        if isinstance(s, ScalarS):
            return f"num({v} as u8, o);" if s.rust == "bool" else f"num({v}, o);"
        if isinstance(s, StructS):
            return f"enc_{s.name}(&{v}, o);"
        if isinstance(s, ScalarS | ArrS | BufS) and isinstance(s.elem, ScalarS):
            return f"hex_slice(&{v}[..], o);"
        assert isinstance(s, BufS | ArrS) and isinstance(s.elem, StructS)
        return f"list(&{v}[..], o, |x, o| enc_{s.elem.name}(x, o));"

    def enc_c(self, s: Shape, v: str) -> str:
        """Encode a C mirror value (statement); pointers are measured by their block."""
        if isinstance(s, ScalarS):
            return f"num({v}, o);"
        if isinstance(s, StructS):
            return f"enc_c_{s.name}(&{v}, o);"
        if isinstance(s, BufS):
            if isinstance(s.elem, ScalarS):
                return f"enc_c_ptr::<{self.cty(s.elem)}>({v} as *const c_void, o);"
            n = s.elem.name
            return f"enc_c_ptr_structs::<C_{n}>({v} as *const c_void, o, |x, o| enc_c_{n}(x, o));"
        if isinstance(s.elem, ScalarS):
            return f"hex_slice(&{v}[..], o);"
        return f"list(&{v}[..], o, |x, o| enc_c_{s.elem.name}(x, o));"

    # ---- structs
    def gen_struct(self, name: str) -> None:
        """Mirror, reader, C converter and both encoders of one struct.

        An owned or plain struct is read straight into the crate's type. A borrowed one
        (``S<'a>``, slice fields) is read into a harness-owned ``O_S`` holding ``Vec``s,
        and ``view_S`` lends it out as the crate's ``S<'_>``.
        """
        from translator.cir_to_rust import ident

        fields = self.structs[name]
        rp = self.rpath(name)
        borrowed = name in self.borrowed
        out = self.lines
        out.append("#[repr(C)]\n#[derive(Clone, Copy)]")
        out.append(f"struct C_{name} {{")
        for i, (_f, s) in enumerate(fields):
            out.append(f"    f{i}: {self.cty(s)},")
        out.append("}")
        if borrowed:
            out.append(f"struct O_{name} {{")
            for i, (_f, s) in enumerate(fields):
                out.append(f"    f{i}: {self.owned_ty(s)},")
            out.append("}")
            out.append(f"fn rd_{name}(r: &mut Rd) -> O_{name} {{")
            out.append(f"    O_{name} {{")
            for i, (_f, s) in enumerate(fields):
                out.append(f"        f{i}: {self.read(s)},")
            out.append("    }")
            out.append("}")
            out.append(f"fn view_{name}(o: &mut O_{name}) -> {rp}<'_> {{")
            out.append(f"    {rp} {{")
            for i, (f, s) in enumerate(fields):
                out.append(f"        {ident(f)}: {self.view(s, f'o.f{i}')},")
            out.append("    }")
            out.append("}")
            out.append(f"unsafe fn to_c_{name}(v: &O_{name}) -> C_{name} {{")
            out.append(f"    C_{name} {{")
            for i, (_f, s) in enumerate(fields):
                out.append(f"        f{i}: {self.to_c(s, f'v.f{i}')},")
            out.append("    }")
            out.append("}")
            out.append(f"fn enc_{name}(v: &{rp}<'_>, o: &mut String) {{")
        else:
            out.append(f"fn rd_{name}(r: &mut Rd) -> {rp} {{")
            out.append(f"    {rp} {{")
            for f, s in fields:
                rd = self.read(s)
                if isinstance(s, BufS):
                    rd = f"{rd}.into_boxed_slice()"
                out.append(f"        {ident(f)}: {rd},")
            out.append("    }")
            out.append("}")
            out.append(f"unsafe fn to_c_{name}(v: &{rp}) -> C_{name} {{")
            out.append(f"    C_{name} {{")
            for i, (f, s) in enumerate(fields):
                out.append(f"        f{i}: {self.to_c(s, 'v.' + ident(f))},")
            out.append("    }")
            out.append("}")
            out.append(f"fn enc_{name}(v: &{rp}, o: &mut String) {{")
        out.append("    o.push('{');")
        for i, (f, s) in enumerate(fields):
            sep = "," if i else ""
            out.append(f"    o.push_str({json.dumps(sep + json.dumps(f) + ':')});")
            out.append("    " + self.enc(s, "v." + ident(f)))
        out.append("    o.push('}');")
        out.append("}")
        out.append(f"unsafe fn enc_c_{name}(v: &C_{name}, o: &mut String) {{")
        out.append("    o.push('{');")
        for i, (f, s) in enumerate(fields):
            sep = "," if i else ""
            out.append(f"    o.push_str({json.dumps(sep + json.dumps(f) + ':')});")
            out.append("    " + self.enc_c(s, f"v.f{i}"))
        out.append("    o.push('}');")
        out.append("}")
        out.append("")

    def owned_ty(self, s: Shape) -> str:
        """A field of a borrowed struct's harness-owned mirror."""
        if isinstance(s, ScalarS):
            return s.rust
        if isinstance(s, StructS):
            return f"O_{s.name}" if s.name in self.borrowed else self.rpath(s.name)
        if isinstance(s, BufS):
            assert isinstance(s.elem, ScalarS)
            return f"Vec<{s.elem.rust}>"
        el = s.elem.rust if isinstance(s.elem, ScalarS) else self.rpath(s.elem.name)
        return f"[{el}; {s.n}]"

    def view(self, s: Shape, v: str) -> str:
        if isinstance(s, BufS):
            return f"&mut {v}[..]" if s.mut else f"&{v}[..]"
        if isinstance(s, StructS) and s.name in self.borrowed:
            return f"view_{s.name}(&mut {v})"
        if isinstance(s, ScalarS):
            return v
        return f"{v}.clone()"

    # ---- functions
    def gen_case(self, k: int, p: FnPlan) -> None:
        out = self.lines
        out.append(f"// {p.key} ({p.location})")
        out.append(f"unsafe fn case_{k}(r: &mut Rd, o: &mut String) {{")
        for i, pa in enumerate(p.params):
            out.append(f"    let mut a{i} = {self.read(pa.shape)};")
        # C
        cargs = []
        for i, pa in enumerate(p.params):
            s = pa.shape
            if isinstance(s, BufS):
                out.append(f"    let c{i}: *mut c_void = {self.to_c(s, f'a{i}')};")
                cargs.append(f"c{i}")
            else:
                out.append(f"    let mut c{i}: {self.cty(s)} = {self.to_c(s, f'a{i}')};")
                cargs.append(f"&mut c{i} as *mut {self.cty(s)} as *mut c_void")
        out.append(f"    let mut args: [*mut c_void; {len(cargs)}] = [{', '.join(cargs)}];")
        ret = p.ret
        if ret is None:
            out.append("    let mut cret: u8 = 0;")
            cty = "u8"
        elif isinstance(ret, BufS):
            out.append("    let mut cret: *mut c_void = std::ptr::null_mut();")
            cty = "*mut c_void"
        else:
            cty = self.cty(ret)
            out.append(f"    let mut cret: {cty} = std::mem::zeroed();")
        out.append(
            f"    let rc = c2safe_dt_call_{k}(args.as_mut_ptr(), "
            f"&mut cret as *mut {cty} as *mut c_void);"
        )
        out.append('    o.push_str("{\\"c\\":");')
        out.append("    if rc != 0 {")
        out.append(
            '        o.push_str("{\\"exit\\":"); num(c2safe_dt_exit_code(), o); o.push(\'}\');'
        )
        out.append("    } else if c2safe_dt_check() != 0 {")
        out.append(
            '        o.push_str("{\\"overflow\\":"); num(c2safe_dt_check(), o); o.push(\'}\');'
        )
        out.append("    } else {")
        out.append('        o.push_str("{\\"ok\\":1,\\"ret\\":");')
        if ret is None:
            out.append('        o.push_str("null");')
        else:
            out.append("        " + self.enc_c(ret, "cret"))
        out.append('        o.push_str(",\\"args\\":{");')
        first = True
        for i, pa in enumerate(p.params):
            s = pa.shape
            if not isinstance(s, BufS):
                continue
            sep = "" if first else ","
            first = False
            key = json.dumps(sep + json.dumps(pa.name) + ":")
            out.append(f"        o.push_str({key});")
            if isinstance(s.elem, ScalarS):
                t = self.cty(s.elem)
                out.append(f"        enc_c_known::<{t}>(c{i} as *const c_void, a{i}.len(), o);")
            else:
                out.append(
                    f"        enc_c_known_structs::<C_{s.elem.name}>(c{i} as *const c_void, "
                    f"a{i}.len(), o, |x, o| enc_c_{s.elem.name}(x, o));"
                )
        out.append('        o.push_str("}}");')
        out.append("    }")
        out.append("    c2safe_dt_reset();")
        # Rust (a borrowed struct buffer is lent out as views of its owned mirrors)
        rargs = []
        for i, pa in enumerate(p.params):
            s = pa.shape
            if isinstance(s, BufS) and self.is_view(s):
                assert isinstance(s.elem, StructS)
                out.append(
                    f"    let mut a{i} = a{i}.iter_mut().map(|x| view_{s.elem.name}(x))"
                    ".collect::<Vec<_>>();"
                )
            if isinstance(s, BufS):
                rargs.append(f"&mut a{i}[..]" if s.mut else f"&a{i}[..]")
            elif isinstance(s, StructS):
                rargs.append(f"a{i}.clone()")
            else:
                rargs.append(f"a{i}")
        path = f"{self.crate}::{p.module}::{wrapper_name(p)}"
        out.append('    o.push_str(",\\"r\\":");')
        out.append(
            "    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| "
            f"{path}({', '.join(rargs)})));"
        )
        out.append("    match res {")
        out.append("        Ok(ret) => {")
        out.append('            o.push_str("{\\"ok\\":1,\\"ret\\":");')
        if ret is None:
            out.append("            let _ = ret;")
            out.append('            o.push_str("null");')
        else:
            out.append("            " + self.enc(ret, "ret"))
        out.append('            o.push_str(",\\"args\\":{");')
        first = True
        for i, pa in enumerate(p.params):
            s = pa.shape
            if not isinstance(s, BufS):
                continue
            sep = "" if first else ","
            first = False
            key = json.dumps(sep + json.dumps(pa.name) + ":")
            out.append(f"            o.push_str({key});")
            out.append("            " + self.enc(s, f"a{i}"))
        out.append('            o.push_str("}}");')
        out.append("        }")
        out.append("        Err(e) => {")
        out.append(
            '            o.push_str("{\\"panic\\":"); jstr(&panic_msg(e), o); o.push(\'}\');'
        )
        out.append("        }")
        out.append("    }")
        out.append("    o.push('}');")
        out.append("}")
        out.append("")

    def program(self, plans: list[FnPlan]) -> str:
        self.lines = [
            "//! Generated by c2safe difftest: runs the original C and the translation.",
            "#![allow(unused_mut, unused_unsafe, unused_variables, non_snake_case, "
            "non_camel_case_types, dead_code, clippy::all)]",
            RUST_RUNTIME,
            'extern "C" {',
        ]
        for k in range(len(plans)):
            self.lines.append(
                f"    fn c2safe_dt_call_{k}(a: *mut *mut c_void, r: *mut c_void) -> c_int;"
            )
        self.lines.append("}")
        self.lines.append("")
        for name in sorted(self.structs):
            self.gen_struct(name)
        for k, p in enumerate(plans):
            self.gen_case(k, p)
        self.lines.append("unsafe fn dispatch(fid: usize, r: &mut Rd, o: &mut String) {")
        self.lines.append("    match fid {")
        for k in range(len(plans)):
            self.lines.append(f"        {k} => case_{k}(r, o),")
        self.lines.append('        _ => panic!("c2safe difftest: unknown function id"),')
        self.lines.append("    }")
        self.lines.append("}")
        self.lines.append(RUST_MAIN)
        return "\n".join(self.lines)


def wrapper_name(p: FnPlan) -> str:
    """The name the harness calls: the function itself if it is ``pub``, else its wrapper."""
    return p.rust_name if p.public else f"c2safe_dt_{p.c_name}"


def forwarding_wrapper(p: FnPlan) -> str:
    """``pub fn c2safe_dt_<name>`` with the translated signature, calling the private one."""
    from translator.cir_to_rust import ident

    m = re.match(r"^(?:pub )?fn (?:r#)?\w+\(", p.rust_sig)
    if not m:
        raise BuildError(f"unexpected signature for `{p.key}`: {p.rust_sig}", "")
    sig = f"pub fn {wrapper_name(p)}(" + p.rust_sig[m.end() :]
    args = ", ".join(ident(pa.name) for pa in p.params)
    return f"#[doc(hidden)]\n{sig} {{\n    {p.rust_name}({args})\n}}\n"


def copy_crate(out: Path, dest: Path, plans: list[FnPlan]) -> str:
    """Copy the translated crate (sources only); to each module, append a ``pub``
    forwarding wrapper for each private function under test (static and header helpers),
    so the harness can call it without changing what the crate's own names resolve to.

    Returns the crate's package name.
    """
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy2(out / "Cargo.toml", dest / "Cargo.toml")
    shutil.copytree(out / "src", dest / "src")
    extra: dict[str, list[str]] = {}
    for p in plans:
        if not p.public:
            extra.setdefault(p.module, []).append(forwarding_wrapper(p))
    for mod, wrappers in extra.items():
        f = dest / "src" / f"{mod}.rs"
        f.write_text(
            f.read_text()
            + "\n// c2safe difftest: access to private functions\n"
            + "\n".join(wrappers)
        )
    m = re.search(r'^name\s*=\s*"([^"]+)"', (out / "Cargo.toml").read_text(), re.M)
    if not m:
        raise BuildError(f"no package name in {out / 'Cargo.toml'}", "")
    return m.group(1)


def harness_cargo_toml(crate: str) -> str:
    return (
        "[package]\n"
        'name = "c2safe_difftest_harness"\n'
        'version = "0.0.0"\n'
        'edition = "2021"\n'
        "publish = false\n"
        'build = "build.rs"\n\n'
        "[dependencies]\n"
        f'{crate} = {{ path = "../crate" }}\n\n'
        "[profile.dev]\n"
        "opt-level = 1\n"
        "debug = false\n"
        "overflow-checks = true\n"
        "incremental = false\n\n"
        "[workspace]\n"
    )


def build_rs(libdir: Path) -> str:
    d = str(libdir.resolve())
    return (
        "fn main() {\n"
        f'    println!("cargo:rustc-link-search=native={d}");\n'
        '    println!("cargo:rustc-link-lib=dylib=c2safe_dt");\n'
        f'    println!("cargo:rustc-link-arg=-Wl,-rpath,{d}");\n'
        "}\n"
    )


def build_harness(
    work: Path,
    out: Path,
    lib: Path,
    plans: list[FnPlan],
    structs: dict[str, list[tuple[str, Shape]]],
    struct_modules: dict[str, str],
    borrowed: set[str],
) -> Path:
    """Write and build the harness package; return the binary."""
    if shutil.which("cargo") is None:
        raise BuildError("cargo not found on PATH", "")
    crate = copy_crate(out, work / "crate", plans)
    h = work / "harness"
    (h / "src").mkdir(parents=True, exist_ok=True)
    (h / "Cargo.toml").write_text(harness_cargo_toml(crate))
    (h / "build.rs").write_text(build_rs(lib.parent))
    gen = RustGen(crate, structs, struct_modules, borrowed)
    (h / "src" / "main.rs").write_text(gen.program(plans))
    env = dict(os.environ, CARGO_TARGET_DIR=str(work / "target"))
    proc = subprocess.run(
        ["cargo", "build", "--offline", "--message-format=json"],
        cwd=h,
        capture_output=True,
        text=True,
        env=env,
    )
    if proc.returncode != 0:
        main_rs = (h / "src" / "main.rs").read_text()
        bad: dict[int, str] = {}
        rendered: list[str] = []
        for line in proc.stdout.splitlines():
            if not line.startswith("{"):
                continue
            msg = json.loads(line)
            if msg.get("reason") != "compiler-message":
                continue
            m = msg["message"]
            if m.get("level") != "error":
                continue
            rendered.append(str(m.get("rendered", "")))
            for sp in m.get("spans", []):
                if not sp.get("is_primary") or not sp["file_name"].endswith("main.rs"):
                    continue
                owner = _item_owner(main_rs, int(sp["line_start"]))
                text = f"rustc: {m.get('message')}"
                if owner is not None and owner[0] == "case":
                    bad.setdefault(int(owner[1]), text)
                elif owner is not None:
                    for i, p in enumerate(plans):
                        shapes = [*(pa.shape for pa in p.params), p.ret]
                        if any(owner[1] in _uses(sh, structs) for sh in shapes):
                            bad.setdefault(i, f"{text} (in the harness code for `{owner[1]}`)")
        detail = "\n".join(rendered)[-6000:] or proc.stderr[-6000:]
        raise BuildError("cargo could not build the harness", detail, bad)
    return work / "target" / "debug" / "c2safe_difftest_harness"


_ITEM = re.compile(
    r"^(?:unsafe fn case_(\d+)\(|(?:unsafe )?fn (?:rd|to_c|enc_c|enc|view)_(\w+)\(|"
    r"struct [CO]_(\w+) \{)"
)


def _item_owner(text: str, line: int) -> tuple[str, str] | None:
    """Which generated item holds 1-based ``line``: ("case", k) or ("struct", name)."""
    lines = text.splitlines()
    for i in range(min(line, len(lines)) - 1, -1, -1):
        m = _ITEM.match(lines[i])
        if m:
            if m.group(1) is not None:
                return ("case", m.group(1))
            return ("struct", m.group(2) or m.group(3))
        if lines[i].startswith(("unsafe fn dispatch", "fn main")):
            return None
    return None


# ------------------------------------------------------------------ running


@dataclass
class RunResult:
    results: dict[int, dict[str, object]]  # case id -> {"c": ..., "r": ...}
    crashed: dict[int, str]  # case id -> what happened
    seconds: float


def run_cases(
    binary: Path, lines: list[tuple[int, str]], work: Path, case_timeout: float = 30.0
) -> RunResult:
    """Run ``(case id, line)`` pairs; a crash or hang is pinned on its case and the rest rerun."""
    t0 = time.monotonic()
    results: dict[int, dict[str, object]] = {}
    crashed: dict[int, str] = {}
    pending = list(lines)
    attempt = 0
    while pending:
        attempt += 1
        path = work / f"cases_{attempt}.txt"
        path.write_text("".join(line + "\n" for _, line in pending))
        proc = subprocess.Popen(
            [str(binary), str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=work,
        )
        assert proc.stdout is not None
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        current: int | None = None
        buf = b""
        hung = False
        while True:
            ready = sel.select(timeout=case_timeout)
            if not ready:
                hung = True
                proc.kill()
                break
            chunk = os.read(proc.stdout.fileno(), 1 << 16)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                line = raw.decode(errors="replace")
                if line.startswith("B "):
                    current = int(line[2:])
                elif line.startswith("R "):
                    cid_s, _, payload = line[2:].partition(" ")
                    results[int(cid_s)] = json.loads(payload)
                    current = None
        proc.wait()
        sel.close()
        done = set(results) | set(crashed)
        if current is not None and current not in results:
            if hung:
                crashed[current] = f"no answer within {case_timeout:.0f}s (killed)"
            else:
                crashed[current] = f"the harness died (exit status {proc.returncode})"
            done.add(current)
        rest = [(c, line) for c, line in pending if c not in done]
        if len(rest) == len(pending):  # no progress: give up on all of them
            for c, _ in rest:
                crashed[c] = f"the harness did not run (exit status {proc.returncode})"
            break
        pending = rest
    return RunResult(results, crashed, time.monotonic() - t0)

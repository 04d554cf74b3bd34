# ruff: noqa: E501 - lines are C and Rust source templates
"""Seeded test cases for the libc runtime, written as a C program and a Rust program that
must print the same bytes (the C one is built with gcc against glibc)."""

from __future__ import annotations

import random
import struct
from dataclasses import dataclass

INT_VALUES = [
    0, 1, -1, 7, 42, -42, 127, 128, -128, 255, 256, 1000, 32767, -32768, 65535, 65536,
    2147483647, -2147483648, 4294967295, 4294967296, 9223372036854775807,
    -9223372036854775808, 123456789012, -987654321,
]  # fmt: skip
FLOAT_VALUES = [
    0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.1, 0.125, 123.456, -123.456, 1e-5, 1e-10,
    9.9999, 99.99, 999999.5, 1e15, 1e16, 1e21, 1e100, 1e300, 1.7976931348623157e308,
    2.2250738585072014e-308, 5e-324, 3.14159265358979, 6.02214076e23, 0.000123456,
    float("inf"), float("-inf"), float("nan"),
]  # fmt: skip
STRINGS = ["", "a", "hello", "hello, world", "tab\there", "x" * 40]

INT_LENGTHS = {"hh": "int", "h": "int", "": "int", "l": "long", "ll": "long long", "z": "size_t"}


@dataclass
class Case:
    fmt: str  # the C format (printable ASCII)
    c_args: list[str]  # C argument expressions
    rust_args: list[str]  # Rust ``Arg`` expressions


def _flags(rng: random.Random, allowed: str) -> str:
    return "".join(f for f in allowed if rng.random() < 0.25)


def _width_prec(rng: random.Random, prec: bool = True) -> str:
    w = str(rng.choice([1, 2, 5, 8, 12, 20])) if rng.random() < 0.5 else ""
    p = ""
    if prec and rng.random() < 0.5:
        p = "." + str(rng.choice([0, 1, 2, 3, 5, 10, 17, 20]))
        if rng.random() < 0.1:
            p = "."
    return w + p


def _c_float(v: float) -> str:
    if v != v:
        return "NAN"
    if v in (float("inf"), float("-inf")):
        return "INFINITY" if v > 0 else "-INFINITY"
    return "-0.0" if (v == 0 and str(v).startswith("-")) else repr(v)


def _rust_float(v: float) -> str:
    if v != v:
        return "f64::NAN"
    if v in (float("inf"), float("-inf")):
        return "f64::INFINITY" if v > 0 else "f64::NEG_INFINITY"
    return f"f64::from_bits({struct.unpack('<Q', struct.pack('<d', v))[0]}u64)"


def _c_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def _rust_bytes(s: str) -> str:
    return 'b"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '\\0"'


def int_case(rng: random.Random) -> Case:
    conv = rng.choice("diuxXo")
    length = rng.choice(list(INT_LENGTHS))
    v = rng.choice(INT_VALUES + [rng.randint(-(2**40), 2**40)])
    ctype = INT_LENGTHS[length]
    if conv in "uxXo":
        ctype = "unsigned " + ctype if ctype != "size_t" else ctype
    fmt = "%" + _flags(rng, "-+ #0") + _width_prec(rng) + length + conv
    bits = 32 if ctype in ("int", "unsigned int") else 64
    uv = v & ((1 << bits) - 1)
    signed = not ctype.startswith("unsigned") and ctype != "size_t"
    sv = uv - (1 << bits) if signed and uv >> (bits - 1) else uv
    c_arg = f"({ctype}){sv}{'ULL' if not signed else 'LL'}"
    rust = f"Arg::Int({sv}i64)" if signed else f"Arg::Uint({uv}u64)"
    if sv == -(2**63):
        c_arg, rust = f"({ctype})(-9223372036854775807LL - 1)", "Arg::Int(i64::MIN)"
    return Case(fmt, [c_arg], [rust])


def float_case(rng: random.Random) -> Case:
    conv = rng.choice("fFeEgGaA")
    v = rng.choice(
        FLOAT_VALUES + [rng.uniform(-1e6, 1e6), rng.random() * 10 ** rng.randint(-20, 20)]
    )
    fmt = "%" + _flags(rng, "-+ #0") + _width_prec(rng) + conv
    return Case(fmt, [_c_float(v)], [f"Arg::Float({_rust_float(v)})"])


def str_case(rng: random.Random) -> Case:
    if rng.random() < 0.3:
        c = rng.choice([65, 97, 48, 32, 126, 200])
        fmt = "%" + _flags(rng, "-") + _width_prec(rng, prec=False) + "c"
        return Case(fmt, [str(c)], [f"Arg::Int({c})"])
    s = rng.choice(STRINGS)
    fmt = "%" + _flags(rng, "-") + _width_prec(rng) + "s"
    return Case(fmt, [_c_string(s)], [f"Arg::Str({_rust_bytes(s)})"])


def star_case(rng: random.Random) -> Case:
    w, p = rng.choice([-8, 0, 3, 10]), rng.choice([-1, 0, 2, 6])
    v = rng.choice(FLOAT_VALUES[:20])
    return Case(
        "[%*.*f|%-*d|%.*s]",
        [str(w), str(p), _c_float(v), str(w), "42", str(max(p, 0)), '"abcdef"'],
        [
            f"Arg::Int({w})",
            f"Arg::Int({p})",
            f"Arg::Float({_rust_float(v)})",
            f"Arg::Int({w})",
            "Arg::Int(42)",
            f"Arg::Int({max(p, 0)})",
            'Arg::Str(b"abcdef\\0")',
        ],
    )


def printf_cases(seed: int, n: int) -> list[Case]:
    rng = random.Random(seed)
    cases = [
        Case("plain text %% and 100%%", [], []),
        Case("%p %p", ["(void *)0", "(void *)0x1234"], ["Arg::Ptr(0)", "Arg::Ptr(0x1234)"]),
        Case("%5.3d|%-5d|%05d|%+d|% d|%#x|%#o|%#.0o", ["7", "7", "-7", "7", "7", "255", "8", "0"],
             ["Arg::Int(7)", "Arg::Int(7)", "Arg::Int(-7)", "Arg::Int(7)", "Arg::Int(7)",
              "Arg::Uint(255)", "Arg::Uint(8)", "Arg::Uint(0)"]),
    ]  # fmt: skip
    makers = [int_case, int_case, float_case, float_case, float_case, str_case, star_case]
    while len(cases) < n:
        cases.append(rng.choice(makers)(rng))
    return cases


STRTOL_INPUTS = [
    ("0", 10), ("  42", 10), ("-17xyz", 10), ("+9", 0), ("0x1F", 0), ("0x", 16), ("0755", 0),
    ("zz", 36), ("9223372036854775807", 10), ("9223372036854775808", 10),
    ("-9223372036854775809", 10), ("18446744073709551616", 10), ("-1", 10), ("", 10),
    ("   ", 10), ("12abc", 16), ("1010", 2), ("0b11", 0), ("- 5", 10), ("0X7fz", 16),
]  # fmt: skip
STRTOD_INPUTS = [
    "0", "3.25", "  -1.5e3xyz", "1e-320", "1e400", "inf", "-Infinity", "nan", ".5", "5.",
    "abc", "1e", "1e+", "0x1p4", "0x1.8p1", "  +2.75E-2", "123456789012345678901234567890",
]  # fmt: skip


def c_program(cases: list[Case]) -> str:
    lines = [
        "#include <stdio.h>", "#include <stdlib.h>", "#include <string.h>",
        "#include <ctype.h>", "#include <math.h>", "#include <errno.h>", "#include <stddef.h>",
        "static void bits(double d) { unsigned long u; memcpy(&u, &d, 8); printf(\"%016lx\\n\", u); }",
        "int main(void) {",
    ]  # fmt: skip
    for c in cases:
        args = "".join(", " + a for a in c.c_args)
        lines.append(f"  printf({_c_string(c.fmt)}{args}); putchar(0x1e);")
    lines.append('  printf("\\nctype\\n");')
    lines.append("  for (int c = -1; c < 256; c++)")
    lines.append(
        '    printf("%d %d %d %d %d %d %d %d %d %d %d %d %d %d %d\\n", c, isalnum(c), isalpha(c), '
        "isblank(c), iscntrl(c), isdigit(c), isgraph(c), islower(c), isprint(c), ispunct(c), "
        "isspace(c), isupper(c), isxdigit(c), tolower(c), toupper(c));"
    )
    lines.append('  printf("rand\\n");')
    lines.append('  for (int i = 0; i < 5; i++) printf("%d\\n", rand());')
    for seed in (0, 1, 2, 42, 12345, 2147483648, 4294967295):
        lines.append(f'  srand({seed}u); for (int i = 0; i < 40; i++) printf("%d\\n", rand());')
    lines.append('  printf("strtol\\n");')
    for s, base in STRTOL_INPUTS:
        lines.append(
            f"  {{ char *e; errno = 0; const char *s = {_c_string(s)}; long v = strtol(s, &e, {base});"
            f" int e1 = errno; errno = 0; unsigned long u = strtoul(s, &e, {base});"
            f' printf("%ld %d %lu %d %d\\n", v, e1, u, errno, (int)(e - s)); }}'
        )
    lines.append('  printf("strtod\\n");')
    for s in STRTOD_INPUTS:
        lines.append(
            f"  {{ char *e; const char *s = {_c_string(s)}; double v = strtod(s, &e);"
            f' bits(v); printf("%d\\n", (int)(e - s)); }}'
        )
    lines.append('  printf("math\\n");')
    for expr in MATH:
        lines.append(f"  bits({expr[0]});")
    lines.append('  printf("string\\n");')
    for a, b in STRCMP:
        lines.append(
            f'  printf("%d %d %d\\n", strcmp({_c_string(a)}, {_c_string(b)}) > 0 ? 1 : '
            f"strcmp({_c_string(a)}, {_c_string(b)}) < 0 ? -1 : 0, "
            f'(int)strlen({_c_string(a)}), (int)strspn({_c_string(a)}, "abc"));'
        )
    lines += ["  return 0;", "}"]
    return "\n".join(lines) + "\n"


MATH = [
    ("sqrt(2.0)", "sqrt(2.0)"), ("pow(2.0, 0.5)", "pow(2.0, 0.5)"), ("pow(10.0, -3.0)", "pow(10.0, -3.0)"),
    ("fmod(10.5, 3.0)", "fmod(10.5, 3.0)"), ("fmod(-10.5, 3.0)", "fmod(-10.5, 3.0)"),
    ("floor(-2.5)", "floor(-2.5)"), ("ceil(-2.5)", "ceil(-2.5)"), ("round(2.5)", "round(2.5)"),
    ("round(-0.5)", "round(-0.5)"), ("trunc(-3.7)", "trunc(-3.7)"), ("rint(2.5)", "rint(2.5)"),
    ("rint(3.5)", "rint(3.5)"), ("fabs(-0.0)", "fabs(-0.0)"), ("ldexp(0.75, 10)", "ldexp(0.75, 10)"),
    ("ldexp(1.0, -1074)", "ldexp(1.0, -1074)"), ("hypot(3.0, 4.0)", "hypot(3.0, 4.0)"),
    ("atan2(1.0, -1.0)", "atan2(1.0, -1.0)"), ("exp(1.0)", "exp(1.0)"), ("log(10.0)", "log(10.0)"),
    ("sin(1.0)", "sin(1.0)"), ("cos(1.0)", "cos(1.0)"), ("tan(0.5)", "tan(0.5)"),
    ("log10(1000.0)", "log10(1000.0)"), ("cbrt(27.0)", "cbrt(27.0)"),
    ("fmin(1.0, 2.0)", "fmin(1.0, 2.0)"), ("copysign(3.0, -0.0)", "copysign(3.0, -0.0)"),
]  # fmt: skip
STRCMP = [("abc", "abd"), ("abc", "ab"), ("", ""), ("b", "a"), ("cab", "abc"), ("\x7f", "a")]


def rust_main(cases: list[Case]) -> str:
    lines = [
        "mod c2safe_libc;",
        "use c2safe_libc::*;",
        "fn bits(o: &mut Vec<u8>, d: f64) { o.extend(format!(\"{:016x}\\n\", d.to_bits()).bytes()); }",
        "fn main() {",
        "  let mut o: Vec<u8> = Vec::new();",
    ]  # fmt: skip
    for c in cases:
        args = ", ".join(c.rust_args)
        lines.append(f"  o.extend(format({_rust_bytes(c.fmt)}, &[{args}])); o.push(0x1e);")
    lines.append('  o.extend(b"\\nctype\\n");')
    lines.append("  for c in -1i32..256 {")
    lines.append(
        '    o.extend(format!("{} {} {} {} {} {} {} {} {} {} {} {} {} {} {}\\n", c, isalnum(c), '
        "isalpha(c), isblank(c), iscntrl(c), isdigit(c), isgraph(c), islower(c), isprint(c), "
        "ispunct(c), isspace(c), isupper(c), isxdigit(c), tolower(c), toupper(c)).bytes());"
    )
    lines.append("  }")
    lines.append('  o.extend(b"rand\\n");')
    lines.append('  for _ in 0..5 { o.extend(format!("{}\\n", rand()).bytes()); }')
    for seed in (0, 1, 2, 42, 12345, 2147483648, 4294967295):
        lines.append(
            f'  srand({seed}u32); for _ in 0..40 {{ o.extend(format!("{{}}\\n", rand()).bytes()); }}'
        )
    lines.append('  o.extend(b"strtol\\n");')
    for s, base in STRTOL_INPUTS:
        lines.append(
            f"  {{ let s = {_rust_bytes(s)}; set_errno(0); let (v, _) = strtol(s, {base}); let e1 = errno();"
            f" set_errno(0); let (u, e) = strtoul(s, {base});"
            f' o.extend(format!("{{}} {{}} {{}} {{}} {{}}\\n", v, e1, u, errno(), e).bytes()); }}'
        )
    lines.append('  o.extend(b"strtod\\n");')
    for s in STRTOD_INPUTS:
        lines.append(
            f"  {{ let (v, e) = strtod({_rust_bytes(s)}); bits(&mut o, v);"
            f' o.extend(format!("{{}}\\n", e).bytes()); }}'
        )
    lines.append('  o.extend(b"math\\n");')
    for expr in MATH:
        lines.append(f"  bits(&mut o, {expr[1]});")
    lines.append('  o.extend(b"string\\n");')
    for a, b in STRCMP:
        lines.append(
            f'  o.extend(format!("{{}} {{}} {{}}\\n", strcmp({_rust_bytes(a)}, {_rust_bytes(b)}).signum(),'
            f' strlen({_rust_bytes(a)}), strspn({_rust_bytes(a)}, b"abc\\0")).bytes());'
        )
    lines.append("  use std::io::Write; std::io::stdout().write_all(&o).unwrap();")
    lines.append("}")
    return "\n".join(lines) + "\n"

"""The libc runtime (``translator/libc_runtime.rs``) against glibc, byte for byte.

A seeded set of ``printf`` formats (flags, widths, precisions, length modifiers, every
conversion), ``ctype`` over -1..255, ``rand`` after several seeds, ``strtol``/``strtoul``
end offsets and errno, ``strtod`` bits, ``math.h`` bits and string comparisons are printed
by a gcc-built C program and by a Rust program that uses the runtime; the outputs must be
identical.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.libc_runtime.cases import c_program, printf_cases, rust_main
from translator.emit_crate import LIBC_RUNTIME

SEED = 15
N_CASES = 1500


def _first_difference(a: bytes, b: bytes) -> str:
    ra, rb = a.split(b"\x1e"), b.split(b"\x1e")
    diffs = [
        f"record {i}: C {x[-300:]!r} vs Rust {y[-300:]!r}"
        for i, (x, y) in enumerate(zip(ra, rb, strict=False))
        if x != y
    ]
    return "\n".join(diffs[:12]) or f"lengths differ: {len(a)} vs {len(b)}"


@pytest.mark.skipif(
    shutil.which("gcc") is None or shutil.which("cargo") is None, reason="needs gcc and cargo"
)
def test_runtime_matches_glibc(tmp_path: Path) -> None:
    cases = printf_cases(SEED, N_CASES)
    (tmp_path / "ref.c").write_text(c_program(cases))
    subprocess.run(
        ["gcc", "-O0", "-w", "-o", str(tmp_path / "ref"), str(tmp_path / "ref.c"), "-lm"],
        check=True,
    )
    expected = subprocess.run([str(tmp_path / "ref")], capture_output=True, check=True).stdout
    crate = tmp_path / "crate"
    (crate / "src").mkdir(parents=True)
    (crate / "Cargo.toml").write_text(
        '[package]\nname = "libc_check"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n'
    )
    shutil.copyfile(LIBC_RUNTIME, crate / "src" / "c2safe_libc.rs")
    (crate / "src" / "main.rs").write_text(rust_main(cases))
    build = subprocess.run(
        ["cargo", "build", "--offline", "-q"], cwd=crate, capture_output=True, text=True
    )
    assert build.returncode == 0, build.stderr[-3000:]
    got = subprocess.run(
        [str(crate / "target" / "debug" / "libc_check")], capture_output=True, check=True
    ).stdout
    assert got == expected, _first_difference(expected, got)


STDIO_C = r"""
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  FILE *f = fopen("data.txt", "w");
  fputs("hello\n", f);
  fprintf(f, "n=%d %s\n", 42, "world");
  fwrite("raw!", 1, 4, f);
  fclose(f);
  char line[16];
  f = fopen("data.txt", "r");
  while (fgets(line, sizeof line, f)) printf("[%s]", line);
  printf("eof=%d\n", feof(f));
  fseek(f, 3, SEEK_SET);
  int c0 = fgetc(f);
  printf("c=%c tell=%ld\n", c0, ftell(f));
  ungetc('Z', f);
  char buf[5] = {0};
  size_t n = fread(buf, 1, 4, f);
  long t = ftell(f);
  printf("n=%zu buf=%s tell=%ld\n", n, buf, t);
  fseek(f, -2, SEEK_END);
  printf("end=%c\n", fgetc(f));
  fclose(f);
  printf("missing=%d\n", fopen("no/such/file", "r") == NULL);
  int c, count = 0, lines = 0;
  while ((c = getchar()) != EOF) { count++; if (c == '\n') lines++; }
  printf("stdin %d bytes %d lines\n", count, lines);
  puts("bye");
  putchar('!');
  fprintf(stderr, "to stderr %d\n", 7);
  exit(3);
}
"""

STDIO_RS = r"""
mod c2safe_libc;
use c2safe_libc::*;
fn main() {
  let f = fopen(b"data.txt\0", b"w\0").unwrap();
  fputs(b"hello\n\0", f);
  fprintf(f, b"n=%d %s\n\0", &[Arg::Int(42), Arg::Str(b"world\0")]);
  fwrite(b"raw!", 1, 4, f);
  fclose(f);
  let mut line = [0u8; 16];
  let f = fopen(b"data.txt\0", b"r\0").unwrap();
  while fgets(&mut line, 16, f) { printf(b"[%s]\0", &[Arg::Str(&line)]); }
  printf(b"eof=%d\n\0", &[Arg::Int(feof(f) as i64)]);
  fseek(f, 3, 0);
  let c = fgetc(f);
  printf(b"c=%c tell=%ld\n\0", &[Arg::Int(c as i64), Arg::Int(ftell(f))]);
  ungetc(b'Z' as i32, f);
  let mut buf = [0i8; 5];
  let n = fread(&mut buf, 1, 4, f);
  printf(b"n=%zu buf=%s tell=%ld\n\0", &[Arg::Uint(n as u64), Arg::StrI(&buf), Arg::Int(ftell(f))]);
  fseek(f, -2, 2);
  printf(b"end=%c\n\0", &[Arg::Int(fgetc(f) as i64)]);
  fclose(f);
  printf(b"missing=%d\n\0", &[Arg::Int(fopen(b"no/such/file\0", b"r\0").is_none() as i64)]);
  let (mut count, mut lines) = (0, 0);
  loop { let c = getchar(); if c == EOF { break; } count += 1; if c == 10 { lines += 1; } }
  printf(b"stdin %d bytes %d lines\n\0", &[Arg::Int(count), Arg::Int(lines)]);
  puts(b"bye\0");
  putchar(b'!' as i32);
  fprintf(STDERR, b"to stderr %d\n\0", &[Arg::Int(7)]);
  exit(3);
}
"""


@pytest.mark.skipif(
    shutil.which("gcc") is None or shutil.which("cargo") is None, reason="needs gcc and cargo"
)
def test_stdio_streams_match_glibc(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "io.c").write_text(STDIO_C)
    subprocess.run(["gcc", "-w", "-o", "io", "io.c"], cwd=tmp_path / "c", check=True)
    stdin = b"one\ntwo\nthree"
    ref = subprocess.run(["./io"], cwd=tmp_path / "c", input=stdin, capture_output=True)
    crate = tmp_path / "crate"
    (crate / "src").mkdir(parents=True)
    (crate / "Cargo.toml").write_text(
        '[package]\nname = "io_check"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n'
    )
    shutil.copyfile(LIBC_RUNTIME, crate / "src" / "c2safe_libc.rs")
    (crate / "src" / "main.rs").write_text(STDIO_RS)
    build = subprocess.run(
        ["cargo", "build", "--offline", "-q"], cwd=crate, capture_output=True, text=True
    )
    assert build.returncode == 0, build.stderr[-3000:]
    got = subprocess.run(
        [str(crate / "target" / "debug" / "io_check")],
        cwd=crate,
        input=stdin,
        capture_output=True,
    )
    assert (got.stdout, got.stderr, got.returncode) == (ref.stdout, ref.stderr, ref.returncode)
    assert (crate / "data.txt").read_bytes() == (tmp_path / "c" / "data.txt").read_bytes()
    assert ref.returncode == 3 and b"to stderr 7" in ref.stderr

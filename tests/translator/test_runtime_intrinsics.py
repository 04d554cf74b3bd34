"""The runtime's KaRaMeL integer intrinsics (translator/runtime.rs) against Python ints."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

RUNTIME = Path(__file__).resolve().parents[2] / "translator" / "runtime.rs"
M64, M32, M128 = (1 << 64) - 1, (1 << 32) - 1, (1 << 128) - 1


def _cases() -> list[tuple[int, int, int]]:
    rng = random.Random(10)
    edge = [0, 1, 2, M64 - 1, M64, 1 << 63, (1 << 63) - 1, M32, 1 << 32]
    cases = [(c, x, y) for c in (0, 1) for x in edge for y in edge]
    cases += [(rng.randint(0, 1), rng.getrandbits(64), rng.getrandbits(64)) for _ in range(300)]
    return cases


MAIN = """#[path = "{runtime}"]
mod krml;
fn main() {{
    let cases: &[(u64, u64, u64)] = &[{cases}];
    for &(c, x, y) in cases {{
        let mut r = [0u64; 1];
        let co = krml::add_carry_u64(c, x, y, &mut r);
        let mut s = [0u64; 1];
        let bo = krml::sub_borrow_u64(c, x, y, &mut s);
        let mut r32 = [0u32; 1];
        let co32 = krml::add_carry_u32(c as u32, x as u32, y as u32, &mut r32);
        let mut s32 = [0u32; 1];
        let bo32 = krml::sub_borrow_u32(c as u32, x as u32, y as u32, &mut s32);
        let w = krml::uint128::mul_wide(x, y);
        let a = krml::uint128::add(w, (y as u128) << 64);
        let sh = krml::uint128::shift_right(a, (x % 128) as u32);
        let m = krml::uint128::eq_mask(w, a);
        println!("{{}} {{}} {{}} {{}} {{}} {{}} {{}} {{}} {{}} {{}} {{}} {{}}",
                 r[0], co, s[0], bo, r32[0], co32, s32[0], bo32, w, a, sh, m);
    }}
}}
"""


def _expected(c: int, x: int, y: int) -> str:
    add = x + y + c
    sub = x - y - c
    x32, y32 = x & M32, y & M32
    add32, sub32 = x32 + y32 + c, x32 - y32 - c
    w = x * y
    a = (w + (y << 64)) & M128
    sh = a >> (x % 128)
    m = M128 if w == a else 0
    vals = [add & M64, add >> 64, sub & M64, int(sub < 0)]
    vals += [add32 & M32, add32 >> 32, sub32 & M32, int(sub32 < 0), w, a, sh, m]
    return " ".join(map(str, vals))


@pytest.mark.skipif(shutil.which("rustc") is None, reason="rustc not installed")
def test_carries_and_uint128_match_python_ints(tmp_path: Path) -> None:
    cases = _cases()
    src = tmp_path / "main.rs"
    src.write_text(
        MAIN.format(runtime=RUNTIME, cases=", ".join(f"({c}, {x}, {y})" for c, x, y in cases))
    )
    exe = tmp_path / "rt"
    proc = subprocess.run(
        ["rustc", "--edition", "2021", "-O", "-o", str(exe), str(src)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    got = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout.split("\n")
    for (c, x, y), line in zip(cases, got, strict=False):
        assert line == _expected(c, x, y), (c, x, y)
    assert len([g for g in got if g]) == len(cases)
    assert "unsafe" not in RUNTIME.read_text()


CARRY_C = """#include <stdint.h>
#include "intrinsics.h"
uint64_t add4(uint64_t *a, uint64_t *b, uint64_t *res)
{
  uint64_t c = 0ULL;
  for (uint32_t i = 0U; i < 4U; i++)
  {
    c = Hacl_IntTypes_Intrinsics_add_carry_u64(c, a[i], b[i], res + i);
  }
  return c;
}
"""
# a header helper with KaRaMeL's name and signature (written for this test)
CARRY_H = """#include <stdint.h>
static inline uint64_t
Hacl_IntTypes_Intrinsics_add_carry_u64(uint64_t cin, uint64_t x, uint64_t y, uint64_t *r)
{
  uint64_t res = x + cin + y;
  uint64_t c = (uint64_t)(res < x) | ((uint64_t)(res == x) & cin);
  r[0U] = res;
  return c;
}
"""
CARRY_TEST = """use carry_crate::*;
#[test]
fn add4_carries() {
    let a = [u64::MAX, u64::MAX, 5, u64::MAX];
    let b = [1, 0, 7, 0];
    let mut r = [0u64; 4];
    assert_eq!(add4(&a, &b, &mut r), 0);
    assert_eq!(r, [0, 0, 13, u64::MAX]);
    let mut r2 = [0u64; 4];
    assert_eq!(add4(&[u64::MAX; 4], &[1, 0, 0, 0], &mut r2), 1);
    assert_eq!(r2, [0; 4]);
}
"""


@pytest.mark.skipif(
    shutil.which("cargo") is None or shutil.which("gcc") is None, reason="toolchain"
)
def test_carry_helpers_call_the_runtime(tmp_path: Path) -> None:
    from translator.driver import Options, translate

    (tmp_path / "intrinsics.h").write_text(CARRY_H)
    (tmp_path / "carry.c").write_text(CARRY_C)
    out = tmp_path / "carry_crate"
    opts = Options(
        [tmp_path / "carry.c"], out, extra_files={"tests/t.rs": CARRY_TEST}, run_tests=True
    )
    report = translate(opts, log=lambda m: None)
    assert report.built is True, report.cargo_errors
    assert report.tests_ok is True, report.tests
    rust = (out / "src" / "carry.rs").read_text()
    assert "crate::krml::add_carry_u64(cin, x, y, r)" in rust


WALK_C = """#include <stdint.h>
uint32_t sum_le(uint8_t *b, uint32_t n)
{
  uint32_t s = 0U;
  for (uint32_t i = 0U; i < n; i++)
  {
    s = s + load32_le(b);
    b = b + 4U;
  }
  return s;
}
void put_be(uint8_t *b, uint64_t x)
{
  b = b + 1U;
  store64_be(b, x);
}
"""
WALK_TEST = """use walk_crate::*;
use walk_crate::cptr::Ptr;
#[test]
fn byte_order_through_checked_pointers() {
    let p = Ptr::from_slice(&[1u8, 0, 0, 0, 2, 1, 0, 0]);
    assert_eq!(sum_le(p, 2), 1 + 0x0102);
    let q = Ptr::from_slice(&[0u8; 9]);
    put_be(q.clone(), 0x0102030405060708);
    assert_eq!(q.to_vec::<u8>(9), vec![0, 1, 2, 3, 4, 5, 6, 7, 8]);
}
"""


@pytest.mark.skipif(
    shutil.which("cargo") is None or shutil.which("gcc") is None, reason="toolchain"
)
def test_byte_order_helpers_in_the_checked_model(tmp_path: Path) -> None:
    from translator.driver import Options, translate

    (tmp_path / "walk.c").write_text(WALK_C)
    out = tmp_path / "walk_crate"
    opts = Options(
        [tmp_path / "walk.c"], out, extra_files={"tests/t.rs": WALK_TEST}, run_tests=True
    )
    report = translate(opts, log=lambda m: None)
    assert report.built is True, report.cargo_errors
    models = {r.name: r.model for f in report.files for r in f.records}
    assert models == {"sum_le": "checked", "put_be": "checked"}, models
    assert report.tests_ok is True, report.tests

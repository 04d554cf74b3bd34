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

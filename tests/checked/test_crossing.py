"""Checked callers call slice-model callees by copying bounded buffers across: the callee
keeps the slice translation and the program still behaves like C."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import have_toolchain
from translator.driver import Options, translate

pytestmark = pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")

C = r"""
#include <stdint.h>
#include <stddef.h>
void mix16(uint32_t st[16], const uint8_t key[16]) {
  for (int i = 0; i < 16; i++) { st[i] = st[i] * 31u + key[i]; }
}
uint32_t sum4(const uint32_t x[4]) { return x[0] + x[1] + x[2] + x[3]; }
uint32_t walk(uint32_t *st, const uint8_t *key, size_t n) {
  uint32_t *p = st;
  const uint8_t *k = key;
  uint32_t acc = 0;
  for (size_t i = 0; i < n; i++) {
    mix16(p, k);
    acc += sum4(p + 4);
    k++;
  }
  return acc;
}
"""

TESTS = """use cross_rs::cptr::Ptr;
use cross_rs::*;

#[test]
fn crossing_matches_c() {
    let st = Ptr::calloc(16, 4);
    let key = Ptr::malloc(20);
    for i in 0..20 {
        key.wr::<u8>(i, (i * 7 + 1) as u8);
    }
    assert_eq!(walk(st.clone(), key.clone(), 3), EXPECTED);
    assert_eq!(st.rd::<u32>(15), LAST);
}

#[test]
#[should_panic(expected = "out of range for slice")]
fn short_buffer_still_checked() {
    let st = Ptr::calloc(16, 4);
    let key = Ptr::malloc(4); // mix16 reads 16 key bytes
    walk(st, key, 1);
}
"""

DRIVER = r"""
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
uint32_t walk(uint32_t *st, const uint8_t *key, size_t n);
int main(void) {
  uint32_t st[16] = {0};
  uint8_t key[20];
  for (int i = 0; i < 20; i++) key[i] = (uint8_t)(i * 7 + 1);
  uint32_t acc = walk(st, key, 3);
  printf("%u %u\n", acc, st[15]);
  return 0;
}
"""


def test_checked_caller_slice_callee(tmp_path: Path, cargo_target: Path) -> None:
    (tmp_path / "cross.c").write_text(C)
    (tmp_path / "drv.c").write_text(DRIVER)
    exe = tmp_path / "c"
    subprocess.run(
        ["gcc", "-O1", "-o", str(exe), str(tmp_path / "cross.c"), str(tmp_path / "drv.c")],
        check=True,
    )
    expected, last = subprocess.run(
        [str(exe)], capture_output=True, text=True, check=True
    ).stdout.split()
    tests = TESTS.replace("EXPECTED", expected).replace("LAST", last)
    crate = tmp_path / "cross"
    report = translate(
        Options(
            sources=[tmp_path / "cross.c"],
            out=crate,
            name="cross_rs",
            build=False,
            extra_files={"tests/t.rs": tests},
        ),
        log=lambda m: None,
    )
    models = {r.name: (r.status, r.model) for f in report.files for r in f.records}
    assert models == {
        "mix16": ("translated", "slice"),
        "sum4": ("translated", "slice"),
        "walk": ("translated", "checked"),
    }
    text = (crate / "src" / "cross.rs").read_text()
    assert "pub fn mix16(st: &mut [u32], key: &[u8])" in text
    assert "take_vec::<u32>(16)" in text and "store_slice" in text
    proc = subprocess.run(
        ["cargo", "test", "--offline", "-q", "--test", "t"],
        cwd=crate,
        env=dict(os.environ, CARGO_TARGET_DIR=str(cargo_target)),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "2 passed" in proc.stdout

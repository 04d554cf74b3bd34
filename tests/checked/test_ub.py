"""Undefined behaviour in translated C panics with a message naming it (checked model)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import have_toolchain
from translator.driver import Options, translate

pytestmark = pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")

C = r"""
#include <stdlib.h>
#include <string.h>
struct node { int v; struct node *next; };
int oob_walk(int n) {
  int *a = calloc(4, sizeof(int));
  int *p = a;
  int s = 0;
  for (int i = 0; i < n; i++) { s += *p; p++; }
  free(a);
  return s;
}
int uaf(void) {
  struct node *n = malloc(sizeof(struct node));
  n->v = 5;
  n->next = NULL;
  free(n);
  return n->v;
}
void dfree(void) { struct node *n = malloc(sizeof(struct node)); free(n); free(n); }
int nullderef(int k) {
  int *p = NULL;
  if (k) { p = malloc(sizeof(int)); *p = 7; }
  return *p;
}
void clear(void *p, size_t n) { memset(p, 1, n); }
int overflow_copy(int n) {
  char *a = malloc(8);
  clear(a, (size_t)n);
  int r = a[7];
  free(a);
  return r;
}
"""

TESTS = """use ub_crate::*;

#[test]
fn in_bounds_runs() {
    assert_eq!(oob_walk(4), 0);
    assert_eq!(nullderef(1), 7);
    assert_eq!(overflow_copy(8), 1);
}

#[test]
#[should_panic(expected = "out-of-bounds access of 4 byte(s) at offset 16 of an object of 16")]
fn out_of_bounds() {
    oob_walk(5);
}

#[test]
#[should_panic(expected = "use after free")]
fn use_after_free() {
    uaf();
}

#[test]
#[should_panic(expected = "double free")]
fn double_free() {
    dfree();
}

#[test]
#[should_panic(expected = "NULL pointer dereference")]
fn null_dereference() {
    nullderef(0);
}

#[test]
#[should_panic(expected = "out-of-bounds access of 9 byte(s)")]
fn memset_past_the_end() {
    overflow_copy(9);
}
"""


def test_undefined_behaviour_panics(tmp_path: Path, cargo_target: Path) -> None:
    (tmp_path / "ub.c").write_text(C)
    crate = tmp_path / "ub"
    report = translate(
        Options(
            sources=[tmp_path / "ub.c"],
            out=crate,
            name="ub_crate",
            build=False,
            extra_files={"tests/ub.rs": TESTS},
        ),
        log=lambda m: None,
    )
    recs = [r for f in report.files for r in f.records]
    assert {r.name: (r.status, r.model) for r in recs} == {
        n: ("translated", "checked")
        for n in ("oob_walk", "uaf", "dfree", "nullderef", "clear", "overflow_copy")
    }
    proc = subprocess.run(
        ["cargo", "test", "--offline", "-q"],
        cwd=crate,
        env=dict(os.environ, CARGO_TARGET_DIR=str(cargo_target)),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "6 passed" in proc.stdout

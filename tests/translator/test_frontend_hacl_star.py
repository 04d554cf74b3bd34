"""Front-end constructs the full HACL* distribution shows: newer KaRaMeL endianness
header, records gcc accepts without a final `;`, tagged unions, refused types that stub
only their users, file names that are Rust keywords, and the exit status with stubs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import have_toolchain
from translator.cli import main
from translator.driver import Options, Report, translate
from translator.preprocess import terminate_members

needs_toolchain = pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")


def _quiet(msg: str) -> None:
    pass


def _records(report: Report, stem: str) -> dict[str, tuple[str, list[str]]]:
    f = next(f for f in report.files if Path(f.path).stem == stem)
    return {r.name: (r.status, [d.code for d in r.diagnostics]) for r in f.records}


def test_terminate_members() -> None:
    assert terminate_members("struct p { int x; int y } q;") == "struct p { int x; int y ;} q;"
    src = "typedef struct s { int tag; union { int *a; long *b; } } t;"
    assert terminate_members(src) == (
        "typedef struct s { int tag; union { int *a; long *b; } ;} t;"
    )
    untouched = (
        'int f(void) { int a[2] = { 1, 2 }; if (a[0]) { g(); } return 0; } char *c = "}";\n'
        "struct u { int a; union { int *b; } v; }; struct w x = (struct w){ .a = 1 };\n"
    )
    assert terminate_members(untouched) == untouched


# a KaRaMeL endianness header of the newer kind (guard KRML_HEADER_..., helpers via htole*)
KRML_ENDIAN = """#ifndef KRML_HEADER_LOWSTAR_ENDIANNESS_H
#define KRML_HEADER_LOWSTAR_ENDIANNESS_H
#include <stdint.h>
#include <string.h>
#define load32_le(b) (le32toh(load32(b)))
#define store64_be(b, i) (store64(b, htobe64(i)))
#define load64_le(b) (le64toh(load64(b)))
#endif
"""

PROGRAM = """#include <stdint.h>
#include "krml/lowstar_endianness.h"

typedef struct pair_s { uint32_t x; uint32_t y } pair;

typedef struct state_s {
  uint8_t tag;
  union {
    uint32_t *case_A;
    uint64_t *case_B;
  }
  ;
} state;

typedef struct named_s { uint8_t tag; union { uint32_t a; uint64_t b; } val; } named;

typedef union { uint32_t w; uint8_t b[4]; } pun;

uint32_t le(uint8_t *b) { return load32_le(b); }
void be(uint8_t *b, uint64_t x) { store64_be(b, x); }
uint32_t sum(pair *p) { return p->x + p->y; }
uint8_t tag_of(state *s) { return s->tag; }
uint32_t first_a(state *s) { if (s->tag == 0U) { return s->case_A[0U]; } return 0U; }
uint64_t named_b(named *n) { return n->val.b; }
uint32_t read_pun(pun *p) { return p->w; }
uint32_t calls_pun(pun *p) { return read_pun(p) + 1U; }
uint32_t fine(uint32_t x) { return x + 1U; }
uint32_t incs(uint32_t x)
{
  uint32_t i = x;
  uint32_t j = i++;
  uint32_t k = ++i;
  uint32_t a[4U] = { 0U };
  uint32_t n = 0U;
  a[n++] = 7U;
  a[n++] = j;
  return k * 100U + n * 10U + a[1U] + a[0U];
}
"""

INCS_TEST = """use out::*;
#[test]
fn incs_as_values() {
    assert_eq!(incs(3), 5 * 100 + 2 * 10 + 3 + 7);
    assert_eq!(fine(1), 2);
}
"""


@pytest.fixture
def hacl_like(tmp_path: Path) -> tuple[Path, Path]:
    inc = tmp_path / "inc"
    (inc / "krml").mkdir(parents=True)
    (inc / "krml" / "lowstar_endianness.h").write_text(KRML_ENDIAN)
    src = tmp_path / "src"
    src.mkdir()
    (src / "prog.c").write_text(PROGRAM)
    (src / "static.c").write_text("#include <stdint.h>\nuint32_t kw(uint32_t x) { return x; }\n")
    return src, inc


@needs_toolchain
def test_hacl_star_constructs(hacl_like: tuple[Path, Path], tmp_path: Path) -> None:
    src, inc = hacl_like
    out = tmp_path / "out"
    opts = Options(
        [src],
        out,
        include_dirs=[inc],
        extra_files={"tests/incs.rs": INCS_TEST},
        run_tests=True,
    )
    report = translate(opts, log=_quiet)
    assert report.built is True, report.cargo_errors
    assert report.tests_ok is True, report.tests
    recs = _records(report, "prog")
    translated = {"le", "be", "sum", "tag_of", "first_a", "named_b", "fine", "incs"}
    for name in translated:
        assert recs[name] == ("translated", []), (name, recs[name])
    # a refused type is reported and stubs only its users; nothing disappears
    assert recs["read_pun"][0] == "stub" and recs["read_pun"][1] == ["C2S102"]
    assert recs["calls_pun"][0] == "stub"
    assert set(recs) == translated | {"read_pun", "calls_pun"}
    rust = (out / "src" / "prog.rs").read_text()
    assert "pub fn le(b: &[u8]) -> u32" in rust and "load32_le" in rust
    assert "pub case_A:" in rust and "pub case_B:" in rust  # the tagged union's arms
    data = json.loads((out / "c2safe-report.json").read_text())
    pun = next(fn for f in data["files"] for fn in f["functions"] if fn["name"] == "read_pun")
    assert (
        "unions are supported only as KaRaMeL tagged-union members"
        in (pun["diagnostics"][0]["message"])
    )
    # static.c: a module name that is not a Rust keyword
    assert (out / "src" / "static_c.rs").is_file()
    assert "pub mod static_c;" in (out / "src" / "lib.rs").read_text()


@needs_toolchain
def test_exit_status_with_stubs(
    hacl_like: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, inc = hacl_like
    rc = main(["translate", str(src), "-I", str(inc), "-o", str(tmp_path / "a"), "--quiet"])
    assert rc == 1  # the crate builds, but read_pun and calls_pun are stubs
    assert "builds: yes" in capsys.readouterr().out
    rc = main(["translate", str(src / "static.c"), "-o", str(tmp_path / "b"), "--quiet"])
    assert rc == 0


VLA = """#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#define KRML_CHECK_SIZE(size_elt, sz) \\
  do { if (((size_t)(sz)) > ((size_t)(SIZE_MAX / (size_elt)))) { exit(253); } } while (0)
static void add_into(uint32_t len, uint64_t *a, uint64_t *b)
{
  for (uint32_t i = 0U; i < len; i++) { a[i] = a[i] + b[i]; }
}
uint64_t sum_twice(uint32_t len, uint64_t *x)
{
  KRML_CHECK_SIZE(sizeof (uint64_t), len);
  uint64_t tmp[len];
  memset(tmp, 0U, len * sizeof (uint64_t));
  add_into(len, tmp, x);
  add_into(len, tmp, x);
  uint64_t s = 0ULL;
  for (uint32_t i = 0U; i < len; i++) { s = s + tmp[i]; }
  return s;
}
"""


@needs_toolchain
def test_variable_length_array(tmp_path: Path) -> None:
    (tmp_path / "vla.c").write_text(VLA)
    out = tmp_path / "out"
    report = translate(Options([tmp_path / "vla.c"], out), log=_quiet)
    assert report.built is True, report.cargo_errors
    assert _records(report, "vla")["sum_twice"] == ("translated", [])
    rust = (out / "src" / "vla.rs").read_text()
    assert "let mut tmp: Vec<u64> = vec![0u64; len as usize];" in rust


MEMZERO = """#include <stdint.h>
extern void Lib_Memzero0_memzero0(void *dst, uint64_t len);
#define Lib_Memzero0_memzero(dst, len, t, _ret_t) Lib_Memzero0_memzero0(dst, len * sizeof(t))
void wipe(uint32_t n, uint64_t *key, uint8_t *iv)
{
  Lib_Memzero0_memzero(key, n, uint64_t, void *);
  Lib_Memzero0_memzero0(iv, 16U);
}
"""


@needs_toolchain
def test_memzero_is_typed_at_the_call(tmp_path: Path) -> None:
    (tmp_path / "wipe.c").write_text(MEMZERO)
    out = tmp_path / "out"
    report = translate(Options([tmp_path / "wipe.c"], out), log=_quiet)
    assert report.built is True, report.cargo_errors
    assert _records(report, "wipe")["wipe"] == ("translated", [])
    rust = (out / "src" / "wipe.rs").read_text()
    assert ".fill(0u64)" in rust and ".fill(0u8)" in rust


@needs_toolchain
def test_extern_global_defined_by_another_unit(tmp_path: Path) -> None:
    (tmp_path / "g.h").write_text(
        "#include <stdint.h>\nextern uint32_t max_len;\nextern const uint32_t consts[4U];\n"
    )
    (tmp_path / "a.c").write_text(
        '#include "g.h"\nuint32_t max_len = 65536U;\n'
        "const uint32_t consts[4U] = { 1U, 2U, 3U, 4U };\n"
    )
    (tmp_path / "b.c").write_text(
        '#include "g.h"\n'
        "uint32_t check(uint32_t n) { if (n > max_len) { return 0U; } return consts[n % 4U]; }\n"
    )
    report = translate(Options([tmp_path / "a.c", tmp_path / "b.c"], tmp_path / "o"), log=_quiet)
    assert report.built is True, report.cargo_errors
    assert _records(report, "b")["check"] == ("translated", [])


def test_rejected_line_outside_the_source_map_is_placed_by_its_fn_item(tmp_path: Path) -> None:
    from translator.driver import _enclosing_fn

    rs = tmp_path / "m.rs"
    rs.write_text(
        "const K: u8 = 1;\n\npub fn first(a: u8) -> u8 {\n    let mut g: u8 = 0u8;\n"
        "    g[0usize] = a;\n    g\n}\n\nfn r#static() {}\n"
    )
    keys = {"first": (9, 12), "static@m": (20, 20)}  # ranges that miss the real lines
    assert _enclosing_fn(rs, 5, keys) == "first"
    assert _enclosing_fn(rs, 9, keys) == "static@m"
    assert _enclosing_fn(rs, 1, keys) is None
    assert _enclosing_fn(rs, 8, keys) is None

"""Standard headers, crash-free lowering, and the never-lost check (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import have_toolchain
from translator import completeness
from translator.c_ast_to_cir import char_value
from translator.driver import Options, translate
from translator.emit_module import snake

STD_HEADERS = """
#include <ctype.h>
#include <math.h>
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>
#include <float.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <assert.h>
#include <time.h>
#include <signal.h>
#include <setjmp.h>
#include <locale.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <wchar.h>
#include <fcntl.h>
#include <sys/time.h>
#include <pthread.h>
#include <dirent.h>
#include <sys/socket.h>
int digits(void) { return DBL_DIG + EINVAL + (int)sizeof(struct stat) / 1000; }
int blank(int c) { return isspace(c); }
"""

CRASHERS = """
#include <stddef.h>
#include <stdint.h>
void *memset(void *s, int c, size_t n) {
  unsigned char *p = s;
  for (size_t i = 0; i < n; i++) p[i] = (unsigned char)c;
  return s;
}
static uint64_t load64(const void *p) { const uint8_t *b = p; return b[0]; }
static const int A = 3;
static const int B = A + 1;
typedef int (*cb_t)(int);
int apply(cb_t f, int x) { return x; }
long double twice_ld(long double x) { return x * 2; }
struct bits { int x : 3; int y; };
typedef struct bits bits_t;
int use_bits(bits_t *b) { return b->y; }
int bin(void) { return 0b101 + B; }
int chars(void) { return '\\x41' + '\\101' + '\\a'; }
"""


def _report(out: Path) -> dict:  # type: ignore[type-arg]
    data: dict = json.loads((out / "c2safe-report.json").read_text())  # type: ignore[type-arg]
    return data


def _functions(data: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {r["name"]: r for f in data["files"] for r in f["functions"]}


def test_standard_headers_preprocess(tmp_path: Path) -> None:
    (tmp_path / "std.c").write_text(STD_HEADERS)
    (tmp_path / "ossl.c").write_text("#include <openssl/evp.h>\nint f(void) { return 1; }\n")
    out = tmp_path / "out"
    report = translate(Options([tmp_path], out, build=False), log=lambda m: None)
    by_file = {Path(f.path).name: f for f in report.files}
    assert [d.code for d in by_file["ossl.c"].diagnostics] == ["C2S010"]
    assert "openssl/evp.h" in by_file["ossl.c"].diagnostics[0].message
    std = {r.name: r for r in by_file["std.c"].records}
    assert std["digits"].status == "translated"
    # a libc call c2safe has no model for is a coded refusal naming the function
    assert std["blank"].status == "stub"
    assert "isspace" in std["blank"].diagnostics[0].message
    text = (out / "src" / "std_c.rs").read_text()
    assert "22" in text or "15" in text  # DBL_DIG/EINVAL folded into the translation


@pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")
def test_crashers_become_coded_stubs_and_the_crate_builds(tmp_path: Path) -> None:
    (tmp_path / "a.c").write_text(CRASHERS)
    out = tmp_path / "out"
    report = translate(Options([tmp_path / "a.c"], out), log=lambda m: None)
    assert report.built is True
    data = _report(out)
    fns = _functions(data)
    assert set(fns) >= {"memset@a", "load64@a", "apply", "twice_ld", "use_bits", "bin", "chars"}
    assert fns["bin"]["status"] == "translated"
    assert fns["twice_ld"]["status"] == "translated"
    # a function-pointer parameter: the checked pointer model (issue 13) translates it
    assert fns["apply"]["status"] == "translated"
    assert fns["apply"]["model"] == "checked"
    assert fns["use_bits"]["status"] == "stub"
    assert "bit-fields" in fns["use_bits"]["diagnostics"][0]["message"]
    codes = {d["code"] for f in data["files"] for d in f["diagnostics"]}
    assert "C2S207" in codes  # long double reported
    rs = (out / "src" / "a.rs").read_text()
    assert "0b101" not in rs and "5" in rs
    assert "B: i32 = " in rs or "B@a" not in rs
    assert data["completeness"]["missing"] == []
    assert data["completeness"]["tree_sitter_functions"] == data["completeness"]["in_report"]


def test_char_literals() -> None:
    assert char_value("'A'") == 65
    assert char_value("'\\x41'") == 65
    assert char_value("'\\101'") == 65
    assert char_value("'\\a'") == 7
    assert char_value("'\\xff'") == -1  # char is signed on x86-64
    assert char_value("L'a'") is None


def test_main_c_is_not_main_rs() -> None:
    assert snake("main") != "main"


def test_single_header_library_and_unity_build(tmp_path: Path) -> None:
    lib = tmp_path / "shl"
    lib.mkdir()
    (lib / "tiny.h").write_text(
        "#ifndef TINY_H\n#define TINY_H\nint tiny_add(int a, int b);\n"
        "#ifdef TINY_IMPLEMENTATION\n"
        "int tiny_add(int a, int b) { return a + b; }\n"
        "int tiny_twice(int a) { return a * 2; }\n"
        "static inline int tiny_unused(int a) { return a - 1; }\n"
        "#else\nint tiny_never(int a) { return a; }\n#endif\n#endif\n"
    )
    (lib / "main.c").write_text(
        '#define TINY_IMPLEMENTATION\n#include "tiny.h"\n'
        "int main(void) { return tiny_add(1, 2) - 3; }\n"
    )
    (lib / "part.inc").write_text(
        "static int helper(int x) { return x + 1; }\nint part_api(int x) { return helper(x); }\n"
    )
    (lib / "all.c").write_text('#include "part.inc"\nint all_api(int x) { return part_api(x); }\n')
    out = tmp_path / "out"
    translate(Options([lib], out, build=False), log=lambda m: None)
    data = _report(out)
    fns = _functions(data)
    helpers = {r["name"]: r["status"] for r in data["header_functions"]}
    assert fns["tiny_twice"]["status"] == "translated"  # never called, still emitted
    assert helpers == {
        "tiny_add": "translated",
        "tiny_unused": "unused",
        "helper": "translated",  # part.inc is included, so its functions are helpers
        "part_api": "translated",
    }
    assert {"all_api", "main"} <= set(fns)
    assert "fn tiny_twice" in (out / "src" / "main_c.rs").read_text()
    assert "fn part_api" in (out / "src" / "all.rs").read_text()
    c = data["completeness"]
    assert c["missing"] == [] and c["compiled_out"] == 1  # tiny_never: #else branch


def test_completeness_check_fails_on_a_lost_function(tmp_path: Path) -> None:
    src = tmp_path / "x.c"
    src.write_text("int f(void) { return 1; }\nint g(void) { return 2; }\n")
    key = str(src.resolve())
    res, diags = completeness.check([src], {key: {"f"}}, {(key, "f"), (key, "g")})
    assert [d.code for d in diags] == ["C2S011"] and res.missing == [(str(src), "g", 2)]
    res, diags = completeness.check([src], {key: {"f"}}, {(key, "f")})
    assert diags == [] and res.compiled_out == 1

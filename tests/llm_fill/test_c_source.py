"""translator.c_source: raw C function text and shapes from the unpreprocessed file."""

from __future__ import annotations

from pathlib import Path

from tests.llm_fill.conftest import BUFOPS
from translator.c_source import is_primitive, parse_file, parse_text, read_function

MACROS = """\
#include "krml.h"
#define BLOCK 16

// Absorb one block.
// Second comment line.
static KRML_MUSTINLINE void absorb(uint64_t *s, const uint8_t *b)
{
  for (uint32_t i = 0U; i < BLOCK / 8U; i++) {
    s[i] ^= load64_le(b + i * 8U);  /* a { brace in a comment */
  }
}

#ifdef FAST
uint32_t pick(uint32_t x) { return x; }
#else
uint32_t pick(uint32_t x)
{
  return x + 1U;
}
#endif

extern "C" {
struct point *mk(const struct point **pts, unsigned char n, int v[4], void (*cb)(int), ...)
{
  return (struct point *)pts[n];
}
}
"""


def test_bufops_functions_and_raw_text() -> None:
    src = parse_file(BUFOPS)
    names = [f.name for f in src.functions]
    assert names == [
        "sum_bytes",
        "count_nonzero",
        "fill_bytes",
        "check_header",
        "write_tag",
        "xor_blocks",
    ]
    fn = src.find("check_header")
    assert fn is not None
    lines = BUFOPS.read_text().splitlines()
    assert fn.text == "\n".join(lines[fn.start_line - 1 : fn.end_line])
    assert fn.text.startswith("int32_t check_header(") and fn.text.endswith("}")
    assert "goto done;" in fn.text
    assert fn.comment.startswith("/* Not in the subset: goto")
    assert [(p.name, p.type.render()) for p in fn.params] == [
        ("hdr", "const uint8_t *"),
        ("len", "uint32_t"),
        ("st", "stats_t *"),
    ]
    assert fn.return_type.render() == "int32_t"
    assert fn.struct_types == ("stats_t",)
    assert src.find("write_tag") is not None
    assert src.find("write_tag").calls == ("fill_bytes",)  # type: ignore[union-attr]


def test_macros_ifdef_and_extern_blocks() -> None:
    src = parse_text(MACROS, "m.c")
    absorb = src.find("absorb")
    assert absorb is not None and absorb.is_static
    assert absorb.comment == "// Absorb one block.\n// Second comment line."
    assert "a { brace in a comment */" in absorb.text and absorb.text.endswith("}")
    assert absorb.calls == ("load64_le",)
    assert [p.type.render() for p in absorb.params] == ["uint64_t *", "const uint8_t *"]
    # two definitions of pick: the line chooses
    picks = src.named("pick")
    assert len(picks) == 2
    second = src.find("pick", picks[1].start_line + 1)
    assert second is not None and "x + 1U" in second.text
    assert src.find("pick", picks[0].start_line) is picks[0]
    mk = src.find("mk")
    assert mk is not None and mk.variadic
    assert mk.return_type.render() == "struct point *"
    shapes = [(p.name, p.type.pointers, p.type.const_target) for p in mk.params]
    assert shapes == [("pts", 2, True), ("n", 0, False), ("v", 1, False), ("cb", 1, False)]
    assert mk.params[2].type.array and mk.params[3].type.function_pointer
    assert "struct point" in mk.struct_types


def test_read_function_missing(tmp_path: Path) -> None:
    assert read_function(tmp_path / "nope.c", "f") is None
    assert read_function(BUFOPS, "no_such_function") is None
    found = read_function(BUFOPS, "xor_blocks@bufops", 82)
    assert found is not None and "p += 16;" in found.text


def test_primitive_names() -> None:
    assert is_primitive("uint8_t") and is_primitive("unsigned long") and is_primitive("size_t")
    assert not is_primitive("stats_t") and not is_primitive("struct point")

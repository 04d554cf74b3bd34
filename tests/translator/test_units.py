"""Unit tests of single passes: C conversions, lowering, linking."""

from __future__ import annotations

from pathlib import Path

from translator import cir
from translator.c_ast_to_cir import fold
from translator.ctypes_model import I32, I64, U8, U16, U32, U64, USIZE, promote, usual_arith, wrap
from translator.driver import front_end
from translator.link import link
from translator.preprocess import PreprocessOptions


def test_promotions_and_usual_arithmetic_conversions() -> None:
    assert promote(U8) == I32 and promote(U16) == I32 and promote(U32) == U32
    assert usual_arith(U8, U8) == I32
    assert usual_arith(I32, U32) == U32
    assert usual_arith(I64, U32) == I64
    assert usual_arith(U64, I64) == U64
    assert usual_arith(USIZE, U32) == USIZE


def test_wrap_is_c_modular_conversion() -> None:
    assert wrap(-1, U32) == 0xFFFFFFFF
    assert wrap(0x1FF, U8) == 0xFF
    assert wrap(0x80000000, I32) == -(2**31)


def _unit(tmp_path: Path, text: str, name: str = "u.c") -> cir.Unit:
    src = tmp_path / name
    src.write_text(text)
    return front_end(src, PreprocessOptions())


def test_lowering_makes_conversions_explicit(tmp_path: Path) -> None:
    u = _unit(tmp_path, "#include <stdint.h>\nuint32_t f(uint8_t a, uint8_t b) { return a + b; }\n")
    ret = u.functions["f"].body.stmts[0]  # type: ignore[union-attr]
    assert isinstance(ret, cir.Return) and isinstance(ret.value, cir.Cast)
    add = ret.value.arg
    assert isinstance(add, cir.Binary) and add.ty == I32
    assert isinstance(add.left, cir.Cast) and add.left.ty == I32


def test_constant_folding_follows_c(tmp_path: Path) -> None:
    u = _unit(
        tmp_path,
        "int a = -7 / 2; int b = -7 % 2; unsigned c = 0U - 1U; long d = sizeof(long) * 3;\n",
    )
    vals = {n: fold(g.init) for n, g in u.globals.items() if g.init is not None}  # type: ignore[arg-type]
    assert vals == {"a": -3, "b": -1, "c": 0xFFFFFFFF, "d": 24}


def test_unsupported_construct_fails_only_its_function(tmp_path: Path) -> None:
    # a jump into a loop body has no structured form (goto_structure refuses it)
    bad = "int bad(int x) { if (x) goto in; while (x < 9) { x++; in: x += 2; } return x; }\n"
    u = _unit(tmp_path, "int ok(int x) { return x; }\n" + bad)
    assert u.functions["ok"].body is not None
    assert u.errors["bad"][0] == "C2S107"


def test_link_keys_colliding_statics_by_file(tmp_path: Path) -> None:
    a = _unit(tmp_path, "static int h(void) { return 1; }\nint fa(void) { return h(); }\n", "a.c")
    b = _unit(tmp_path, "static int h(void) { return 2; }\nint fb(void) { return h(); }\n", "b.c")
    linked = link([a, b])
    assert {"h@a", "h@b", "fa", "fb"} <= set(linked.functions)
    fa = linked.functions["fa"].body.stmts[0]  # type: ignore[union-attr]
    assert isinstance(fa, cir.Return) and isinstance(fa.value, cir.Call) and fa.value.func == "h@a"
    assert linked.functions["h@b"].c_name == "h"


def test_inline_assembly_is_refused_per_function(tmp_path: Path) -> None:
    u = _unit(
        tmp_path,
        "#include <stdint.h>\n"
        "uint64_t plain(uint64_t x) { return x + 1U; }\n"
        'uint64_t asm_add(uint64_t x) {\n  __asm__ __volatile__("addq $1, %0" : "+r"(x) :: "cc");\n'
        "  return x;\n}\n",
    )
    assert u.functions["plain"].body is not None
    assert u.errors["asm_add"][0] == "C2S108"
    assert u.errors["asm_add"][2].line == 4


def test_source_map_points_rust_lines_at_c_lines(tmp_path: Path) -> None:
    from translator.driver import Options, translate
    from translator.emit_crate import lookup_source

    src = tmp_path / "m.c"
    src.write_text(
        "#include <stdint.h>\n"
        "#include <string.h>\n"
        "void f(uint8_t *dst, uint8_t *src, uint32_t n) {\n"
        "  uint32_t k = n * 3U;\n"
        "  memcpy(dst, src, 8U);\n"
        "  dst[k] = 7U;\n"
        "}\n"
    )
    translate(Options([src], tmp_path / "out", build=False), log=lambda m: None)
    rust = (tmp_path / "out" / "src" / "m.rs").read_text()
    assert "//@c2s" not in rust
    lines = rust.splitlines()
    want = {"copy_from_slice": 5, "= 7u8": 6, "wrapping_mul(3u32)": 4}
    for needle, c_line in want.items():
        n = next(i for i, ln in enumerate(lines, 1) if needle in ln)
        assert lookup_source(tmp_path / "out", "src/m.rs", n) == (str(src), c_line), needle


def test_struct_ownership_owned_vs_borrowed(tmp_path: Path) -> None:
    from translator.driver import Options, analyze

    src = tmp_path / "s.c"
    src.write_text(
        "#include <stdint.h>\n#include <stdlib.h>\n"
        "typedef struct inner_s { uint8_t *p; } inner;\n"
        "typedef struct heap_s { inner in; uint64_t n; } heap;\n"  # owned: allocated
        "typedef struct view_s { uint8_t *ro; uint32_t *rw; } view;\n"  # borrowed
        "typedef struct wrap_s { view v; } wrap;\n"  # borrowed, holds a borrowed struct
        "heap *mk(void) { heap *h = (heap *)malloc(sizeof (heap)); return h; }\n"
        "void use(wrap *w) { w->v.rw[0U] = (uint32_t)w->v.ro[1U]; }\n"
    )
    a = analyze(Options([src], tmp_path / "out"))
    prog = a.program
    assert prog.owned_structs == {"heap", "inner"}
    assert prog.is_borrowed(cir_struct("view")) and prog.is_borrowed(cir_struct("wrap"))
    assert prog.field_is_mut("view", "rw") and not prog.field_is_mut("view", "ro")


def cir_struct(name: str):  # type: ignore[no-untyped-def]
    from translator.ctypes_model import StructT

    return StructT(name)

"""The generated child accessors agree with reflection on every node of real programs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from analyses import walk
from translator import cir
from translator.ctypes_model import IntT
from translator.diagnostics import Span
from translator.driver import front_end
from translator.preprocess import PreprocessOptions

PROGRAMS = Path(__file__).resolve().parents[1] / "programs"


def _reference_children(node: object) -> list[object]:
    out: list[object] = []
    for f in dataclasses.fields(node):  # type: ignore[arg-type]
        v = getattr(node, f.name)
        if isinstance(v, walk._NODE_TYPES):
            out.append(v)
        elif isinstance(v, tuple):
            out.extend(x for x in v if isinstance(x, walk._NODE_TYPES))
    return out


def _reference_walk(node: object) -> list[object]:
    out = [node]
    for c in _reference_children(node):
        out.extend(_reference_walk(c))
    return out


def test_every_node_kind_has_an_accessor() -> None:
    kinds = {cir.Block, cir.For, cir.If, cir.Switch, cir.Case, cir.Call, cir.InitList, cir.Cond}
    assert kinds <= set(walk._ACCESSORS)


def test_accessors_match_reflection_on_programs() -> None:
    seen_kinds: set[type] = set()
    checked = 0
    for src in sorted(PROGRAMS.glob("*.c")):
        unit = front_end(src, PreprocessOptions())
        for fn in unit.functions.values():
            if fn.body is None:
                continue
            ref = _reference_walk(fn.body)
            got = list(walk.walk(fn.body))
            assert len(got) == len(ref) and all(a is b for a, b in zip(got, ref, strict=True))
            assert walk.nodes(fn.body) == got
            for n in ref:
                seen_kinds.add(type(n))
                assert list(walk.children(n)) == _reference_children(n)
                checked += 1
    assert checked > 1000
    assert {cir.For, cir.If, cir.Call, cir.Block, cir.Decl} <= seen_kinds


def test_optional_and_sequence_fields() -> None:
    span = Span("f", 1)
    sp = cir.Block((), span)
    one = cir.IntLit(1, IntT("i32", 32, True, 3), span)
    loop = cir.For((), None, None, sp, span)
    assert list(walk.children(loop)) == [sp]
    loop2 = cir.For((cir.ExprStmt(one, span),), one, None, sp, span)
    assert [type(c) for c in walk.children(loop2)] == [cir.ExprStmt, cir.IntLit, cir.Block]
    assert list(walk.children(cir.Decl("x", one.ty, None, span))) == []
    assert list(walk.children(cir.If(one, sp, None, span))) == [one, sp]


def test_unknown_dataclass_falls_back_to_reflection() -> None:
    @dataclasses.dataclass(frozen=True)
    class Wrapper:
        inner: object
        many: tuple[object, ...]

    b = cir.Break(Span("f", 1))
    c = cir.Continue(Span("f", 2))
    w = Wrapper(b, (c, 3))
    assert list(walk.children(w)) == [b, c]
    assert list(walk.walk(w)) == [w, b, c]

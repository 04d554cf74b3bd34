"""The bounds oracle on small C functions: needs, preconditions, undefined behaviour,
branches on buffer contents, exits, summaries; and the generator's determinism.

Needs gcc (for the preprocessor); no Rust toolchain.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from translator.cir_to_rust import Program
from translator.difftest_gen import CaseGen, case_line
from translator.difftest_model import BufV, Rng, plan_functions
from translator.difftest_oracle import Oracle, Ptr, Region, Reject, Unsupported
from translator.driver import Options, analyze

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")

SOURCE = r"""
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void zero_n(uint8_t *p, uint32_t n) { for (uint32_t i = 0U; i < n; i++) p[i] = 0U; }
static void touch_nothing(uint8_t *p, uint32_t k) { (void)p; (void)k; }
void offset_only(uint8_t *p, uint32_t k) { touch_nothing(p + k, 0U); }
void local_array(uint8_t *out, uint32_t len) {
  uint8_t t[8U] = { 0U };
  t[len] = 1U;
  memcpy(out, t, 8U * sizeof (uint8_t));
}
uint32_t shl(uint32_t x, uint32_t n) { return x << n; }
uint32_t quot(uint32_t a, uint32_t b) { return a / b; }
int32_t sadd(int32_t a, int32_t b) { return a + b; }
void branchy(const uint8_t *p, uint8_t *q) { if (p[0U] != 0U) q[7U] = 1U; else q[3U] = 1U; }
uint8_t lookup(const uint8_t *p, const uint8_t *t) { return t[p[0U]]; }
uint32_t fail(uint32_t a) { if (a == 3U) exit(253); return a; }
static void block(uint32_t *st, const uint8_t *b) { st[0U] = st[0U] + (uint32_t)b[63U]; }
void blocks(uint32_t *st, const uint8_t *b, uint32_t n) {
  for (uint32_t i = 0U; i < n; i++) block(st, b + i * 64U);
}
void fixed(uint32_t *st, const uint8_t *b) { blocks(st, b, 3U); }
"""


@pytest.fixture(scope="module")
def prog(tmp_path_factory: pytest.TempPathFactory) -> Program:
    d = tmp_path_factory.mktemp("oracle")
    src = d / "snippets.c"
    src.write_text(SOURCE)
    a = analyze(Options(sources=[src], out=d / "out", build=False))
    assert not a.linked.errors, a.linked.errors
    return a.program


def u8_region(o: Oracle, prog: Program, fn: str, i: int) -> Region:
    p = prog.functions[fn].params[i]
    return o.param_region(p.name, p.ty.target, None)  # type: ignore[union-attr]


def run(prog: Program, fn: str, *args: Any) -> tuple[str, list[int]]:
    """Run ``fn``; ``None`` arguments become fresh parameter buffers. Returns the
    status and the needs of those buffers."""
    o = Oracle(prog)
    regions: list[Region] = []

    def make() -> tuple[list[Any], list[Region]]:
        regions.clear()
        out: list[Any] = []
        for i, a in enumerate(args):
            if a is None:
                r = u8_region(o, prog, fn, i)
                regions.append(r)
                out.append(Ptr(r, 0))
            else:
                out.append(a)
        return out, list(regions)

    outcome, needs = o.run_paths(fn, make)
    return outcome.status, needs


def test_a_length_parameter_sets_the_need(prog: Program) -> None:
    assert run(prog, "zero_n", None, 10) == ("ok", [10])
    assert run(prog, "zero_n", None, 0) == ("ok", [0])


def test_forming_a_pointer_needs_the_buffer_to_reach_it(prog: Program) -> None:
    # C11 6.5.6p8: p + k must stay within the block or one past it (and Rust's &p[k..])
    assert run(prog, "offset_only", None, 13) == ("ok", [13])


def test_local_array_bounds_are_a_precondition(prog: Program) -> None:
    assert run(prog, "local_array", None, 7) == ("ok", [8])
    with pytest.raises(Reject, match=r"out of bounds of `t\[8\]`"):
        run(prog, "local_array", None, 8)


def test_undefined_behaviour_rejects_the_case(prog: Program) -> None:
    assert run(prog, "shl", 1, 31)[0] == "ok"
    with pytest.raises(Reject, match="shift by 32"):
        run(prog, "shl", 1, 32)
    with pytest.raises(Reject, match="division by zero"):
        run(prog, "quot", 1, 0)
    with pytest.raises(Reject, match="signed overflow"):
        run(prog, "sadd", 2**31 - 1, 1)


def test_branches_on_buffer_contents_take_every_path(prog: Program) -> None:
    assert run(prog, "branchy", None, None) == ("ok", [1, 8])


def test_an_index_from_buffer_contents_is_refused(prog: Program) -> None:
    with pytest.raises(Reject, match="index depends on buffer contents") as e:
        run(prog, "lookup", None, None)
    assert e.value.data


def test_exit_is_an_outcome(prog: Program) -> None:
    assert run(prog, "fail", 3) == ("exit", [])
    assert run(prog, "fail", 4) == ("ok", [])


def test_callee_summaries_give_the_same_needs(prog: Program) -> None:
    o = Oracle(prog)
    st = o.param_region("st", prog.functions["blocks"].params[0].ty.target, None)  # type: ignore[union-attr]
    b = u8_region(o, prog, "blocks", 1)
    o.run("blocks", [Ptr(st, 0), Ptr(b, 0), 5])
    assert (st.hi, b.hi) == (1, 5 * 64)
    # the callee ``block`` was summarised once and reused for every block
    assert any(k[0] == "block" for k in o._memo)
    assert run(prog, "fixed", None, None) == ("ok", [1, 192])


def test_the_buffer_cap_rejects_huge_lengths(prog: Program) -> None:
    with pytest.raises(Reject, match="would need more than"):
        run(prog, "zero_n", None, 1 << 20)


def test_generation_is_deterministic_and_respects_needs(prog: Program) -> None:
    planned = plan_functions(prog, [], {}, {}, {}, ["blocks", "local_array"])
    assert {p.c_name for p in planned.plans} == set()  # no crate text: nothing to plan

    plans = plan_functions(
        prog,
        [f for f in {fn.file for fn in prog.functions.values()} if f.endswith(".c")],
        {Path(f).stem: "snippets" for f in {fn.file for fn in prog.functions.values()}},
        {"snippets": "pub fn blocks(\npub fn local_array(\n"},
        {"blocks": ("translated", ""), "local_array": ("translated", "")},
        ["blocks", "local_array"],
    )
    assert sorted(p.c_name for p in plans.plans) == ["blocks", "local_array"]

    def cases(seed: int) -> list[str]:
        out = []
        for plan in plans.plans:
            gen = CaseGen(plan, plans.structs, Oracle(prog), Rng.derive(seed, plan.key))
            for _ in range(10):
                c = gen.generate()
                assert c is not None
                for v in c.values:
                    if isinstance(v, BufV):
                        assert len(v.items) >= v.need
                out.append(case_line(0, 0, plan, c.values, plans.structs))
        return out

    assert cases(1) == cases(1)
    assert cases(1) != cases(2)


def test_unsupported_constructs_are_reported(prog: Program, tmp_path: Path) -> None:
    src = tmp_path / "u.c"
    src.write_text(
        "#include <stdint.h>\nint puts(const char *s);\n"
        'uint32_t f(uint32_t a) { puts("x"); return a; }\n'
        "void g(void);\nuint32_t h(uint32_t a) { g(); return a; }\n"
    )
    p = analyze(Options(sources=[src], out=tmp_path / "o", build=False)).program
    assert Oracle(p).run("f", [1]).status == "ok"  # output functions are no-ops
    with pytest.raises(Unsupported, match="`g`, which has no definition"):
        Oracle(p).run("h", [1])

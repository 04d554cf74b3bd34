"""Checks against a real fstar.exe: run when one is found ($FSTAR_EXE or PATH), else skipped.

Known-good and known-bad candidates come from the recorded transcripts (F* 0.9.7.0~dev with
Z3 4.8.5) and from the sample set's simplest modules, which need only Prims and FStar.Mul.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from llm.fstar.checker import FStarBatchChecker, FStarIdeChecker, find_fstar
from llm.fstar.dataset import Entry, GoalView

FSTAR = find_fstar()
pytestmark = pytest.mark.skipif(
    FSTAR is None,
    reason="fstar.exe not found: set FSTAR_EXE or put fstar.exe on PATH "
    "(see llm/fstar/README.md, 'Supplying F*')",
)
CTX = "module Ctx\nopen FStar.List.Tot\n"


def ctx_goal(name: str, val: str) -> GoalView:
    return GoalView(
        name=f"Ctx.{name}",
        file_name="Ctx.fst",
        source_type=val,
        original_source_type=val,
        file_context=CTX,
    )


def test_ide_mode_on_the_transcript_goals() -> None:
    assert FSTAR is not None
    with FStarIdeChecker(FSTAR, timeout=120) as checker:
        incr = ctx_goal("incr", "val incr : x:nat -> Tot (y:nat{y > x})")
        assert checker.check(incr, "let incr x = x + 1").verified
        decr = ctx_goal("decr", "val decr : x:nat -> Tot nat")
        result = checker.check(decr, "let decr x = x - 1")
        assert result.status == "failed"
        assert any("Subtyping" in i.message for i in result.issues)
        wrong = ctx_goal("wrong", "val wrong : x:nat -> Lemma (x + 1 == x)")
        assert checker.check(wrong, "let wrong x = ()").status == "failed"


@pytest.mark.parametrize("short", ["double", "abs_nat", "clamp", "double_is_twice"])
def test_batch_mode_on_sample_goals(samples: list[Entry], short: str, tmp_path: Path) -> None:
    assert FSTAR is not None
    entry = next(e for e in samples if e.goal.short_name == short)
    checker = FStarBatchChecker(FSTAR, timeout=300)
    assert checker.check(entry.goal, entry.solution.source_definition).verified
    assert not checker.check(entry.goal, f"let {short} x = x / 0").verified

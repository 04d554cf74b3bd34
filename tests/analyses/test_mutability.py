"""Data-driven tests of the mutability fixpoint: facts expected beside the C input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyses import mutability
from translator.driver import front_end
from translator.link import link
from translator.preprocess import PreprocessOptions

CASES = Path(__file__).parent / "cases"


def expectations(src: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in re.finditer(r"expect-mut: (\w+):([^*\n]*)", src.read_text()):
        out[m.group(1)] = {p.strip() for p in m.group(2).split(",") if p.strip()}
    return out


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("mutability*.c")))
def test_mutability_facts(case: str) -> None:
    src = CASES / case
    linked = link([front_end(src, PreprocessOptions())])
    facts = mutability.infer(linked.functions)
    expected = expectations(src)
    assert expected
    for fn, params in expected.items():
        assert set(facts.mut_params[fn]) == params, fn

"""Data-driven tests of slice-length facts (may / must extents per parameter)."""

from __future__ import annotations

import re
from pathlib import Path

from analyses import extents
from translator.driver import front_end
from translator.link import link
from translator.preprocess import PreprocessOptions

CASE = Path(__file__).parent / "cases" / "extents.c"


def test_extent_facts() -> None:
    facts = extents.infer(link([front_end(CASE, PreprocessOptions())]).functions)
    expected = re.findall(r"expect-len: (\w+): ([^*\n]*)", CASE.read_text())
    assert expected
    for fn, spec in expected:
        for item in spec.split(","):
            param, _, vals = item.strip().partition("=")
            may, _, must = vals.partition("/")
            assert facts.may[fn][param] == (None if may == "?" else int(may)), (fn, param)
            assert facts.must[fn][param] == int(must), (fn, param)

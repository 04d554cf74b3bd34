"""Loading FStarDataSet records: formats, the goal/solution split, categories, the sample set."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from llm.fstar import samples as sample_set
from llm.fstar.dataset import (
    FORBIDDEN_FIELDS,
    Category,
    DatasetError,
    Entry,
    GoalView,
    OpenDirective,
    entry_from_record,
    load_entries,
    synthesis_goals,
)

RECORD = {
    "name": "M.f",
    "file_name": "M.fst",
    "source_type": "val f : nat -> nat",
    "original_source_type": "val f : nat -> nat",
    "source_definition": "let f x = x",
    "ideal_premises": ["Prims.nat"],
    "completed_definiton": "val f : nat -> nat\nlet f x = x",
    "file_context": "module M\n",
    "opens_and_abbrevs": [
        {"abbrev": True, "short_module": "L", "full_module": "FStar.List.Tot"},
        {"abbrev": False, "short_module": None, "full_module": "FStar.Seq"},
    ],
    "vconfig": {"z3rlimit": 10},
    "dependencies": {
        "source_file": "M.fst",
        "checked_file": "M.fst.checked",
        "interface_file": False,
        "dependencies": ["prims"],
    },
    "is_simply_typed": True,
}


def test_goal_view_has_no_answer_fields() -> None:
    names = {f.name for f in dataclasses.fields(GoalView)}
    assert not names & FORBIDDEN_FIELDS
    assert not names & {"completed_definition", "premises", "definition", "expected_response"}


def test_record_is_split_into_goal_and_solution() -> None:
    entry = entry_from_record(RECORD)
    assert entry.goal.name == "M.f" and entry.goal.short_name == "f" and entry.goal.module == "M"
    assert entry.goal.opens == (OpenDirective("FStar.List.Tot", "L"), OpenDirective("FStar.Seq"))
    assert entry.goal.vconfig == {"z3rlimit": 10}
    assert entry.goal.dependencies[0].dependencies == ("prims",)
    assert entry.solution.source_definition == "let f x = x"
    assert entry.solution.ideal_premises == ("Prims.nat",)
    assert "let f x" not in repr(entry) and "let f x" not in repr(entry.solution)
    assert entry.goal.category is Category.SIMPLY_TYPED


def test_raw_extractor_opens_format() -> None:
    raw = dict(
        RECORD,
        opens_and_abbrevs=[{"open": "FStar.Seq"}, {"abbrev": "S", "full_module": "FStar.Seq"}],
    )
    assert entry_from_record(raw).goal.opens == (
        OpenDirective("FStar.Seq"),
        OpenDirective("FStar.Seq", "S"),
    )


@pytest.mark.parametrize(
    ("flags", "category"),
    [
        ({"is_proof": True}, Category.PROOF),
        ({"is_simple_lemma": True, "is_simply_typed": True}, Category.PROOF),
        ({"is_simply_typed": True}, Category.SIMPLY_TYPED),
        ({}, Category.DEPENDENT),
    ],
)
def test_categories(flags: dict[str, bool], category: Category) -> None:
    record = {k: v for k, v in RECORD.items() if not k.startswith("is_")}
    assert entry_from_record({**record, **flags}).goal.category is category


def test_json_array_jsonl_and_defs_forms(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([RECORD, dict(RECORD, name="M.g")]))
    (tmp_path / "b.jsonl").write_text(json.dumps(RECORD) + "\n\n" + json.dumps(RECORD) + "\n")
    (tmp_path / "c.json").write_text(json.dumps({"defs": [RECORD], "dependencies": []}, indent=2))
    assert [e.goal.name for e in load_entries(tmp_path / "a.json")] == ["M.f", "M.g"]
    assert len(load_entries(tmp_path / "b.jsonl")) == 2
    assert len(load_entries([tmp_path / "c.json", tmp_path / "a.json"])) == 3


def test_bad_records_name_their_place(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(RECORD) + "\n" + json.dumps({"name": "M.h"}) + "\n")
    with pytest.raises(DatasetError, match=r"bad.jsonl:2.*source_type"):
        load_entries(path)
    with pytest.raises(DatasetError, match="no such file"):
        load_entries(tmp_path / "missing.jsonl")


def test_synthesis_goal_filter() -> None:
    keep = entry_from_record(RECORD)
    skipped = [
        entry_from_record(dict(RECORD, interleaved=True)),
        entry_from_record(dict(RECORD, is_type=True)),
        entry_from_record(dict(RECORD, source_definition="<DECLARETYP>")),
        entry_from_record(dict(RECORD, source_definition="type t")),
        entry_from_record(dict(RECORD, file_name="dummy")),
    ]
    assert synthesis_goals([keep, *skipped]) == [keep]


def test_sample_set_is_current_and_balanced(samples: list[Entry]) -> None:
    assert sample_set.main(["--check"]) == 0, "run: python -m llm.fstar.samples"
    counts = {c: sum(e.goal.category is c for e in samples) for c in Category}
    assert len(samples) >= 40 and min(counts.values()) >= 10
    assert all(e.is_synthesis_goal for e in samples)
    names = [e.goal.name for e in samples]
    assert len(names) == len(set(names))
    for entry in samples:
        # the file context is the module text before the goal: it never holds the answer
        assert entry.solution.source_definition not in entry.goal.file_context
        assert entry.goal.file_context.startswith(f"module {entry.goal.module}\n")

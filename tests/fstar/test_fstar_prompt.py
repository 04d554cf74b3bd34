"""Prompt assembly (answer fields never appear) and candidate extraction."""

from __future__ import annotations

import json

from llm.fstar.checker import CheckResult, Issue, Range
from llm.fstar.dataset import Entry, entry_from_record
from llm.fstar.prompt import (
    Feedback,
    PromptLimits,
    build_messages,
    build_user_prompt,
    extract_candidate,
)
from llm.fstar.retrieval import ExampleRetriever, PremiseSelector

SENTINELS = {
    "source_definition": "SENTINEL_SOURCE_DEFINITION_4711",
    "ideal_premises": ["SENTINEL_IDEAL_PREMISE_4712"],
    "completed_definiton": "SENTINEL_COMPLETED_DEFINITION_4713",
}


def poisoned(entry: Entry) -> Entry:
    """A goal whose answer fields hold sentinels (the rest copied from the sample)."""
    g = entry.goal
    record = {
        "name": g.name,
        "file_name": g.file_name,
        "source_type": g.source_type,
        "original_source_type": g.original_source_type,
        "file_context": g.file_context,
        "partial_definition": g.partial_definition,
        "is_proof": g.is_proof,
        "opens_and_abbrevs": [{"open": o.module} for o in g.opens],
        **SENTINELS,
    }
    return entry_from_record(record)


def test_answer_fields_never_reach_the_prompt(samples: list[Entry]) -> None:
    retriever = ExampleRetriever.from_entries(samples)
    premises = PremiseSelector.from_entries(samples)
    for entry in samples:
        goal = poisoned(entry).goal
        failed = CheckResult("failed", (Issue("error", "boom"),), snippet="let x = 1")
        messages = build_messages(
            goal,
            retriever.retrieve(goal, 4),
            premises.select(goal, 12),
            [Feedback("let x = 1", failed)],
        )
        text = json.dumps([m.as_dict() for m in messages])
        assert "SENTINEL" not in text
        # and the real answer is not there either: the goal is left out of its examples
        assert entry.solution.source_definition not in text


def test_sections_in_order(samples: list[Entry]) -> None:
    entry = next(e for e in samples if e.goal.short_name == "sum_list_append")
    goal = entry.goal
    retriever = ExampleRetriever.from_entries(samples)
    text = build_user_prompt(
        goal, retriever.retrieve(goal, 2), PremiseSelector.from_entries(samples).select(goal, 3)
    )
    order = [
        "## Goal",
        "## Opened modules",
        "## File context",
        "## Names that may help",
        "## Related definitions",
        "## Complete this definition",
    ]
    positions = [text.index(h) for h in order]
    assert positions == sorted(positions)
    assert goal.source_type in text and "open FStar.List.Tot" in text
    assert "open Prims" not in text
    assert "let rec sum_list_append l1 l2 = ..." in text


def test_file_context_is_cut_to_its_tail(samples: list[Entry]) -> None:
    goal = samples[-1].goal
    text = build_user_prompt(goal, limits=PromptLimits(context_chars=60))
    assert "earlier part of the file omitted" in text
    assert goal.file_context.strip()[-30:] in text


def test_feedback_quotes_the_failing_line(samples: list[Entry]) -> None:
    goal = samples[0].goal
    snippet = "val decr : x:nat -> Tot nat\nlet decr x = x - 1"
    issue = Issue("error", "Subtyping check failed", (Range("<input>", 2, 13, 2, 18),), 19)
    text = build_user_prompt(
        goal,
        feedback=[Feedback("let decr x = x - 1", CheckResult("failed", (issue,), snippet=snippet))],
    )
    assert "Subtyping check failed" in text
    assert "at line 2, columns 13-18: `let decr x = x - 1`" in text
    timeout = build_user_prompt(
        goal,
        feedback=[Feedback("let x = 1", CheckResult("timeout", reason="no answer within 5 s"))],
    )
    assert "did not finish" in timeout


def test_extract_candidate_forms(samples: list[Entry]) -> None:
    goal = next(e for e in samples if e.goal.short_name == "double").goal
    fenced = "Here you go:\n```fstar\nval double : int -> int\nlet double x = x + x\n```\nDone."
    assert extract_candidate(fenced, goal) == "let double x = x + x"
    tagged = "<think>let double = wrong</think><answer>let double x = 2 * x</answer>"
    assert extract_candidate(tagged, goal) == "let double x = 2 * x"
    two = "```fstar\nlet helper = 1\n```\nthen\n```\nlet double x = x + x\n```"
    assert extract_candidate(two, goal) == "let double x = x + x"
    assert extract_candidate("let double x = x + x", goal) == "let double x = x + x"

"""IDE and batch mode agree, and IDE verdicts do not depend on the order of goals.

The fake fstar.exe behaves like the real IDE mode in the way that matters here: a session loads
only the modules its start-up file names, so a push that names another module fails, while
batch mode always loads what the file names.
"""

from __future__ import annotations

import random

from llm.fstar.checker import FStarBatchChecker, FStarIdeChecker, startup_file
from llm.fstar.dataset import Entry, GoalView
from tests.support.fstar_fake import FakeFStar


def cases(samples: list[Entry]) -> list[tuple[GoalView, str]]:
    """Each sample goal with its ground truth, a wrong answer and a trick; plus goals whose
    candidates or contexts name modules the context does not open."""
    out: list[tuple[GoalView, str]] = []
    for entry in samples[::6]:
        g, short = entry.goal, entry.goal.short_name
        out += [
            (g, entry.solution.source_definition),
            (g, f"let {short} _ = wrong_answer"),
            (g, f"[@expect_failure]\n{entry.solution.source_definition}"),
        ]
    plain = GoalView(
        name="Q.count", file_name="Q.fst", source_type="val count : nat", file_context="module Q\n"
    )
    out.append((plain, "let count = FStar.List.Tot.length [1; 2]"))
    out.append((plain, "let count = 2"))
    longer = GoalView(
        name="Q.twice",
        file_name="Q.fst",
        source_type="val twice : nat",
        file_context="module Q\nlet count = FStar.List.Tot.length [1; 2]\n",
    )
    out.append((longer, "let twice = count + count"))
    return out


ACCEPT = [
    "let count = FStar.List.Tot.length [1; 2]",
    "let count = 2",
    "let twice = count + count",
]


def verdicts(
    checker: FStarIdeChecker | FStarBatchChecker, items: list[tuple[GoalView, str]]
) -> dict[tuple[str, str], str]:
    return {(g.name, c): checker.check(g, c).status for g, c in items}


def test_ide_and_batch_agree_whatever_the_order(
    fake_fstar: FakeFStar, samples: list[Entry]
) -> None:
    fake_fstar.accept([*(e.solution.source_definition for e in samples), *ACCEPT])
    items = cases(samples)
    batch = verdicts(FStarBatchChecker(fake_fstar.exe, timeout=10), items)
    with FStarIdeChecker(fake_fstar.exe, timeout=10) as ide:
        forward = verdicts(ide, items)
    shuffled = items[:]
    random.Random(14).shuffle(shuffled)
    with FStarIdeChecker(fake_fstar.exe, timeout=10, max_sessions=1) as ide:
        mixed = verdicts(ide, shuffled)
        backward = verdicts(ide, items[::-1])
    assert forward == batch == mixed == backward
    statuses = set(batch.values())
    assert statuses == {"verified", "failed", "rejected"}
    # the candidate that names FStar.List.Tot without an open verifies in both modes
    assert batch[("Q.count", "let count = FStar.List.Tot.length [1; 2]")] == "verified"
    assert batch[("Q.twice", "let twice = count + count")] == "verified"


def test_session_reuse_is_per_module_and_dependency_set(
    fake_fstar: FakeFStar, samples: list[Entry]
) -> None:
    fake_fstar.accept([*(e.solution.source_definition for e in samples), *ACCEPT])
    lists = [e for e in samples if e.goal.module == "Sample.Lists"]
    with FStarIdeChecker(fake_fstar.exe, timeout=10) as ide:
        for entry in lists:
            assert ide.check(entry.goal, entry.solution.source_definition).verified
        assert ide.sessions_started == 1  # same module, same modules named: one session
        # going back to an earlier goal pops to the common prefix instead of restarting
        assert ide.check(lists[0].goal, lists[0].solution.source_definition).verified
        assert ide.sessions_started == 1
        # a candidate naming a module the session did not load gets a session that loads it
        short = lists[0].goal.short_name
        extra = f"let {short} #a l = FStar.Seq.Base.length (FStar.Seq.Base.seq_of_list l)"
        result = ide.check(lists[0].goal, extra)
        assert result.status == "failed" and "not loaded" not in result.reason
        assert ide.sessions_started == 2


def test_startup_file_names_the_snippets_modules_but_not_its_text() -> None:
    g = GoalView(
        name="Q.R.count",
        file_name="Q.R.fst",
        source_type="val count : nat",
        file_context="module Q.R\nopen FStar.Seq\nmodule L = FStar.List.Tot\n",
    )
    chunks = ["module Q.R", "open FStar.Seq", "module L = FStar.List.Tot"]
    # the candidate does not parse; the start-up file must not contain it
    snippet = "val count : nat\nlet count = L.length (FStar.Classical.x Q.R.y (Seq.z 1 ((("
    text = startup_file(g, chunks, snippet)
    deps = "let c2safe_dependencies = [L.length; FStar.Classical.x; Q.R.y; Seq.z]"
    assert text == "\n".join([*chunks, deps]) + "\n"
    with_opens = startup_file(g, chunks, "let count = let open FStar.Mul in 1\nmodule S = A.B")
    assert with_opens.splitlines()[3:] == ["open FStar.Mul", "module S = A.B"]


def test_restart_solver_option_keeps_modes_in_agreement(
    fake_fstar: FakeFStar, samples: list[Entry]
) -> None:
    fake_fstar.accept(e.solution.source_definition for e in samples)
    items = cases(samples)[:9]
    batch = verdicts(FStarBatchChecker(fake_fstar.exe, timeout=10, restart_solver=True), items)
    with FStarIdeChecker(fake_fstar.exe, timeout=10, restart_solver=True) as ide:
        in_ide = verdicts(ide, items)
    assert in_ide == batch and set(batch.values()) == {"verified", "failed", "rejected"}
    snippets = [c for c in fake_fstar.pushed_code() if "#push-options" in c]  # goal snippets
    assert snippets and all(c.startswith("#restart-solver\n") for c in snippets)

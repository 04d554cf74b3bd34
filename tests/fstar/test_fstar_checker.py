"""The F* checker client against the recorded transcripts (replayed by a fake fstar.exe)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from llm.fstar.checker import (
    FStarBatchChecker,
    FStarIdeChecker,
    build_snippet,
    context_chunks,
    find_fstar,
    parse_batch_output,
    strip_comments,
    supports_report_assumes,
    vconfig_options,
)
from llm.fstar.dataset import Entry, GoalView
from tests.support.fstar_fake import TRANSCRIPTS, FakeFStar

CTX = "module Ctx\nopen FStar.List.Tot\n"


def ctx_goal(name: str, val: str) -> GoalView:
    return GoalView(
        name=f"Ctx.{name}",
        file_name="Ctx.fst",
        source_type=val,
        original_source_type=val,
        file_context=CTX,
    )


INCR = ctx_goal("incr", "val incr : x:nat -> Tot (y:nat{y > x})")
DECR = ctx_goal("decr", "val decr : x:nat -> Tot nat")
APP_LEN = ctx_goal(
    "app_len",
    "val app_len : l1:list int -> l2:list int -> Lemma (length (l1 @ l2) == length l1 + length l2)",
)
WRONG = ctx_goal("wrong", "val wrong : x:nat -> Lemma (x + 1 == x)")
SNEAKY = ctx_goal("sneaky", "val sneaky : x:nat -> Lemma (x + 1 == x)")


def test_ide_session_replays_the_transcript(fake_fstar: FakeFStar) -> None:
    with FStarIdeChecker(fake_fstar.exe, timeout=10) as checker:
        assert checker.version.startswith("F* 0.9.7.0") and not checker.report_assumes
        ok = checker.check(INCR, "let incr x = x + 1")
        assert ok.verified and ok.issues == ()
        bad = checker.check(DECR, "let decr x = x - 1")
        assert bad.status == "failed" and bad.reason.startswith("Subtyping check failed")
        [issue] = bad.issues
        assert issue.level == "error" and issue.ranges[0].render() == "<input>(2,13-2,18)"
        assert bad.snippet.splitlines()[1] == "let decr x = x - 1"
        lemma = checker.check(
            APP_LEN, "let rec app_len l1 l2 = match l1 with | [] -> () | _ :: tl -> app_len tl l2"
        )
        assert lemma.verified
        false_lemma = checker.check(WRONG, "let wrong x = ()")
        assert false_lemma.status == "failed"
        assert false_lemma.issues[0].message == "could not prove post-condition"
        cheat = checker.check(SNEAKY, "let sneaky x = admit ()")
        assert cheat.status == "rejected" and "admit" in cheat.reason
    queries = fake_fstar.queries()
    kinds = [q["query"] for q in queries]
    # one session: the context is pushed once, every success is looked up and popped, the
    # cheat never sent
    assert fake_fstar.pushed_code()[:2] == ["module Ctx", "open FStar.List.Tot"]
    assert kinds == [
        "push", "push", "push", "lookup", "pop", "push", "push", "lookup", "pop", "push", "exit"
    ]  # fmt: skip
    lookups = [q["args"] for q in queries if q["query"] == "lookup"]
    assert lookups[0] == {"symbol": "incr", "requested-info": ["defined-at"]}
    assert not any("sneaky" in code for code in fake_fstar.pushed_code())
    assert all(q["args"].get("line", 1) == 1 for q in queries if q["query"] == "push")


def test_wrong_name_is_rejected_without_calling_fstar(fake_fstar: FakeFStar) -> None:
    with FStarIdeChecker(fake_fstar.exe, timeout=10) as checker:
        result = checker.check(INCR, "let increment x = x + 1")
    assert result.status == "rejected" and "does not define 'incr'" in result.reason
    assert fake_fstar.queries() == []


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped by init counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def gone(pid: int, within: float = 3.0) -> bool:
    """Dead within `within` seconds (a SIGKILL takes a moment to show in /proc)."""
    deadline = time.monotonic() + within
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_timeout_kills_fstar_and_its_solver(
    fake_fstar: FakeFStar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_FSTAR_CHILD_PIDS", str(fake_fstar.child_pids))
    with FStarIdeChecker(fake_fstar.exe, timeout=0.5) as checker:
        assert checker.check(INCR, "let incr x = x + 1").verified
        [solver] = fake_fstar.children()  # the session's long-lived child ("z3")
        assert alive(solver)
        start = time.monotonic()
        slow = checker.check(INCR, "let incr x = FAKE_SLOW")
        assert slow.status == "timeout" and time.monotonic() - start < 5
        assert gone(solver)  # killed with its F*, not left running
        assert checker.check(INCR, "let incr x = x + 1").verified  # a new session
        second = fake_fstar.children()[-1]
        assert second != solver and alive(second)
    assert gone(second)  # closing the checker ends F* and its children
    assert all(gone(pid) for pid in fake_fstar.children())


def test_batch_leaves_no_child_behind(
    fake_fstar: FakeFStar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_FSTAR_CHILD_PIDS", str(fake_fstar.child_pids))
    fake_fstar.accept(["let incr x = x + 1"])
    checker = FStarBatchChecker(fake_fstar.exe, timeout=0.5)
    assert checker.check(INCR, "let incr x = x + 1").verified  # F* exits, its child must not
    assert checker.check(INCR, "let incr x = FAKE_SLOW").status == "timeout"
    pids = fake_fstar.children()
    assert len(pids) == 2  # one F* per check
    assert all(gone(pid) for pid in pids)


def test_crash_is_an_error_not_an_exception(fake_fstar: FakeFStar) -> None:
    with FStarIdeChecker(fake_fstar.exe, timeout=5) as checker:
        crashed = checker.check(INCR, "let incr x = FAKE_CRASH")
        assert crashed.status == "error" and "stopped" in crashed.reason
        assert checker.check(INCR, "let incr x = x + 1").verified


def test_oracle_judges_unrecorded_candidates(fake_fstar: FakeFStar, samples: list[Entry]) -> None:
    module = [e for e in samples if e.goal.module == "Sample.Lists"]
    fake_fstar.accept(e.solution.source_definition for e in samples)
    with FStarIdeChecker(fake_fstar.exe, timeout=10) as checker:
        for entry in module[:4]:
            assert checker.check(entry.goal, entry.solution.source_definition).verified
        wrong = checker.check(module[4].goal, f"let {module[4].goal.short_name} f l = l")
        assert wrong.status == "failed"
    pushed = fake_fstar.pushed_code()
    # one session for the module: each goal only adds the declarations since the previous one
    assert pushed.count("module Sample.Lists") == 1


def test_batch_checker(fake_fstar: FakeFStar, samples: list[Entry]) -> None:
    entry = next(e for e in samples if e.goal.short_name == "clamp")
    fake_fstar.accept(e.solution.source_definition for e in samples)
    checker = FStarBatchChecker(fake_fstar.exe, timeout=10)
    assert checker.check(entry.goal, entry.solution.source_definition).verified
    bad = checker.check(entry.goal, "let clamp lo hi x = x")
    assert bad.status == "failed"
    [issue] = bad.issues
    assert issue.number == 19 and issue.ranges[0].fname == "<input>"
    assert bad.snippet.splitlines()[issue.ranges[0].start_line - 1] == "let clamp lo hi x = x"


def test_recorded_batch_output_parses() -> None:
    bad = parse_batch_output((TRANSCRIPTS / "batch_bad.txt").read_text(), "Bad.fst")
    errors = [i for i in bad if i.level == "error"]
    assert len(errors) == 1 and errors[0].number == 19
    assert errors[0].ranges[0].render() == "<input>(3,13-3,18)"
    assert "expected type Prims.nat" in errors[0].message
    good = parse_batch_output((TRANSCRIPTS / "batch_good.txt").read_text(), "Good.fst")
    assert {i.number for i in good} == {241, 271} and all(i.level == "warning" for i in good)


def test_recorded_batch_files_through_the_fake(fake_fstar: FakeFStar, tmp_path: Path) -> None:
    import subprocess

    for name, code in (("Good.fst", 0), ("Bad.fst", 1)):
        (tmp_path / name).write_text((TRANSCRIPTS / name).read_text())
        proc = subprocess.run(
            [str(fake_fstar.exe), name], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        assert proc.returncode == code


def test_strip_comments_keeps_strings() -> None:
    assert strip_comments('a (* b (* c *) d *) e // f\n"(* g *)"') == 'a  e \n"(* g *)"'


def test_snippet_carries_recorded_options(samples: list[Entry]) -> None:
    entry = next(e for e in samples if e.goal.short_name == "sum_to_closed")
    options = vconfig_options(entry.goal.vconfig)
    assert "--z3rlimit 20" in options and "--initial_fuel 2" in options
    assert not any(o.startswith(("--retry", "--quake", "--tcnorm")) for o in options)
    snippet = build_snippet(entry.goal, "let rec sum_to_closed n = ()")
    lines = snippet.splitlines()
    assert lines[0].startswith('#push-options "') and lines[-1] == "#pop-options"
    assert lines[1] == entry.goal.original_source_type


def test_context_chunks(samples: list[Entry]) -> None:
    entry = next(e for e in samples if e.goal.short_name == "height")
    chunks = context_chunks(entry.goal)
    assert chunks[0] == "module Sample.Trees"
    assert chunks[1].startswith("type tree =") and "| Node" in chunks[1]
    assert "val size : tree -> nat" in chunks
    bare = GoalView(name="A.B.f", file_name="A.B.fst", source_type="val f : int")
    assert context_chunks(bare) == ["module A.B"]


def test_find_fstar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_fstar: FakeFStar) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_fstar() is None
    assert find_fstar(tmp_path / "nope") is None
    assert find_fstar(fake_fstar.exe) == fake_fstar.exe
    monkeypatch.setenv("FSTAR_EXE", str(fake_fstar.exe))
    assert find_fstar() == fake_fstar.exe
    monkeypatch.delenv("FSTAR_EXE")
    monkeypatch.setenv("PATH", str(fake_fstar.exe.parent))
    assert find_fstar() == fake_fstar.exe


def test_report_assumes_only_for_modern_fstar() -> None:
    assert supports_report_assumes("F* 2023.09.03~dev")
    assert not supports_report_assumes("F* 0.9.7.0~dev")
    assert not supports_report_assumes("")


def test_new_open_restarts_the_session(fake_fstar: FakeFStar) -> None:
    first = GoalView(
        name="M.f", file_name="M.fst", source_type="val f : int", file_context="module M\n"
    )
    second = GoalView(
        name="M.g",
        file_name="M.fst",
        source_type="val g : int",
        file_context="module M\nopen FStar.Seq\n",
    )
    third = GoalView(
        name="M.h",
        file_name="M.fst",
        source_type="val h : int",
        file_context="module M\nopen FStar.Seq\nlet g = 1\n",
    )
    fake_fstar.accept(["let f = 1", "let g = 1", "let h = 1"])
    with FStarIdeChecker(fake_fstar.exe, timeout=10) as checker:
        assert checker.check(first, "let f = 1").verified
        assert checker.check(second, "let g = 1").verified
        assert checker.check(third, "let h = 1").verified
    assert fake_fstar.pushed_code().count("module M") == 2


@pytest.mark.parametrize("mode", ["ide", "batch"])
def test_goals_broken_by_their_context_or_type(fake_fstar: FakeFStar, mode: str) -> None:
    fine = GoalView(
        name="M.f", file_name="M.fst", source_type="val f : nat", file_context="module M\n"
    )
    bad_type = GoalView(
        name="M.g",
        file_name="M.fst",
        source_type="val g : FAKE_ILL_TYPED",
        file_context="module M\n",
    )
    bad_context = GoalView(
        name="M.h",
        file_name="M.fst",
        source_type="val h : nat",
        file_context="module M\nlet k : nat = -1\n",
    )
    fake_fstar.accept(["let f = 1", "let h = 1"])
    checker: FStarIdeChecker | FStarBatchChecker = (
        FStarIdeChecker(fake_fstar.exe, timeout=10)
        if mode == "ide"
        else FStarBatchChecker(fake_fstar.exe, timeout=10)
    )
    try:
        assert checker.check_goal(fine) is None
        typed = checker.check_goal(bad_type)
        assert typed is not None and typed.status == "broken"
        assert typed.reason == "the goal's type does not check"
        context = checker.check_goal(bad_context)
        assert context is not None and context.status == "broken"
        assert "context does not check" in context.reason
        # a candidate check that meets the broken context says so, never "failed"
        assert checker.check(bad_context, "let h = 1").status == "broken"
        assert checker.check(fine, "let f = 1").verified
    finally:
        checker.close()


def test_transcript_recorder_speaks_the_protocol(fake_fstar: FakeFStar, tmp_path: Path) -> None:
    """The recorder meant for a real F* (tests/fstar/record_transcript.py), run on the fake."""
    from tests.fstar.record_transcript import main as record

    out = tmp_path / "ide_lookup.jsonl"
    assert record(["--fstar", str(fake_fstar.exe), str(out)]) == 0
    sent = [json.loads(x[2:]) for x in out.read_text().splitlines() if x.startswith("> ")]
    kinds = [q["query"] for q in sent]
    assert kinds[0] == "push" and kinds.count("lookup") == kinds.count("pop") >= 1
    assert all(sent[i + 1]["query"] == "pop" for i, q in enumerate(sent) if q["query"] == "lookup")

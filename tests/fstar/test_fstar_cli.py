"""`c2safe fstar ...` end to end: the scripted OpenAI-compatible server, the fake fstar.exe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llm.fstar.dataset import Category, Entry
from llm.fstar.samples import SAMPLES_JSONL
from tests.fstar.scripted_eval import CheatingModel
from tests.fstar.scripted_model import ScriptedModel
from tests.support.fstar_fake import FakeFStar
from tests.support.openai_stub import OpenAIStub
from translator.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def common(stub: OpenAIStub, fake: FakeFStar, tmp_path: Path) -> list[str]:
    return [
        "--llm-base-url",
        stub.base_url,
        "--llm-model",
        "stub-model",
        "--fstar",
        str(fake.exe),
        "--timeout",
        "10",
        "--cache",
        str(tmp_path / "cache.sqlite"),
    ]


def test_eval_end_to_end(
    openai_stub: OpenAIStub,
    fake_fstar: FakeFStar,
    samples: list[Entry],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    model = ScriptedModel(samples)
    openai_stub.script(model)
    fake_fstar.accept(e.solution.source_definition for e in samples)
    report_path = tmp_path / "report.json"
    argv = ["fstar", "eval", str(SAMPLES_JSONL), "--k", "5", "--report", str(report_path)]
    rc, out, err = run(capsys, *argv, *common(openai_stub, fake_fstar, tmp_path))
    assert rc == 0, err

    # the expected scores follow from the scripted policy
    expected: dict[str, tuple[int, int, int]] = {}
    for cat in Category:
        names = [e.goal.name for e in samples if e.goal.category is cat]
        at = [model.expected_attempt(n) for n in names]
        expected[cat.value] = (len(names), at.count(1), sum(a is not None for a in at))
    report = json.loads(report_path.read_text())
    for label, (n, p1, pk) in expected.items():
        got = report["categories"][label]
        assert (got["goals"], got["passed_at_1"], got["passed_at_k"]) == (n, p1, pk), label
    total = report["total"]
    assert total["goals"] == len(samples) == 71 and total["broken"] == 0
    assert (total["passed_at_1"], total["passed_at_k"]) == (24, 48)
    assert "pass@5" in out and "all" in out and f"report: {report_path}" in out
    assert "33.8%" in out and "67.6%" in out

    assert report["schema"] == "c2safe.fstar.eval/1" and report["model"] == "stub-model"
    assert report["fstar"]["version"].startswith("F* 0.9.7.0")
    by_name = {g["name"]: g for g in report["goals"]}
    for entry in samples:
        g = by_name[entry.goal.name]
        assert g["verified_at"] == model.expected_attempt(entry.goal.name)
        assert len(g["attempts"]) == (g["verified_at"] or 5)
    failed = by_name[samples[2].goal.name]["attempts"][0]
    assert failed["status"] == "failed" and failed["issues"][0]["ranges"][0]["fname"] == "<input>"
    calls = len(openai_stub.requests)
    assert calls == report["llm"]["calls"] == report["llm"]["cache_misses"]

    # a re-run is answered from the cache: no calls, same numbers
    rc, out2, _ = run(capsys, *argv, *common(openai_stub, fake_fstar, tmp_path))
    assert rc == 0 and len(openai_stub.requests) == calls
    assert json.loads(report_path.read_text())["total"] == total
    assert out2.splitlines()[:6] == out.splitlines()[:6]


def test_eval_never_sends_answer_fields(
    openai_stub: OpenAIStub,
    fake_fstar: FakeFStar,
    samples: list[Entry],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "poisoned.jsonl"
    with data.open("w") as f:
        for line in SAMPLES_JSONL.read_text().splitlines()[:12]:
            record = json.loads(line)
            record["source_definition"] = "let SENTINEL_DEFINITION = 0"
            record["ideal_premises"] = ["SENTINEL_PREMISE"]
            record["completed_definiton"] = "SENTINEL_COMPLETED"
            f.write(json.dumps(record) + "\n")
    openai_stub.script(ScriptedModel(samples))
    fake_fstar.accept(e.solution.source_definition for e in samples)
    argv = [
        "fstar",
        "eval",
        str(data),
        "--train",
        str(SAMPLES_JSONL),
        "--k",
        "2",
        "--report",
        str(tmp_path / "r.json"),
        *common(openai_stub, fake_fstar, tmp_path),
    ]
    rc, _, err = run(capsys, *argv)
    assert rc == 0, err
    assert openai_stub.requests
    assert "SENTINEL" not in json.dumps(openai_stub.requests)


def test_synth_prints_the_verified_definition(
    openai_stub: OpenAIStub,
    fake_fstar: FakeFStar,
    samples: list[Entry],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    model = ScriptedModel(samples)
    openai_stub.script(model)
    fake_fstar.accept(e.solution.source_definition for e in samples)
    entry = samples[1]  # policy: verified at the third candidate
    report = tmp_path / "synth.json"
    rc, out, err = run(
        capsys,
        "fstar",
        "synth",
        str(SAMPLES_JSONL),
        "--name",
        entry.goal.short_name,
        "--report",
        str(report),
        *common(openai_stub, fake_fstar, tmp_path),
    )
    assert rc == 0, err
    assert out.strip() == entry.solution.source_definition
    assert "candidate 1: failed" in err and "candidate 3: verified" in err
    assert json.loads(report.read_text())["goal"]["verified_at"] == 3

    never = samples[2]
    rc, out, err = run(
        capsys,
        "fstar",
        "synth",
        str(SAMPLES_JSONL),
        "--name",
        never.goal.name,
        "--k",
        "2",
        *common(openai_stub, fake_fstar, tmp_path),
    )
    assert rc == 1 and out == "" and "not verified (2 candidates" in err


def test_check_and_parse_commands(
    fake_fstar: FakeFStar, samples: list[Entry], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_fstar.accept(e.solution.source_definition for e in samples)
    entry = samples[3]
    cand = tmp_path / "cand.fst"
    cand.write_text(entry.solution.source_definition)
    rc, out, _ = run(
        capsys,
        "fstar",
        "check",
        str(SAMPLES_JSONL),
        "--name",
        entry.goal.name,
        str(cand),
        "--fstar",
        str(fake_fstar.exe),
    )
    assert rc == 0 and "verified" in out
    cand.write_text(f"let {entry.goal.short_name} x = 0")
    rc, out, _ = run(
        capsys,
        "fstar",
        "check",
        str(SAMPLES_JSONL),
        "--name",
        entry.goal.name,
        str(cand),
        "--fstar",
        str(fake_fstar.exe),
        "--fstar-mode",
        "batch",
    )
    assert rc == 1 and "failed" in out and "(Error 19)" in out

    rc, out, _ = run(
        capsys, "fstar", "parse", "val f : x:nat -> Lemma (requires x > 0) (ensures x >= 1)"
    )
    assert rc == 0 and out.splitlines()[0].startswith("val f : x:nat -> Lemma (requires x > 0)")
    assert "effect: Lemma" in out
    rc, _, err = run(capsys, "fstar", "parse", "val f : ->")
    assert rc == 2 and "1:10" in err


def test_usage_errors(
    openai_stub: OpenAIStub,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("FSTAR_EXE", raising=False)
    rc, _, err = run(
        capsys,
        "fstar",
        "eval",
        str(SAMPLES_JSONL),
        "--llm-model",
        "m",
        "--llm-base-url",
        openai_stub.base_url,
    )
    assert rc == 2 and "F* not found" in err and "README" in err
    rc, _, err = run(capsys, "fstar", "eval", str(tmp_path / "none.jsonl"))
    assert rc == 2 and "no such file" in err
    rc, _, err = run(capsys, "fstar", "synth", str(SAMPLES_JSONL), "--name", "nope")
    assert rc == 2 and "no goal named 'nope'" in err
    assert openai_stub.requests == []


def test_setup_error_stops_before_any_llm_call(
    openai_stub: OpenAIStub,
    fake_fstar: FakeFStar,
    samples: list[Entry],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    openai_stub.script(ScriptedModel(samples))
    monkeypatch.setenv("FAKE_FSTAR_NO_Z3", "1")
    for mode in ("ide", "batch"):
        argv = ["fstar", "eval", str(SAMPLES_JSONL), "--fstar-mode", mode]
        rc, out, err = run(capsys, *argv, *common(openai_stub, fake_fstar, tmp_path))
        assert rc == 2 and "F* set-up problem" in err
        assert "could not run Z3" in err  # F*'s own message, shown to the user
        assert "pass@" not in out
    assert openai_stub.requests == []


def broken_dataset(tmp_path: Path) -> tuple[Path, set[str]]:
    """Sample.Lists with one goal whose context holds a definition that does not check."""
    data = tmp_path / "broken.jsonl"
    broken: set[str] = set()
    with data.open("w") as f:
        for line in SAMPLES_JSONL.read_text().splitlines():
            record = json.loads(line)
            if not record["name"].startswith("Sample.Lists."):
                continue
            if record["name"].endswith(".nth_opt"):
                record["file_context"] += "let not_a_nat : nat = -1\n"
                broken.add(record["name"])
            f.write(json.dumps(record) + "\n")
    return data, broken


@pytest.mark.parametrize("mode", ["ide", "batch"])
def test_broken_goals_are_counted_apart_and_cost_no_llm_call(
    openai_stub: OpenAIStub,
    fake_fstar: FakeFStar,
    samples: list[Entry],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mode: str,
) -> None:
    model = ScriptedModel(samples)
    openai_stub.script(model)
    fake_fstar.accept(e.solution.source_definition for e in samples)
    data, broken = broken_dataset(tmp_path)
    report_path = tmp_path / "r.json"
    argv = ["fstar", "eval", str(data), "--train", str(SAMPLES_JSONL), "--k", "2"]
    argv += ["--fstar-mode", mode, "--report", str(report_path)]
    rc, out, err = run(capsys, *argv, *common(openai_stub, fake_fstar, tmp_path))
    assert rc == 0, err
    report = json.loads(report_path.read_text())
    assert [b["name"] for b in report["broken"]] == sorted(broken)
    assert "context does not check" in report["broken"][0]["reason"]
    lists = [e for e in samples if e.goal.module == "Sample.Lists"]
    assert report["total"]["goals"] == len(lists) - 1 and report["total"]["broken"] == 1
    assert "1 goal(s) broken by their own context" in out
    assert not any(name in model.calls for name in broken)  # never asked the model
    by_name = {g["name"]: g for g in report["goals"]}
    [name] = broken
    assert by_name[name]["attempts"] == [] and by_name[name]["stopped"] == "broken"


@pytest.mark.parametrize("mode", ["ide", "batch"])
def test_a_cheating_model_scores_nothing(
    openai_stub: OpenAIStub,
    fake_fstar: FakeFStar,
    samples: list[Entry],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mode: str,
) -> None:
    """Every answer is a recorded cheat around the ground truth, which the fake F* accepts
    (as the real one does): the acceptance rules must reject all of them."""
    openai_stub.script(CheatingModel({e.goal.name: e.solution.source_definition for e in samples}))
    fake_fstar.accept(e.solution.source_definition for e in samples)
    report_path = tmp_path / "r.json"
    argv = ["fstar", "eval", str(SAMPLES_JSONL), "--limit", "4", "--k", "5"]
    argv += ["--fstar-mode", mode, "--report", str(report_path)]
    rc, _, err = run(capsys, *argv, *common(openai_stub, fake_fstar, tmp_path))
    assert rc == 0, err
    report = json.loads(report_path.read_text())
    assert report["total"]["passed_at_k"] == 0 and len(openai_stub.requests) == 20
    statuses = {a["status"] for g in report["goals"] for a in g["attempts"]}
    assert statuses == {"rejected"}
    assert report["rejections"] == {
        "admit": 4,
        "expect-failure": 4,
        "no-definition": 8,
        "option-not-allowed": 4,
    }


def test_synth_on_a_broken_goal_says_so_without_llm_calls(
    openai_stub: OpenAIStub,
    fake_fstar: FakeFStar,
    samples: list[Entry],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    openai_stub.script(ScriptedModel(samples))
    fake_fstar.accept(e.solution.source_definition for e in samples)
    data, broken = broken_dataset(tmp_path)
    [name] = broken
    argv = ["fstar", "synth", str(data), "--name", name, "--train", str(SAMPLES_JSONL)]
    rc, out, err = run(capsys, *argv, *common(openai_stub, fake_fstar, tmp_path))
    assert rc == 1 and out == ""
    assert "broken goal: the goal's context does not check" in err
    assert "(Error" in err  # F*'s own error about the context is shown
    assert openai_stub.requests == []

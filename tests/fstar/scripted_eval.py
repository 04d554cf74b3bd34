"""Measure `c2safe fstar eval` on the sample set with the scripted server and the fake checker.

    .venv/bin/python -m tests.fstar.scripted_eval [--mode ide|batch] [--k 5] [--model honest|cheat]

`honest` is tests/fstar/scripted_model.py (goal i: right at once if i % 3 == 0, right at the
third try if i % 3 == 1, never right otherwise). `cheat` answers every goal with the tricks of
../shared/fstar-transcripts/cheats/ (and admit) wrapped around the ground truth: the fake F*
accepts those texts, as the real F* does, so any pass@k above 0 is a hole in the acceptance
rules. The fake checker judges by an oracle (the ground truths verify), not by F*: these
numbers measure the loop, not a model.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from llm.fstar.checker import PROBE_DEFINITION
from llm.fstar.dataset import load_entries
from llm.fstar.samples import SAMPLES_JSONL
from tests.fstar.scripted_model import GOAL, ScriptedModel
from tests.support.fstar_fake import FAKE_SCRIPT, TRANSCRIPTS
from tests.support.openai_stub import OpenAIStub
from translator.cli import main as c2safe

CHEATS = [
    "[@expect_failure]\n{truth}",
    '#push-options "--admit_except foo"\n{truth}\n#pop-options',
    'let helper = "let {name}"',
    "let helper (y:nat) : nat = let {name} = y in {name}",
    "let {name} x = admit ()",
]


class CheatingModel:
    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.calls: dict[str, int] = {}

    def __call__(self, request: dict[str, Any]) -> str:
        user = next(m["content"] for m in reversed(request["messages"]) if m["role"] == "user")
        match = GOAL.search(user)
        assert match
        short, module = match.groups()
        key = f"{module}.{short}"
        self.calls[key] = self.calls.get(key, 0) + 1
        trick = CHEATS[(self.calls[key] - 1) % len(CHEATS)]
        return "```fstar\n" + trick.format(truth=self.answers[key], name=short) + "\n```"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--mode", choices=["ide", "batch"], default="ide")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--model", choices=["honest", "cheat"], default="honest")
    args = parser.parse_args(argv)
    entries = load_entries(SAMPLES_JSONL)
    answers = {e.goal.name: e.solution.source_definition for e in entries}
    model: Any = ScriptedModel(entries) if args.model == "honest" else CheatingModel(answers)
    with tempfile.TemporaryDirectory(prefix="c2safe-scripted-eval-") as tmp:
        root = Path(tmp)
        exe = root / "fstar.exe"
        exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FAKE_SCRIPT}" "$@"\n', "utf-8")
        exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
        oracle = root / "oracle.json"
        oracle.write_text(json.dumps({"accept": [*answers.values(), PROBE_DEFINITION]}))
        os.environ["FAKE_FSTAR_ORACLE"] = str(oracle)
        os.environ["FAKE_FSTAR_TRANSCRIPTS"] = str(TRANSCRIPTS)
        stub = OpenAIStub(model)
        try:
            rc = c2safe(
                [
                    "fstar", "eval", str(SAMPLES_JSONL), "--k", str(args.k),
                    "--fstar", str(exe), "--fstar-mode", args.mode, "--timeout", "30",
                    "--llm-base-url", stub.base_url, "--llm-model", f"scripted-{args.model}",
                    "--no-cache", "--report", str(root / "report.json"),
                ]
            )  # fmt: skip
            report = json.loads((root / "report.json").read_text())
        finally:
            stub.close()
    print(f"LLM calls: {report['llm']['calls']}; rejections by rule: {report['rejections']}")
    return rc


if __name__ == "__main__":
    sys.exit(main())

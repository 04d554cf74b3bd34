"""Pytest fixture `fake_fstar`: an executable stand-in for fstar.exe (see fake_fstar.py)."""

from __future__ import annotations

import json
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from llm.fstar.checker import PROBE_DEFINITION

FAKE_SCRIPT = Path(__file__).with_name("fake_fstar.py")
TRANSCRIPTS = Path(__file__).resolve().parents[1] / "fstar" / "data" / "transcripts"


@dataclass
class FakeFStar:
    exe: Path
    log: Path
    oracle: Path
    child_pids: Path

    def children(self) -> list[int]:
        """Pids of the long-lived children the fake started (as F* starts Z3)."""
        if not self.child_pids.is_file():
            return []
        return [int(x) for x in self.child_pids.read_text("utf-8").split()]

    def accept(self, definitions: Iterable[str]) -> None:
        """Judge by the oracle from now on: only these definitions (and the checker's
        set-up probe) verify."""
        accepted = [*definitions, PROBE_DEFINITION]
        self.oracle.write_text(json.dumps({"accept": accepted}), "utf-8")

    def queries(self) -> list[dict[str, Any]]:
        if not self.log.is_file():
            return []
        return [json.loads(x) for x in self.log.read_text("utf-8").splitlines() if x.strip()]

    def pushed_code(self) -> list[str]:
        return [q["args"]["code"] for q in self.queries() if q.get("query") == "push"]


@pytest.fixture
def fake_fstar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeFStar:
    exe = tmp_path / "bin" / "fstar.exe"
    exe.parent.mkdir()
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FAKE_SCRIPT}" "$@"\n', "utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    fake = FakeFStar(
        exe, tmp_path / "fstar-queries.log", tmp_path / "oracle.json", tmp_path / "children"
    )
    monkeypatch.setenv("FAKE_FSTAR_TRANSCRIPTS", str(TRANSCRIPTS))
    monkeypatch.setenv("FAKE_FSTAR_LOG", str(fake.log))
    monkeypatch.setenv("FAKE_FSTAR_ORACLE", str(fake.oracle))
    monkeypatch.delenv("FSTAR_EXE", raising=False)
    monkeypatch.delenv("FAKE_FSTAR_NO_Z3", raising=False)
    monkeypatch.delenv("FAKE_FSTAR_CHILD_PIDS", raising=False)
    fake.accept([])
    return fake

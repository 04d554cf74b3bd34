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

FAKE_SCRIPT = Path(__file__).with_name("fake_fstar.py")
TRANSCRIPTS = Path(__file__).resolve().parents[1] / "fstar" / "data" / "transcripts"


@dataclass
class FakeFStar:
    exe: Path
    log: Path
    oracle: Path

    def accept(self, definitions: Iterable[str]) -> None:
        """Judge by the oracle from now on: only these definitions verify."""
        self.oracle.write_text(json.dumps({"accept": list(definitions)}), "utf-8")

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
    fake = FakeFStar(exe, tmp_path / "fstar-queries.log", tmp_path / "oracle.json")
    monkeypatch.setenv("FAKE_FSTAR_TRANSCRIPTS", str(TRANSCRIPTS))
    monkeypatch.setenv("FAKE_FSTAR_LOG", str(fake.log))
    monkeypatch.setenv("FAKE_FSTAR_ORACLE", str(fake.oracle))
    monkeypatch.delenv("FSTAR_EXE", raising=False)
    fake.accept([])
    return fake

"""Fixtures for the F* tests: the scripted OpenAI stub, the fake fstar.exe, the sample set."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the suite runs without installing the project
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from llm.fstar.dataset import Entry, load_entries  # noqa: E402
from llm.fstar.samples import SAMPLES_JSONL  # noqa: E402
from tests.support.fstar_fake import fake_fstar  # noqa: E402,F401
from tests.support.openai_stub import openai_stub  # noqa: E402,F401


@pytest.fixture(scope="session")
def samples() -> list[Entry]:
    return load_entries(SAMPLES_JSONL)

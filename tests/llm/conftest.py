"""Fixtures for the shared LLM tests: the scripted OpenAI-compatible stub server."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the suite runs without installing the project
    sys.path.insert(0, str(ROOT))

from tests.support.openai_stub import openai_stub  # noqa: E402,F401

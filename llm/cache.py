"""A persistent cache of LLM replies in one sqlite file.

Guarantees:
- The key is a SHA-256 over a canonical JSON of (model, messages, parameters) — the same
  request always maps to the same key, whatever the dict order — so a re-run of the same job
  makes no calls.
- Writes are transactional (WAL mode); several processes may share one file on a local disk.
- Values are JSON, never pickles: reading a cache file cannot execute code.
- `ReplyCache(":memory:")` gives a private in-process cache (used by tests).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1


def request_key(
    model: str, messages: Sequence[Mapping[str, str]], params: Mapping[str, Any]
) -> str:
    """The cache key of one chat request."""
    canonical = json.dumps(
        {"v": SCHEMA_VERSION, "model": model, "messages": list(messages), "params": dict(params)},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ReplyCache:
    """Key -> JSON value store backed by sqlite (one table)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30.0)
        if self.path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS replies ("
            " key TEXT PRIMARY KEY, model TEXT NOT NULL, value TEXT NOT NULL,"
            " created REAL NOT NULL)"
        )
        self._db.commit()

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM replies WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        value = json.loads(row[0])
        return value if isinstance(value, dict) else None

    def put(self, key: str, model: str, value: Mapping[str, Any]) -> None:
        text = json.dumps(dict(value), sort_keys=True, ensure_ascii=False)
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO replies (key, model, value, created) VALUES (?, ?, ?, ?)",
                (key, model, text, time.time()),
            )
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._db.execute("SELECT COUNT(*) FROM replies").fetchone()
        return int(count)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ReplyCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

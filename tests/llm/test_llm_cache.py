"""ReplyCache: stable keys, persistence, JSON values."""

from __future__ import annotations

from pathlib import Path

from llm.cache import ReplyCache, request_key

MESSAGES = [{"role": "user", "content": "hi"}]


def test_key_is_stable_and_order_independent() -> None:
    a = request_key("m", MESSAGES, {"temperature": 0.0, "sample": 1})
    b = request_key("m", MESSAGES, {"sample": 1, "temperature": 0.0})
    assert a == b and len(a) == 64


def test_key_changes_with_model_messages_and_params() -> None:
    base = request_key("m", MESSAGES, {"sample": 0})
    assert request_key("n", MESSAGES, {"sample": 0}) != base
    assert request_key("m", [{"role": "user", "content": "ho"}], {"sample": 0}) != base
    assert request_key("m", MESSAGES, {"sample": 1}) != base


def test_values_persist_across_connections(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "cache.sqlite"
    with ReplyCache(path) as cache:
        assert cache.get("k") is None
        cache.put("k", "m", {"text": "answer", "prompt_tokens": 3})
        assert len(cache) == 1
    with ReplyCache(path) as cache:
        assert cache.get("k") == {"text": "answer", "prompt_tokens": 3}


def test_put_replaces() -> None:
    with ReplyCache(":memory:") as cache:
        cache.put("k", "m", {"text": "a"})
        cache.put("k", "m", {"text": "b"})
        assert cache.get("k") == {"text": "b"} and len(cache) == 1

"""The OpenAI-compatible client, its budget and cache layers, and configuration loading,
all against the scripted stub server."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from llm.cache import ReplyCache
from llm.client import (
    Budget,
    BudgetedClient,
    BudgetExceeded,
    CachedClient,
    ChatMessage,
    ChatRequest,
    LLMConfig,
    LLMError,
    OpenAIChatClient,
    build_client,
)
from tests.support.openai_stub import OpenAIStub, StubReply

REQUEST = ChatRequest((ChatMessage("system", "be brief"), ChatMessage("user", "hello")))


def client_for(stub: OpenAIStub, **kw: object) -> OpenAIChatClient:
    settings: dict[str, object] = {"timeout": 5.0, "max_retries": 2, "retry_backoff": 0.01}
    settings.update(kw)
    config = LLMConfig(base_url=stub.base_url, model="stub-model", api_key="sk-test", **settings)  # type: ignore[arg-type]
    return OpenAIChatClient(config)


def test_completion_round_trip(openai_stub: OpenAIStub) -> None:
    openai_stub.script([StubReply("hi there", prompt_tokens=7, completion_tokens=2)])
    reply = client_for(openai_stub).complete(
        ChatRequest(REQUEST.messages, temperature=0.3, max_tokens=50)
    )
    assert reply.text == "hi there"
    assert (reply.prompt_tokens, reply.completion_tokens, reply.total_tokens) == (7, 2, 9)
    assert not reply.cached
    [sent] = openai_stub.requests
    assert sent["model"] == "stub-model"
    assert sent["messages"] == [
        {"role": "system", "content": "be brief"},
        {"role": "user", "content": "hello"},
    ]
    assert sent["temperature"] == 0.3 and sent["max_tokens"] == 50
    assert openai_stub.headers[0].get("authorization") == "Bearer sk-test"


def test_server_errors_are_retried(openai_stub: OpenAIStub) -> None:
    openai_stub.script([StubReply("overloaded", status=503), StubReply(status=429), "ok"])
    assert client_for(openai_stub).complete(REQUEST).text == "ok"
    assert len(openai_stub.requests) == 3


def test_client_errors_fail_at_once(openai_stub: OpenAIStub) -> None:
    openai_stub.script([StubReply("bad request", status=400), "never"])
    with pytest.raises(LLMError) as info:
        client_for(openai_stub).complete(REQUEST)
    assert info.value.kind == "http" and "400" in info.value.message
    assert len(openai_stub.requests) == 1


def test_slow_reply_times_out(openai_stub: OpenAIStub) -> None:
    openai_stub.script([StubReply("late", delay=1.5)])
    with pytest.raises(LLMError) as info:
        client_for(openai_stub, timeout=0.3, max_retries=0).complete(REQUEST)
    assert info.value.kind == "timeout"


@pytest.mark.parametrize(
    "raw",
    ["this is not json", '{"id": "x", "object": "chat.completion", "choices": []}', "{}"],
)
def test_malformed_replies_raise_after_retries(openai_stub: OpenAIStub, raw: str) -> None:
    openai_stub.script(lambda request: StubReply(raw=raw))
    with pytest.raises(LLMError) as info:
        client_for(openai_stub, max_retries=1).complete(REQUEST)
    assert info.value.kind == "malformed"
    assert len(openai_stub.requests) == 2


def test_unreachable_server_is_a_connection_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = LLMConfig(base_url=f"http://127.0.0.1:{port}/v1", model="m", max_retries=0)
    with pytest.raises(LLMError) as info:
        OpenAIChatClient(config).complete(REQUEST)
    assert info.value.kind == "connection"


def test_call_budget_refuses_before_sending(openai_stub: OpenAIStub) -> None:
    openai_stub.script(lambda request: "ok")
    budget = Budget(max_calls=2)
    client = BudgetedClient(client_for(openai_stub), budget)
    client.complete(REQUEST)
    client.complete(REQUEST)
    with pytest.raises(BudgetExceeded):
        client.complete(REQUEST)
    assert len(openai_stub.requests) == 2 and budget.exhausted


def test_token_budget(openai_stub: OpenAIStub) -> None:
    openai_stub.script(lambda request: StubReply("ok", prompt_tokens=60, completion_tokens=50))
    budget = Budget(max_tokens=100)
    client = BudgetedClient(client_for(openai_stub), budget)
    client.complete(REQUEST)
    assert budget.tokens == 110
    with pytest.raises(BudgetExceeded):
        client.complete(REQUEST)


def test_cache_answers_repeats_without_calls(openai_stub: OpenAIStub, tmp_path: Path) -> None:
    openai_stub.script(lambda request: f"reply {len(openai_stub.requests)}")
    path = tmp_path / "cache.sqlite"
    budget = Budget(max_calls=10)
    client = CachedClient(BudgetedClient(client_for(openai_stub), budget), ReplyCache(path))
    first = client.complete(REQUEST)
    again = client.complete(REQUEST)
    other = client.complete(ChatRequest(REQUEST.messages, sample=1))
    assert first.text == again.text == "reply 1" and again.cached and not first.cached
    assert other.text == "reply 2"
    assert len(openai_stub.requests) == 2 and budget.calls == 2
    # a new run over the same cache file makes no calls at all
    rerun = build_client(
        LLMConfig(base_url=openai_stub.base_url, model="stub-model", max_retries=0),
        ReplyCache(path),
        Budget(max_calls=0),
    )
    assert rerun.complete(ChatRequest(REQUEST.messages, sample=1)).text == "reply 2"
    assert len(openai_stub.requests) == 2


def test_cache_key_includes_the_model(openai_stub: OpenAIStub) -> None:
    openai_stub.script(lambda request: str(request["model"]))
    cache = ReplyCache(":memory:")
    a = CachedClient(client_for(openai_stub), cache)
    config = LLMConfig(base_url=openai_stub.base_url, model="other", max_retries=0)
    b = CachedClient(OpenAIChatClient(config), cache)
    assert a.complete(REQUEST).text == "stub-model"
    assert b.complete(REQUEST).text == "other"


def test_config_precedence(tmp_path: Path) -> None:
    conf = tmp_path / "llm.toml"
    conf.write_text(
        '[llm]\nbase_url = "http://file/v1"\nmodel = "file-model"\napi_key = "file-key"\n'
        "timeout = 9\n",
        "utf-8",
    )
    env = {"C2SAFE_LLM_MODEL": "env-model"}
    cfg = LLMConfig.load(config_path=conf, env=env)
    assert (cfg.base_url, cfg.model, cfg.api_key, cfg.timeout) == (
        "http://file/v1",
        "env-model",
        "file-key",
        9,
    )
    env2 = {"OPENAI_API_KEY": "openai-key", "C2SAFE_LLM_API_KEY": "c2safe-key"}
    cfg2 = LLMConfig.load(model="arg-model", base_url="http://arg/v1", config_path=conf, env=env2)
    assert (cfg2.base_url, cfg2.model, cfg2.api_key) == ("http://arg/v1", "arg-model", "c2safe-key")
    assert "c2safe-key" not in repr(cfg2)


def test_config_errors(tmp_path: Path) -> None:
    with pytest.raises(LLMError) as info:
        LLMConfig.load(config_path=tmp_path / "missing.toml", env={})
    assert info.value.kind == "config"
    with pytest.raises(LLMError, match="no model"):
        LLMConfig.load(env={"C2SAFE_LLM_CONFIG": str(tmp_path / "none.toml")})

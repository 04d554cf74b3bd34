"""Chat-completion client for any OpenAI-compatible endpoint, with budget and cache layers.

Guarantees:
- This is the only module that imports `openai`. Everything else talks to `ChatClient`, a
  two-member Protocol (`model`, `complete`), so loops are tested against fakes or a stub server.
- Every failure surfaces as `LLMError` (with a `kind`): timeouts, HTTP errors, refused
  connections and malformed replies never leak openai/httpx2 exception types.
- Transient failures (timeout, connection, HTTP 408/409/429/5xx, malformed body) are retried
  `max_retries` times with exponential backoff; other HTTP errors fail at once.
- `BudgetedClient` refuses a call (`BudgetExceeded`) once the run's call or token budget is
  spent; `CachedClient` answers repeated requests from `ReplyCache` without calling (and
  without spending budget). `build_client` stacks them: cache -> budget -> network.
- The API key is read from the environment (`C2SAFE_LLM_API_KEY`, then `OPENAI_API_KEY`) or a
  config file, never from the command line, and is never written to caches or reports.
"""

from __future__ import annotations

import os
import threading
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, Protocol

import openai
import platformdirs

from llm.cache import ReplyCache, request_key

Role = Literal["system", "user", "assistant"]
ErrorKind = Literal["timeout", "connection", "http", "malformed", "budget", "config"]

ENV_API_KEY = ("C2SAFE_LLM_API_KEY", "OPENAI_API_KEY")
ENV_BASE_URL = "C2SAFE_LLM_BASE_URL"
ENV_MODEL = "C2SAFE_LLM_MODEL"
ENV_CONFIG = "C2SAFE_LLM_CONFIG"
NO_KEY = "no-key"  # sent when no key is configured: local servers ignore the header


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: Role
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True, slots=True)
class ChatRequest:
    """One completion request. `sample` numbers independent samples of the same prompt: it
    is part of the cache key (so sample 2 is not answered with sample 1's reply)."""

    messages: tuple[ChatMessage, ...]
    temperature: float = 0.0
    max_tokens: int | None = None
    sample: int = 0
    stop: tuple[str, ...] = ()

    def params(self) -> dict[str, Any]:
        return {
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "sample": self.sample,
            "stop": list(self.stop),
        }

    def message_dicts(self) -> list[dict[str, str]]:
        return [m.as_dict() for m in self.messages]


@dataclass(frozen=True, slots=True)
class ChatReply:
    text: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: str | None = None
    cached: bool = False

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "model": self.model,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "finish_reason": self.finish_reason,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], cached: bool = False) -> ChatReply:
        return cls(
            text=str(data["text"]),
            model=str(data.get("model", "")),
            prompt_tokens=int(data.get("prompt_tokens", 0)),
            completion_tokens=int(data.get("completion_tokens", 0)),
            finish_reason=data.get("finish_reason"),
            cached=cached,
        )


class ChatClient(Protocol):
    """Anything that answers chat requests: the network client, its wrappers, test fakes."""

    @property
    def model(self) -> str: ...

    def complete(self, request: ChatRequest) -> ChatReply: ...


class LLMError(RuntimeError):
    """A failed LLM call. `retryable` marks failures worth another attempt."""

    def __init__(self, kind: ErrorKind, message: str, retryable: bool = False) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message
        self.retryable = retryable


class BudgetExceeded(LLMError):
    def __init__(self, message: str) -> None:
        super().__init__("budget", message)


# ---- configuration ------------------------------------------------------------------------


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir("c2safe")) / "llm.toml"


def default_cache_path() -> Path:
    return Path(platformdirs.user_cache_dir("c2safe")) / "llm-replies.sqlite"


@dataclass(frozen=True, slots=True)
class LLMConfig:
    """Where and how to call the model. `api_key` is kept out of `repr`."""

    base_url: str | None
    model: str
    api_key: str = field(default=NO_KEY, repr=False)
    timeout: float = 120.0
    max_retries: int = 2
    retry_backoff: float = 1.0
    temperature: float = 0.2
    max_tokens: int | None = 1024

    @classmethod
    def load(
        cls,
        *,
        base_url: str | None = None,
        model: str | None = None,
        config_path: str | Path | None = None,
        env: Mapping[str, str] | None = None,
        **overrides: Any,
    ) -> LLMConfig:
        """Merge, by precedence: explicit arguments, environment, config file, defaults.

        The config file is TOML with an `[llm]` table (`base_url`, `model`, `api_key` or
        `api_key_env`, `timeout`, `max_retries`, `temperature`, `max_tokens`). Its path is
        `config_path`, else `$C2SAFE_LLM_CONFIG`, else the user config dir's `llm.toml`.
        """
        env = os.environ if env is None else env
        path = Path(config_path or env.get(ENV_CONFIG) or default_config_path())
        table: dict[str, Any] = {}
        if path.is_file():
            try:
                table = dict(tomllib.loads(path.read_text("utf-8")).get("llm", {}))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise LLMError("config", f"{path}: {exc}") from None
        elif config_path is not None:
            raise LLMError("config", f"{path}: no such config file")
        key_env = table.pop("api_key_env", None)
        api_key = next((env[k] for k in ENV_API_KEY if env.get(k)), None)
        if api_key is None and key_env:
            api_key = env.get(str(key_env))
        api_key = api_key or table.pop("api_key", None) or NO_KEY
        table.pop("api_key", None)
        chosen_model = model or env.get(ENV_MODEL) or table.pop("model", None)
        if not chosen_model:
            raise LLMError(
                "config", f"no model: pass --llm-model, set {ENV_MODEL}, or set llm.model in {path}"
            )
        table.pop("model", None)
        url = base_url or env.get(ENV_BASE_URL) or table.pop("base_url", None)
        table.pop("base_url", None)
        known = {"timeout", "max_retries", "retry_backoff", "temperature", "max_tokens"}
        settings = {k: v for k, v in table.items() if k in known}
        settings.update({k: v for k, v in overrides.items() if v is not None})
        return cls(base_url=url, model=str(chosen_model), api_key=str(api_key), **settings)


# ---- the network client ---------------------------------------------------------------------

_RETRY_STATUS = frozenset({408, 409, 429})


class OpenAIChatClient:
    """`ChatClient` over `openai.OpenAI(...).chat.completions.create` (any compatible server)."""

    def __init__(self, config: LLMConfig, http_client: Any = None) -> None:
        self.config = config
        self._client = openai.OpenAI(
            api_key=config.api_key,
            base_url=config.base_url,
            timeout=config.timeout,
            max_retries=0,  # retries are ours: one policy, testable backoff
            http_client=http_client,
        )

    @property
    def model(self) -> str:
        return self.config.model

    def complete(self, request: ChatRequest) -> ChatReply:
        attempt = 0
        while True:
            try:
                return self._once(request)
            except LLMError as exc:
                if not exc.retryable or attempt >= self.config.max_retries:
                    raise
            time.sleep(self.config.retry_backoff * (2**attempt))
            attempt += 1

    def _once(self, request: ChatRequest) -> ChatReply:
        kwargs: dict[str, Any] = {
            "model": self.config.model,
            "messages": request.message_dicts(),
            "temperature": request.temperature,
        }
        if request.max_tokens is not None:
            kwargs["max_tokens"] = request.max_tokens
        if request.stop:
            kwargs["stop"] = list(request.stop)
        try:
            response = self._client.chat.completions.create(**kwargs)
        except openai.APITimeoutError as exc:
            raise _error("timeout", f"no reply within {self.config.timeout:g} s", True) from exc
        except openai.APIConnectionError as exc:
            raise _error("connection", f"cannot reach {self.config.base_url}: {exc}", True) from exc
        except openai.APIStatusError as exc:
            status = exc.status_code
            retry = status in _RETRY_STATUS or status >= 500
            raise _error("http", f"HTTP {status}: {_short(exc.message)}", retry) from exc
        except (openai.APIResponseValidationError, ValueError) as exc:
            raise _error("malformed", f"unreadable reply: {_short(str(exc))}", True) from exc
        return _reply_of(response, self.config.model)


def _error(kind: ErrorKind, message: str, retryable: bool) -> LLMError:
    return LLMError(kind, message, retryable)


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def _reply_of(response: Any, model: str) -> ChatReply:
    """Read a completion defensively: a server may omit usage or send a broken body."""
    choices = getattr(response, "choices", None)
    if not isinstance(choices, list) or not choices:
        raise _error("malformed", "reply has no choices", True)
    message = getattr(choices[0], "message", None)
    content = getattr(message, "content", None)
    if not isinstance(content, str):
        raise _error("malformed", "reply has no message content", True)
    usage = getattr(response, "usage", None)
    return ChatReply(
        text=content,
        model=str(getattr(response, "model", None) or model),
        prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
        completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
        finish_reason=getattr(choices[0], "finish_reason", None),
    )


# ---- budget and cache layers ----------------------------------------------------------------


@dataclass
class Budget:
    """A per-run allowance of calls and tokens (None = unlimited). Thread-safe."""

    max_calls: int | None = None
    max_tokens: int | None = None
    calls: int = 0
    tokens: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def reserve_call(self) -> None:
        with self._lock:
            if self.max_calls is not None and self.calls >= self.max_calls:
                raise BudgetExceeded(f"call budget of {self.max_calls} spent")
            if self.max_tokens is not None and self.tokens >= self.max_tokens:
                raise BudgetExceeded(f"token budget of {self.max_tokens} spent")
            self.calls += 1

    def record(self, reply: ChatReply) -> None:
        with self._lock:
            self.tokens += reply.total_tokens

    @property
    def exhausted(self) -> bool:
        with self._lock:
            calls_out = self.max_calls is not None and self.calls >= self.max_calls
            tokens_out = self.max_tokens is not None and self.tokens >= self.max_tokens
            return calls_out or tokens_out


class BudgetedClient:
    """Counts real calls and tokens against a `Budget`; refuses once it is spent."""

    def __init__(self, inner: ChatClient, budget: Budget) -> None:
        self.inner = inner
        self.budget = budget

    @property
    def model(self) -> str:
        return self.inner.model

    def complete(self, request: ChatRequest) -> ChatReply:
        self.budget.reserve_call()
        reply = self.inner.complete(request)
        self.budget.record(reply)
        return reply


class CachedClient:
    """Answers a request seen before from the cache; stores every fresh reply."""

    def __init__(self, inner: ChatClient, cache: ReplyCache) -> None:
        self.inner = inner
        self.cache = cache
        self.hits = 0
        self.misses = 0

    @property
    def model(self) -> str:
        return self.inner.model

    def key(self, request: ChatRequest) -> str:
        return request_key(self.model, request.message_dicts(), request.params())

    def complete(self, request: ChatRequest) -> ChatReply:
        key = self.key(request)
        stored = self.cache.get(key)
        if stored is not None and isinstance(stored.get("text"), str):
            self.hits += 1
            return ChatReply.from_json(stored, cached=True)
        self.misses += 1
        reply = self.inner.complete(request)
        self.cache.put(key, self.model, reply.to_json())
        return replace(reply, cached=False)


def build_client(
    config: LLMConfig, cache: ReplyCache | None = None, budget: Budget | None = None
) -> ChatClient:
    """The standard stack: cache (if any) over budget (if any) over the network client."""
    client: ChatClient = OpenAIChatClient(config)
    if budget is not None:
        client = BudgetedClient(client, budget)
    if cache is not None:
        client = CachedClient(client, cache)
    return client

"""A scripted OpenAI-compatible server for tests: the only "LLM" the test suite talks to.

`OpenAIStub` serves `POST /v1/chat/completions` on 127.0.0.1 (random port) from a thread
(stdlib `http.server`). Replies are SCRIPTED: a list consumed in order, or a function of the
request body. A scripted item is a string (the reply text) or a `StubReply`, which can delay
(to trigger client timeouts), return an HTTP error, or send a malformed body. Every request
body is recorded in `requests`, with its headers in `headers`.

Use the `openai_stub` pytest fixture (import it into a conftest): it starts a server with an
empty script and stops it after the test.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass(frozen=True)
class StubReply:
    text: str = ""
    status: int = 200
    delay: float = 0.0
    raw: str | None = None  # sent verbatim instead of a completion (malformed replies)
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


Script = Sequence["str | StubReply"] | Callable[[dict[str, Any]], "str | StubReply"]


class OpenAIStub:
    def __init__(self, script: Script = ()) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._script: Script = ()
        self._position = 0
        self.script(script)
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, {"error": {"message": f"no route {self.path}"}})
                    return
                try:
                    request = json.loads(body)
                except json.JSONDecodeError:
                    self._send(400, {"error": {"message": "request is not JSON"}})
                    return
                reply = stub._next(request, {k.lower(): v for k, v in self.headers.items()})
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.raw is not None:
                    self._send_bytes(reply.status, reply.raw.encode("utf-8"))
                elif reply.status != 200:
                    error = {"message": reply.text or "scripted error", "type": "stub_error"}
                    self._send(reply.status, {"error": error})
                else:
                    self._send(200, stub._completion(request, reply))

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                self._send_bytes(status, json.dumps(payload).encode("utf-8"))

            def _send_bytes(self, status: int, data: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def script(self, script: Script) -> None:
        """Replace the script (and restart a list script from its first item)."""
        with self._lock:
            self._script = script
            self._position = 0

    def _next(self, request: dict[str, Any], headers: dict[str, str]) -> StubReply:
        with self._lock:
            self.requests.append(request)
            self.headers.append(headers)
            if callable(self._script):
                item = self._script(request)
            elif self._position < len(self._script):
                item = self._script[self._position]
                self._position += 1
            else:
                item = StubReply("the stub's script is exhausted", status=500)
        return StubReply(item) if isinstance(item, str) else item

    @staticmethod
    def _completion(request: dict[str, Any], reply: StubReply) -> dict[str, Any]:
        prompt = sum(len(str(m.get("content", "")).split()) for m in request.get("messages", []))
        completion = len(reply.text.split())
        return {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": 0,
            "model": request.get("model", "stub"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": reply.text},
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": reply.prompt_tokens if reply.prompt_tokens is not None else prompt,
                "completion_tokens": (
                    reply.completion_tokens if reply.completion_tokens is not None else completion
                ),
                "total_tokens": 0,
            },
        }

    def user_prompts(self) -> list[str]:
        """The user message of every recorded request, in order."""
        out = []
        for r in self.requests:
            users = [m.get("content", "") for m in r.get("messages", []) if m.get("role") == "user"]
            out.append(str(users[-1]) if users else "")
        return out

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def openai_stub() -> Iterator[OpenAIStub]:
    stub = OpenAIStub()
    try:
        yield stub
    finally:
        stub.close()

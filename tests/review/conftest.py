"""A local git repository with two commits of NSS's HACL* ChaCha20: the second makes one
call encrypt in place (forcing an aliasing copy) and adds inline assembly to another function
(forcing a stub)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ALIAS_OLD = "chacha20_encrypt_block(ctx, out + i * (uint32_t)64U, i, text + i * (uint32_t)64U);"
ALIAS_NEW = "chacha20_encrypt_block(ctx, out + i * (uint32_t)64U, i, out + i * (uint32_t)64U);"
STUB_OLD = "    ctx[12U] = ctr;\n"
STUB_NEW = '    ctx[12U] = ctr;\n    __asm__("");\n'


def nss_set() -> Any:
    try:
        from corpora.registry import load_corpus

        return load_corpus("hacl-debian").sets["nss-portable"]
    except Exception:  # noqa: BLE001 - absent corpus: skip
        return None


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.invalid",
            "HOME": str(repo),
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
    )
    return proc.stdout


def pyproject(include_dirs: list[Path], extra: str = "") -> str:
    return (
        "[tool.c2safe]\n"
        'sources = ["Hacl_Chacha20.c"]\n'
        f"include_dirs = {json.dumps([str(d) for d in include_dirs])}\n"
        'defines = ["KRML_UNROLL_MAX=0"]\n'
        'name = "chacha"\n' + extra
    )


@pytest.fixture(scope="session")
def chacha_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or shutil.which("gcc") is None:
        pytest.skip("git or gcc not on PATH")
    tset = nss_set()
    if tset is None:
        pytest.skip("corpus hacl-debian not fetched (run `c2safe corpus fetch hacl-debian`)")
    src = next(f for f in tset.files if f.name == "Hacl_Chacha20.c")
    repo = tmp_path_factory.mktemp("review") / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    text = src.read_text()
    assert ALIAS_OLD in text and STUB_OLD in text
    (repo / "Hacl_Chacha20.c").write_text(text)
    (repo / "pyproject.toml").write_text(pyproject(list(tset.include_dirs)))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    (repo / "Hacl_Chacha20.c").write_text(
        text.replace(ALIAS_OLD, ALIAS_NEW).replace(STUB_OLD, STUB_NEW, 1)
    )
    git(repo, "commit", "-q", "-am", "in-place encryption; inline assembly")
    return repo

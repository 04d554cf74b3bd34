"""Run ``cpython_hacl.rs`` against a translated ``cpython_hacl`` crate, when there is one.

The crate is taken from ``$C2SAFE_KAT_CRATE`` or else ``rust_out/cpython_hacl``; the test
skips when neither holds a ``Cargo.toml`` (or cargo is missing). The crate is copied to a
temporary directory (without ``target/``), the KAT file is put in its ``tests/`` folder and
``cargo test --offline --test cpython_hacl`` is run there, so the crate itself is left as
it is. Marked slow: it compiles the crate.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .gen_kat import RUST_OUT
from .hacl_c import REPO_ROOT

CRATE_ENV = "C2SAFE_KAT_CRATE"
DEFAULT_CRATE = REPO_ROOT / "rust_out" / "cpython_hacl"


def find_crate() -> tuple[Path | None, str]:
    """The crate to test, or ``None`` and why there is none."""
    env = os.environ.get(CRATE_ENV)
    crate = Path(env) if env else DEFAULT_CRATE
    if not (crate / "Cargo.toml").is_file():
        return None, f"no translated crate at {crate} (set {CRATE_ENV} or translate first)"
    return crate, ""


@pytest.mark.slow
def test_rust_kat_passes_on_translated_crate(tmp_path: Path) -> None:
    crate, reason = find_crate()
    if crate is None:
        pytest.skip(reason)
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.skip("cargo not installed")
    work = tmp_path / crate.name
    shutil.copytree(crate, work, ignore=shutil.ignore_patterns("target", ".git"))
    (work / "tests").mkdir(exist_ok=True)
    shutil.copy(RUST_OUT, work / "tests" / RUST_OUT.name)
    env = dict(os.environ, CARGO_TARGET_DIR=str(tmp_path / "target"), RUST_BACKTRACE="0")
    proc = subprocess.run(
        [cargo, "test", "--offline", "--test", RUST_OUT.stem],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    log = proc.stdout[-20000:] + "\n" + proc.stderr[-20000:]
    assert proc.returncode == 0, log
    m = re.search(r"test result: ok\. (\d+) passed; 0 failed", proc.stdout)
    assert m and int(m.group(1)) >= 39, log

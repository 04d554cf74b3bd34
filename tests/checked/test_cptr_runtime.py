"""The checked-pointer runtime's own Rust unit tests, run in a scratch crate."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from translator.emit_crate import CPTR_RUNTIME

pytestmark = pytest.mark.skipif(shutil.which("cargo") is None, reason="needs cargo")


def test_cptr_unit_tests(tmp_path: Path, cargo_target: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "Cargo.toml").write_text(
        '[package]\nname = "cptr_rt"\nversion = "0.1.0"\nedition = "2021"\n[dependencies]\n'
    )
    shutil.copyfile(CPTR_RUNTIME, tmp_path / "src" / "lib.rs")
    proc = subprocess.run(
        ["cargo", "test", "--offline", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "CARGO_TARGET_DIR": str(cargo_target)},
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "11 passed" in proc.stdout, proc.stdout
    text = CPTR_RUNTIME.read_text()
    assert "unsafe" not in text.replace("unsafe_code", "")

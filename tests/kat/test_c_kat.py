"""Run the KATs (``c_kat.c``) against the ORIGINAL HACL* C of CPython, compiled with gcc.

This validates the vectors and the way the harness drives the API (streaming splits,
copy/reset, error codes) independently of the translator. Skipped, with the reason, when
the C sources or gcc are missing (see :mod:`tests.kat.hacl_c` for where they are looked for).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from . import hacl_c
from .gen_kat import C_OUT
from .vectors import KATS

SUMMARY = re.compile(r"c_kat: (\d+) vectors, (\d+) checks, (\d+) failures")


@pytest.fixture(scope="module")
def hacl_dir() -> Path:
    if hacl_c.gcc() is None:
        pytest.skip("gcc not installed")
    found, reason = hacl_c.find_cpython_hacl()
    if found is None:
        pytest.skip(reason)
    return found


def _run(exe: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], re.Match[str]]:
    proc = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=300)
    m = SUMMARY.search(proc.stdout)
    assert m, f"no summary line; rc={proc.returncode}\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    return proc, m


def _build(hacl_dir: Path, out: Path, **kw: object) -> Path:
    try:
        return hacl_c.build(hacl_dir, C_OUT, out, **kw)  # type: ignore[arg-type]
    except subprocess.CalledProcessError as e:
        pytest.fail(f"gcc failed: {' '.join(e.cmd)}\n{e.stderr}")


@pytest.fixture(scope="module")
def c_kat_exe(hacl_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(hacl_dir, tmp_path_factory.mktemp("c_kat") / "c_kat")


def test_c_kat_all_pass(c_kat_exe: Path) -> None:
    proc, m = _run(c_kat_exe)
    vectors, checks, failures = (int(x) for x in m.groups())
    assert failures == 0 and proc.returncode == 0, proc.stdout[-8000:]
    assert vectors == len(KATS)
    assert checks > 20 * len(KATS)


def test_c_kat_reports_failures(hacl_dir: Path, tmp_path: Path) -> None:
    """The harness really compares: a corrupted expected value is reported and fails."""
    good = KATS[0].expected
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    src = C_OUT.read_text()
    assert src.count(f'"{good}"') == 1
    corrupted = tmp_path / "c_kat_bad.c"
    corrupted.write_text(src.replace(f'"{good}"', f'"{bad}"'))
    try:
        exe = hacl_c.build(hacl_dir, corrupted, tmp_path / "c_kat_bad")
    except subprocess.CalledProcessError as e:
        pytest.fail(f"gcc failed: {e.stderr}")
    proc, m = _run(exe, KATS[0].name)
    assert proc.returncode == 1 and int(m.group(3)) > 0
    assert f"FAIL {KATS[0].name} [oneshot]" in proc.stdout


@pytest.mark.slow
def test_c_kat_under_sanitizers(hacl_dir: Path, tmp_path: Path) -> None:
    """Same run under AddressSanitizer + UBSan: the harness itself has no memory errors."""
    flags = ("-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-g")
    try:
        exe = hacl_c.build(hacl_dir, C_OUT, tmp_path / "c_kat_asan", opt="-O1", extra=flags)
    except subprocess.CalledProcessError as e:
        pytest.skip(f"sanitizer build unavailable: {e.stderr[-500:]}")
    proc, m = _run(exe)
    assert proc.returncode == 0 and int(m.group(3)) == 0, proc.stdout[-4000:] + proc.stderr[-4000:]

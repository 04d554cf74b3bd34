"""Run the KATs (``c_kat.c``) against the ORIGINAL NSS HACL* C, compiled with gcc.

This validates the vectors and the way the harness drives each API (buffer lengths, return
codes, the negative cases) independently of the translator. Skipped, with the reason, when
the ``hacl-debian`` corpus is not fetched or gcc is missing (see :mod:`nss_c`).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from . import nss_c
from .gen_kat import C_OUT
from .vectors import TABLES, X25519

SUMMARY = re.compile(r"c_kat: (\d+) vectors, (\d+) checks, (\d+) failures")
N_VECTORS = sum(len(t) for t in TABLES.values())


@pytest.fixture(scope="module")
def corpus() -> nss_c.NssCorpus:
    if nss_c.gcc() is None:
        pytest.skip("gcc not installed")
    found, reason = nss_c.find_corpus()
    if found is None:
        pytest.skip(reason)
    return found


def _build(corpus: nss_c.NssCorpus, driver: Path, out: Path, **kw: object) -> Path:
    try:
        return nss_c.build(corpus, driver, out, **kw)  # type: ignore[arg-type]
    except subprocess.CalledProcessError as e:
        pytest.fail(f"gcc failed: {' '.join(e.cmd)}\n{e.stderr}")


def _run(exe: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], re.Match[str]]:
    proc = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120)
    m = SUMMARY.search(proc.stdout)
    assert m, f"no summary line; rc={proc.returncode}\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    return proc, m


@pytest.fixture(scope="module")
def objects(corpus: nss_c.NssCorpus, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The corpus compiled once (-O1), shared by the builds below."""
    try:
        return nss_c.compile_corpus(corpus, tmp_path_factory.mktemp("nss_objs"))
    except subprocess.CalledProcessError as e:
        pytest.fail(f"gcc failed: {' '.join(e.cmd)}\n{e.stderr}")


@pytest.fixture(scope="module")
def c_kat_exe(
    corpus: nss_c.NssCorpus, objects: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    return _build(corpus, C_OUT, tmp_path_factory.mktemp("c_kat_nss") / "c_kat", objects=objects)


def test_c_kat_all_pass(c_kat_exe: Path) -> None:
    proc, m = _run(c_kat_exe)
    vectors, checks, failures = (int(x) for x in m.groups())
    assert failures == 0 and proc.returncode == 0, proc.stdout[-8000:]
    assert vectors == N_VECTORS
    assert checks >= 5 * N_VECTORS


def test_c_kat_runs_one_vector_by_name(c_kat_exe: Path) -> None:
    proc, m = _run(c_kat_exe, X25519[0].name)
    assert proc.returncode == 0 and m.group(1) == "1" and m.group(3) == "0"


def test_c_kat_reports_failures(
    corpus: nss_c.NssCorpus, objects: list[Path], tmp_path: Path
) -> None:
    """The harness really compares: a corrupted expected value is reported and fails."""
    good = X25519[0].out.hex()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    src = C_OUT.read_text()
    assert src.count(f'"{good}"') == 1
    corrupted = tmp_path / "c_kat_bad.c"
    corrupted.write_text(src.replace(f'"{good}"', f'"{bad}"'))
    exe = _build(corpus, corrupted, tmp_path / "c_kat_bad", objects=objects)
    proc, m = _run(exe, X25519[0].name)
    assert proc.returncode == 1 and int(m.group(3)) == 2, proc.stdout
    assert f"FAIL {X25519[0].name} [scalarmult]: expected {bad} got {good}" in proc.stdout


@pytest.mark.slow
def test_c_kat_under_sanitizers(corpus: nss_c.NssCorpus, tmp_path: Path) -> None:
    """Same run under AddressSanitizer + UBSan: the harness has no memory errors."""
    flags = ("-fsanitize=address,undefined", "-fno-sanitize-recover=all")
    try:
        exe = nss_c.build(corpus, C_OUT, tmp_path / "c_kat_asan", extra=flags)
    except subprocess.CalledProcessError as e:
        pytest.skip(f"sanitizer build unavailable: {e.stderr[-500:]}")
    proc, m = _run(exe)
    assert proc.returncode == 0 and int(m.group(3)) == 0, proc.stdout[-4000:] + proc.stderr[-4000:]

"""Issue 3 on real C: the portable NSS HACL* files (with Ed25519 over the project's
SHA-512 shim) translate completely; SIMD/assembly variants are refused per function."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, have_toolchain
from translator.driver import Options, translate

pytestmark = pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")


def _options(sets: list[str], out: Path, includes: list[Path] | None = None) -> Options:
    try:
        from corpora.registry import load_corpus

        corpus = load_corpus("hacl-debian")
    except Exception:  # noqa: BLE001
        pytest.skip("corpus hacl-debian not fetched (run `c2safe corpus fetch hacl-debian`)")
    sources: list[Path] = []
    flags: dict[str, tuple[list[Path], list[str]]] = {}
    for name in sets:
        s = corpus.sets[name]
        sources += s.files
        for f in s.files:
            flags[str(f.resolve())] = (list(s.include_dirs), list(s.defines))
    return Options(sources, out, include_dirs=includes or [], file_flags=flags)


def test_nss_portable_translates_without_stubs(tmp_path: Path) -> None:
    opts = _options(
        ["nss-portable", "cpython-sha2"],
        tmp_path / "nss_hacl",
        [REPO / "corpora" / "shims" / "include"],
    )
    report = translate(opts, log=lambda m: None)
    totals = report.totals()
    assert totals["functions"] >= 300
    assert totals["stubbed"] == 0, [
        r.name for f in report.files for r in f.records if r.status == "stub"
    ]
    assert report.built is True and report.unsafe_count == 0
    copies = sum(d.code == "C2S203" for f in report.files for r in f.records for d in r.diagnostics)
    assert copies > 0  # in-place field arithmetic needs copies, each reported
    p256 = (tmp_path / "nss_hacl" / "src" / "hacl_p256.rs").read_text()
    assert "split_at_mut" in p256 and "unsafe" not in p256


def test_simd_and_assembly_are_refused_per_function(tmp_path: Path) -> None:
    report = translate(_options(["nss-simd"], tmp_path / "simd"), log=lambda m: None)
    assert report.built is True
    codes = [
        d.code
        for f in report.files
        for r in f.records
        for d in r.diagnostics
        if d.severity == "error"
    ]
    assert "C2S109" in codes
    assert "C2S111" not in codes  # refusals, never internal errors
    assert all(f.module for f in report.files)  # every file was translated in part
    assert report.totals()["translated"] > 0

"""The main job as a test: CPython's four HACL* hash files translate completely into a
safe crate that builds and passes the known-answer tests (skipped without the corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO, have_toolchain
from translator.driver import Options, translate


def _cpython_set():  # type: ignore[no-untyped-def]
    try:
        from corpora.registry import load_corpus

        return load_corpus("hacl-debian").sets["cpython-hashes"]
    except Exception:  # noqa: BLE001 - absent corpus: skip
        return None


@pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")
def test_cpython_hashes_translate_build_and_pass_kats(tmp_path: Path) -> None:
    tset = _cpython_set()
    if tset is None:
        pytest.skip("corpus hacl-debian not fetched (run `c2safe corpus fetch hacl-debian`)")
    kat = REPO / "tests" / "kat" / "cpython_hacl.rs"
    report = translate(
        Options(
            sources=list(tset.files),
            out=tmp_path / "cpython_hacl",
            name="cpython_hacl",
            include_dirs=list(tset.include_dirs),
            defines=list(tset.defines),
            extra_files={"tests/cpython_hacl.rs": kat.read_text()},
            run_tests=True,
        ),
        log=lambda m: None,
    )
    totals = report.totals()
    assert totals["functions"] >= 100
    assert totals["stubbed"] == 0, [
        r.name for f in report.files for r in f.records if r.status == "stub"
    ]
    assert report.built is True
    assert report.unsafe_count == 0
    assert report.tests_ok is True, report.tests
    lib = (tmp_path / "cpython_hacl" / "src" / "lib.rs").read_text()
    assert "#![forbid(unsafe_code)]" in lib
    assert (
        "pub fn Hacl_Hash_SHA2_hash_256("
        in (tmp_path / "cpython_hacl" / "src" / "hacl_hash_sha2.rs").read_text()
    )
    data = json.loads((tmp_path / "cpython_hacl" / "c2safe-report.json").read_text())
    assert data["totals"]["translated"] == totals["functions"]

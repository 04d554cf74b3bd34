"""``c2safe difftest`` on CPython's HACL* hashes (the ``hacl-debian:cpython-hashes`` set):
the share of functions covered (static and header helpers included), the block
functions, ``update_nblocks``/``update_last``/``finish``, the one-shot hashes and the
streaming API all covered, no divergence, the default run fast; and a constant planted in
one translated function is caught with a shrunk reproducer.

Skipped when the corpus is not fetched (``c2safe corpus fetch hacl-debian``) or the
toolchain is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import have_toolchain
from translator.difftest import DifftestOptions, DifftestReport, run_difftest
from translator.driver import Options, translate

pytestmark = pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")

MUST_COVER = [
    # block functions (static), init, update_multi/nblocks, update_last, finish
    "update@Hacl_Hash_MD5",
    "update@Hacl_Hash_SHA1",
    "sha256_update",
    "sha512_update",
    "Hacl_Hash_SHA3_state_permute",
    "Hacl_Hash_MD5_init",
    "Hacl_Hash_SHA2_sha256_init",
    "Hacl_Hash_SHA2_sha512_init",
    "Hacl_Hash_MD5_update_multi",
    "Hacl_Hash_SHA1_update_multi",
    "Hacl_Hash_SHA2_sha256_update_nblocks",
    "Hacl_Hash_SHA2_sha512_update_nblocks",
    "Hacl_Hash_SHA3_update_multi_sha3",
    "Hacl_Hash_MD5_update_last",
    "Hacl_Hash_SHA2_sha256_update_last",
    "Hacl_Hash_SHA2_sha512_update_last",
    "Hacl_Hash_SHA3_update_last_sha3",
    "Hacl_Hash_MD5_finish",
    "Hacl_Hash_SHA2_sha256_finish",
    "Hacl_Hash_SHA2_sha384_finish",
    # one-shot hashes
    "Hacl_Hash_MD5_hash",
    "Hacl_Hash_SHA1_hash",
    "Hacl_Hash_SHA2_hash_224",
    "Hacl_Hash_SHA2_hash_256",
    "Hacl_Hash_SHA2_hash_384",
    "Hacl_Hash_SHA2_hash_512",
    "Hacl_Hash_SHA3_sha3_256",
    "Hacl_Hash_SHA3_shake128_hacl",
    "Hacl_Hash_SHA3_keccak",
    # streaming states (structs holding pointers), constructors and destructors
    "Hacl_Hash_SHA2_malloc_256",
    "Hacl_Hash_SHA2_update_256",
    "Hacl_Hash_SHA2_digest_512",
    "Hacl_Hash_SHA2_copy_256",
    "Hacl_Hash_SHA2_free_384",
    "Hacl_Hash_SHA3_update",
    "Hacl_Hash_SHA3_digest",
    "Hacl_Hash_SHA3_squeeze",
    # header helpers (FStar_UInt128 on a struct by value)
    "FStar_UInt128_shift_left",
]


def _cpython_set() -> Any:
    try:
        from corpora.registry import load_corpus

        return load_corpus("hacl-debian").sets["cpython-hashes"]
    except Exception:  # noqa: BLE001 - absent corpus: skip
        return None


@pytest.fixture(scope="module")
def cpython_crate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tset = _cpython_set()
    if tset is None:
        pytest.skip("corpus hacl-debian not fetched (run `c2safe corpus fetch hacl-debian`)")
    out = tmp_path_factory.mktemp("dt") / "cpython_hacl"
    report = translate(
        Options(
            sources=list(tset.files),
            out=out,
            name="cpython_hacl",
            include_dirs=list(tset.include_dirs),
            defines=list(tset.defines),
        ),
        log=lambda m: None,
    )
    assert report.built, report.cargo_errors
    return out


@pytest.fixture(scope="module")
def default_run(cpython_crate: Path) -> DifftestReport:
    return run_difftest(DifftestOptions(out=cpython_crate), log=lambda m: None)


def test_coverage_and_no_divergence(default_run: DifftestReport) -> None:
    r = default_run
    t = r.totals()
    fns = {f.key: f for f in r.functions}
    not_covered = {f.key: f.reason for f in r.functions if not f.covered}
    assert t["functions"] >= 103  # the 103 C functions, plus header helpers
    assert t["covered"] / t["functions"] >= 0.95, not_covered
    assert [k for k in MUST_COVER if not fns[k].covered] == []
    diverging = [(f.key, [d.summary for d in f.divergences]) for f in fns.values()]
    assert t["divergences"] == 0, diverging
    assert t["errors"] == 0, [(f.key, f.errors) for f in fns.values() if f.errors]
    for k in MUST_COVER:
        assert fns[k].cases >= (1 if "malloc" in k else 10), (k, fns[k].cases)
    # streaming states and SHA-3's algorithm byte: most cases run to completion
    assert fns["Hacl_Hash_SHA3_update"].cases - fns["Hacl_Hash_SHA3_update"].exits >= 8


def test_planted_constant_is_caught(cpython_crate: Path, tmp_path: Path) -> None:
    bad = tmp_path / "cpython_hacl"
    shutil.copytree(cpython_crate, bad, ignore=shutil.ignore_patterns("target"))
    src = bad / "src" / "hacl_hash_sha2.rs"
    text = src.read_text()
    # one constant in one function: SHA-256's padding byte (C `last[len] = 0x80U;`)
    start = text.index("pub fn Hacl_Hash_SHA2_sha256_update_last(")
    end = text.index("\n}\n", start)
    body = text[start:end]
    assert body.count("0x80u8") == 1
    src.write_text(text[:start] + body.replace("0x80u8", "0x81u8") + text[end:])
    report = run_difftest(
        DifftestOptions(
            out=bad,
            cases=8,
            patterns=[
                "Hacl_Hash_SHA2_sha256_update_last",
                "Hacl_Hash_SHA2_sha256_update_nblocks",
                "Hacl_Hash_SHA2_hash_256",
            ],
        ),
        log=lambda m: None,
    )
    fns = {f.key: f for f in report.functions}
    assert fns["Hacl_Hash_SHA2_sha256_update_nblocks"].divergent_cases == 0
    assert fns["Hacl_Hash_SHA2_hash_256"].divergent_cases > 0  # a caller sees it too
    f = fns["Hacl_Hash_SHA2_sha256_update_last"]
    assert f.covered and f.divergent_cases == f.cases
    assert f.location.endswith("Hacl_Hash_SHA2.c:160")
    d = f.divergences[0]
    assert d.shrunk is not None, d
    # shrunk to zero lengths, empty input, an all-zero state of exactly 8 words
    assert d.shrunk["totlen"] == 0 and d.shrunk["len"] == 0
    assert d.shrunk["b"]["len"] == 0
    assert d.shrunk["hash"]["hex"] == "00" * 32 and d.shrunk["hash"]["need"] == 8
    assert "`hash`[0]" in (d.shrunk_summary or "")
    assert d.rust_test and "#[test]" in d.rust_test
    assert "cpython_hacl::hacl_hash_sha2::Hacl_Hash_SHA2_sha256_update_last(" in d.rust_test
    assert report.failed()

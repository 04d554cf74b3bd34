"""The real hacl-debian corpus, built from tarballs already in the user cache.

Skipped (with the reason) unless ``c2safe corpus fetch hacl-debian`` has run once on this
machine; never touches the network (apt is replaced by a function that fails).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from corpora import Corpus, debian, fetch_corpus, specs
from corpora.registry import default_cache_dir

# wc -l of each file, as recorded in /work/shared/corpus.md
LINES = {
    "cpython/Hacl_Hash_MD5.c": 1430,
    "cpython/Hacl_Hash_SHA1.c": 463,
    "cpython/Hacl_Hash_SHA2.c": 1273,
    "cpython/Hacl_Hash_SHA3.c": 734,
    "nss/Hacl_Chacha20.c": 227,
    "nss/Hacl_Poly1305_32.c": 573,
    "nss/Hacl_Chacha20Poly1305_32.c": 630,
    "nss/Hacl_Curve25519_51.c": 320,
    "nss/Hacl_Ed25519.c": 1853,
    "nss/Hacl_Hash_SHA3.c": 712,
    "nss/Hacl_P256.c": 1829,
    "nss/Hacl_P384.c": 1708,
    "nss/Hacl_P521.c": 1800,
}


def _quiet(msg: str) -> None:
    pass


def _no_network(*args: object, **kwargs: object) -> object:
    raise AssertionError("the cached corpus must not need apt or the network")


@pytest.fixture(scope="module")
def real_cache() -> Path:
    cache = default_cache_dir()
    for tb in specs.HACL_DEBIAN.tarballs:
        if debian.cached_tarball(cache, tb, _quiet) is None:
            pytest.skip(
                f"{tb.filename} is not in the cache {cache}; "
                "run `c2safe corpus fetch hacl-debian` once to enable this test"
            )
    return cache


@pytest.fixture(scope="module")
def real_corpus(real_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(debian, "private_apt", _no_network)
        return fetch_corpus(
            "hacl-debian", tmp_path_factory.mktemp("real") / "hacl", real_cache, log=_quiet
        )


def test_real_corpus_from_cache(real_corpus: Corpus) -> None:
    corpus = real_corpus
    files = {
        f.relative_to(corpus.root).as_posix()
        for name, s in corpus.sets.items()
        if name != "nss-simd"
        for f in s.files
    }
    assert files == set(LINES)
    assert len(corpus.sets["nss-simd"].files) == 7
    for rel, n in LINES.items():
        assert (corpus.root / rel).read_bytes().count(b"\n") == n, rel
    assert corpus.sets["cpython-hashes"].unresolved_includes == []
    assert corpus.sets["nss-portable"].unresolved_includes == [
        "Hacl_Ed25519.c: ../Hacl_Hash_SHA2_shim.h"
    ]
    assert (corpus.root / "nss-freebl/Hacl_Hash_SHA2_shim.h").is_file()
    assert (corpus.root / "nss/karamel/krmllib/dist/minimal/FStar_UInt128_Verified.h").is_file()
    assert not list(corpus.root.rglob("*.md")) and not list(corpus.root.rglob("Makefile*"))
    assert corpus.omitted_sets == {}


@pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc not installed")
def test_real_corpus_compiles_with_manifest_flags(real_corpus: Corpus) -> None:
    for s in real_corpus.sets.values():
        flags = [f"-I{d}" for d in s.include_dirs] + [f"-D{d}" for d in s.defines]
        for f in s.files:
            if f.name == "Hacl_Ed25519.c":
                continue  # needs a project shim for ../Hacl_Hash_SHA2_shim.h
            proc = subprocess.run(
                ["gcc", "-fsyntax-only", *flags, str(f)], capture_output=True, text=True
            )
            assert proc.returncode == 0, f"{f}: {proc.stderr}"

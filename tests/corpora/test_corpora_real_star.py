"""The real hacl-star corpus, built from the pyhacl sdist already in the user cache.

Skipped (with the reason) unless ``c2safe corpus fetch hacl-star`` has run once on this
machine; never touches the network (the index lookup is replaced by a function that fails).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from corpora import Corpus, fetch_corpus, pypi, specs
from corpora.registry import default_cache_dir
from translator.preprocess import PreprocessOptions, preprocess


def _quiet(msg: str) -> None:
    pass


def _no_network() -> list[str]:
    raise AssertionError("the cached corpus must not need the package index")


@pytest.fixture(scope="module")
def star(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    cache = default_cache_dir()
    for tb in specs.HACL_STAR.tarballs:
        if pypi.cached_archive(cache, tb, _quiet) is None:
            pytest.skip(
                f"{tb.filename} is not in the cache {cache}; "
                "run `c2safe corpus fetch hacl-star` once to enable this test"
            )
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pypi, "configured_indexes", _no_network)
        return fetch_corpus(
            "hacl-star", tmp_path_factory.mktemp("star") / "hacl-star", cache, log=_quiet
        )


def test_real_hacl_star_layout(star: Corpus) -> None:
    top = star.root / "hacl-star"
    all_c = sorted(top.glob("*.c"))
    assert len(all_c) == 85  # /work/shared/corpus.md: 85 .c files, 79.6k lines
    assert sum(p.read_bytes().count(b"\n") for p in all_c) == 79610
    portable = star.sets["portable"]
    assert len(portable.files) == 72
    left_out = {p.name for p in all_c} - {f.name for f in portable.files}
    assert all(
        any(k in n for k in ("Vec128", "Vec256", "Simd128", "Simd256"))
        or n in ("Hacl_Curve25519_64.c", "Vale.c")
        for n in left_out
    ), left_out
    info = (top / "INFO.txt").read_text()
    assert "7b347386330d0e5a331a220535b6f15288903234" in info  # F*
    assert "254e099bd586b17461845f6b0cab44c3ef5080e9" in info  # KaRaMeL
    assert star.omitted_sets == {}
    # config.h is c2safe's shim; the debug header sits behind an #if the set never enables
    assert star.sets["portable"].unresolved_includes == ["libintvector.h: libintvector_debug.h"]


def _opts(star: Corpus) -> PreprocessOptions:
    s = star.sets["portable"]
    return PreprocessOptions(include_dirs=tuple(s.include_dirs), defines=tuple(s.defines))


@pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc not installed")
def test_evercrypt_cpu_features_are_none(star: Corpus) -> None:
    src = star.root / "hacl-star" / "EverCrypt_AutoConfig2.c"
    assert "cpu_has_aesni[0U] = true;" in src.read_text()
    text = preprocess(src, _opts(star))
    m = re.search(r"void EverCrypt_AutoConfig2_init\(void\)\s*\{", text)
    assert m is not None
    init = text[m.start() : text.index("}", m.end()) + 1]
    assert "true" not in init and "check_" not in init, init
    hash_c = preprocess(star.root / "hacl-star" / "EverCrypt_Hash.c", _opts(star))
    m = re.search(r"void EverCrypt_Hash_update_multi_256\([^;{]*\)\s*\{", hash_c)
    assert m is not None
    body = hash_c[m.start() : hash_c.index("}", m.end()) + 1]
    assert "Hacl_Hash_SHA2_sha256_update_nblocks" in body  # the portable branch stays
    assert "sha256_update(" not in body and "has_shaext" not in body  # Vale's is gone


@pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc not installed")
def test_real_hacl_star_compiles_with_manifest_flags(star: Corpus) -> None:
    s = star.sets["portable"]
    flags = [f"-I{d}" for d in s.include_dirs] + [f"-D{d}" for d in s.defines]
    # these three use the SIMD types' contents (only pointers to them are portable), so
    # HACL*'s own build compiles them only when vectors are available
    simd = {"EverCrypt_Hash.c", "Hacl_HMAC_Blake2b_256.c", "Hacl_HMAC_Blake2s_128.c"}
    files = [str(f) for f in s.files if f.name not in simd]
    assert len(files) == 69
    proc = subprocess.run(["gcc", "-fsyntax-only", *flags, *files], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]

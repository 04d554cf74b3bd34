"""The hacl-star corpus from a synthetic pyhacl sdist on a file:// Simple index (no network)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from corpora_helpers import build_tarball, sha256

from corpora import fetch_corpus, pypi, specs
from corpora.errors import ChecksumError, CorpusError
from corpora.layout import MARKER, read_marker
from corpora.registry import SHIMS_DIR
from translator.cli import main

DIST = "pyhacl-1.0.1/hacl-star/dist"
SIMD = ("Hacl_Chacha20_Vec128.c", "Hacl_Hash_Blake2b_Simd256.c", "Hacl_Curve25519_64.c", "Vale.c")


def _quiet(msg: str) -> None:
    pass


def sdist_files() -> dict[str, str]:
    gcc = f"{DIST}/gcc-compatible"
    files = {
        f"{gcc}/{n}": f'#include "internal/Hacl_Krmllib.h"\n/* {n} */\n'
        for n in specs.HACL_STAR_PORTABLE
    }
    files.update({f"{gcc}/{n}": "/* not portable */\n" for n in SIMD})
    files.update(
        {
            f"{gcc}/INFO.txt": "F* version: 7b347386\n",
            f"{gcc}/internal/Hacl_Krmllib.h": '#include "krml/internal/target.h"\n',
            f"{gcc}/Vale.S": "ret\n",
            f"{DIST}/msvc-compatible/Hacl_Bignum.c": "/* msvc */\n",
            f"{DIST}/karamel/include/krml/internal/target.h": "\n",
            f"{DIST}/karamel/include/krmllib.h": "\n",
            f"{DIST}/karamel/krmllib/dist/minimal/FStar_UInt128_Verified.h": "\n",
            f"{DIST}/karamel/krmllib/dist/minimal/LowStar_Endianness.h": "\n",
            "pyhacl-1.0.1/setup.py": "raise SystemExit('never run')\n",
        }
    )
    return files


class Index:
    """A file:// Simple Repository index serving one sdist."""

    def __init__(self, root: Path, archive: Path, listed_sha256: str | None) -> None:
        self.url = (root / "simple").as_uri()
        page = root / "simple" / "pyhacl"
        page.mkdir(parents=True)
        frag = f"#sha256={listed_sha256}" if listed_sha256 else ""
        (page / "index.html").write_text(
            "<html><body>\n"
            f'<a href="{(root / "other.whl").as_uri()}">pyhacl-1.0.1-cp311.whl</a><br/>\n'
            f'<a href="{archive.as_uri()}{frag}">{archive.name}</a><br/>\n'
            "</body></html>\n"
        )


@pytest.fixture
def star(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Index]:
    """The hacl-star spec pinned to a synthetic sdist, served by a file:// index."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    archive = build_tarball(mirror / "pyhacl-1.0.1.tar.gz", sdist_files())
    pin = sha256(archive)
    spec = replace(
        specs.HACL_STAR, tarballs=tuple(replace(tb, sha256=pin) for tb in specs.HACL_STAR.tarballs)
    )
    monkeypatch.setitem(specs.CORPORA, spec.name, spec)
    index = Index(tmp_path / "index", archive, pin)
    monkeypatch.setattr(pypi, "configured_indexes", lambda: [index.url])
    return archive, index


def test_fetch_from_index_layout_and_set(star: tuple[Path, Index], tmp_path: Path) -> None:
    cache, dest = tmp_path / "cache", tmp_path / "out"
    corpus = fetch_corpus("hacl-star", dest, cache, log=_quiet)
    portable = corpus.sets["portable"]
    assert len(portable.files) == 72
    assert {f.name for f in portable.files} == set(specs.HACL_STAR_PORTABLE)
    assert not any(n in {f.name for f in portable.files} for n in SIMD)
    assert [d.relative_to(dest).as_posix() for d in portable.include_dirs[:4]] == [
        "hacl-star",
        "hacl-star/internal",
        "hacl-star/karamel/include",
        "hacl-star/karamel/krmllib/dist/minimal",
    ]
    assert portable.include_dirs[4] == SHIMS_DIR / "hacl-star"  # c2safe's config.h
    assert (portable.include_dirs[4] / "config.h").is_file()
    assert portable.defines == ["KRML_UNROLL_MAX=0"]
    assert portable.slice_only  # translated in the slice model, without checked fallback
    assert any("CPU features are fixed to none" in n for n in portable.notes)
    assert (dest / "hacl-star" / "Vale.c").is_file()  # in the tree, not in the set
    assert (dest / "hacl-star" / "INFO.txt").is_file()
    assert not (dest / "hacl-star" / "Vale.S").exists()
    assert not any("msvc" in p.as_posix() for p in dest.rglob("*"))
    assert not (dest / "setup.py").exists()
    marker = read_marker(dest)
    assert marker is not None and marker["source"]["kind"] == "pypi"
    assert (cache / "pypi" / "pyhacl-1.0.1.tar.gz").is_file()


def test_cached_archive_needs_no_index(
    star: tuple[Path, Index], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    fetch_corpus("hacl-star", tmp_path / "a", cache, log=_quiet)

    def no_index() -> list[str]:
        raise AssertionError("a cached, verified archive must not need the index")

    monkeypatch.setattr(pypi, "configured_indexes", no_index)
    corpus = fetch_corpus("hacl-star", tmp_path / "b", cache, log=_quiet)
    assert len(corpus.sets["portable"].files) == 72
    before = (tmp_path / "b" / MARKER).read_text()
    fetch_corpus("hacl-star", tmp_path / "b", cache, log=_quiet)  # up to date: no rewrite
    assert (tmp_path / "b" / MARKER).read_text() == before


def test_index_lists_other_sha256(star: tuple[Path, Index], tmp_path: Path) -> None:
    archive, index = star
    page = Path(index.url.removeprefix("file://")) / "pyhacl" / "index.html"
    page.write_text(page.read_text().replace(sha256(archive), "ab" * 32))
    with pytest.raises(CorpusError, match="index lists sha256 abab.*but c2safe pins"):
        fetch_corpus("hacl-star", tmp_path / "out", tmp_path / "cache", log=_quiet)
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "cache" / "pypi" / archive.name).exists()


def test_download_differs_from_pin(
    star: tuple[Path, Index], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive, _ = star
    other = tmp_path / "other"
    other.mkdir()
    tampered = build_tarball(other / archive.name, {**sdist_files(), "pyhacl-1.0.1/x.c": "x"})
    index = Index(tmp_path / "index2", tampered, None)  # the index gives no hash
    monkeypatch.setattr(pypi, "configured_indexes", lambda: [index.url])
    with pytest.raises(ChecksumError):
        fetch_corpus("hacl-star", tmp_path / "out", tmp_path / "cache", log=_quiet)
    assert not (tmp_path / "cache" / "pypi" / archive.name).exists()
    assert not (tmp_path / "out").exists()


def test_no_index_has_it(
    star: tuple[Path, Index], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty" / "simple"
    empty.mkdir(parents=True)
    monkeypatch.setattr(pypi, "configured_indexes", lambda: [empty.as_uri()])
    with pytest.raises(CorpusError, match="no index lists pyhacl-1.0.1.tar.gz"):
        fetch_corpus("hacl-star", tmp_path / "out", tmp_path / "cache", log=_quiet)


def test_second_index_is_tried(
    star: tuple[Path, Index], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, index = star
    empty = tmp_path / "empty" / "simple"
    empty.mkdir(parents=True)
    monkeypatch.setattr(pypi, "configured_indexes", lambda: [empty.as_uri(), index.url])
    corpus = fetch_corpus("hacl-star", tmp_path / "out", tmp_path / "cache", log=_quiet)
    assert len(corpus.sets["portable"].files) == 72


def test_from_local_unpacked_sdist(star: tuple[Path, Index], tmp_path: Path) -> None:
    import tarfile

    archive, _ = star
    src = tmp_path / "src"
    with tarfile.open(archive) as tf:
        tf.extractall(src, filter="data")
    corpus = fetch_corpus("hacl-star", tmp_path / "out", local=src, log=_quiet)
    portable = corpus.sets["portable"]
    assert len(portable.files) == 72
    assert (tmp_path / "out" / "hacl-star" / "karamel" / "include" / "krmllib.h").is_file()
    assert all("msvc" not in f.as_posix() for f in portable.files)


def test_cli_fetch_and_list(
    star: tuple[Path, Index], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "out"
    rc = main(["corpus", "fetch", "hacl-star", "--dest", str(dest), "--cache-dir", str(tmp_path)])
    assert rc == 0
    assert "portable: 72 files, 5 include dirs, -DKRML_UNROLL_MAX=0" in capsys.readouterr().out


# --------------------------------------------------------------------------- simple API


def test_parse_json_page() -> None:
    body = json.dumps(
        {
            "meta": {"api-version": "1.1"},
            "name": "pyhacl",
            "files": [
                {
                    "filename": "pyhacl-1.0.1.tar.gz",
                    "url": "../../f/p.tar.gz",
                    "hashes": {"sha256": "aa"},
                },
                {"filename": "x.whl", "url": "https://h/x.whl", "hashes": {}},
            ],
        }
    ).encode()
    files = pypi.parse_simple_page(
        body, "application/vnd.pypi.simple.v1+json", "https://idx.invalid/simple/pyhacl/"
    )
    assert files[0] == pypi.IndexFile("pyhacl-1.0.1.tar.gz", "https://idx.invalid/f/p.tar.gz", "aa")
    assert files[1].sha256 is None
    with pytest.raises(CorpusError, match="malformed"):
        pypi.parse_simple_page(b"{}", "application/vnd.pypi.simple.v1+json", "u")


def test_parse_html_page_relative_links() -> None:
    body = b'<a href="../../packages/p-1.tar.gz#sha256=bb" data-x="&gt;=3">p-1.tar.gz</a>'
    files = pypi.parse_simple_page(body, "text/html", "https://idx.invalid/simple/p/")
    assert files == [pypi.IndexFile("p-1.tar.gz", "https://idx.invalid/packages/p-1.tar.gz", "bb")]


def test_configured_indexes() -> None:
    conf = {
        "global.extra-index-url": "file:///opt/a/simple file:///opt/b/simple",
        "global.find-links": "/opt/wheels",
    }
    assert pypi.configured_indexes({}, lambda: conf) == [
        pypi.DEFAULT_INDEX,
        "file:///opt/a/simple",
        "file:///opt/b/simple",
    ]
    env = {"PIP_INDEX_URL": "https://mirror.invalid/simple/", "PIP_EXTRA_INDEX_URL": "x"}
    assert pypi.configured_indexes(env, lambda: conf) == ["https://mirror.invalid/simple", "x"]
    assert pypi.configured_indexes({}, lambda: {":env:.index-url": "https://m/s"}) == [
        "https://m/s"
    ]
    assert pypi.normalize("Py_Hacl.x") == "py-hacl-x"

"""fetch_corpus / load_corpus / CLI on synthetic tarballs and local trees (no network)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from corpora_helpers import CPY, NSS, NSS_SET_FILES, FakeApt, Synthetic, build_tarball, seed_cache

from corpora import debian, fetch_corpus, load_corpus
from corpora.errors import ChecksumError, CorpusError, UsageError
from corpora.layout import MARKER, FileRule, TreeRule, extract_tarball
from translator.cli import main

CPY_SET = ["Hacl_Hash_MD5.c", "Hacl_Hash_SHA1.c", "Hacl_Hash_SHA2.c", "Hacl_Hash_SHA3.c"]


def _quiet(msg: str) -> None:
    pass


def _no_apt(*args: object, **kwargs: object) -> object:
    raise AssertionError("apt must not run")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# --------------------------------------------------------------------------- extraction


def test_extract_only_hacl_files(synthetic: Synthetic, tmp_path: Path) -> None:
    out = tmp_path / "x"
    out.mkdir()
    nss_tb = synthetic.spec.tarballs[1]
    written, skipped = extract_tarball(
        synthetic.tarballs[nss_tb.filename], nss_tb.trees, nss_tb.files, out
    )
    assert "nss/Hacl_P256.c" in written
    assert "nss/karamel/krmllib/dist/minimal/LowStar_Endianness.h" in written
    assert "nss-freebl/Hacl_Hash_SHA2_shim.h" in written
    assert not (out / "nss/karamel/krmllib/dist/minimal/Makefile.basic").exists()
    assert not any("blapi" in w for w in written)
    assert any("unsafe path" in s for s in skipped) and any("link.h" in s for s in skipped)
    assert not (tmp_path / "evil.h").exists() and not (out / "nss" / "link.h").exists()


def test_extract_wrong_tarball(tmp_path: Path) -> None:
    tb = build_tarball(tmp_path / "t.tar.gz", {"other/x.c": "int x;\n"})
    with pytest.raises(CorpusError, match="not the expected source tarball"):
        extract_tarball(tb, [TreeRule(NSS, "nss")], [], tmp_path)
    with pytest.raises(CorpusError, match="missing other/y.h"):
        extract_tarball(tb, [], [FileRule("other/y.h", "y.h", required=True)], tmp_path)


def test_extract_corrupt_tarball(tmp_path: Path) -> None:
    bad = tmp_path / "t.tar.xz"
    bad.write_bytes(b"not a tarball")
    with pytest.raises(CorpusError, match="t.tar.xz"):
        extract_tarball(bad, [TreeRule(NSS, "nss")], [], tmp_path)


# --------------------------------------------------------------------------- Debian flow


def test_fetch_from_cache_layout_and_manifest(
    synthetic: Synthetic, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_cache(synthetic)
    monkeypatch.setattr(debian, "private_apt", _no_apt)
    corpus = fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    root = synthetic.dest.absolute()
    assert corpus.root == root
    cpy = corpus.sets["cpython-hashes"]
    assert cpy.files == [root / "cpython" / f for f in CPY_SET]
    assert cpy.include_dirs == [root / "cpython", root / "cpython" / "include"]
    assert cpy.defines == ["_PYTHON_HACL_NAMESPACES_H", "KRML_UNROLL_MAX=0"]
    assert cpy.unresolved_includes == []
    nss = corpus.sets["nss-portable"]
    assert [f.name for f in nss.files] == list(NSS_SET_FILES)
    assert nss.include_dirs == [
        root / "nss",
        root / "nss/internal",
        root / "nss/karamel/include",
        root / "nss/karamel/krmllib/dist/minimal",
    ]
    assert nss.defines == ["KRML_UNROLL_MAX=0"]
    assert all(f.is_file() and f.is_absolute() for s in corpus.sets.values() for f in s.files)
    assert not (root / "cpython" / "README.md").exists()
    assert (root / "nss-freebl" / "Hacl_Hash_SHA2_shim.h").is_file()

    manifest = json.loads((root / "manifest.json").read_text())
    assert manifest == corpus.manifest()
    assert manifest["sets"]["cpython-hashes"]["files"][0] == "cpython/Hacl_Hash_MD5.c"
    assert manifest["sets"]["nss-portable"]["include_dirs"][1] == "nss/internal"
    assert manifest["source"]["tarballs"] == {
        tb.filename: tb.sha256 for tb in synthetic.spec.tarballs
    }
    marker = json.loads((root / MARKER).read_text())
    assert marker["tool"] == "c2safe" and marker["source"] == manifest["source"]
    assert load_corpus("hacl-debian", synthetic.dest) == corpus
    assert not [p for p in root.parent.iterdir() if p.name.startswith(".out.")]


def test_fetch_with_apt_then_noop(
    synthetic: Synthetic, fake_apt: FakeApt, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs: list[str] = []
    corpus = fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=logs.append)
    calls = fake_apt.calls()
    assert calls[0].startswith("apt-get ") and calls[0].endswith(" update")
    assert "Dir::Etc::SourceList=/dev/null" in calls[0]
    assert f"Dir::State::Lists={debian.apt_state_dir(synthetic.cache, 'trixie')}" in calls[0]
    assert any("source --print-uris python3.13" in c for c in calls)
    stanza = next(debian.apt_state_dir(synthetic.cache, "trixie").glob("sources.list.d/*"))
    assert stanza.read_text().startswith(
        "Types: deb-src\nURIs: http://mirror.invalid/debian\nSuites: trixie\nComponents: main\n"
    )
    for tb in synthetic.spec.tarballs:
        assert (debian.pool_dir(synthetic.cache) / tb.filename).is_file()
    assert set(corpus.sets) == {"cpython-hashes", "cpython-sha2", "nss-portable"}

    # second run: nothing to do, no apt, no download, no writes
    monkeypatch.setattr(debian, "ensure_tarballs", _no_apt)
    before = {p: p.stat().st_mtime_ns for p in synthetic.dest.rglob("*")}
    logs.clear()
    again = fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=logs.append)
    assert again == corpus
    assert logs == [f"hacl-debian: up to date in {synthetic.dest.absolute()}"]
    assert {p: p.stat().st_mtime_ns for p in synthetic.dest.rglob("*")} == before
    assert len(fake_apt.calls()) == len(calls)


def test_cached_tarballs_skip_apt_update(
    synthetic: Synthetic, fake_apt: FakeApt, tmp_path: Path
) -> None:
    seed_cache(synthetic)
    fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    fetch_corpus("hacl-debian", tmp_path / "second", synthetic.cache, log=_quiet)
    assert fake_apt.calls() == []


def test_damaged_tree_is_rebuilt(synthetic: Synthetic, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_cache(synthetic)
    monkeypatch.setattr(debian, "private_apt", _no_apt)
    corpus = fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    victim = corpus.sets["nss-portable"].files[0]
    victim.write_text("tampered")
    fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    assert victim.read_text() != "tampered"


def test_index_sha256_differs_from_pin(synthetic: Synthetic, fake_apt: FakeApt) -> None:
    index = json.loads(fake_apt.data.read_text())
    index["nss"][1][3] = "SHA256:" + "a" * 64
    fake_apt.set_index(index)
    with pytest.raises(CorpusError) as err:
        fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    msg = err.value.message
    assert "a" * 64 in msg and synthetic.spec.tarballs[1].sha256 in msg
    assert not synthetic.dest.exists()


def test_download_mismatch_with_pin(synthetic: Synthetic, fake_apt: FakeApt) -> None:
    # the mirror serves other bytes than the index and the pin promise
    nss = synthetic.tarballs["nss_3.110.orig.tar.gz"]
    size = nss.stat().st_size
    nss.write_bytes(b"\0" * size)
    with pytest.raises(ChecksumError) as err:
        fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    assert err.value.expected == synthetic.spec.tarballs[1].sha256
    assert not (debian.pool_dir(synthetic.cache) / nss.name).exists()
    assert not synthetic.dest.exists()


def test_corrupt_cache_entry_is_replaced(synthetic: Synthetic, fake_apt: FakeApt) -> None:
    seed_cache(synthetic)
    cached = debian.pool_dir(synthetic.cache) / "nss_3.110.orig.tar.gz"
    cached.write_bytes(b"bit rot")
    logs: list[str] = []
    fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=logs.append)
    assert any("discarding it" in m for m in logs)
    assert cached.read_bytes() == synthetic.tarballs[cached.name].read_bytes()


def test_apt_update_fails(
    synthetic: Synthetic, fake_apt: FakeApt, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_APT_NO_INDEX", "1")
    with pytest.raises(CorpusError) as err:
        fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    assert "could not fetch the trixie Sources index" in err.value.message
    assert "404" in err.value.message  # apt's own words are passed on
    assert err.value.subject == "http://mirror.invalid/debian"


def test_package_missing_from_index(synthetic: Synthetic, fake_apt: FakeApt) -> None:
    fake_apt.set_index({"sha256": {}})
    with pytest.raises(CorpusError, match="the Debian index has no python3.13_3.13.5.orig"):
        fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)


def test_apt_missing(synthetic: Synthetic, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(CorpusError) as err:
        fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    assert err.value.code == "C2S008"
    assert "error[C2S008]" in err.value.render() and "--from" in err.value.render()


# --------------------------------------------------------------------------- ownership


def test_refuses_foreign_directory(synthetic: Synthetic, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_cache(synthetic)
    monkeypatch.setattr(debian, "private_apt", _no_apt)
    synthetic.dest.mkdir()
    (synthetic.dest / "precious.txt").write_text("mine")
    with pytest.raises(CorpusError) as err:
        fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    assert err.value.code == "C2S005"
    assert _snapshot(synthetic.dest) == {"precious.txt": b"mine"}


def test_refuses_file_and_accepts_empty_dir(
    synthetic: Synthetic, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seed_cache(synthetic)
    monkeypatch.setattr(debian, "private_apt", _no_apt)
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(CorpusError, match="not a directory c2safe created"):
        fetch_corpus("hacl-debian", afile, synthetic.cache, log=_quiet)
    synthetic.dest.mkdir()
    fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    assert (synthetic.dest / MARKER).is_file()


def test_replaces_own_corpus_from_other_source(
    synthetic: Synthetic, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seed_cache(synthetic)
    monkeypatch.setattr(debian, "private_apt", _no_apt)
    local = _python_tree(tmp_path / "py")
    fetch_corpus("hacl-debian", synthetic.dest, local=local, log=_quiet)
    assert "nss-portable" not in load_corpus("hacl-debian", synthetic.dest).sets
    corpus = fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    assert "nss-portable" in corpus.sets


def test_load_absent_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="c2safe corpus fetch hacl-debian"):
        load_corpus("hacl-debian", tmp_path / "nowhere")
    with pytest.raises(UsageError, match="unknown corpus"):
        load_corpus("nope", tmp_path)


# --------------------------------------------------------------------------- --from


def _unpack(files: dict[str, str], root: Path, strip: str = "") -> Path:
    for name, text in files.items():
        if not name.startswith(strip):
            continue
        path = root / name[len(strip) :].lstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _python_tree(root: Path) -> Path:
    from corpora_helpers import CPYTHON_FILES

    return _unpack(CPYTHON_FILES, root)


def _nss_tree(root: Path) -> Path:
    from corpora_helpers import NSS_FILES

    return _unpack(NSS_FILES, root)


def test_from_python_source_tree(tmp_path: Path) -> None:
    local = _python_tree(tmp_path / "src")
    before = _snapshot(local)
    logs: list[str] = []
    corpus = fetch_corpus("hacl-debian", tmp_path / "out", local=local, log=logs.append)
    assert set(corpus.sets) == {"cpython-hashes", "cpython-sha2"}
    assert "Hacl_P256.c" in corpus.omitted_sets["nss-portable"]
    assert any(m.startswith("warning: set nss-portable omitted") for m in logs)
    assert (tmp_path / "out/cpython/include/krml/internal/target.h").is_file()
    assert not (tmp_path / "out/nss").exists()  # SHA3.c alone does not make an NSS tree
    assert (tmp_path / "out/cpython/Hacl_Hash_SHA2.c").read_text() == (
        local / CPY / "Hacl_Hash_SHA2.c"
    ).read_text()
    assert _snapshot(local) == before
    assert json.loads((tmp_path / "out/manifest.json").read_text())["source"]["kind"] == "local"


def test_from_hacl_folder_and_verified_folder(tmp_path: Path) -> None:
    both = tmp_path / "both"
    _python_tree(tmp_path / "py")
    _nss_tree(tmp_path / "nss")
    shutil.copytree(tmp_path / "py" / CPY, both / "_hacl")
    shutil.copytree(tmp_path / "nss" / NSS, both / "lib/freebl/verified")
    corpus = fetch_corpus("hacl-debian", tmp_path / "out", local=both, log=_quiet)
    assert set(corpus.sets) == {"cpython-hashes", "cpython-sha2", "nss-portable"}
    assert corpus.sets["nss-portable"].files[0].read_text().startswith("#include")

    only_verified = fetch_corpus(
        "hacl-debian", tmp_path / "out2", local=both / "lib/freebl/verified", log=_quiet
    )
    assert set(only_verified.sets) == {"nss-portable"}
    assert set(only_verified.omitted_sets) == {"cpython-hashes", "cpython-sha2", "nss-simd"}


def test_from_hacl_star_checkout(tmp_path: Path) -> None:
    star = tmp_path / "hacl-star"
    gcc = star / "dist" / "gcc-compatible"
    for name in [*CPY_SET, *NSS_SET_FILES]:
        (gcc / name).parent.mkdir(parents=True, exist_ok=True)
        (gcc / name).write_text('#include "internal/Hacl_Krmllib.h"\n')
    (gcc / "internal").mkdir()
    (gcc / "internal" / "Hacl_Krmllib.h").write_text('#include "krml/internal/target.h"\n')
    # another flavour with the same names, which must lose against gcc-compatible
    (star / "dist" / "msvc-compatible").mkdir(parents=True)
    for name in CPY_SET:
        (star / "dist" / "msvc-compatible" / name).write_text("/* msvc */\n")
    krml = star / "dist" / "karamel"
    for rel in [
        "include/krml/internal/target.h",
        "include/krmllib.h",
        "krmllib/dist/minimal/FStar_UInt128_Verified.h",
        "krmllib/dist/minimal/LowStar_Endianness.h",
    ]:
        (krml / rel).parent.mkdir(parents=True, exist_ok=True)
        (krml / rel).write_text("\n")
    corpus = fetch_corpus("hacl-debian", tmp_path / "out", local=star, log=_quiet)
    assert set(corpus.sets) == {"cpython-hashes", "cpython-sha2", "nss-portable"}
    out = tmp_path / "out"
    assert (out / "cpython/Hacl_Hash_MD5.c").read_text().startswith("#include")
    assert (out / "cpython/include/krml/internal/target.h").is_file()
    assert (out / "nss/karamel/krmllib/dist/minimal/LowStar_Endianness.h").is_file()
    assert corpus.sets["nss-portable"].unresolved_includes == []


def test_from_skips_links_leaving_the_tree(tmp_path: Path) -> None:
    local = _nss_tree(tmp_path / "src")
    secret = tmp_path / "secret.h"
    secret.write_text("outside\n")
    (local / NSS / "leak.h").symlink_to(secret)
    (local / NSS / "inside.h").symlink_to(local / NSS / "Hacl_P256.c")
    fetch_corpus("hacl-debian", tmp_path / "out", local=local, log=_quiet)
    assert not (tmp_path / "out/nss/leak.h").exists()
    assert (tmp_path / "out/nss/inside.h").is_file()


def test_from_our_own_corpus_tree(
    synthetic: Synthetic, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seed_cache(synthetic)
    monkeypatch.setattr(debian, "private_apt", _no_apt)
    first = fetch_corpus("hacl-debian", synthetic.dest, synthetic.cache, log=_quiet)
    copy = fetch_corpus("hacl-debian", tmp_path / "copy", local=synthetic.dest, log=_quiet)
    assert set(copy.sets) == set(first.sets)
    for name, s in first.sets.items():
        assert [f.read_bytes() for f in s.files] == [f.read_bytes() for f in copy.sets[name].files]
    assert (tmp_path / "copy/nss-freebl/Hacl_Hash_SHA2_shim.h").is_file()


def test_from_is_noop_second_time(tmp_path: Path) -> None:
    local = _nss_tree(tmp_path / "src")
    fetch_corpus("hacl-debian", tmp_path / "out", local=local, log=_quiet)
    marker = (tmp_path / "out" / MARKER).read_text()
    logs: list[str] = []
    fetch_corpus("hacl-debian", tmp_path / "out", local=local, log=logs.append)
    assert logs[-1].endswith("up to date in " + str((tmp_path / "out").absolute()))
    assert (tmp_path / "out" / MARKER).read_text() == marker
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def test_from_incomplete_tree_omits_set(tmp_path: Path) -> None:
    local = _nss_tree(tmp_path / "src")
    _python_tree(tmp_path / "src")
    (local / NSS / "Hacl_P521.c").unlink()
    logs: list[str] = []
    corpus = fetch_corpus("hacl-debian", tmp_path / "out", local=local, log=logs.append)
    assert set(corpus.sets) == {"cpython-hashes", "cpython-sha2"}
    assert "Hacl_P521.c" in corpus.omitted_sets["nss-portable"]
    assert any("warning: set nss-portable omitted" in m for m in logs)


def test_from_without_hacl_files(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.c").write_text("int main(void) { return 0; }\n")
    with pytest.raises(UsageError, match="no HACL\\* files"):
        fetch_corpus("hacl-debian", tmp_path / "out", local=tmp_path / "src", log=_quiet)
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- CLI


def test_cli_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["corpus", "fetch", "no-such-corpus"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["corpus"])
    assert exit_.value.code == 2
    rc = main(["corpus", "fetch", "hacl-debian", "--from", str(tmp_path / "missing"),
               "--dest", str(tmp_path / "out")])  # fmt: skip
    assert rc == 2
    assert "--from needs an existing directory" in capsys.readouterr().err


def test_cli_fetch_from_and_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    local = _python_tree(tmp_path / "src")
    rc = main(
        ["corpus", "fetch", "hacl-debian", "--from", str(local), "--dest", str(tmp_path / "o")]
    )
    out = capsys.readouterr()
    assert rc == 0
    assert "cpython-hashes: 4 files" in out.out and "nss-portable: omitted" in out.out
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "x").write_text("x")
    rc = main(["corpus", "fetch", "hacl-debian", "--from", str(local),
               "--dest", str(tmp_path / "foreign")])  # fmt: skip
    assert rc == 1
    assert "error[C2S005]" in capsys.readouterr().err


def test_cli_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("hacl-debian: ")
    assert "not fetched" in out or "fetched: " in out

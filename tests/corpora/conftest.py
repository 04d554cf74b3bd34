"""Fixtures for the corpora tests (see corpora_helpers for the data).

Nothing here touches the network or the real apt state.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from corpora_helpers import (
    CPYTHON_FILES,
    FAKE_APT,
    NSS_FILES,
    FakeApt,
    Synthetic,
    build_tarball,
    sha256,
)

from corpora import debian, specs


@pytest.fixture
def synthetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Synthetic:
    """The hacl-debian spec re-pinned to synthetic tarballs; registry patched to use it."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    py = build_tarball(mirror / "python3.13_3.13.5.orig.tar.xz", CPYTHON_FILES)
    nss = build_tarball(mirror / "nss_3.110.orig.tar.gz", NSS_FILES, evil=True)
    pins = {py.name: sha256(py), nss.name: sha256(nss)}
    spec = replace(
        specs.HACL_DEBIAN,
        tarballs=tuple(replace(tb, sha256=pins[tb.filename]) for tb in specs.HACL_DEBIAN.tarballs),
    )
    monkeypatch.setitem(specs.CORPORA, spec.name, spec)
    return Synthetic(spec, {py.name: py, nss.name: nss}, tmp_path / "cache", tmp_path / "out")


@pytest.fixture
def fake_apt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, synthetic: Synthetic
) -> Iterator[FakeApt]:
    """apt-get / apt-cache stand-ins first on PATH, plus an /etc/apt with one deb822 file."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for tool in ("apt-get", "apt-cache"):
        script = bindir / tool
        script.write_text(FAKE_APT.format(python=sys.executable))
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    etc = tmp_path / "etc-apt"
    (etc / "sources.list.d").mkdir(parents=True)
    (etc / "sources.list.d" / "debian.sources").write_text(
        "Types: deb\nURIs: http://mirror.invalid/debian\nSuites: bookworm\n"
        "Components: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n"
    )
    monkeypatch.setattr(debian, "ETC_APT", etc)
    fake = FakeApt(tmp_path / "apt-calls.log", tmp_path / "apt-index.json")
    index: dict[str, object] = {"sha256": {}}
    for tb in synthetic.spec.tarballs:
        path = synthetic.tarballs[tb.filename]
        index[tb.package] = [
            [
                f"file:///nonexistent/{tb.package}.dsc",
                f"{tb.package}.dsc",
                10,
                "SHA256:" + "0" * 64,
            ],
            [path.as_uri(), tb.filename, path.stat().st_size, f"SHA256:{tb.sha256}"],
        ]
        index["sha256"][tb.filename] = tb.sha256  # type: ignore[index]
    fake.set_index(index)
    monkeypatch.setenv("FAKE_APT_DATA", str(fake.data))
    monkeypatch.setenv("FAKE_APT_LOG", str(fake.log))
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    yield fake

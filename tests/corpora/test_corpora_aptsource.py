"""Deriving the private deb-src entry from the machine's apt configuration (no network)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.aptsource import (
    ArchiveChoice,
    deb_src_stanza,
    parse_deb822,
    parse_one_line,
    parse_print_uris,
    parse_showsrc_sha256,
    pick_debian_archive,
    read_apt_sources,
)
from corpora.errors import CorpusError

KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"

DEB822 = f"""\
Types: deb
# http://snapshot.example/archive/debian/20250520T000000Z
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: {KEYRING}

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main
Signed-By: {KEYRING}
"""

SECURITY_FIRST = "\n\n".join(reversed(DEB822.strip().split("\n\n"))) + "\n"

ONE_LINE = f"""\
# comment
deb http://mirror.example/debian-security bookworm-security main
deb [arch=amd64 signed-by={KEYRING}] http://ftp.example.org/debian/ bookworm main contrib
deb-src http://ftp.example.org/debian bookworm main
"""

THIRD_PARTY = """\
Types: deb
URIs: https://repo.example.com/node_20.x
Suites: nodistro
Components: main

Types: deb
URIs: https://download.example.com/linux/debian
Suites: bookworm
Components: stable

Types: deb
URIs: http://dl.example.com/linux/chrome/deb/
Suites: stable
Components: main
"""


def _etc(tmp_path: Path, files: dict[str, str]) -> Path:
    etc = tmp_path / "etc-apt"
    (etc / "sources.list.d").mkdir(parents=True)
    for name, text in files.items():
        (etc / name).write_text(text)
    return etc


def test_deb822_main_archive_not_security(tmp_path: Path) -> None:
    etc = _etc(tmp_path, {"sources.list.d/debian.sources": SECURITY_FIRST})
    choice = pick_debian_archive(read_apt_sources(etc))
    assert choice.uri == "http://mirror.example/debian"
    assert choice.signed_by == KEYRING
    assert choice.origin.endswith("debian.sources:7")


def test_deb822_stanza(tmp_path: Path) -> None:
    etc = _etc(tmp_path, {"sources.list.d/debian.sources": DEB822})
    stanza = deb_src_stanza(pick_debian_archive(read_apt_sources(etc)), "trixie", ["main"])
    assert stanza == (
        "Types: deb-src\nURIs: http://mirror.example/debian\nSuites: trixie\n"
        f"Components: main\nSigned-By: {KEYRING}\n"
    )


def test_one_line_sources_list(tmp_path: Path) -> None:
    etc = _etc(tmp_path, {"sources.list": ONE_LINE})
    entries = read_apt_sources(etc)
    assert [e.types for e in entries] == [("deb",), ("deb",), ("deb-src",)]
    assert entries[1].components == ("main", "contrib")
    choice = pick_debian_archive(entries)
    assert choice.uri == "http://ftp.example.org/debian"  # keyring preferred, slash dropped
    assert choice.signed_by == KEYRING
    stanza = deb_src_stanza(choice, "trixie", ["main"])
    assert "URIs: http://ftp.example.org/debian\n" in stanza
    assert "Suites: trixie\n" in stanza


def test_one_line_without_signed_by(tmp_path: Path) -> None:
    etc = _etc(tmp_path, {"sources.list.d/x.list": "deb http://m.example/debian bookworm main\n"})
    choice = pick_debian_archive(read_apt_sources(etc))
    assert choice.signed_by is None
    assert "Signed-By" not in deb_src_stanza(choice, "trixie", ["main"])


def test_third_party_repositories_are_not_debian(tmp_path: Path) -> None:
    etc = _etc(tmp_path, {"sources.list.d/other.sources": THIRD_PARTY})
    with pytest.raises(CorpusError, match="no Debian archive found"):
        pick_debian_archive(read_apt_sources(etc))
    (etc / "sources.list.d" / "z.sources").write_text(DEB822)
    assert pick_debian_archive(read_apt_sources(etc)).uri == "http://mirror.example/debian"


def test_disabled_entries_and_other_extensions_ignored(tmp_path: Path) -> None:
    etc = _etc(
        tmp_path,
        {
            "sources.list.d/a.sources": DEB822.replace("Types: deb\n", "Enabled: no\nTypes: deb\n"),
            "sources.list.d/b.sources.disabled": DEB822,
        },
    )
    with pytest.raises(CorpusError, match="no Debian archive"):
        pick_debian_archive(read_apt_sources(etc))


def test_embedded_signed_by_key_kept_as_continuation() -> None:
    text = (
        "Types: deb\nURIs: http://m.example/debian\nSuites: trixie\nComponents: main\n"
        "Signed-By:\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n .\n mQINBG\n"
        " -----END PGP PUBLIC KEY BLOCK-----\n"
    )
    [entry] = parse_deb822(text, "k.sources")
    stanza = deb_src_stanza(
        ArchiveChoice("http://m.example/debian", entry.signed_by, ""), "trixie", ["main"]
    )
    assert stanza.endswith(
        "Signed-By:\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n .\n mQINBG\n"
        " -----END PGP PUBLIC KEY BLOCK-----\n"
    )
    assert parse_deb822(stanza, "again")[0].signed_by == entry.signed_by


def test_no_sources_at_all(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no enabled entries"):
        pick_debian_archive(read_apt_sources(_etc(tmp_path, {})))


def test_parse_one_line_skips_garbage() -> None:
    assert parse_one_line("rpm http://x y z\ndeb\ndeb [a=b]\n", "f") == []


def test_parse_print_uris_and_showsrc() -> None:
    out = (
        "Reading package lists...\nNOTICE: 'nss' packaging is maintained in git\n"
        "'http://m.example/debian/pool/main/n/nss/nss_3.110.orig.tar.gz' nss_3.110.orig.tar.gz "
        "76616684 SHA256:9CD610C4\n"
        "'http://m.example/x.dsc' x.dsc 12 MD5Sum:abc\n"
    )
    lines = parse_print_uris(out)
    assert [(ln.filename, ln.size, ln.hash_kind, ln.hash_value) for ln in lines] == [
        ("nss_3.110.orig.tar.gz", 76616684, "SHA256", "9cd610c4"),
        ("x.dsc", 12, "MD5SUM", "abc"),
    ]
    show = (
        "Package: nss\nFiles:\n 2396fd 76616684 nss_3.110.orig.tar.gz\n"
        "Checksums-Sha256:\n 9cd610 76616684 nss_3.110.orig.tar.gz\n"
        " b63e18 30336 nss.debian.tar.xz\n"
        "Homepage: x\n"
    )
    assert parse_showsrc_sha256(show) == {
        "nss_3.110.orig.tar.gz": "9cd610",
        "nss.debian.tar.xz": "b63e18",
    }

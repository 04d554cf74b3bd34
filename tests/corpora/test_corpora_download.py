"""Checksum verification and atomic downloads (file:// URLs, no network)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from corpora.download import download_verified, sha256_file, verify_sha256
from corpora.errors import ChecksumError, CorpusError

DATA = b"verified C\n" * 1000
GOOD = hashlib.sha256(DATA).hexdigest()
BAD = "0" * 64


def _quiet(msg: str) -> None:
    pass


def test_verify_good_and_bad(tmp_path: Path) -> None:
    f = tmp_path / "a.tar.gz"
    f.write_bytes(DATA)
    assert sha256_file(f) == GOOD
    verify_sha256(f, GOOD.upper(), expected_from="pin")
    with pytest.raises(ChecksumError) as err:
        verify_sha256(f, BAD, expected_from="pin")
    assert BAD in str(err.value) and GOOD in str(err.value) and "pin" in str(err.value)


def test_download_good(tmp_path: Path) -> None:
    src = tmp_path / "src.bin"
    src.write_bytes(DATA)
    dest = tmp_path / "cache" / "out.bin"
    download_verified(src.as_uri(), dest, GOOD, size=len(DATA), log=_quiet)
    assert dest.read_bytes() == DATA
    assert [p.name for p in dest.parent.iterdir()] == ["out.bin"]


def test_download_bad_checksum_leaves_nothing(tmp_path: Path) -> None:
    src = tmp_path / "src.bin"
    src.write_bytes(DATA)
    dest = tmp_path / "cache" / "out.bin"
    with pytest.raises(ChecksumError) as err:
        download_verified(src.as_uri(), dest, BAD, expected_from="index", log=_quiet)
    assert err.value.expected == BAD and err.value.actual == GOOD
    assert list(dest.parent.iterdir()) == []


def test_download_bad_checksum_keeps_previous_file(tmp_path: Path) -> None:
    src = tmp_path / "src.bin"
    src.write_bytes(DATA)
    dest = tmp_path / "out.bin"
    dest.write_bytes(b"old")
    with pytest.raises(ChecksumError):
        download_verified(src.as_uri(), dest, BAD, log=_quiet)
    assert dest.read_bytes() == b"old"


def test_download_size_mismatch(tmp_path: Path) -> None:
    src = tmp_path / "src.bin"
    src.write_bytes(DATA)
    with pytest.raises(CorpusError, match="got 11000 bytes, index says 5"):
        download_verified(src.as_uri(), tmp_path / "o", GOOD, size=5, log=_quiet)


def test_download_network_error_names_url(tmp_path: Path) -> None:
    url = (tmp_path / "missing.bin").as_uri()
    with pytest.raises(CorpusError) as err:
        download_verified(url, tmp_path / "o", GOOD, log=_quiet)
    assert "network error" in err.value.message and err.value.subject == url
    assert not (tmp_path / "o").exists()


def test_unsupported_scheme(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="unsupported URL scheme"):
        download_verified("tor+http://x/y", tmp_path / "o", GOOD, log=_quiet)

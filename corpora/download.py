"""Verified, atomic downloads.

Guarantees: ``download_verified`` either leaves a file at ``dest`` whose sha256 is the
expected one, or leaves ``dest`` exactly as it was (downloads go to a temporary file in
the same directory, are hashed while written, fsynced, and renamed into place only after
the checksum matched). Network failures and mismatches raise ``CorpusError`` naming the
URL and, for mismatches, both checksums.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from corpora.errors import ChecksumError, CorpusError

_CHUNK = 1 << 20
ALLOWED_SCHEMES = frozenset({"http", "https", "file"})


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def verify_sha256(path: Path, expected: str, *, expected_from: str) -> None:
    """Raise ``ChecksumError`` (naming both values) unless ``path`` hashes to ``expected``."""
    actual = sha256_file(path)
    if actual != expected.lower():
        raise ChecksumError(str(path), expected.lower(), actual, expected_from=expected_from)


def download_verified(
    url: str,
    dest: Path,
    sha256: str,
    *,
    size: int | None = None,
    expected_from: str = "expected",
    timeout: float = 60.0,
    log: Callable[[str], None] = print,
) -> None:
    """Fetch ``url`` to ``dest`` atomically; ``dest`` appears only if its sha256 matches."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise CorpusError(f"unsupported URL scheme {scheme!r} (apt transport?)", subject=url)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shown = f" ({size / 1e6:.1f} MB)" if size else ""
    log(f"downloading {url}{shown}")
    start = time.monotonic()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    tmp = Path(tmp_name)
    try:
        h = hashlib.sha256()
        received = 0
        with os.fdopen(fd, "wb") as out:
            try:
                with urllib.request.urlopen(url, timeout=timeout) as resp:
                    while chunk := resp.read(_CHUNK):
                        out.write(chunk)
                        h.update(chunk)
                        received += len(chunk)
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise CorpusError(f"network error: {reason}", subject=url) from exc
            out.flush()
            os.fsync(out.fileno())
        if size is not None and received != size:
            raise CorpusError(
                f"truncated or oversized download: got {received} bytes, index says {size}",
                subject=url,
            )
        actual = h.hexdigest()
        if actual != sha256.lower():
            raise ChecksumError(url, sha256.lower(), actual, expected_from=expected_from)
        tmp.chmod(0o644)  # mkstemp creates 0600; the cache is ordinary user data
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    log(f"  {received / 1e6:.1f} MB in {time.monotonic() - start:.1f} s, sha256 verified")

"""Fetch Monocypher's C (from the pymonocypher sdist on PyPI, with pip) and check it.

The sdist is pinned by version and sha256; ``monocypher.c``/``monocypher.h`` are extracted
into ``corpora/_data/monocypher`` (git-ignored). Nothing third-party is committed.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / "corpora" / "_data" / "monocypher"
VERSION = "4.0.3.4"
SDIST = f"pymonocypher-{VERSION}.tar.gz"
SHA256 = "5e56e3d3eb770a53e0b9f6274146663c11a11f3d0de5cd48e3be0428d1b07a4a"
FILES = ("monocypher.c", "monocypher.h")


def fetch() -> Path | None:
    """The directory holding monocypher.c/.h, or None when it cannot be fetched."""
    if all((CACHE / f).exists() for f in FILES):
        return CACHE
    CACHE.mkdir(parents=True, exist_ok=True)
    sdist = CACHE / SDIST
    if not sdist.exists():
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                "pymonocypher",
                f"pymonocypher=={VERSION}",
                "-d",
                str(CACHE),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0 or not sdist.exists():
            return None
    if hashlib.sha256(sdist.read_bytes()).hexdigest() != SHA256:
        sdist.unlink()
        raise RuntimeError(f"{SDIST}: sha256 mismatch")
    with tarfile.open(sdist) as tar:
        for f in FILES:
            member = tar.extractfile(f"pymonocypher-{VERSION}/{f}")
            assert member is not None
            (CACHE / f).write_bytes(member.read())
    return CACHE

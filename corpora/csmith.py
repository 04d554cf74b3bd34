"""Csmith, the random C program generator (Debian binary packages, no root install).

Guarantees: ``fetch`` downloads ``csmith`` and ``libcsmith-dev`` with ``apt-get
download`` into the cache (skipped when a cached file already has the pinned sha256),
checks each against the sha256 pinned here, unpacks them with ``dpkg -x`` into a
staging directory and moves it into ``dest`` in one step. The result holds
``usr/bin/csmith`` and the runtime headers in ``usr/include/csmith``. Nothing is
installed system-wide; a wrong checksum or a missing tool is a ``CorpusError``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from corpora.errors import CorpusError

# the packages the Csmith experiment was run with (Debian trixie, amd64)
PACKAGES: tuple[tuple[str, str], ...] = (
    (
        "csmith_2.3.0-7_amd64.deb",
        "bb6adc7acae8719875ba44140791bba2d2d53bbdbb8c319d1edcdb65bc6e7003",
    ),
    (
        "libcsmith-dev_2.3.0-7_amd64.deb",
        "dab2bd193a51c3738b8d68f211f42a36b69d2e6f0ac607d192ce43102287d0e7",
    ),
)


@dataclass(frozen=True)
class Csmith:
    root: Path

    @property
    def binary(self) -> Path:
        return self.root / "usr" / "bin" / "csmith"

    @property
    def include_dir(self) -> Path:
        return self.root / "usr" / "include" / "csmith"


def _sha256(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def fetch(dest: Path, cache_dir: Path, log: object = print) -> Csmith:
    """Fetch and unpack Csmith into ``dest`` (a no-op when it is already there)."""
    out = Csmith(dest)
    if out.binary.is_file() and out.include_dir.is_dir():
        return out
    for tool in ("apt-get", "dpkg"):
        if shutil.which(tool) is None:
            raise CorpusError(f"`{tool}` is not on PATH", code="C2S008", subject=tool)
    cache_dir.mkdir(parents=True, exist_ok=True)
    debs: list[Path] = []
    for filename, sha in PACKAGES:
        cached = cache_dir / filename
        if not (cached.is_file() and _sha256(cached) == sha):
            package, version = filename.split("_")[:2]
            proc = subprocess.run(
                ["apt-get", "download", f"{package}={version}"],
                cwd=cache_dir,
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0 or not cached.is_file():
                raise CorpusError(
                    f"apt-get download failed: {proc.stderr.strip()[-500:]}", subject=filename
                )
        got = _sha256(cached)
        if got != sha:
            raise CorpusError(f"sha256 {got} is not the pinned {sha}", subject=str(cached))
        debs.append(cached)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".csmith.", dir=dest.parent))
    try:
        for deb in debs:
            proc = subprocess.run(
                ["dpkg", "-x", str(deb), str(tmp)], capture_output=True, text=True
            )
            if proc.returncode != 0:
                raise CorpusError(f"dpkg -x failed: {proc.stderr.strip()}", subject=str(deb))
        if dest.exists():
            shutil.rmtree(dest)
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out

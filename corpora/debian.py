"""Debian orig tarballs in the user cache, verified against the index and the pins.

Guarantees:

* ``ensure_tarballs`` returns paths of cached tarballs whose sha256 equals the pinned
  value. When every tarball is already cached and verified it runs no apt command and
  opens no network connection.
* Otherwise it runs ``apt-get update`` in a private apt state directory under the cache
  (a ``deb-src`` twin of the machine's own Debian archive entry, for the corpus's suite),
  reads each orig tarball's URI and sha256 from ``apt-get source --print-uris``
  (falling back to ``apt-cache showsrc``'s ``Checksums-Sha256``), refuses an index whose
  sha256 differs from the pin, and downloads only the orig tarball.
* Cache writes happen under an exclusive lock, so concurrent runs do not race.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from corpora.aptsource import (
    PrivateApt,
    UriLine,
    deb_src_stanza,
    pick_debian_archive,
    read_apt_sources,
)
from corpora.download import download_verified, sha256_file
from corpora.errors import CorpusError
from corpora.specs import CorpusSpec, TarballSpec

Log = Callable[[str], None]
ETC_APT = Path("/etc/apt")  # the machine's apt configuration (tests point this elsewhere)


def pool_dir(cache_dir: Path) -> Path:
    return cache_dir / "debian" / "pool"


def apt_state_dir(cache_dir: Path, suite: str) -> Path:
    return cache_dir / "debian" / suite / "apt"


@contextmanager
def cache_lock(cache_dir: Path) -> Iterator[None]:
    cache_dir.mkdir(parents=True, exist_ok=True)
    with (cache_dir / ".lock").open("a") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def cached_tarball(cache_dir: Path, tb: TarballSpec, log: Log) -> Path | None:
    """The cached tarball if present and matching its pin; a corrupt copy is removed."""
    path = pool_dir(cache_dir) / tb.filename
    if not path.is_file():
        return None
    actual = sha256_file(path)
    if actual == tb.sha256:
        return path
    log(
        f"warning: cached {path} has sha256 {actual}, pinned {tb.sha256}; "
        "discarding it and downloading again"
    )
    path.unlink()
    return None


def ensure_tarballs(
    spec: CorpusSpec,
    cache_dir: Path,
    *,
    log: Log = print,
    etc_apt: Path | None = None,
) -> dict[str, Path]:
    """``filename -> path`` of every orig tarball of ``spec``, downloading what is missing."""
    with cache_lock(cache_dir):
        result: dict[str, Path] = {}
        missing: list[TarballSpec] = []
        for tb in spec.tarballs:
            path = cached_tarball(cache_dir, tb, log)
            if path is None:
                missing.append(tb)
            else:
                log(f"cached: {path} (sha256 verified)")
                result[tb.filename] = path
        if not missing:
            return result

        apt = private_apt(spec, cache_dir, ETC_APT if etc_apt is None else etc_apt, log)
        log(f"apt-get update ({spec.suite} Sources) in {apt.state_dir}")
        update = apt.update()
        if not apt.has_sources_index():
            raise CorpusError(
                f"apt-get update could not fetch the {spec.suite} Sources index "
                f"(network or mirror problem?); apt said: {update.tail()}",
                subject=apt.archive_uri or "apt-get update",
            )
        for tb in missing:
            line = index_entry(apt, tb, update_tail=update.tail())
            if line.hash_value != tb.sha256:
                raise CorpusError(
                    f"Debian's {spec.suite} index lists sha256 {line.hash_value} for "
                    f"{tb.filename}, but c2safe pins {tb.sha256}: the archive no longer has "
                    "the tarball this corpus was tested with",
                    subject=tb.filename,
                )
            dest = pool_dir(cache_dir) / tb.filename
            download_verified(
                line.uri,
                dest,
                tb.sha256,
                size=line.size,
                expected_from=f"Debian {spec.suite} index and c2safe pin",
                log=log,
            )
            result[tb.filename] = dest
        return result


def private_apt(spec: CorpusSpec, cache_dir: Path, etc_apt: Path, log: Log) -> PrivateApt:
    PrivateApt.tool("apt-get")  # fail early, with C2S008, before reading configuration
    choice = pick_debian_archive(read_apt_sources(etc_apt))
    log(f"Debian archive from {choice.origin}: {choice.uri}")
    stanza = deb_src_stanza(choice, spec.suite, spec.components)
    return PrivateApt(apt_state_dir(cache_dir, spec.suite), stanza)


def index_entry(apt: PrivateApt, tb: TarballSpec, *, update_tail: str = "") -> UriLine:
    """URI, size and sha256 of ``tb`` as the private index lists it (apt status ignored)."""
    lines, run = apt.print_uris(tb.package)
    entry = next((ln for ln in lines if ln.filename == tb.filename), None)
    if entry is None:
        listed = ", ".join(ln.filename for ln in lines) or "nothing"
        hint = f"; apt-get update said: {update_tail}" if update_tail else ""
        raise CorpusError(
            f"the Debian index has no {tb.filename} for source package {tb.package} "
            f"(apt-get source --print-uris listed {listed}; apt said: {run.tail()}{hint})",
            subject=tb.filename,
        )
    if entry.hash_kind != "SHA256":
        sums, show = apt.showsrc_sha256(tb.package)
        if tb.filename not in sums:
            raise CorpusError(
                f"no Checksums-Sha256 entry for {tb.filename} in apt-cache showsrc "
                f"{tb.package} (apt said: {show.tail()})",
                subject=tb.filename,
            )
        entry = UriLine(entry.uri, entry.filename, entry.size, "SHA256", sums[tb.filename])
    return entry

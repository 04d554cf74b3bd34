"""Source archives (sdists) from a Python package index, in the user cache, sha256-pinned.

Guarantees:

* ``ensure_archives`` returns paths of cached archives whose sha256 equals the pinned
  value. When every archive is already cached and verified it reads no configuration and
  opens no network connection.
* Otherwise it asks the package indexes pip is configured with (``PIP_INDEX_URL`` /
  ``PIP_EXTRA_INDEX_URL``, else ``pip config list``, else PyPI) for the project's file
  list through the Simple Repository API (PEP 691 JSON, or the PEP 503 HTML page), in
  order, and downloads only the pinned archive. It never runs pip's build or metadata
  steps, so nothing of the package is executed.
* An index that lists a different sha256 for the archive is refused before downloading;
  the download itself is verified against the pin (``download.download_verified``).
* Cache writes happen under the same exclusive lock as the Debian cache.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from corpora.debian import cache_lock
from corpora.download import download_verified, sha256_file
from corpora.errors import CorpusError
from corpora.specs import CorpusSpec, TarballSpec

Log = Callable[[str], None]
DEFAULT_INDEX = "https://pypi.org/simple"
_ACCEPT = "application/vnd.pypi.simple.v1+json, text/html;q=0.1"


@dataclass(frozen=True)
class IndexFile:
    """One file of a project as an index lists it."""

    filename: str
    url: str  # without the #sha256= fragment
    sha256: str | None


def pool_dir(cache_dir: Path) -> Path:
    return cache_dir / "pypi"


def normalize(project: str) -> str:
    """PEP 503 project-name normalization."""
    return re.sub(r"[-_.]+", "-", project).lower()


# --------------------------------------------------------------------------- configuration


def _pip_config() -> dict[str, str]:
    """``key -> value`` from ``pip config list`` (empty when pip cannot be run)."""
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "config", "list"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    out: dict[str, str] = {}
    for line in proc.stdout.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            out[key.strip()] = value.strip().strip("'\"")
    return out


def configured_indexes(
    environ: dict[str, str] | None = None, pip_config: Callable[[], dict[str, str]] = _pip_config
) -> list[str]:
    """The index URLs pip would use, main index first, without duplicates."""
    env = dict(os.environ) if environ is None else environ
    main = env.get("PIP_INDEX_URL", "").strip()
    extras = env.get("PIP_EXTRA_INDEX_URL", "").split()
    if not main or not extras:
        conf = pip_config()
        for scope in (":env:", "download", "install", "global"):
            main = main or conf.get(f"{scope}.index-url", "").strip()
            extras = extras or conf.get(f"{scope}.extra-index-url", "").split()
    urls = [main or DEFAULT_INDEX, *extras]
    return list(dict.fromkeys(u.rstrip("/") for u in urls if u))


# --------------------------------------------------------------------------- simple API


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def parse_simple_page(body: bytes, content_type: str, page_url: str) -> list[IndexFile]:
    """Files listed by a Simple Repository API project page (JSON or HTML)."""
    files: list[IndexFile] = []
    if "json" in content_type:
        try:
            data = json.loads(body)
            entries = data["files"]
        except (ValueError, KeyError, TypeError) as exc:
            raise CorpusError(f"malformed index page: {exc}", subject=page_url) from exc
        for entry in entries:
            if not isinstance(entry, dict) or "filename" not in entry or "url" not in entry:
                continue
            hashes = entry.get("hashes") or {}
            url, _ = urldefrag(urljoin(page_url, str(entry["url"])))
            files.append(IndexFile(str(entry["filename"]), url, hashes.get("sha256")))
        return files
    parser = _Anchors()
    parser.feed(body.decode("utf-8", errors="replace"))
    for href, text in parser.links:
        url, frag = urldefrag(urljoin(page_url, href))
        name = text or unquote(urlsplit(url).path.rsplit("/", 1)[-1])
        digest = frag[len("sha256=") :] if frag.startswith("sha256=") else None
        files.append(IndexFile(name, url, digest))
    return files


def project_files(index: str, project: str, timeout: float = 60.0) -> list[IndexFile] | None:
    """The files ``index`` lists for ``project``; None when the index does not have it."""
    page = f"{index.rstrip('/')}/{normalize(project)}/"
    parts = urlsplit(page)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
        html = path / "index.html"
        if not html.is_file():
            return None
        return parse_simple_page(html.read_bytes(), "text/html", html.as_uri())
    if parts.scheme not in ("http", "https"):
        raise CorpusError(f"unsupported index URL scheme {parts.scheme!r}", subject=index)
    req = urllib.request.Request(page, headers={"Accept": _ACCEPT})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
            ctype = resp.headers.get("Content-Type", "")
            final = resp.geturl()
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise CorpusError(f"index error: HTTP {exc.code}", subject=page) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise CorpusError(f"network error: {getattr(exc, 'reason', exc)}", subject=page) from exc
    return parse_simple_page(body, ctype, final)


# --------------------------------------------------------------------------- cache


def cached_archive(cache_dir: Path, tb: TarballSpec, log: Log) -> Path | None:
    """The cached archive if present and matching its pin; a corrupt copy is removed."""
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


def locate(tb: TarballSpec, indexes: Sequence[str], log: Log) -> IndexFile:
    """The index entry of ``tb``'s archive: the first index that lists it wins."""
    errors: list[str] = []
    for index in indexes:
        try:
            files = project_files(index, tb.package)
        except CorpusError as exc:
            errors.append(str(exc))
            continue
        if files is None:
            continue
        hit = next((f for f in files if f.filename == tb.filename), None)
        if hit is not None:
            log(f"{tb.filename}: listed by {index}")
            return hit
    why = f" ({'; '.join(errors)})" if errors else ""
    raise CorpusError(
        f"no index lists {tb.filename} for project {tb.package} (asked {', '.join(indexes)}){why}",
        subject=tb.filename,
    )


def ensure_archives(
    spec: CorpusSpec,
    cache_dir: Path,
    *,
    log: Log = print,
    indexes: Sequence[str] | None = None,
) -> dict[str, Path]:
    """``filename -> path`` of every archive of ``spec``, downloading what is missing."""
    with cache_lock(cache_dir):
        result: dict[str, Path] = {}
        missing: list[TarballSpec] = []
        for tb in spec.tarballs:
            path = cached_archive(cache_dir, tb, log)
            if path is None:
                missing.append(tb)
            else:
                log(f"cached: {path} (sha256 verified)")
                result[tb.filename] = path
        if not missing:
            return result
        urls = list(indexes) if indexes is not None else configured_indexes()
        for tb in missing:
            entry = locate(tb, urls, log)
            if entry.sha256 is not None and entry.sha256.lower() != tb.sha256:
                raise CorpusError(
                    f"the index lists sha256 {entry.sha256} for {tb.filename}, but c2safe "
                    f"pins {tb.sha256}: it is not the archive this corpus was tested with",
                    subject=entry.url,
                )
            dest = pool_dir(cache_dir) / tb.filename
            download_verified(entry.url, dest, tb.sha256, expected_from="c2safe pin", log=log)
            result[tb.filename] = dest
        return result

"""On-disk corpus directories: extraction, ownership marker, atomic installation.

Guarantees:

* A corpus directory is built complete in a temporary sibling directory and then renamed
  into place; readers never see a half-written corpus.
* A directory is replaced only if it is absent, empty, or carries c2safe's marker file
  (``.c2safe-corpus.json``); anything else is refused with C2S005 (output-exists) before
  any work is done.
* Tarball extraction writes only regular ``.c`` / ``.h`` members under the requested
  prefixes (plus named single files), never follows links, and rejects paths that
  would escape the output directory.
* The marker records the sources (tarball sha256s or local path) and a digest of every
  file in the tree, so an intact, up-to-date corpus is recognised without any work.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from corpora.errors import CorpusError

MARKER = ".c2safe-corpus.json"
MANIFEST = "manifest.json"
MARKER_FORMAT = 1
SOURCE_SUFFIXES = (".c", ".h")


# --------------------------------------------------------------------------- marker


def read_marker(root: Path) -> dict[str, Any] | None:
    """The marker of ``root`` if it is a valid c2safe marker, else None."""
    try:
        data = json.loads((root / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("tool") != "c2safe":
        return None
    return data


def tree_digest(root: Path) -> str:
    """sha256 over (relative path, content sha256) of every file below ``root`` but the marker."""
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(root).as_posix()
        if rel == MARKER:
            continue
        if path.is_symlink():
            content = b"symlink:" + os.readlink(path).encode()
        else:
            content = path.read_bytes()
        h.update(rel.encode() + b"\0" + hashlib.sha256(content).hexdigest().encode() + b"\n")
    return h.hexdigest()


def write_marker(root: Path, corpus: str, source: dict[str, Any]) -> dict[str, Any]:
    marker = {
        "tool": "c2safe",
        "format": MARKER_FORMAT,
        "corpus": corpus,
        "source": source,
        "tree_sha256": tree_digest(root),
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
    }
    (root / MARKER).write_text(json.dumps(marker, indent=2, sort_keys=True) + "\n")
    return marker


def is_current(root: Path, corpus: str, source: dict[str, Any]) -> bool:
    """True if ``root`` holds an intact corpus built by c2safe from exactly ``source``."""
    marker = read_marker(root)
    if marker is None or marker.get("format") != MARKER_FORMAT:
        return False
    if marker.get("corpus") != corpus or marker.get("source") != source:
        return False
    return bool(marker.get("tree_sha256") == tree_digest(root))


# --------------------------------------------------------------------------- ownership


def check_replaceable(dest: Path) -> None:
    """Raise C2S005 unless ``dest`` is absent, an empty directory, or c2safe's own corpus."""
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        raise CorpusError(
            "destination exists and is not a directory c2safe created; refusing to replace it",
            code="C2S005",
            subject=str(dest),
        )
    if not dest.exists() or not any(dest.iterdir()):
        return
    if read_marker(dest) is None:
        raise CorpusError(
            f"destination is not empty and has no {MARKER} marker, so c2safe did not create "
            "it; refusing to overwrite (choose another --dest or remove it yourself)",
            code="C2S005",
            subject=str(dest),
        )


@contextmanager
def staging_dir(dest: Path) -> Iterator[Path]:
    """A fresh temporary directory next to ``dest`` (same file system), removed on exit."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def install(built: Path, dest: Path) -> None:
    """Move the finished tree ``built`` to ``dest``, replacing an empty or c2safe-owned one."""
    check_replaceable(dest)
    built.chmod(0o755)  # mkdtemp makes it 0700
    if not dest.exists() or not any(dest.iterdir()):
        if dest.exists():
            dest.rmdir()
        os.rename(built, dest)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
    old.rmdir()
    os.rename(dest, old)
    try:
        os.rename(built, dest)
    except OSError:
        os.rename(old, dest)
        raise
    shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class TreeRule:
    """Copy every ``.c`` / ``.h`` below tar prefix ``src`` to ``dest`` (relative to the root)."""

    src: str
    dest: str


@dataclass(frozen=True)
class FileRule:
    """Copy the single tar member ``src`` to ``dest`` if present (required: error if absent)."""

    src: str
    dest: str
    required: bool = False


def _safe_rel(rel: str) -> PurePosixPath | None:
    p = PurePosixPath(rel)
    if not rel or p.is_absolute() or any(part in ("..", "") for part in p.parts):
        return None
    return p


def _norm(name: str) -> str:
    while name.startswith("./"):
        name = name[2:]
    return name


def extract_tarball(
    tarball: Path, trees: Iterable[TreeRule], files: Iterable[FileRule], out: Path
) -> tuple[list[str], list[str]]:
    """Extract the selected members of ``tarball`` into ``out``.

    Returns (written relative paths, notes about skipped members). Raises if a tree rule
    matched nothing or a required file is absent: then the tarball is not the expected one.
    """
    trees = list(trees)
    files = list(files)
    written: list[str] = []
    skipped: list[str] = []
    hits = {t.src: 0 for t in trees}
    found_files: set[str] = set()
    try:
        tf = tarfile.open(tarball, mode="r:*")
    except (OSError, tarfile.TarError) as exc:
        raise CorpusError(f"cannot open tarball: {exc}", subject=str(tarball)) from exc
    with tf:
        try:
            for member in tf:
                name = _norm(member.name)
                target: PurePosixPath | None = None
                for rule in files:
                    if name == rule.src:
                        target = _safe_rel(rule.dest)
                        found_files.add(rule.src)
                if target is None:
                    for tree in trees:
                        prefix = tree.src.rstrip("/") + "/"
                        if name.startswith(prefix) and name.endswith(SOURCE_SUFFIXES):
                            rel = _safe_rel(name[len(prefix) :])
                            if rel is None:
                                skipped.append(f"{name}: unsafe path")
                                break
                            target = PurePosixPath(tree.dest) / rel
                            hits[tree.src] += 1
                            break
                if target is None:
                    continue
                if not member.isfile():
                    skipped.append(f"{name}: not a regular file")
                    continue
                src = tf.extractfile(member)
                if src is None:
                    skipped.append(f"{name}: unreadable")
                    continue
                path = out / target
                path.parent.mkdir(parents=True, exist_ok=True)
                with src, path.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
                path.chmod(0o644)
                written.append(target.as_posix())
        except (OSError, tarfile.TarError, EOFError) as exc:
            raise CorpusError(f"corrupt or truncated tarball: {exc}", subject=str(tarball)) from exc
    empty = [src for src, n in hits.items() if n == 0]
    if empty:
        raise CorpusError(
            f"no .c/.h files under {', '.join(empty)}: not the expected source tarball",
            subject=str(tarball),
        )
    missing = [r.src for r in files if r.required and r.src not in found_files]
    if missing:
        raise CorpusError(f"missing {', '.join(missing)}", subject=str(tarball))
    return written, skipped


# --------------------------------------------------------------------------- includes

_INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.MULTILINE)


def unresolved_includes(files: Iterable[Path], include_dirs: list[Path]) -> list[str]:
    """Quoted ``#include``s reachable from ``files`` that no file in the tree provides.

    Resolution follows the C preprocessor's order for quoted includes (the including
    file's directory, then ``include_dirs``); angle includes are resolved against
    ``include_dirs`` only, and unresolved ones are taken to be system headers. Includes
    inside ``#if`` blocks are followed too, so this over-approximates what is needed.
    """
    missing: set[str] = set()
    todo = [p.resolve() for p in files]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for kind, name in _INCLUDE.findall(text):
            dirs = ([path.parent] if kind == '"' else []) + include_dirs
            hit = next((d / name for d in dirs if (d / name).is_file()), None)
            if hit is not None:
                todo.append(hit.resolve())
            elif kind == '"':
                missing.add(f"{path.name}: {name}")
    return sorted(missing)

"""Build a corpus tree from a directory the user already has (``--from``).

Guarantees: the user's directory is only read (``os.walk`` without following directory
links; files are copied out into the caller's staging directory). For each origin of the
corpus the directory holding most of that origin's expected files is chosen (ties: the origin's hint
files, then a ``gcc-compatible`` directory, then the shortest path); it is used only if
it holds every file of at least one set, and then its ``.c``/``.h`` tree is copied to
``<out>/<origin>/``. Include directories the copy lacks are taken from the closest
directory of the user's tree that has their probe files. File links that lead outside
the user's directory are skipped.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from corpora.errors import UsageError
from corpora.layout import MARKER, SOURCE_SUFFIXES
from corpora.specs import CorpusSpec, IncludeProbe, OriginSpec

Log = Callable[[str], None]
_SKIP_DIRS = {"node_modules", "__pycache__", "venv"}


class LocalIndex:
    """File names of a directory tree, by name, for searching.

    Hidden directories, version-control and virtualenv directories, and c2safe corpora
    (directories with a marker file, other than the root itself) are not searched.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.by_name: dict[str, list[Path]] = {}
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            here = Path(dirpath)
            if MARKER in filenames and here != root:
                dirnames[:] = []
                continue
            dirnames[:] = sorted(d for d in dirnames if _searchable(d))
            for name in filenames:
                self.by_name.setdefault(name, []).append(here / name)

    def dirs_with(self, name: str) -> list[Path]:
        return [p.parent for p in self.by_name.get(name, []) if p.is_file()]

    def dirs_with_all(self, probes: tuple[str, ...]) -> list[Path]:
        """Directories D with every ``D/probe`` an existing file."""
        first = PurePosixPath(probes[0])
        n = len(first.parts)
        candidates = {
            path.parents[n - 1]
            for path in self.by_name.get(first.name, [])
            if len(path.parts) > n and path.parts[-n:] == first.parts
        }
        return sorted(d for d in candidates if all((d / p).is_file() for p in probes))


def _searchable(dirname: str) -> bool:
    return not dirname.startswith(".") and dirname not in _SKIP_DIRS


def _distance(a: Path, b: Path) -> int:
    common = len(os.path.commonpath([a, b]).split(os.sep)) if a.anchor == b.anchor else 0
    return len(a.parts) + len(b.parts) - 2 * common


def choose_origin_dir(index: LocalIndex, spec: CorpusSpec, origin: OriginSpec) -> Path | None:
    wanted = {f for s in spec.sets if s.origin == origin.name for f in s.files}
    counts: dict[Path, int] = {}
    for name in wanted:
        for d in index.dirs_with(name):
            counts[d] = counts.get(d, 0) + 1
    if not counts:
        return None

    def key(d: Path) -> tuple[int, int, int, int, str]:
        hints = sum((d / h).is_file() for h in origin.hints)
        return (-counts[d], -hints, int(d.name != "gcc-compatible"), len(d.parts), str(d))

    return min(counts, key=key)


def copy_tree(src: Path, dst: Path, within: Path) -> int:
    """Copy the ``.c``/``.h`` files below ``src`` to ``dst``; returns how many.

    Files that are links to somewhere outside ``within`` are skipped.
    """
    n = 0
    for dirpath, dirnames, filenames in os.walk(src, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if _searchable(d))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not name.endswith(SOURCE_SUFFIXES) or not path.is_file():
                continue
            if not path.resolve().is_relative_to(within):
                continue
            target = dst / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            n += 1
    return n


def _has_all(d: Path, files: tuple[str, ...]) -> bool:
    return all((d / f).is_file() for f in files)


def _find_include(index: LocalIndex, probe: IncludeProbe, near: Path) -> Path | None:
    dirs = index.dirs_with_all(probe.probes)
    if not dirs:
        return None
    return min(dirs, key=lambda d: (_distance(d, near), len(d.parts), str(d)))


def build_from_local(
    spec: CorpusSpec, local: Path, out: Path, *, log: Log = print
) -> dict[str, str]:
    """Fill ``out`` from ``local``; returns ``origin -> directory it came from``."""
    if not local.is_dir():
        raise UsageError("--from needs an existing directory", subject=str(local))
    root = local.resolve()
    index = LocalIndex(root)
    found: dict[str, str] = {}
    for origin in spec.origins:
        src = choose_origin_dir(index, spec, origin)
        if src is None:
            log(f"warning: no {origin.name} HACL* files found in {root}")
            continue
        complete = [s.name for s in spec.sets if s.origin == origin.name and _has_all(src, s.files)]
        if not complete:
            log(
                f"warning: no directory in {root} has all the {origin.name} files of any set "
                f"(closest: {src})"
            )
            continue
        n = copy_tree(src, out / origin.name, root)
        log(f"{origin.name}: {n} files from {src}")
        found[origin.name] = str(src)
        for probe in origin.includes:
            if (out / origin.name / probe.dest).is_dir():
                continue
            inc = _find_include(index, probe, src)
            if inc is None:
                log(
                    f"warning: {origin.name}/{probe.dest}: no directory with "
                    f"{', '.join(probe.probes)} in {root}"
                )
                continue
            n = copy_tree(inc, out / origin.name / probe.dest, root)
            log(f"{origin.name}/{probe.dest}: {n} files from {inc}")
        for dest, candidates in origin.extras:
            for rel in candidates:
                extra = (src / rel).resolve()
                if extra.is_file() and extra.is_relative_to(root):
                    (out / dest).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(extra, out / dest)
                    break
    if not found:
        raise UsageError(
            f"no HACL* files of corpus {spec.name} found in {root} (looked for "
            + ", ".join(sorted({f for s in spec.sets for f in s.files}))
            + ")",
            subject=str(local),
        )
    return found

"""Public API: fetch a corpus, load a fetched one, describe its translation sets.

Guarantees:

* ``fetch_corpus`` leaves ``dest`` (default ``corpora/_data/<name>/``) holding a complete
  corpus with ``manifest.json`` and a ``.c2safe-corpus.json`` marker, or raises
  ``CorpusError`` and leaves ``dest`` untouched. It never replaces a directory c2safe did
  not create. When ``dest`` already holds an intact corpus from the same sources it does
  nothing (no apt, no network, no writes).
* ``load_corpus`` only reads; it fails with a message saying how to fetch when the corpus
  is absent.
* Manifest paths are relative to the corpus root (the tree can be moved); the Python
  objects carry absolute paths. A set is listed only if all its files and include
  directories exist; the others are reported under ``omitted_sets`` with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from corpora import debian, pypi, specs
from corpora import local as local_tree
from corpora.errors import CorpusError, UsageError
from corpora.layout import (
    MANIFEST,
    check_replaceable,
    extract_tarball,
    install,
    is_current,
    read_marker,
    staging_dir,
    tree_digest,
    unresolved_includes,
    write_marker,
)

Log = Callable[[str], None]
MANIFEST_FORMAT = 1
DATA_DIR = Path(__file__).resolve().parent / "_data"
SHIMS_DIR = Path(__file__).resolve().parent / "shims"  # c2safe's own headers for the sets


@dataclass(frozen=True)
class TranslationSet:
    """C files to translate together, with absolute include dirs and ``-D`` defines."""

    name: str
    files: list[Path]
    include_dirs: list[Path]
    defines: list[str]
    notes: list[str] = field(default_factory=list)
    unresolved_includes: list[str] = field(default_factory=list)
    slice_only: bool = False


@dataclass(frozen=True)
class Corpus:
    name: str
    root: Path
    sets: dict[str, TranslationSet]
    omitted_sets: dict[str, str] = field(default_factory=dict)

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def manifest(self) -> dict[str, Any]:
        """The parsed ``manifest.json``."""
        return read_manifest(self.root)


def corpus_names() -> list[str]:
    return sorted(specs.CORPORA)


def get_spec(name: str) -> specs.CorpusSpec:
    try:
        return specs.CORPORA[name]
    except KeyError:
        raise UsageError(
            f"unknown corpus {name!r} (known: {', '.join(corpus_names())})", subject=name
        ) from None


def default_dest(name: str) -> Path:
    return DATA_DIR / name


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("c2safe"))


# --------------------------------------------------------------------------- fetch


def fetch_corpus(
    name: str,
    dest: Path | None = None,
    cache_dir: Path | None = None,
    local: Path | None = None,
    log: Log = print,
) -> Corpus:
    """Fetch corpus ``name`` into ``dest`` (from its archives, or the ``local`` directory)."""
    spec = get_spec(name)
    dest = (dest if dest is not None else default_dest(name)).absolute()
    check_replaceable(dest)  # before any network or copying work
    if local is not None:
        return _fetch_local(spec, dest, Path(local), log)
    cache_dir = (cache_dir if cache_dir is not None else default_cache_dir()).absolute()
    source = archive_source(spec)
    if is_current(dest, spec.name, source):
        log(f"{spec.name}: up to date in {dest}")
        _refresh_manifest(spec, dest, source, log)
        return load_corpus(name, dest)
    if spec.source == "pypi":
        tarballs = pypi.ensure_archives(spec, cache_dir, log=log)
    else:
        tarballs = debian.ensure_tarballs(spec, cache_dir, log=log)
    with staging_dir(dest) as tmp:
        for tb in spec.tarballs:
            log(f"extracting {tb.filename}")
            written, skipped = extract_tarball(tarballs[tb.filename], tb.trees, tb.files, tmp)
            log(f"  {len(written)} files")
            for note in skipped:
                log(f"warning: skipped {note}")
        _finish(spec, tmp, dest, source, log)
    return load_corpus(name, dest)


def _refresh_manifest(spec: specs.CorpusSpec, root: Path, source: dict[str, Any], log: Log) -> None:
    """Rewrite the manifest when c2safe's set definitions changed (files stay as they are)."""
    path = root / MANIFEST
    text = json.dumps(build_manifest(spec, root, source, log=lambda _m: None), indent=2) + "\n"
    if path.read_text() != text:
        path.write_text(text)
        write_marker(root, spec.name, source)
        log(f"{spec.name}: manifest updated")


def archive_source(spec: specs.CorpusSpec) -> dict[str, Any]:
    """What the marker records about where a corpus's archives came from."""
    if spec.source == "pypi":
        return {"kind": "pypi", "archives": {tb.filename: tb.sha256 for tb in spec.tarballs}}
    return debian_source(spec)


def debian_source(spec: specs.CorpusSpec) -> dict[str, Any]:
    return {
        "kind": "debian",
        "suite": spec.suite,
        "tarballs": {tb.filename: tb.sha256 for tb in spec.tarballs},
    }


def _fetch_local(spec: specs.CorpusSpec, dest: Path, local_dir: Path, log: Log) -> Corpus:
    with staging_dir(dest) as tmp:
        found = local_tree.build_from_local(spec, local_dir, tmp, log=log)
        source = {"kind": "local", "path": str(local_dir.resolve()), "origins": found}
        write_manifest(spec, tmp, source, log)
        marker = read_marker(dest)
        if (
            marker is not None
            and marker.get("source") == source
            and marker.get("tree_sha256") == tree_digest(tmp)
            and is_current(dest, spec.name, source)
        ):
            log(f"{spec.name}: up to date in {dest}")
        else:
            write_marker(tmp, spec.name, source)
            install(tmp, dest)
            log(f"{spec.name}: written to {dest}")
    return load_corpus(spec.name, dest)


def _finish(
    spec: specs.CorpusSpec, tmp: Path, dest: Path, source: dict[str, Any], log: Log
) -> None:
    write_manifest(spec, tmp, source, log)
    write_marker(tmp, spec.name, source)
    install(tmp, dest)
    log(f"{spec.name}: written to {dest}")


# --------------------------------------------------------------------------- manifest


def write_manifest(
    spec: specs.CorpusSpec, root: Path, source: dict[str, Any], log: Log = print
) -> dict[str, Any]:
    """Check every set against the tree under ``root`` and write ``root/manifest.json``."""
    manifest = build_manifest(spec, root, source, log)
    (root / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def build_manifest(
    spec: specs.CorpusSpec, root: Path, source: dict[str, Any], log: Log = print
) -> dict[str, Any]:
    """The manifest of the tree under ``root``: every set checked against the files."""
    sets: dict[str, Any] = {}
    omitted: dict[str, str] = {}
    for s in spec.sets:
        base = root / s.origin
        if not base.is_dir():
            omitted[s.name] = f"no directory with all of {', '.join(s.files)} was found"
            log(f"warning: set {s.name} omitted: {omitted[s.name]}")
            continue
        missing = [f for f in s.files if not (base / f).is_file()]
        missing_inc = [d for d in s.include_dirs if not (base / d).is_dir()]
        missing_inc += [f"shims/{d}" for d in s.shim_include_dirs if not (SHIMS_DIR / d).is_dir()]
        if missing or missing_inc:
            parts = []
            if missing:
                parts.append(f"missing files {', '.join(missing)}")
            if missing_inc:
                parts.append(f"missing include dirs {', '.join(missing_inc)}")
            omitted[s.name] = f"{'; '.join(parts)} (in {s.origin}/)"
            log(f"warning: set {s.name} omitted: {omitted[s.name]}")
            continue
        inc_dirs = [_rel(base / d, root) for d in s.include_dirs]
        unresolved = unresolved_includes(
            [base / f for f in s.files],
            [(base / d).resolve() for d in s.include_dirs]
            + [SHIMS_DIR / d for d in s.shim_include_dirs],
        )
        for item in unresolved:
            log(f"note: set {s.name}: no file provides #include {item}")
        sets[s.name] = {
            "files": [_rel(base / f, root) for f in s.files],
            "include_dirs": inc_dirs,
            "shim_include_dirs": list(s.shim_include_dirs),
            "slice_only": s.slice_only,
            "defines": list(s.defines),
            "notes": list(s.notes),
            "unresolved_includes": unresolved,
        }
    if not sets:
        raise CorpusError(
            f"no translation set of {spec.name} is complete: "
            + "; ".join(f"{k}: {v}" for k, v in omitted.items()),
            subject=str(root),
        )
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "corpus": spec.name,
        "description": spec.description,
        "source": source,
        "sets": sets,
        "omitted_sets": omitted,
        "reference_files": [f for f in spec.reference_files if (root / f).is_file()],
    }
    return manifest


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()  # pathlib already dropped "." components


def read_manifest(root: Path) -> dict[str, Any]:
    path = root / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(
            "no manifest.json: the corpus is not fetched", subject=str(root)
        ) from None
    except (OSError, ValueError) as exc:
        raise CorpusError(f"unreadable manifest: {exc}", subject=str(path)) from exc
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise CorpusError(
            f"unsupported manifest format (want {MANIFEST_FORMAT}); fetch the corpus again",
            subject=str(path),
        )
    return data


# --------------------------------------------------------------------------- load


def load_corpus(name: str, dest: Path | None = None) -> Corpus:
    """The corpus already fetched into ``dest`` (default ``corpora/_data/<name>/``)."""
    get_spec(name)
    root = (dest if dest is not None else default_dest(name)).absolute()
    if not (root / MANIFEST).is_file():
        raise CorpusError(
            f"corpus {name} is not fetched here; run `c2safe corpus fetch {name}"
            + ("" if dest is None else f" --dest {root}")
            + "` first",
            subject=str(root),
        )
    data = read_manifest(root)
    if data.get("corpus") != name:
        raise CorpusError(
            f"manifest is for corpus {data.get('corpus')!r}, not {name!r}", subject=str(root)
        )
    sets: dict[str, TranslationSet] = {}
    for set_name, s in data["sets"].items():
        sets[set_name] = TranslationSet(
            name=set_name,
            files=[root / f for f in s["files"]],
            include_dirs=[root / d for d in s["include_dirs"]]
            + [SHIMS_DIR / d for d in s.get("shim_include_dirs", [])],
            defines=list(s["defines"]),
            notes=list(s.get("notes", [])),
            unresolved_includes=list(s.get("unresolved_includes", [])),
            slice_only=bool(s.get("slice_only", False)),
        )
    missing = [str(f) for s in sets.values() for f in s.files if not f.is_file()]
    if missing:
        raise CorpusError(
            f"corpus {name} is damaged (missing {', '.join(missing[:3])}); "
            f"run `c2safe corpus fetch {name}` again",
            subject=str(root),
        )
    return Corpus(name, root, sets, dict(data.get("omitted_sets", {})))

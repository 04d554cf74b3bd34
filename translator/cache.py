"""Content-addressed cache of the front end, and the parallel front end built on it.

What is cached: per translation unit, the result of parse + lower (a ``cir.Unit``, or the
coded ``C2SafeError`` diagnostic it raised), keyed by the SHA-256 of

- the preprocessed text (so every header and every macro that reaches the file counts),
- the file name as given (spans carry it),
- the tool fingerprint: the c2safe version plus the bytes of every ``translator``/``analyses``
  source file, so a changed translator never reads an old entry.

Whole-program analysis facts are cached the same way (:func:`cached`), keyed by the keys
of all units plus the tool fingerprint.

Guarantees: a hit returns an object equal to what a fresh run computes (the key covers
everything the computation reads); entries are written atomically (temp file + rename),
so concurrent runs and interrupted runs never see half an entry; an unreadable or corrupt
entry is a miss, never an error. Preprocessing always runs (it is the key); the misses are
parsed and lowered in worker processes when there are two or more of them.

Location: ``$C2SAFE_CACHE_DIR``, else the platform user cache dir (``~/.cache/c2safe``).
``C2SAFE_CACHE=0`` (or ``translate --no-cache``) turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from translator import __version__, cir
from translator.diagnostics import C2SafeError, Diagnostic, Span, error
from translator.preprocess import PreprocessOptions, preprocess

_PKG_DIRS = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "analyses")
_FINGERPRINT: str | None = None
T = TypeVar("T")


def tool_fingerprint() -> str:
    """The c2safe version plus a hash of its own translator and analysis sources."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        h = hashlib.sha256(__version__.encode())
        for d in _PKG_DIRS:
            for p in sorted(d.rglob("*")):
                if p.suffix in (".py", ".h", ".rs") and p.is_file():
                    h.update(str(p.relative_to(d)).encode() + b"\0" + p.read_bytes())
        _FINGERPRINT = f"{__version__}+{h.hexdigest()[:16]}"
    return _FINGERPRINT


def enabled() -> bool:
    return os.environ.get("C2SAFE_CACHE", "1") not in ("0", "off", "no", "false")


def cache_dir() -> Path:
    env = os.environ.get("C2SAFE_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("c2safe"))


@dataclass
class Store:
    """A directory of pickled entries addressed by key (``ab/abcdef....pkl``)."""

    root: Path

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / f"{key}.pkl"

    def get(self, kind: str, key: str) -> object | None:
        try:
            data = self._path(kind, key).read_bytes()
            value: object = pickle.loads(data)
            return value
        except Exception:  # noqa: BLE001 - a missing or corrupt entry is a miss
            return None

    def put(self, kind: str, key: str, value: object) -> None:
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp.", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full cache only costs speed


def default_store() -> Store | None:
    return Store(cache_dir()) if enabled() else None


def unit_key(text: str, filename: str) -> str:
    h = hashlib.sha256()
    for part in (tool_fingerprint(), filename, text):
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return h.hexdigest()


Outcome = cir.Unit | Diagnostic


def _parse_lower(text: str, filename: str) -> Outcome:
    from translator.c_ast_to_cir import lower
    from translator.c_parse import parse

    try:
        return lower(parse(text, filename), filename)
    except C2SafeError as e:
        return e.diag
    except RecursionError:
        return error("C2S101", "expression nested too deeply for the front end", Span(filename, 0))
    except Exception as e:  # noqa: BLE001 - a c2safe bug must not stop the batch
        msg = (
            f"internal error while reading this file: {type(e).__name__}: {e}"
            " (a c2safe bug; please report it with this C file)"
        )
        return error("C2S111", msg, Span(filename, 0))


def _pre(item: tuple[Path, PreprocessOptions]) -> str | Diagnostic:
    try:
        return preprocess(*item)
    except C2SafeError as e:
        return e.diag


@dataclass
class FrontEndStats:
    hits: int = 0
    misses: int = 0
    workers: int = 0


def front_ends(
    items: Sequence[tuple[Path, PreprocessOptions]],
    store: Store | None = None,
    jobs: int = 0,
    stats: FrontEndStats | None = None,
    texts: list[str] | None = None,
) -> tuple[list[Outcome], list[str]]:
    """Preprocess, parse and lower each file; return one outcome per item (in order) and
    the unit keys (``""`` for a file that did not preprocess). ``texts``, when given,
    receives each item's preprocessed text (``""`` where preprocessing failed).

    ``jobs``: worker processes for the misses (0 = one per CPU, 1 = in this process)."""
    stats = stats if stats is not None else FrontEndStats()
    ncpu = os.cpu_count() or 1
    jobs = jobs or ncpu
    if len(items) > 1 and jobs > 1:
        with ThreadPoolExecutor(min(jobs, len(items))) as pool:
            pre = list(pool.map(_pre, items))
    else:
        pre = [_pre(it) for it in items]
    if texts is not None:
        texts.extend(t if isinstance(t, str) else "" for t in pre)
    outcomes: list[Outcome | None] = [None] * len(items)
    keys = [""] * len(items)
    todo: list[int] = []
    for i, ((path, _), text) in enumerate(zip(items, pre, strict=True)):
        if isinstance(text, Diagnostic):
            outcomes[i] = text
            continue
        keys[i] = unit_key(text, str(path))
        hit = store.get("unit", keys[i]) if store is not None else None
        if isinstance(hit, cir.Unit | Diagnostic):
            outcomes[i] = hit
            stats.hits += 1
        else:
            todo.append(i)
    stats.misses += len(todo)
    texts_ok = [str(pre[i]) for i in todo]
    names = [str(items[i][0]) for i in todo]
    workers = min(jobs, len(todo))
    if workers > 1:
        stats.workers = workers
        try:
            with ProcessPoolExecutor(workers) as pp:
                fresh = list(pp.map(_parse_lower, texts_ok, names))
        except (OSError, RuntimeError):  # no processes available: do it here
            fresh = [_parse_lower(t, n) for t, n in zip(texts_ok, names, strict=True)]
    else:
        fresh = [_parse_lower(t, n) for t, n in zip(texts_ok, names, strict=True)]
    for i, res in zip(todo, fresh, strict=True):
        outcomes[i] = res
        if store is not None:
            store.put("unit", keys[i], res)
    return [o for o in outcomes if o is not None], keys


def cached(store: Store | None, kind: str, parts: Sequence[str], compute: Callable[[], T]) -> T:
    """``compute()``, memoized in ``store`` under the hash of ``parts`` and the tool
    fingerprint (``parts`` must name every input ``compute`` reads)."""
    if store is None:
        return compute()
    h = hashlib.sha256(tool_fingerprint().encode())
    for p in parts:
        h.update(p.encode("utf-8", "surrogateescape") + b"\0")
    key = h.hexdigest()
    hit = store.get(kind, key)
    if hit is not None:
        return hit  # type: ignore[return-value]
    value = compute()
    store.put(kind, key, value)
    return value


def _rustfmt_identity() -> str:
    """Which rustfmt binary (path, size, mtime): a new toolchain never reads old entries."""
    import shutil

    exe = shutil.which("rustfmt") or ""
    try:
        st = os.stat(exe)
        return f"{exe}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        return exe


_MOD_DECL = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*;", re.M)


def rustfmt_cached(path: Path, run: Callable[[], str | None]) -> str | None:
    """``run()`` (rustfmt on ``path``; its error text or None), memoized exactly.

    rustfmt also formats every module a file declares (``mod x;`` -> ``x.rs`` beside it),
    so for such a file the key covers every ``.rs`` file of its directory and the entry
    holds all of their formatted texts; otherwise the key is the file's own text."""
    store = default_store()
    if store is None:
        return run()
    text = path.read_text()
    files = sorted(path.parent.glob("*.rs")) if _MOD_DECL.search(text) else [path]
    h = hashlib.sha256(_rustfmt_identity().encode() + b"\0" + path.name.encode() + b"\0")
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    key = h.hexdigest()
    hit = store.get("rustfmt", key)
    if isinstance(hit, dict):
        for name, out in hit.items():
            (path.parent / name).write_text(out)
        return None
    err = run()
    if err is None:
        store.put("rustfmt", key, {f.name: f.read_text() for f in files})
    return err

"""Batch runs: many C trees from a TOML manifest, each translated, built, tested and
difftested in parallel worker processes (``c2safe batch MANIFEST``).

Manifest (paths relative to the manifest's directory)::

    [batch]
    out = "batch_out"          # where crates, results and reports go
    build = true               # cargo build each crate
    difftest = 8               # difftest cases per function (0: none)

    [[tree]]
    name = "cpython"
    sets = ["hacl-debian:cpython-hashes"]   # corpus sets bring files, -I and -D
    test_files = ["tests/kat/cpython_hacl.rs"]

    [[tree]]
    name = "mine"
    sources = ["src"]                        # files or directories
    include_dirs = ["include"]
    defines = ["NDEBUG"]

Guarantees: each tree's result is written to ``OUT/.c2safe-batch/results/NAME.json``
(atomically) the moment it finishes, with a fingerprint of everything it read (the tool,
the tree's settings, the bytes of its sources, headers in its include dirs and test
files); a re-run skips every tree whose stored fingerprint matches, so an interrupted
batch resumes where it stopped and an unchanged tree costs nothing. A tree that fails in
any way (bad manifest entry, missing corpus, a crash) is recorded as ``error`` with its
message and the batch goes on. The summary (a table, ``batch-report.json``,
``batch-report.html``) covers every tree of the manifest.

Executors: ``local`` (default) is a process pool; ``ray`` runs the same per-tree
function as Ray tasks (``--address`` for a cluster; without it a local Ray instance).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

STATE = ".c2safe-batch"
REPORT_JSON = "batch-report.json"
REPORT_HTML = "batch-report.html"


TREE_KEYS = frozenset(
    {"name", "crate", "sources", "sets", "set", "include_dirs", "defines", "test_files", "strict"}
)


class ManifestError(Exception):
    """The manifest cannot be read (exit status 2)."""


@dataclass
class TreeSpec:
    """One tree of the manifest, with paths made absolute."""

    name: str
    sources: list[str] = field(default_factory=list)
    sets: list[str] = field(default_factory=list)
    include_dirs: list[str] = field(default_factory=list)
    defines: list[str] = field(default_factory=list)
    test_files: list[str] = field(default_factory=list)
    strict: bool = False
    crate: str | None = None  # the crate's name (default: the tree's name)


@dataclass
class BatchSpec:
    out: Path
    build: bool
    difftest: int
    seed: int
    trees: list[TreeSpec]


def _strs(entry: dict[str, Any], key: str, where: str) -> list[str]:
    v = entry.get(key, [])
    if isinstance(v, str):
        v = [v]
    if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
        raise ManifestError(f"{where}: `{key}` must be a string or a list of strings")
    return list(v)


def load_manifest(path: Path, out: Path | None = None) -> BatchSpec:
    """Read and check a manifest; relative paths are taken from its directory."""
    try:
        data = tomllib.loads(path.read_text())
    except OSError as e:
        raise ManifestError(f"cannot read {path}: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise ManifestError(f"{path}: {e}") from None
    base = path.resolve().parent
    head = data.get("batch", {})
    if not isinstance(head, dict):
        raise ManifestError(f"{path}: [batch] must be a table")
    trees_raw = data.get("tree", [])
    if not isinstance(trees_raw, list) or not trees_raw:
        raise ManifestError(f"{path}: no [[tree]] entries")
    trees: list[TreeSpec] = []
    seen: set[str] = set()
    for i, t in enumerate(trees_raw):
        where = f"{path}: tree {i + 1}"
        if not isinstance(t, dict) or not isinstance(t.get("name"), str) or not t["name"]:
            raise ManifestError(f"{where}: every [[tree]] needs a `name`")
        name = t["name"]
        if name in seen or "/" in name or name.startswith("."):
            raise ManifestError(f"{where}: tree name `{name}` is repeated or not a plain name")
        seen.add(name)
        unknown = set(t) - TREE_KEYS
        if unknown:
            raise ManifestError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
        spec = TreeSpec(
            name=name,
            sources=[str(base / s) for s in _strs(t, "sources", where)],
            sets=_strs(t, "sets", where) + _strs(t, "set", where),
            include_dirs=[str(base / s) for s in _strs(t, "include_dirs", where)],
            defines=_strs(t, "defines", where),
            test_files=[str(base / s) for s in _strs(t, "test_files", where)],
            strict=bool(t.get("strict", False)),
            crate=str(t["crate"]) if "crate" in t else None,
        )
        if not spec.sources and not spec.sets:
            raise ManifestError(f"{where}: `{name}` has neither `sources` nor `sets`")
        trees.append(spec)
    out_dir = out or base / str(head.get("out", "batch_out"))
    return BatchSpec(
        out=out_dir.resolve(),
        build=bool(head.get("build", True)),
        difftest=int(head.get("difftest", 0)),
        seed=int(head.get("seed", 0)),
        trees=trees,
    )


# ------------------------------------------------------------------ one tree


def _resolve_sets(spec: TreeSpec) -> tuple[list[Path], dict[str, tuple[list[Path], list[str]]]]:
    from corpora.registry import load_corpus

    files: list[Path] = []
    flags: dict[str, tuple[list[Path], list[str]]] = {}
    for s in spec.sets:
        corpus_name, _, set_name = s.partition(":")
        corpus = load_corpus(corpus_name)  # CorpusError when not fetched
        if set_name not in corpus.sets:
            raise ManifestError(f"corpus {corpus_name} has no set `{set_name}`")
        tset = corpus.sets[set_name]
        files += tset.files
        for f in tset.files:
            flags[str(f.resolve())] = (list(tset.include_dirs), list(tset.defines))
    return files, flags


def fingerprint(spec: TreeSpec, batch: BatchSpec) -> str:
    """Hash of everything the tree's run reads (see the module doc)."""
    from translator.cache import tool_fingerprint

    h = hashlib.sha256()
    settings = {
        "tree": asdict(spec),
        "build": batch.build,
        "difftest": batch.difftest,
        "seed": batch.seed,
        "tool": tool_fingerprint(),
    }
    h.update(json.dumps(settings, sort_keys=True).encode())
    files, flags = _resolve_sets(spec) if spec.sets else ([], {})
    paths: list[Path] = list(files)
    for s in spec.sources:
        p = Path(s)
        paths += sorted(p.glob("*.c")) if p.is_dir() else [p]
    dirs = [Path(d) for d in spec.include_dirs]
    for incs, _ in flags.values():
        dirs += incs
    for d in sorted(set(dirs)):
        paths += sorted(d.rglob("*.h")) if d.is_dir() else []
    paths += [Path(t) for t in spec.test_files]
    for p in sorted(set(paths)):
        h.update(str(p).encode() + b"\0")
        try:
            h.update(hashlib.sha256(p.read_bytes()).digest())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()


def run_tree(spec: TreeSpec, batch: BatchSpec, fp: str) -> dict[str, Any]:
    """Translate, build, test and difftest one tree; never raises (errors are results)."""
    t0 = time.monotonic()
    c0 = time.process_time()
    result: dict[str, Any] = {"name": spec.name, "fingerprint": fp, "status": "error"}
    try:
        result.update(_run_tree(spec, batch))
    except Exception as e:  # noqa: BLE001 - one tree's failure is its result, not the batch's
        result["error"] = f"{type(e).__name__}: {e}"
    result["seconds_wall"] = round(time.monotonic() - t0, 3)
    result["seconds_cpu_self"] = round(time.process_time() - c0, 3)
    return result


def _run_tree(spec: TreeSpec, batch: BatchSpec) -> dict[str, Any]:
    from translator.diagnostics import C2SafeError, Severity
    from translator.driver import Options, translate

    files, flags = _resolve_sets(spec) if spec.sets else ([], {})
    extra: dict[str, str] = {}
    for tf in spec.test_files:
        extra[f"tests/{Path(tf).name}"] = Path(tf).read_text()
    out = batch.out / spec.name
    opts = Options(
        sources=[*files, *(Path(s) for s in spec.sources)],
        out=out,
        name=spec.crate or spec.name,
        include_dirs=[Path(d) for d in spec.include_dirs],
        defines=list(spec.defines),
        build=batch.build,
        extra_files=extra,
        run_tests=bool(extra) and batch.build,
        strict=spec.strict,
        file_flags=flags,
        jobs=1,  # the batch is parallel across trees
    )
    try:
        report = translate(opts, log=lambda m: None)
    except C2SafeError as e:
        return {"status": "error", "error": e.diag.render(with_source=False)}
    recs = [r for f in report.files for r in f.records]
    codes = [d.code for r in recs for d in r.diagnostics]
    failed_files = [
        Path(f.path).name
        for f in report.files
        if not f.module and any(d.severity == Severity.ERROR for d in f.diagnostics)
    ]
    errors = [
        d.render(with_source=False) for d in report.diagnostics if d.severity == Severity.ERROR
    ]
    res: dict[str, Any] = {
        "crate": str(out),
        "errors": errors[:20],
        "files": len(report.files),
        "files_failed": failed_files,
        "functions": len(recs),
        "translated": sum(r.status == "translated" for r in recs),
        "stubbed": sum(r.status == "stub" for r in recs),
        "copies": codes.count("C2S203"),
        "assumed": codes.count("C2S204"),
        "null_erased": codes.count("C2S201"),
        "unsafe": report.unsafe_count,
        "built": report.built,
        "tests": report.tests.splitlines()[0] if report.tests else None,
        "tests_ok": report.tests_ok,
        "difftest": None,
    }
    if batch.difftest > 0 and report.built:
        from translator import difftest

        dt = difftest.run_difftest(
            difftest.DifftestOptions(out=out, cases=batch.difftest, seed=batch.seed),
            log=lambda m: None,
        )
        build_error = (dt.build_error or "").strip().splitlines()[:1]
        res["difftest"] = {
            **dt.totals(),
            "failed": dt.failed(),
            "build_error": build_error[0][:200] if build_error else None,
        }
    reasons: list[str] = []
    if report.built is False:
        reasons.append("does not build")
    if report.tests_ok is False:
        reasons.append("tests fail")
    if failed_files:
        reasons.append(f"not translated: {', '.join(failed_files)}")
    if errors:
        reasons.append(f"{len(errors)} error(s), first: {errors[0]}")
    if res["stubbed"]:
        reasons.append(f"{res['stubbed']} stubbed function(s)")
    dt_res = res["difftest"]
    if dt_res is not None and dt_res["failed"]:
        reasons.append(
            f"difftest: {dt_res['divergences']} divergence(s), {dt_res['errors']} error(s)"
            + (f", {dt_res['build_error']}" if dt_res.get("build_error") else "")
        )
    res["reasons"] = reasons
    res["status"] = "failed" if reasons else "ok"
    return res


# ------------------------------------------------------------------ executors


Task = tuple[TreeSpec, BatchSpec, str]


def _local(tasks: list[Task], jobs: int) -> Iterator[dict[str, Any]]:
    if jobs <= 1:
        for t in tasks:
            yield run_tree(*t)
        return
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        pending: dict[Future[dict[str, Any]], Task] = {pool.submit(run_tree, *t): t for t in tasks}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                spec, _, fp = pending.pop(fut)
                try:
                    yield fut.result()
                except Exception as e:  # noqa: BLE001 - a worker died: record it, go on
                    yield {
                        "name": spec.name,
                        "fingerprint": fp,
                        "status": "error",
                        "error": f"worker failed: {type(e).__name__}: {e}",
                    }
    except BaseException:
        # interrupted (Ctrl-C) or abandoned: drop queued trees, stop the running ones; what
        # finished is already stored, so the next run resumes from there
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
        raise
    pool.shutdown(wait=True)


def _ray(tasks: list[Task], address: str | None, jobs: int) -> Iterator[dict[str, Any]]:
    try:
        import ray
    except ImportError:
        raise ManifestError("--executor ray needs Ray: pip install 'c2safe[ray]'") from None
    started = False
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"ignore_reinit_error": True, "include_dashboard": False}
        if address:
            kwargs["address"] = address
        else:
            kwargs["num_cpus"] = max(jobs, 1)
        ray.init(**kwargs)
        started = True
    try:
        remote = ray.remote(run_tree)
        refs = {remote.remote(*t): t for t in tasks}
        while refs:
            ready, _ = ray.wait(list(refs), num_returns=1)
            for ref in ready:
                spec, _, fp = refs.pop(ref)
                try:
                    yield ray.get(ref)
                except Exception as e:  # noqa: BLE001 - a task died: record it, go on
                    yield {
                        "name": spec.name,
                        "fingerprint": fp,
                        "status": "error",
                        "error": f"ray task failed: {type(e).__name__}: {e}",
                    }
    finally:
        if started:
            ray.shutdown()


# ------------------------------------------------------------------ the batch


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    os.replace(tmp, path)


def result_path(batch: BatchSpec, name: str) -> Path:
    return batch.out / STATE / "results" / f"{name}.json"


def stored(batch: BatchSpec, name: str) -> dict[str, Any] | None:
    try:
        data = json.loads(result_path(batch, name).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class Progress:
    """A one-line progress bar on a terminal, one line per event otherwise."""

    def __init__(self, total: int, stream: Any = None) -> None:
        self.total, self.done = total, 0
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.t0 = time.monotonic()

    def step(self, label: str) -> None:
        self.done += 1
        width = 24
        filled = width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        line = f"[{bar}] {self.done}/{self.total} {label} ({time.monotonic() - self.t0:.0f}s)"
        if self.tty:
            self.stream.write("\r\033[K" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


@dataclass
class BatchResult:
    batch: BatchSpec
    results: list[dict[str, Any]]  # manifest order
    ran: list[str]
    skipped: list[str]

    def failed(self) -> bool:
        return any(r.get("status") != "ok" for r in self.results)


def run_batch(
    batch: BatchSpec,
    jobs: int = 0,
    executor: str = "local",
    address: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    only: Iterable[str] | None = None,
) -> BatchResult:
    """Run every tree that is not already done with the same fingerprint."""
    jobs = jobs or os.cpu_count() or 1
    wanted = set(only) if only is not None else None
    trees = [t for t in batch.trees if wanted is None or t.name in wanted]
    results: dict[str, dict[str, Any]] = {}
    todo: list[Task] = []
    skipped: list[str] = []
    for t in trees:
        try:
            fp = fingerprint(t, batch)
        except Exception as e:  # noqa: BLE001 - e.g. a corpus that is not fetched
            results[t.name] = {
                "name": t.name,
                "status": "error",
                "error": f"{type(e).__name__}: {e}",
                "fingerprint": "",
            }
            continue
        old = stored(batch, t.name)
        if not force and old is not None and old.get("fingerprint") == fp:
            results[t.name] = {**old, "skipped": True}
            skipped.append(t.name)
        else:
            todo.append((t, batch, fp))
    progress = progress or Progress(len(trees))
    for name in skipped:
        progress.step(f"{name}: unchanged, skipped")
    for name in results:
        if name not in skipped:
            progress.step(f"{name}: error")
    ran: list[str] = []
    runs: Iterator[dict[str, Any]] = (
        _ray(todo, address, jobs) if executor == "ray" else _local(todo, min(jobs, len(todo)))
    )
    for r in runs:
        r["skipped"] = False
        _write_atomic(result_path(batch, r["name"]), json.dumps(r, indent=2) + "\n")
        results[r["name"]] = r
        ran.append(r["name"])
        progress.step(f"{r['name']}: {r['status']}")
    ordered = [results[t.name] for t in trees if t.name in results]
    return BatchResult(batch, ordered, ran, skipped)


# ------------------------------------------------------------------ reports

COLUMNS = (
    ("tree", "name"),
    ("status", "status"),
    ("functions", "functions"),
    ("translated", "translated"),
    ("stubbed", "stubbed"),
    ("copies", "copies"),
    ("assumed", "assumed"),
    ("null-erased", "null_erased"),
    ("unsafe", "unsafe"),
    ("builds", "built"),
    ("tests", "tests_ok"),
    ("difftest", "difftest"),
    ("seconds", "seconds_wall"),
)


def _cell(r: dict[str, Any], key: str) -> str:
    v = r.get(key)
    if key == "difftest":
        if not v:
            return "-"
        return f"{v['covered']}/{v['functions']} fn, {v['divergences']} div"
    if key == "status" and r.get("skipped"):
        return f"{v} (cached)"
    if isinstance(v, bool):
        return "yes" if v else "NO"
    return "-" if v is None else str(v)


def table_rows(results: list[dict[str, Any]]) -> list[list[str]]:
    rows = [[c for c, _ in COLUMNS]]
    for r in results:
        rows.append([_cell(r, k) for _, k in COLUMNS])
    tot = [sum(int(r.get(k) or 0) for r in results) for k in ("functions", "translated")]
    tot += [sum(int(r.get(k) or 0) for r in results) for k in ("stubbed", "copies", "assumed")]
    tot += [sum(int(r.get(k) or 0) for r in results) for k in ("null_erased", "unsafe")]
    ok = sum(r.get("status") == "ok" for r in results)
    rows.append(["TOTAL", f"{ok}/{len(results)} ok", *map(str, tot), "", "", "", ""])
    return rows


def format_table(results: list[dict[str, Any]]) -> str:
    rows = table_rows(results)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for i, r in enumerate(rows):
        lines.append(
            "  ".join(
                c.ljust(w) if j < 2 else c.rjust(w)
                for j, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
        if i == 0 or i == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    why = [f"{r['name']}: {r['error']}" for r in results if r.get("error")]
    why += [f"{r['name']}: {'; '.join(r['reasons'])}" for r in results if r.get("reasons")]
    return "\n".join(lines + why)


def to_json(res: BatchResult) -> dict[str, Any]:
    from translator import __version__

    return {
        "tool": "c2safe batch",
        "version": __version__,
        "out": str(res.batch.out),
        "ok": not res.failed(),
        "ran": res.ran,
        "skipped": res.skipped,
        "trees": res.results,
    }


def to_html(res: BatchResult) -> str:
    rows = table_rows(res.results)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
    body = []
    for r, data in zip(rows[1:-1], res.results, strict=True):
        cls = "ok" if data.get("status") == "ok" else "bad"
        cells = "".join(f"<td>{html.escape(c)}</td>" for c in r)
        body.append(f'<tr class="{cls}">{cells}</tr>')
        if data.get("error"):
            err = html.escape(str(data["error"]))
            body.append(f'<tr class="bad"><td colspan="{len(r)}">{err}</td></tr>')
    foot = "".join(f"<td>{html.escape(c)}</td>" for c in rows[-1])
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8"><title>c2safe batch</title>'
        "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
        "td:first-child,th:first-child{text-align:left}tr.bad{background:#fdd}"
        "tr.ok{background:#efe}</style></head><body>\n"
        f"<h1>c2safe batch: {html.escape(str(res.batch.out))}</h1>\n"
        f"<table><thead><tr>{head}</tr></thead><tbody>\n"
        + "\n".join(body)
        + f"\n</tbody><tfoot><tr>{foot}</tr></tfoot></table>\n</body></html>\n"
    )


def write_reports(res: BatchResult) -> tuple[Path, Path]:
    j = res.batch.out / REPORT_JSON
    h = res.batch.out / REPORT_HTML
    _write_atomic(j, json.dumps(to_json(res), indent=2) + "\n")
    _write_atomic(h, to_html(res))
    return j, h


def log_to_stderr() -> Callable[[str], None]:
    return lambda m: print(m, file=sys.stderr)

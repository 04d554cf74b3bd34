"""Regenerating a crate from what it records, and comparing it with the committed one.

``record(options)`` is stored by ``translate`` under ``"regen"`` in the crate's
``.c2safe.json``: the c2safe version, the working directory (relative to the crate), the
sources and flags exactly as given (so paths inside the generated text come out the
same), per-file corpus flags, the crate name, ``--strict``, whether it was built, the
SHA-256 of every source and of every extra file (tests) copied in.

``check(crate)`` translates again into a temporary directory with those options and
compares every generated file: ``src/``, ``tests/``, ``Cargo.toml``, the source map, and
the report without its timings and build results. A function that rustc forced into a
stub (C2S007) is reproduced by building again; otherwise the check does not build.

Guarantees: the committed crate is never written; the result lists every differing,
missing and extra file with a unified diff; a crate without a record, or whose sources
are gone, is a usage error (exit 2), never a silent pass.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translator import __version__

if TYPE_CHECKING:
    from translator.driver import Options

MARKER = ".c2safe.json"
REPORT = "c2safe-report.json"
# files that are not a function of the inputs (build products, run results, metadata)
IGNORED = {MARKER, "Cargo.lock", "c2safe-difftest.json"}
IGNORED_DIRS = {"target", ".git"}
# report fields that depend on the machine or on the build, not on the translation
REPORT_VOLATILE = (
    "out",
    "seconds_translate",
    "seconds_cargo",
    "built",
    "cargo_errors",
    "tests",
    "tests_ok",
)


class RegenError(Exception):
    """The crate cannot be regenerated (no record, sources missing): exit status 2."""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record(options: Options) -> dict[str, Any]:
    """What ``check`` needs to regenerate the crate written by ``translate(options)``."""
    out = options.out.resolve()
    cwd = Path.cwd()
    sha: dict[str, str] = {}
    for s in options.sources:
        files = sorted(s.glob("*.c")) if s.is_dir() else [s]
        for f in files:
            with contextlib.suppress(OSError):
                sha[str(f)] = _sha(f)
    flags = {}
    for key, (incs, defs) in options.file_flags.items():
        flags[os.path.relpath(key, cwd)] = {
            "include_dirs": [os.path.relpath(Path(d).resolve(), cwd) for d in incs],
            "defines": list(defs),
        }
    return {
        "version": __version__,
        "cwd": os.path.relpath(cwd, out),
        "sources": [str(s) for s in options.sources],
        "include_dirs": [str(d) for d in options.include_dirs],
        "defines": list(options.defines),
        "file_flags": flags,
        "name": options.name,
        "strict": options.strict,
        "checked": options.checked,
        "stub_functions": list(options.stub_functions),
        "build": options.build,
        "source_sha256": sha,
        "extra_sha256": {
            rel: hashlib.sha256(text.encode()).hexdigest()
            for rel, text in sorted(options.extra_files.items())
        },
    }


def read_record(crate: Path) -> dict[str, Any]:
    try:
        meta = json.loads((crate / MARKER).read_text())
    except OSError:
        raise RegenError(f"{crate} has no {MARKER}: not a crate c2safe wrote") from None
    except ValueError as e:
        raise RegenError(f"{crate / MARKER} is not JSON: {e}") from None
    rec = meta.get("regen") if isinstance(meta, dict) else None
    if not isinstance(rec, dict):
        raise RegenError(
            f"{crate / MARKER} records no regeneration data (written by an older c2safe; "
            "translate again to add it)"
        )
    return rec


def options_from(rec: dict[str, Any], crate: Path, out: Path) -> tuple[Options, Path]:
    """The translate options (writing to ``out``) and the directory to run them in."""
    from translator.driver import Options

    cwd = (crate.resolve() / rec["cwd"]).resolve()
    if not cwd.is_dir():
        raise RegenError(f"the recorded working directory {cwd} does not exist")
    missing = [s for s in rec["sources"] if not (cwd / s).exists()]
    if missing:
        raise RegenError(f"recorded sources are missing (relative to {cwd}): {', '.join(missing)}")
    extra: dict[str, str] = {}
    for rel in rec.get("extra_sha256", {}):
        p = crate / rel
        if not p.is_file():
            raise RegenError(f"{rel} was copied into the crate but is gone")
        extra[rel] = p.read_text()
    file_flags = {
        str((cwd / k).resolve()): (
            [cwd / d for d in v["include_dirs"]],
            list(v["defines"]),
        )
        for k, v in rec.get("file_flags", {}).items()
    }
    opts = Options(
        sources=[Path(s) for s in rec["sources"]],
        out=out,
        name=rec.get("name"),
        include_dirs=[Path(d) for d in rec["include_dirs"]],
        defines=list(rec["defines"]),
        build=False,
        extra_files=extra,
        strict=bool(rec.get("strict", False)),
        checked=bool(rec.get("checked", True)),
        file_flags=file_flags,
        stub_functions=[str(s) for s in rec.get("stub_functions", [])],
    )
    return opts, cwd


def generated_files(crate: Path) -> dict[str, Path]:
    """Crate-relative path -> file, for every file the comparison covers."""
    out: dict[str, Path] = {}
    for p in sorted(crate.rglob("*")):
        rel = p.relative_to(crate)
        if rel.parts[0] in IGNORED_DIRS or not p.is_file() or str(rel) in IGNORED:
            continue
        out[rel.as_posix()] = p
    return out


def normalized_report(path: Path) -> str:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return path.read_text(errors="replace") if path.exists() else ""
    if isinstance(data, dict):
        for k in REPORT_VOLATILE:
            data.pop(k, None)
        # a function filled by the LLM is not reproducible without it; compare the rest
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


@dataclass
class CheckResult:
    crate: Path
    differing: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # in the regenerated crate only
    extra: list[str] = field(default_factory=list)  # in the committed crate only
    diffs: list[str] = field(default_factory=list)
    stale_sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.differing or self.missing or self.extra)


def _read(p: Path) -> str:
    return normalized_report(p) if p.name == REPORT else p.read_text(errors="replace")


def compare_crates(committed: Path, fresh: Path, result: CheckResult) -> None:
    a, b = generated_files(committed), generated_files(fresh)
    for rel in sorted(set(a) | set(b)):
        if rel not in a:
            result.missing.append(rel)
            continue
        if rel not in b:
            result.extra.append(rel)
            continue
        ta, tb = _read(a[rel]), _read(b[rel])
        if ta != tb:
            result.differing.append(rel)
            result.diffs.append(
                "".join(
                    difflib.unified_diff(
                        ta.splitlines(keepends=True),
                        tb.splitlines(keepends=True),
                        f"{rel} (committed)",
                        f"{rel} (regenerated)",
                    )
                )
            )


def check(crate: Path, log: Callable[[str], None] = lambda m: None) -> CheckResult:
    """Regenerate ``crate`` in a temporary directory and compare (see the module doc)."""
    from translator.driver import translate

    crate = crate.resolve()
    rec = read_record(crate)
    result = CheckResult(crate)
    if rec.get("version") != __version__:
        result.notes.append(
            f"the crate was written by c2safe {rec.get('version')}, this is {__version__}"
        )
    with tempfile.TemporaryDirectory(prefix="c2safe-check-") as tmp:
        fresh = Path(tmp) / crate.name
        opts, cwd = options_from(rec, crate, fresh)
        for src, sha in rec.get("source_sha256", {}).items():
            p = cwd / src
            if not p.is_file() or _sha(p) != sha:
                result.stale_sources.append(src)
        forced = '"C2S007"' in (crate / REPORT).read_text() if (crate / REPORT).exists() else False
        opts.build = bool(rec.get("build")) and forced
        if forced:
            result.notes.append(
                "the crate has rustc-forced stubs (C2S007): rebuilding to redo them"
            )
        with contextlib.chdir(cwd):
            translate(opts, log=log)
        compare_crates(crate, fresh, result)
        for rel, sha in rec.get("extra_sha256", {}).items():
            if (crate / rel).is_file() and _sha(crate / rel) != sha:
                result.differing.append(rel)
                result.diffs.append(f"{rel}: edited since it was copied in (SHA-256 differs)\n")
    return result

"""Review what a change to the C does to the Rust: ``c2safe review BASE HEAD``.

Steps: each side (a git ref of ``--repo``, or a directory) is materialized at the *same*
temporary path in turn, so unchanged files preprocess to the same text and hit the
front-end cache, and paths in both reports are comparable; each side is translated (and,
unless ``--no-build``, built and tested) with its own ``[tool.c2safe]`` settings; the two
crates are compared:

- **Rust changes per item** (function, static, struct) of each module, as unified diff
  hunks, each tied to the C lines it came from through the source map
  (``c2safe-sourcemap.json``: Rust line ranges -> C file and line);
- **fact changes** from ``c2safe-report.json``: functions newly stubbed or newly
  translated, aliasing copies (C2S203), assumed offsets (C2S204) and erased NULL checks
  (C2S201) added or removed (matched by function, code and message, so moved lines do not
  count as changes), the ``unsafe`` count, build and test status, and benchmark numbers
  when ``--bench`` is given.

Each fact change that can regress becomes a *finding* with a level from the policy
(``[tool.c2safe.review]`` in ``pyproject.toml``: ``"error"``, ``"warning"`` or
``"ignore"``); any ``error`` finding makes the exit status 1. The policy is read from
the BASE side when it has one (a change cannot relax its own gate), else from HEAD, and
``--config FILE`` overrides both.

Report files (``report.json``, ``c2safe-sourcemap.json``) are read only through
:func:`read_report` and :func:`read_sourcemap`.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import re
import shutil
import subprocess
import tarfile
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translator import __version__
from translator.crate_manifest import REPORT_FILE as REPORT
from translator.crate_manifest import load_source_map

# what a fact change is called in the policy, the report and SARIF
POLICY_KEYS: dict[str, str] = {
    "new_stub": "a function that translated before is now a stub (or a new function is)",
    "new_copy": "an aliasing copy was inserted (C2S203)",
    "new_assumed_offset": "an offset order was assumed (C2S204)",
    "new_null_check_erased": "a NULL check was erased (C2S201)",
    "unsafe": "the crate contains `unsafe`",
    "build_failed": "the crate does not build",
    "tests_failed": "the crate's tests fail",
    "file_failed": "a C file no longer preprocesses or parses",
    "bench_regression": "a benchmark number got worse beyond the tolerance",
}
DEFAULT_POLICY: dict[str, str] = {
    "new_stub": "error",
    "new_copy": "error",
    "new_assumed_offset": "error",
    "new_null_check_erased": "warning",
    "unsafe": "error",
    "build_failed": "error",
    "tests_failed": "error",
    "file_failed": "error",
    "bench_regression": "warning",
}
LEVELS = ("error", "warning", "ignore")
FACT_CODES = {
    "C2S203": "new_copy",
    "C2S204": "new_assumed_offset",
    "C2S201": "new_null_check_erased",
}


class ReviewError(Exception):
    """A usage problem (unknown ref, bad config): exit status 2."""


# ------------------------------------------------------------------ reading crate outputs


def read_report(crate: Path) -> dict[str, Any]:
    """The crate's ``c2safe-report.json`` (``{}`` when missing)."""
    try:
        data = json.loads((crate / REPORT).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_sourcemap(crate: Path) -> dict[str, list[tuple[int, int, str, int]]]:
    """``rust file -> [(first_line, last_line, c_file, c_line)]`` from the crate."""
    return load_source_map(crate).lines


# ------------------------------------------------------------------ policy and settings


@dataclass
class Settings:
    """What to translate on one side, from ``[tool.c2safe]`` and the command line."""

    sources: list[str] = field(default_factory=lambda: ["."])
    include_dirs: list[str] = field(default_factory=list)
    defines: list[str] = field(default_factory=list)
    name: str | None = None
    strict: bool = False
    test_files: list[str] = field(default_factory=list)


def read_tool_table(pyproject: Path) -> dict[str, Any]:
    """``[tool.c2safe]`` of a ``pyproject.toml`` (``{}`` when absent)."""
    try:
        data = tomllib.loads(pyproject.read_text())
    except OSError:
        return {}
    except tomllib.TOMLDecodeError as e:
        raise ReviewError(f"{pyproject}: {e}") from None
    table = data.get("tool", {}).get("c2safe", {})
    return table if isinstance(table, dict) else {}


def settings_from(table: dict[str, Any]) -> Settings:
    s = Settings()
    for key in ("sources", "include_dirs", "defines", "test_files"):
        v = table.get(key)
        if v is not None:
            if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                raise ReviewError(f"[tool.c2safe] {key} must be a list of strings")
            setattr(s, key, list(v))
    if isinstance(table.get("name"), str):
        s.name = table["name"]
    s.strict = bool(table.get("strict", False))
    return s


def policy_from(table: dict[str, Any]) -> tuple[dict[str, str], float]:
    """The review policy and the benchmark tolerance (fraction) from ``[tool.c2safe]``."""
    review = table.get("review", {})
    if not isinstance(review, dict):
        raise ReviewError("[tool.c2safe.review] must be a table")
    policy = dict(DEFAULT_POLICY)
    tolerance = 0.05
    for k, v in review.items():
        if k == "bench_tolerance":
            tolerance = float(v)
            continue
        if k not in POLICY_KEYS:
            raise ReviewError(f"[tool.c2safe.review] unknown key `{k}` ({', '.join(POLICY_KEYS)})")
        if v not in LEVELS:
            raise ReviewError(f"[tool.c2safe.review] {k} must be one of {', '.join(LEVELS)}")
        policy[k] = str(v)
    return policy, tolerance


# ------------------------------------------------------------------ materializing a side


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True)


def describe_side(spec: str, repo: Path) -> str:
    """``spec`` as shown in reports: a directory, or ``ref (short sha)``."""
    if Path(spec).is_dir():
        return spec
    proc = _git(repo, "rev-parse", "--short", f"{spec}^{{commit}}")
    return f"{spec} ({proc.stdout.decode().strip()})" if proc.returncode == 0 else spec


def materialize(spec: str, repo: Path, dest: Path) -> None:
    """Put the tree of ``spec`` (a directory, or a git ref of ``repo``) at ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    src = Path(spec)
    if src.is_dir():
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".git", "target"))
        return
    if shutil.which("git") is None:
        raise ReviewError("git is not on PATH (needed to read refs)")
    proc = _git(repo, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if proc.returncode != 0:
        raise ReviewError(f"`{spec}` is neither a directory nor a commit of the repository {repo}")
    sha = proc.stdout.decode().strip()
    arch = _git(repo, "archive", "--format=tar", sha)
    if arch.returncode != 0:
        raise ReviewError(f"git archive {spec} failed: {arch.stderr.decode().strip()}")
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(arch.stdout)) as tar:
        tar.extractall(dest, filter="data")


# ------------------------------------------------------------------ comparing two crates


@dataclass
class Item:
    """One top-level Rust item of a module: its key, first line (1-based) and text."""

    key: str
    first: int
    lines: list[str]


_ITEM = re.compile(
    r"^(?:pub(?:\([^)]*\))? )?(?:(?:const|unsafe|extern \"C\") )*"
    r"(fn|static|const|struct|enum|type|impl|trait|union|mod|use)\b"
    r"\s*(?:mut\s+)?(?:r#)?([\w:<> ,']*)"
)


def split_items(text: str) -> list[Item]:
    """Top-level items of a rustfmt-formatted module. Doc comments and attributes go with
    the item below them; the key is ``kind name`` (``fn Hacl_Foo``)."""
    items: list[Item] = []
    pending: list[str] = []
    pending_first = 0
    lines = text.splitlines()
    for i, line in enumerate(lines, start=1):
        m = _ITEM.match(line)
        if m:
            name = m.group(2).strip().split("(")[0].split("<")[0].split(":")[0].strip()
            key = f"{m.group(1)} {name}".strip()
            first = pending_first or i
            items.append(Item(key, first, [*pending, line]))
            pending, pending_first = [], 0
        elif line.startswith(("#[", "///", "//!")) or (pending and line.startswith("//")):
            if not pending:
                pending_first = i
            pending.append(line)
        elif items and not (line.startswith("//!") and not items):
            items[-1].lines.append(line)
    for it in items:
        while it.lines and not it.lines[-1].strip():
            it.lines.pop()
    # keys are unique per module: number repeats (two `impl` blocks, ...)
    seen: Counter[str] = Counter()
    for it in items:
        seen[it.key] += 1
        if seen[it.key] > 1:
            it.key = f"{it.key} #{seen[it.key]}"
    return items


@dataclass
class Hunk:
    header: str
    lines: list[str]  # unified-diff body lines (" ", "-", "+")
    c_lines: list[str]  # "file:first-last" tied through the source map


@dataclass
class ItemChange:
    module: str
    key: str
    kind: str  # "added" | "removed" | "changed"
    hunks: list[Hunk]

    @property
    def c_lines(self) -> list[str]:
        out: list[str] = []
        for h in self.hunks:
            out.extend(x for x in h.c_lines if x not in out)
        return out


def _c_ranges(
    smap: list[tuple[int, int, str, int]], rust_lines: Iterable[int], root: str
) -> list[str]:
    """C positions (``file:L`` or ``file:L1-L2``) of the given Rust lines."""
    by_file: dict[str, set[int]] = {}
    wanted = sorted(set(rust_lines))
    for first, last, c_file, c_line in smap:
        for ln in wanted:
            if first <= ln <= last:
                by_file.setdefault(relative(c_file, root), set()).add(c_line)
                break
    out: list[str] = []
    for f, lns in sorted(by_file.items()):
        lo, hi = min(lns), max(lns)
        out.append(f"{f}:{lo}" if lo == hi else f"{f}:{lo}-{hi}")
    return out


def relative(path: str, root: str) -> str:
    """``path`` relative to the materialized tree (as the reviewer sees it)."""
    if root and path.startswith(root.rstrip("/") + "/"):
        return path[len(root.rstrip("/")) + 1 :]
    return path


def diff_modules(base: Path, head: Path, root: str, context: int = 2) -> list[ItemChange]:
    """Item-by-item Rust changes between two crates, hunks tied to C lines."""
    smap_b, smap_h = read_sourcemap(base), read_sourcemap(head)
    mods = sorted(
        {p.name for p in (base / "src").glob("*.rs")}
        | {p.name for p in (head / "src").glob("*.rs")}
    )
    changes: list[ItemChange] = []
    for mod in mods:
        if mod == "krml.rs":
            continue
        rust_file = f"src/{mod}"
        tb = (base / rust_file).read_text() if (base / rust_file).exists() else ""
        th = (head / rust_file).read_text() if (head / rust_file).exists() else ""
        if tb == th:
            continue
        ib = {it.key: it for it in split_items(tb)}
        ih = {it.key: it for it in split_items(th)}
        order = [k for k in ih] + [k for k in ib if k not in ih]
        for key in order:
            b, h = ib.get(key), ih.get(key)
            if b is not None and h is not None and b.lines == h.lines:
                continue
            kind = "added" if b is None else "removed" if h is None else "changed"
            bl = b.lines if b else []
            hl = h.lines if h else []
            b0 = b.first if b else 1
            h0 = h.first if h else 1
            hunks: list[Hunk] = []
            sm = difflib.SequenceMatcher(a=bl, b=hl, autojunk=False)
            for group in sm.get_grouped_opcodes(context):
                body: list[str] = []
                rust_h: list[int] = []
                rust_b: list[int] = []
                for tag, i1, i2, j1, j2 in group:
                    if tag == "equal":
                        body.extend(" " + x for x in bl[i1:i2])
                        continue
                    body.extend("-" + x for x in bl[i1:i2])
                    body.extend("+" + x for x in hl[j1:j2])
                    rust_b.extend(range(b0 + i1, b0 + i2))
                    rust_h.extend(range(h0 + j1, h0 + j2))
                first, last = group[0], group[-1]
                header = (
                    f"@@ -{b0 + first[1]},{last[2] - first[1]} "
                    f"+{h0 + first[3]},{last[4] - first[3]} @@"
                )
                c_lines = _c_ranges(smap_h.get(rust_file, []), rust_h, root)
                if not c_lines:  # only removals: tie them through the base map
                    c_lines = _c_ranges(smap_b.get(rust_file, []), rust_b, root)
                hunks.append(Hunk(header, body, c_lines))
            changes.append(ItemChange(mod[:-3], key, kind, hunks))
    return changes


@dataclass
class FactRecord:
    """A C function's state on one side."""

    file: str
    name: str
    line: int
    status: str
    diagnostics: list[dict[str, Any]]


def function_records(report: dict[str, Any], root: str) -> dict[tuple[str, str], FactRecord]:
    out: dict[tuple[str, str], FactRecord] = {}
    for f in report.get("files", []):
        path = relative(str(f.get("path", "")), root)
        for r in f.get("functions", []):
            rec = FactRecord(
                path, str(r["name"]), int(r.get("line", 0)), str(r["status"]), r["diagnostics"]
            )
            out[(path, rec.name)] = rec
    return out


@dataclass
class Finding:
    """A fact change the policy judges: ``rule`` is a POLICY_KEYS key."""

    rule: str
    level: str  # "error" | "warning" | "ignore"
    message: str
    file: str | None = None
    line: int = 0
    col: int = 0
    function: str | None = None
    code: str | None = None  # the c2safe diagnostic code, when there is one


@dataclass
class SideSummary:
    label: str
    functions: int
    translated: int
    stubbed: int
    copies: int
    assumed: int
    null_erased: int
    unsafe: int
    built: bool | None
    tests_ok: bool | None
    files_failed: list[str]
    bench: dict[str, float] = field(default_factory=dict)


def summarize(report: dict[str, Any], label: str, root: str) -> SideSummary:
    recs = function_records(report, root).values()
    codes = Counter(d["code"] for r in recs for d in r.diagnostics)
    failed = [
        relative(str(f.get("path", "")), root)
        for f in report.get("files", [])
        if not f.get("module")
        and any(d.get("severity") == "error" for d in f.get("diagnostics", []))
    ]
    return SideSummary(
        label,
        len(recs),
        sum(r.status != "stub" for r in recs),
        sum(r.status == "stub" for r in recs),
        codes["C2S203"],
        codes["C2S204"],
        codes["C2S201"],
        int(report.get("unsafe", 0) or 0),
        report.get("built"),
        report.get("tests_ok"),
        failed,
    )


def _diag_key(rec: FactRecord, d: dict[str, Any]) -> tuple[str, str, str, str]:
    return (rec.file, rec.name, str(d["code"]), str(d["message"]))


def fact_findings(
    base: dict[str, Any],
    head: dict[str, Any],
    root: str,
    policy: dict[str, str],
) -> tuple[list[Finding], list[Finding]]:
    """(findings that regress, improvements) between two reports."""
    rb, rh = function_records(base, root), function_records(head, root)
    bad: list[Finding] = []
    good: list[Finding] = []
    for key, h in rh.items():
        b = rb.get(key)
        if h.status == "stub" and (b is None or b.status != "stub"):
            why = next((d for d in h.diagnostics if d.get("severity") == "error"), None)
            code = str(why["code"]) if why else None
            span: dict[str, Any] = (
                why["span"] if why else {"file": h.file, "line": h.line, "col": 0}
            )
            msg = f"`{h.name}` is now a stub" + (f": {code} {why['message']}" if why else "")
            bad.append(
                Finding(
                    "new_stub",
                    policy["new_stub"],
                    msg,
                    relative(str(span["file"]), root),
                    int(span["line"]),
                    int(span.get("col", 0)),
                    h.name,
                    code,
                )
            )
        elif h.status != "stub" and b is not None and b.status == "stub":
            good.append(
                Finding("new_stub", "ignore", f"`{h.name}` is translated now", h.file, h.line)
            )

    # coded facts: multiset difference by (file, function, code, message)
    def counted(recs: dict[tuple[str, str], FactRecord]) -> Counter[tuple[str, str, str, str]]:
        c: Counter[tuple[str, str, str, str]] = Counter()
        for r in recs.values():
            for d in r.diagnostics:
                if d["code"] in FACT_CODES:
                    c[_diag_key(r, d)] += 1
        return c

    cb, ch = counted(rb), counted(rh)
    for side, other, recs, into, added in ((ch, cb, rh, bad, True), (cb, ch, rb, good, False)):
        extra = side - other
        for r in recs.values():
            for d in r.diagnostics:
                k = _diag_key(r, d)
                if extra.get(k, 0) <= 0:
                    continue
                extra[k] -= 1
                rule = FACT_CODES[str(d["code"])]
                span = d.get("span", {})
                verb = "" if added else "no longer: "
                into.append(
                    Finding(
                        rule,
                        policy[rule] if added else "ignore",
                        f"{verb}{d['message']} (in `{r.name}`)",
                        relative(str(span.get("file", r.file)), root),
                        int(span.get("line", r.line)),
                        int(span.get("col", 0)),
                        r.name,
                        str(d["code"]),
                    )
                )
    sb, sh = summarize(base, "base", root), summarize(head, "head", root)
    if sh.unsafe > 0:
        bad.append(Finding("unsafe", policy["unsafe"], f"the crate has {sh.unsafe} `unsafe`"))
    if sh.built is False:
        regressed = "no longer builds" if sb.built else "does not build"
        bad.append(Finding("build_failed", policy["build_failed"], f"the crate {regressed}"))
    if sh.tests_ok is False:
        bad.append(Finding("tests_failed", policy["tests_failed"], "the crate's tests fail"))
    for f in sh.files_failed:
        if f not in sb.files_failed:
            bad.append(
                Finding("file_failed", policy["file_failed"], f"{f} no longer translates", f, 0)
            )
    return bad, good


# ------------------------------------------------------------------ benchmarks


def flatten_numbers(data: Any, prefix: str = "") -> dict[str, float]:
    """Every numeric leaf of a JSON document, keyed by its dotted path."""
    out: dict[str, float] = {}
    if isinstance(data, bool):
        return out
    if isinstance(data, int | float):
        out[prefix or "value"] = float(data)
    elif isinstance(data, dict):
        for k, v in data.items():
            out.update(flatten_numbers(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.update(flatten_numbers(v, f"{prefix}[{i}]"))
    return out


_HIGHER = re.compile(r"(per_s|_mb_s|throughput|ratio|speedup|ops)$", re.I)
_LOWER = re.compile(r"(^|[._])(s|ms|ns|us|seconds|time|cpu_s|wall_s)$", re.I)


def bench_direction(key: str) -> int:
    """+1 when higher is better, -1 when lower is better, 0 when unknown."""
    leaf = key.rsplit(".", 1)[-1]
    if _HIGHER.search(leaf):
        return 1
    if _LOWER.search(leaf):
        return -1
    return 0


def bench_findings(
    base: dict[str, float], head: dict[str, float], policy: dict[str, str], tolerance: float
) -> list[Finding]:
    out: list[Finding] = []
    for k in sorted(set(base) & set(head)):
        d = bench_direction(k)
        b, h = base[k], head[k]
        if d == 0 or b == 0:
            continue
        change = (h - b) / abs(b)
        if d * change < -tolerance:
            out.append(
                Finding(
                    "bench_regression",
                    policy["bench_regression"],
                    f"benchmark `{k}`: {b:g} -> {h:g} ({change:+.1%}, tolerance {tolerance:.0%})",
                )
            )
    return out


def run_bench(command: str, crate: Path, out_json: Path) -> tuple[dict[str, float], str | None]:
    """Run a ``--bench`` command (``{crate}``/``{json}`` filled in); its numbers or an error."""
    cmd = command.replace("{crate}", str(crate)).replace("{json}", str(out_json))
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    if proc.returncode != 0:
        return {}, f"bench command failed ({proc.returncode}): {proc.stderr.strip()[-500:]}"
    try:
        text = out_json.read_text() if out_json.exists() else proc.stdout
        return flatten_numbers(json.loads(text)), None
    except ValueError as e:
        return {}, f"bench output is not JSON: {e}"


# ------------------------------------------------------------------ the review


@dataclass
class Review:
    base_label: str
    head_label: str
    base: SideSummary
    head: SideSummary
    changes: list[ItemChange]
    findings: list[Finding]
    improvements: list[Finding]
    policy: dict[str, str]
    notes: list[str] = field(default_factory=list)

    def failed(self) -> bool:
        return any(f.level == "error" for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        def side(s: SideSummary) -> dict[str, Any]:
            return {
                "label": s.label,
                "functions": s.functions,
                "translated": s.translated,
                "stubbed": s.stubbed,
                "aliasing_copies": s.copies,
                "assumed_offsets": s.assumed,
                "null_checks_erased": s.null_erased,
                "unsafe": s.unsafe,
                "built": s.built,
                "tests_ok": s.tests_ok,
                "files_failed": s.files_failed,
                "bench": s.bench,
            }

        def finding(f: Finding) -> dict[str, Any]:
            return {
                "rule": f.rule,
                "level": f.level,
                "message": f.message,
                "file": f.file,
                "line": f.line,
                "function": f.function,
                "code": f.code,
            }

        return {
            "tool": "c2safe",
            "version": __version__,
            "base": self.base_label,
            "head": self.head_label,
            "regression": self.failed(),
            "policy": self.policy,
            "summary": {"base": side(self.base), "head": side(self.head)},
            "findings": [finding(f) for f in self.findings],
            "improvements": [finding(f) for f in self.improvements],
            "rust_changes": [
                {
                    "module": c.module,
                    "item": c.key,
                    "kind": c.kind,
                    "c_lines": c.c_lines,
                    "hunks": [
                        {"header": h.header, "lines": h.lines, "c_lines": h.c_lines}
                        for h in c.hunks
                    ],
                }
                for c in self.changes
            ],
            "notes": self.notes,
        }


def compare(
    base_crate: Path,
    head_crate: Path,
    root: str,
    policy: dict[str, str],
    base_label: str = "base",
    head_label: str = "head",
) -> Review:
    """Compare two translated crates (the reports inside them) under ``policy``."""
    rb, rh = read_report(base_crate), read_report(head_crate)
    bad, good = fact_findings(rb, rh, root, policy)
    return Review(
        base_label,
        head_label,
        summarize(rb, base_label, root),
        summarize(rh, head_label, root),
        diff_modules(base_crate, head_crate, root),
        bad,
        good,
        policy,
    )


# ------------------------------------------------------------------ renderers


def _yn(v: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "not run"}[v]


def to_markdown(rv: Review, max_diff_lines: int = 60, max_items: int = 40) -> str:
    b, h = rv.base, rv.head
    icon = {"error": ":x:", "warning": ":warning:", "ignore": ":information_source:"}
    verdict = "regression" if rv.failed() else "no regression"
    out = [f"## c2safe review: `{rv.base_label}` -> `{rv.head_label}` ({verdict})", ""]
    out += ["| | base | head | change |", "|---|---:|---:|---:|"]

    def row(name: str, x: int, y: int) -> None:
        out.append(
            f"| {name} | {x} | {y} | {y - x:+d} |" if x != y else f"| {name} | {x} | {y} | |"
        )

    row("functions", b.functions, h.functions)
    row("translated", b.translated, h.translated)
    row("stubbed", b.stubbed, h.stubbed)
    row("aliasing copies (C2S203)", b.copies, h.copies)
    row("assumed offsets (C2S204)", b.assumed, h.assumed)
    row("NULL checks erased (C2S201)", b.null_erased, h.null_erased)
    row("`unsafe`", b.unsafe, h.unsafe)
    out.append(f"| builds | {_yn(b.built)} | {_yn(h.built)} | |")
    out.append(f"| tests pass | {_yn(b.tests_ok)} | {_yn(h.tests_ok)} | |")
    for k in sorted(set(b.bench) | set(h.bench)):
        x, y = b.bench.get(k), h.bench.get(k)
        delta = f"{(y - x) / abs(x):+.1%}" if x and y is not None else ""
        xs = "-" if x is None else f"{x:g}"
        ys = "-" if y is None else f"{y:g}"
        out.append(f"| bench `{k}` | {xs} | {ys} | {delta} |")
    out.append("")
    if rv.findings:
        out += ["### Findings", ""]
        for f in rv.findings:
            where = f" at `{f.file}:{f.line}`" if f.file and f.line else ""
            out.append(f"- {icon[f.level]} **{f.level}** ({f.rule}){where}: {f.message}")
        out.append("")
    if rv.improvements:
        out += ["### Improvements", ""]
        for f in rv.improvements:
            where = f" at `{f.file}:{f.line}`" if f.file and f.line else ""
            out.append(f"- {f.message}{where}")
        out.append("")
    out += ["### Rust changes by item", ""]
    if not rv.changes:
        out.append("The generated Rust is identical.")
    for c in rv.changes[:max_items]:
        tied = ", ".join(f"`{x}`" for x in c.c_lines) or "no C lines"
        out.append(
            f"<details><summary><code>{c.module}::{c.key}</code> ({c.kind}; C: {tied})</summary>"
        )
        out += ["", "```diff"]
        n = 0
        for hk in c.hunks:
            out.append(f"{hk.header}  C: {', '.join(hk.c_lines) or '-'}")
            for ln in hk.lines:
                if n >= max_diff_lines:
                    break
                out.append(ln)
                n += 1
        if n >= max_diff_lines:
            out.append("... (diff cut; see the JSON report)")
        out += ["```", "", "</details>", ""]
    if len(rv.changes) > max_items:
        out.append(
            f"... and {len(rv.changes) - max_items} more changed items (see the JSON report)"
        )
    for note in rv.notes:
        out.append(f"> {note}")
    out.append("")
    out.append(f"<sub>c2safe {__version__}; policy: `[tool.c2safe.review]`</sub>")
    return "\n".join(out) + "\n"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "ignore": "note"}


def to_sarif(rv: Review) -> dict[str, Any]:
    """SARIF 2.1.0: one result per finding, located at its C line when it has one."""
    rule_ids = list(POLICY_KEYS)
    rules = [
        {
            "id": r,
            "name": "".join(p.capitalize() for p in r.split("_")),
            "shortDescription": {"text": POLICY_KEYS[r]},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rv.policy.get(r, "warning")]},
        }
        for r in rule_ids
    ]
    results: list[dict[str, Any]] = []
    for f in rv.findings:
        res: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": rule_ids.index(f.rule),
            "level": _SARIF_LEVEL[f.level],
            "message": {"text": f.message},
        }
        if f.file:
            loc: dict[str, Any] = {
                "physicalLocation": {
                    "artifactLocation": {"uri": f.file.replace("\\", "/"), "uriBaseId": "SRCROOT"}
                }
            }
            if f.line > 0:
                region: dict[str, Any] = {"startLine": f.line}
                if f.col > 0:
                    region["startColumn"] = f.col
                loc["physicalLocation"]["region"] = region
            if f.function:
                loc["logicalLocations"] = [{"name": f.function, "kind": "function"}]
            res["locations"] = [loc]
        props: dict[str, Any] = {}
        if f.code:
            props["c2safeCode"] = f.code
        if props:
            res["properties"] = props
        results.append(res)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "c2safe",
                        "version": __version__,
                        "informationUri": "https://example.invalid/c2safe",
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": f"c2safe-review/{rv.head_label}"},
                "results": results,
                "properties": {"base": rv.base_label, "head": rv.head_label},
            }
        ],
    }


# ------------------------------------------------------------------ running both sides


@dataclass
class ReviewOptions:
    base: str
    head: str
    repo: Path
    work: Path  # scratch directory (both sides materialize at work/tree)
    build: bool = True
    overrides: Settings | None = None  # command-line sources/flags: replace [tool.c2safe]
    config: Path | None = None
    bench: str | None = None
    jobs: int = 0


def _settings_for(tree: Path, opts: ReviewOptions) -> Settings:
    s = settings_from(read_tool_table(tree / "pyproject.toml"))
    o = opts.overrides
    if o is not None:
        if o.sources:
            s.sources = list(o.sources)
        s.include_dirs += o.include_dirs
        s.defines += o.defines
        s.test_files += o.test_files
        s.strict = s.strict or o.strict
        s.name = o.name or s.name
    return s


def translate_side(tree: Path, s: Settings, out: Path, build: bool, jobs: int) -> None:
    """Translate one materialized side into ``out`` with its settings."""
    from translator.driver import Options, translate

    def under(p: str) -> Path:
        return Path(p)  # relative to the tree: reports and stubs name tree-relative paths

    extra: dict[str, str] = {}
    for tf in s.test_files:
        try:
            extra[f"tests/{Path(tf).name}"] = (tree / tf).read_text()
        except OSError as e:
            raise ReviewError(f"cannot read test file {tf}: {e.strerror}") from None
    opts = Options(
        sources=[under(p) for p in s.sources],
        out=out.resolve(),
        name=s.name or "reviewed",
        include_dirs=[under(p) for p in s.include_dirs],
        defines=list(s.defines),
        build=build,
        extra_files=extra,
        run_tests=bool(extra) and build,
        strict=s.strict,
        jobs=jobs,
    )
    with contextlib.chdir(tree):
        translate(opts, log=lambda m: None)


def run_review(opts: ReviewOptions, log: Callable[[str], None] = print) -> Review:
    """Materialize, translate and compare both sides; never touches ``opts.repo``."""
    tree = opts.work / "tree"
    crates = {"base": opts.work / "base", "head": opts.work / "head"}
    labels = {
        "base": describe_side(opts.base, opts.repo),
        "head": describe_side(opts.head, opts.repo),
    }
    tables: dict[str, dict[str, Any]] = {}
    bench: dict[str, dict[str, float]] = {}
    notes: list[str] = []
    for side, spec in (("base", opts.base), ("head", opts.head)):
        log(f"c2safe review: translating {side} {labels[side]}")
        materialize(spec, opts.repo, tree)
        tables[side] = read_tool_table(tree / "pyproject.toml")
        settings = _settings_for(tree, opts)
        work_crate = opts.work / "crate"  # one path for both sides: cargo reuses its target
        translate_side(tree, settings, work_crate, opts.build, opts.jobs)
        if crates[side].exists():
            shutil.rmtree(crates[side])
        shutil.copytree(work_crate, crates[side], ignore=shutil.ignore_patterns("target"))
        if opts.bench:
            if read_report(work_crate).get("built") is not True:
                notes.append(f"bench not run on {side}: the crate did not build")
            else:
                nums, err = run_bench(opts.bench, work_crate, opts.work / f"bench-{side}.json")
                bench[side] = nums
                if err:
                    notes.append(f"bench on {side}: {err}")
    if opts.config is not None:
        table = read_tool_table(opts.config)
    else:
        table = tables["base"] if tables["base"] else tables["head"]
    policy, tolerance = policy_from(table)
    rv = compare(crates["base"], crates["head"], str(tree), policy, labels["base"], labels["head"])
    rv.notes.extend(notes)
    if bench:
        rv.base.bench = bench.get("base", {})
        rv.head.bench = bench.get("head", {})
        rv.findings += bench_findings(rv.base.bench, rv.head.bench, policy, tolerance)
    return rv

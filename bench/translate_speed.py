"""CPU time of ``c2safe translate --no-build`` against ``gcc -fsyntax-only`` on the same files.

Usage (from the repository root, after ``c2safe corpus fetch hacl-debian``)::

    .venv/bin/python bench/translate_speed.py [--set hacl-debian:nss-portable]
        [--exclude Hacl_Ed25519.c] [--jobs N] [--json build/translate_speed.json]

The default input is NSS's eight portable HACL* files: the ``nss-portable`` set without
``Hacl_Ed25519.c`` (which needs a project shim for SHA-512), with the set's own ``-I``/``-D``.
The C tree is copied into a temporary directory so one file can be edited, and the
translator runs with a fresh cache directory (``C2SAFE_CACHE_DIR``). Every number is CPU
time (user + system) of the child process *and its children* (gcc -E, worker processes,
rustfmt), read from ``getrusage(RUSAGE_CHILDREN)``; wall time is shown for information only.

Rows, all measured in this run:

* ``gcc -fsyntax-only``: gcc once per file, the baseline (ratio 1.0);
* ``cold``: an empty cache;
* ``cold --jobs 1``: an empty cache, no worker processes;
* ``warm``: nothing changed;
* ``warm, 1 file changed``: one function of the first file edited (a constant changed).

Goals from issue 12: cold <= 10x the baseline, warm with one file changed <= 1x.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))


@dataclass
class Sample:
    label: str
    cpu: float
    wall: float


def _run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-2000:])
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd[:3])} ...")
    return cpu, wall, proc.returncode


def _best(label: str, runs: int, fn: object) -> Sample:
    samples = [fn() for _ in range(runs)]  # type: ignore[operator]
    cpu = min(s[0] for s in samples)
    wall = min(s[1] for s in samples)
    return Sample(label, cpu, wall)


def _edit_one_function(path: Path) -> None:
    """Change one integer constant inside the first function body of ``path``."""
    text = path.read_text()
    body = text.index("{", text.index(")"))
    m = re.compile(r"\b(\d+)U\b").search(text, body)
    if m is None:
        m = re.compile(r"\b(\d+)\b").search(text, body)
    assert m is not None, f"no constant to edit in {path}"
    new = str(int(m.group(1)) + 1)
    path.write_text(text[: m.start(1)] + new + text[m.end(1) :])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="hacl-debian:nss-portable", help="corpus set")
    ap.add_argument(
        "--exclude", action="append", default=None, help="file names to leave out of the set"
    )
    ap.add_argument("--runs", type=int, default=1, help="repetitions per row (best is kept)")
    ap.add_argument("--jobs", type=int, default=0, help="translate --jobs for the cold row")
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON")
    args = ap.parse_args(argv)
    exclude = set(args.exclude if args.exclude is not None else ["Hacl_Ed25519.c"])

    from corpora.registry import load_corpus

    corpus_name, _, set_name = args.set.partition(":")
    tset = load_corpus(corpus_name).sets[set_name]
    files = [f for f in tset.files if f.name not in exclude]
    root = Path(os.path.commonpath([*(str(f.parent) for f in files), *map(str, tset.include_dirs)]))
    c2safe = str(Path(sys.executable).parent / "c2safe")
    with tempfile.TemporaryDirectory(prefix="c2safe-speed-") as tmp_s:
        tmp = Path(tmp_s)
        tree = tmp / "tree"
        shutil.copytree(root, tree)

        def moved(p: Path) -> Path:
            return tree / p.resolve().relative_to(root.resolve())

        srcs = [moved(f) for f in files]
        flags: list[str] = []
        for d in tset.include_dirs:
            flags += ["-I", str(moved(d))]
        for d in tset.defines:
            flags += ["-D", d]
        env = dict(os.environ, C2SAFE_CACHE_DIR=str(tmp / "cache"))
        out = tmp / "out"

        def gcc() -> tuple[float, float]:
            cpu = wall = 0.0
            for s in srcs:
                c, w, rc = _run(["gcc", "-fsyntax-only", "-std=c11", *flags, str(s)])
                cpu, wall = cpu + c, wall + w
            return cpu, wall

        def translate(*extra: str) -> tuple[float, float]:
            cmd = [c2safe, "translate", *map(str, srcs), *flags, "-o", str(out)]
            c, w, _ = _run([*cmd, "--no-build", "--quiet", *extra], env)
            return c, w

        def cold(*extra: str) -> tuple[float, float]:
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            return translate(*extra)

        rows = [_best("gcc -fsyntax-only", args.runs, gcc)]
        rows.append(_best("cold --jobs 1", args.runs, lambda: cold("--jobs", "1")))
        rows.append(_best("cold", args.runs, lambda: cold("--jobs", str(args.jobs))))
        rows.append(_best("warm, nothing changed", args.runs, translate))

        def changed() -> tuple[float, float]:
            _edit_one_function(srcs[0])
            return translate()

        rows.append(_best("warm, 1 file changed", args.runs, changed))
    base = rows[0].cpu
    goals = {"cold": 10.0, "warm, 1 file changed": 1.0}
    print(f"{len(srcs)} files from {args.set}: {', '.join(s.name for s in srcs)}")
    print(f"{'run':<24} {'CPU s':>8} {'x gcc':>7} {'wall s':>8}  goal")
    for r in rows:
        goal = goals.get(r.label)
        met = goal is not None and r.cpu / base <= goal
        mark = "" if goal is None else f"<= {goal:g}x " + ("met" if met else "MISSED")
        print(f"{r.label:<24} {r.cpu:8.2f} {r.cpu / base:7.1f} {r.wall:8.2f}  {mark}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "set": args.set,
            "files": [s.name for s in srcs],
            "rows": [
                {"run": r.label, "cpu_s": round(r.cpu, 3), "ratio": round(r.cpu / base, 2)}
                | {"wall_s": round(r.wall, 3)}
                for r in rows
            ],
            "cpus": os.cpu_count(),
        }
        args.json.write_text(json.dumps(data, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Csmith experiment: generate programs with fixed seeds, translate, build, run, compare.

For each seed: ``csmith --seed S --no-argc`` writes a program; gcc builds and runs it (the
reference checksum; a program gcc cannot finish in ``--timeout`` seconds is skipped);
``c2safe translate`` runs in a subprocess (a Python traceback there is a *crash*); the
report gives stubs by code, internal errors (C2S111) and the tree-sitter vs report
function counts. Crates are built (cargo) only when ``main`` translated, unless
``--build-all``; a built binary runs and its stdout and exit status are compared with
gcc's. Writes ``WORK/csmith-summary.json`` and prints a table.

    .venv/bin/c2safe corpus fetch csmith
    .venv/bin/python bench/csmith_run.py --count 200 [--start-seed 1] [--work-dir build/csmith]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CSMITH = REPO / "corpora" / "_data" / "csmith"


def run_seed(seed: int, work: Path, timeout: float, keep: bool, build: bool) -> dict[str, Any]:
    d = work / f"s{seed}"
    src = d / "src"
    if d.exists():
        shutil.rmtree(d)
    src.mkdir(parents=True)
    inc = CSMITH / "usr" / "include" / "csmith"
    prog = src / f"csmith_{seed}.c"
    subprocess.run(
        [str(CSMITH / "usr" / "bin" / "csmith"), "--seed", str(seed), "--no-argc", "-o", str(prog)],
        check=True,
        capture_output=True,
    )
    rec: dict[str, Any] = {"seed": seed, "lines": len(prog.read_text().splitlines())}
    ref = d / "ref"
    subprocess.run(["gcc", "-w", "-O1", "-I", str(inc), str(prog), "-o", str(ref)], check=True)
    try:
        c_run = subprocess.run([str(ref)], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        rec["status"] = "c-timeout"
        return rec
    rec["c_stdout"] = c_run.stdout.decode(errors="replace").strip()[-80:]
    out = d / "out"
    t0 = time.monotonic()

    def translate(build: bool) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "translator", "translate", str(src), "-o", str(out),
             "-I", str(inc), "--quiet", "--name", f"csmith_{seed}"]
            + ([] if build else ["--no-build"]),
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )  # fmt: skip

    tr = translate(build)
    rec["translate_seconds"] = round(time.monotonic() - t0, 2)
    if not build and (out / "c2safe-report.json").exists():
        # build (and run) only programs whose main translated: the others cannot print
        rep = json.loads((out / "c2safe-report.json").read_text())
        main_ok = any(
            r["name"] == "main" and r["status"] == "translated"
            for f in rep["files"]
            for r in f["functions"]
        )
        if main_ok:
            tr = translate(True)
    rec["crash"] = (
        "Traceback (most recent call last)" in tr.stderr
        or "C2S111]: internal error:" in tr.stderr
        and not (out / "c2safe-report.json").exists()
    )
    if rec["crash"]:
        rec["status"] = "crash"
        rec["traceback"] = tr.stderr[-1500:]
        return rec
    try:
        report = json.loads((out / "c2safe-report.json").read_text())
    except (OSError, ValueError):
        rec["status"] = "no-report"
        rec["stderr"] = tr.stderr[-1500:]
        return rec
    fns = [r for f in report["files"] for r in f["functions"]]
    codes: Counter[str] = Counter()
    internal = 0
    for r in fns:
        errs = [x["code"] for x in r["diagnostics"] if x["severity"] == "error"]
        if r["status"] == "stub" and errs:
            codes[errs[0]] += 1
        internal += errs.count("C2S111")
    file_codes = [x["code"] for f in report["files"] for x in f["diagnostics"]]
    internal += file_codes.count("C2S111")
    rec.update(
        functions=len(fns),
        translated=sum(r["status"] == "translated" for r in fns),
        stubs_by_code=dict(codes),
        internal_errors=internal,
        file_errors=[c for c in file_codes if c.startswith("C2S0")],
        built=report["built"],
        completeness=report.get("completeness"),
    )
    binary = out / "target" / "debug" / f"csmith_{seed}"
    if report["built"] is None:
        rec["status"] = "main-stubbed"
    elif not report["built"]:
        rec["status"] = "build-failed"
    elif not binary.exists():
        rec["status"] = "no-binary"
    else:
        try:
            r_run = subprocess.run([str(binary)], capture_output=True, timeout=timeout * 5)
            rust_out = r_run.stdout.decode(errors="replace").strip()[-80:]
            rec["rust_stdout"] = rust_out
            rec["rust_exit"] = r_run.returncode
            if r_run.returncode == 101 and b"was not translated" in r_run.stderr:
                rec["status"] = "ran-into-stub"
            elif rust_out == rec["c_stdout"] and r_run.returncode == c_run.returncode:
                rec["status"] = "match"
            else:
                rec["status"] = "mismatch"
        except subprocess.TimeoutExpired:
            rec["status"] = "rust-timeout"
    if not keep:
        shutil.rmtree(d, ignore_errors=True)
    return rec


def summarize(recs: list[dict[str, Any]]) -> str:
    status = Counter(str(r.get("status")) for r in recs)
    codes: Counter[str] = Counter()
    for r in recs:
        codes.update(r.get("stubs_by_code", {}) or {})
    ran = [r for r in recs if r.get("status") not in ("c-timeout",)]
    fns = sum(int(r.get("functions", 0) or 0) for r in ran)
    tr = sum(int(r.get("translated", 0) or 0) for r in ran)
    ts = sum(int((r.get("completeness") or {}).get("tree_sitter_functions", 0)) for r in ran)
    inr = sum(
        int((r.get("completeness") or {}).get("in_report", 0))
        + int((r.get("completeness") or {}).get("compiled_out", 0))
        for r in ran
    )
    full = sum(1 for r in ran if r.get("functions") and r.get("functions") == r.get("translated"))
    lines = [
        f"programs: {len(recs)} (skipped, gcc run timed out: {status.get('c-timeout', 0)})",
        "outcome: " + ", ".join(f"{k} {v}" for k, v in sorted(status.items())),
        f"crashes (Python traceback): {status.get('crash', 0)}",
        f"internal errors (C2S111): {sum(int(r.get('internal_errors', 0) or 0) for r in recs)}",
        f"functions: {fns}, translated {tr}, stubbed {fns - tr}",
        "stubs by first code: " + ", ".join(f"{k} {v}" for k, v in codes.most_common()),
        f"programs fully translated: {full}",
        f"checksum matches: {status.get('match', 0)}, mismatches: {status.get('mismatch', 0)}",
        f"tree-sitter functions {ts} vs report (incl. compiled out) {inr}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--start-seed", type=int, default=1)
    ap.add_argument("--work-dir", type=Path, default=REPO / "build" / "csmith")
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--keep", action="store_true", help="keep each program's directory")
    ap.add_argument(
        "--build-all",
        action="store_true",
        help="build every crate (default: only those whose main translated)",
    )
    args = ap.parse_args(argv)
    if not (CSMITH / "usr" / "bin" / "csmith").exists():
        print("csmith missing: run `c2safe corpus fetch csmith`", file=sys.stderr)
        return 2
    args.work_dir.mkdir(parents=True, exist_ok=True)
    recs: list[dict[str, Any]] = []
    summary = args.work_dir / "csmith-summary.json"
    for seed in range(args.start_seed, args.start_seed + args.count):
        rec = run_seed(seed, args.work_dir, args.timeout, args.keep, args.build_all)
        recs.append(rec)
        print(f"seed {seed}: {rec.get('status')} {rec.get('stubs_by_code', '')}", flush=True)
        summary.write_text(json.dumps(recs, indent=1) + "\n")
    print(summarize(recs))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``c2safe translate SRC... -o OUT``: the CLI front of ``translator.driver``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from translator.diagnostics import C2SafeError, Severity
from translator.driver import Options, format_table, translate


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("translate", help="translate C files or directories into a safe-Rust crate")
    p.add_argument("sources", nargs="+", type=Path, help="C files, or directories (their *.c files)")
    p.add_argument("-o", "--out", type=Path, required=True, help="output crate directory")
    p.add_argument("--name", help="crate name (default: the output directory's name)")
    p.add_argument("-I", dest="include_dirs", action="append", type=Path, default=[], help="include directory")
    p.add_argument("-D", dest="defines", action="append", default=[], help="preprocessor define NAME[=VALUE]")
    p.add_argument("--no-build", action="store_true", help="do not run cargo build")
    p.add_argument("--format", choices=("human", "json"), default="human", help="diagnostics format")
    p.add_argument("--quiet", action="store_true", help="print only errors and the table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    opts = Options(
        sources=args.sources, out=args.out, name=args.name, include_dirs=args.include_dirs,
        defines=args.defines, build=not args.no_build,
    )
    try:
        report = translate(opts, log=lambda m: print(m, file=sys.stderr))
    except C2SafeError as e:
        print(e.diag.render(), file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(report.to_json(), indent=2))
        return 0 if report.built is not False and not _errors(report) else 1
    for d in report.diagnostics:
        print(d.render(), file=sys.stderr)
    for f in report.files:
        for d in f.diagnostics:
            if d.severity == Severity.ERROR or not args.quiet:
                print(d.render(), file=sys.stderr)
        for r in f.records:
            for d in r.diagnostics:
                if d.severity == Severity.ERROR or not args.quiet:
                    print(d.render(with_source=not args.quiet), file=sys.stderr)
    if report.cargo_errors:
        print("cargo build failed:", file=sys.stderr)
        for e in report.cargo_errors[:20]:
            print(e, file=sys.stderr)
    print(format_table(report))
    print(f"report: {Path(report.out) / 'c2safe-report.json'}")
    return 0 if report.built is not False and not _errors(report) else 1


def _errors(report: object) -> bool:
    from translator.driver import Report

    assert isinstance(report, Report)
    return any(d.severity == Severity.ERROR for d in report.diagnostics) or any(
        d.severity == Severity.ERROR for f in report.files for d in f.diagnostics
    )

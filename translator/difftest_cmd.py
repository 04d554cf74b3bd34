"""Command line: ``c2safe difftest OUT [--cases N] [--seed S] [--functions PATTERN] [--keep]``.

Argument parsing and printing only; the work is ``translator.difftest.run_difftest``.
Exit codes: 0 no divergence, 1 a divergence, a harness error or a failed build,
2 usage error (``OUT`` is not a crate written by ``c2safe translate``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from translator.difftest import (
    DEFAULT_CASES,
    REPORT_NAME,
    DifftestError,
    DifftestOptions,
    format_details,
    format_table,
    run_difftest,
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "difftest",
        help="run every translated function against the original C on generated inputs",
        description=(
            "Build the original C (gcc, the crate's -I/-D) and a harness next to a copy of the "
            "translated crate, run seeded inputs the bounds oracle admits through both, and "
            f"compare results and every buffer. Writes OUT/{REPORT_NAME}."
        ),
    )
    p.add_argument("out", type=Path, help="a crate written by `c2safe translate`")
    p.add_argument(
        "--cases",
        type=int,
        default=DEFAULT_CASES,
        metavar="N",
        help=f"cases per function (default {DEFAULT_CASES}; more runs deeper)",
    )
    p.add_argument("--seed", type=int, default=0, metavar="S", help="PRNG seed (default 0)")
    p.add_argument(
        "--functions",
        action="append",
        default=[],
        metavar="PATTERN",
        help="only functions whose C name or key matches this glob (repeatable, comma lists)",
    )
    p.add_argument(
        "--keep", action="store_true", help="keep the build directory (C wrappers, harness crate)"
    )
    p.add_argument(
        "--build-dir", type=Path, help="build in this directory (kept) instead of a temporary one"
    )
    p.add_argument("--no-shrink", action="store_true", help="report divergences without shrinking")
    p.add_argument("--quiet", action="store_true", help="do not list the functions not covered")
    p.add_argument(
        "--method",
        choices=("both", "oracle", "prototype"),
        default="both",
        help="oracle: inputs the C IR bounds oracle admits; prototype: inputs from the "
        "prototype, the C run under ASan+UBSan (invalid inputs discarded); both (default)",
    )
    p.add_argument(
        "--mutants",
        type=int,
        default=0,
        metavar="N",
        help="plant N single-site mutants in the Rust of the functions under test and report "
        "how many the prototype-driven cases catch, per function",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.cases < 1:
        print("c2safe: --cases must be at least 1", file=sys.stderr)
        return 2
    patterns = [x.strip() for p in args.functions for x in p.split(",") if x.strip()]
    opts = DifftestOptions(
        out=args.out,
        cases=args.cases,
        seed=args.seed,
        patterns=patterns or None,
        keep=args.keep,
        build_dir=args.build_dir,
        shrink=not args.no_shrink,
        method=args.method,
        mutants=max(0, args.mutants),
    )
    try:
        report = run_difftest(opts, log=lambda m: print(m, file=sys.stderr))
    except DifftestError as e:
        print(f"c2safe: {e}", file=sys.stderr)
        return 2
    details = format_details(report, verbose=not args.quiet)
    if details:
        print(details)
    print(format_table(report))
    if report.build_dir:
        print(f"build directory kept: {report.build_dir}")
    print(f"report: {Path(report.out) / REPORT_NAME}")
    return 1 if report.failed() else 0

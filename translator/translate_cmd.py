"""``c2safe translate SRC... -o OUT``: the CLI front of ``translator.driver``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from translator.diagnostics import C2SafeError, Severity, Span, error
from translator.driver import Options, format_table, translate


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("translate", help="translate C files or directories into a safe-Rust crate")
    p.add_argument(
        "sources", nargs="*", type=Path, help="C files, or directories (their *.c files)"
    )
    p.add_argument(
        "--set",
        dest="corpus_sets",
        action="append",
        default=[],
        metavar="CORPUS:SET",
        help="translate a fetched corpus set (files, -I, -D), e.g. hacl-debian:cpython-hashes",
    )
    p.add_argument(
        "--test-file",
        action="append",
        type=Path,
        default=[],
        help="a Rust integration-test file to copy into the crate's tests/ and run with cargo test",
    )
    p.add_argument("-o", "--out", type=Path, required=True, help="output crate directory")
    p.add_argument("--name", help="crate name (default: the output directory's name)")
    p.add_argument(
        "-I", dest="include_dirs", action="append", type=Path, default=[], help="include directory"
    )
    p.add_argument(
        "-D", dest="defines", action="append", default=[], help="preprocessor define NAME[=VALUE]"
    )
    p.add_argument("--no-build", action="store_true", help="do not run cargo build")
    p.add_argument(
        "--format", choices=("human", "json"), default="human", help="diagnostics format"
    )
    p.add_argument("--quiet", action="store_true", help="print only errors and the table")
    p.add_argument(
        "--strict",
        action="store_true",
        help="refuse instead of guessing: functions needing an aliasing copy, an assumed "
        "offset order, an erased NULL check or an erased free become coded stubs",
    )
    p.add_argument(
        "--pointer-model",
        choices=("auto", "slice"),
        default=None,
        help="auto: functions the slice rules refuse fall back to checked pointers; slice: "
        "they are coded stubs (default: slice if a --set asks for it, as the HACL* sets do, "
        "else auto)",
    )
    p.add_argument(
        "--stub",
        dest="stub_functions",
        action="append",
        default=[],
        metavar="FUNC",
        help="leave FUNC (a C name, or name@file) as a coded stub (C2S114), e.g. for --llm "
        "to fill or for a person to write; repeatable",
    )
    p.add_argument(
        "--difftest",
        nargs="?",
        const=24,
        type=int,
        metavar="N",
        help="after a successful build, run `c2safe difftest OUT` (N cases per function, "
        "default 24); a divergence makes the exit status 1",
    )
    p.add_argument("--seed", type=int, default=0, help="the --difftest PRNG seed (default 0)")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the front-end cache ($C2SAFE_CACHE_DIR, ~/.cache/c2safe)",
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        metavar="N",
        help="worker processes for parsing and lowering (default: one per CPU)",
    )
    from llm.fill.cli import add_arguments as add_llm_arguments

    add_llm_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    sources, includes, defines = list(args.sources), list(args.include_dirs), list(args.defines)
    file_flags: dict[str, tuple[list[Path], list[str]]] = {}
    slice_only = False
    for spec in args.corpus_sets:
        from corpora.errors import CorpusError
        from corpora.registry import load_corpus

        corpus_name, _, set_name = spec.partition(":")
        try:
            corpus = load_corpus(corpus_name)
        except CorpusError as e:
            print(f"c2safe: {e} (run `c2safe corpus fetch {corpus_name}` first)", file=sys.stderr)
            return 2
        if set_name not in corpus.sets:
            print(
                f"c2safe: corpus {corpus_name} has no set `{set_name}`; sets: "
                f"{', '.join(sorted(corpus.sets))}",
                file=sys.stderr,
            )
            return 2
        tset = corpus.sets[set_name]
        slice_only = slice_only or tset.slice_only
        sources += tset.files
        for src in tset.files:
            file_flags[str(src.resolve())] = (list(tset.include_dirs), list(tset.defines))
    if not sources:
        print("c2safe: no sources given (name files, directories or --set)", file=sys.stderr)
        return 2
    extra = {}
    for tf in args.test_file:
        try:
            extra[f"tests/{tf.name}"] = tf.read_text()
        except OSError as e:
            print(f"c2safe: cannot read test file {tf}: {e.strerror}", file=sys.stderr)
            return 2
    if args.no_cache:
        import os

        os.environ["C2SAFE_CACHE"] = "0"  # also the rustfmt cache in emit_crate
    opts = Options(
        sources=sources,
        out=args.out,
        name=args.name,
        include_dirs=includes,
        defines=defines,
        build=not args.no_build,
        extra_files=extra,
        run_tests=bool(extra),
        file_flags=file_flags,
        strict=args.strict,
        checked=(args.pointer_model or ("slice" if slice_only else "auto")) == "auto",
        cache=not args.no_cache,
        jobs=args.jobs,
        stub_functions=list(args.stub_functions),
    )
    try:
        report = translate(opts, log=lambda m: print(m, file=sys.stderr))
    except C2SafeError as e:
        print(e.diag.render(), file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - no Python traceback reaches a user
        import traceback

        where = traceback.extract_tb(e.__traceback__)[-1]
        diag = error(
            "C2S111",
            f"internal error: {type(e).__name__}: {e} at {Path(where.filename).name}:"
            f"{where.lineno} (a c2safe bug; please report it with the C input and this line)",
            Span(str(args.out), 0),
        )
        print(diag.render(with_source=False), file=sys.stderr)
        return 1
    if args.llm:
        from llm.fill.cli import run as llm_fill

        filled = llm_fill(report, opts, args)
        unverified = bool(filled.unverified)  # written without evidence: the run fails
    else:
        unverified = False
    if args.format == "json":
        print(json.dumps(report.to_json(), indent=2))
        return 0 if report.built is not False and not _errors(report) and not unverified else 1
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
        for msg in report.cargo_errors[:20]:
            print(msg, file=sys.stderr)
    print(format_table(report))
    if report.tests is not None:
        print(report.tests)
    print(f"report: {Path(report.out) / 'c2safe-report.json'}")
    rc = (
        0
        if report.built is not False
        and not _errors(report)
        and report.tests_ok is not False
        and not unverified
        else 1
    )
    if args.difftest and report.built:
        from translator import difftest

        dt = difftest.run_difftest(
            difftest.DifftestOptions(out=args.out, cases=args.difftest, seed=args.seed),
            log=lambda m: print(m, file=sys.stderr),
        )
        details = difftest.format_details(dt, verbose=not args.quiet)
        if details:
            print(details)
        print(difftest.format_table(dt))
        print(f"difftest report: {Path(report.out) / difftest.REPORT_NAME}")
        rc = rc or (1 if dt.failed() else 0)
    return rc


def _errors(report: object) -> bool:
    """True if the run reported an error: a coded error, or any function left a stub."""
    from translator.driver import Report

    assert isinstance(report, Report)
    return (
        any(d.severity == Severity.ERROR for d in report.diagnostics)
        or any(d.severity == Severity.ERROR for f in report.files for d in f.diagnostics)
        or any(r.status == "stub" for f in report.files for r in f.records)
    )

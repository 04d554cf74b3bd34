"""``c2safe review BASE HEAD``: the CLI front of ``translator.review``.

Exit status: 0 no regression, 1 a finding the policy calls an error, 2 usage error (an
unknown ref, a bad ``[tool.c2safe]``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from translator.diagnostics import C2SafeError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "review",
        help="translate two versions of a C tree (git refs or directories) and report what "
        "changed in the Rust and in the facts (Markdown, SARIF 2.1.0, JSON)",
    )
    p.add_argument("base", help="the base: a git ref of --repo, or a directory")
    p.add_argument("head", help="the head: a git ref of --repo, or a directory")
    p.add_argument("--repo", type=Path, default=Path("."), help="the git repository (default .)")
    p.add_argument(
        "--src",
        dest="sources",
        action="append",
        default=[],
        help="C file or directory relative to the tree (default: [tool.c2safe] sources, or .)",
    )
    p.add_argument("-I", dest="include_dirs", action="append", default=[], help="include dir")
    p.add_argument("-D", dest="defines", action="append", default=[], help="define NAME[=VALUE]")
    p.add_argument("--name", help="crate name")
    p.add_argument("--strict", action="store_true", help="translate with --strict")
    p.add_argument(
        "--test-file", action="append", default=[], help="Rust test file (relative to the tree)"
    )
    p.add_argument("--no-build", action="store_true", help="do not build or test the crates")
    p.add_argument(
        "--bench",
        metavar="CMD",
        help="a shell command run on each built crate ({crate}, {json} are filled in) that "
        "writes JSON numbers to {json} (or prints them); deltas are reported",
    )
    p.add_argument("--config", type=Path, help="pyproject.toml whose [tool.c2safe] sets the policy")
    p.add_argument(
        "--format",
        choices=("markdown", "sarif", "json"),
        default="markdown",
        help="what to print on stdout (default markdown)",
    )
    p.add_argument("--markdown", type=Path, help="also write the Markdown here")
    p.add_argument("--sarif", type=Path, help="also write SARIF 2.1.0 here")
    p.add_argument("--json", type=Path, help="also write the JSON here")
    p.add_argument("--work", type=Path, help="keep the scratch directory here (default: temp)")
    p.add_argument("--jobs", "-j", type=int, default=0, help="front-end worker processes")
    p.set_defaults(func=run)


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    os.replace(tmp, path)


def run(args: argparse.Namespace) -> int:
    from translator import review

    overrides = review.Settings(
        sources=list(args.sources),
        include_dirs=list(args.include_dirs),
        defines=list(args.defines),
        name=args.name,
        strict=args.strict,
        test_files=list(args.test_file),
    )

    def go(work: Path) -> int:
        opts = review.ReviewOptions(
            base=args.base,
            head=args.head,
            repo=args.repo,
            work=work,
            build=not args.no_build,
            overrides=overrides,
            config=args.config,
            bench=args.bench,
            jobs=args.jobs,
        )
        try:
            rv = review.run_review(opts, log=lambda m: print(m, file=sys.stderr))
        except review.ReviewError as e:
            print(f"c2safe review: {e}", file=sys.stderr)
            return 2
        except C2SafeError as e:
            print(e.diag.render(with_source=False), file=sys.stderr)
            return 2
        md = review.to_markdown(rv)
        sarif = json.dumps(review.to_sarif(rv), indent=2) + "\n"
        js = json.dumps(rv.to_json(), indent=2) + "\n"
        for path, text in ((args.markdown, md), (args.sarif, sarif), (args.json, js)):
            if path is not None:
                write_atomic(path, text)
        sys.stdout.write({"markdown": md, "sarif": sarif, "json": js}[args.format])
        return 1 if rv.failed() else 0

    if args.work is not None:
        args.work.mkdir(parents=True, exist_ok=True)
        return go(args.work)
    with tempfile.TemporaryDirectory(prefix="c2safe-review-") as tmp:
        return go(Path(tmp))

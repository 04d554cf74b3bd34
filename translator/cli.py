"""Command line: ``c2safe translate|corpus|fstar ...``.

Argument parsing only. Each sub-command's module exposes ``register(subparsers)``
which adds its parser and sets ``func`` (a callable ``(argparse.Namespace) -> int``).
Exit codes: 0 success, 1 the job ran but reported errors, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from translator import __version__

# Modules that contribute sub-commands, in the order they appear in --help.
_COMMAND_MODULES = (
    "translator.translate_cmd",
    "translator.difftest_cmd",
    "translator.review_cmd",
    "translator.check_cmd",
    "translator.batch_cmd",
    "corpora.cli",
    "llm.fstar.cli",
)
# sub-command name -> its module: a known command imports only its own module (the others
# can be slow to import), anything else (--help, a typo) imports them all
_COMMAND_OF = {
    "translate": "translator.translate_cmd",
    "difftest": "translator.difftest_cmd",
    "review": "translator.review_cmd",
    "check": "translator.check_cmd",
    "batch": "translator.batch_cmd",
    "corpus": "corpora.cli",
    "fstar": "llm.fstar.cli",
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="c2safe", description="Translate C into safe Rust (Cargo crates, std only)."
    )
    parser.add_argument("--version", action="version", version=f"c2safe {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    first = next((a for a in argv or () if not a.startswith("-")), None)
    only = _COMMAND_OF.get(first or "")
    for name in (only,) if only else _COMMAND_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # an optional command module that is not installed: skip it
            if exc.name is None or not (name == exc.name or name.startswith(exc.name + ".")):
                raise
            continue
        mod.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        rc: int = args.func(args)
    except KeyboardInterrupt:
        print("c2safe: interrupted", file=sys.stderr)
        return 130
    return rc


if __name__ == "__main__":
    sys.exit(main())

"""``c2safe corpus fetch NAME [...]`` and ``c2safe corpus list``.

Guarantees: argument parsing and printing only (the work is in ``corpora.registry``).
Progress goes to stderr, results to stdout. Exit codes follow ``translator.cli``:
0 success, 1 the fetch ran and failed, 2 bad usage (unknown corpus, bad ``--from``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from corpora.errors import CorpusError
from corpora.registry import (
    corpus_names,
    default_cache_dir,
    default_dest,
    fetch_corpus,
    get_spec,
    load_corpus,
)


def register(subparsers: Any) -> None:
    """Add the ``corpus`` command to the ``argparse`` sub-parsers object ``subparsers``."""
    corpus = subparsers.add_parser(
        "corpus",
        help="fetch and list the C corpora c2safe is tested on",
        description="Fetch and list the C corpora c2safe is tested on.",
    )
    sub = corpus.add_subparsers(dest="corpus_command", required=True, metavar="{fetch,list}")

    fetch = sub.add_parser(
        "fetch",
        help="download and unpack a corpus (a no-op when it is already there)",
        description=(
            "Download a corpus's source archives (hacl-debian: Debian source tarballs with a "
            "private apt state; hacl-star: the pyhacl sdist from pip's configured index), "
            "sha256-checked against c2safe's pins, and unpack only its HACL* files. "
            "With --from, take the files from a directory you already have instead."
        ),
    )
    fetch.add_argument("name", choices=[*corpus_names(), "csmith"], help="corpus name")
    fetch.add_argument(
        "--dest", type=Path, default=None, help="output directory (default: corpora/_data/NAME)"
    )
    fetch.add_argument(
        "--from",
        dest="local",
        type=Path,
        default=None,
        metavar="LOCAL_DIR",
        help="build from a local source tree (python3.13 or NSS sources, Modules/_hacl, "
        "lib/freebl/verified, an unpacked pyhacl sdist, or a hacl-star checkout) instead "
        "of downloading",
    )
    fetch.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="download cache (default: the user cache dir, e.g. ~/.cache/c2safe)",
    )
    fetch.set_defaults(func=cmd_fetch)

    lst = sub.add_parser("list", help="list known corpora and whether they are fetched")
    lst.set_defaults(func=cmd_list)


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def cmd_fetch(args: argparse.Namespace) -> int:
    if args.name == "csmith":
        return _fetch_csmith(args)
    try:
        corpus = fetch_corpus(
            args.name, dest=args.dest, cache_dir=args.cache_dir, local=args.local, log=_progress
        )
    except CorpusError as exc:
        print(exc.render(), file=sys.stderr)
        return exc.exit_code
    print(f"{corpus.name}: {corpus.root}")
    for s in corpus.sets.values():
        defines = " ".join(f"-D{d}" for d in s.defines)
        print(f"  {s.name}: {len(s.files)} files, {len(s.include_dirs)} include dirs, {defines}")
    for set_name, why in corpus.omitted_sets.items():
        print(f"  {set_name}: omitted ({why})")
    print(f"  manifest: {corpus.manifest_path}")
    return 0


def _fetch_csmith(args: argparse.Namespace) -> int:
    from corpora import csmith

    dest = (args.dest or default_dest("csmith")).absolute()
    cache = (args.cache_dir or default_cache_dir()).absolute()
    try:
        got = csmith.fetch(dest, cache, log=_progress)
    except CorpusError as exc:
        print(exc.render(), file=sys.stderr)
        return exc.exit_code
    print(f"csmith: {got.binary} (headers: {got.include_dir})")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    for name in corpus_names():
        spec = get_spec(name)
        print(f"{name}: {spec.description}")
        try:
            corpus = load_corpus(name)
        except CorpusError:
            print(f"  not fetched (run: c2safe corpus fetch {name}; goes to {default_dest(name)})")
            continue
        print(f"  fetched: {corpus.root}")
        for s in corpus.sets.values():
            print(f"  {s.name}: {', '.join(f.name for f in s.files)}")
    return 0

"""``c2safe batch MANIFEST``: the CLI front of ``translator.batch``.

Exit status: 0 every tree ok, 1 some tree failed or errored, 2 the manifest is unusable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "batch",
        help="translate, build, test and difftest many C trees from a TOML manifest, in "
        "parallel, resumable",
    )
    p.add_argument("manifest", type=Path, help="the TOML manifest ([batch], [[tree]] ...)")
    p.add_argument("-o", "--out", type=Path, help="output directory (default: [batch] out)")
    p.add_argument("--jobs", "-j", type=int, default=0, help="parallel trees (default: CPUs)")
    p.add_argument("--executor", choices=("local", "ray"), default="local")
    p.add_argument("--address", help="Ray cluster address (with --executor ray)")
    p.add_argument("--force", action="store_true", help="re-run trees whose inputs are unchanged")
    p.add_argument("--tree", action="append", help="run only this tree (repeatable)")
    p.add_argument("--no-build", action="store_true", help="do not build (nor test, difftest)")
    p.add_argument("--difftest", type=int, metavar="N", help="difftest cases (overrides [batch])")
    p.set_defaults(func=run)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM (a cancelled CI job) stops the batch like Ctrl-C


def run(args: argparse.Namespace) -> int:
    import signal

    from translator import batch

    signal.signal(signal.SIGTERM, _interrupt)

    try:
        spec = batch.load_manifest(args.manifest, args.out)
        if args.no_build:
            spec.build = False
        if args.difftest is not None:
            spec.difftest = args.difftest
        unknown = set(args.tree or ()) - {t.name for t in spec.trees}
        if unknown:
            raise batch.ManifestError(f"no such tree: {', '.join(sorted(unknown))}")
        res = batch.run_batch(
            spec,
            jobs=args.jobs,
            executor=args.executor,
            address=args.address,
            force=args.force,
            only=args.tree,
        )
    except batch.ManifestError as e:
        print(f"c2safe batch: {e}", file=sys.stderr)
        return 2
    print(batch.format_table(res.results))
    j, h = batch.write_reports(res)
    print(f"ran {len(res.ran)}, skipped {len(res.skipped)} unchanged; reports: {j}, {h}")
    return 1 if res.failed() else 0

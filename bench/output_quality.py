"""Readability of a translated crate: clippy warnings and the Rust/C line ratio.

Usage (from the repository root, after ``c2safe translate ... -o CRATE``)::

    .venv/bin/python bench/output_quality.py --crate rust_out/cpython_hacl [--json out.json]

What it measures, on a copy of the crate (the crate itself is not touched):

* clippy at its default level with only the three naming lints allowed
  (``non_snake_case``, ``non_camel_case_types``, ``non_upper_case_globals``): the crate's
  ``#![allow(...)]`` line in ``src/lib.rs`` is replaced by exactly these three, then
  ``cargo clippy --offline --message-format=json`` runs; warnings and errors are counted
  per lint code (a message in the runtime ``src/krml.rs`` counts too);
* the non-blank line ratio: non-blank lines of the translated modules (``src/*.rs`` except
  ``lib.rs`` and ``krml.rs``) over non-blank lines of the C sources recorded in the crate's
  ``.c2safe.json``.

Exit code 0; 2 when the crate or cargo is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

NAMING = "non_snake_case, non_camel_case_types, non_upper_case_globals"
_ALLOW = re.compile(r"^#!\[allow\([^)]*\)\]\s*$", re.M)


def non_blank(path: Path) -> int:
    return sum(1 for ln in path.read_text(errors="replace").splitlines() if ln.strip())


def clippy_counts(crate: Path) -> tuple[Counter[str], int]:
    """(lint code -> warnings, errors) of ``cargo clippy`` on a copy with naming lints allowed."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / crate.name
        shutil.copytree(crate, copy, ignore=shutil.ignore_patterns("target"))
        lib = copy / "src" / "lib.rs"
        text = lib.read_text()
        text, n = _ALLOW.subn(f"#![allow({NAMING})]", text, count=1)
        if n == 0:
            text = text.replace(
                "#![forbid(unsafe_code)]", f"#![forbid(unsafe_code)]\n#![allow({NAMING})]", 1
            )
        lib.write_text(text)
        target = crate / "target"
        proc = subprocess.run(
            ["cargo", "clippy", "--offline", "--message-format=json"],
            cwd=copy,
            capture_output=True,
            text=True,
            env={**_env(), "CARGO_TARGET_DIR": str(target)},
        )
    warnings: Counter[str] = Counter()
    errors = 0
    for line in proc.stdout.splitlines():
        if not line.startswith("{"):
            continue
        m = json.loads(line)
        if m.get("reason") != "compiler-message":
            continue
        msg = m["message"]
        code = (msg.get("code") or {}).get("code") or msg.get("message", "")[:40]
        if msg.get("level") == "warning" and msg.get("spans"):
            warnings[code] += 1
        elif msg.get("level") == "error" and msg.get("spans"):
            errors += 1
    return warnings, errors


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def line_ratio(crate: Path) -> tuple[int, int]:
    meta = json.loads((crate / ".c2safe.json").read_text())
    c_lines = sum(non_blank(Path(s)) for s in meta.get("sources", []))
    rust_lines = sum(
        non_blank(f) for f in (crate / "src").glob("*.rs") if f.name not in ("lib.rs", "krml.rs")
    )
    return rust_lines, c_lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--crate", type=Path, required=True)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    crate: Path = args.crate.resolve()
    if not (crate / "Cargo.toml").exists() or shutil.which("cargo") is None:
        print(f"output_quality: no crate at {crate} or no cargo", file=sys.stderr)
        return 2
    warnings, errors = clippy_counts(crate)
    rust, c = line_ratio(crate)
    total = sum(warnings.values())
    print(f"crate {crate.name}: clippy (naming lints allowed): {total} warnings, {errors} errors")
    for code, n in warnings.most_common():
        print(f"  {n:6d}  {code}")
    print(f"non-blank lines: Rust {rust} / C {c} = {rust / max(c, 1):.2f}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "crate": crate.name,
                    "clippy_warnings": total,
                    "clippy_errors": errors,
                    "by_lint": dict(warnings),
                    "rust_lines": rust,
                    "c_lines": c,
                    "ratio": rust / max(c, 1),
                },
                indent=2,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

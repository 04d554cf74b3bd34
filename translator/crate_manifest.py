"""What a generated crate directory holds besides its Rust sources, read and written here.

* ``.c2safe.json`` (``META_FILE``): how the crate was made (tool, sources, flags); its
  presence marks a directory c2safe may replace;
* ``c2safe-sourcemap.json`` (``SOURCE_MAP_FILE``): for every generated ``src/*.rs``, the C
  position of each Rust line range, and for every translated C function (by linker key)
  the Rust file and line range of its item -- so "which function holds Rust line N" is a
  lookup, never a regex over Rust text;
* ``c2safe-report.json`` (``REPORT_FILE``): the translation report (``driver.Report``).

Other stages take these in memory where the caller already holds them; the loaders are for
tools that start from a directory (difftest, the LLM loop).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

META_FILE = ".c2safe.json"
SOURCE_MAP_FILE = "c2safe-sourcemap.json"
REPORT_FILE = "c2safe-report.json"


@dataclass
class CrateSourceMap:
    """``lines[rust_file]``: ``(first, last, c_file, c_line)`` ranges;
    ``functions[rust_file][key]``: ``(first, last)``, the line range of the item translating
    the C function ``key`` (a header helper copied into several modules has one per file)."""

    lines: dict[str, list[tuple[int, int, str, int]]] = field(default_factory=dict)
    functions: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)

    def source_of(self, rust_file: str, line: int) -> tuple[str, int] | None:
        """The C position a line of a generated Rust file came from."""
        for first, last, c_file, c_line in self.lines.get(rust_file, []):
            if first <= line <= last:
                return c_file, c_line
        return None

    def function_at(self, rust_file: str, line: int) -> str | None:
        """The linker key of the function whose item contains the line, if any."""
        for key, (first, last) in self.functions.get(rust_file, {}).items():
            if first <= line <= last:
                return key
        return None

    def to_json(self) -> dict[str, object]:
        return {
            "version": 2,
            "lines": {f: [list(r) for r in rs] for f, rs in sorted(self.lines.items())},
            "functions": {
                f: {k: list(r) for k, r in sorted(fs.items())}
                for f, fs in sorted(self.functions.items())
            },
        }

    @staticmethod
    def from_json(data: object) -> CrateSourceMap:
        sm = CrateSourceMap()
        if not isinstance(data, dict):
            return sm
        for f, rs in (data.get("lines") or {}).items():
            sm.lines[str(f)] = [(int(a), int(b), str(c), int(d)) for a, b, c, d in rs]
        for f, fs in (data.get("functions") or {}).items():
            sm.functions[str(f)] = {str(k): (int(a), int(b)) for k, (a, b) in fs.items()}
        return sm


def save_source_map(crate: Path, sm: CrateSourceMap) -> None:
    (crate / SOURCE_MAP_FILE).write_text(json.dumps(sm.to_json(), separators=(",", ":")) + "\n")


def load_source_map(crate: Path) -> CrateSourceMap:
    """The crate's source map (empty when missing or unreadable)."""
    try:
        return CrateSourceMap.from_json(json.loads((crate / SOURCE_MAP_FILE).read_text()))
    except (OSError, ValueError, TypeError):
        return CrateSourceMap()


def save_meta(crate: Path, meta: dict[str, object]) -> None:
    (crate / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")


def load_meta(crate: Path) -> dict[str, object]:
    data = json.loads((crate / META_FILE).read_text())
    if not isinstance(data, dict):
        raise ValueError(f"{crate / META_FILE}: not an object")
    return data


def save_report(crate: Path, report: dict[str, object]) -> None:
    (crate / REPORT_FILE).write_text(json.dumps(report, indent=2) + "\n")

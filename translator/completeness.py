"""The never-lost check: functions a separate parser finds vs functions in the report.

tree-sitter (through ``c_source``, its only importer) reads every input ``.c`` file and
every header under an input directory that a unit included, as the files are on disk.
Each function definition it finds must be in the report (translated, stubbed, copied as
a helper, or listed as an unused ``static`` header helper), unless the preprocessor
removed it: no unit's parse saw that definition (an ``#if`` branch not taken, a header
whose guard c2safe's prelude pre-defines). Anything else is a C2S011 error, which fails
the run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from translator import c_source
from translator.diagnostics import Diagnostic, Span, error


@dataclass
class Completeness:
    found: int = 0  # definitions tree-sitter found
    reported: int = 0  # of those, present in the report
    compiled_out: int = 0  # of those, removed by the preprocessor
    missing: list[tuple[str, str, int]] = field(default_factory=list)  # (file, name, line)

    def to_json(self) -> dict[str, object]:
        return {
            "tree_sitter_functions": self.found,
            "in_report": self.reported,
            "compiled_out": self.compiled_out,
            "missing": [{"file": f, "name": n, "line": ln} for f, n, ln in self.missing],
        }


def check(
    files: Iterable[Path],
    reported: dict[str, set[str]],
    parsed: set[tuple[str, str]],
) -> tuple[Completeness, list[Diagnostic]]:
    """``files``: the C files and user headers to scan; ``reported``: resolved file path ->
    C names of the functions the report lists for that file; ``parsed``: (resolved file,
    name) of every definition some unit's parse saw."""
    result = Completeness()
    diags: list[Diagnostic] = []
    for path in files:
        key = str(path.resolve())
        try:
            src = c_source.parse_file(path)
        except OSError:
            continue
        names_here = reported.get(key, set())
        for fn in src.functions:
            result.found += 1
            if fn.name in names_here:
                result.reported += 1
            elif (key, fn.name) not in parsed:
                result.compiled_out += 1
            else:
                result.missing.append((str(path), fn.name, fn.start_line))
                diags.append(
                    error(
                        "C2S011",
                        f"function `{fn.name}` is defined here but is neither in the crate nor "
                        "in the report (a c2safe bug; please report it with this C file)",
                        Span(str(path), fn.start_line),
                        fn.name,
                    )
                )
    return result, diags

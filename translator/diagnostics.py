"""Diagnostics: spans, severities and the one registry of stable codes.

Every message c2safe prints carries a span (``file:line:col``), a severity and a
code from ``CODES``. Codes are stable: tests, reports and users match on them.
Adding a code means adding one entry below; nothing else hard-codes the text.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Code:
    """A registered diagnostic code: id (e.g. ``C2S101``), short name, meaning."""

    id: str
    name: str
    description: str


_CODE_LIST: tuple[Code, ...] = (
    # 0xx: input and driver
    Code("C2S001", "no-input", "no C files were found in the given sources"),
    Code(
        "C2S002", "not-c-source", "a source is not a readable C text file (binary or undecodable)"
    ),
    Code(
        "C2S003", "preprocess-failed", "the C preprocessor rejected the file (e.g. missing header)"
    ),
    Code("C2S004", "parse-error", "the preprocessed C does not parse"),
    Code("C2S005", "output-exists", "the output path exists and was not written by c2safe"),
    Code("C2S006", "rustfmt-failed", "rustfmt rejected the generated Rust"),
    Code("C2S007", "cargo-failed", "cargo could not build the generated crate"),
    Code("C2S008", "tool-missing", "a required external tool (gcc, cargo, rustfmt) is missing"),
    Code("C2S009", "duplicate-definition", "a symbol is defined in more than one source file"),
    Code("C2S010", "missing-header", "an included header is neither supplied by c2safe nor found"),
    Code(
        "C2S011",
        "function-lost",
        "a function the separate parser (tree-sitter) found is missing from the report",
    ),
    # 1xx: constructs the rules do not translate (the function becomes a stub)
    Code("C2S101", "unsupported-construct", "a C construct outside the supported subset"),
    Code("C2S102", "unsupported-type", "a C type outside the supported subset"),
    Code("C2S103", "unsupported-pointer", "a pointer use the slice translation cannot express"),
    Code("C2S104", "unsupported-struct", "a struct use the ownership translation cannot express"),
    Code("C2S105", "unknown-function", "a call to a function with no definition or known model"),
    Code("C2S106", "unsupported-switch", "a switch with real fall-through between cases"),
    Code("C2S107", "unsupported-goto", "goto and labels are not translated"),
    Code("C2S108", "unsupported-asm", "inline assembly cannot be expressed in safe Rust"),
    Code("C2S109", "unsupported-simd", "SIMD intrinsics are not translated"),
    Code("C2S110", "unsupported-global", "mutable global state cannot be expressed in safe Rust"),
    Code("C2S111", "internal-error", "the translator failed on this function (a c2safe bug)"),
    Code("C2S112", "dependency-stubbed", "a callee of this function was stubbed"),
    Code("C2S113", "no-binary", "the program's `main` has a signature the binary cannot call"),
    Code("C2S114", "stub-requested", "the user asked for this function to stay a stub (--stub)"),
    # 2xx: decisions the rules took that a reviewer should see
    Code(
        "C2S201", "null-check-erased", "a comparison with NULL was erased (pointers are never null)"
    ),
    Code("C2S202", "check-size-dropped", "a KRML_CHECK_SIZE guard was dropped"),
    Code("C2S203", "alias-copy-inserted", "an aliased argument was copied to satisfy borrowing"),
    Code("C2S204", "offset-assumed", "offsets could not be compared; an order was assumed"),
    Code("C2S205", "free-erased", "free() became a no-op: the owner drops the memory"),
    Code("C2S206", "exit-to-panic", "exit() became a panic"),
    Code("C2S207", "long-double-as-f64", "`long double` was translated as a 64-bit `f64`"),
    # 3xx: the pointer model (analyses/pointer_model.py)
    Code(
        "C2S301",
        "checked-pointers",
        "the function uses checked pointers (translator/cptr.rs): slices cannot express it",
    ),
    Code("C2S302", "checked-refused", "--strict: the function would need checked pointers"),
)

CODES: dict[str, Code] = {c.id: c for c in _CODE_LIST}
CODES_BY_NAME: dict[str, Code] = {c.name: c for c in _CODE_LIST}


@dataclass(frozen=True)
class Span:
    """A position in an original C file (1-based line and column; col 0 = unknown)."""

    file: str
    line: int
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}" if self.col else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span
    function: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered diagnostic code {self.code}")

    @property
    def name(self) -> str:
        return CODES[self.code].name

    def render(self, with_source: bool = True) -> str:
        """Human form: ``file:line:col: error[C2S101]: message`` plus the line and a caret."""
        head = f"{self.span}: {self.severity.value}[{self.code}]: {self.message}"
        if self.function:
            head += f" (in function `{self.function}`)"
        if not with_source:
            return head
        src = _source_line(self.span)
        if src is None:
            return head
        caret = " " * max(self.span.col - 1, 0) + "^"
        return f"{head}\n    {src}\n    {caret}"

    def to_json(self) -> dict[str, object]:
        d = asdict(self)
        d["severity"] = self.severity.value
        d["name"] = self.name
        return d


def _source_line(span: Span) -> str | None:
    try:
        lines = Path(span.file).read_text(errors="replace").splitlines()
    except OSError:
        return None
    if 1 <= span.line <= len(lines):
        return lines[span.line - 1].rstrip()
    return None


def error(code: str, message: str, span: Span, function: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, span, function)


def warning(code: str, message: str, span: Span, function: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, span, function)


def note(code: str, message: str, span: Span, function: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.NOTE, message, span, function)


class C2SafeError(Exception):
    """An error that stops one unit of work (a file, a run) with a coded diagnostic."""

    def __init__(self, diag: Diagnostic) -> None:
        super().__init__(diag.render(with_source=False))
        self.diag = diag


def dumps(diags: list[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diags], indent=2)

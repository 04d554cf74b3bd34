"""pycparser wrapper: preprocessed text -> pycparser ``c_ast.FileAST``.

The only module that imports pycparser. Parse errors become ``C2SafeError``
with code C2S004 and the original file:line (from ``#line`` markers).
"""

from __future__ import annotations

import re
from typing import Any

from pycparser import c_parser

from translator.diagnostics import C2SafeError, Span, error

_COORD = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?:(?P<col>\d+):?)?\s*(?P<msg>.*)$", re.S)


def parse(text: str, filename: str) -> Any:
    """Parse preprocessed C; returns a pycparser ``FileAST``."""
    parser = c_parser.CParser()
    try:
        return parser.parse(text, filename=filename)
    except Exception as exc:  # pycparser raises ParseError (and occasionally others)
        msg = str(exc)
        m = _COORD.match(msg)
        if m:
            span = Span(m["file"], int(m["line"]), int(m["col"] or 0))
            detail = m["msg"]
        else:
            span, detail = _token_span(parser, filename), msg.split(": ", 1)[-1]
        raise C2SafeError(error("C2S004", f"parse error: {detail}", span)) from None


def span_of(node: Any, fallback: str = "<unknown>") -> Span:
    """The original-file span of a pycparser node (``coord`` carries #line info)."""
    coord = getattr(node, "coord", None)
    if coord is None:
        return Span(fallback, 0)
    return Span(str(coord.file), int(coord.line or 0), int(coord.column or 0))


def _token_span(parser: Any, filename: str) -> Span:
    """Where the parser stopped, for errors pycparser reports without a coordinate."""
    try:
        tok = parser._tokens.peek(1)  # pycparser 3.x token stream (private, guarded)
        if tok is not None:
            return Span(str(tok.filename or filename), int(tok.lineno), int(tok.column or 0))
    except Exception:  # noqa: BLE001 - best effort only
        pass
    return Span(filename, 0)

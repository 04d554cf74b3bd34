"""Find a function in a generated Rust module and replace exactly its text.

Guarantees:
- Functions are located by name among the module's top-level items with the tokenizer of
  ``rustlex``: braces inside strings, chars and comments never confuse the match, and a
  name that only appears in another function's body or in a comment is never taken.
- ``replace_fn`` changes only the span of that one function (plus the c2safe marker comment
  directly above it, which it rewrites): every byte before and after is kept, so a splice
  cannot alter the rest of the crate.
- ``Splice`` tells where the new function starts and how many lines it has, so compiler
  messages about the module map back to the candidate's own lines.
- ``write_atomic`` replaces a file by rename from a temporary file in the same directory: a
  reader sees the old text or the new one, never a mix.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from llm.fill.rustlex import FnItem, find_fn, tokenize

MARKER_PREFIX = "// c2safe: filled by LLM"


class SpliceError(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class Splice:
    text: str  # the whole module after the splice
    start_line: int  # 1-based line of the new function's first line (after the marker)
    line_count: int  # lines of the new function

    def candidate_line(self, module_line: int) -> int | None:
        """The 1-based line of the candidate for a module line, or None outside it."""
        offset = module_line - self.start_line
        return offset + 1 if 0 <= offset < self.line_count else None


def locate(text: str, name: str) -> FnItem:
    item = find_fn(text, name)
    if item is None:
        raise SpliceError(f"no top-level function `{name}` in the module")
    return item


def function_text(text: str, name: str) -> str:
    """The text of function ``name`` (attributes and visibility through the closing brace)."""
    item = locate(text, name)
    return text[item.start : item.end]


def signature(text: str, name: str) -> str:
    """The signature of ``name`` as written: visibility through the return type."""
    item = locate(text, name)
    return text[item.sig_start : item.body_start].strip()


def signature_of(fn_text: str) -> str:
    """The signature of the first top-level function of a snippet."""
    from llm.fill.rustlex import find_fns

    fns = find_fns(fn_text)
    if not fns:
        raise SpliceError("no function in the text")
    return fn_text[fns[0].sig_start : fns[0].body_start].strip()


def stub_message(text: str, name: str) -> str | None:
    """The panic message of a c2safe stub named ``name``, or None if it is not a stub."""
    item = find_fn(text, name)
    if item is None:
        return None
    body = text[item.body_start : item.end]
    needle = f"c2safe: `{name}` was not translated"
    for tok in tokenize(body):
        if tok.kind == "str" and needle in tok.text:
            return tok.text.strip('"')
    return None


def replace_fn(text: str, name: str, new_fn: str, marker: str | None = None) -> Splice:
    """Replace function ``name`` with ``new_fn``; put ``marker`` (a comment line) above it.

    An existing c2safe marker line directly above the old function is removed first, so
    re-filling a function never stacks markers."""
    item = locate(text, name)
    start = _line_start(text, item.start)
    prefix = text[:start]
    lines = prefix.splitlines(keepends=True)
    while lines and lines[-1].strip().startswith(MARKER_PREFIX):
        lines.pop()
    prefix = "".join(lines)
    indent = text[start : item.start]
    body = new_fn.strip("\n")
    head = f"{indent}{marker}\n" if marker else ""
    new_text = prefix + head + indent + body + text[item.end :]
    start_line = prefix.count("\n") + 1 + (1 if marker else 0)
    return Splice(new_text, start_line, body.count("\n") + 1)


def _line_start(text: str, offset: int) -> int:
    nl = text.rfind("\n", 0, offset)
    start = nl + 1
    return start if text[start:offset].strip() == "" else offset


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

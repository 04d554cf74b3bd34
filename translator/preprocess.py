"""Preprocessing: run ``gcc -E`` on one C file with c2safe's libc headers and prelude.

Guarantees: the returned text has no preprocessor directives except ``#``-line
markers (kept, so parser coordinates point into the original files); GNU
extensions are defined away; standard and POSIX headers resolve (``std_headers``);
a header found nowhere is C2S010 naming it; KaRaMeL's byte-order helpers are plain function
declarations (see ``include/c2safe_prelude.h``); the last member of a struct or
union body ends with ``;`` even where the source left it out, as gcc accepts
(line numbers are unchanged). Failures raise ``C2SafeError``
with code C2S003 and the first compiler message's file and line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from translator.diagnostics import C2SafeError, Span, error
from translator.std_headers import INCLUDE_DIR, fallback_dir

PRELUDE = INCLUDE_DIR / "c2safe_prelude.h"


@dataclass(frozen=True)
class PreprocessOptions:
    include_dirs: tuple[Path, ...] = ()
    defines: tuple[str, ...] = ()
    cc: str = "gcc"
    extra: tuple[str, ...] = field(default_factory=tuple)


def cc_command(src: Path, opts: PreprocessOptions) -> list[str]:
    cmd = [opts.cc, "-E", "-std=c11", "-nostdinc", "-U__GNUC__", "-U__STDC_HOSTED__"]
    cmd += ["-isystem", str(INCLUDE_DIR), "-include", str(PRELUDE)]
    for d in opts.include_dirs:
        cmd += ["-I", str(d)]
    for define in opts.defines:
        cmd += ["-D", define]
    cmd += list(opts.extra)
    cmd += ["-idirafter", str(fallback_dir())]
    cmd.append(str(src))
    return cmd


_GCC_MSG = re.compile(
    r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:(?P<col>\d+):)?\s*(?:fatal )?error:\s*(?P<msg>.*)$", re.M
)


def preprocess(src: Path, opts: PreprocessOptions) -> str:
    """Return the preprocessed text of ``src`` or raise ``C2SafeError`` (C2S003/C2S008)."""
    if shutil.which(opts.cc) is None:
        raise C2SafeError(
            error("C2S008", f"C compiler `{opts.cc}` not found on PATH", Span(str(src), 0))
        )
    proc = subprocess.run(cc_command(src, opts), capture_output=True, text=True, errors="replace")
    if proc.returncode != 0:
        m = _GCC_MSG.search(proc.stderr)
        if m:
            span = Span(m["file"], int(m["line"]), int(m["col"] or 0))
            msg = m["msg"].strip()
        else:
            span = Span(str(src), 0)
            msg = (
                proc.stderr.strip().splitlines()[-1]
                if proc.stderr.strip()
                else "preprocessor failed"
            )
        missing = _MISSING.match(msg)
        if missing:
            header = missing["header"]
            raise C2SafeError(
                error(
                    "C2S010",
                    f"header <{header}> not found: it is not a standard header c2safe "
                    "supplies; pass its directory with -I",
                    span,
                )
            )
        raise C2SafeError(error("C2S003", f"preprocessing failed: {msg}", span))
    text = _INT128.sub("c2safe_int128", _UINT128.sub("c2safe_uint128", proc.stdout))
    return terminate_members(_replace_inline_asm(text))


_RECORD_HEAD = re.compile(r"\b(?:struct|union)\s*(?:[A-Za-z_]\w*\s*)?$")


def terminate_members(text: str) -> str:
    """Add the ``;`` gcc lets a struct or union body omit after its last member.

    Braces are tracked with a stack that knows which ones open a record body (the
    ``{`` follows ``struct``/``union`` and an optional tag); string and character
    literals and ``#`` line markers are skipped. A record body's ``}`` gets a ``;``
    before it when the previous character is not ``;`` or ``{``, or is the ``}`` that
    closed a nested anonymous record (``union { ... } }``, itself a member).
    """
    out: list[str] = []
    stack: list[bool] = []  # True: the brace opened a struct/union body
    record_ends: set[int] = set()  # positions of ``}`` that closed a record body
    start = 0
    for m in _BRACE_SCAN.finditer(text):
        tok = m.group()
        if tok == "{":
            stack.append(bool(_RECORD_HEAD.search(text, max(0, m.start() - 200), m.start())))
        elif tok == "}":
            record = stack.pop() if stack else False
            if not record:
                continue
            j = m.start() - 1
            while j >= 0 and text[j].isspace():
                j -= 1
            prev = text[j] if j >= 0 else ";"
            if prev not in ";{}" or (prev == "}" and j in record_ends):
                out.append(text[start : m.start()] + ";")
                start = m.start()
            record_ends.add(m.start())
    out.append(text[start:])
    return "".join(out)


_BRACE_SCAN = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|^#[^\n]*|[{}]', re.MULTILINE)


_MISSING = re.compile(r"^(?P<header>[^:]+): No such file or directory")

_ASM = re.compile(
    r"\b(?:__asm__|__asm|asm)\b(?:\s+(?:__volatile__|__volatile|volatile|goto))*\s*\("
)


def _replace_inline_asm(text: str) -> str:
    """Replace each inline-assembly statement ``asm(...)`` by a call the lowering refuses
    with C2S108 (pycparser cannot parse GNU asm operands)."""
    out: list[str] = []
    pos = 0
    for m in _ASM.finditer(text):
        if m.start() < pos:
            continue
        depth, i, quote = 1, m.end(), ""
        while i < len(text) and depth:
            ch = text[i]
            if quote:
                if ch == "\\":
                    i += 1
                elif ch == quote:
                    quote = ""
            elif ch in "\"'":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            i += 1
        newlines = text.count("\n", m.start(), i)  # keep line numbers
        out.append(text[pos : m.start()] + "c2safe_inline_asm()" + "\n" * newlines)
        pos = i
    out.append(text[pos:])
    return "".join(out)


# pycparser has no ``__int128``: spell it as typedef names the lowering maps to u128/i128
_UINT128 = re.compile(r"\bunsigned\s+__int128\b|\b__int128\s+unsigned\b|\b__uint128_t\b")
_INT128 = re.compile(r"\b(?:signed\s+)?__int128(?:_t)?\b")

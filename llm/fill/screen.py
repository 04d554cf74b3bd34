"""Extract a candidate function from a model reply and screen it BEFORE anything compiles it.

Candidates are untrusted code: cargo would compile them and ``cargo test`` would run them.
``screen`` works on tokens (``rustlex``), so nothing hidden in strings or comments counts,
and nothing written with odd spacing or line breaks slips through.

A candidate passes only if ALL of these hold:
- it lexes (no unterminated literal or comment) and its delimiters balance;
- it is exactly one top-level item: ``fn NAME`` with the required signature (compared token
  by token, so only whitespace and a trailing comma may differ), optionally preceded by
  comments and ``#[inline]``/``#[allow(..)]``/``#[must_use]`` attributes;
- it contains no ``unsafe``, ``extern``, ``impl``, ``trait``, ``mod``, ``union``,
  ``static mut``, raw pointer types (``*const``/``*mut``), inner attributes (``#![..]``) or
  other attributes (``#[no_mangle]``, ``#[link]``, ``#[export_name]``, ``#[cfg]``, ...);
- it invokes no macro outside a small allow-list (``panic``, ``assert*``, ``unreachable``,
  ``vec``, ``matches``, ``format``); in particular never ``include!``/``include_str!``/
  ``include_bytes!``/``env!``/``option_env!``/``asm!``/``macro_rules!`` or printing;
- it names no ``fs``/``net``/``process``/``env``/``thread``/``os``/``ffi``/``io``/``arch``/
  ``time``/``atomic`` module in a path (``x::fs``, ``fs::x``) or a ``use``;
- it is not a stub again (``todo!``, ``unimplemented!``, c2safe's "was not translated" panic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from llm.fill.rustlex import (
    KEYWORDS,
    LexError,
    Token,
    matching,
    normalize_signature,
    plain_name,
    tokenize,
    top_level_items,
)

MAX_CANDIDATE_CHARS = 64_000

ALLOWED_MACROS = frozenset(
    {
        "panic",
        "assert",
        "assert_eq",
        "assert_ne",
        "debug_assert",
        "debug_assert_eq",
        "debug_assert_ne",
        "unreachable",
        "vec",
        "matches",
        "format",
    }
)
MACRO_REASONS = {
    "include": "include! reads files at compile time",
    "include_str": "include_str! reads files at compile time",
    "include_bytes": "include_bytes! reads files at compile time",
    "env": "env! reads the build environment",
    "option_env": "option_env! reads the build environment",
    "asm": "inline assembly (asm!)",
    "global_asm": "inline assembly (global_asm!)",
    "naked_asm": "inline assembly (naked_asm!)",
    "macro_rules": "macro_rules! defines a macro",
    "concat_idents": "concat_idents! builds identifiers",
    "println": "printing (println!) is I/O",
    "print": "printing (print!) is I/O",
    "eprintln": "printing (eprintln!) is I/O",
    "eprint": "printing (eprint!) is I/O",
    "dbg": "printing (dbg!) is I/O",
    "write": "write! is I/O",
    "writeln": "writeln! is I/O",
    "todo": "todo! is not a translation",
    "unimplemented": "unimplemented! is not a translation",
}
FORBIDDEN_MODULES = frozenset(
    {"fs", "net", "process", "env", "thread", "os", "ffi", "io", "arch", "time", "atomic"}
)
FORBIDDEN_KEYWORDS = {
    "unsafe": "`unsafe` code",
    "extern": "`extern` (FFI or foreign crates)",
    "impl": "`impl` blocks (changes outside the function)",
    "trait": "trait definitions",
    "mod": "module definitions",
    "union": "unions",
}
ALLOWED_ATTRIBUTES = frozenset({"inline", "allow", "must_use"})
STUB_NEEDLE = "was not translated"
# tokens that may stand before `fn` in the one item (the signature check then decides)
_FN_PREFIX = frozenset({"pub", "crate", "super", "in", "const", "async", "unsafe", "extern"})


@dataclass(frozen=True)
class ScreenResult:
    ok: bool
    reasons: tuple[str, ...] = ()
    function: str = ""  # the accepted function's text (attributes through closing brace)

    def render(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class Extracted:
    code: str | None
    problem: str = ""
    fenced: bool = field(default=False)


_FENCE = re.compile(r"^[ \t]*(```+|~~~+)[ \t]*([\w+#-]*)[^\n]*$", re.MULTILINE)


def extract_candidate(reply: str, name: str) -> Extracted:
    """The code the model proposes for ``name``.

    Prefers a fenced block (```rust or plain ```) that defines ``fn name``; otherwise the
    first fenced block with any ``fn``; otherwise unfenced text starting at ``fn name``.
    An unterminated fence (a reply cut off by the token limit) is reported, not guessed."""
    blocks: list[tuple[str, str]] = []
    fences = list(_FENCE.finditer(reply))
    k = 0
    while k < len(fences):
        opening = fences[k]
        closing = next(
            (
                f
                for f in fences[k + 1 :]
                if f.group(1)[0] == opening.group(1)[0]
                and len(f.group(1)) >= len(opening.group(1))
                and not f.group(2)
            ),
            None,
        )
        if closing is None:
            body = reply[opening.end() :]
            if _defines(body, name) or not blocks:
                return Extracted(None, "the code block is not closed (reply cut off?)")
            break
        blocks.append((opening.group(2).lower(), reply[opening.end() + 1 : closing.start()]))
        k = fences.index(closing) + 1
    for lang, code in blocks:
        if lang in ("", "rust", "rs") and _defines(code, name):
            return Extracted(code.strip("\n"), fenced=True)
    for lang, code in blocks:
        if lang in ("", "rust", "rs") and re.search(r"\bfn\b", code):
            return Extracted(code.strip("\n"), fenced=True)
    if blocks:
        return Extracted(None, f"no code block defines `fn {name}`")
    m = re.search(
        rf"^[ \t]*(?:#\[[^\n]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?fn\s+(?:r#)?{name}\b",
        reply,
        re.MULTILINE,
    )
    if m is None:
        return Extracted(None, f"the reply has no code block and no `fn {name}`")
    return Extracted(reply[m.start() :].strip("\n"))


def _defines(code: str, name: str) -> bool:
    return re.search(rf"\bfn\s+(?:r#)?{re.escape(name)}\b", code) is not None


def screen(candidate: str, name: str, signature: str) -> ScreenResult:
    """Check ``candidate`` against the rules above; ``signature`` is the stub's signature."""
    if len(candidate) > MAX_CANDIDATE_CHARS:
        return ScreenResult(False, (f"candidate is too long ({len(candidate)} characters)",))
    try:
        tokens = tokenize(candidate)
        items = top_level_items(tokens)
    except LexError as exc:
        return ScreenResult(False, (f"malformed Rust: {exc.message}",))
    if not tokens:
        return ScreenResult(False, ("the candidate is empty",))
    reasons: list[str] = []
    reasons.extend(_forbidden(tokens))
    fn_range = _single_fn(tokens, items, name, reasons)
    function = ""
    if fn_range is not None:
        first, sig_start, body_open, last = fn_range
        got = normalize_signature(candidate[tokens[sig_start].start : tokens[body_open].start])
        want = normalize_signature(signature)
        if got != want:
            reasons.append(f"signature changed: expected `{want}`, got `{got}`")
        function = candidate[tokens[first].start : tokens[last].end]
    # de-duplicate, keep order
    unique = tuple(dict.fromkeys(reasons))
    return ScreenResult(not unique, unique, function if not unique else "")


def _forbidden(tokens: list[Token]) -> list[str]:
    reasons: list[str] = []
    n = len(tokens)
    for k, t in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < n else None
        prev = tokens[k - 1] if k > 0 else None
        if t.kind == "ident":
            word = plain_name(t.text)
            if t.text in FORBIDDEN_KEYWORDS:
                reasons.append(f"forbidden: {FORBIDDEN_KEYWORDS[t.text]}")
            if t.text == "macro_rules" and nxt is not None and nxt.is_punct("!"):
                reasons.append(f"forbidden: {MACRO_REASONS['macro_rules']}")
            if t.text == "static" and nxt is not None and nxt.is_ident("mut"):
                reasons.append("forbidden: `static mut` (mutable global state)")
            if (
                nxt is not None
                and nxt.is_punct("!")
                and k + 2 < n
                and tokens[k + 2].kind == "punct"
                and tokens[k + 2].text in "([{"
                and t.text not in KEYWORDS
                and not (prev is not None and prev.is_punct("."))
            ):
                reasons.extend(_macro(word))
            if word in FORBIDDEN_MODULES and (
                (nxt is not None and nxt.is_punct("::"))
                or (prev is not None and prev.is_punct("::"))
            ):
                reasons.append(
                    f"forbidden: the `{word}` module (no file, network, process, "
                    "environment, thread or OS access)"
                )
            if t.text == "use":
                end = next((j for j in range(k, n) if tokens[j].is_punct(";")), n - 1)
                for u in tokens[k:end]:
                    if u.kind == "ident" and plain_name(u.text) in FORBIDDEN_MODULES:
                        reasons.append(f"forbidden: `use` of the `{plain_name(u.text)}` module")
        elif t.is_punct("*") and nxt is not None and nxt.text in ("const", "mut"):
            reasons.append("forbidden: raw pointer types (`*const`/`*mut`)")
        elif t.kind == "str" and STUB_NEEDLE in t.text:
            reasons.append("the candidate is still a c2safe stub")
        elif t.is_punct("#"):
            if nxt is not None and nxt.is_punct("!"):
                reasons.append("forbidden: inner attributes (`#![...]`)")
            elif nxt is not None and nxt.is_punct("["):
                attr = tokens[k + 2] if k + 2 < n else None
                if attr is None or attr.kind != "ident" or attr.text not in ALLOWED_ATTRIBUTES:
                    shown = attr.text if attr is not None else ""
                    reasons.append(f"forbidden: attribute `#[{shown}]`")
    return reasons


def _macro(word: str) -> list[str]:
    if word in ALLOWED_MACROS:
        return []
    if word in MACRO_REASONS:
        return [f"forbidden: {MACRO_REASONS[word]}"]
    return [f"forbidden: macro `{word}!` (allowed: {', '.join(sorted(ALLOWED_MACROS))})"]


def _single_fn(
    tokens: list[Token], items: list[tuple[int, int]], name: str, reasons: list[str]
) -> tuple[int, int, int, int] | None:
    """(first, signature start, body `{`, body `}`) of the one function, else reasons."""
    fns: list[tuple[int, int, int, int, int]] = []
    others: list[str] = []
    for first, last in items:
        k = first
        while k <= last and tokens[k].is_punct("#"):
            j = k + 1
            if j <= last and tokens[j].is_punct("!"):
                j += 1
            if j <= last and tokens[j].is_punct("["):
                k = matching(tokens, j) + 1
            else:
                break
        fn_kw = next((j for j in range(k, min(last, k + 8) + 1) if tokens[j].is_ident("fn")), None)
        if fn_kw is None or any(
            not (tokens[j].kind == "ident" and tokens[j].text in _FN_PREFIX)
            and not tokens[j].is_punct("(")
            and not tokens[j].is_punct(")")
            and not (tokens[j].kind == "str" and tokens[j - 1].is_ident("extern"))
            for j in range(k, fn_kw)
        ):
            others.append(_describe(tokens, first, last))
            continue
        body_open = next((j for j in range(fn_kw, last + 1) if tokens[j].is_punct("{")), None)
        if body_open is None or not tokens[last].is_punct("}"):
            others.append("a function without a body")
            continue
        fns.append((first, k, fn_kw, body_open, last))
    for what in others:
        reasons.append(f"only the one function may be given: found {what}")
    if not fns:
        reasons.append(f"no `fn {name}` in the candidate")
        return None
    if len(fns) > 1:
        names = [plain_name(tokens[f[2] + 1].text) for f in fns if f[2] + 1 < len(tokens)]
        reasons.append(f"only the one function may be given: found functions {', '.join(names)}")
    fn = next((f for f in fns if plain_name(tokens[f[2] + 1].text) == plain_name(name)), None)
    if fn is None:
        got = plain_name(tokens[fns[0][2] + 1].text)
        reasons.append(f"the function must be named `{name}`, not `{got}`")
        return None
    return fn[0], fn[1], fn[3], fn[4]


def _describe(tokens: list[Token], first: int, last: int) -> str:
    words = [t.text for t in tokens[first : min(last + 1, first + 4)]]
    return "`" + " ".join(words) + (" ...`" if last - first >= 4 else "`")

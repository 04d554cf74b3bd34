"""A small Rust tokenizer and item finder: enough to locate, compare and screen functions.

Guarantees:
- Comments (line, nested block), string literals (with escapes, byte/C strings, raw strings
  with any number of ``#``), char and byte literals, and lifetimes/labels are single tokens,
  so braces, keywords or ``unsafe`` inside them are never mistaken for code.
- An unterminated comment or literal, or a character that starts no Rust token, raises
  ``LexError`` with its offset: callers treat the text as malformed, never guess.
- ``find_fns`` reports top-level (brace depth 0) ``fn`` items only, each with the span from
  its first attribute or visibility token to its closing brace, and the body span.
This is not a parser: it does not check that the Rust is well formed beyond balanced
delimiters. rustc does that; this module only needs to be right about *where* things are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from translator.rust_names import RUST_KEYWORDS

_IDENT = re.compile(r"[^\W\d]\w*")
_NUMBER = re.compile(
    r"0[xX][0-9a-fA-F_]+(?:[iu](?:8|16|32|64|128|size))?"
    r"|0[oO][0-7_]+(?:[iu](?:8|16|32|64|128|size))?"
    r"|0[bB][01_]+(?:[iu](?:8|16|32|64|128|size))?"
    r"|\d[\d_]*(?:\.(?![.\w])|\.\d[\d_]*)?(?:[eE][+-]?[\d_]+)?"
    r"(?:[iu](?:8|16|32|64|128|size)|f32|f64)?"
)
_STRING_PREFIXES = ("b", "c", "r", "br", "cr")
_MULTI_PUNCT = ("::", "->", "=>")

# Rust's keywords (strict and reserved) plus the contextual `union`
KEYWORDS = frozenset(RUST_KEYWORDS | {"union"})


class LexError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} at offset {offset}")
        self.message = message
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # ident | lifetime | char | str | num | punct | comment
    text: str
    start: int
    end: int

    def is_punct(self, text: str) -> bool:
        return self.kind == "punct" and self.text == text

    def is_ident(self, text: str) -> bool:
        return self.kind == "ident" and self.text == text


def tokenize(text: str, keep_comments: bool = False) -> list[Token]:
    """Split Rust source into tokens (comments dropped unless ``keep_comments``)."""
    out: list[Token] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            if keep_comments:
                out.append(Token("comment", text[i:j], i, j))
            i = j
            continue
        if text.startswith("/*", i):
            j = _block_comment_end(text, i)
            if keep_comments:
                out.append(Token("comment", text[i:j], i, j))
            i = j
            continue
        m = _IDENT.match(text, i)
        if m:
            word = m.group()
            j = m.end()
            if word in _STRING_PREFIXES and j < n and text[j] in '"#':
                if "r" in word:
                    end = _raw_string_end(text, j)
                    if end is not None:
                        out.append(Token("str", text[i:end], i, end))
                        i = end
                        continue
                elif text[j] == '"':
                    end = _string_end(text, j)
                    out.append(Token("str", text[i:end], i, end))
                    i = end
                    continue
            if word == "r" and text.startswith("#", j):  # raw identifier r#name
                m2 = _IDENT.match(text, j + 1)
                if m2:
                    out.append(Token("ident", text[i : m2.end()], i, m2.end()))
                    i = m2.end()
                    continue
            if word == "b" and j < n and text[j] == "'":
                end = _char_end(text, j)
                if end is None:
                    raise LexError("bad byte literal", i)
                out.append(Token("char", text[i:end], i, end))
                i = end
                continue
            out.append(Token("ident", word, i, j))
            i = j
            continue
        if c == '"':
            end = _string_end(text, i)
            out.append(Token("str", text[i:end], i, end))
            i = end
            continue
        if c == "'":
            end = _char_end(text, i)
            if end is not None:
                out.append(Token("char", text[i:end], i, end))
                i = end
                continue
            m = _IDENT.match(text, i + 1)
            if not m:
                raise LexError("stray quote", i)
            out.append(Token("lifetime", text[i : m.end()], i, m.end()))
            i = m.end()
            continue
        if c.isdigit():
            m = _NUMBER.match(text, i)
            assert m is not None
            out.append(Token("num", m.group(), i, m.end()))
            i = m.end()
            continue
        two = text[i : i + 2]
        if two in _MULTI_PUNCT:
            out.append(Token("punct", two, i, i + 2))
            i += 2
            continue
        if c in "{}[]()<>;:,.=+-*/%&|^!~?@#$":
            out.append(Token("punct", c, i, i + 1))
            i += 1
            continue
        raise LexError(f"unexpected character {c!r}", i)
    return out


def _block_comment_end(text: str, i: int) -> int:
    depth = 0
    j = i
    n = len(text)
    while j < n:
        if text.startswith("/*", j):
            depth += 1
            j += 2
        elif text.startswith("*/", j):
            depth -= 1
            j += 2
            if depth == 0:
                return j
        else:
            j += 1
    raise LexError("unterminated block comment", i)


def _string_end(text: str, i: int) -> int:
    """``text[i]`` is the opening quote; return the offset after the closing one."""
    j = i + 1
    n = len(text)
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == '"':
            return j + 1
        j += 1
    raise LexError("unterminated string literal", i)


def _raw_string_end(text: str, j: int) -> int | None:
    """``text[j:]`` starts with ``#*"``; None when it is not a raw string after all."""
    hashes = 0
    n = len(text)
    while j < n and text[j] == "#":
        hashes += 1
        j += 1
    if j >= n or text[j] != '"':
        return None
    close = '"' + "#" * hashes
    end = text.find(close, j + 1)
    if end < 0:
        raise LexError("unterminated raw string literal", j)
    return end + len(close)


def _char_end(text: str, i: int) -> int | None:
    """``text[i]`` is a quote: the end of a char literal there, or None (a lifetime)."""
    n = len(text)
    if i + 1 < n and text[i + 1] == "\\":
        end = text.find("'", i + 3)
        if end < 0 or "\n" in text[i:end]:
            raise LexError("unterminated char literal", i)
        return end + 1
    if i + 2 < n and text[i + 2] == "'" and text[i + 1] != "'":
        return i + 3
    return None


# ---- items ---------------------------------------------------------------------------------

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {")", "]", "}"}


def matching(tokens: list[Token], index: int) -> int:
    """Index of the delimiter closing the one at ``index`` (raises LexError if unbalanced)."""
    stack: list[str] = []
    for k in range(index, len(tokens)):
        t = tokens[k]
        if t.kind != "punct":
            continue
        if t.text in _OPEN:
            stack.append(_OPEN[t.text])
        elif t.text in _CLOSE:
            if not stack or stack[-1] != t.text:
                raise LexError(f"unbalanced {t.text!r}", t.start)
            stack.pop()
            if not stack:
                return k
    raise LexError("unclosed delimiter", tokens[index].start)


@dataclass(frozen=True, slots=True)
class FnItem:
    """A top-level ``fn`` item: token indices and text offsets."""

    name: str  # without ``r#``
    first: int  # token index of the first attribute / visibility / `fn` token
    fn_kw: int  # token index of `fn`
    body_open: int  # token index of the body's `{`
    body_close: int  # token index of the body's `}`
    start: int  # text offset of ``first``
    end: int  # text offset after the closing brace
    sig_start: int  # text offset of the visibility (or `fn`): attributes excluded
    body_start: int  # text offset of the body's `{`


def plain_name(ident_text: str) -> str:
    return ident_text[2:] if ident_text.startswith("r#") else ident_text


def top_level_items(tokens: list[Token]) -> list[tuple[int, int]]:
    """Token index ranges ``[first, last]`` of the depth-0 items (split at `;` and `}`)."""
    items: list[tuple[int, int]] = []
    k = 0
    n = len(tokens)
    while k < n:
        first = k
        while k < n:
            t = tokens[k]
            if t.kind == "punct" and t.text in _OPEN:
                close = matching(tokens, k)
                if t.text == "{" and not _is_expression_brace(tokens, first, k):
                    k = close
                    break
                k = close + 1
                continue
            if t.kind == "punct" and t.text in _CLOSE:
                raise LexError(f"unbalanced {t.text!r}", t.start)
            if t.is_punct(";"):
                break
            k += 1
        items.append((first, min(k, n - 1)))
        k += 1
    return items


def _is_expression_brace(tokens: list[Token], first: int, k: int) -> bool:
    """A `{` inside `static X: T = S { .. };` or `const` initialisers does not end the item."""
    return any(tokens[j].is_punct("=") for j in range(first, k))


def find_fns(text: str) -> list[FnItem]:
    """All top-level functions of a Rust file, in order."""
    tokens = tokenize(text)
    found: list[FnItem] = []
    for first, last in top_level_items(tokens):
        item = _fn_item(tokens, first, last)
        if item is not None:
            found.append(item)
    return found


def _fn_item(tokens: list[Token], first: int, last: int) -> FnItem | None:
    k = first
    sig_start: int | None = None
    while k <= last:
        t = tokens[k]
        if t.is_punct("#"):  # attribute: `#` [`!`] `[ ... ]`
            j = k + 1
            if j <= last and tokens[j].is_punct("!"):
                j += 1
            if j <= last and tokens[j].is_punct("["):
                k = matching(tokens, j) + 1
                continue
            return None
        if sig_start is None:
            sig_start = k
        if t.is_ident("fn"):
            break
        if t.is_ident("pub") and k + 1 <= last and tokens[k + 1].is_punct("("):
            k = matching(tokens, k + 1) + 1
            continue
        if t.kind == "ident" and t.text in ("pub", "const", "async", "unsafe", "extern", "default"):
            k += 1
            continue
        if t.kind == "str" and k > first and tokens[k - 1].is_ident("extern"):
            k += 1
            continue
        return None
    if k > last or not tokens[k].is_ident("fn") or k + 1 > last:
        return None
    name_tok = tokens[k + 1]
    if name_tok.kind != "ident":
        return None
    depth = 0
    j = k + 2
    while j <= last:
        t = tokens[j]
        if t.kind == "punct":
            if t.text in ("(", "["):
                depth += 1
            elif t.text in (")", "]"):
                depth -= 1
            elif t.text == "{" and depth == 0:
                break
            elif t.text == ";" and depth == 0:
                return None
        j += 1
    if j > last:
        return None
    close = matching(tokens, j)
    assert sig_start is not None
    return FnItem(
        name=plain_name(name_tok.text),
        first=first,
        fn_kw=k,
        body_open=j,
        body_close=close,
        start=tokens[first].start,
        end=tokens[close].end,
        sig_start=tokens[sig_start].start,
        body_start=tokens[j].start,
    )


def find_fn(text: str, name: str) -> FnItem | None:
    """The top-level function ``name`` (``r#`` prefixes ignored), or None."""
    wanted = plain_name(name)
    return next((f for f in find_fns(text) if f.name == wanted), None)


def normalize_signature(signature: str) -> str:
    """Token texts joined by single spaces, a trailing comma before `)` dropped, and each
    parameter's binding (`name:`, `mut name:`) dropped: a signature is its name, parameter
    types and return type, so two signatures are the same exactly when their normal forms
    are equal (a stub's unused `_out` and a candidate's `out` are the same parameter)."""
    toks = [t.text for t in tokenize(signature)]
    out: list[str] = []
    depth = 0  # bracket depth inside the parameter list (0: outside it)
    done = False
    k = 0
    while k < len(toks):
        t = toks[k]
        if t == "," and k + 1 < len(toks) and toks[k + 1] == ")":
            k += 1
            continue
        out.append(t)
        k += 1
        if done:
            continue
        if t in ("(", "["):
            depth += 1
        elif t in (")", "]"):
            depth -= 1
            done = depth == 0
            continue
        if depth == 1 and t in ("(", ","):  # a parameter starts: drop `[mut] name :`
            j = k + 1 if k < len(toks) and toks[k] == "mut" else k
            if j + 1 < len(toks) and toks[j + 1] == ":" and _is_binding(toks[j]):
                k = j + 2
    return " ".join(out)


def _is_binding(text: str) -> bool:
    return re.fullmatch(r"(?:r#)?[A-Za-z_]\w*", text) is not None and text != "self"


def find_struct(text: str, name: str) -> tuple[int, int] | None:
    """Text span of the top-level ``struct name`` item, with its attributes."""
    tokens = tokenize(text)
    for first, last in top_level_items(tokens):
        idx = [k for k in range(first, last + 1) if tokens[k].is_ident("struct")]
        if idx and idx[0] + 1 <= last and plain_name(tokens[idx[0] + 1].text) == name:
            return tokens[first].start, tokens[last].end
    return None


def item_spans(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, name, start, end) of the named top-level items: fn, struct, static, const..."""
    tokens = tokenize(text)
    spans: list[tuple[str, str, int, int]] = []
    kinds = ("fn", "struct", "enum", "static", "const", "type", "union", "trait", "mod")
    for first, last in top_level_items(tokens):
        k = first
        while k <= last:
            t = tokens[k]
            if t.is_punct("#") and k + 1 <= last:  # skip attributes
                j = k + 2 if tokens[k + 1].is_punct("!") else k + 1
                if j <= last and tokens[j].is_punct("["):
                    k = matching(tokens, j) + 1
                    continue
            if t.kind == "ident" and t.text in kinds and k + 1 <= last:
                nxt = tokens[k + 1]
                if t.text == "static" and nxt.is_ident("mut") and k + 2 <= last:
                    nxt = tokens[k + 2]
                if nxt.kind == "ident":
                    start, end = tokens[first].start, tokens[last].end
                    spans.append((t.text, plain_name(nxt.text), start, end))
                break
            k += 1
    return spans

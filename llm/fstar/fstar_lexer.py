"""Tokenise F* source text the way `fstar.exe`'s lexer does, and split it into top-level
declarations.

Guarantees:
- Comments follow F*: `(*` opens a comment, comments nest, `//` runs to
  the end of the line except for the `// IN F*:` marker, whose rest of line *is* code. String
  literals keep their escapes; ``` ``any text`` ``` is the identifier `any text`; `'x'` is a
  character and `'a` a type variable.
- What F* would not lex (an unterminated comment or string, an extension blob ```` ```name ````),
  and `(*)` outside a comment (a comment in today's F*, the `*` operator in older lexers),
  raise `LexError`: callers reject such text rather than guess what F* hides.
- A qualified name (`FStar.List.Tot.length`) is one `name` token; `Token.last` is its final
  segment, so a check on `admit` also sees `Prims.admit`.
- `declarations` splits a token list into top-level declarations. A `let` at bracket depth 0
  starts a new declaration only after a token that can end a term (F*'s grammar cannot
  continue a term with `let`); otherwise it is a nested `let ... in`. `and` continues the
  top-level `let rec` only when no nested `let` is waiting for its `in`.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

TokenKind = Literal["name", "keyword", "string", "char", "number", "tvar", "pragma", "op"]


class LexError(ValueError):
    """Text that F*'s lexer rejects or that cannot be analysed (with a 1-based line)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str
    line: int  # 1-based
    col: int  # 0-based

    @property
    def last(self) -> str:
        """The final segment of a qualified name (the whole text for other tokens)."""
        return self.text.rsplit(".", 1)[-1] if self.kind == "name" else self.text

    @property
    def qualifier(self) -> str:
        """`FStar.List.Tot` for `FStar.List.Tot.length`; '' when unqualified."""
        return self.text.rsplit(".", 1)[0] if self.kind == "name" and "." in self.text else ""


KEYWORDS = frozenset(
    """attributes noeq unopteq and assert assume begin by calc class default decreases effect
    eliminate else end ensures exception exists false friend forall fun function if in include
    inline inline_for_extraction instance introduce irreducible let logic match returns as
    module new new_effect layered_effect polymonadic_bind polymonadic_subcomp noextract of open
    opaque private quote range_of rec reifiable reify reflectable requires set_range_of
    sub_effect synth then total true try type unfold unfoldable val when with _""".split()
)
PRAGMAS = (
    "#set-options",
    "#reset-options",
    "#push-options",
    "#pop-options",
    "#restart-solver",
    "#show-options",
    "#print-effects-graph",
    "#light",
    "#check",
    "#eval",
)
_OP_CHARS = set("!$%&*+-.<>=?^|~:@#\\/")
_MULTI = (
    "[@@@", "[@@", "[@", "(|", "|)", "{|", "|}", "[|", "|]", ".[|", ".(|", ".[", ".(", "%[",
    "!{", "`%", "`#", "`@",
)  # fmt: skip
_OPEN = {"(": ")", "[": "]", "{": "}", "(|": "|)", "{|": "|}", "[|": "|]", ".[": "]",
         ".(": ")", ".[|": "|]", ".(|": "|)", "%[": "]", "!{": "}", "[@": "]", "[@@": "]",
         "[@@@": "]", "begin": "end"}  # fmt: skip
_CLOSE = {")", "]", "}", "|)", "|}", "|]", "end"}


def _ident_start(ch: str) -> bool:
    return ch == "_" or unicodedata.category(ch) == "Ll"


def _upper_start(ch: str) -> bool:
    return unicodedata.category(ch) in ("Lu", "Lt")


def _ident_char(ch: str) -> bool:
    return ch in "_'" or ch.isdigit() or unicodedata.category(ch) in ("Ll", "Lu", "Lo", "Lm", "Lt")


def tokenize(text: str) -> list[Token]:
    """The tokens of `text`, comments dropped (see the module docstring)."""
    return list(_tokens(text))


def _tokens(text: str) -> Iterator[Token]:  # noqa: C901 - one lexer, one loop
    i, n, line, bol = 0, len(text), 1, 0

    def newline(at: int) -> None:
        nonlocal line, bol
        line += 1
        bol = at + 1

    while i < n:
        ch = text[i]
        col = i - bol
        if ch == "\n":
            newline(i)
            i += 1
        elif ch.isspace() or ch == "\ufeff":
            i += 1
        elif text.startswith("(*)", i):
            # today's F* opens a comment here; other lexers read the `*` operator: refuse
            # rather than guess which text F* hides
            raise LexError("'(*)' is read differently by F* versions", line)
        elif text.startswith("(*", i):
            depth, start_line = 1, line
            i += 2
            while depth:
                if i >= n:
                    raise LexError("unterminated comment", start_line)
                if text.startswith("(*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*)", i):
                    depth, i = depth - 1, i + 2
                else:
                    if text[i] == "\n":
                        newline(i)
                    i += 1
        elif text.startswith("// IN F*:", i):
            i += len("// IN F*:")
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("```", i):
            raise LexError("extension syntax (```) cannot be checked", line)
        elif text.startswith("``", i):
            end = text.find("``", i + 2)
            if end == -1 or "\n" in text[i + 2 : end]:
                raise LexError("unterminated ``identifier``", line)
            yield Token("name", text[i + 2 : end], line, col)
            i = end + 2
        elif ch == '"':
            j, start_line = i + 1, line
            while True:
                if j >= n:
                    raise LexError("unterminated string", start_line)
                if text[j] == "\\":
                    if text[j + 1 : j + 2] == "\n":
                        newline(j + 1)
                    j += 2
                    continue
                if text[j] == "\n":
                    newline(j)
                if text[j] == '"':
                    break
                j += 1
            yield Token("string", text[i : j + 1], start_line, col)
            i = j + 1
        elif ch == "'":
            closing = _char_literal_end(text, i)
            if closing is not None:
                yield Token("char", text[i:closing], line, col)
                i = closing
            else:
                j = i + 1
                while j < n and _ident_char(text[j]):
                    j += 1
                yield Token("tvar", text[i:j], line, col)
                i = max(j, i + 1)
        elif ch == "#" and (text.startswith("#lang-", i) or text.startswith(PRAGMAS, i)):
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "-_"):
                j += 1
            yield Token("pragma", text[i:j], line, col)
            i = j
        elif text.startswith(("%splice_t", "%splice"), i):
            word = "%splice_t" if text.startswith("%splice_t", i) else "%splice"
            yield Token("keyword", word, line, col)
            i += len(word)
        elif _ident_start(ch) or _upper_start(ch):
            j = i
            while j < n and _ident_char(text[j]):
                j += 1
            # qualified names: Upper(.Upper)*(.ident)?
            segment_upper = _upper_start(ch)
            while segment_upper and text[j : j + 1] == "." and j + 1 < n:
                nxt = text[j + 1]
                if not (_ident_start(nxt) or _upper_start(nxt)):
                    break
                segment_upper = _upper_start(nxt)
                j += 1
                while j < n and _ident_char(text[j]):
                    j += 1
            word = text[i:j]
            kind: TokenKind = "keyword" if word in KEYWORDS else "name"
            yield Token(kind, word, line, col)
            i = j
        elif ch.isdigit():
            j = i
            while j < n and (
                _ident_char(text[j]) or (text[j] == "." and text[j + 1 : j + 2].isdigit())
            ):
                j += 1
            yield Token("number", text[i:j], line, col)
            i = j
        else:
            multi = next((m for m in _MULTI if text.startswith(m, i)), None)
            if multi is not None:
                yield Token("op", multi, line, col)
                i += len(multi)
            elif ch in "()[]{},;`":
                if text.startswith("()", i):
                    yield Token("op", "()", line, col)
                    i += 2
                else:
                    yield Token("op", ch, line, col)
                    i += 1
            elif ch in _OP_CHARS:
                j = i
                while j < n and text[j] in _OP_CHARS and not text.startswith("//", j):
                    j += 1
                yield Token("op", text[i:j], line, col)
                i = j
            else:
                yield Token("op", ch, line, col)  # unicode operators and the like
                i += 1


def _char_literal_end(text: str, i: int) -> int | None:
    """End of a character literal starting at `i` (`'a'`, `'\\n'`, `'\\x41'`), else None."""
    if text.startswith("\\", i + 1):
        for size in (2, 4, 6):  # \n, \xhh, \uhhhh
            end = i + 1 + size
            if text[end : end + 1] == "'":
                return end + 1 + (1 if text[end + 1 : end + 2] == "B" else 0)
        return None
    if i + 2 < len(text) and text[i + 2] == "'" and text[i + 1] != "\n":
        return i + 3 + (1 if text[i + 3 : i + 4] == "B" else 0)
    return None


# ---- top-level declarations --------------------------------------------------------------

DeclKind = Literal["let", "val", "type", "assume", "open", "module", "pragma", "effect", "other"]

QUALIFIERS = frozenset(
    """private inline_for_extraction noextract irreducible unfold unfoldable abstract noeq
    unopteq total reifiable reflectable opaque logic inline new""".split()
)
_DECL_KEYWORDS = {
    "let": "let", "val": "val", "type": "type", "assume": "assume", "open": "open",
    "include": "open", "friend": "open", "module": "module", "effect": "effect",
    "new_effect": "effect", "sub_effect": "effect", "layered_effect": "effect",
    "polymonadic_bind": "effect", "polymonadic_subcomp": "effect", "class": "type",
    "instance": "let", "exception": "type", "%splice": "other", "%splice_t": "other",
}  # fmt: skip
_ENDS_TERM_KINDS = frozenset({"name", "string", "char", "number", "tvar", "pragma"})
_ENDS_TERM_TEXT = frozenset({")", "]", "}", "|)", "|}", "|]", "()", "end", "true", "false", "_"})


_ATTR_END = Token("op", "<attribute>", 0, 0)


def ends_term(token: Token | None) -> bool:
    """Can a term end with this token (so that a following `let` starts a declaration)?"""
    if token is None:
        return True
    if token.kind in _ENDS_TERM_KINDS:
        return True
    return token.text in _ENDS_TERM_TEXT


@dataclass(frozen=True, slots=True)
class Binding:
    """One name bound by a top-level `let`/`let rec ... and ...` (body tokens included)."""

    name: str
    line: int
    tokens: tuple[Token, ...]


@dataclass
class Declaration:
    kind: DeclKind
    tokens: list[Token] = field(default_factory=list)
    keyword: str = ""  # the token that fixed the kind (`let`, `val`, `#push-options`, ...)
    recursive: bool = False
    bindings: list[Binding] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.tokens[0].line if self.tokens else 0

    def names(self) -> list[str]:
        return [b.name for b in self.bindings]


def declarations(tokens: Sequence[Token]) -> list[Declaration]:
    """Split tokens into top-level declarations (see the module docstring)."""
    decls: list[Declaration] = []
    current: Declaration | None = None
    header_only = False  # the current declaration has only qualifiers/attributes so far
    stack: list[str] = []
    pending_lets = 0
    prev: Token | None = None
    for tok in tokens:
        text = tok.text
        at_top = not stack
        starts = False
        if at_top and tok.kind == "pragma":
            starts = True
        elif at_top and tok.kind == "keyword" and text in _DECL_KEYWORDS:
            if text == "let":
                starts = ends_term(prev) and pending_lets == 0 or header_only
            elif text in ("open", "module") and prev is not None and prev.text == "let":
                starts = False
            else:
                starts = ends_term(prev) or header_only or current is None
        elif at_top and (text in QUALIFIERS or text in ("[@@", "[@")) and ends_term(prev):
            starts = not header_only
        if starts and header_only and current is not None and tok.kind != "pragma":
            current.tokens.append(tok)
            if text in _DECL_KEYWORDS:
                current.kind = _DECL_KEYWORDS[text]  # type: ignore[assignment]
                current.keyword = text
                header_only = False
        elif starts:
            kind: DeclKind = "pragma" if tok.kind == "pragma" else "other"
            if text in _DECL_KEYWORDS:
                kind = _DECL_KEYWORDS[text]  # type: ignore[assignment]
            current = Declaration(kind, [tok], text if kind != "other" else "")
            decls.append(current)
            header_only = text in QUALIFIERS or text in ("[@@", "[@")
            pending_lets = 0
        else:
            if current is None:
                current = Declaration("other", [], "")
                decls.append(current)
            current.tokens.append(tok)
            if text == "let" and tok.kind == "keyword":
                pending_lets += 1
            elif text == "in" and tok.kind == "keyword" and pending_lets:
                pending_lets -= 1
        # bracket depth (attributes `[@@ ... ]` count as brackets)
        prev = tok
        if tok.kind in ("op", "keyword") and text in _OPEN:
            # an attribute inside a term (`[@inline_let] let x = ... in`) does not end a term
            nested_attr = text in ("[@", "[@@", "[@@@") and not starts
            stack.append(_OPEN[text] + (" nested" if nested_attr else ""))
        elif tok.kind in ("op", "keyword") and text in _CLOSE and stack:
            if stack[-1] == text:
                stack.pop()
            elif stack[-1] == text + " nested":
                stack.pop()
                prev = _ATTR_END
    for decl in decls:
        _bindings(decl)
    return decls


def _bindings(decl: Declaration) -> None:
    """Fill `decl.bindings` for `let` declarations: the names after `let [rec]` and each
    top-level `and`, each with the tokens up to the next binding."""
    if decl.kind != "let" or decl.keyword != "let":
        return
    toks = decl.tokens
    starts: list[int] = []
    depth, pending = 0, 0
    seen_let = False
    for idx, tok in enumerate(toks):
        if tok.kind in ("op", "keyword") and tok.text in _OPEN:
            depth += 1
        elif tok.kind in ("op", "keyword") and tok.text in _CLOSE and depth:
            depth -= 1
        if tok.kind != "keyword":
            continue
        if tok.text == "let" and depth == 0 and not seen_let:
            seen_let = True
            starts.append(idx)
        elif tok.text == "let":
            pending += 1
        elif tok.text == "in" and pending:
            pending -= 1
        elif tok.text == "and" and depth == 0 and pending == 0 and seen_let:
            starts.append(idx)
    for pos, idx in enumerate(starts):
        end = starts[pos + 1] if pos + 1 < len(starts) else len(toks)
        j = idx + 1
        if j < len(toks) and toks[j].text == "rec" and toks[idx].text == "let":
            decl.recursive = True
            j += 1
        while j < len(toks) and toks[j].text in QUALIFIERS:
            j += 1
        if j >= len(toks):
            continue
        head = toks[j]
        if head.kind == "name" and "." not in head.text:
            decl.bindings.append(Binding(head.text, head.line, tuple(toks[j:end])))
        elif head.text == "(" and j + 2 < len(toks) and toks[j + 2].text == ")":
            inner = toks[j + 1]  # `let ( +! ) a b = ...` or `let (x) = ...`
            name = inner.text if inner.kind == "name" else f"( {inner.text} )"
            decl.bindings.append(Binding(name, head.line, tuple(toks[j:end])))
        else:  # a pattern: `let (a, b) = ...` binds every name in it
            k = j
            while k < end and toks[k].text not in ("=", ":"):
                if toks[k].kind == "name" and "." not in toks[k].text:
                    decl.bindings.append(Binding(toks[k].text, toks[k].line, tuple(toks[j:end])))
                k += 1


@functools.lru_cache(maxsize=64)
def top_level_names(text: str) -> frozenset[str]:
    """Names a module text defines or declares at the top level (best effort: none on text
    that does not lex). Cached: the checker asks once per candidate for the same context."""
    try:
        decls = declarations(tokenize(text))
    except LexError:
        return frozenset()
    names: set[str] = set()
    for decl in decls:
        names.update(decl.names())
        if decl.kind in ("val", "type", "assume"):
            for tok in decl.tokens[1:4]:
                if tok.kind == "name" and "." not in tok.text:
                    names.add(tok.text)
                    break
    return frozenset(names)


def referenced_modules(text: str) -> frozenset[str]:
    """Module paths a text may make F* load: targets of `open`/`include`/`friend`/`module A =`
    and the qualifiers of qualified names. F*'s dependency analysis reads the same things,
    so two texts with equal sets load the same modules."""
    try:
        toks = tokenize(text)
    except LexError:
        return frozenset({"<unlexable>"})
    mods: set[str] = set()
    skip = -1
    for i, tok in enumerate(toks):
        if i <= skip:
            continue
        if tok.kind == "keyword" and tok.text in ("open", "include", "friend"):
            if i + 1 < len(toks) and toks[i + 1].kind == "name":
                mods.add(toks[i + 1].text)
                skip = i + 1
        elif tok.kind == "keyword" and tok.text == "module":
            if i + 3 < len(toks) and toks[i + 2].text == "=" and toks[i + 3].kind == "name":
                mods.add(toks[i + 3].text)
            skip = i + 3 if i + 2 < len(toks) and toks[i + 2].text == "=" else i + 1
        elif tok.kind == "name" and tok.qualifier:
            mods.add(tok.qualifier)
    return frozenset(mods)


_OP_CHAR_NAMES = {
    "&": ("Amp",), "@": ("At",), "+": ("Plus",), "-": ("Subtraction", "Minus"),
    "~": ("Tilde",), "/": ("Slash",), "\\": ("Backslash",), "<": ("Less",), "=": ("Equals",),
    ">": ("Greater",), "_": ("Underscore",), "|": ("Bar",), "!": ("Bang",), "^": ("Hat",),
    "%": ("Percent",), "*": ("Star",), "?": ("Question",), ":": ("Colon",), "$": ("Dollar",),
    ".": ("Dot",),
}  # fmt: skip


def operator_names(binding: str) -> set[str]:
    """F*'s names for an operator binding `( +^ )` (`op_Plus_Hat`), character by character.
    The standard operators' special names (`op_Addition`, ...) are not covered."""
    symbol = binding.strip("() ").strip()
    names = {"op"}
    for ch in symbol:
        options = _OP_CHAR_NAMES.get(ch)
        if options is None:
            return set()
        names = {f"{n}_{o}" for n in names for o in options}
    return names if symbol else set()

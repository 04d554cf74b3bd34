"""Parse F* types and `val` signatures (grammar: `fstar_types.lark`) into `syntax` nodes.

Guarantees:
- `parse_signature`, `parse_type` and `parse_goal` either return a tree made only of
  `syntax` nodes or raise `FStarSyntaxError` carrying a 1-based line and column, the
  offending text and (for unexpected tokens) what was expected. No lark object escapes.
- Requires/ensures/decreases clauses appear only inside a `Comp`; an application is a `Comp`
  exactly when it is in computation position (an arrow's result or the whole declared type)
  and its head is a capitalised name other than `Type`.
- The LALR parser is built once per process and reused (it is read-only after construction).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, VisitError

from llm.fstar.syntax import (
    App,
    Arg,
    Arrow,
    Binder,
    BinOp,
    Clause,
    Comp,
    Fun,
    IfThenElse,
    Index,
    IntLit,
    ListLit,
    Name,
    Param,
    Proj,
    Quant,
    Refine,
    Signature,
    StringLit,
    Term,
    Tuple,
    TupleTerm,
    Type,
    UMax,
    Unit,
    Univ,
    Universe,
    UnOp,
    UNum,
    USucc,
    UVar,
    children,
)


class FStarSyntaxError(ValueError):
    """A type or signature that does not parse. `line`/`col` are 1-based."""

    def __init__(self, message: str, text: str, line: int, col: int) -> None:
        self.message = message
        self.text = text
        self.line = line
        self.col = col
        super().__init__(f"{line}:{col}: {message}\n{self.context()}")

    def context(self) -> str:
        """The offending source line with a caret under the column."""
        lines = self.text.splitlines() or [""]
        source = lines[min(max(self.line, 1), len(lines)) - 1]
        return f"  {source}\n  {' ' * max(self.col - 1, 0)}^"


@functools.cache
def _parser() -> Lark:
    grammar = resources.files("llm.fstar").joinpath("fstar_types.lark").read_text("utf-8")
    return Lark(
        grammar,
        parser="lalr",
        start=["signature", "type_"],
        propagate_positions=True,
        maybe_placeholders=False,
    )


# ---- internal, pre-validation pieces --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Spec:
    """`(requires p)` and friends before they are placed into a `Comp` (never escapes)."""

    kind: str
    term: Term
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class _ParenBinder:
    """`(x:t)` or `(x:t{p})` before its position decides Binder or Refine (never escapes)."""

    binder: Binder
    line: int
    col: int


class _Qualifier(str):
    """A `val` qualifier such as `inline_for_extraction` (a str, marked for sorting out)."""


class _Misplaced(Exception):
    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


def _pos(meta: Any) -> tuple[int, int]:
    return (getattr(meta, "line", 0), getattr(meta, "column", 0))


def _as_type(term: Any) -> Any:
    """Reinterpret a term found where a type is expected: `a * b` becomes a tuple type."""
    if isinstance(term, _ParenBinder):
        return _refine(term)
    if isinstance(term, BinOp) and term.op == "*":
        elems: list[Term] = []
        for side in (term.left, term.right):
            converted = _as_type(side)
            if isinstance(converted, Tuple) and converted.sep == "*":
                elems.extend(converted.elems)
            else:
                elems.append(converted)
        return Tuple("*", tuple(elems))
    if isinstance(term, Tuple):
        return Tuple(term.sep, tuple(_as_type(e) for e in term.elems))
    return term


def _refine(pb: _ParenBinder) -> Refine:
    b = pb.binder
    if b.name is None or b.refinement is None or b.qual:
        raise _Misplaced(
            "a parenthesised binder is only a type when refined, as in (x:t{p})", pb.line, pb.col
        )
    return Refine(b.name, b.type, b.refinement)


def _effect_head(term: Any) -> str | None:
    if isinstance(term, Name):
        short = term.short
        if short[:1].isupper() and not short.startswith("Type") and "?" not in term.text:
            return term.text
    return None


def _to_comp(term: Any) -> Any:
    """In computation position: `Effect args` becomes a `Comp`; anything else stays a type."""
    head, args = (term.head, term.args) if isinstance(term, App) else (term, ())
    effect = _effect_head(head)
    if effect is None:
        return _as_type(term)
    if effect.rsplit(".", 1)[-1] == "Lemma":
        result: Term | None = None
        rest = args
    else:
        if not args or args[0].implicit or isinstance(args[0].term, _Spec):
            return _as_type(term)  # `Foo` alone or `Foo (requires ..)`: not an effect use
        result = _as_type(args[0].term)
        rest = args[1:]
    clauses: list[Clause] = []
    for arg in rest:
        inner = arg.term
        if isinstance(inner, _Spec):
            clauses.append(Clause(inner.kind, inner.term))  # type: ignore[arg-type]
        else:
            clauses.append(Clause("arg", inner))
    return Comp(effect, result, tuple(clauses))


def _check_clean(node: Any) -> None:
    """Reject leftovers: a requires/ensures/decreases outside an effect, or a stray binder."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, _Spec):
            raise _Misplaced(
                f"'({current.kind} ...)' is only allowed as an argument of an effect such as "
                "Lemma, Pure or ST",
                current.line,
                current.col,
            )
        if isinstance(current, _ParenBinder):
            _refine(current)
        stack.extend(children(current))


@v_args(inline=True)
class _ToAst(Transformer[Token, Any]):
    """Bottom-up construction of `syntax` nodes from the lark tree."""

    # -- signatures
    def signature(self, *items: Any) -> Signature:
        quals = tuple(q for q in items if isinstance(q, _Qualifier))
        rest = [t for t in items if not isinstance(t, _Qualifier)]
        name = str(rest[0])
        univs = tuple(u for u in rest[1:-1] if isinstance(u, UVar | UNum | UMax | USucc))
        binders: list[Binder] = []
        for group in rest[1:-1]:
            if isinstance(group, list):
                binders.extend(group)
        return Signature(name, _to_comp(rest[-1]), tuple(binders), univs, tuple(map(str, quals)))

    def qualifier(self, tok: Token) -> _Qualifier:
        return _Qualifier(str(tok))

    def univ_binder(self, _tok: Token, univ: Univ) -> Univ:
        return univ

    def _val_group(self, items: tuple[Any, ...], refinement: Term | None) -> list[Binder]:
        qual = ""
        if isinstance(items[0], Token) and items[0].type == "BQUAL":
            qual, items = str(items[0]), items[1:]
        names = [str(t) for t in items[:-1]]
        typ = _as_type(items[-1])
        return [Binder(n, typ, qual, refinement) for n in names]  # type: ignore[arg-type]

    def val_binder(self, *items: Any) -> list[Binder]:
        return self._val_group(items, None)

    def val_binder_refined(self, *items: Any) -> list[Binder]:
        return self._val_group(items[:-1], items[-1])

    # -- type level
    def arrow(self, domain: Any, rest: Any) -> Arrow:
        binder = domain if isinstance(domain, Binder) else self._domain(domain)
        if isinstance(rest, Arrow):
            return Arrow((binder,) + rest.binders, rest.result)
        return Arrow((binder,), _to_comp(rest))

    @staticmethod
    def _domain(term: Any) -> Binder:
        if isinstance(term, _ParenBinder):
            return term.binder
        return Binder(None, _as_type(term))

    def binder(self, *items: Any) -> Binder:
        qual = ""
        if isinstance(items[0], Token) and items[0].type == "BQUAL":
            qual, items = str(items[0]), items[1:]
        refinement = items[2] if len(items) > 2 else None
        return Binder(str(items[0]), _as_type(items[1]), qual, refinement)  # type: ignore[arg-type]

    def refinement(self, pred: Term) -> Term:
        return pred

    def fun_(self, *items: Any) -> Fun:
        return Fun(tuple(self._param(p) for p in items[:-1]), items[-1])

    def quant(self, kind: Token, *items: Any) -> Quant:
        params = tuple(p for group in items[:-1] for p in self._params(group))
        return Quant(str(kind), params, items[-1])  # type: ignore[arg-type]

    @staticmethod
    def _param(item: Any) -> Param:
        if isinstance(item, list):
            if len(item) != 1:
                raise _Misplaced("a fun pattern binds one name per parentheses", 0, 0)
            return item[0]  # type: ignore[no-any-return]
        if isinstance(item, Unit):
            return Param("()")
        return Param(str(item))

    @staticmethod
    def _params(item: Any) -> list[Param]:
        return item if isinstance(item, list) else [Param(str(item))]

    def typed_name(self, *items: Any) -> list[Param]:
        typ = _as_type(items[-1])
        return [Param(str(n), typ) for n in items[:-1]]

    def ite(self, cond: Term, then: Term, else_: Term) -> IfThenElse:
        return IfThenElse(cond, then, else_)

    # -- operators
    def tuple_amp(self, *elems: Term) -> Tuple:
        return Tuple("&", elems)

    def _bin(self, left: Term, op: str, right: Term) -> BinOp:
        return BinOp(op, left, right)  # type: ignore[arg-type]

    def iff_op(self, left: Term, right: Term) -> BinOp:
        return self._bin(left, "<==>", right)

    def implies_op(self, left: Term, right: Term) -> BinOp:
        return self._bin(left, "==>", right)

    def disj_op(self, left: Term, right: Term) -> BinOp:
        return self._bin(left, "\\/", right)

    def conj_op(self, left: Term, right: Term) -> BinOp:
        return self._bin(left, "/\\", right)

    def bor_op(self, left: Term, right: Term) -> BinOp:
        return self._bin(left, "||", right)

    def band_op(self, left: Term, right: Term) -> BinOp:
        return self._bin(left, "&&", right)

    def cmp_op(self, left: Term, op: Token, right: Term) -> BinOp:
        return self._bin(left, str(op), right)

    cons_op = cmp_op
    sum_op = cmp_op
    prod_op = cmp_op

    def unary_op(self, op: Token, operand: Term) -> UnOp:
        return UnOp(str(op), operand)  # type: ignore[arg-type]

    def neg_op(self, _op: Token, operand: Term) -> UnOp:
        return UnOp("-", operand)

    def app_op(self, head: Any, arg: Any) -> App:
        if isinstance(head, _Spec | _ParenBinder):
            raise _Misplaced("this cannot be applied to arguments", head.line, head.col)
        new = arg if isinstance(arg, Arg) else Arg(arg)
        if isinstance(new.term, _ParenBinder):
            new = Arg(_refine(new.term), new.implicit)
        if isinstance(head, App):
            return App(head.head, head.args + (new,))
        return App(head, (new,))

    def implicit_arg(self, term: Any) -> Arg:
        return Arg(term, implicit=True)

    def proj(self, base: Term, field: Token) -> Proj:
        return Proj(base, str(field))

    def seq_index(self, base: Term, index: Term) -> Index:
        return Index(base, index, "[")

    def arr_index(self, base: Term, index: Term) -> Index:
        return Index(base, index, "(")

    # -- atoms
    def name(self, tok: Token) -> Name:
        return Name(str(tok))

    def int_lit(self, tok: Token) -> IntLit:
        return IntLit(str(tok))

    def string_lit(self, tok: Token) -> StringLit:
        return StringLit(str(tok))

    def type0(self) -> Universe:
        return Universe(UNum(0))

    def type_plain(self) -> Universe:
        return Universe(None)

    def type_univ(self, _tok: Token, level: Univ) -> Universe:
        return Universe(level)

    def unit(self) -> Unit:
        return Unit()

    def tuple_term(self, *elems: Term) -> TupleTerm:
        return TupleTerm(elems)

    @v_args(meta=True, inline=True)
    def paren_binder(self, meta: Any, binder: Binder) -> _ParenBinder:
        return _ParenBinder(binder, *_pos(meta))

    def empty_list(self) -> ListLit:
        return ListLit(())

    def list_lit(self, *elems: Term) -> ListLit:
        return ListLit(elems)

    def lex_list(self, *elems: Term) -> ListLit:
        return ListLit(elems, lex=True)

    @v_args(meta=True, inline=True)
    def requires(self, meta: Any, term: Term) -> _Spec:
        return _Spec("requires", term, *_pos(meta))

    @v_args(meta=True, inline=True)
    def ensures(self, meta: Any, term: Term) -> _Spec:
        return _Spec("ensures", term, *_pos(meta))

    @v_args(meta=True, inline=True)
    def decreases(self, meta: Any, term: Term) -> _Spec:
        return _Spec("decreases", term, *_pos(meta))

    # -- universes
    def univ_var(self, tok: Token) -> UVar:
        return UVar(str(tok))

    def univ_num(self, tok: Token) -> UNum:
        return UNum(int(str(tok)))

    def univ_max(self, head: Token, *args: Univ) -> UMax:
        if str(head) != "max":
            raise _Misplaced(
                f"unknown universe operator '{head}' (only max)", head.line or 0, head.column or 0
            )
        return UMax(args)

    def univ_succ(self, base: Univ, *rest: Token) -> USucc:
        return USucc(base, int(str(rest[-1])))


def _terminal_text(name: str) -> str:
    """A terminal's spelling for messages: `(` for LPAR, the name itself for NAME."""
    if name == "$END":
        return "end of input"
    try:
        pattern = _parser().get_terminal(name).pattern
    except KeyError:
        return name
    return repr(pattern.value) if pattern.type == "str" else name


def _describe(exc: UnexpectedInput) -> str:
    if isinstance(exc, UnexpectedEOF):
        return "unexpected end of input"
    if isinstance(exc, UnexpectedCharacters):
        return f"unexpected character {exc.char!r}"
    token = getattr(exc, "token", None)
    expected = sorted({_terminal_text(t) for t in getattr(exc, "expected", ()) or ()})
    shown = ", ".join(expected[:10]) + (", ..." if len(expected) > 10 else "")
    if token is None:
        what = "unexpected input"
    elif token.type == "$END":
        what = "unexpected end of input"
    else:
        what = f"unexpected {str(token)!r}"
    return f"{what}; expected one of: {shown}" if shown else what


def _run(text: str, start: str, finish: Any = None) -> Any:
    try:
        tree = _parser().parse(text, start=start)
    except UnexpectedInput as exc:
        line, col = exc.line, exc.column
        at_end = getattr(getattr(exc, "token", None), "type", "") == "$END"
        if isinstance(exc, UnexpectedEOF) or at_end or line < 1:
            lines = text.splitlines() or [""]
            line, col = len(lines), len(lines[-1]) + 1
        raise FStarSyntaxError(_describe(exc), text, line, col) from None
    try:
        result = _ToAst().transform(tree)
        if finish is not None:
            result = finish(result)
        _check_clean(result)
    except VisitError as exc:
        inner = exc.orig_exc
        if isinstance(inner, _Misplaced):
            raise FStarSyntaxError(inner.message, text, inner.line, inner.col) from None
        raise
    except _Misplaced as exc:
        raise FStarSyntaxError(exc.message, text, exc.line, exc.col) from None
    return result


def parse_signature(text: str) -> Signature:
    """Parse `[qualifiers] val name [u#a..] [(binders)..] : type`."""
    result = _run(text, "signature")
    assert isinstance(result, Signature)
    return result


def parse_type(text: str) -> Type:
    """Parse a type; a whole-type effect application (`Tot nat`, `Lemma p`) is a `Comp`."""
    return _run(text, "type_", _to_comp)  # type: ignore[no-any-return]


def parse_goal(text: str, name: str = "_") -> Signature:
    """Parse a dataset type string: a `val` signature, or a bare type named `name`."""
    stripped = text.lstrip()
    words = stripped.split(None, 3)
    if "val" in words[:3]:
        return parse_signature(text)
    return Signature(name.rsplit(".", 1)[-1], parse_type(text))

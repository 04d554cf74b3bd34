"""F* type syntax: the typed, frozen AST that `parse_type` produces and `print_type` prints.

Guarantees:
- Every node is a frozen, slotted dataclass compared by value, so two parses of the same text
  are equal and nodes can be used as dictionary keys.
- Types and terms share one union (`Term`), as in F*; computation types (`Comp`) occur only as
  the result of an `Arrow` or as the whole type of a `Signature`.
- Parentheses are not stored: the printer re-inserts exactly those that precedence requires,
  so `parse(print(t)) == t` for every tree the parser builds.
- A tuple type written with `*` is a `Tuple` only where a type is expected (binder types,
  results); elsewhere `*` is multiplication (`BinOp`). `(a * b) * c` flattens to one triple.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Literal

# ---- universes --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UVar:
    """A universe variable, as in `u#a`."""

    name: str


@dataclass(frozen=True, slots=True)
class UNum:
    """A universe constant, as in `u#0`."""

    value: int


@dataclass(frozen=True, slots=True)
class UMax:
    """The least upper bound `u#(max a b)`."""

    args: tuple[Univ, ...]


@dataclass(frozen=True, slots=True)
class USucc:
    """A universe plus a constant, `u#(a + 1)`."""

    base: Univ
    offset: int


Univ = UVar | UNum | UMax | USucc


# ---- terms and types ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Name:
    """A possibly qualified identifier: `nat`, `FStar.Seq.seq`, `Cons?`, `Some?.v`."""

    text: str

    @property
    def short(self) -> str:
        """The last segment (`seq` for `FStar.Seq.seq`); discriminators keep their `?`."""
        base, sep, proj = self.text.partition("?.")
        if sep:
            return proj
        return base.rsplit(".", 1)[-1]


@dataclass(frozen=True, slots=True)
class IntLit:
    """An integer literal with its machine-integer suffix, if any (`0`, `1ul`, `0xff`)."""

    text: str


@dataclass(frozen=True, slots=True)
class StringLit:
    """A string literal, quotes and escapes included."""

    text: str


@dataclass(frozen=True, slots=True)
class Unit:
    """The unit value `()`."""


@dataclass(frozen=True, slots=True)
class Universe:
    """`Type`, `Type0` or `Type u#l`. `level` is None for a bare `Type`."""

    level: Univ | None


@dataclass(frozen=True, slots=True)
class Arg:
    """An application argument; `implicit` for `#x`."""

    term: Term
    implicit: bool = False


@dataclass(frozen=True, slots=True)
class App:
    """`head arg1 ... argn` (n >= 1)."""

    head: Term
    args: tuple[Arg, ...]


BinOpName = Literal[
    "<==>", "==>", "\\/", "/\\", "||", "&&",
    "==", "=", "<>", "=!=", "<=", ">=", "<<", "<", ">",
    "::", "@", "+", "-", "*", "/", "%",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class BinOp:
    """An infix operator application."""

    op: BinOpName
    left: Term
    right: Term


@dataclass(frozen=True, slots=True)
class UnOp:
    """A prefix operator: `~p`, `-x`, `!r`."""

    op: Literal["~", "-", "!"]
    operand: Term


@dataclass(frozen=True, slots=True)
class Tuple:
    """A tuple type `a & b` (or `a * b` in a type position)."""

    sep: Literal["&", "*"]
    elems: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class TupleTerm:
    """A tuple value `(a, b)`."""

    elems: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class ListLit:
    """A list literal `[a; b]` (`[]` when empty); `lex` for a decreases metric `%[a; b]`."""

    elems: tuple[Term, ...]
    lex: bool = False


@dataclass(frozen=True, slots=True)
class Proj:
    """A record projection `r.f`."""

    base: Term
    field: str


@dataclass(frozen=True, slots=True)
class Index:
    """`s.[i]` (sequence) or `b.(i)` (array or buffer)."""

    base: Term
    index: Term
    bracket: Literal["[", "("]


@dataclass(frozen=True, slots=True)
class Refine:
    """A refinement type used as a type, `(x:t{p})`."""

    name: str
    base: Term
    pred: Term


@dataclass(frozen=True, slots=True)
class Binder:
    """One arrow domain or `val` parameter: `x:t`, `#x:t`, `$x:t`, `x:t{p}`, or a bare type."""

    name: str | None
    type: Term
    qual: Literal["", "#", "$"] = ""
    refinement: Term | None = None

    @property
    def implicit(self) -> bool:
        return self.qual == "#"


@dataclass(frozen=True, slots=True)
class Param:
    """A `fun` pattern or quantifier binder: a name, `(x:t)`, or `()` (name "()")."""

    name: str
    type: Term | None = None


@dataclass(frozen=True, slots=True)
class Fun:
    """`fun p1 ... pn -> body`."""

    params: tuple[Param, ...]
    body: Term


@dataclass(frozen=True, slots=True)
class Quant:
    """`forall x (y:t). body` or `exists ...`."""

    kind: Literal["forall", "exists"]
    binders: tuple[Param, ...]
    body: Term


@dataclass(frozen=True, slots=True)
class IfThenElse:
    """`if c then a else b`."""

    cond: Term
    then: Term
    else_: Term


ClauseKind = Literal["requires", "ensures", "decreases", "arg"]


@dataclass(frozen=True, slots=True)
class Clause:
    """An argument of an effect after its result type: `(requires p)`, `(ensures q)`,
    `(decreases m)` or a plain argument (`arg`: a pre/post-condition or SMT patterns)."""

    kind: ClauseKind
    term: Term


@dataclass(frozen=True, slots=True)
class Comp:
    """A computation type `Effect result clauses...`.

    `result` is None for `Lemma` (whose result is unit). `effect` keeps the qualification
    as written (`FStar.HyperStack.ST.Stack`).
    """

    effect: str
    result: Term | None
    clauses: tuple[Clause, ...] = ()

    @property
    def effect_short(self) -> str:
        return self.effect.rsplit(".", 1)[-1]

    def _clause(self, kind: ClauseKind) -> Term | None:
        for clause in self.clauses:
            if clause.kind == kind:
                return clause.term
        return None

    @property
    def requires(self) -> Term | None:
        """The precondition: a `requires` clause, or the first plain argument of an effect
        that takes `pre post` positionally (Pure, Ghost, ST, Stack, ...)."""
        found = self._clause("requires")
        if found is None and self.effect_short in PRE_POST_EFFECTS:
            plain = [c.term for c in self.clauses if c.kind == "arg"]
            return plain[0] if len(plain) >= 2 else None
        return found

    @property
    def ensures(self) -> Term | None:
        """The postcondition: an `ensures` clause, `Lemma p`'s `p`, or a positional post."""
        found = self._clause("ensures")
        if found is not None:
            return found
        plain = [c.term for c in self.clauses if c.kind == "arg" and not _is_pattern_list(c.term)]
        if self.effect_short == "Lemma" and plain and self._clause("requires") is None:
            return plain[0]
        if self.effect_short in PRE_POST_EFFECTS and len(plain) >= 2:
            return plain[1]
        return None

    @property
    def decreases(self) -> Term | None:
        return self._clause("decreases")


@dataclass(frozen=True, slots=True)
class Arrow:
    """`b1 -> ... -> bn -> result` with n >= 1; nested arrows in the result are flattened."""

    binders: tuple[Binder, ...]
    result: Term | Comp


Term = (
    Name | IntLit | StringLit | Unit | Universe | App | BinOp | UnOp | Tuple | TupleTerm
    | ListLit | Proj | Index | Refine | Fun | Quant | IfThenElse | Arrow
)  # fmt: skip

Type = Term | Comp
"""What a `val` declares or an arrow returns: a term, or a computation type."""


@dataclass(frozen=True, slots=True)
class Signature:
    """`qualifiers val name u#a... (binders)... : type`."""

    name: str
    type: Type
    binders: tuple[Binder, ...] = ()
    universes: tuple[Univ, ...] = ()
    qualifiers: tuple[str, ...] = ()

    def as_arrow(self) -> Type:
        """The declared type with the `val` parameters moved into the arrow."""
        if not self.binders:
            return self.type
        if isinstance(self.type, Arrow):
            return Arrow(self.binders + self.type.binders, self.type.result)
        return Arrow(self.binders, self.type)


# Effects whose computation type takes a result type and then `pre post` (positionally or as
# requires/ensures). `Tot`, `GTot`, `Dv`, `Div`, `ML` take only a result (and decreases).
PRE_POST_EFFECTS = frozenset(
    {"Pure", "Ghost", "ST", "Stack", "StackInline", "Inline", "ST0", "State", "Steel",
     "SteelT", "STATE", "HST", "Exn", "All", "Heap"}
)  # fmt: skip
GHOST_EFFECTS = frozenset({"GTot", "Ghost"})
STATEFUL_EFFECTS = frozenset(
    {"ST", "Stack", "StackInline", "Inline", "ST0", "State", "Steel", "SteelT", "STATE", "HST",
     "All", "ML", "Heap"}
)  # fmt: skip


def _is_pattern_list(term: Term) -> bool:
    """`[SMTPat ...]` arguments of a Lemma are patterns, not propositions."""
    if not isinstance(term, ListLit) or term.lex or not term.elems:
        return False
    heads = (e.head if isinstance(e, App) else e for e in term.elems)
    return all(isinstance(h, Name) and h.short.startswith("SMTPat") for h in heads)


Node = Term | Comp | Binder | Arg | Clause | Param | Signature


def children(node: object) -> Iterator[object]:
    """The direct sub-nodes of an AST node, in field order (strings and ints are skipped)."""
    for f in fields(node):  # type: ignore[arg-type]
        value = getattr(node, f.name)
        if isinstance(value, tuple):
            yield from (v for v in value if not isinstance(v, str | int))
        elif value is not None and not isinstance(value, str | int | bool):
            yield value


def walk(node: object) -> Iterator[object]:
    """All nodes below and including `node`, depth first, parents before children."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(children(current))))

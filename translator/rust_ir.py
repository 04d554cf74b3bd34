"""RIR: the small typed Rust IR between CIR and Rust text (KaRaMeL's ``MiniRust.ml``).

Design choices:

* Frozen dataclasses, so nodes are values: equal nodes compare equal and hash alike
  (the aliasing planner groups arguments by their place, an ``Expr``).
* Places are expressions (``Path``, ``Field``, ``Index``); nothing separates them
  structurally, but ``Place`` names the subset that may stand left of ``=``.
* Statements and expressions are separate (unlike MiniRust) because the translation is
  statement-shaped C; a ``Block`` may end in a value, which is how block expressions
  (an aliasing-repaired call) and function tails are written.
* Integer operators carry the Rust scalar type of their operands (``Binary.ty``) where the
  translation knows it, so passes can reason about widths (rotations) and signedness.
* Every function item carries the C key it came from, so the printer can write a source
  map with each function's line range.

This module imports nothing else of the project. Consumers dispatch with ``match`` and
``assert_never`` so that a new node kind makes mypy list every place to update.
"""

from __future__ import annotations

from dataclasses import dataclass

# ------------------------------------------------------------------ types


@dataclass(frozen=True)
class TName:
    """A named type: a scalar (``u32``), a struct (``S``) or ``S<'a>`` with ``lifetime``."""

    name: str
    lifetime: str | None = None


@dataclass(frozen=True)
class TRef:
    mut: bool
    inner: Type
    lifetime: str | None = None


@dataclass(frozen=True)
class TSlice:
    elem: Type


@dataclass(frozen=True)
class TArray:
    elem: Type
    size: int


@dataclass(frozen=True)
class TBox:
    inner: Type


@dataclass(frozen=True)
class TVec:
    elem: Type


Type = TName | TRef | TSlice | TArray | TBox | TVec

# ------------------------------------------------------------------ expressions


@dataclass(frozen=True)
class Int:
    """An integer literal with its type suffix (``0x1fu32``); ``hex`` keeps C's spelling."""

    value: int
    ty: str
    hex: bool = False


@dataclass(frozen=True)
class Float:
    text: str
    ty: str


@dataclass(frozen=True)
class Bool:
    value: bool


@dataclass(frozen=True)
class Path:
    """A local, a constant, a function or ``crate::krml::load32_le``."""

    name: str


@dataclass(frozen=True)
class Field:
    base: Expr
    name: str


@dataclass(frozen=True)
class Index:
    base: Expr
    index: Expr


@dataclass(frozen=True)
class Range:
    lo: Expr | None
    hi: Expr | None


@dataclass(frozen=True)
class Unary:
    op: str  # "!" | "-"
    arg: Expr


@dataclass(frozen=True)
class Binary:
    op: str  # + - * / % & | ^ << >> == != < > <= >= && ||
    left: Expr
    right: Expr
    ty: str | None = None  # Rust scalar type of the operands, when known


@dataclass(frozen=True)
class Cast:
    arg: Expr
    ty: Type


@dataclass(frozen=True)
class MethodCall:
    recv: Expr
    method: str
    args: tuple[Expr, ...] = ()
    ty: str | None = None  # Rust scalar type of the receiver, when known


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[Expr, ...] = ()


@dataclass(frozen=True)
class Ref:
    mut: bool
    arg: Expr


@dataclass(frozen=True)
class IfExpr:
    """``if cond { then } else { other }`` as a value (both blocks end in a value)."""

    cond: Expr
    then: Block
    other: Block


@dataclass(frozen=True)
class BlockExpr:
    block: Block


@dataclass(frozen=True)
class VecRepeat:
    """``vec![elem; count]`` (``boxed``: ``.into_boxed_slice()``)."""

    elem: Expr
    count: Expr
    boxed: bool = True


@dataclass(frozen=True)
class VecList:
    """``vec![a, b]`` (``boxed``: ``.into_boxed_slice()``)."""

    items: tuple[Expr, ...]
    boxed: bool = True


@dataclass(frozen=True)
class Panic:
    """``panic!("msg")`` or, with ``unreachable``, ``unreachable!("msg")``."""

    message: str
    unreachable: bool = False


@dataclass(frozen=True)
class StructLit:
    """``name { f: e, .. }``; with ``base``, ``name { f: e, ..base }``."""

    name: str
    fields: tuple[tuple[str, Expr], ...]
    base: Expr | None = None


@dataclass(frozen=True)
class ArrayLit:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class ArrayRepeat:
    elem: Expr
    size: int


Expr = (
    Int
    | Float
    | Bool
    | Path
    | Field
    | Index
    | Range
    | Unary
    | Binary
    | Cast
    | MethodCall
    | Call
    | Ref
    | IfExpr
    | BlockExpr
    | VecRepeat
    | VecList
    | Panic
    | StructLit
    | ArrayLit
    | ArrayRepeat
)
Place = Path | Field | Index

# ------------------------------------------------------------------ statements


@dataclass(frozen=True)
class Let:
    """``let [mut] name[: ty] [= init];``; several names make a tuple pattern."""

    names: tuple[str, ...]
    mut: bool
    ty: Type | None
    init: Expr | None


@dataclass(frozen=True)
class Assign:
    """``place = value`` or, with ``op``, ``place op= value``."""

    place: Expr
    value: Expr
    op: str | None = None


@dataclass(frozen=True)
class ExprStmt:
    expr: Expr


@dataclass(frozen=True)
class If:
    cond: Expr
    then: Block
    other: Block | If | None = None


@dataclass(frozen=True)
class Loop:
    body: Block
    label: str | None = None


@dataclass(frozen=True)
class For:
    """``for var in range { body }``; ``var`` may be ``_``."""

    var: str
    range: Expr
    body: Block
    label: str | None = None


@dataclass(frozen=True)
class Break:
    label: str | None = None


@dataclass(frozen=True)
class Continue:
    label: str | None = None


@dataclass(frozen=True)
class Return:
    value: Expr | None = None


@dataclass(frozen=True)
class Arm:
    """A match arm; no patterns means ``_``."""

    pats: tuple[Expr, ...]
    body: Block


@dataclass(frozen=True)
class Match:
    scrut: Expr
    arms: tuple[Arm, ...]


@dataclass(frozen=True)
class BlockStmt:
    block: Block


@dataclass(frozen=True)
class SourcePos:
    """The C position of the statements that follow (written as a source-map marker)."""

    file: str
    line: int


@dataclass(frozen=True)
class Unreachable:
    """The tail of a non-void function whose C body can fall off its end."""

    message: str


Stmt = (
    Let
    | Assign
    | ExprStmt
    | If
    | Loop
    | For
    | Break
    | Continue
    | Return
    | Match
    | BlockStmt
    | SourcePos
    | Unreachable
)


@dataclass(frozen=True)
class Block:
    """``[label:] { stmts [value] }``."""

    stmts: tuple[Stmt, ...]
    value: Expr | None = None
    label: str | None = None


# ------------------------------------------------------------------ items


@dataclass(frozen=True)
class Param:
    name: str
    ty: Type


@dataclass(frozen=True)
class Fn:
    name: str
    params: tuple[Param, ...]
    ret: Type | None
    body: Block
    public: bool
    key: str  # the C function (linker key) it translates
    inline: bool = False
    allow: tuple[str, ...] = ()  # lints allowed on this item, e.g. clippy::too_many_arguments
    source: SourcePos | None = None


@dataclass(frozen=True)
class Struct:
    name: str
    fields: tuple[tuple[str, Type], ...]
    derives: tuple[str, ...]
    lifetime: str | None = None


@dataclass(frozen=True)
class DefaultImpl:
    """``impl Default for name { fn default() -> Self { name { fields } } }``."""

    name: str
    fields: tuple[tuple[str, Expr], ...]


@dataclass(frozen=True)
class Const:
    """``const``/``static`` item."""

    name: str
    ty: Type
    value: Expr
    public: bool
    static: bool


@dataclass(frozen=True)
class Comment:
    text: str


@dataclass(frozen=True)
class Verbatim:
    """Rust text from a text-based emitter (the checked-pointer emitter,
    ``translator/emit_checked.py``), printed as is; ``key`` is the C function it
    translates, for the source map. Nothing reads this text back."""

    lines: tuple[str, ...]
    key: str | None = None


Item = Fn | Struct | DefaultImpl | Const | Comment | Verbatim


@dataclass(frozen=True)
class Module:
    doc: str
    items: tuple[Item, ...]


# ------------------------------------------------------------------ smart constructors


def usize(n: int) -> Int:
    return Int(n, "usize")


def scalar(name: str) -> TName:
    return TName(name)

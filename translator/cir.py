"""CIR: the typed, normalized C IR (frozen dataclasses).

After lowering (``c_ast_to_cir``): every expression carries its C type; implicit
conversions are explicit ``Cast`` nodes (operands of a binary arithmetic node
have the node's operand type); ``sizeof`` is a constant; typedefs are expanded
(``size_t`` is kept as ``usize``); array-typed expressions are not decayed
(consumers see ``ArrayT`` and treat it as a pointer to its first element);
``&a[i]`` is ``AddrOf(Index)``; compound assignment keeps its operator in
``Assign.op`` with the right side already converted to the operation type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from translator.ctypes_model import CType
from translator.diagnostics import Span

# ---------------------------------------------------------------- expressions


@dataclass(frozen=True)
class IntLit:
    value: int
    ty: CType
    span: Span
    hex: bool = False


@dataclass(frozen=True)
class FloatLit:
    text: str
    ty: CType
    span: Span


@dataclass(frozen=True)
class StrLit:
    text: str
    ty: CType
    span: Span


@dataclass(frozen=True)
class Var:
    name: str
    ty: CType
    span: Span
    kind: str  # "local" | "param" | "global" | "func"


@dataclass(frozen=True)
class Unary:
    op: str  # "-", "~", "!"
    arg: Expr
    ty: CType
    span: Span


@dataclass(frozen=True)
class Binary:
    """Arithmetic, bitwise, comparison and logical operators.

    For arithmetic/bitwise ops both operands have type ``ty`` (shifts: the left
    operand has ``ty``, the right operand its own promoted type). For comparisons
    both operands have the common type and ``ty`` is int. ``&&``/``||`` have
    operands of any scalar type.
    """

    op: str
    left: Expr
    right: Expr
    ty: CType
    span: Span


@dataclass(frozen=True)
class PtrAdd:
    """``ptr + off`` or ``ptr - off`` on a pointer/array ``ptr`` (off is ``usize``-castable)."""

    ptr: Expr
    off: Expr
    neg: bool
    ty: CType
    span: Span


@dataclass(frozen=True)
class Cast:
    arg: Expr
    ty: CType
    span: Span
    explicit: bool = False


@dataclass(frozen=True)
class Index:
    base: Expr  # pointer- or array-typed
    index: Expr
    ty: CType
    span: Span


@dataclass(frozen=True)
class Deref:
    arg: Expr
    ty: CType
    span: Span


@dataclass(frozen=True)
class AddrOf:
    arg: Expr
    ty: CType
    span: Span


@dataclass(frozen=True)
class Member:
    base: Expr  # struct-typed (``.``) or pointer-to-struct (``->``)
    field: str
    arrow: bool
    ty: CType
    span: Span


@dataclass(frozen=True)
class Call:
    """A call of the function ``func``, or, when ``callee`` is set, through the
    function pointer ``callee`` (then ``func`` is ``FNPTR_CALL``, a name no function has)."""

    func: str
    args: tuple[Expr, ...]
    ty: CType
    span: Span
    callee: Expr | None = None


FNPTR_CALL = "(*fnptr)"


@dataclass(frozen=True)
class Cond:
    cond: Expr
    then: Expr
    other: Expr
    ty: CType
    span: Span


@dataclass(frozen=True)
class Assign:
    """``lhs op= rhs``; ``op`` is "" for plain assignment. Value of the node is unused
    unless it appears nested (then translation reports it)."""

    lhs: Expr
    rhs: Expr
    op: str
    ty: CType
    span: Span


@dataclass(frozen=True)
class IncDec:
    arg: Expr
    delta: int  # +1 or -1
    prefix: bool
    ty: CType
    span: Span


@dataclass(frozen=True)
class Comma:
    exprs: tuple[Expr, ...]
    ty: CType
    span: Span


@dataclass(frozen=True)
class InitList:
    """A brace initializer; for structs ``fields`` names each item (designators or order)."""

    items: tuple[Expr, ...]
    fields: tuple[str | None, ...]
    ty: CType
    span: Span


@dataclass(frozen=True)
class SizeOfUnknown:
    """A ``sizeof`` that could not be evaluated (kept for a precise diagnostic)."""

    ty: CType
    span: Span


Expr = (
    IntLit
    | FloatLit
    | StrLit
    | Var
    | Unary
    | Binary
    | PtrAdd
    | Cast
    | Index
    | Deref
    | AddrOf
    | Member
    | Call
    | Cond
    | Assign
    | IncDec
    | Comma
    | InitList
    | SizeOfUnknown
)

# ---------------------------------------------------------------- statements


@dataclass(frozen=True)
class Decl:
    name: str
    ty: CType
    init: Expr | None
    span: Span
    # a variable-length array (``T a[n];``): ``ty`` is ``ArrayT(T, None)`` and this is
    # ``n`` as a ``size_t`` expression; the elements start zeroed
    vla_len: Expr | None = None


@dataclass(frozen=True)
class ExprStmt:
    expr: Expr
    span: Span


@dataclass(frozen=True)
class Block:
    stmts: tuple[Stmt, ...]
    span: Span


@dataclass(frozen=True)
class If:
    cond: Expr
    then: Stmt
    other: Stmt | None
    span: Span


@dataclass(frozen=True)
class While:
    cond: Expr
    body: Stmt
    span: Span


@dataclass(frozen=True)
class DoWhile:
    body: Stmt
    cond: Expr
    span: Span


@dataclass(frozen=True)
class For:
    init: tuple[Stmt, ...]
    cond: Expr | None
    step: Expr | None
    body: Stmt
    span: Span


@dataclass(frozen=True)
class Return:
    value: Expr | None
    span: Span


@dataclass(frozen=True)
class Break:
    span: Span


@dataclass(frozen=True)
class Continue:
    span: Span


@dataclass(frozen=True)
class Case:
    values: tuple[int, ...]  # empty tuple = default
    body: tuple[Stmt, ...]
    span: Span


@dataclass(frozen=True)
class Switch:
    expr: Expr
    cases: tuple[Case, ...]
    span: Span


@dataclass(frozen=True)
class LabeledBlock:
    """The structured form of C ``goto`` (made by ``goto_structure``). ``loop=False``: a
    block that ``Jump(label, "break")`` leaves (forward gotos, Rust ``'l: { .. }``);
    ``loop=True``: a loop whose body runs once unless ``Jump(label, "continue")`` restarts
    it (backward gotos, Rust ``'l: loop { ..; break 'l; }``). Transparent to ``Break`` and
    ``Continue``: those still refer to the innermost C loop or switch."""

    label: str
    body: Block
    loop: bool
    span: Span


@dataclass(frozen=True)
class Jump:
    """Leave (``break``) or restart (``continue``) the enclosing ``LabeledBlock`` named
    ``label``, from any depth (through loops and switches)."""

    label: str
    kind: str  # "break" | "continue"
    span: Span


@dataclass(frozen=True)
class GotoMark:
    """``goto label`` during lowering only (``goto_structure`` replaces every one)."""

    label: str
    span: Span


@dataclass(frozen=True)
class LabelMark:
    """``label:`` during lowering only (``goto_structure`` removes every one)."""

    label: str
    span: Span


@dataclass(frozen=True)
class Unsupported:
    """A statement the lowering could not represent; carries the diagnostic code."""

    code: str
    message: str
    span: Span


Stmt = (
    Decl
    | ExprStmt
    | Block
    | If
    | While
    | DoWhile
    | For
    | Return
    | Break
    | Continue
    | Switch
    | LabeledBlock
    | Jump
    | GotoMark
    | LabelMark
    | Unsupported
)

# ---------------------------------------------------------------- top level


@dataclass(frozen=True)
class Param:
    name: str
    ty: CType
    span: Span


@dataclass(frozen=True)
class Function:
    name: str
    ret: CType
    params: tuple[Param, ...]
    body: Block | None  # None: declaration only
    static: bool
    span: Span
    file: str  # the original file that defines it (a .c or a header)
    cname: str = ""  # the C name when ``name`` was made unique by linking
    inline: bool = False  # declared ``inline`` in C
    # set when the signature itself could not be lowered: (code, message, span)
    signature_error: tuple[str, str, Span] | None = None

    @property
    def c_name(self) -> str:
        return self.cname or self.name


@dataclass(frozen=True)
class StructDef:
    name: str
    fields: tuple[tuple[str, CType], ...]
    span: Span
    file: str


@dataclass(frozen=True)
class Global:
    name: str
    ty: CType
    init: Expr | None
    const: bool
    static: bool
    span: Span
    file: str


@dataclass
class Unit:
    """One translation unit: everything visible after preprocessing one .c file."""

    source: str
    functions: dict[str, Function] = field(default_factory=dict)
    structs: dict[str, StructDef] = field(default_factory=dict)
    globals: dict[str, Global] = field(default_factory=dict)
    errors: dict[str, tuple[str, str, Span]] = field(default_factory=dict)  # fn -> (code,msg,span)
    # defined functions whose signature could not be lowered (their ``Function`` has a
    # placeholder ``() -> int`` signature and no body; the emitter must not use it)
    bad_signatures: dict[str, tuple[str, str, Span]] = field(default_factory=dict)
    # decisions reported as warnings for the whole file (e.g. long double as f64)
    notes: list[tuple[str, str, Span]] = field(default_factory=list)

"""Print `syntax` trees back to F* text.

Guarantees: the output is deterministic, uses one canonical spacing (`x:t`, ` -> `, spaces
around infix operators) and exactly the parentheses that precedence needs, so that for every
tree `t` built by the parser, `parse(print(t)) == t` (the round-trip property tested over the
sample set). Printing never fails on a parser-built tree; a hand-built tree that cannot be
expressed (a `Comp` outside computation position) raises `ValueError`.
"""

from __future__ import annotations

from typing import assert_never

from llm.fstar.syntax import (
    App,
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
)

# Precedence levels, loosest first; they mirror the layering of fstar_types.lark.
TYPE_LEVEL = 0  # arrows, fun, forall/exists, if-then-else
AMP, IFF, IMPLIES, DISJ, CONJ, BOR, BAND, CMP, CONS, SUM, PROD, UNARY, APP, ATOM = range(1, 15)

_BINOPS: dict[str, tuple[int, str]] = {
    "<==>": (IFF, "left"), "==>": (IMPLIES, "right"), "\\/": (DISJ, "left"),
    "/\\": (CONJ, "left"), "||": (BOR, "left"), "&&": (BAND, "left"),
    "==": (CMP, "none"), "=": (CMP, "none"), "<>": (CMP, "none"), "=!=": (CMP, "none"),
    "<=": (CMP, "none"), ">=": (CMP, "none"), "<<": (CMP, "none"), "<": (CMP, "none"),
    ">": (CMP, "none"), "::": (CONS, "right"), "@": (CONS, "right"), "+": (SUM, "left"),
    "-": (SUM, "left"), "*": (PROD, "left"), "/": (PROD, "left"), "%": (PROD, "left"),
}  # fmt: skip


def precedence(term: Term) -> int:
    match term:
        case Arrow() | Fun() | Quant() | IfThenElse():
            return TYPE_LEVEL
        case Tuple(sep="&"):
            return AMP
        case Tuple():
            return PROD
        case BinOp(op=op):
            return _BINOPS[op][0]
        case UnOp():
            return UNARY
        case App():
            return APP
        case Universe(level=univ):
            return ATOM if univ is None or isinstance(univ, UNum) and univ.value == 0 else APP
        case _:
            return ATOM


def print_univ(u: Univ) -> str:
    match u:
        case UVar(name=name):
            return name
        case UNum(value=value):
            return str(value)
        case UMax(args=args):
            return "(max " + " ".join(print_univ(a) for a in args) + ")"
        case USucc(base=base, offset=offset):
            return f"({print_univ(base)} + {offset})"
        case _:
            assert_never(u)


def _at(term: Term, level: int) -> str:
    text = print_term(term)
    return f"({text})" if precedence(term) < level else text


def _param(p: Param) -> str:
    if p.type is None:
        return p.name
    return f"({p.name}:{print_term(p.type)})"


def print_binder(b: Binder) -> str:
    """A binder as an arrow domain (without the arrow)."""
    if b.name is None:
        return _at(b.type, AMP)
    text = f"{b.qual}{b.name}:{_at(b.type, APP)}"
    if b.refinement is not None:
        text += "{" + print_term(b.refinement) + "}"
    return text


def print_term(term: Term) -> str:
    match term:
        case Name(text=text) | IntLit(text=text) | StringLit(text=text):
            return text
        case Unit():
            return "()"
        case Universe(level=univ):
            if univ is None:
                return "Type"
            if isinstance(univ, UNum) and univ.value == 0:
                return "Type0"
            return f"Type u#{print_univ(univ)}"
        case App(head=head, args=args):
            parts = [_at(head, ATOM)]
            parts += [("#" if a.implicit else "") + _at(a.term, ATOM) for a in args]
            return " ".join(parts)
        case BinOp(op=op, left=left, right=right):
            prec, assoc = _BINOPS[op]
            lhs = _at(left, prec if assoc == "left" else prec + 1)
            rhs = _at(right, prec if assoc == "right" else prec + 1)
            return f"{lhs} {op} {rhs}"
        case UnOp(op=op, operand=operand):
            return op + _at(operand, UNARY)
        case Tuple(sep="&", elems=elems):
            return " & ".join(_at(e, IFF) for e in elems)
        case Tuple(elems=elems):
            return " * ".join(_at(e, UNARY) for e in elems)
        case TupleTerm(elems=elems):
            return "(" + ", ".join(print_term(e) for e in elems) + ")"
        case ListLit(elems=elems, lex=lex):
            return ("%[" if lex else "[") + "; ".join(print_term(e) for e in elems) + "]"
        case Proj(base=base, field=field):
            return f"{_at(base, ATOM)}.{field}"
        case Index(base=base, index=index, bracket=bracket):
            close = "]" if bracket == "[" else ")"
            return f"{_at(base, ATOM)}.{bracket}{print_term(index)}{close}"
        case Refine(name=name, base=base, pred=pred):
            return f"({name}:{_at(base, APP)}{{{print_term(pred)}}})"
        case Fun(params=params, body=body):
            return "fun " + " ".join(_param(p) for p in params) + " -> " + print_term(body)
        case Quant(kind=kind, binders=binders, body=body):
            return f"{kind} " + " ".join(_param(p) for p in binders) + ". " + print_term(body)
        case IfThenElse(cond=cond, then=then, else_=else_):
            return f"if {print_term(cond)} then {print_term(then)} else {print_term(else_)}"
        case Arrow(binders=binders, result=result):
            domains = "".join(print_binder(b) + " -> " for b in binders)
            return domains + print_type(result)
        case _:
            assert_never(term)


def _clause(c: Clause) -> str:
    if c.kind == "arg":
        return _at(c.term, ATOM)
    return f"({c.kind} {print_term(c.term)})"


def print_comp(comp: Comp) -> str:
    parts = [comp.effect]
    if comp.result is not None:
        parts.append(_at(comp.result, ATOM))
    parts += [_clause(c) for c in comp.clauses]
    return " ".join(parts)


def print_type(typ: Type) -> str:
    """A type in computation position (a `val`'s type or an arrow's result)."""
    if isinstance(typ, Comp):
        return print_comp(typ)
    return print_term(typ)


def _val_binder(b: Binder) -> str:
    if b.name is None:
        raise ValueError("a val parameter needs a name")
    if b.refinement is None:
        return f"({b.qual}{b.name}:{print_term(b.type)})"
    return f"({b.qual}{b.name}:{_at(b.type, APP)}{{{print_term(b.refinement)}}})"


def print_signature(sig: Signature) -> str:
    parts = list(sig.qualifiers) + ["val", sig.name]
    parts += [f"u#{print_univ(u)}" for u in sig.universes]
    parts += [_val_binder(b) for b in sig.binders]
    return " ".join(parts) + " : " + print_type(sig.type)

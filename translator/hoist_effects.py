"""Side effects used as values, moved to statements before their use (lowering pass).

C lets an assignment, a compound assignment or a comma expression appear where a value
is needed (``if ((n = read()) < 0)``, ``a = b = 0``, ``return (x += 2);``,
``while ((c = next()) != 0)``); the emitter translates assignments only as statements.

Guarantee: every rewrite keeps C's meaning. An assignment whose place has no side
effects becomes a statement before the statement that used it, and the use reads the
place (converted to the assignment's type). Comma operands before the last become
statements; ``(void)e`` as a statement is ``e``. Only operands evaluated
unconditionally are touched: the right side of ``&&``/``||`` and the branches of
``?:`` are left alone. A ``while``/``for`` condition with an effect becomes
``loop { effects; if (!cond) break; body }`` (``continue`` still re-evaluates it); a
``do``/``while`` condition is rewritten only when the body has no ``continue``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from analyses.walk import walk
from translator import cir
from translator.ctypes_model import INT, VoidT

_TEMPS = 0  # names of the temporaries that hold a postfix operand's old value


def _pure(e: Any) -> bool:
    return not any(isinstance(n, cir.Assign | cir.IncDec | cir.Call) for n in walk(e))


def _has_effect(e: Any) -> bool:
    return any(isinstance(n, cir.Assign | cir.Comma | cir.IncDec) for n in walk(e))


def _expr(e: Any, pre: list[cir.Stmt]) -> Any:
    """Hoist the unconditional effects of ``e`` into ``pre``; return the rest."""
    if isinstance(e, cir.Assign) and _pure(e.lhs):
        rhs = _expr(e.rhs, pre)
        pre.append(cir.ExprStmt(dataclasses.replace(e, rhs=rhs), e.span))
        return e.lhs if e.lhs.ty == e.ty else cir.Cast(e.lhs, e.ty, e.span)
    if isinstance(e, cir.IncDec) and _pure(e.arg):
        if e.prefix:
            pre.append(cir.ExprStmt(e, e.span))
            return e.arg if e.arg.ty == e.ty else cir.Cast(e.arg, e.ty, e.span)
        global _TEMPS
        _TEMPS += 1
        tmp = f"c2safe_old_{_TEMPS}"
        pre.append(cir.Decl(tmp, e.arg.ty, e.arg, e.span))
        pre.append(cir.ExprStmt(dataclasses.replace(e, prefix=True), e.span))
        old = cir.Var(tmp, e.arg.ty, e.span, "local")
        return old if e.arg.ty == e.ty else cir.Cast(old, e.ty, e.span)
    if isinstance(e, cir.Comma):
        for x in e.exprs[:-1]:
            pre.extend(_as_statements(x))
        return _expr(e.exprs[-1], pre)
    if isinstance(e, cir.Binary) and e.op in ("&&", "||"):
        return dataclasses.replace(e, left=_expr(e.left, pre))
    if isinstance(e, cir.Cond):
        return dataclasses.replace(e, cond=_expr(e.cond, pre))
    if isinstance(e, cir.Assign):
        return e  # its place has side effects: left to the emitter
    if not dataclasses.is_dataclass(e) or not _has_effect(e):
        return e
    changes = {}
    for f in dataclasses.fields(e):
        v = getattr(e, f.name)
        if isinstance(v, tuple):
            nv: Any = tuple(_expr(x, pre) if dataclasses.is_dataclass(x) else x for x in v)
        elif dataclasses.is_dataclass(v) and not isinstance(v, type):
            nv = _expr(v, pre)
        else:
            continue
        if nv is not v:
            changes[f.name] = nv
    node: Any = e
    return dataclasses.replace(node, **changes) if changes else e


def _as_statements(e: Any) -> list[cir.Stmt]:
    """``e;`` as statements: its top-level assignment stays a statement."""
    while isinstance(e, cir.Cast) and isinstance(e.ty, VoidT):
        e = e.arg
    if isinstance(e, cir.Comma):
        out: list[cir.Stmt] = []
        for x in e.exprs:
            out.extend(_as_statements(x))
        return out
    pre: list[cir.Stmt] = []
    if isinstance(e, cir.Assign):
        rhs = _expr(e.rhs, pre)
        return [*pre, cir.ExprStmt(dataclasses.replace(e, rhs=rhs), e.span)]
    if not _has_effect(e):
        return [cir.ExprStmt(e, e.span)]
    rest = _expr(e, pre)
    return [*pre, cir.ExprStmt(rest, e.span)]


def _wrap(pre: list[cir.Stmt], s: cir.Stmt) -> list[cir.Stmt]:
    return [*pre, s]


def _not(e: Any) -> Any:
    return cir.Unary("!", e, INT, e.span)


def _loop_body(pre: list[cir.Stmt], cond: Any, body: cir.Stmt, span: Any) -> cir.Block:
    guard = cir.If(_not(cond), cir.Break(span), None, span)
    inner = body.stmts if isinstance(body, cir.Block) else (body,)
    return cir.Block((*pre, guard, cir.Block(tuple(inner), span)), span)


def _stmt(s: Any) -> list[cir.Stmt]:
    match s:
        case cir.ExprStmt(expr=e):
            if not _has_effect(e):
                return [s]
            return _as_statements(e)
        case cir.Decl(init=init) if init is not None and _has_effect(init):
            pre: list[cir.Stmt] = []
            return _wrap(pre, dataclasses.replace(s, init=_expr(init, pre)))
        case cir.Return(value=v) if v is not None and _has_effect(v):
            pre = []
            return _wrap(pre, dataclasses.replace(s, value=_expr(v, pre)))
        case cir.If(cond=c, then=t, other=o):
            pre = []
            c2 = _expr(c, pre) if _has_effect(c) else c
            return _wrap(pre, cir.If(c2, _one(t), _one(o) if o is not None else None, s.span))
        case cir.Switch(expr=e, cases=cases):
            pre = []
            e2 = _expr(e, pre) if _has_effect(e) else e
            new_cases = tuple(cir.Case(c.values, _stmts(c.body), c.span) for c in cases)
            return _wrap(pre, cir.Switch(e2, new_cases, s.span))
        case cir.While(cond=c, body=b):
            if _has_effect(c):
                pre = []
                c2 = _expr(c, pre)
                return [
                    cir.While(
                        cir.IntLit(1, INT, s.span), _loop_body(pre, c2, _one(b), s.span), s.span
                    )
                ]
            return [cir.While(c, _one(b), s.span)]
        case cir.For(init=init, cond=c, step=st, body=b):
            init2 = tuple(x for i in init for x in _stmt(i))
            if c is not None and _has_effect(c):
                pre = []
                c2 = _expr(c, pre)
                return [cir.For(init2, None, st, _loop_body(pre, c2, _one(b), s.span), s.span)]
            return [cir.For(init2, c, st, _one(b), s.span)]
        case cir.DoWhile(body=b, cond=c):
            body = _one(b)
            if _has_effect(c) and not any(isinstance(n, cir.Continue) for n in walk(b)):
                pre = []
                c2 = _expr(c, pre)
                inner = body.stmts if isinstance(body, cir.Block) else (body,)
                return [cir.DoWhile(cir.Block((*inner, *pre), s.span), c2, s.span)]
            return [cir.DoWhile(body, c, s.span)]
        case cir.Block(stmts=ss):
            return [cir.Block(_stmts(ss), s.span)]
        case cir.LabeledBlock(body=b):
            return [dataclasses.replace(s, body=cir.Block(_stmts(b.stmts), b.span))]
        case _:
            return [s]


def _one(s: cir.Stmt) -> cir.Stmt:
    out = _stmt(s)
    return out[0] if len(out) == 1 else cir.Block(tuple(out), s.span)


def _stmts(ss: tuple[cir.Stmt, ...]) -> tuple[cir.Stmt, ...]:
    return tuple(x for s in ss for x in _stmt(s))


def hoist(body: cir.Block) -> cir.Block:
    """The function body with effects used as values moved to statements."""
    global _TEMPS
    _TEMPS = 0  # temporaries are numbered per function: the output is deterministic
    return cir.Block(_stmts(body.stmts), body.span)

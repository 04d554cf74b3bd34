"""Assignments whose value is never read are dropped (rustc's ``unused_assignments``).

After this pass no statement ``x = e;`` remains for a local ``x`` (bound by a ``let`` of
the function) that no later statement of its block or of any enclosing block mentions,
unless it sits inside a loop (the next iteration may read it). ``e`` still runs when it
has calls: the statement becomes ``e;``.

C code from KaRaMeL often ends with such stores (a carry assigned and never used).
"""

from __future__ import annotations

from dataclasses import replace

from translator import rust_ir as R
from translator.rir_passes.common import is_pure, map_fns, names
from translator.rir_visit import nodes


def _block(b: R.Block, later: frozenset[str], locals_: set[str]) -> R.Block:
    stmts = list(b.stmts)
    after: list[frozenset[str]] = [frozenset()] * (len(stmts) + 1)
    acc = later | (names(b.value) if b.value is not None else frozenset())
    after[len(stmts)] = acc
    for i in range(len(stmts) - 1, -1, -1):
        acc = acc | names(stmts[i])
        after[i] = acc
    out: list[R.Stmt] = []
    for i, s in enumerate(stmts):
        out.extend(_stmt(s, after[i + 1], locals_))
    if len(out) == len(stmts) and all(x is y for x, y in zip(out, stmts, strict=True)):
        return b
    return replace(b, stmts=tuple(out))


def _stmt(s: R.Stmt, later: frozenset[str], locals_: set[str]) -> list[R.Stmt]:
    match s:
        case R.Assign(place=R.Path(name=n), value=v, op=None) if n in locals_ and n not in later:
            return [] if is_pure(v) else [R.ExprStmt(v)]
        case R.If():
            return [_if(s, later, locals_)]
        case R.Match(arms=arms):
            new = tuple(replace(a, body=_block(a.body, later, locals_)) for a in arms)
            return [replace(s, arms=new)]
        case R.BlockStmt(block=b):
            return [replace(s, block=_block(b, later, locals_))]
        case _:
            return [s]  # loops (and everything else) are left alone


def _if(s: R.If, later: frozenset[str], locals_: set[str]) -> R.If:
    other: R.Block | R.If | None = s.other
    if isinstance(other, R.Block):
        other = _block(other, later, locals_)
    elif isinstance(other, R.If):
        other = _if(other, later, locals_)
    return replace(s, then=_block(s.then, later, locals_), other=other)


def _fn(f: R.Fn) -> R.Fn:
    locals_ = {n for s in nodes(f.body) if isinstance(s, R.Let) for n in s.names if n != "_"}
    return replace(f, body=_block(f.body, frozenset(), locals_))


def run(m: R.Module) -> R.Module:
    return map_fns(m, _fn)

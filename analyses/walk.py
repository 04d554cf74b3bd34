"""Generic traversal of CIR: every sub-expression and sub-statement, in source order.

Uses ``dataclasses.fields`` so a new node kind is traversed without edits here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from translator import cir

_NODE_TYPES = (
    cir.IntLit,
    cir.FloatLit,
    cir.StrLit,
    cir.Var,
    cir.Unary,
    cir.Binary,
    cir.PtrAdd,
    cir.Cast,
    cir.Index,
    cir.Deref,
    cir.AddrOf,
    cir.Member,
    cir.Call,
    cir.Cond,
    cir.Assign,
    cir.IncDec,
    cir.Comma,
    cir.InitList,
    cir.SizeOfUnknown,
    cir.Decl,
    cir.ExprStmt,
    cir.Block,
    cir.If,
    cir.While,
    cir.DoWhile,
    cir.For,
    cir.Return,
    cir.Break,
    cir.Continue,
    cir.Case,
    cir.Switch,
    cir.LabeledBlock,
    cir.Jump,
    cir.GotoMark,
    cir.LabelMark,
    cir.Unsupported,
)


def children(node: object) -> Iterator[object]:
    for f in dataclasses.fields(node):  # type: ignore[arg-type]
        v = getattr(node, f.name)
        if isinstance(v, _NODE_TYPES):
            yield v
        elif isinstance(v, tuple):
            for x in v:
                if isinstance(x, _NODE_TYPES):
                    yield x


def walk(node: object) -> Iterator[object]:
    """Pre-order walk of ``node`` and everything below it."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(list(children(n))))

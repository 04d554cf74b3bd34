"""Bare blocks are spliced into the block around them (no needless nesting).

The translation opens a Rust block for every C compound statement and writes an
aliasing-repaired call as a block expression ``{ let (a, b) = x.split_at_mut(k); f(a, b) }``.
The translation gives every local of a function a distinct name, so these scopes only
shorten lifetimes, which the borrow checker (non-lexical lifetimes) does not need.

After this pass no block directly holds an unlabeled block statement, nor a statement
that is only an unlabeled block expression (its statements and final call are spliced in).
Labeled blocks (``break 'l``) are kept.
"""

from __future__ import annotations

from dataclasses import replace

from translator import rust_ir as R
from translator.rir_visit import rewrite


def rule(n: object) -> object:
    """One node, its children already rewritten (see ``common.local_rules``)."""
    if not isinstance(n, R.Block):
        return n
    out: list[R.Stmt] = []
    changed = False
    for s in n.stmts:
        match s:
            case R.BlockStmt(block=R.Block(label=None) as b):
                out.extend(b.stmts)
                changed = True
            case R.ExprStmt(expr=R.BlockExpr(block=R.Block(label=None) as b)):
                out.extend(b.stmts)
                if b.value is not None:
                    out.append(R.ExprStmt(b.value))
                changed = True
            case _:
                out.append(s)
    return replace(n, stmts=tuple(out)) if changed else n


def run(m: R.Module) -> R.Module:
    return rewrite(m, rule)

"""A ``return`` in tail position becomes the block's value (clippy's ``needless_return``).

After this pass no function body ends in ``return e;`` or ``return;``: the last statement
of the body -- and, recursively, of both branches of a final ``if``/``else`` chain and of
every arm of a final ``match`` -- is a value (``e``) or nothing, and no branch of a final
``if`` ends in ``return;``; a body never ends ``let x = e; x`` (it ends ``e``). Labeled
blocks and loops are left alone (a ``return`` inside them is not in tail position).
"""

from __future__ import annotations

from dataclasses import replace

from translator import rust_ir as R
from translator.rir_passes.common import map_fns


def _returns(s: R.Stmt | R.Block) -> bool:
    """Every path through ``s`` ends in a ``return`` statement at its tail."""
    match s:
        case R.Block(stmts=stmts, value=None, label=None):
            return bool(stmts) and _returns(stmts[-1])
        case R.Return():
            return True
        case R.If(then=t, other=o):
            return o is not None and _returns(t) and _returns(o)
        case R.Match(arms=arms):
            return all(_returns(a.body) for a in arms)
        case _:
            return False


def _tail(b: R.Block) -> R.Block:
    if b.value is not None or not b.stmts or b.label is not None:
        return b
    stmts = list(b.stmts)
    # ``if c { return a } else { return b }`` then an unreachable tail: drop the tail
    if len(stmts) > 1 and isinstance(stmts[-1], R.Unreachable) and _returns(stmts[-2]):
        stmts.pop()
    *init, last = stmts
    match last:
        case R.Return(value=None):
            return replace(b, stmts=tuple(init))
        case R.Return(value=v):
            return replace(b, stmts=tuple(init), value=v)
        case R.If() if _returns(last):
            return replace(b, stmts=(*init, _tail_if(last)))
        case R.Match(arms=arms) if _returns(last):
            new = tuple(replace(a, body=_tail(a.body)) for a in arms)
            return replace(b, stmts=(*init, replace(last, arms=new)))
        case R.If():
            return replace(b, stmts=(*init, _strip_unit(last)))
        case _:
            return replace(b, stmts=tuple(stmts))


def _strip_unit(s: R.If) -> R.If:
    """Drop ``return;`` from the tails of a final ``if`` chain's branches."""

    def strip(b: R.Block) -> R.Block:
        if b.stmts and b.stmts[-1] == R.Return(None) and b.label is None:
            return replace(b, stmts=b.stmts[:-1])
        return b

    other: R.Block | R.If | None = s.other
    if isinstance(other, R.If):
        other = _strip_unit(other)
    elif other is not None:
        other = strip(other)
    return replace(s, then=strip(s.then), other=other)


def _tail_if(s: R.If) -> R.If:
    other: R.Block | R.If | None
    if isinstance(s.other, R.If):
        other = _tail_if(s.other)
    elif s.other is not None:
        other = _tail(s.other)
    else:
        other = None
    return replace(s, then=_tail(s.then), other=other)


def _let_and_return(b: R.Block) -> R.Block:
    """``let x = e; x`` is ``e`` (clippy's ``let_and_return``)."""
    stmts = list(b.stmts)
    k = len(stmts) - 1
    while k >= 0 and isinstance(stmts[k], R.SourcePos):
        k -= 1
    last = stmts[k] if k >= 0 else None
    if (
        isinstance(b.value, R.Path)
        and isinstance(last, R.Let)
        and last.names == (b.value.name,)
        and last.init is not None
    ):
        return replace(b, stmts=tuple(stmts[:k] + stmts[k + 1 :]), value=last.init)
    return b


def _fn(f: R.Fn) -> R.Fn:
    body = _let_and_return(_tail(f.body))
    if f.ret is None and body.value is not None:
        return f  # a void function's tail must stay a statement
    return replace(f, body=body)


def run(m: R.Module) -> R.Module:
    return map_fns(m, _fn)

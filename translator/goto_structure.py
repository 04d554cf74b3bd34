"""``goto`` as structured control flow: labelled blocks and labelled loops.

Runs on a lowered function body in which ``goto L`` is ``GotoMark(L)`` and ``L:`` is a
``LabelMark(L)`` statement. For each statement list (a block or a ``case`` body) that
holds ``L:`` at index ``k``:

- statements ``i < k`` containing ``goto L`` (at any depth: inside ifs, loops, switches)
  are *forward* gotos: statements ``first_i .. k-1`` become ``LabeledBlock(L_f, loop=False)``
  and those gotos ``Jump(L_f, "break")`` — leaving the block lands on ``L``;
- statements ``i >= k`` containing ``goto L`` are *backward* gotos: statements
  ``k .. last_i`` become ``LabeledBlock(L_b, loop=True)`` and those gotos
  ``Jump(L_b, "continue")`` — restarting the loop re-runs from ``L``.

Guarantee: the result has no ``GotoMark``/``LabelMark`` and the same meaning as the C
(the regions are exactly the statements between jump and label). Refused with C2S107:
a ``goto`` into a block (its label is not in an enclosing statement list) and regions of
different labels that cross each other (neither nested nor disjoint).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from translator import cir
from translator.diagnostics import Span

# (start, end, label, kind) over one statement list: statements[start:end]
_Region = tuple[int, int, str, str]


class GotoError(Exception):
    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.message, self.span = message, span


def structure(body: cir.Block) -> cir.Block:
    """Replace the gotos of a function body (see the module docstring)."""
    out: cir.Block = _fix_block(body)
    left = [n for n in _nodes(out) if isinstance(n, cir.GotoMark)]
    if left:
        raise GotoError(f"goto `{left[0].label}` jumps into a block", left[0].span)
    return out


def has_goto(body: cir.Block) -> bool:
    return any(isinstance(n, cir.GotoMark | cir.LabelMark) for n in _nodes(body))


def _nodes(node: Any) -> list[Any]:
    from analyses.walk import walk

    return list(walk(node))


def _contains_goto(s: Any, label: str) -> bool:
    return any(isinstance(n, cir.GotoMark) and n.label == label for n in _nodes(s))


def _rewrite(node: Any, fn: Any) -> Any:
    """Bottom-up rebuild of a frozen CIR tree with ``fn`` applied to every node."""
    if isinstance(node, tuple):
        return tuple(_rewrite(x, fn) for x in node)
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return node
    changes = {}
    for f in dataclasses.fields(node):
        v = getattr(node, f.name)
        nv = _rewrite(v, fn)
        if nv is not v:
            changes[f.name] = nv
    new = dataclasses.replace(node, **changes) if changes else node
    return fn(new)


def _fix_block(node: Any) -> Any:
    """Structure every statement list, innermost first."""

    def visit(n: Any) -> Any:
        if isinstance(n, cir.Block):
            stmts = _fix_list(n.stmts)
            return n if stmts is n.stmts else cir.Block(stmts, n.span)
        if isinstance(n, cir.Case):
            stmts = _fix_list(n.body)
            return n if stmts is n.body else cir.Case(n.values, stmts, n.span)
        return n

    return _rewrite(node, visit)


def _fix_list(stmts: tuple[cir.Stmt, ...]) -> tuple[cir.Stmt, ...]:
    marks = {s.label: i for i, s in enumerate(stmts) if isinstance(s, cir.LabelMark)}
    if not marks:
        return stmts
    regions: list[_Region] = []
    for label, k in marks.items():
        users = [i for i, s in enumerate(stmts) if _contains_goto(s, label)]
        fwd = [i for i in users if i < k]
        bwd = [i for i in users if i >= k]
        if fwd:
            regions.append((min(fwd), k, label, "f"))
        if bwd:
            regions.append((k, max(bwd) + 1, label, "b"))
    for a in regions:
        for b in regions:
            if a is not b and a[0] < b[0] < a[1] < b[1]:
                raise GotoError(
                    f"gotos to `{a[2]}` and `{b[2]}` cross each other", stmts[b[0]].span
                )
    return tuple(_build(stmts, 0, len(stmts), regions))


def _build(stmts: tuple[cir.Stmt, ...], lo: int, hi: int, regions: list[_Region]) -> list[cir.Stmt]:
    out: list[cir.Stmt] = []
    regs = sorted(regions, key=lambda r: (r[0], -r[1]))
    i = lo
    while i < hi:
        if regs and regs[0][0] == i:
            a, b, label, kind = regs[0]
            inner = [r for r in regs[1:] if r[0] >= a and r[1] <= b]
            regs = [r for r in regs[1:] if not (r[0] >= a and r[1] <= b)]
            body = _build(stmts, a, b, inner)
            name = f"{label}_{kind}"
            jump = "break" if kind == "f" else "continue"

            def to_jump(n: Any, label: str = label, name: str = name, jump: str = jump) -> Any:
                if isinstance(n, cir.GotoMark) and n.label == label:
                    return cir.Jump(name, jump, n.span)
                return n

            block = cir.Block(tuple(_rewrite(tuple(body), to_jump)), stmts[a].span)
            out.append(cir.LabeledBlock(name, block, kind == "b", stmts[a].span))
            i = b
            continue
        s = stmts[i]
        if not isinstance(s, cir.LabelMark):
            out.append(s)
        i += 1
    return out

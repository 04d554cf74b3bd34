"""Generic traversal of CIR: every sub-expression and sub-statement, in source order.

Guarantees: ``children(n)`` yields exactly the CIR nodes held by ``n``'s fields (single
fields, optional fields and tuples of nodes), in field order then tuple order; ``walk(n)``
is the pre-order traversal built on it. Nothing else (types, spans, names) is yielded.

Speed: the node kinds are discovered once from ``cir.Expr``/``cir.Stmt`` (plus ``Case``),
and for each kind a plain Python accessor is generated from its field annotations (for
``For``: ``[*n.init, n.cond, n.step, n.body]`` minus ``None``). A visit is then one dict
lookup and one call, instead of ``dataclasses.fields`` reflection and an ``isinstance``
test per field. A new node kind added to ``cir.Expr``/``cir.Stmt`` is picked up without
edits here; an object of an unknown type falls back to reflection.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable, Iterator, Sequence

from translator import cir

_NODE_TYPES: tuple[type, ...] = tuple(
    dict.fromkeys((*typing.get_args(cir.Expr), *typing.get_args(cir.Stmt), cir.Case))
)

# names that, in a field annotation, mean "holds a node"
_NODE_NAMES = frozenset({"Expr", "Stmt", *(t.__name__ for t in _NODE_TYPES)})
_WORD = re.compile(r"\w+")


def _field_kind(annotation: object) -> str | None:
    """``"seq"`` for a tuple of nodes, ``"opt"`` for an optional node, ``"one"`` for a
    node, ``None`` for a field that never holds a node."""
    text = annotation if isinstance(annotation, str) else repr(annotation)
    words = set(_WORD.findall(text))
    if not words & _NODE_NAMES:
        return None
    if text.replace(" ", "").startswith("tuple["):
        return "seq"
    return "opt" if "None" in words else "one"


def node_fields(cls: type) -> tuple[tuple[str, str], ...]:
    """The fields of a node kind that hold nodes, as ``(kind, name)`` with kind ``"one"``,
    ``"opt"`` or ``"seq"`` (see :func:`_field_kind`), in declaration order."""
    parts: list[tuple[str, str]] = []
    for f in dataclasses.fields(cls):
        kind = _field_kind(f.type)
        if kind is not None:
            parts.append((kind, f.name))
    return tuple(parts)


def _accessor_source(cls: type) -> str:
    """Python source of ``_children_<Kind>(n) -> sequence`` for one node kind."""
    lines = [f"def _children_{cls.__name__}(n):"]
    parts = node_fields(cls)
    if not parts:
        lines.append("    return ()")
    elif len(parts) == 1 and parts[0][0] == "seq":
        lines.append(f"    return n.{parts[0][1]}")
    elif all(k == "one" for k, _ in parts):
        lines.append("    return (" + "".join(f"n.{f}, " for _, f in parts) + ")")
    else:
        lines.append("    out = []")
        for kind, fname in parts:
            if kind == "one":
                lines.append(f"    out.append(n.{fname})")
            elif kind == "opt":
                lines.append(f"    v = n.{fname}")
                lines.append("    if v is not None:")
                lines.append("        out.append(v)")
            else:
                lines.append(f"    out.extend(n.{fname})")
        lines.append("    return out")
    return "\n".join(lines) + "\n"


Accessor = Callable[[object], Sequence[object]]


def _generate() -> dict[type, Accessor]:
    table: dict[type, Accessor] = {}
    for cls in _NODE_TYPES:
        namespace: dict[str, object] = {}
        exec(_accessor_source(cls), namespace)  # our own generated source
        table[cls] = typing.cast(Accessor, namespace[f"_children_{cls.__name__}"])
    return table


_ACCESSORS = _generate()
NODE_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {c: node_fields(c) for c in _NODE_TYPES}


def _reflect(node: object) -> list[object]:
    """Children of an object that is not a known node kind (slow path)."""
    out: list[object] = []
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return out
    for f in dataclasses.fields(node):
        v = getattr(node, f.name)
        if isinstance(v, _NODE_TYPES):
            out.append(v)
        elif isinstance(v, tuple):
            out.extend(x for x in v if isinstance(x, _NODE_TYPES))
    return out


def child_list(node: object) -> Sequence[object]:
    """The children of ``node`` as a sequence (the fast form of :func:`children`)."""
    acc = _ACCESSORS.get(type(node))
    return acc(node) if acc is not None else _reflect(node)


def children(node: object) -> Iterator[object]:
    """The CIR nodes directly held by ``node``, in field order."""
    return iter(child_list(node))


def walk(node: object) -> Iterator[object]:
    """Pre-order walk of ``node`` and everything below it."""
    acc = _ACCESSORS
    stack = [node]
    pop, push = stack.pop, stack.extend
    while stack:
        n = pop()
        yield n
        f = acc.get(type(n))
        kids = f(n) if f is not None else _reflect(n)
        if kids:
            push(reversed(kids))


def nodes(node: object) -> list[object]:
    """``list(walk(node))``, built without a generator."""
    acc = _ACCESSORS
    out: list[object] = []
    stack = [node]
    pop, push, emit = stack.pop, stack.extend, out.append
    while stack:
        n = pop()
        emit(n)
        f = acc.get(type(n))
        kids = f(n) if f is not None else _reflect(n)
        if kids:
            push(reversed(kids))
    return out

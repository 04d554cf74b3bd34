"""Generic traversals of RIR, derived from the dataclass fields (KaRaMeL derives its
visitors; here ``dataclasses.fields`` plays that part), so a new node kind needs no
change here.

* :func:`nodes` -- every node below a root, preorder (expressions, statements, blocks,
  types, items);
* :func:`rewrite` -- a bottom-up map: children first, then ``f`` on the rebuilt node;
* :class:`Names` -- the local names (``Path``) mentioned below a node, memoised.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from translator import rust_ir as R

T = TypeVar("T")

# field names per class; None for values that are not nodes (str, int, bool, None, ...)
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _fields(cls: type) -> tuple[str, ...] | None:
    try:
        return _FIELDS[cls]
    except KeyError:
        names = (
            tuple(f.name for f in dataclasses.fields(cls))
            if dataclasses.is_dataclass(cls)
            else None
        )
        _FIELDS[cls] = names
        return names


def children(node: object) -> Iterator[object]:
    for name in _fields(type(node)) or ():
        v = getattr(node, name)
        if isinstance(v, tuple):
            for x in v:
                if isinstance(x, tuple):
                    yield from (y for y in x if _fields(type(y)) is not None)
                elif _fields(type(x)) is not None:
                    yield x
        elif _fields(type(v)) is not None:
            yield v


def nodes(root: object) -> Iterator[object]:
    """``root`` and every RIR node below it, preorder."""
    stack = [root]
    while stack:
        n = stack.pop()
        yield n
        kids = list(children(n))
        kids.reverse()
        stack.extend(kids)


_TYPES = frozenset({R.TName, R.TRef, R.TSlice, R.TArray, R.TBox, R.TVec})


def rewrite(root: T, f: Callable[[object], object]) -> T:
    """Rebuild ``root`` bottom-up, replacing every node ``n`` by ``f(n)`` (children first);
    unchanged subtrees are shared, not copied. Types are not visited (no pass rewrites
    them)."""
    return _rewrite(root, f)  # type: ignore[no-any-return]


def _rewrite(v: Any, f: Callable[[object], object]) -> Any:
    if isinstance(v, tuple):
        items = tuple([_rewrite(x, f) for x in v])
        for a, b in zip(items, v, strict=True):
            if a is not b:
                return items
        return v
    cls = type(v)
    names = _fields(cls)
    if names is None or cls in _TYPES:
        return v
    old = [getattr(v, n) for n in names]
    new = [_rewrite(x, f) for x in old]
    for a, b in zip(new, old, strict=True):
        if a is not b:
            return f(cls(*new))
    return f(v)


class Names:
    """``names(node)``: the ``Path`` names mentioned in ``node``, computed once per node
    (keyed by identity; valid while the nodes are alive and unchanged -- RIR is frozen)."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, frozenset[str]]] = {}

    def __call__(self, node: object) -> frozenset[str]:
        hit = self._memo.get(id(node))
        if hit is not None and hit[0] is node:
            return hit[1]
        if isinstance(node, R.Path):
            out = frozenset((node.name,))
        else:
            out = frozenset()
            for c in children(node):
                out |= self(c)
        self._memo[id(node)] = (node, out)
        return out

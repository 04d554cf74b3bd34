"""Generic traversals of RIR, derived from the dataclass fields (KaRaMeL derives its
visitors; here ``dataclasses.fields`` plays that part), so a new node kind needs no
change here.

* :func:`nodes` -- every node below a root, preorder (expressions, statements, blocks,
  types, items);
* :func:`rewrite` -- a bottom-up map: children first, then ``f`` on the rebuilt node.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(cls))
        _FIELDS[cls] = names
    return names


def _is_node(x: object) -> bool:
    return hasattr(type(x), "__dataclass_fields__")


def children(node: object) -> Iterator[object]:
    for name in _fields(type(node)):
        v = getattr(node, name)
        if isinstance(v, tuple):
            for x in v:
                if isinstance(x, tuple):
                    yield from (y for y in x if _is_node(y))
                elif _is_node(x):
                    yield x
        elif _is_node(v):
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


def rewrite(root: T, f: Callable[[object], object]) -> T:
    """Rebuild ``root`` bottom-up, replacing every node ``n`` by ``f(n)`` (children first);
    unchanged subtrees are shared, not copied."""
    return _rewrite(root, f)  # type: ignore[no-any-return]


def _rewrite(v: Any, f: Callable[[object], object]) -> Any:
    if isinstance(v, tuple):
        items = tuple(_rewrite(x, f) for x in v)
        return v if all(a is b for a, b in zip(items, v, strict=True)) else items
    if not _is_node(v):
        return v
    cls = type(v)
    names = _fields(cls)
    old = [getattr(v, n) for n in names]
    new = [_rewrite(x, f) for x in old]
    node = v if all(a is b for a, b in zip(new, old, strict=True)) else cls(*new)
    return f(node)

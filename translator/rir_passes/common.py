"""Helpers shared by the RIR passes: per-function mapping and name uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from translator import rust_ir as R
from translator.rir_visit import Names, nodes, rewrite

_names = Names()


def map_fns(m: R.Module, f: Callable[[R.Fn], R.Fn]) -> R.Module:
    """Apply ``f`` to every function item of the module (the ``mentions`` memo lives for
    one call)."""
    global _names
    _names = Names()
    try:
        items = tuple(f(it) if isinstance(it, R.Fn) else it for it in m.items)
    finally:
        _names = Names()
    return replace(m, items=items)


def root(place: R.Expr) -> tuple[str | None, bool]:
    """The local a place is rooted in, and whether the path goes through ``[..]``/``.f``."""
    through = False
    while True:
        match place:
            case R.Path(name=n):
                return n, through
            case R.Field(base=b) | R.Index(base=b):
                place, through = b, True
            case _:
                return None, through


def mentions(node: object, name: str) -> bool:
    """Whether ``node`` mentions the local ``name`` (memoised per ``map_fns`` call)."""
    return name in _names(node)


def names(node: object) -> frozenset[str]:
    """The local names ``node`` mentions (memoised per ``map_fns`` call)."""
    return _names(node)


def is_pure(e: R.Expr) -> bool:
    """No calls of translated functions or runtime helpers (methods on scalars are pure)."""
    return not any(isinstance(n, R.Call | R.BlockExpr | R.Panic) for n in nodes(e))


def local_rules(*rules: Callable[[object], object]) -> Callable[[R.Module], R.Module]:
    """One pass applying several local rewrite rules in a single bottom-up traversal: each
    node is passed through the rules in order after its children (the same result as
    running them as separate passes, since every rule looks only at a node and its
    already-rewritten children)."""

    def rule(n: object) -> object:
        for r in rules:
            n = r(n)
        return n

    def run(m: R.Module) -> R.Module:
        return rewrite(m, rule)

    run.__name__ = "+".join(r.__module__.rsplit(".", 1)[-1] for r in rules)
    return run

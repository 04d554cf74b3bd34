"""Call graph of a CIR program and its strongly connected components.

``build(functions)`` returns a networkx DiGraph with an edge f -> g for every
call from f's body to g (g need not have a body). ``bottom_up(graph)`` lists the
SCCs callees-first, the order interprocedural analyses iterate in.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from analyses.walk import walk
from translator import cir


def callees(fn: cir.Function) -> set[str]:
    if fn.body is None:
        return set()
    return {n.func for n in walk(fn.body) if isinstance(n, cir.Call)}


def build(functions: Mapping[str, cir.Function]) -> nx.DiGraph:
    g = nx.DiGraph()
    for name, fn in functions.items():
        g.add_node(name)
        for c in callees(fn):
            g.add_edge(name, c)
    return g


def bottom_up(g: nx.DiGraph) -> list[set[str]]:
    """SCCs in reverse topological order: every callee's SCC comes before its callers'."""
    cond = nx.condensation(g)
    order = list(nx.topological_sort(cond))
    return [set(cond.nodes[c]["members"]) for c in reversed(order)]


def reachable(g: nx.DiGraph, roots: set[str]) -> set[str]:
    seen: set[str] = set()
    for r in roots:
        if r in g:
            seen |= {r} | set(nx.descendants(g, r))
    return seen

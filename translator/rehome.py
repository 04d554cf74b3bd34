"""Placement of definitions that no C file's module would otherwise own.

The emitter places a function in the module of the ``.c`` file that defines it and
copies header-defined helpers into the modules that call them. Two kinds of definitions
fit neither rule and used to vanish: functions of a ``.c`` file that another ``.c``
``#include``s (unity builds) when the included file is not itself an input, and
non-``static`` functions defined in a header (single-header libraries whose
implementation a ``#define`` enables) that no translated function calls.

Guarantee: after ``rehome``, every defined function (with a body, or refused by the
lowering) is either owned by an input ``.c`` file's module or is a ``static`` header
helper; each re-homed function is owned by the first unit that defines it. ``static``
header helpers nobody calls are returned as *unused* (reported, not emitted, as a C
compiler would drop them).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from analyses.callgraph import build
from translator import cir
from translator.link import Linked


@dataclasses.dataclass
class Placement:
    rehomed: dict[str, str]  # function key -> the .c source that now owns it
    unused: dict[str, cir.Function]  # unused static header helpers (key -> function)


def _same(a: str, b: str) -> bool:
    return a == b or Path(a).resolve() == Path(b).resolve()


def rehome(linked: Linked, units: list[cir.Unit]) -> Placement:
    sources = {str(Path(u.source).resolve()) for u in units}
    defined = {
        k: fn for k, fn in linked.functions.items() if fn.body is not None or k in linked.errors
    }
    orphans = {k: fn for k, fn in defined.items() if str(Path(fn.file).resolve()) not in sources}
    if not orphans:
        return Placement({}, {})
    graph = build(linked.functions)
    owned_roots = [k for k in defined if k not in orphans]
    reached: set[str] = set()
    stack = list(owned_roots)
    while stack:
        n = stack.pop()
        for c in graph.successors(n) if n in graph else ():
            if c in orphans and c not in reached:
                reached.add(c)
                stack.append(c)
    placement = Placement({}, {})
    for key, fn in orphans.items():
        is_header = not fn.file.endswith(".c")
        if is_header and key in reached:
            continue  # a helper, copied into its callers' modules
        if is_header and fn.static:
            placement.unused[key] = fn
            continue
        owner = next(
            (
                u.source
                for u in units
                if fn.c_name in u.functions
                and (u.functions[fn.c_name].body is not None or fn.c_name in u.errors)
                and _same(u.functions[fn.c_name].file, fn.file)
            ),
            None,
        )
        if owner is None:
            continue
        linked.functions[key] = dataclasses.replace(fn, file=owner)
        placement.rehomed[key] = owner
    return placement

"""Linking: merge per-file CIR units into one program namespace.

Guarantees: every function key in the result is unique; a ``static`` function
of a ``.c`` file whose name is also used elsewhere is keyed ``name@stem`` (its
``cname`` keeps the C name) and calls inside its unit are rewritten to that
key; header-defined functions and types are merged once; a public symbol
defined in two ``.c`` files is reported (C2S009) and the first one kept; a
definition of a name the translator models itself (``memset``, ``load64``, ...)
is keyed ``name@stem`` and the unit's calls go to it, as in C; global
initialisers see the same renaming as function bodies.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path
from typing import Any

from analyses.mutability import BUILTIN_WRITES
from analyses.walk import NODE_FIELDS, nodes
from translator import cir
from translator.diagnostics import Diagnostic, Severity

# names the translator models itself (libc memory functions, KaRaMeL load/store, exit):
# a program that *defines* one gets its own definition under a unit key instead
MODELED_NAMES = frozenset(BUILTIN_WRITES)


@dataclasses.dataclass
class Linked:
    functions: dict[str, cir.Function]
    structs: dict[str, cir.StructDef]
    globals: dict[str, cir.Global]
    errors: dict[str, tuple[str, str, Any]]  # key -> (code, message, span) from lowering
    diagnostics: list[Diagnostic]


def _rename_calls(node: Any, mapping: dict[str, str]) -> Any:
    """``node`` with mapped calls and static globals renamed; unchanged subtrees are
    shared, and only the node-holding fields are visited (``analyses.walk.NODE_FIELDS``)."""
    fields = NODE_FIELDS.get(type(node))
    if fields is None:
        return _rename_reflect(node, mapping)
    changes: dict[str, Any] = {}
    for kind, name in fields:
        v = getattr(node, name)
        if kind == "seq":
            nv: Any = tuple(_rename_calls(x, mapping) for x in v)
            if all(a is b for a, b in zip(nv, v, strict=True)):
                continue
        elif v is None:
            continue
        else:
            nv = _rename_calls(v, mapping)
            if nv is v:
                continue
        changes[name] = nv
    if isinstance(node, cir.Call) and node.func in mapping:
        changes["func"] = mapping[node.func]
    if isinstance(node, cir.Var) and node.kind == "global" and "@g:" + node.name in mapping:
        changes["name"] = mapping["@g:" + node.name]
    return dataclasses.replace(node, **changes) if changes else node


def _rename_reflect(node: Any, mapping: dict[str, str]) -> Any:
    """The slow path of ``_rename_calls`` for objects that are not CIR node kinds."""
    if isinstance(node, tuple):
        return tuple(_rename_calls(x, mapping) for x in node)
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return node
    changes = {}
    for f in dataclasses.fields(node):
        v = getattr(node, f.name)
        nv = _rename_calls(v, mapping)
        if nv is not v:
            changes[f.name] = nv
    return dataclasses.replace(node, **changes) if changes else node


def _mentions(body: cir.Block, mapping: dict[str, str]) -> bool:
    """Whether ``_rename_calls`` would change anything below ``body`` (a fast pre-check)."""
    for n in nodes(body):
        if isinstance(n, cir.Call) and n.func in mapping:
            return True
        if isinstance(n, cir.Var) and n.kind == "global" and "@g:" + n.name in mapping:
            return True
    return False


_SPAN = re.compile(r"Span\(file='[^']*', line=\d+, col=\d+\)")


def _fingerprint(fn: cir.Function) -> str:
    """A function's definition without source positions (equal text, equal print)."""
    return _SPAN.sub("", repr((fn.ret, [p.ty for p in fn.params], fn.body)))


def link(units: list[cir.Unit]) -> Linked:
    out = Linked({}, {}, {}, {}, [])
    # header functions defined differently by different units (e.g. two KaRaMeL
    # versions of FStar_UInt128) are kept apart: the later ones get a per-unit key
    header_prints: dict[str, str] = {}
    header_conflicts: dict[str, set[str]] = {}
    for u in units:
        for name, fn in u.functions.items():
            if fn.file == u.source or fn.body is None:
                continue
            fp = _fingerprint(fn)
            if header_prints.setdefault(name, fp) != fp:
                header_conflicts.setdefault(u.source, set()).add(name)
    # which static .c names collide with anything else?
    counts: Counter[str] = Counter()
    for u in units:
        for fn in u.functions.values():
            if fn.file == u.source and (fn.body is not None or fn.name in u.errors):
                counts[fn.name] += 1
    for u in units:
        stem = Path(u.source).stem
        mapping = {
            name: f"{name}@{stem}"
            for name, fn in u.functions.items()
            if fn.static and fn.file == u.source and counts[name] > 1
        }
        mapping.update({name: f"{name}@{stem}" for name in header_conflicts.get(u.source, ())})
        mapping.update(
            {
                name: f"{name}@{stem}"
                for name, fn in u.functions.items()
                if name in MODELED_NAMES and (fn.body is not None or name in u.errors)
            }
        )
        # static globals of a .c file are private to it: key them by file
        gmap = {
            g.name: f"{g.name}@{stem}"
            for g in u.globals.values()
            if g.static and g.file == u.source
        }
        mapping.update({"@g:" + k: v for k, v in gmap.items()})
        for name, fn in u.functions.items():
            key = mapping.get(name, name)
            body = fn.body
            if mapping and body is not None and _mentions(body, mapping):
                body = _rename_calls(body, mapping)
            fn2 = dataclasses.replace(fn, name=key, cname=name if key != name else "", body=body)
            prev = out.functions.get(key)
            defined = fn.body is not None or name in u.errors
            if prev is not None:
                prev_defined = prev.body is not None or key in out.errors
                if prev_defined and defined and fn.file.endswith(".c") and prev.file != fn.file:
                    out.diagnostics.append(
                        Diagnostic(
                            "C2S009",
                            Severity.ERROR,
                            f"`{name}` is also defined in {prev.file}; keeping the first",
                            fn.span,
                            name,
                        )
                    )
                    continue
                if prev_defined or not defined:
                    continue
            out.functions[key] = fn2
            if name in u.errors:
                out.errors[key] = u.errors[name]
        for sname, sd in u.structs.items():
            out.structs.setdefault(sname, sd)
        for gname0, g0 in u.globals.items():
            gname = gmap.get(gname0, gname0)
            init = _rename_calls(g0.init, mapping) if mapping and g0.init is not None else g0.init
            g = dataclasses.replace(g0, name=gname, init=init)
            prev_g = out.globals.get(gname)
            if prev_g is None or (prev_g.init is None and g.init is not None):
                out.globals[gname] = g
    return out

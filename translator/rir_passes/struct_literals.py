"""A default-initialised struct whose fields are then set one by one is one literal
(clippy's ``field_reassign_with_default``).

After this pass no block holds ``let x: S = S::default();`` directly followed (source
markers aside) by ``x.f = e;`` statements whose values do not mention ``x``: it reads
``let x: S = S { f: e, .. };`` with the fields in assignment order (so their evaluation
order is kept) and ``..S::default()`` only when some field of ``S`` is left unset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from translator import rust_ir as R
from translator.rir_passes.common import map_fns, mentions
from translator.rir_visit import rewrite


def _block(b: R.Block, fields: dict[str, tuple[str, ...]]) -> R.Block:
    stmts = list(b.stmts)
    out: list[R.Stmt] = []
    i = 0
    changed = False
    while i < len(stmts):
        s = stmts[i]
        i += 1
        out.append(s)
        if not (
            isinstance(s, R.Let)
            and len(s.names) == 1
            and isinstance(s.ty, R.TName)
            and s.ty.name in fields
            and s.init == R.Call(f"{s.ty.name}::default")
        ):
            continue
        name, sname = s.names[0], s.ty.name
        given: list[tuple[str, R.Expr]] = []
        markers: list[R.Stmt] = []
        j = i
        while j < len(stmts):
            t = stmts[j]
            if isinstance(t, R.SourcePos):
                markers.append(t)
            elif (
                isinstance(t, R.Assign)
                and t.op is None
                and t.place in [R.Field(R.Path(name), f) for f in fields[sname]]
                and isinstance(t.place, R.Field)
                and t.place.name not in dict(given)
                and not mentions(t.value, name)
            ):
                given.append((t.place.name, t.value))
            else:
                break
            j += 1
        if not given:
            continue
        base = None if len(given) == len(fields[sname]) else s.init
        out[-1] = replace(s, init=R.StructLit(sname, tuple(given), base))
        out.extend(markers)
        i = j
        changed = True
    return replace(b, stmts=tuple(out)) if changed else b


def make(fields: dict[str, tuple[str, ...]]) -> Callable[[R.Module], R.Module]:
    """The pass for a crate whose structs have these fields (by Rust struct name)."""

    def rule(n: object) -> object:
        return _block(n, fields) if isinstance(n, R.Block) else n

    def run(m: R.Module) -> R.Module:
        return map_fns(m, lambda f: replace(f, body=rewrite(f.body, rule)))

    return run

"""``mut`` only where needed (KaRaMeL's ``infer_mut_borrows``, restricted to bindings).

The translation marks a local ``mut`` from the C mutability facts, which over-approximate.
After this pass a ``let mut x`` remains only if the function (by name: the translation
gives every local of a function a distinct name, except re-cut parameters, which are never
``mut``) does one of:

* assigns ``x`` itself (``x = ..``, ``x += ..``), or assigns through ``x[..]`` / ``x.f``
  when ``x`` is not a reference (a reference binding writes through without ``mut``);
* borrows ``&mut x`` (or ``&mut x[..]`` / ``&mut x.f`` of a non-reference);
* calls a method that is not known to be read-only on ``x`` or a sub-place of it;
* declares ``x`` without a value (its first assignment initialises it; the pass that made
  it so decided ``mut``).
"""

from __future__ import annotations

from dataclasses import replace

from translator import rust_ir as R
from translator.rir_passes.common import map_fns, root
from translator.rir_visit import nodes, rewrite

# methods that never need a mutable receiver
_READ_ONLY = frozenset(
    {
        "wrapping_add",
        "wrapping_sub",
        "wrapping_mul",
        "wrapping_div",
        "wrapping_rem",
        "wrapping_neg",
        "wrapping_shl",
        "wrapping_shr",
        "rotate_left",
        "rotate_right",
        "is_multiple_of",
        "to_vec",
        "len",
        "step_by",
        "into_boxed_slice",
        "clone",
    }
)


def _is_ref_binding(s: R.Let) -> bool:
    """The binding holds a reference (writing through it needs no ``mut``)."""
    if len(s.names) > 1:
        return True  # split_at_mut pieces
    if isinstance(s.ty, R.TRef):
        return True
    return isinstance(s.init, R.Ref)


def needs_mut(body: R.Block, refs: set[str]) -> set[str]:
    out: set[str] = set()

    def mark(place: R.Expr) -> None:
        name, through = root(place)
        if name is not None and not (through and name in refs):
            out.add(name)

    for n in nodes(body):
        match n:
            case R.Assign(place=p):
                mark(p)
            case R.Ref(mut=True, arg=a):
                mark(a)
            case R.MethodCall(recv=r, method=m) if m not in _READ_ONLY:
                mark(r)
            case _:
                pass
    return out


def _fn(f: R.Fn) -> R.Fn:
    lets = [n for n in nodes(f.body) if isinstance(n, R.Let)]
    refs = {s.names[0] for s in lets if _is_ref_binding(s)}
    needed = needs_mut(f.body, refs)

    def fix(n: object) -> object:
        if isinstance(n, R.Let) and n.mut and n.init is not None and len(n.names) == 1:
            if n.names[0] not in needed:
                return replace(n, mut=False)
        return n

    return replace(f, body=rewrite(f.body, fix))


def run(m: R.Module) -> R.Module:
    return map_fns(m, _fn)

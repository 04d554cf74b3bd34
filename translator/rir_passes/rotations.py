"""Hand-written rotations become ``rotate_left`` / ``rotate_right``.

After this pass no ``(x << k) | (x >> (w - k))`` (either order) remains where ``x`` is a
call-free expression of an unsigned ``w``-bit type: it reads ``x.rotate_left(k)`` (or
``x.rotate_right(k)`` when the right shift comes first), the same value.
"""

from __future__ import annotations

from translator import rust_ir as R
from translator.rir_passes.common import is_pure
from translator.rir_visit import rewrite

_BITS = {"u8": 8, "u16": 16, "u32": 32, "u64": 64, "u128": 128}


def _shift(e: R.Expr) -> tuple[str, R.Expr, int] | None:
    if isinstance(e, R.Binary) and e.op in ("<<", ">>") and isinstance(e.right, R.Int):
        return e.op, e.left, e.right.value
    return None


def rule(n: object) -> object:
    """One node, its children already rewritten (see ``common.local_rules``)."""
    if not (isinstance(n, R.Binary) and n.op in ("|", "^", "+") and n.ty in _BITS):
        return n
    a, b = _shift(n.left), _shift(n.right)
    if a is None or b is None or a[0] == b[0] or a[1] != b[1] or not is_pure(a[1]):
        return n
    if a[2] + b[2] != _BITS[n.ty] or a[2] == 0 or b[2] == 0:
        return n
    method = "rotate_left" if a[0] == "<<" else "rotate_right"
    return R.MethodCall(a[1], method, (R.Int(a[2], ""),), n.ty)


def run(m: R.Module) -> R.Module:
    return rewrite(m, rule)

"""``p = p op e`` becomes ``p op= e`` (clippy's ``assign_op_pattern``).

After this pass no assignment has the form ``place = place op value`` for a binary operator
``op`` that has a compound form; ``place`` is evaluated once instead of twice, which is the
same because places are side-effect free (the translation refuses side effects in lvalues).
For the integer operators ``&``, ``|``, ``^`` the place may also stand on the right
(``p = e & p`` is ``p &= e`` when ``e`` has no calls).
"""

from __future__ import annotations

from translator import rust_ir as R
from translator.rir_passes.common import is_pure
from translator.rir_visit import rewrite

_COMPOUND = frozenset({"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"})
_COMMUTATIVE = frozenset({"&", "|", "^"})  # on integers (``ty`` known)


def rule(n: object) -> object:
    """One node, its children already rewritten (see ``common.local_rules``)."""
    if (
        isinstance(n, R.Assign)
        and n.op is None
        and isinstance(n.value, R.Binary)
        and n.value.op in _COMPOUND
        and n.value.left == n.place
    ):
        return R.Assign(n.place, n.value.right, n.value.op)
    if (
        isinstance(n, R.Assign)
        and n.op is None
        and isinstance(n.value, R.Binary)
        and n.value.op in _COMMUTATIVE
        and n.value.ty is not None
        and n.value.right == n.place
        and is_pure(n.value.left)
    ):
        return R.Assign(n.place, n.value.left, n.value.op)
    return n


def run(m: R.Module) -> R.Module:
    return rewrite(m, rule)

"""``p = p op e`` becomes ``p op= e`` (clippy's ``assign_op_pattern``).

After this pass no assignment has the form ``place = place op value`` for a binary operator
``op`` that has a compound form; ``place`` is evaluated once instead of twice, which is the
same because places are side-effect free (the translation refuses side effects in lvalues).
"""

from __future__ import annotations

from translator import rust_ir as R
from translator.rir_visit import rewrite

_COMPOUND = frozenset({"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"})


def _compound(n: object) -> object:
    if (
        isinstance(n, R.Assign)
        and n.op is None
        and isinstance(n.value, R.Binary)
        and n.value.op in _COMPOUND
        and n.value.left == n.place
    ):
        return R.Assign(n.place, n.value.right, n.value.op)
    return n


def run(m: R.Module) -> R.Module:
    return rewrite(m, _compound)

"""Operator clean-ups clippy asks for, each preserving the value:

* ``!(a < b)`` on integers reads ``a >= b`` (every comparison negated; never on floats,
  where NaN makes them differ), and ``!!b`` reads ``b``;
* ``a % b == 0`` on unsigned integers reads ``a.is_multiple_of(b)`` (``!=``: negated);
  C leaves ``% 0`` undefined, so the case ``b == 0`` needs no care;
* ``0 / x`` reads ``0.wrapping_div(x)`` (still panics when ``x == 0``, as ``/`` does);
* ``x / 1``, ``x * 1``, ``x + 0``, ``x - 0``, ``x | 0``, ``x ^ 0``, ``x << 0``, ``x >> 0``
  on integers read ``x``.
"""

from __future__ import annotations

from translator import rust_ir as R
from translator.rir_visit import rewrite

_NEG = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}
_UNSIGNED = frozenset({"u8", "u16", "u32", "u64", "u128", "usize"})
_INTS = _UNSIGNED | {"i8", "i16", "i32", "i64", "i128", "isize"}


def rule(n: object) -> object:
    """One node, its children already rewritten (see ``common.local_rules``)."""
    match n:
        case R.Unary(op="!", arg=R.Binary(op=op, ty=ty) as b) if op in _NEG and ty in _INTS:
            return R.Binary(_NEG[op], b.left, b.right, ty)
        case R.Unary(op="!", arg=R.Unary(op="!", arg=inner)):
            return inner
        case R.Unary(op="!", arg=R.Bool(value=v)):
            return R.Bool(not v)
        case R.Binary(op="==" | "!=", left=R.Binary(op="%", ty=ty) as rem, right=R.Int(value=0)):
            if ty in _UNSIGNED:
                test = R.MethodCall(rem.left, "is_multiple_of", (rem.right,), ty)
                return test if n.op == "==" else R.Unary("!", test)
            return n
        case R.Binary(op="/", left=R.Int(value=0) as zero, ty=ty) if ty in _INTS:
            return R.MethodCall(zero, "wrapping_div", (n.right,), ty)
        case R.Binary(op="/" | "*", left=x, right=R.Int(value=1), ty=ty) if ty in _INTS:
            return x
        case R.Binary(op="+" | "-" | "|" | "^" | "<<" | ">>", left=x, right=R.Int(value=0)):
            return x if n.ty in _INTS else n
        case _:
            return n


def run(m: R.Module) -> R.Module:
    return rewrite(m, rule)

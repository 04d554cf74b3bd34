"""Arguments of C library calls, as the libc runtime takes them (``libc_model``).

Guarantees: a ``v`` argument is its Rust value; an ``s``/``m`` argument is a slice view of
the C pointer (``&p[off..]`` / ``&mut p[off..]``) or, for a string literal, a
NUL-terminated byte string ``b"..\\0"`` with the literal's exact bytes; ``f`` is one of
the runtime's ``STDIN``/``STDOUT``/``STDERR`` (any other stream is refused); ``...``
becomes one ``&[Arg]`` with each value after C's default promotions (signed integers
``Arg::Int``, unsigned ``Arg::Uint``, floating ``Arg::Float``, ``char`` pointers and
literals ``Arg::StrI``/``Arg::Str``). Anything else raises the emitter's
``TranslateError`` with a code, so the function is a coded stub.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator import cir
from translator import rust_ir as R
from translator.ctypes_model import ArrayT, FloatT, IntT, PtrT
from translator.libc_model import STREAMS, LibcFn

if TYPE_CHECKING:
    from translator.cir_to_rust import FunctionEmitter

_ESC = {"n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, "'": 39, '"': 34, "a": 7, "b": 8,
        "f": 12, "v": 11, "?": 63, "e": 27}  # fmt: skip


def c_string_bytes(literal: str) -> bytes | None:
    """The bytes of a C string literal (pycparser's text, quotes included; adjacent
    literals already joined), without the NUL; None for wide literals."""
    if not literal.startswith('"') or not literal.endswith('"'):
        return None
    text = literal[1:-1]
    out = bytearray()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != "\\":
            out += ch.encode("utf-8")
            i += 1
            continue
        i += 1
        if i >= len(text):
            return None
        e = text[i]
        if e in _ESC:
            out.append(_ESC[e])
            i += 1
        elif e == "x":
            j = i + 1
            while j < len(text) and text[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i + 1:
                return None
            out.append(int(text[i + 1 : j], 16) & 0xFF)
            i = j
        elif e in "01234567":
            j = i
            while j < len(text) and j < i + 3 and text[j] in "01234567":
                j += 1
            out.append(int(text[i:j], 8) & 0xFF)
            i = j
        else:
            return None
    return bytes(out)


def rust_byte_string(data: bytes) -> str:
    body = "".join(chr(b) if 32 <= b < 127 and chr(b) not in '"\\' else f"\\x{b:02x}" for b in data)
    return f'b"{body}\\0"'


def _strip(e: cir.Expr) -> cir.Expr:
    while isinstance(e, cir.Cast) and isinstance(e.ty, PtrT):
        e = e.arg
    return e


def _view(em: FunctionEmitter, a: cir.Expr, mut: bool) -> R.Expr:
    from translator.cir_to_rust import TranslateError

    core = _strip(a)
    if isinstance(core, cir.StrLit):
        if mut:
            raise TranslateError("C2S103", "a string literal passed as a written buffer", a.span)
        data = c_string_bytes(core.text)
        if data is None:
            raise TranslateError("C2S101", "wide or malformed string literal", a.span)
        return R.Path(rust_byte_string(data))
    return em.slice_arg(a, mut)


def _stream(a: cir.Expr) -> R.Expr:
    from translator.cir_to_rust import TranslateError

    core = _strip(a)
    if isinstance(core, cir.Call) and core.func.startswith("c2safe_stream_"):
        return R.Path(f"crate::c2safe_libc::{STREAMS[core.func.removeprefix('c2safe_stream_')]}")
    raise TranslateError("C2S103", "a stream other than stdin/stdout/stderr", a.span)


def _vararg(em: FunctionEmitter, a: cir.Expr) -> R.Expr:
    from translator.cir_to_rust import TranslateError

    core = _strip(a)
    t = core.ty
    if isinstance(core, cir.StrLit) or (
        isinstance(t, PtrT | ArrayT)
        and isinstance(t.target if isinstance(t, PtrT) else t.elem, IntT)
        and (t.target if isinstance(t, PtrT) else t.elem).bits == 8  # type: ignore[union-attr]
    ):
        view = _view(em, a, False)
        elem = t.target if isinstance(t, PtrT) else t.elem if isinstance(t, ArrayT) else None
        signed = isinstance(elem, IntT) and elem.signed and not isinstance(core, cir.StrLit)
        return R.Call(f"crate::c2safe_libc::Arg::{'StrI' if signed else 'Str'}", (view,))
    if isinstance(t, IntT):
        kind, to = ("Int", "i64") if t.signed else ("Uint", "u64")
        return R.Call(f"crate::c2safe_libc::Arg::{kind}", (R.Cast(em.value(a).ex, R.TName(to)),))
    if isinstance(t, FloatT):
        return R.Call("crate::c2safe_libc::Arg::Float", (R.Cast(em.value(a).ex, R.TName("f64")),))
    raise TranslateError("C2S103", f"a `{t}` passed to a printf-family function", a.span)


def libc_args(em: FunctionEmitter, c: cir.Call, fn: LibcFn) -> list[R.Expr]:
    from translator.cir_to_rust import TranslateError

    fixed = [k for k in fn.args if k != "..."]
    if c.func == "time":  # time(NULL) only
        if len(c.args) != 1 or not (
            isinstance(_strip(c.args[0]), cir.IntLit) or isinstance(c.args[0], cir.Cast)
        ):
            raise TranslateError("C2S103", "time() with a result pointer", c.span)
        return []
    if len(c.args) < len(fixed) or (len(c.args) > len(fixed) and "..." not in fn.args):
        raise TranslateError("C2S101", f"`{c.func}` called with {len(c.args)} arguments", c.span)
    out: list[R.Expr] = []
    varargs: list[R.Expr] = []
    for i, a in enumerate(c.args):
        k = fixed[i] if i < len(fixed) else "..."
        if k == "v":
            out.append(em.value(a).ex)
        elif k in ("s", "m"):
            out.append(_view(em, a, k == "m"))
        elif k == "f":
            out.append(_stream(a))
        elif k == "...":
            varargs.append(_vararg(em, a))
        else:
            raise TranslateError("C2S105", f"`{c.func}`: argument kind {k} not mapped", c.span)
    if "..." in fn.args:
        out.append(R.Ref(False, R.ArrayLit(tuple(varargs))))
    return out

"""RIR -> Rust text (before rustfmt, which stays the final layout step).

The printer owns Rust's precedence (the table ``PREC``) and writes parentheses only where
the grammar needs them, plus three clarity rules that keep clippy's ``precedence`` lint
quiet and the output readable:

* an operand that is itself a binary operation with a different operator of the bit or
  shift families is parenthesised: ``(x << 26) | (x >> 6)``, ``(a & b) ^ c``;
* comparisons never chain: ``(a == b) == c``;
* a cast left of ``<`` or ``<<`` is parenthesised (``(x as u32) < n``), since Rust would
  read ``u32<`` as generic arguments.

Source positions: a ``SourcePos`` statement and a function's ``source`` become marker
comments (``//@c2s LINE FILE`` and ``//@c2s-fn KEY``) that survive rustfmt;
:func:`extract_markers` (the only reader of that format) removes them after rustfmt and
returns the source map: C position per Rust line range and each function's line range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import assert_never

from translator import rust_ir as R

PREC = {
    "||": 3,
    "&&": 4,
    "==": 5,
    "!=": 5,
    "<": 5,
    ">": 5,
    "<=": 5,
    ">=": 5,
    "|": 6,
    "^": 7,
    "&": 8,
    "<<": 9,
    ">>": 9,
    "+": 10,
    "-": 10,
    "*": 11,
    "/": 11,
    "%": 11,
}
P_LOWEST, P_RANGE, P_AS, P_UNARY, P_POSTFIX, P_ATOM = 0, 2, 12, 13, 14, 15
_BITS = frozenset({"|", "^", "&", "<<", ">>"})
_CMP = frozenset({"==", "!=", "<", ">", "<=", ">="})

MARKER = "//@c2s "
FN_MARKER = "//@c2s-fn "


def print_type(t: R.Type) -> str:
    match t:
        case R.TName(name=n, lifetime=lt):
            return f"{n}<{lt}>" if lt else n
        case R.TRef(mut=m, inner=i, lifetime=lt):
            return f"&{lt + ' ' if lt else ''}{'mut ' if m else ''}{print_type(i)}"
        case R.TSlice(elem=e):
            return f"[{print_type(e)}]"
        case R.TArray(elem=e, size=n):
            return f"[{print_type(e)}; {n}]"
        case R.TBox(inner=i):
            return f"Box<{print_type(i)}>"
        case R.TVec(elem=e):
            return f"Vec<{print_type(e)}>"
        case _:
            assert_never(t)


def prec(e: R.Expr) -> int:
    match e:
        case R.Int(value=v):
            return P_UNARY if v < 0 else P_ATOM
        case R.Binary(op=op):
            return PREC[op]
        case R.Cast():
            return P_AS
        case R.Unary() | R.Ref():
            return P_UNARY
        case R.Field() | R.Index() | R.MethodCall() | R.Call():
            return P_POSTFIX
        case R.Range():
            return P_RANGE
        case R.IfExpr():
            return P_LOWEST
        case (
            R.Float()
            | R.Bool()
            | R.Path()
            | R.BlockExpr()
            | R.VecRepeat()
            | R.VecList()
            | R.Panic()
            | R.StructLit()
            | R.ArrayLit()
            | R.ArrayRepeat()
        ):
            return P_ATOM
        case _:
            assert_never(e)


def _wrap(text: str, inner: int, need: int) -> str:
    return f"({text})" if inner < need else text


def _operand(e: R.Expr, outer: str, right: bool) -> str:
    p = PREC[outer]
    text = print_expr(e)
    if isinstance(e, R.Binary):
        q = PREC[e.op]
        clash = e.op != outer and (e.op in _BITS or outer in _BITS) and q > p
        chain = e.op in _CMP and outer in _CMP
        if q < p or (right and q == p) or clash or chain:
            return f"({text})"
        return text
    if isinstance(e, R.Cast) and not right and outer in ("<", "<<"):
        return f"({text})"
    return _wrap(text, prec(e), p + (1 if right else 0))


def _str_lit(s: str) -> str:
    return (
        '"'
        + s.replace("\\", "\\\\").replace('"', '\\"').replace("{", "{{").replace("}", "}}")
        + '"'
    )


def print_expr(e: R.Expr) -> str:
    match e:
        case R.Int(value=v, ty=t, hex=h):
            return f"{hex(v) if h and v >= 0 else v}{t}"
        case R.Float(text=text, ty=t):
            return f"{text}{t}"
        case R.Bool(value=v):
            return "true" if v else "false"
        case R.Path(name=n):
            return n
        case R.Field(base=b, name=n):
            return f"{_wrap(print_expr(b), prec(b), P_POSTFIX)}.{n}"
        case R.Index(base=b, index=i):
            return f"{_wrap(print_expr(b), prec(b), P_POSTFIX)}[{print_expr(i)}]"
        case R.Range(lo=lo, hi=hi):
            left = "" if lo is None else _wrap(print_expr(lo), prec(lo), P_RANGE + 1)
            right = "" if hi is None else _wrap(print_expr(hi), prec(hi), P_RANGE + 1)
            return f"{left}..{right}"
        case R.Unary(op=op, arg=a):
            return f"{op}{_wrap(print_expr(a), prec(a), P_UNARY)}"
        case R.Ref(mut=m, arg=a):
            return f"&{'mut ' if m else ''}{_wrap(print_expr(a), prec(a), P_UNARY)}"
        case R.Binary(op=op, left=a, right=b):
            return f"{_operand(a, op, False)} {op} {_operand(b, op, True)}"
        case R.Cast(arg=a, ty=t):
            return f"{_wrap(print_expr(a), prec(a), P_AS)} as {print_type(t)}"
        case R.MethodCall(recv=r, method=m, args=args):
            recv = _wrap(print_expr(r), prec(r), P_POSTFIX)
            return f"{recv}.{m}({', '.join(print_expr(x) for x in args)})"
        case R.Call(func=f, args=args):
            return f"{f}({', '.join(print_expr(x) for x in args)})"
        case R.IfExpr(cond=c, then=t, other=o):
            # newlines, not spaces: a block may hold source-marker line comments
            head = "\n".join([f"if {print_expr(c)} {{", *_inner(t), "} else "])
            if not o.stmts and isinstance(o.value, R.IfExpr):
                return head + print_expr(o.value)
            return head + "\n".join(["{", *_inner(o), "}"])
        case R.BlockExpr(block=b):
            return "\n".join(block_lines(b))
        case R.VecRepeat(elem=el, count=n, boxed=boxed):
            text = f"vec![{print_expr(el)}; {print_expr(n)}]"
            return text + ".into_boxed_slice()" if boxed else text
        case R.VecList(items=items, boxed=boxed):
            text = f"vec![{', '.join(print_expr(x) for x in items)}]"
            return text + ".into_boxed_slice()" if boxed else text
        case R.Panic(message=msg, unreachable=u):
            return f"{'unreachable' if u else 'panic'}!({_str_lit(msg)})"
        case R.StructLit(name=n, fields=fs, base=base):
            parts = [f"{k}: {print_expr(v)}" for k, v in fs]
            if base is not None:
                parts.append(f"..{print_expr(base)}")
            return f"{n} {{ {', '.join(parts)} }}"
        case R.ArrayLit(items=items):
            return "[" + ", ".join(print_expr(x) for x in items) + "]"
        case R.ArrayRepeat(elem=el, size=n):
            return f"[{print_expr(el)}; {n}]"
        case _:
            assert_never(e)


def block_lines(b: R.Block) -> list[str]:
    head = f"{b.label}: {{" if b.label else "{"
    out = [head]
    for s in b.stmts:
        out += stmt_lines(s)
    if b.value is not None:
        out.append(print_expr(b.value))
    out.append("}")
    return out


def _inner(b: R.Block) -> list[str]:
    """The lines of a block without its braces (for ``if``/``loop`` bodies)."""
    return block_lines(b)[1:-1]


def stmt_lines(s: R.Stmt) -> list[str]:
    match s:
        case R.Let(names=names, mut=m, ty=t, init=init):
            pat = names[0] if len(names) == 1 else f"({', '.join(names)})"
            text = f"let {'mut ' if m else ''}{pat}"
            if t is not None:
                text += f": {print_type(t)}"
            if init is not None:
                text += f" = {print_expr(init)}"
            return [text + ";"]
        case R.Assign(place=p, value=v, op=op):
            return [f"{print_expr(p)} {op or ''}= {print_expr(v)};"]
        case R.ExprStmt(expr=e):
            return [f"{print_expr(e)};"]
        case R.If(cond=c, then=t, other=o):
            out = [f"if {print_expr(c)} {{", *_inner(t)]
            if o is None:
                return out + ["}"]
            if isinstance(o, R.If):
                rest = stmt_lines(o)
                return out + ["} else " + rest[0], *rest[1:]]
            return out + ["} else {", *_inner(o), "}"]
        case R.Loop(body=b, label=lb):
            return [f"{lb + ': ' if lb else ''}loop {{", *_inner(b), "}"]
        case R.For(var=v, range=r, body=b, label=lb):
            return [f"{lb + ': ' if lb else ''}for {v} in {print_expr(r)} {{", *_inner(b), "}"]
        case R.Break(label=lb):
            return [f"break{' ' + lb if lb else ''};"]
        case R.Continue(label=lb):
            return [f"continue{' ' + lb if lb else ''};"]
        case R.Return(value=v):
            return ["return;" if v is None else f"return {print_expr(v)};"]
        case R.Match(scrut=e, arms=arms):
            out = [f"match {print_expr(e)} {{"]
            for arm in arms:
                pat = " | ".join(print_expr(p) for p in arm.pats) if arm.pats else "_"
                out += [f"{pat} => {{", *_inner(arm.body), "}"]
            return out + ["}"]
        case R.BlockStmt(block=b):
            return block_lines(b)
        case R.SourcePos(file=f, line=n):
            return [f"{MARKER}{n} {f}"]
        case R.Unreachable(message=msg):
            return ["#[allow(unreachable_code)]", f"{{ unreachable!({_str_lit(msg)}) }}"]
        case _:
            assert_never(s)


def item_lines(it: R.Item) -> list[str]:
    match it:
        case R.Fn():
            out: list[str] = []
            if it.source is not None:
                out += stmt_lines(it.source)
            out.append(f"{FN_MARKER}{it.key}")
            if it.inline:
                out.append("#[inline]")
            if it.allow:
                out.append(f"#[allow({', '.join(it.allow)})]")
            params = ", ".join(f"{p.name}: {print_type(p.ty)}" for p in it.params)
            ret = f" -> {print_type(it.ret)}" if it.ret is not None else ""
            vis = "pub " if it.public else ""
            return out + [f"{vis}fn {it.name}({params}){ret} {{", *_inner(it.body), "}"]
        case R.Struct(name=n, fields=fs, derives=ds, lifetime=lt):
            head = f"pub struct {n}<{lt}> {{" if lt else f"pub struct {n} {{"
            return [
                f"#[derive({', '.join(ds)})]",
                head,
                *(f"pub {f}: {print_type(t)}," for f, t in fs),
                "}",
            ]
        case R.DefaultImpl(name=n, fields=fs):
            inits = ", ".join(f"{f}: {print_expr(v)}" for f, v in fs)
            return [
                f"impl Default for {n} {{",
                f"fn default() -> Self {{ {n} {{ {inits} }} }}",
                "}",
            ]
        case R.Const(name=n, ty=t, value=v, public=pub, static=st):
            kw = "static" if st else "const"
            return [f"{'pub ' if pub else ''}{kw} {n}: {print_type(t)} = {print_expr(v)};"]
        case R.Comment(text=text):
            return [f"// {text}"]
        case R.Verbatim(lines=ls, key=key):
            return ([f"{FN_MARKER}{key}"] if key is not None else []) + list(ls)
        case _:
            assert_never(it)


def print_module(m: R.Module, uses_crate: bool) -> str:
    lines = [f"//! {m.doc}", ""]
    if uses_crate:
        lines += ["use crate::*;", ""]
    for it in m.items:
        lines += item_lines(it) + [""]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ source map


@dataclass
class SourceMap:
    """Where the lines of one formatted Rust file came from.

    ``ranges``: ``[first_rust_line, last_rust_line, c_file, c_line]`` -- every Rust line of
    a range came from that C line. ``functions``: C key -> ``(first_line, last_line)`` of the
    function item (1-based, inclusive).
    """

    ranges: list[tuple[int, int, str, int]] = field(default_factory=list)
    functions: dict[str, tuple[int, int]] = field(default_factory=dict)


_MARKER_LINE = re.compile(r"^\s*//@c2s (\d+) (.*)$")
_FN_MARKER_LINE = re.compile(r"^\s*//@c2s-fn (.*)$")


def extract_markers(text: str) -> tuple[str, SourceMap]:
    """Remove the printer's markers from rustfmt's output (positions are final there) and
    return the clean text with its source map."""
    out: list[str] = []
    sm = SourceMap()
    current: tuple[str, int] | None = None
    open_fn: str | None = None
    for line in text.splitlines():
        m = _FN_MARKER_LINE.match(line)
        if m:
            open_fn = m.group(1)
            sm.functions[open_fn] = (len(out) + 1, len(out) + 1)
            continue
        m = _MARKER_LINE.match(line)
        if m:
            current = (m.group(2), int(m.group(1)))
            continue
        out.append(line)
        n = len(out)
        if open_fn is not None:
            sm.functions[open_fn] = (sm.functions[open_fn][0], n)
            if line.startswith("}"):
                open_fn = None
        if current is None or line.startswith("}") and not line.startswith("} else"):
            if line.startswith("}"):
                current = None
            continue
        last = sm.ranges[-1] if sm.ranges else None
        if last and last[2] == current[0] and last[3] == current[1] and last[1] == n - 1:
            sm.ranges[-1] = (last[0], n, last[2], last[3])
        else:
            sm.ranges.append((n, n, current[0], current[1]))
    return "\n".join(out) + "\n", sm

"""Differential testing: the bounds oracle, which decides whether a case is safe to run in C.

The oracle interprets the CIR of the function under test on one concrete case, with
every *public* value concrete (scalar arguments, scalar fields of the state structs, the
constant tables, everything computed from them) and every buffer element *unknown*
(``TOP``), so the arithmetic of the cipher itself costs nothing. On the way it checks
every memory access:

* a parameter buffer (or a buffer a struct parameter points to) has no length yet: the
  oracle records the largest element index touched, which becomes the buffer's ``need``
  (the harness then allocates ``need`` plus slack);
* a local array, a global table or a ``malloc``'d block has a fixed size: an access
  outside it rejects the case (so a precondition such as ``len <= 127`` for
  ``uint8_t last[128]; last[len] = 0x80`` is respected);
* forming ``p + k`` counts too (C allows at most one past the end, and so does Rust's
  ``&place[k..]``);
* division by zero, shifts by the width or more, signed overflow, use after free, and an
  index, pointer offset, length or shift amount that depends on buffer contents all
  reject the case;
* a branch on buffer contents (vartime code, a tag check) is explored both ways: the
  function is re-run for every sequence of decisions (``run_paths``, at most 32 paths of
  at most 24 such branches), the needs are the maximum over the paths, and any path's
  rejection rejects the case.

Guarantee: when ``Oracle.run`` returns ``ok`` or ``exit``, the C function with buffers of at
least the reported needs performs only in-bounds accesses and no undefined behaviour the
checks above cover -- assuming the CIR models the C, which the harness double-checks with
canary bytes after every buffer. A case is otherwise rejected with a reason (file:line);
a construct the oracle cannot model raises ``Unsupported`` (the function is not covered).

Speed: a callee whose parameters are integers and integer buffers is summarised once per
tuple of scalar arguments (its access ranges relative to each pointer argument, its
written ranges, its return value), because such code never branches on buffer contents
(the summary is discarded, and the callee interpreted inline, if it does), so hashing a
long input costs one loop iteration per block. Every run has a step budget; a case over
it is rejected. Parameter buffers are capped at ``max_bytes`` (8 KiB).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from translator import cir
from translator.cir_to_rust import RUNTIME_FUNCS, Program
from translator.ctypes_model import (
    ArrayT,
    BoolT,
    CType,
    FloatT,
    IntT,
    PtrT,
    StructT,
    VoidT,
    sizeof,
)
from translator.diagnostics import Span

# ------------------------------------------------------------------ values


class _Top:
    """An unknown value (computed from buffer contents)."""

    _inst: _Top | None = None

    def __new__(cls) -> _Top:
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst

    def __repr__(self) -> str:
        return "TOP"


TOP = _Top()


class Region:
    """A block of memory with a C element type.

    ``kind``: "param" (a harness buffer: unbounded, records ``hi``; ``bound`` limits it),
    "summary" (a callee's pointer argument while it is summarised: unbounded both ways),
    "fixed" (locals, globals, heap: ``count`` elements, an access outside rejects).
    """

    __slots__ = (
        "label",
        "elem",
        "esize",
        "count",
        "vals",
        "kind",
        "lo",
        "hi",
        "wlo",
        "whi",
        "freed",
        "readonly",
        "bound",
        "nbytes",
        "global_",
        "heap",
    )

    def __init__(
        self,
        label: str,
        elem: CType | None,
        esize: int,
        kind: str,
        count: int | None = None,
        vals: list[Any] | dict[int, Any] | None = None,
    ) -> None:
        self.label = label
        self.elem = elem
        self.esize = esize
        self.kind = kind
        self.count = count
        self.vals: list[Any] | dict[int, Any] = (
            vals if vals is not None else ({} if count is None else [TOP] * count)
        )
        self.lo = 0
        self.hi = 0
        self.wlo = 1 << 62
        self.whi = -(1 << 62)
        self.freed = False
        self.readonly = False
        self.bound: int | None = None
        self.nbytes = 0
        self.global_ = False
        self.heap = False


class Ptr:
    __slots__ = ("region", "off")

    def __init__(self, region: Region | None, off: int) -> None:
        self.region = region
        self.off = off

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ptr) and self.region is other.region and self.off == other.off

    def __hash__(self) -> int:
        return hash((id(self.region), self.off))


NULL = Ptr(None, 0)


class StructVal:
    __slots__ = ("name", "f")

    def __init__(self, name: str, f: dict[str, Any]) -> None:
        self.name = name
        self.f = f

    def copy(self) -> StructVal:
        return StructVal(self.name, {k: _copy(v) for k, v in self.f.items()})


def _copy(v: Any) -> Any:
    if isinstance(v, StructVal):
        return v.copy()
    if isinstance(v, Region):  # an array field: value semantics
        r = Region(v.label, v.elem, v.esize, "fixed", v.count, [_copy(x) for x in v.vals])
        return r
    return v


# ------------------------------------------------------------------ outcomes


class Reject(Exception):
    """This case is not a valid input (the C would misbehave or cannot be checked)."""

    def __init__(self, reason: str, span: Span | None, data: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.span = span
        self.data = data  # caused by an unknown (buffer-derived) value

    def where(self) -> str:
        loc = f" at {self.span.file}:{self.span.line}" if self.span else ""
        return self.reason + loc


class Unsupported(Exception):
    """A construct the oracle cannot model: the function is not covered."""

    def __init__(self, reason: str, span: Span | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.span = span

    def where(self) -> str:
        loc = f" at {self.span.file}:{self.span.line}" if self.span else ""
        return self.reason + loc


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class _NoMemo(Exception):
    pass


class _Fork:
    """Decisions at branches on unknown data: follow ``prefix``, then take "false"."""

    def __init__(self, prefix: list[bool], limit: int) -> None:
        self.prefix = prefix
        self.trace: list[bool] = []
        self.limit = limit

    def decide(self, span: Span, what: str) -> bool:
        k = len(self.trace)
        if k >= self.limit:
            raise Reject(
                f"more than {self.limit} {what}s on one path depend on buffer contents",
                span,
                data=True,
            )
        d = self.prefix[k] if k < len(self.prefix) else False
        self.trace.append(d)
        return d


@dataclass
class Outcome:
    status: str  # "ok" | "exit"
    exit_code: int = 0
    steps: int = 0


@dataclass
class _Summary:
    ranges: list[tuple[int, int, int, int] | None]  # per pointer param: lo, hi, wlo, whi
    ret: Any = None
    exit_code: int | None = None
    reject: Reject | None = None


@dataclass
class _Frame:
    fn: cir.Function
    env: dict[str, Any] = field(default_factory=dict)
    ret: Any = None
    jump: tuple[str, str] | None = None  # a pending goto jump: (label, "break"|"continue")


# statement outcomes; _JUMP leaves statements until the LabeledBlock named in ``fr.jump``
_NORMAL, _BREAK, _CONTINUE, _RETURN, _JUMP = 0, 1, 2, 3, 4

_OUTPUT_FUNCS = {"printf", "fprintf", "puts", "putchar", "fflush", "fputs", "fputc", "perror"}


def _wrap(v: int, t: IntT) -> int:
    mask = (1 << t.bits) - 1
    v &= mask
    if t.signed and v >> (t.bits - 1):
        v -= 1 << t.bits
    return v


def _cdiv(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


# ------------------------------------------------------------------ the interpreter


class Oracle:
    """One per program; reusable across cases (summaries are cached)."""

    def __init__(
        self,
        prog: Program,
        budget: int = 60_000,
        max_bytes: int = 1 << 13,
        summary_budget: int = 1_000_000,
    ) -> None:
        self.prog = prog
        self.fields = prog.struct_fields()
        self.budget = budget
        self.summary_budget = summary_budget  # a summary is computed once per scalar key
        self.max_bytes = max_bytes
        self.steps = 0
        self._globals: dict[str, Any] = {}
        self._memo: dict[tuple[Any, ...], _Summary] = {}
        self._no_memo: set[tuple[Any, ...]] = set()
        self._addr_taken: dict[str, frozenset[str]] = {}
        self._memoizable: dict[str, bool] = {}
        self._strs: dict[int, Region] = {}
        self._summarising = 0
        self._fork: _Fork | None = None
        self._ev: dict[type, Callable[[Any, _Frame], Any]] = {
            cir.IntLit: self._ev_int,
            cir.FloatLit: lambda e, fr: TOP,
            cir.StrLit: self._ev_str,
            cir.Var: self._ev_var,
            cir.Unary: self._ev_unary,
            cir.Binary: self._ev_binary,
            cir.PtrAdd: self._ev_ptradd,
            cir.Cast: self._ev_cast,
            cir.Index: self._ev_load,
            cir.Deref: self._ev_load,
            cir.Member: self._ev_load,
            cir.AddrOf: self._ev_addrof,
            cir.Call: self._ev_call,
            cir.Cond: self._ev_cond,
            cir.Assign: self._ev_assign,
            cir.IncDec: self._ev_incdec,
            cir.Comma: self._ev_comma,
            cir.InitList: self._ev_initlist,
            cir.SizeOfUnknown: self._ev_sizeof_unknown,
        }
        self._ex: dict[type, Callable[[Any, _Frame], int]] = {
            cir.Decl: self._ex_decl,
            cir.ExprStmt: self._ex_expr,
            cir.Block: self._ex_block,
            cir.If: self._ex_if,
            cir.While: self._ex_while,
            cir.DoWhile: self._ex_dowhile,
            cir.For: self._ex_for,
            cir.Return: self._ex_return,
            cir.Break: lambda s, fr: _BREAK,
            cir.Continue: lambda s, fr: _CONTINUE,
            cir.Switch: self._ex_switch,
            cir.LabeledBlock: self._ex_labeled,
            cir.Jump: self._ex_jump,
            cir.Unsupported: self._ex_unsupported,
        }

    # ---------------------------------------------------------------- public API
    def sizeof(self, t: CType) -> int:
        try:
            return sizeof(t, self.fields)
        except ValueError as e:
            raise Unsupported(str(e), None) from e

    def param_region(self, label: str, elem: CType, structs: list[StructVal] | None) -> Region:
        """A harness buffer: unbounded for scalars; exactly ``len(structs)`` for structs."""
        r = Region(label, elem, self.sizeof(elem), "param")
        if structs is not None:
            r.vals = dict(enumerate(structs))
            r.bound = len(structs)
        return r

    def run_paths(
        self,
        key: str,
        make_args: Callable[[], tuple[list[Any], list[Region]]],
        budget: int | None = None,
        max_paths: int = 32,
        max_branches: int = 24,
    ) -> tuple[Outcome, list[int]]:
        """Run every path that branches on buffer contents could take (a depth-first
        enumeration of the decisions, by re-execution); the needs are the maximum over all
        paths, and any path's rejection rejects the case. ``make_args`` builds fresh
        arguments and returns the parameter regions whose ``hi`` are the needs."""
        pending: list[list[bool]] = [[]]
        needs: list[int] | None = None
        status = "exit"
        code = 0
        steps = 0
        paths = 0
        while pending:
            paths += 1
            if paths > max_paths:
                fn = self.prog.functions[key]
                raise Reject(
                    f"more than {max_paths} paths depend on buffer contents", fn.span, data=True
                )
            prefix = pending.pop()
            args, regions = make_args()
            fork = _Fork(prefix, max_branches)
            self._fork = fork
            try:
                out = self.run(key, args, budget)
            finally:
                self._fork = None
            steps += out.steps
            if out.status == "ok":
                status = "ok"
            else:
                code = out.exit_code
            his = [max(r.hi, 0) for r in regions]
            needs = his if needs is None else [max(a, b) for a, b in zip(needs, his, strict=True)]
            for i in range(len(prefix), len(fork.trace)):
                pending.append(fork.trace[:i] + [True])
        assert needs is not None
        return Outcome(status, code if status == "exit" else 0, steps), needs

    def run(self, key: str, args: list[Any], budget: int | None = None) -> Outcome:
        """Interpret function ``key`` on ``args`` (ints, ``Ptr``, ``StructVal``)."""
        fn = self.prog.functions[key]
        self.steps = 0
        saved_budget = self.budget
        if budget is not None:
            self.budget = budget
        with _deep_recursion():
            try:
                self._invoke(fn, args, None, inline=True)
            except _Exit as e:
                return Outcome("exit", e.code, self.steps)
            except RecursionError as e:
                raise Unsupported("recursion too deep for the oracle", fn.span) from e
            finally:
                self.budget = saved_budget
        return Outcome("ok", 0, self.steps)

    # ---------------------------------------------------------------- helpers
    def _tick(self, span: Span) -> None:
        self.steps += 1
        if self.steps > self.budget:
            raise Reject("interpretation budget exceeded (input too large)", span)

    def _truth(self, v: Any, span: Span, what: str) -> bool:
        if v is TOP:
            if self._fork is None or self._summarising:
                raise Reject(f"{what} depends on buffer contents", span, data=True)
            return self._fork.decide(span, what)
        if isinstance(v, Ptr):
            return v.region is not None
        return bool(v)

    def _check(self, r: Region, i: int, span: Span, write: bool) -> None:
        if r.freed:
            raise Reject(f"use of `{r.label}` after free", span)
        kind = r.kind
        if kind == "fixed":
            if r.count is None:
                raise Unsupported(f"`{r.label}` is accessed before its type is known", span)
            if i < 0 or i >= r.count:
                raise Reject(f"index {i} out of bounds of `{r.label}[{r.count}]`", span)
            if write and r.readonly:
                raise Reject(f"write to constant `{r.label}`", span)
            if write and r.global_:
                raise Unsupported(f"writes the global `{r.label}`", span)
        elif kind == "param":
            if i < 0:
                raise Reject(f"access before the start of buffer `{r.label}`", span)
            if r.bound is not None and i >= r.bound:
                raise Reject(
                    f"accesses element {i} of `{r.label}` (the harness builds {r.bound})", span
                )
            if (i + 1) * r.esize > self.max_bytes:
                raise Reject(
                    f"buffer `{r.label}` would need more than {self.max_bytes} bytes", span
                )
            if i >= r.hi:
                r.hi = i + 1
        else:  # summary: relative to the callee's pointer; too far means "inline it"
            if i < r.lo:
                r.lo = i
            if i >= r.hi:
                r.hi = i + 1
            if abs(i) * r.esize > self.max_bytes:
                raise _NoMemo()
        if write:
            if i < r.wlo:
                r.wlo = i
            if i >= r.whi:
                r.whi = i + 1

    def _get(self, r: Region, i: int, span: Span) -> Any:
        self._check(r, i, span, False)
        vals = r.vals
        if isinstance(vals, list):
            return vals[i]
        v = vals.get(i, None)
        if v is None:
            if isinstance(r.elem, StructT):
                v = self._zero_struct(r.elem.name, span, unknown=True)
                vals[i] = v
                return v
            return TOP
        return v

    def _set(self, r: Region, i: int, v: Any, span: Span) -> None:
        self._check(r, i, span, True)
        r.vals[i] = v

    def _retype(self, v: Any, t: CType, span: Span) -> Any:
        """Give a raw (``malloc``) block its element type at its first typed use."""
        if isinstance(v, Ptr) and v.region is not None and isinstance(t, PtrT | ArrayT):
            target = t.target if isinstance(t, PtrT) else t.elem
            r = v.region
            if isinstance(target, VoidT):
                return v
            if r.elem is None:
                es = self.sizeof(target)
                r.elem, r.esize = target, es
                r.count = r.nbytes // es
                init: Any = 0
                if isinstance(target, StructT):
                    r.vals = [self._zero_struct(target.name, span) for _ in range(r.count)]
                else:
                    r.vals = [init] * r.count
            elif r.elem != target and self.sizeof(target) != r.esize:
                raise Unsupported(f"pointer cast from {r.elem}* to {target}*", span)
        return v

    def _zero_struct(self, name: str, span: Span, unknown: bool = False) -> StructVal:
        f: dict[str, Any] = {}
        for fname, fty in self.fields.get(name, []):
            f[fname] = self._zero(fty, span, unknown)
        return StructVal(name, f)

    def _zero(self, t: CType, span: Span, unknown: bool = False) -> Any:
        if isinstance(t, StructT):
            return self._zero_struct(t.name, span, unknown)
        if isinstance(t, ArrayT):
            if t.size is None:
                raise Unsupported("array without a size", span)
            es = self.sizeof(t.elem)
            return Region(
                "array field",
                t.elem,
                es,
                "fixed",
                t.size,
                [self._zero(t.elem, span, unknown) for _ in range(t.size)],
            )
        if isinstance(t, PtrT):
            return TOP if unknown else NULL
        return TOP if unknown else 0

    # ---------------------------------------------------------------- globals
    def _global(self, name: str, span: Span) -> Any:
        if name in self._globals:
            return self._globals[name]
        g = self.prog.globals.get(name)
        if g is None:
            raise Unsupported(f"unknown global `{name}`", span)
        fr = _Frame(cir.Function("<global>", g.ty, (), None, True, g.span, g.file))
        if isinstance(g.ty, ArrayT):
            if g.ty.size is None:
                raise Unsupported(f"global `{name}` has no size", span)
            r = self._array(name, g.ty, g.init, fr, g.span)
            r.global_ = True
            r.readonly = g.const
            val: Any = Ptr(r, 0)
        elif g.init is None:
            val = self._zero(g.ty, span)
        else:
            val = self._value_for(g.ty, g.init, fr)
        self._globals[name] = val
        return val

    # ---------------------------------------------------------------- calls
    def _invoke(self, fn: cir.Function, args: list[Any], span: Span | None, inline: bool) -> Any:
        if fn.body is None:
            raise Unsupported(f"`{fn.name}` has no definition", span or fn.span)
        if len(args) != len(fn.params):
            raise Unsupported(f"call to `{fn.name}` with {len(args)} arguments", span)
        if not inline and self._is_memoizable(fn):
            key = (fn.name, *(a if isinstance(a, int) or a is TOP else None for a in args))
            if key not in self._no_memo and all(
                isinstance(a, int) or a is TOP or isinstance(a, Ptr) for a in args
            ):
                summ = self._memo.get(key)
                if summ is None:
                    try:
                        summ = self._summarise(fn, args)
                        self._memo[key] = summ
                    except _NoMemo:
                        self._no_memo.add(key)
                if summ is not None:
                    applied, result = self._apply(fn, summ, args, span or fn.span)
                    if applied:
                        return result
        fr = _Frame(fn)
        taken = self._addr_taken_of(fn)
        for p, a in zip(fn.params, args, strict=True):
            v = self._retype(a, p.ty, p.span)
            if isinstance(v, StructVal):
                v = v.copy()
            if p.name in taken:
                v = self._cell(p.name, p.ty, v)
            fr.env[p.name] = v
        self._ex_block(fn.body, fr)
        return fr.ret

    def _is_memoizable(self, fn: cir.Function) -> bool:
        m = self._memoizable.get(fn.name)
        if m is None:
            ok = isinstance(fn.ret, IntT | BoolT | VoidT)
            for p in fn.params:
                t = p.ty
                if isinstance(t, PtrT):
                    t = t.target
                if not isinstance(t, IntT | BoolT):
                    ok = False
            m = ok
            self._memoizable[fn.name] = m
        return m

    def _summarise(self, fn: cir.Function, args: list[Any]) -> _Summary:
        regions: list[Region | None] = []
        sargs: list[Any] = []
        for p, a in zip(fn.params, args, strict=True):
            if isinstance(p.ty, PtrT):
                r = Region(
                    f"{fn.c_name}.{p.name}", p.ty.target, self.sizeof(p.ty.target), "summary"
                )
                regions.append(r)
                sargs.append(Ptr(r, 0))
            else:
                regions.append(None)
                sargs.append(a)
        saved, saved_budget = self.steps, self.budget
        self.steps = 0
        self.budget = max(self.budget, self.summary_budget)
        self._summarising += 1
        summ = _Summary([])
        try:
            summ.ret = self._invoke(fn, sargs, None, inline=True)
        except _Exit as e:
            summ.exit_code = e.code
        except Reject as e:
            if e.data or "budget" in e.reason:
                raise _NoMemo() from e
            summ.reject = e
        finally:
            self._summarising -= 1
            self.steps, self.budget = saved, saved_budget
        for reg in regions:
            if reg is None:
                summ.ranges.append(None)
            elif reg.freed:
                raise _NoMemo()
            else:
                summ.ranges.append((reg.lo, reg.hi, reg.wlo, reg.whi) if reg.hi > reg.lo else None)
        if isinstance(summ.ret, Ptr | StructVal):
            raise _NoMemo()
        return summ

    def _apply(
        self, fn: cir.Function, summ: _Summary, args: list[Any], span: Span
    ) -> tuple[bool, Any]:
        # the element sizes must agree, or the summary's indices mean something else
        for p, a, rng in zip(fn.params, args, summ.ranges, strict=True):
            if rng is None or not isinstance(p.ty, PtrT):
                continue
            if not isinstance(a, Ptr) or a.region is None:
                raise Reject(f"NULL passed to `{fn.c_name}`", span)
            if a.region.elem is None:
                self._retype(a, p.ty, span)
            if a.region.esize != self.sizeof(p.ty.target):
                return False, None
        self._tick(span)
        for p, a, rng in zip(fn.params, args, summ.ranges, strict=True):
            if rng is None or not isinstance(p.ty, PtrT):
                continue
            assert isinstance(a, Ptr) and a.region is not None
            r, off = a.region, a.off
            lo, hi, wlo, whi = rng
            self._check(r, off + lo, span, False)
            self._check(r, off + hi - 1, span, False)
            if whi > wlo:
                self._check(r, off + wlo, span, True)
                self._check(r, off + whi - 1, span, True)
                if isinstance(r.vals, list):
                    r.vals[off + wlo : off + whi] = [TOP] * (whi - wlo)
                else:
                    for i in range(off + wlo, off + whi):
                        r.vals.pop(i, None)
                    if isinstance(r.elem, StructT):  # never: memoised callees take scalars
                        raise Unsupported("summary over a struct buffer", span)
        if summ.reject is not None:
            raise summ.reject
        if summ.exit_code is not None:
            raise _Exit(summ.exit_code)
        return True, summ.ret

    def _addr_taken_of(self, fn: cir.Function) -> frozenset[str]:
        s = self._addr_taken.get(fn.name)
        if s is None:
            from analyses.walk import walk

            names = set()
            if fn.body is not None:
                for n in walk(fn.body):
                    if isinstance(n, cir.AddrOf) and isinstance(n.arg, cir.Var):
                        names.add(n.arg.name)
            s = frozenset(names)
            self._addr_taken[fn.name] = s
        return s

    def _cell(self, name: str, t: CType, v: Any) -> Region:
        r = Region(name, t, self.sizeof(t) if not isinstance(t, VoidT) else 1, "fixed", 1, [v])
        return r

    # ---------------------------------------------------------------- expressions
    def ev(self, e: cir.Expr, fr: _Frame) -> Any:
        return self._ev[type(e)](e, fr)

    def _ev_int(self, e: cir.IntLit, fr: _Frame) -> Any:
        return e.value

    def _ev_str(self, e: cir.StrLit, fr: _Frame) -> Any:
        r = self._strs.get(id(e))
        if r is None:
            data = e.text[1:-1].encode("latin-1", "replace") + b"\0"
            r = Region(
                "string literal",
                e.ty.target if isinstance(e.ty, PtrT) else e.ty,
                1,
                "fixed",
                len(data),
                list(data),
            )
            r.readonly = True
            self._strs[id(e)] = r
        return Ptr(r, 0)

    def _ev_var(self, e: cir.Var, fr: _Frame) -> Any:
        if e.kind == "global":
            return self._global(e.name, e.span)
        if e.kind == "func":
            raise Unsupported(f"function `{e.name}` used as a value", e.span)
        try:
            v = fr.env[e.name]
        except KeyError:
            raise Unsupported(f"unbound variable `{e.name}`", e.span) from None
        if isinstance(v, Region) and not isinstance(e.ty, ArrayT):
            return self._get(v, 0, e.span)  # an address-taken scalar lives in a cell
        if isinstance(v, Region):
            return Ptr(v, 0)
        return v

    def _ev_unary(self, e: cir.Unary, fr: _Frame) -> Any:
        a = self.ev(e.arg, fr)
        if e.op == "!":
            if a is TOP:
                return TOP
            if isinstance(a, Ptr):
                return int(a.region is None)
            return int(a == 0)
        if a is TOP:
            return TOP
        t = e.ty
        if not isinstance(t, IntT):
            return TOP
        if e.op == "-":
            r = -a
            if t.signed and _wrap(r, t) != r:
                raise Reject("signed overflow in negation", e.span)
            return _wrap(r, t)
        if e.op == "~":
            return _wrap(~a, t)
        raise Unsupported(f"unary operator {e.op}", e.span)

    def _ev_binary(self, e: cir.Binary, fr: _Frame) -> Any:
        op = e.op
        if op == "&&":
            a = self.ev(e.left, fr)
            if not self._truth(a, e.span, "`&&`"):
                return 0
            return int(self._truth(self.ev(e.right, fr), e.span, "`&&`"))
        if op == "||":
            a = self.ev(e.left, fr)
            if self._truth(a, e.span, "`||`"):
                return 1
            return int(self._truth(self.ev(e.right, fr), e.span, "`||`"))
        a = self.ev(e.left, fr)
        b = self.ev(e.right, fr)
        if isinstance(a, Ptr) or isinstance(b, Ptr):
            return self._ptr_compare(op, a, b, e.span)
        if op in ("/", "%"):
            if b is TOP:
                raise Reject("divisor depends on buffer contents", e.span, data=True)
            if b == 0:
                raise Reject("division by zero", e.span)
        elif op in ("<<", ">>"):
            if b is TOP:
                raise Reject("shift amount depends on buffer contents", e.span, data=True)
            t = e.ty
            if isinstance(t, IntT) and (b < 0 or b >= t.bits):
                raise Reject(f"shift by {b} (the type has {t.bits} bits)", e.span)
        if a is TOP or b is TOP:
            return TOP
        t = e.ty
        if op == "+":
            r = a + b
        elif op == "-":
            r = a - b
        elif op == "*":
            r = a * b
        elif op == "&":
            r = a & b
        elif op == "|":
            r = a | b
        elif op == "^":
            r = a ^ b
        elif op == "/":
            r = _cdiv(a, b)
        elif op == "%":
            r = a - _cdiv(a, b) * b
        elif op == "<<":
            r = a << b
            if isinstance(t, IntT) and t.signed and (a < 0 or _wrap(r, t) != r):
                raise Reject("signed overflow in left shift", e.span)
        elif op == ">>":
            r = a >> b
        elif op == "==":
            return int(a == b)
        elif op == "!=":
            return int(a != b)
        elif op == "<":
            return int(a < b)
        elif op == ">":
            return int(a > b)
        elif op == "<=":
            return int(a <= b)
        elif op == ">=":
            return int(a >= b)
        else:
            raise Unsupported(f"binary operator {op}", e.span)
        if isinstance(t, IntT):
            w = _wrap(r, t)
            if t.signed and w != r and op in ("+", "-", "*", "/"):
                raise Reject(f"signed overflow in `{op}`", e.span)
            return w
        return TOP

    def _ptr_compare(self, op: str, a: Any, b: Any, span: Span) -> Any:
        if a is TOP or b is TOP:
            raise Reject("pointer comparison with an unknown pointer", span, data=True)
        pa = a if isinstance(a, Ptr) else (NULL if a == 0 else None)
        pb = b if isinstance(b, Ptr) else (NULL if b == 0 else None)
        if pa is None or pb is None:
            raise Unsupported("comparison of a pointer with an integer", span)
        if op in ("==", "!="):
            same = pa.region is pb.region and pa.off == pb.off
            return int(same if op == "==" else not same)
        if pa.region is not pb.region:
            raise Unsupported("ordering of pointers into different blocks", span)
        x, y = pa.off, pb.off
        return int({"<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y}[op])

    def _ev_ptradd(self, e: cir.PtrAdd, fr: _Frame) -> Any:
        p = self.ev(e.ptr, fr)
        o = self.ev(e.off, fr)
        if o is TOP:
            raise Reject("pointer offset depends on buffer contents", e.span, data=True)
        if not isinstance(p, Ptr):
            raise Reject("arithmetic on an unknown pointer", e.span, data=p is TOP)
        if p.region is None:
            raise Reject("arithmetic on NULL", e.span)
        off = p.off - o if e.neg else p.off + o
        self._form(p.region, off, e.span)
        return Ptr(p.region, off)

    def _form(self, r: Region, off: int, span: Span) -> None:
        """``p + k`` must stay within the block or one past its end (C11 6.5.6p8), which is
        also what Rust's ``&place[off..]`` requires; for a parameter buffer it raises the need."""
        kind = r.kind
        if kind == "param":
            if off < 0:
                raise Reject(f"pointer before the start of buffer `{r.label}`", span)
            if r.bound is not None and off > r.bound:
                raise Reject(f"pointer past the {r.bound} element(s) of `{r.label}`", span)
            if off * r.esize > self.max_bytes:
                raise Reject(
                    f"buffer `{r.label}` would need more than {self.max_bytes} bytes", span
                )
            if off > r.hi:
                r.hi = off
        elif kind == "fixed":
            if r.count is not None and not 0 <= off <= r.count:
                raise Reject(f"pointer {off} out of bounds of `{r.label}[{r.count}]`", span)
        else:
            if off < r.lo:
                r.lo = off
            if off > r.hi:
                r.hi = off
            if abs(off) * r.esize > self.max_bytes:
                raise _NoMemo()

    def _ev_cast(self, e: cir.Cast, fr: _Frame) -> Any:
        a = self.ev(e.arg, fr)
        t = e.ty
        if isinstance(t, IntT):
            if a is TOP:
                return TOP
            if isinstance(a, Ptr):
                raise Unsupported("pointer converted to an integer", e.span)
            if isinstance(a, int):
                return _wrap(a, t)
            return TOP
        if isinstance(t, BoolT):
            if a is TOP:
                return TOP
            if isinstance(a, Ptr):
                return int(a.region is not None)
            return int(a != 0)
        if isinstance(t, PtrT):
            if isinstance(a, int) and a == 0:
                return NULL
            if isinstance(a, Ptr):
                return self._retype(a, t, e.span)
            if a is TOP:
                return TOP
            raise Unsupported("integer converted to a pointer", e.span)
        if isinstance(t, VoidT):
            return None
        if isinstance(t, FloatT):
            return TOP
        return a

    def _loc(self, e: cir.Expr, fr: _Frame) -> tuple[Any, Any]:
        """An lvalue: (container, key); container is a Region or a dict."""
        if isinstance(e, cir.Var):
            if e.kind == "global":
                raise Unsupported(f"assignment to the global `{e.name}`", e.span)
            v = fr.env.get(e.name, None)
            if isinstance(v, Region) and not isinstance(e.ty, ArrayT):
                return v, 0
            return fr.env, e.name
        if isinstance(e, cir.Index | cir.Deref):
            base = e.base if isinstance(e, cir.Index) else e.arg
            p = self.ev(base, fr)
            i = self.ev(e.index, fr) if isinstance(e, cir.Index) else 0
            if i is TOP:
                raise Reject("index depends on buffer contents", e.span, data=True)
            if not isinstance(p, Ptr):
                raise Reject("access through an unknown pointer", e.span, data=p is TOP)
            if p.region is None:
                raise Reject("access through NULL", e.span)
            if p.region.elem is None:
                self._retype(p, PtrT(e.ty), e.span)
            return p.region, p.off + i
        if isinstance(e, cir.Member):
            if e.arrow:
                p = self.ev(e.base, fr)
                if not isinstance(p, Ptr):
                    raise Reject("access through an unknown pointer", e.span, data=p is TOP)
                if p.region is None:
                    raise Reject("access through NULL", e.span)
                if p.region.elem is None:
                    self._retype(p, PtrT(e.base.ty.target), e.span)  # type: ignore[union-attr]
                sv = self._get(p.region, p.off, e.span)
            else:
                if isinstance(e.base, cir.Var | cir.Index | cir.Deref | cir.Member):
                    c, k = self._loc(e.base, fr)
                    sv = self._get(c, k, e.span) if isinstance(c, Region) else c[k]
                else:
                    sv = self.ev(e.base, fr)
            if not isinstance(sv, StructVal):
                raise Reject("member of an unknown struct", e.span, data=sv is TOP)
            return sv.f, e.field
        raise Unsupported(f"unsupported lvalue {type(e).__name__}", e.span)

    def _ev_load(self, e: cir.Expr, fr: _Frame) -> Any:
        c, k = self._loc(e, fr)
        v = self._get(c, k, e.span) if isinstance(c, Region) else c[k]
        if isinstance(v, Region):  # an array field decays to a pointer to its first element
            return Ptr(v, 0)
        return v

    def _ev_addrof(self, e: cir.AddrOf, fr: _Frame) -> Any:
        a = e.arg
        if isinstance(a, cir.Deref):
            return self.ev(a.arg, fr)
        if isinstance(a, cir.Var) and a.kind != "global":
            v = fr.env.get(a.name)
            if isinstance(v, Region):
                return Ptr(v, 0)
            raise Unsupported(f"address of `{a.name}`", e.span)
        if isinstance(a, cir.Var):
            raise Unsupported(f"address of the global `{a.name}`", e.span)
        c, k = self._loc(a, fr)
        if isinstance(c, Region):
            return Ptr(c, k)
        v = c[k]
        if isinstance(v, Region):
            return Ptr(v, 0)
        raise Unsupported("address of a struct field", e.span)

    def _ev_cond(self, e: cir.Cond, fr: _Frame) -> Any:
        c = self.ev(e.cond, fr)
        if c is TOP:
            from analyses.walk import walk

            if any(
                isinstance(n, cir.Assign | cir.IncDec | cir.Call)
                for side in (e.then, e.other)
                for n in walk(side)
            ):
                return self.ev(e.then if self._truth(c, e.span, "condition") else e.other, fr)
            a = self.ev(e.then, fr)
            b = self.ev(e.other, fr)
            if isinstance(a, Ptr) or isinstance(b, Ptr):
                if a == b:
                    return a
                raise Reject("pointer choice depends on buffer contents", e.span, data=True)
            return a if a == b else TOP
        return self.ev(e.then if self._truth(c, e.span, "condition") else e.other, fr)

    def _convert(self, v: Any, t: CType, span: Span) -> Any:
        if isinstance(t, IntT):
            return _wrap(v, t) if isinstance(v, int) else v
        if isinstance(t, BoolT):
            return int(v != 0) if isinstance(v, int) else v
        if isinstance(t, PtrT):
            return self._retype(v, t, span)
        if isinstance(v, StructVal):
            return v.copy()
        return v

    def _store(self, c: Any, k: Any, v: Any, span: Span) -> None:
        if isinstance(c, Region):
            self._set(c, k, v, span)
        else:
            c[k] = v

    def _ev_assign(self, e: cir.Assign, fr: _Frame) -> Any:
        c, k = self._loc(e.lhs, fr)
        t = e.lhs.ty
        if isinstance(e.rhs, cir.InitList):
            v = self._value_for(t, e.rhs, fr)
        else:
            v = self.ev(e.rhs, fr)
        if e.op:
            cur = self._get(c, k, e.span) if isinstance(c, Region) else c[k]
            opt = e.ty
            if cur is TOP or v is TOP:
                if e.op in ("/", "%", "<<", ">>") and v is TOP:
                    raise Reject("operand depends on buffer contents", e.span, data=True)
                v = TOP
            else:
                if isinstance(opt, IntT):
                    cur = _wrap(cur, opt)
                v = self._arith(e.op, cur, v, opt, e.span)
        v = self._convert(v, t, e.span)
        self._store(c, k, v, e.span)
        return v

    def _arith(self, op: str, a: int, b: int, t: CType, span: Span) -> Any:
        fake = cir.Binary(op, cir.IntLit(a, t, span), cir.IntLit(b, t, span), t, span)
        return self._ev_binary(fake, _Frame(cir.Function("", t, (), None, True, span, "")))

    def _ev_incdec(self, e: cir.IncDec, fr: _Frame) -> Any:
        c, k = self._loc(e.arg, fr)
        cur = self._get(c, k, e.span) if isinstance(c, Region) else c[k]
        if cur is TOP:
            new: Any = TOP
        elif isinstance(cur, int) and isinstance(e.ty, IntT):
            r = cur + e.delta
            new = _wrap(r, e.ty)
            if e.ty.signed and new != r:
                raise Reject("signed overflow in ++/--", e.span)
        else:
            raise Unsupported("increment of a non-integer", e.span)
        self._store(c, k, new, e.span)
        return new if e.prefix else cur

    def _ev_comma(self, e: cir.Comma, fr: _Frame) -> Any:
        v: Any = None
        for x in e.exprs:
            v = self.ev(x, fr)
        return v

    def _ev_initlist(self, e: cir.InitList, fr: _Frame) -> Any:
        return self._value_for(e.ty, e, fr)

    def _ev_sizeof_unknown(self, e: cir.SizeOfUnknown, fr: _Frame) -> Any:
        raise Unsupported(f"sizeof({e.ty}) is unknown", e.span)

    def _value_for(self, t: CType, init: cir.Expr, fr: _Frame) -> Any:
        """The value of an initialiser (or expression) for an object of type ``t``."""
        if isinstance(t, StructT) and isinstance(init, cir.InitList):
            sv = self._zero_struct(t.name, init.span)
            names = [f for f, _ in self.fields.get(t.name, [])]
            types = dict(self.fields.get(t.name, []))
            pos = 0
            for item, fname in zip(init.items, init.fields, strict=True):
                name = fname if fname is not None else (names[pos] if pos < len(names) else None)
                if name is None:
                    raise Unsupported("too many initialisers", init.span)
                pos = names.index(name) + 1
                ft = types[name]
                if isinstance(ft, ArrayT):
                    sv.f[name] = self._array(name, ft, item, fr, item.span)
                else:
                    sv.f[name] = self._value_for(ft, item, fr)
            return sv
        if isinstance(t, ArrayT):
            return self._array("array", t, init, fr, init.span)
        if isinstance(init, cir.InitList):
            if len(init.items) == 1:
                return self._value_for(t, init.items[0], fr)
            if not init.items:
                return self._zero(t, init.span)
            raise Unsupported("brace initialiser of a scalar", init.span)
        v = self.ev(init, fr)
        return self._convert(v, t, init.span)

    def _array(
        self, label: str, t: ArrayT, init: cir.Expr | None, fr: _Frame, span: Span
    ) -> Region:
        if t.size is None:
            raise Unsupported(f"variable-length array `{label}`", span)
        if isinstance(t.elem, ArrayT):
            raise Unsupported(f"multi-dimensional array `{label}`", span)
        es = self.sizeof(t.elem)
        if init is None:
            vals: list[Any] = [self._zero(t.elem, span, unknown=True) for _ in range(t.size)]
        elif isinstance(init, cir.InitList):
            vals = [self._zero(t.elem, span) for _ in range(t.size)]
            for i, item in enumerate(init.items[: t.size]):
                vals[i] = self._value_for(t.elem, item, fr)
        elif isinstance(init, cir.StrLit):
            data = init.text[1:-1].encode("latin-1", "replace") + b"\0"
            vals = [0] * t.size
            for i, b in enumerate(data[: t.size]):
                vals[i] = b
        else:
            raise Unsupported(f"initialiser of array `{label}`", span)
        return Region(label, t.elem, es, "fixed", t.size, vals)

    # ---------------------------------------------------------------- calls
    def _ev_call(self, e: cir.Call, fr: _Frame) -> Any:
        name = e.func
        args = [self.ev(a, fr) for a in e.args]
        fn = self.prog.functions.get(name)
        if fn is not None and fn.body is not None:
            self._tick(e.span)
            return self._invoke(fn, args, e.span, inline=False)
        return self._builtin(name, args, e)

    def _ptr_arg(self, v: Any, e: cir.Call, what: str) -> Ptr:
        if not isinstance(v, Ptr):
            raise Reject(f"`{e.func}` {what} is an unknown pointer", e.span, data=v is TOP)
        if v.region is None:
            raise Reject(f"`{e.func}` {what} is NULL", e.span)
        return v

    def _count(self, n: Any, r: Region, e: cir.Call) -> int:
        if n is TOP:
            raise Reject(f"`{e.func}` length depends on buffer contents", e.span, data=True)
        if r.elem is None:
            self._retype(Ptr(r, 0), PtrT(IntT("u8", 8, False, 1)), e.span)
        if n % r.esize:
            raise Unsupported(f"`{e.func}` of {n} bytes over {r.esize}-byte elements", e.span)
        return int(n // r.esize)

    def _builtin(self, name: str, args: list[Any], e: cir.Call) -> Any:
        sp = e.span
        if name in ("memcpy", "memmove"):
            d = self._ptr_arg(args[0], e, "destination")
            s = self._ptr_arg(args[1], e, "source")
            if s.region.elem is None and d.region.elem is not None:  # type: ignore[union-attr]
                self._retype(s, PtrT(d.region.elem), sp)  # type: ignore[union-attr]
            if d.region.elem is None and s.region.elem is not None:  # type: ignore[union-attr]
                self._retype(d, PtrT(s.region.elem), sp)  # type: ignore[union-attr]
            assert d.region is not None and s.region is not None
            k = self._count(args[2], d.region, e)
            if s.region.esize != d.region.esize:
                raise Unsupported(f"`{name}` between different element types", sp)
            if k > 0:
                self._check(s.region, s.off, sp, False)
                self._check(s.region, s.off + k - 1, sp, False)
                self._check(d.region, d.off, sp, True)
                self._check(d.region, d.off + k - 1, sp, True)
                vals = [self._peek(s.region, s.off + i) for i in range(k)]
                dv = d.region.vals
                for i, val in enumerate(vals):
                    if isinstance(dv, dict) and val is TOP:
                        dv.pop(d.off + i, None)
                    else:
                        dv[d.off + i] = _copy(val)
                self._tick(sp)
            return args[0]
        if name == "memset":
            d = self._ptr_arg(args[0], e, "destination")
            assert d.region is not None
            k = self._count(args[2], d.region, e)
            c = args[1]
            if k > 0:
                self._check(d.region, d.off, sp, True)
                self._check(d.region, d.off + k - 1, sp, True)
                et = d.region.elem
                for i in range(k):
                    v: Any
                    if c is TOP:
                        v = TOP
                    elif isinstance(et, StructT):
                        if c != 0:
                            raise Unsupported("memset of structs with a non-zero byte", sp)
                        v = self._zero_struct(et.name, sp)
                    else:
                        byte = c & 0xFF
                        v = int.from_bytes(bytes([byte]) * d.region.esize, "little")
                        if isinstance(et, IntT):
                            v = _wrap(v, et)
                    d.region.vals[d.off + i] = v
            return args[0]
        if name == "memcmp":
            a = self._ptr_arg(args[0], e, "first argument")
            b = self._ptr_arg(args[1], e, "second argument")
            for p in (a, b):
                assert p.region is not None
                k = self._count(args[2], p.region, e)
                if k > 0:
                    self._check(p.region, p.off, sp, False)
                    self._check(p.region, p.off + k - 1, sp, False)
            return TOP
        if name in ("malloc", "calloc"):
            n = (
                args[0]
                if name == "malloc"
                else (TOP if args[0] is TOP or args[1] is TOP else args[0] * args[1])
            )
            if n is TOP:
                raise Reject(f"`{name}` size depends on buffer contents", sp, data=True)
            if n > 1 << 24:
                raise Reject(f"`{name}` of {n} bytes", sp)
            r = Region(f"{name}({n})", None, 1, "fixed")
            r.nbytes = int(n)
            r.heap = True
            return Ptr(r, 0)
        if name == "free":
            p = args[0]
            if isinstance(p, Ptr) and p.region is None:
                return None
            if not isinstance(p, Ptr):
                raise Reject("free of an unknown pointer", sp, data=p is TOP)
            assert p.region is not None
            r = p.region
            if self._summarising and r.kind == "summary":
                r.freed = True
                return None
            if p.off != 0 or not (r.heap or r.kind == "param"):
                raise Reject(f"free of `{r.label}`, which was not allocated", sp)
            if r.freed:
                raise Reject(f"double free of `{r.label}`", sp)
            r.freed = True
            return None
        if name in ("exit", "abort"):
            code = 134 if name == "abort" else args[0]
            raise _Exit(code if isinstance(code, int) else 1)
        if name in RUNTIME_FUNCS:
            return self._byteorder(name, args, e)
        if name in _OUTPUT_FUNCS:
            return 0
        raise Unsupported(f"calls `{name}`, which has no definition", sp)

    def _peek(self, r: Region, i: int) -> Any:
        vals = r.vals
        if isinstance(vals, list):
            return vals[i]
        return vals.get(i, TOP)

    def _byteorder(self, name: str, args: list[Any], e: cir.Call) -> Any:
        load = name.startswith("load")
        width = int("".join(ch for ch in name[4 if load else 5 :] if ch.isdigit())[:2]) // 8
        big = name.endswith("_be")
        p = self._ptr_arg(args[0], e, "buffer")
        r = p.region
        assert r is not None
        if r.elem is None:
            self._retype(p, PtrT(IntT("u8", 8, False, 1)), e.span)
        if r.esize != 1:
            raise Unsupported(f"`{name}` on a buffer of {r.esize}-byte elements", e.span)
        self._check(r, p.off, e.span, not load)
        self._check(r, p.off + width - 1, e.span, not load)
        if load:
            bs = [self._peek(r, p.off + i) for i in range(width)]
            if any(not isinstance(b, int) for b in bs):
                return TOP
            raw = bytes(b & 0xFF for b in bs)
            return int.from_bytes(raw, "big" if big else "little")
        v = args[1]
        vals = r.vals
        for i in range(width):
            if v is TOP:
                if isinstance(vals, dict):
                    vals.pop(p.off + i, None)
                else:
                    vals[p.off + i] = TOP
            else:
                shift = 8 * (width - 1 - i) if big else 8 * i
                b = (v >> shift) & 0xFF
                vals[p.off + i] = (
                    b if r.elem is None or not _signed(r.elem) else _wrap(b, IntT("i8", 8, True, 1))
                )
        return None

    # ---------------------------------------------------------------- statements
    def ex(self, s: cir.Stmt, fr: _Frame) -> int:
        return self._ex[type(s)](s, fr)

    def _ex_block(self, s: cir.Block, fr: _Frame) -> int:
        ex = self._ex
        for st in s.stmts:
            self.steps += 1
            c = ex[type(st)](st, fr)
            if c:
                return c
        if self.steps > self.budget:
            raise Reject("interpretation budget exceeded (input too large)", s.span)
        return _NORMAL

    def _ex_decl(self, s: cir.Decl, fr: _Frame) -> int:
        t = s.ty
        if isinstance(t, ArrayT):
            fr.env[s.name] = self._array(s.name, t, s.init, fr, s.span)
            return _NORMAL
        if s.init is None:
            v: Any = self._zero(t, s.span, unknown=True)
        else:
            v = self._value_for(t, s.init, fr)
        if s.name in self._addr_taken_of(fr.fn):
            v = self._cell(s.name, t, v)
        fr.env[s.name] = v
        return _NORMAL

    def _ex_expr(self, s: cir.ExprStmt, fr: _Frame) -> int:
        self.ev(s.expr, fr)
        return _NORMAL

    def _ex_if(self, s: cir.If, fr: _Frame) -> int:
        if self._truth(self.ev(s.cond, fr), s.span, "branch"):
            return self.ex(s.then, fr)
        if s.other is not None:
            return self.ex(s.other, fr)
        return _NORMAL

    def _ex_while(self, s: cir.While, fr: _Frame) -> int:
        while self._truth(self.ev(s.cond, fr), s.span, "loop condition"):
            self._tick(s.span)
            c = self.ex(s.body, fr)
            if c == _BREAK:
                break
            if c in (_RETURN, _JUMP):
                return c
        return _NORMAL

    def _ex_dowhile(self, s: cir.DoWhile, fr: _Frame) -> int:
        while True:
            self._tick(s.span)
            c = self.ex(s.body, fr)
            if c == _BREAK:
                break
            if c in (_RETURN, _JUMP):
                return c
            if not self._truth(self.ev(s.cond, fr), s.span, "loop condition"):
                break
        return _NORMAL

    def _ex_for(self, s: cir.For, fr: _Frame) -> int:
        for st in s.init:
            self.ex(st, fr)
        while s.cond is None or self._truth(self.ev(s.cond, fr), s.span, "loop condition"):
            self._tick(s.span)
            c = self.ex(s.body, fr)
            if c == _BREAK:
                break
            if c in (_RETURN, _JUMP):
                return c
            if s.step is not None:
                self.ev(s.step, fr)
        return _NORMAL

    def _ex_return(self, s: cir.Return, fr: _Frame) -> int:
        if s.value is not None:
            if isinstance(s.value, cir.InitList):
                fr.ret = self._value_for(fr.fn.ret, s.value, fr)
            else:
                fr.ret = self._convert(self.ev(s.value, fr), fr.fn.ret, s.span)
        return _RETURN

    def _ex_switch(self, s: cir.Switch, fr: _Frame) -> int:
        v = self.ev(s.expr, fr)
        if v is TOP:
            raise Reject("switch depends on buffer contents", s.span, data=True)
        start = None
        default = None
        for i, case in enumerate(s.cases):
            if not case.values:
                default = i
            elif v in case.values:
                start = i
                break
        if start is None:
            start = default
        if start is None:
            return _NORMAL
        for case in s.cases[start:]:
            for st in case.body:
                c = self.ex(st, fr)
                if c == _BREAK:
                    return _NORMAL
                if c:
                    return c
        return _NORMAL

    def _ex_labeled(self, s: cir.LabeledBlock, fr: _Frame) -> int:
        """``goto`` regions: a jump naming this block leaves it (``break``) or runs it
        again (``continue``, a backward goto); C's break/continue pass through."""
        while True:
            c = self.ex(s.body, fr)
            if c == _JUMP and fr.jump == (s.label, "continue"):
                fr.jump = None
                self._tick(s.span)
                continue
            if c == _JUMP and fr.jump == (s.label, "break"):
                fr.jump = None
                return _NORMAL
            return c

    def _ex_jump(self, s: cir.Jump, fr: _Frame) -> int:
        fr.jump = (s.label, s.kind)
        return _JUMP

    def _ex_unsupported(self, s: cir.Unsupported, fr: _Frame) -> int:
        raise Unsupported(f"{s.code} {s.message}", s.span)


def _signed(t: CType) -> bool:
    return isinstance(t, IntT) and t.signed


@contextmanager
def _deep_recursion() -> Iterator[None]:
    old = sys.getrecursionlimit()
    if old < 20000:
        sys.setrecursionlimit(20000)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)

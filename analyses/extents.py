"""Slice lengths: how many elements of each pointer parameter a function touches.

Two facts per (function, pointer parameter), in elements of the pointee type:

* ``may``  -- an upper bound on the elements the function may access (reads,
  writes, and what its callees access through it), or ``None`` when some access
  has no constant bound. Used to copy exactly what a callee can see when an
  aliased argument must be copied.
* ``must`` -- elements the function certainly accesses on every path that does
  not stop early: accesses in straight-line code before any statement that may
  return, break or continue, including bodies of constant-bound ``for`` loops
  that run at least once. Used to re-slice a parameter to its exact length at
  function entry (``let p = &mut p[..n];``), which lets rustc drop the bounds
  checks and never panics where the C would not have read that element.

Algorithm. Index expressions are bounded by interval arithmetic over constants
and loop variables of constant-bound ``for`` loops; pointer locals are tracked as
``param + constant``; a call contributes ``offset + callee fact``. Facts are
computed bottom-up over the call graph's SCCs; ``may`` iterates to a fixpoint
(it only grows), ``must`` is taken after it. Nothing here is trusted: a wrong
``must`` panics at the entry re-slice, a wrong ``may`` panics at the copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from analyses.callgraph import bottom_up, build
from analyses.walk import children, walk
from translator import cir
from translator.c_ast_to_cir import fold
from translator.ctypes_model import IntT, PtrT

Interval = tuple[int, int]  # inclusive bounds
Root = tuple[str, int | None, int | None]  # parameter, exact offset, largest offset

_RUNTIME_BYTES = {
    f"{op}{w}{e}": w // 8
    for op in ("load", "store")
    for w in (16, 32, 64)
    for e in ("", "_le", "_be")
}


@dataclass(frozen=True)
class Extents:
    may: Mapping[str, Mapping[str, int | None]]
    must: Mapping[str, Mapping[str, int]]


class _Unknown(Exception):
    pass


class _FnExtents:
    def __init__(
        self,
        fn: cir.Function,
        may: Mapping[str, Mapping[str, int | None]],
        must: Mapping[str, Mapping[str, int]],
        functions: Mapping[str, cir.Function],
    ) -> None:
        self.fn = fn
        self.callee_may = may
        self.callee_must = must
        self.functions = functions
        self.params = {p.name for p in fn.params if isinstance(p.ty, PtrT)}
        self.alias: dict[str, Root] = {}  # pointer local -> its root
        self.loops: dict[str, Interval] = {}
        self.may: dict[str, int | None] = dict.fromkeys(self.params, 0)
        self.must: dict[str, int] = dict.fromkeys(self.params, 0)

    # -- roots
    def root(self, e: cir.Expr) -> Root | None:
        """(parameter, exact offset or None, largest possible offset or None)."""
        match e:
            case cir.Var(name=n):
                if n in self.params:
                    return (n, 0, 0)
                return self.alias.get(n)
            case cir.Cast(arg=a):
                return self.root(a)
            case cir.PtrAdd(ptr=p, off=o, neg=False):
                r = self.root(p)
                if r is None:
                    return None
                k = fold(o)
                iv = self.interval(o)
                exact = None if r[1] is None or k is None else r[1] + k
                top = None if r[2] is None or iv is None or iv[0] < 0 else r[2] + iv[1]
                return (r[0], exact, top)
            case _:
                return None

    def interval(self, e: cir.Expr, tight: bool = False) -> Interval | None:
        """Bounds of an index; with ``tight``, only bounds whose maximum is reached."""
        v = fold(e)
        if v is not None:
            return (v, v)
        match e:
            case cir.Var(name=n) if n in self.loops:
                return self.loops[n]
            case cir.Cast(arg=a) if isinstance(e.ty, IntT):
                return self.interval(a, tight)
            case cir.Binary(op=op, left=a, right=b) if op in ("+", "*"):
                ia, ib = self.interval(a, tight), self.interval(b, tight)
                if ia is None or ib is None or (tight and min(ia[0], ib[0]) < 0):
                    return None
                if op == "+":
                    return (ia[0] + ib[0], ia[1] + ib[1])
                prods = [x * y for x in ia for y in ib]
                return (min(prods), max(prods))
            case cir.Binary(op="/", left=a, right=b):
                ia, d = self.interval(a, tight), fold(b)
                if ia is None or d is None or d <= 0 or ia[0] < 0:
                    return None
                return (ia[0] // d, ia[1] // d)
            case cir.Binary(op="%", right=b) if not tight:
                m = fold(b)
                return (0, m - 1) if m is not None and m > 0 else None
            case _:
                return None

    # -- accesses
    def touch(
        self,
        root: Root | None,
        count: int | None,
        certain: bool,
        certain_count: int | None = None,
    ) -> None:
        if root is None:
            return
        p, off, top = root
        if certain and off is not None and certain_count is not None:
            self.must[p] = max(self.must[p], off + certain_count)
        if certain and off is not None and count is not None:
            self.must[p] = max(self.must[p], off + count)
        if top is None or count is None:
            self.may[p] = None
            return
        cur = self.may[p]
        if cur is not None:
            self.may[p] = max(cur, top + count)

    def expr(self, e: object, certain: bool) -> None:
        if isinstance(e, cir.Index):
            iv = self.interval(e.index)
            tv = self.interval(e.index, tight=True) if certain else None
            self.touch(
                self.root(e.base),
                None if iv is None or iv[0] < 0 else iv[1] + 1,
                False,
            )
            if tv is not None:
                self.touch(self.root(e.base), tv[1] + 1, True, tv[1] + 1)
        elif isinstance(e, cir.Deref):
            self.touch(self.root(e.arg), 1, certain)
        elif isinstance(e, cir.Member) and e.arrow:
            self.touch(self.root(e.base), 1, certain)
        elif isinstance(e, cir.Call):
            self.call(e, certain)
        for c in children(e):
            if isinstance(e, cir.Cond) and c is not e.cond:
                self.expr(c, False)
            elif isinstance(e, cir.Binary) and e.op in ("&&", "||") and c is e.right:
                self.expr(c, False)
            else:
                self.expr(c, certain)

    def call(self, c: cir.Call, certain: bool) -> None:
        name = c.func
        if name in _RUNTIME_BYTES and c.args:
            self.touch(self.root(c.args[0]), _RUNTIME_BYTES[name], certain)
            return
        if name in ("memcpy", "memmove", "memset"):
            n = fold(c.args[2]) if len(c.args) > 2 else None
            for a in c.args[:2] if name != "memset" else c.args[:1]:
                r = self.root(a)
                if r is None:
                    continue
                elem = a.ty.target if isinstance(a.ty, PtrT) else None
                size = _elem_size(elem)
                cnt = None if n is None or size is None or n % size else n // size
                if cnt is None:
                    cnt = _count_times_sizeof(c.args[2], size)
                self.touch(r, cnt, certain)
            return
        callee = self.functions.get(name)
        for i, a in enumerate(c.args):
            r = self.root(a)
            if r is None:
                continue
            if callee is None or i >= len(callee.params):
                self.touch(r, None, False)
                continue
            pname = callee.params[i].name
            m = self.callee_may.get(name, {}).get(pname)
            self.touch(r, m, False)
            if certain:
                self.touch(r, self.callee_must.get(name, {}).get(pname, 0) or 0, True)

    # -- statements
    def stmts(self, ss: tuple[cir.Stmt, ...], certain: bool) -> bool:
        """Walk statements; returns whether later statements are still certain."""
        for s in ss:
            certain = self.stmt(s, certain)
        return certain

    def stmt(self, s: cir.Stmt, certain: bool) -> bool:
        match s:
            case cir.Decl(name=n, ty=t, init=init):
                # a declaration shadows loop variables and aliases of the same name
                self.loops.pop(n, None)
                self.alias.pop(n, None)
                if init is not None:
                    self.expr(init, certain)
                    if isinstance(t, PtrT):
                        r = self.root(init)
                        if r is not None:
                            self.alias[n] = r
                return certain
            case cir.ExprStmt(expr=e):
                self.expr(e, certain)
                if (
                    isinstance(e, cir.Assign)
                    and isinstance(e.lhs, cir.Var)
                    and e.lhs.name in self.alias
                ):
                    del self.alias[e.lhs.name]
                return certain
            case cir.Block(stmts=ss):
                return self.stmts(ss, certain)
            case cir.For():
                for st in s.init:
                    self.stmt(st, certain)
                rng = _counted_loop(s)
                lo_iv = self.interval(rng[1]) if rng is not None else None
                hi = fold(rng[2]) if rng is not None else None
                const_lo = fold(rng[1]) if rng is not None else None
                bound = self.interval(rng[2]) if rng is not None else None
                if rng is not None and hi is not None and const_lo is not None:
                    var, lo = rng[0], const_lo
                    self.loops[var] = (lo, hi - 1)
                    body_certain = certain and hi > lo and not _may_jump(s.body)
                    self.stmt(s.body, body_certain)
                    del self.loops[var]
                elif rng is not None and bound is not None and lo_iv is not None:
                    # start or bound vary with outer loop variables: their extremes bound
                    # the index, and a loop whose bound never exceeds its start never runs
                    var, lo = rng[0], lo_iv[0]
                    if bound[1] > lo and lo >= 0:
                        self.loops[var] = (lo, bound[1] - 1)
                        self.stmt(s.body, False)
                        del self.loops[var]
                else:
                    self.stmt(s.body, False)
                return certain and not _may_return(s.body)
            case cir.DoWhile(body=b, cond=c):
                after = self.stmt(b, certain and not _may_jump(b))
                self.expr(c, False)
                return after and certain and not _may_return(b)
            case cir.If(cond=c, then=t, other=o):
                self.expr(c, certain)
                self.stmt(t, False)
                if o is not None:
                    self.stmt(o, False)
                return certain and not _may_exit(s)
            case cir.While(cond=c, body=b):
                self.expr(c, certain)
                self.stmt(b, False)
                return certain and not _may_return(b)
            case cir.Switch(expr=e, cases=cases):
                self.expr(e, certain)
                for case in cases:
                    self.stmts(case.body, False)
                return certain and not any(_may_return(x) for case in cases for x in case.body)
            case cir.Return(value=v):
                if v is not None:
                    self.expr(v, certain)
                return False
            case cir.Break() | cir.Continue() | cir.Jump():
                return False
            case cir.LabeledBlock(body=b):
                # a goto region: it may be left early or (loop) run several times
                self.stmts(b.stmts, certain and not b_loops(s))
                return certain and not _may_jump(b)
            case _:
                return certain

    def run(self) -> tuple[dict[str, int | None], dict[str, int]]:
        assert self.fn.body is not None
        self.stmts(self.fn.body.stmts, True)
        return self.may, self.must


def _elem_size(t: object) -> int | None:
    if isinstance(t, IntT):
        return t.bits // 8
    return None


def _count_times_sizeof(size: cir.Expr, esz: int | None) -> int | None:
    if esz is None:
        return None
    s = size
    while isinstance(s, cir.Cast):
        s = s.arg
    if isinstance(s, cir.Binary) and s.op == "*":
        for a, b in ((s.left, s.right), (s.right, s.left)):
            if fold(b) == esz:
                return fold(a)
    return None


def _counted_loop(s: cir.For) -> tuple[str, cir.Expr, cir.Expr] | None:
    """``for (T i = start; i < bound; i++ / i += k)`` with ``i`` not assigned in the body:
    the variable, the start expression and the bound expression."""
    if len(s.init) != 1 or not isinstance(s.init[0], cir.Decl) or s.init[0].init is None:
        return None
    d = s.init[0]
    c = s.cond
    if d.init is None or not (
        isinstance(c, cir.Binary) and c.op == "<" and isinstance(c.left, cir.Var)
    ):
        return None
    if c.left.name != d.name:
        return None
    step = s.step
    ok = (
        isinstance(step, cir.IncDec)
        and step.delta == 1
        or (isinstance(step, cir.Assign) and step.op == "+" and (fold(step.rhs) or 0) > 0)
    )
    if not ok:
        return None
    if any(
        isinstance(n, cir.Assign | cir.IncDec)
        and isinstance(n.lhs if isinstance(n, cir.Assign) else n.arg, cir.Var)
        and (n.lhs if isinstance(n, cir.Assign) else n.arg).name == d.name  # type: ignore[union-attr]
        for n in walk(s.body)
    ):
        return None
    return d.name, d.init, c.right


def _may_return(s: object) -> bool:
    return any(isinstance(n, cir.Return) for n in walk(s))


def _may_jump(s: object) -> bool:
    return any(isinstance(n, cir.Return | cir.Break | cir.Continue | cir.Jump) for n in walk(s))


def b_loops(s: cir.LabeledBlock) -> bool:
    """A goto region that may run more than once or be left early."""
    return s.loop or _may_jump(s.body)


def _may_exit(s: object) -> bool:
    return _may_jump(s)


def infer(functions: Mapping[str, cir.Function]) -> Extents:
    may: dict[str, dict[str, int | None]] = {}
    must: dict[str, dict[str, int]] = {}
    graph = build(functions)
    for scc in bottom_up(graph):
        members = [m for m in sorted(scc) if m in functions and functions[m].body is not None]
        for _ in range(len(members) + 2):
            changed = False
            for m in members:
                fm, fu = _FnExtents(functions[m], may, must, functions).run()
                if may.get(m) != fm or must.get(m) != fu:
                    may[m], must[m] = fm, fu
                    changed = True
            if not changed:
                break
        else:
            for m in members:  # recursion that did not settle: give up on bounds
                may[m] = dict.fromkeys(may.get(m, {}), None)
    return Extents(may, must)

"""Interprocedural mutability inference: which pointer parameters must be ``&mut``.

Algorithm. For each function, a flow-insensitive *root* analysis maps every
pointer- or struct-typed local to the set of storage roots it may designate
(parameters, local arrays/boxes/structs, globals), through copies, offsets
(``p + k``, ``&a[i]``), casts, field projections and struct initialisers, to a
local fixpoint. An lvalue path (variable plus index/deref/field projections)
that is written marks its roots; so does a pointer passed to ``memcpy``/``memset``
as destination, to a runtime ``store*`` helper, or to a callee parameter already
known to be mutable. The per-function property "set of mutable parameter
indices" only grows, so iterating each strongly connected component of the call
graph (callees first, networkx) until nothing changes is a least fixpoint.

Assumptions: functions without a body (or whose body did not lower) trust C
``const``: a non-const pointer parameter is assumed written. The result is
untrusted: rustc re-checks every borrow the translation emits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from analyses.callgraph import bottom_up, build
from analyses.walk import walk
from translator import cir
from translator.ctypes_model import ArrayT, PtrT, StructT

# Builtins and runtime helpers: indices of parameters written through.
BUILTIN_WRITES: dict[str, frozenset[int]] = {
    "memcpy": frozenset({0}),
    "memmove": frozenset({0}),
    "memset": frozenset({0}),
    "memcmp": frozenset(),
    "free": frozenset(),
    "malloc": frozenset(),
    "calloc": frozenset(),
    "exit": frozenset(),
    "abort": frozenset(),
    **{f"load{w}{e}": frozenset() for w in (16, 32, 64) for e in ("", "_le", "_be")},
    **{f"store{w}{e}": frozenset({0}) for w in (16, 32, 64) for e in ("", "_le", "_be")},
}


@dataclass(frozen=True)
class MutFacts:
    """Per function: mutable parameter names and locals needing ``let mut``; per program:
    pointer fields written through (``"Struct.field"``), which become ``&mut`` in
    borrowed structs."""

    mut_params: Mapping[str, frozenset[str]]
    mut_locals: Mapping[str, frozenset[str]]
    mut_fields: frozenset[str] = frozenset()

    def param_is_mut(self, fn: str, index: int, params: tuple[cir.Param, ...]) -> bool:
        return index < len(params) and params[index].name in self.mut_params.get(fn, frozenset())


def _is_ref_typed(t: object) -> bool:
    return isinstance(t, PtrT | ArrayT | StructT)


def _field_key(base: cir.Expr, field: str, arrow: bool) -> str | None:
    t = base.ty
    if arrow and isinstance(t, PtrT | ArrayT):
        t = t.target if isinstance(t, PtrT) else t.elem
    return f"{t.name}.{field}" if isinstance(t, StructT) else None


class _FnAnalysis:
    def __init__(
        self,
        fn: cir.Function,
        written_idx: Mapping[str, frozenset[int]],
        fields: frozenset[str] = frozenset(),
    ) -> None:
        self.fn = fn
        self.written_idx = written_idx
        self.fields = fields  # pointer fields known to be written through
        self.alias: dict[str, set[str]] = {}  # local pointer/struct var -> roots
        self.locals: set[str] = set()

    def roots(self, e: cir.Expr) -> set[str]:
        match e:
            case cir.Var(name=name, kind=kind):
                if kind in ("local",) and name in self.alias:
                    return set(self.alias[name]) | {name}
                return {name}
            case cir.PtrAdd(ptr=p):
                return self.roots(p)
            case cir.Cast(arg=a):
                return self.roots(a)
            case cir.Member(base=b, field=f, arrow=arrow):
                key = _field_key(b, f, arrow) if isinstance(e.ty, PtrT) else None
                return self.roots(b) | ({key} if key else set())
            case cir.Index(base=b) | cir.Deref(arg=b) | cir.AddrOf(arg=b):
                return self.roots(b)
            case cir.Cond(then=a, other=b):
                return self.roots(a) | self.roots(b)
            case cir.InitList(items=items):
                out: set[str] = set()
                for it in items:
                    if _is_ref_typed(it.ty):
                        out |= self.roots(it)
                return out
            case cir.Comma(exprs=es):
                return self.roots(es[-1])
            case cir.Assign(lhs=lhs):
                return self.roots(lhs)
            case _:
                return set()

    def run(self) -> tuple[frozenset[str], frozenset[str]]:
        body = self.fn.body
        assert body is not None
        nodes = list(walk(body))
        # local alias fixpoint
        changed = True
        while changed:
            changed = False
            for n in nodes:
                src: tuple[str, cir.Expr] | None = None
                if isinstance(n, cir.Decl):
                    self.locals.add(n.name)
                    if n.init is not None and isinstance(n.ty, PtrT | StructT):
                        src = (n.name, n.init)
                elif isinstance(n, cir.Assign) and isinstance(n.lhs, cir.Var):
                    if isinstance(n.lhs.ty, PtrT | StructT):
                        src = (n.lhs.name, n.rhs)
                if src is not None:
                    r = self.roots(src[1])
                    cur = self.alias.setdefault(src[0], set())
                    if not r <= cur:
                        cur |= r
                        changed = True
        written: set[str] = set()
        rebound: set[str] = set()  # pointer variables assigned as a whole (``p += 2``)
        for n in nodes:
            if isinstance(n, cir.Assign | cir.IncDec):
                target = n.lhs if isinstance(n, cir.Assign) else n.arg
                if isinstance(target, cir.Var) and isinstance(target.ty, PtrT):
                    rebound.add(target.name)  # the variable changes, not what it points to
                else:
                    written |= self.lvalue_roots(target)
            elif isinstance(n, cir.Call):
                idx = self.written_idx.get(n.func, frozenset())
                for i in idx:
                    if i < len(n.args):
                        written |= self.roots(n.args[i])
            elif isinstance(n, cir.InitList) and isinstance(n.ty, StructT):
                # a pointer stored into a field written through is itself written through
                for fname, item in zip(n.fields, n.items, strict=True):
                    if isinstance(item.ty, PtrT | ArrayT) and f"{n.ty.name}.{fname}" in self.fields:
                        written |= self.roots(item)
            elif isinstance(n, cir.Assign) and isinstance(n.lhs, cir.Member):
                key = _field_key(n.lhs.base, n.lhs.field, n.lhs.arrow)
                if key in self.fields and isinstance(n.rhs.ty, PtrT | ArrayT):
                    written |= self.roots(n.rhs)
        self.written_fields = frozenset(w for w in written if "." in w)
        mut_params = frozenset(
            p.name for p in self.fn.params if p.name in written and isinstance(p.ty, PtrT)
        )
        ptr_params = {p.name for p in self.fn.params if isinstance(p.ty, PtrT)}
        mut_locals = frozenset(w for w in written | rebound if w not in ptr_params and "." not in w)
        return mut_params, mut_locals

    def lvalue_roots(self, lv: cir.Expr) -> set[str]:
        match lv:
            case cir.Var(name=name):
                return {name}
            case cir.Index(base=b) | cir.Deref(arg=b):
                return self.roots(b)
            case cir.Member(base=b, arrow=True):
                return self.roots(b)
            case cir.Member(base=b, arrow=False):
                return self.lvalue_roots(b) if not isinstance(b, cir.Var) else self.roots(b)
            case cir.Cast(arg=a):
                return self.lvalue_roots(a)
            case _:
                return set()


def infer(functions: Mapping[str, cir.Function]) -> MutFacts:
    """Run the fixpoint over all functions of a program."""
    written_idx: dict[str, frozenset[int]] = dict(BUILTIN_WRITES)
    for name, fn in functions.items():
        if fn.body is None and name not in written_idx:
            written_idx[name] = frozenset(
                i for i, p in enumerate(fn.params) if isinstance(p.ty, PtrT) and not p.ty.const
            )
    mut_params: dict[str, frozenset[str]] = {}
    mut_locals: dict[str, frozenset[str]] = {}
    graph = build(functions)
    fields: frozenset[str] = frozenset()
    base_idx = dict(written_idx)
    for _round in range(8):  # field facts feed back into every function: iterate to a fixpoint
        written_idx = dict(base_idx)
        found: set[str] = set()
        for scc in bottom_up(graph):
            members = [m for m in sorted(scc) if m in functions and functions[m].body is not None]
            for m in members:
                written_idx[m] = frozenset()
            changed = True
            while changed:
                changed = False
                for m in members:
                    fn = functions[m]
                    an = _FnAnalysis(fn, written_idx, fields)
                    mp, ml = an.run()
                    found |= an.written_fields
                    idx = frozenset(i for i, p in enumerate(fn.params) if p.name in mp)
                    mut_locals[m] = ml
                    mut_params[m] = mp
                    if idx != written_idx[m]:
                        written_idx[m] = idx
                        changed = True
        if found <= fields:
            break
        fields = fields | found
    for name, fn in functions.items():
        if name not in mut_params:
            mut_params[name] = frozenset(
                fn.params[i].name for i in written_idx.get(name, frozenset()) if i < len(fn.params)
            )
    return MutFacts(mut_params, mut_locals, fields)

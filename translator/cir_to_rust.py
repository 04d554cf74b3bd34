"""CIR + facts -> Rust source text for one module (before rustfmt).

The type-directed translation (paper-c2rust.md section 4), function by function:

* integers keep their width; arithmetic is ``wrapping_*``; comparisons are
  ``bool`` and become integers only where C uses them as values;
* a pointer is never a Rust value: every pointer-typed C variable is a *view*
  -- a place (``b``, ``state[0].buf``, a local array or box) plus an offset,
  bound once as a ``usize`` -- so ``p + k``, ``&a[i]`` and aliases index the
  base directly and are passed on as ``&place[off..]`` / ``&mut place[off..]``;
* a pointer parameter is ``&[T]`` or ``&mut [T]`` as the mutability facts say;
* ``malloc``/``calloc`` make owned boxes; structs holding pointers own them
  (``Box<[T]>`` fields); a local struct holding pointers is *symbolic*: its
  pointer fields stay views and its scalar fields become locals, so the
  KaRaMeL idiom ``s = *p; ...; *p = (S){...}`` reads and writes ``p[0]`` in
  place and storing a box moves it (later uses follow it to its new place).

Guarantee: a function either translates completely or raises
``TranslateError`` with a coded diagnostic; the caller then emits a stub.
The output contains no ``unsafe``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from analyses.aliasing import ArgView, parse_offset
from analyses.aliasing import Plan as AliasPlan
from analyses.aliasing import plan as plan_aliasing
from analyses.extents import Extents
from analyses.mutability import MutFacts
from analyses.walk import children, walk
from translator import cir
from translator.c_ast_to_cir import fold
from translator.ctypes_model import (
    U32,
    USIZE,
    ArrayT,
    BoolT,
    CType,
    FloatT,
    IntT,
    PtrT,
    StructT,
    VoidT,
    is_pointer_like,
    pointee,
    sizeof,
)
from translator.diagnostics import Span
from translator.rust_names import RUST_KEYWORDS as RUST_KEYWORDS  # re-exported
from translator.rust_names import ident as ident  # re-exported

RUNTIME_FUNCS = {
    f"{op}{w}{e}" for op in ("load", "store") for w in (16, 32, 64) for e in ("", "_le", "_be")
}


SOURCE_MARKER = "//@c2s "


def source_marker(span: Span) -> str:
    """A line comment carrying the C position of the next Rust lines; ``emit_crate``
    turns these into the crate's source map and removes them after rustfmt."""
    return f"{SOURCE_MARKER}{span.line} {span.file}"


class TranslateError(Exception):
    def __init__(self, code: str, message: str, span: Span) -> None:
        super().__init__(message)
        self.code, self.message, self.span = code, message, span


# ------------------------------------------------------------------ program facts


@dataclass
class Program:
    """Everything the emitter needs to know about the whole crate."""

    functions: dict[str, cir.Function]
    structs: dict[str, cir.StructDef]
    globals: dict[str, cir.Global]
    facts: MutFacts
    extents: Extents = field(default_factory=lambda: Extents({}, {}))
    stubbed: set[str] = field(default_factory=set)  # body-less functions emitted as stubs
    owned_structs: set[str] = field(default_factory=set)  # pointer fields are Box<[T]>

    def is_owned(self, t: CType) -> bool:
        """A struct holding pointers that owns them (heap-allocated or returned)."""
        return isinstance(t, StructT) and t.name in self.owned_structs

    def is_borrowed(self, t: CType) -> bool:
        """A struct holding pointers it does not own: ``S<'a>`` with slice fields."""
        return isinstance(t, StructT) and self.has_pointers(t) and t.name not in self.owned_structs

    def field_is_mut(self, struct: str, field: str) -> bool:
        return f"{struct}.{field}" in self.facts.mut_fields

    def struct_fields(self) -> dict[str, list[tuple[str, CType]]]:
        return {n: list(s.fields) for n, s in self.structs.items()}

    def has_pointers(self, t: CType, seen: frozenset[str] = frozenset()) -> bool:
        if isinstance(t, PtrT):
            return True
        if isinstance(t, ArrayT):
            return self.has_pointers(t.elem, seen)
        if isinstance(t, StructT) and t.name in self.structs and t.name not in seen:
            return any(
                self.has_pointers(ft, seen | {t.name}) for _, ft in self.structs[t.name].fields
            )
        return False


# ------------------------------------------------------------------ rust types


def rust_scalar(t: CType, span: Span) -> str:
    if isinstance(t, IntT):
        return t.rust
    if isinstance(t, BoolT):
        return "bool"
    if isinstance(t, FloatT):
        return t.rust
    raise TranslateError("C2S102", f"type {t} is not a scalar", span)


def rust_field_type(prog: Program, t: CType, span: Span) -> str:
    if isinstance(t, PtrT):
        if isinstance(t.target, PtrT | VoidT):
            raise TranslateError("C2S102", f"pointer field of type {t}", span)
        return f"Box<[{rust_field_type(prog, t.target, span)}]>"
    if isinstance(t, ArrayT):
        if t.size is None:
            raise TranslateError("C2S102", "flexible array member", span)
        return f"[{rust_field_type(prog, t.elem, span)}; {t.size}]"
    if isinstance(t, StructT):
        return f"{t.name}<'_>" if prog.is_borrowed(t) else t.name
    return rust_scalar(t, span)


def zero_value(prog: Program, t: CType, span: Span) -> str:
    if isinstance(t, IntT):
        return f"0{t.rust}"
    if isinstance(t, BoolT):
        return "false"
    if isinstance(t, FloatT):
        return f"0.0{t.rust}"
    if isinstance(t, ArrayT):
        if t.size is None:
            raise TranslateError("C2S102", "array without size", span)
        return f"[{zero_value(prog, t.elem, span)}; {t.size}]"
    if isinstance(t, StructT):
        return f"{t.name}::default()"
    raise TranslateError("C2S102", f"no zero value for {t}", span)


# ------------------------------------------------------------------ bindings


@dataclass
class Scalar:
    rust: str
    ty: CType


@dataclass
class View:
    """A pointer: ``place`` (a Rust place of slice/array/box type) plus an offset.

    ``single`` marks a view of one scalar or struct (``&x``): it is passed as
    ``std::slice::from_mut(&mut x)``.
    """

    place: str
    off: str | None
    elem: CType
    kind: str  # "param" | "array" | "box" | "field" | "single" | "global"


@dataclass
class Owned:
    """A local ``Box<[T]>`` made by malloc/calloc (until it is moved into a struct)."""

    rust: str
    elem: CType
    depth: int


@dataclass
class StructVal:
    """A plain (pointer-free) struct local: a Rust value."""

    rust: str
    ty: StructT


@dataclass
class SymStruct:
    """A struct local holding pointers: fields are bindings, never a Rust value."""

    ty: StructT
    fields: dict[str, Binding]


@dataclass
class VarRef:
    """A symbolic struct field that refers to a local pointer variable by name."""

    name: str


@dataclass
class Pending:
    """A declared but not yet initialised pointer local."""

    ty: CType
    depth: int


Binding = Scalar | View | Owned | StructVal | SymStruct | VarRef | Pending


@dataclass
class Target:
    """Something ``break``/``continue`` can leave: a loop, a switch, or a loop's
    continue-block (a labeled block whose exit runs the loop's step)."""

    kind: str  # "loop" | "switch" | "block"
    label: str
    used: bool = False
    cont: Target | None = None


@dataclass
class E:
    """An emitted expression: code, whether it needs no parentheses, and if it is a bool."""

    code: str
    atomic: bool = True
    is_bool: bool = False


def par(e: E) -> str:
    return e.code if e.atomic else f"({e.code})"


# ------------------------------------------------------------------ function emitter


class FunctionEmitter:
    def __init__(self, prog: Program, fn: cir.Function, module_funcs: set[str]) -> None:
        self.prog = prog
        self.fn = fn
        self.module_funcs = module_funcs
        self.lines: list[str] = []
        self.scopes: list[dict[str, Binding]] = []
        self.used_names: set[str] = set()
        self.taken: set[str] = set()
        self.c_only: set[str] = set()
        self.mut_locals = prog.facts.mut_locals.get(fn.name, frozenset())
        self.labels = 0
        # break-target stack: (kind, label, label_used_flag_holder)
        self.targets: list[Target] = []
        self.notes: list[tuple[str, str, Span]] = []

    # ---- output helpers
    def out(self, line: str) -> None:
        self.lines.append(line)

    def fresh(self, base: str, generated: bool = True) -> str:
        """A Rust local name: C names are kept unless taken; generated names avoid all C names."""
        name = base
        i = 1
        while (
            name in self.taken
            or name in RUST_KEYWORDS
            or (generated and name in self.used_names and name != base)
            or (generated and name in self.c_only)
        ):
            name = f"{base}_{i}"
            i += 1
        self.taken.add(name)
        return name

    @contextmanager
    def scope(self) -> Iterator[None]:
        self.scopes.append({})
        try:
            yield
        finally:
            self.scopes.pop()

    def bind(self, name: str, b: Binding) -> None:
        self.scopes[-1][name] = b

    def lookup(self, name: str, span: Span) -> Binding:
        for sc in reversed(self.scopes):
            if name in sc:
                return sc[name]
        raise TranslateError("C2S111", f"unbound variable `{name}`", span)

    def rebind(self, name: str, b: Binding) -> None:
        for sc in reversed(self.scopes):
            if name in sc:
                sc[name] = b
                return

    def binding_depth(self, name: str) -> int:
        for i in range(len(self.scopes) - 1, -1, -1):
            if name in self.scopes[i]:
                return i
        return -1

    # ---- signature
    def param_type(self, p: cir.Param) -> str:
        t = p.ty
        if isinstance(t, PtrT):
            tgt = t.target
            if isinstance(tgt, PtrT | VoidT | ArrayT):
                raise TranslateError("C2S103", f"parameter `{p.name}` of type {t}", p.span)
            inner = rust_field_type(self.prog, tgt, p.span)
            mut = p.name in self.prog.facts.mut_params.get(self.fn.name, frozenset())
            return f"&mut [{inner}]" if mut else f"&[{inner}]"
        if isinstance(t, StructT):
            if self.prog.has_pointers(t):
                raise TranslateError(
                    "C2S104", f"struct holding pointers passed by value (`{p.name}`)", p.span
                )
            return t.name
        return rust_scalar(t, p.span)

    def signature(self) -> str:
        fn = self.fn
        params = ", ".join(f"{ident(p.name)}: {self.param_type(p)}" for p in fn.params)
        ret = return_type(self.prog, fn)
        vis = "" if fn.static or not fn.file.endswith(".c") else "pub "
        return f"{vis}fn {ident(fn.c_name)}({params}){' -> ' + ret if ret else ''}"

    # ---- entry point
    def emit(self) -> list[str]:
        fn = self.fn
        assert fn.body is not None
        sig = self.signature()
        for p in fn.params:
            self.taken.add(p.name)
        for n in walk(fn.body):
            if isinstance(n, cir.Decl):
                self.c_only.add(n.name)
        self.scopes = [{}]
        for p in fn.params:
            if isinstance(p.ty, PtrT):
                self.bind(p.name, View(ident(p.name), None, p.ty.target, "param"))
            elif isinstance(p.ty, StructT):
                self.bind(p.name, StructVal(ident(p.name), p.ty))
            else:
                self.bind(p.name, Scalar(ident(p.name), p.ty))
        self.out(source_marker(fn.span))
        self.out(sig + " {")
        # a mutable by-value parameter needs a mutable rebinding
        for p in fn.params:
            if not isinstance(p.ty, PtrT) and p.name in self.mut_locals:
                self.out(f"let mut {ident(p.name)} = {ident(p.name)};")
        # a slice is re-cut to its exact length when every access is below n and
        # element n-1 is accessed on every path (may == must): rustc can then drop
        # bounds checks, and the cut fails only where the C would read out of bounds
        must = self.prog.extents.must.get(fn.name, {})
        may = self.prog.extents.may.get(fn.name, {})
        for p in fn.params:
            n = must.get(p.name, 0)
            if isinstance(p.ty, PtrT) and n > 1 and may.get(p.name) == n:
                mut = p.name in self.prog.facts.mut_params.get(fn.name, frozenset())
                amp = "&mut " if mut else "&"
                self.out(f"let {ident(p.name)} = {amp}{ident(p.name)}[..{n}];")
        self.block_body(fn.body.stmts)
        if not isinstance(fn.ret, VoidT) and not _ends_with_return(fn.body):
            self.out("#[allow(unreachable_code)]")
            self.out('{ unreachable!("c2safe: control reached the end of a non-void function") }')
        self.out("}")
        return self.lines

    # ---- statements
    def block_body(self, stmts: tuple[cir.Stmt, ...]) -> None:
        for s in stmts:
            self.stmt(s)

    def stmt(self, s: cir.Stmt) -> None:
        if not isinstance(s, cir.Block) and s.span.line > 0:
            self.out(source_marker(s.span))
        match s:
            case cir.Block(stmts=stmts):
                self.out("{")
                with self.scope():
                    self.block_body(stmts)
                self.out("}")
            case cir.Decl():
                self.decl(s)
            case cir.ExprStmt(expr=e):
                self.expr_stmt(e)
            case cir.If(cond=c, then=t, other=o):
                self.out(f"if {self.cond(c)} {{")
                self.sub_stmt(t)
                if o is not None:
                    if isinstance(o, cir.If):
                        self.out("} else")
                        self.stmt(o)
                        return
                    self.out("} else {")
                    self.sub_stmt(o)
                self.out("}")
            case cir.While(cond=c, body=b):
                self.loop_stmt(c, b, None, pre_check=True)
            case cir.DoWhile(body=b, cond=c):
                if fold(c) == 0 and not _has_loop_exit(b):
                    inner = b.stmts if isinstance(b, cir.Block) else (b,)
                    if any(isinstance(x, cir.Decl) for x in inner):
                        self.out("{")
                        self.sub_stmt(b)
                        self.out("}")
                    else:
                        self.block_body(inner)
                else:
                    self.loop_stmt(c, b, None, pre_check=False)
            case cir.For():
                self.for_stmt(s)
            case cir.Return(value=v):
                if v is None:
                    self.out("return;")
                else:
                    self.out(f"return {self.return_value(v)};")
            case cir.Break(span=sp):
                self.out(self.jump("break", sp))
            case cir.Continue(span=sp):
                self.out(self.jump("continue", sp))
            case cir.Switch():
                self.switch(s)
            case cir.LabeledBlock():
                self.labeled_block(s)
            case cir.Jump(label=lbl, kind=kind):
                self.out(f"{kind} 'g_{lbl};")
            case cir.Unsupported(code=code, message=msg, span=sp):
                raise TranslateError(code, msg, sp)

    def sub_stmt(self, s: cir.Stmt) -> None:
        with self.scope():
            if isinstance(s, cir.Block):
                self.block_body(s.stmts)
            else:
                self.stmt(s)

    def return_value(self, v: cir.Expr) -> str:
        rt = self.fn.ret
        if isinstance(rt, PtrT):
            b = self.pointer_binding(v)
            if isinstance(b, Owned):
                return b.rust
            raise TranslateError(
                "C2S103", "returning a pointer that is not a fresh allocation", v.span
            )
        return self.value(v).code

    # ---- loops and jumps
    def jump(self, kind: str, span: Span) -> str:
        # find the innermost target for this jump
        for i in range(len(self.targets) - 1, -1, -1):
            t = self.targets[i]
            if t.kind == "block" or (kind == "continue" and t.kind == "switch"):
                continue
            if t.kind == "switch":
                t.used = True
                return f"break {t.label};"
            if kind == "continue" and t.cont is not None:
                t.cont.used = True  # leaving the continue-block runs the step
                return f"break {t.cont.label};"
            # a labeled block or switch between the jump and its loop needs the loop's label
            if any(x.kind in ("switch", "block") for x in self.targets[i + 1 :]):
                t.used = True
                return f"{kind} {t.label};"
            return f"{kind};"
        raise TranslateError("C2S101", f"`{kind}` outside of a loop", span)

    def labeled_block(self, s: cir.LabeledBlock) -> None:
        """``goto`` regions (``goto_structure``): ``'g_L: { .. }`` or ``'g_L: loop { ..;
        break 'g_L; }``; transparent to C's break/continue (kind "block")."""
        self.targets.append(Target("block", f"'g_{s.label}"))
        self.out(f"'g_{s.label}: {'loop ' if s.loop else ''}{{")
        self.sub_stmt(s.body)
        if s.loop:
            self.out(f"break 'g_{s.label};")
        self.out("}")
        self.targets.pop()

    def new_label(self, base: str) -> str:
        self.labels += 1
        return f"'{base}{self.labels}"

    def loop_stmt(
        self, cond: cir.Expr | None, body: cir.Stmt, step: cir.Expr | None, pre_check: bool
    ) -> None:
        needs_cont_block = step is not None or not pre_check
        label = self.new_label("l")
        cont_target: Target | None = None
        if needs_cont_block and _has_continue(body):
            cont_target = Target("block", self.new_label("c"))
        target = Target("loop", label, cont=cont_target)
        start = len(self.lines)
        self.out("loop {")
        if pre_check and cond is not None:
            self.out(f"if !{par(E(self.cond(cond), False))} {{ break; }}")
        self.targets.append(target)
        if cont_target is not None:
            self.out(f"{cont_target.label}: {{")
            self.targets.append(cont_target)
        self.sub_stmt(body)
        if cont_target is not None:
            self.targets.pop()
            self.out("}")
        self.targets.pop()
        if step is not None:
            self.expr_stmt(step)
        if not pre_check and cond is not None:
            self.out(f"if !{par(E(self.cond(cond), False))} {{ break; }}")
        self.out("}")
        if target.used:
            self.lines[start] = f"{label}: loop {{"

    def for_stmt(self, s: cir.For) -> None:
        rng = self.range_for(s)
        with self.scope():
            if rng is not None:
                var, lo, hi, step = rng
                name = self.fresh(var.name, generated=False)
                self.bind(var.name, Scalar(name, var.ty))
                label = self.new_label("l")
                target = Target("loop", label)
                start = len(self.lines)
                r = f"{lo}..{hi}" if step == 1 else f"({lo}..{hi}).step_by({step})"
                self.out(f"for {name} in {r} {{")
                self.targets.append(target)
                self.sub_stmt(s.body)
                self.targets.pop()
                self.out("}")
                if target.used:
                    self.lines[start] = f"{label}: for {name} in {r} {{"
                return
            self.out("{")
            for st in s.init:
                self.stmt(st)
            self.loop_stmt(s.cond, s.body, s.step, pre_check=True)
            self.out("}")

    def range_for(self, s: cir.For) -> tuple[cir.Decl, str, str, int] | None:
        """``for (T i = a; i < b; i++)`` with i and b untouched by the body -> a range."""
        if len(s.init) != 1 or not isinstance(s.init[0], cir.Decl):
            return None
        d = s.init[0]
        if not isinstance(d.ty, IntT) or d.init is None or s.cond is None or s.step is None:
            return None
        c = s.cond
        if not (isinstance(c, cir.Binary) and c.op == "<" and isinstance(c.left, cir.Var)):
            return None
        if c.left.name != d.name or c.right.ty != d.ty:
            return None
        step = _step_amount(s.step, d.name)
        if step is None:
            return None
        assigned = _assigned_vars(s.body)
        if d.name in assigned:
            return None
        bound_vars = {n.name for n in walk(c.right) if isinstance(n, cir.Var)}
        if bound_vars & assigned or any(
            isinstance(n, cir.Call | cir.Assign | cir.IncDec) for n in walk(c.right)
        ):
            return None
        if any(isinstance(n, cir.Deref | cir.Index | cir.Member) for n in walk(c.right)):
            if _writes_memory(s.body):
                return None
        if d.ty.signed and step != 1:
            return None
        lo = self.value(d.init).code
        hi = self.value(c.right)
        return d, lo, par(hi), step

    def switch(self, s: cir.Switch) -> None:
        label = self.new_label("s")
        target = Target("switch", label)
        start = len(self.lines)
        self.out(f"match {self.value(s.expr).code} {{")
        self.targets.append(target)
        has_default = False
        for i, case in enumerate(s.cases):
            body = list(case.body)
            if body and isinstance(body[-1], cir.Break):
                body.pop()
            elif i + 1 < len(s.cases) and not _diverges(body):
                raise TranslateError(
                    "C2S106", "switch case falls through to the next case", case.span
                )
            if not case.values:
                has_default = True
                pat = "_"
            else:
                pat = " | ".join(str(v) for v in case.values)
            self.out(f"{pat} => {{")
            with self.scope():
                self.block_body(tuple(body))
            self.out("}")
        if not has_default:
            self.out("_ => {}")
        self.targets.pop()
        self.out("}")
        if target.used:
            self.lines[start] = f"{label}: {{ " + self.lines[start]
            self.out("}")

    # ---- declarations
    def decl(self, d: cir.Decl) -> None:
        t = d.ty
        name = d.name
        if isinstance(t, PtrT):
            if d.init is None:
                self.bind(name, Pending(t, len(self.scopes) - 1))
                return
            self.bind_pointer(name, t, d.init)
            return
        if isinstance(t, StructT) and self.prog.has_pointers(t) and d.init is None:
            raise TranslateError(
                "C2S104", f"uninitialised struct `{name}` holding pointers", d.span
            )
        if isinstance(t, StructT) and d.init is not None and self.prog.is_owned(t):
            # a local of an owning struct is symbolic (see the module docstring)
            self.bind(name, self.sym_struct(t, d.init, name))
            return
        rname = self.fresh(name, generated=False)
        mut = "mut " if name in self.mut_locals else ""
        if isinstance(t, ArrayT):
            init = self.array_init(t, d.init, d.span)
            self.out(f"let {mut}{rname}: {rust_field_type(self.prog, t, d.span)} = {init};")
            self.bind(name, View(rname, None, t.elem, "array"))
            return
        if isinstance(t, StructT):
            init = self.struct_value(t, d.init) if d.init is not None else f"{t.name}::default()"
            self.out(f"let {mut}{rname}: {t.name} = {init};")
            self.bind(name, StructVal(rname, t))
            return
        rty = rust_scalar(t, d.span)
        if d.init is None:
            self.out(f"let mut {rname}: {rty} = {zero_value(self.prog, t, d.span)};")
        else:
            self.out(f"let {mut}{rname}: {rty} = {self.value(d.init).code};")
        self.bind(name, Scalar(rname, t))

    def array_init(self, t: ArrayT, init: cir.Expr | None, span: Span) -> str:
        assert t.size is not None
        if init is None:
            return zero_value(self.prog, t, span)
        if not isinstance(init, cir.InitList):
            raise TranslateError("C2S101", "array initialised from a non-list", span)
        vals = [fold(i) for i in init.items]
        if all(v == 0 for v in vals) and len(vals) <= t.size:
            return zero_value(self.prog, t, span)
        items = [self.init_item(t.elem, it) for it in init.items]
        items += [zero_value(self.prog, t.elem, span)] * (t.size - len(items))
        return "[" + ", ".join(items) + "]"

    def init_item(self, t: CType, e: cir.Expr) -> str:
        if isinstance(t, ArrayT):
            return self.array_init(t, e, e.span)
        if isinstance(t, StructT):
            return self.struct_value(t, e)
        return self.value(e).code

    def struct_value(self, t: StructT, e: cir.Expr) -> str:
        if isinstance(e, cir.InitList):
            sdef = self.prog.structs[t.name]
            given = dict(zip(e.fields, e.items, strict=True))
            parts = []
            for fname, fty in sdef.fields:
                if fname in given and isinstance(fty, PtrT):
                    # a borrowed struct's slice field borrows the view it is given
                    mut = self.prog.field_is_mut(t.name, fname)
                    parts.append(f"{ident(fname)}: {self.slice_arg(given[fname], mut)}")
                elif fname in given:
                    parts.append(f"{ident(fname)}: {self.init_item(fty, given[fname])}")
                elif isinstance(fty, PtrT):
                    raise TranslateError("C2S104", f"pointer field `{fname}` left unset", e.span)
                else:
                    parts.append(f"{ident(fname)}: {zero_value(self.prog, fty, e.span)}")
            return f"{t.name} {{ {', '.join(parts)} }}"
        return self.value(e).code

    # ---- pointers
    def bind_pointer(self, name: str, t: PtrT, init: cir.Expr) -> None:
        alloc = _allocation(init)
        if alloc is not None:
            rname = self.fresh(name, generated=False)
            self.out(
                f"let mut {rname}: Box<[{rust_field_type(self.prog, t.target, init.span)}]> = "
                f"{self.allocation(t.target, alloc)};"
            )
            self.bind(name, Owned(rname, t.target, len(self.scopes) - 1))
            return
        call = _strip_casts(init)
        if isinstance(call, cir.Call) and call.func in self.prog.functions:
            # a function returning a pointer returns a fresh box (see ``return_type``)
            rname = self.fresh(name, generated=False)
            ty = rust_field_type(self.prog, t.target, init.span)
            self.out(f"let mut {rname}: Box<[{ty}]> = {self.call(call).code};")
            self.bind(name, Owned(rname, t.target, len(self.scopes) - 1))
            return
        b = self.pointer_binding(init)
        if isinstance(b, View) and b.off is not None and not _is_literal(b.off):
            off = self.fresh(f"{name}_off")
            self.out(f"let {off}: usize = {b.off};")
            b = View(b.place, off, b.elem, b.kind)
        self.bind(name, b)

    def allocation(self, elem: CType, call: cir.Call) -> str:
        if call.func == "calloc":
            n = self.usize(call.args[0])
            return f"vec![{zero_value(self.prog, elem, call.span)}; {n}].into_boxed_slice()"
        # malloc(n * sizeof(T))
        count = self.elem_count(call.args[0], elem, call.span)
        if isinstance(elem, StructT) and count == "1usize":
            return f"vec![{elem.name}::default()].into_boxed_slice()"
        return f"vec![{zero_value(self.prog, elem, call.span)}; {count}].into_boxed_slice()"

    def elem_count(self, size: cir.Expr, elem: CType, span: Span) -> str:
        """The element count of a byte size written ``n * sizeof(T)``, as a usize expression."""
        try:
            esz = sizeof(elem, self.prog.struct_fields())
        except ValueError as exc:
            raise TranslateError("C2S103", f"size of {elem} unknown", span) from exc
        s = _strip_casts(size)
        v = fold(size)
        if v is not None:
            if v % esz:
                raise TranslateError(
                    "C2S103", f"byte count {v} is not a multiple of sizeof({elem})", span
                )
            return f"{v // esz}usize"
        if isinstance(s, cir.Binary) and s.op == "*":
            for a, b in ((s.left, s.right), (s.right, s.left)):
                if fold(b) == esz:
                    return self.usize(a)
                fb = fold(b)
                if fb is not None and fb % esz == 0:
                    return f"{par(self.usize_e(a))}.wrapping_mul({fb // esz})"
        if esz == 1:
            return self.usize(size)
        raise TranslateError("C2S103", "byte count is not `n * sizeof(element)`", span)

    def usize_e(self, e: cir.Expr) -> E:
        v = self.value(e)
        if e.ty == USIZE:
            return v
        f = fold(e)
        if f is not None and f >= 0:
            return E(f"{f}usize")
        return E(f"{par(v)} as usize", False)

    def usize(self, e: cir.Expr) -> str:
        return self.usize_e(e).code

    def pointer_binding(self, e: cir.Expr) -> Binding:
        """The binding a pointer-valued expression denotes (never emits a Rust value)."""
        match e:
            case cir.Var(name=name):
                if e.kind == "global":
                    g = self.prog.globals[name]
                    if isinstance(g.ty, ArrayT):
                        return View(ident(name), None, g.ty.elem, "global")
                    raise TranslateError("C2S110", f"pointer to global `{name}`", e.span)
                b = self.lookup(name, e.span)
                if isinstance(b, VarRef):
                    return self.pointer_binding(cir.Var(b.name, e.ty, e.span, "local"))
                if isinstance(b, Pending):
                    raise TranslateError(
                        "C2S103", f"pointer `{name}` used before it is set", e.span
                    )
                return b
            case cir.Cast(arg=a):
                if isinstance(a, cir.IntLit) and a.value == 0:
                    raise TranslateError("C2S103", "NULL pointer value", e.span)
                if (
                    is_pointer_like(a.ty)
                    and is_pointer_like(e.ty)
                    and pointee(a.ty) != pointee(e.ty)
                ):
                    if not isinstance(pointee(e.ty), VoidT) and not isinstance(
                        pointee(a.ty), VoidT
                    ):
                        raise TranslateError(
                            "C2S103", f"pointer cast from {a.ty} to {e.ty}", e.span
                        )
                return self.pointer_binding(a)
            case cir.PtrAdd(ptr=p, off=o, neg=neg):
                b = self.view_of(self.pointer_binding(p), e.span)
                if neg:
                    delta = f"{par(self.usize_e(o))}"
                    if b.off is None:
                        raise TranslateError("C2S103", "pointer moved before its base", e.span)
                    return View(b.place, f"{b.off} - {delta}", b.elem, b.kind)
                return View(b.place, _add_off(b.off, self.usize_e(o)), b.elem, b.kind)
            case cir.Member(base=base, field=f):
                return self.member_binding(base, f, e.arrow, e.span)
            case cir.AddrOf(arg=a):
                return self.addr_of(a)
            case cir.Index() | cir.Deref():
                place = self.place(e)
                return View(f"std::slice::from_mut(&mut {place})", None, e.ty, "single")
            case _:
                raise TranslateError(
                    "C2S103", f"unsupported pointer expression ({type(e).__name__})", e.span
                )

    def addr_of(self, a: cir.Expr) -> Binding:
        if isinstance(a, cir.Var):
            b = self.lookup(a.name, a.span)
            if isinstance(b, Scalar | StructVal):
                return View(b.rust, None, a.ty, "single")
            if isinstance(b, View) and b.kind == "array":
                return b
        if isinstance(a, cir.Deref):
            return self.pointer_binding(a.arg)
        if isinstance(a, cir.Member):
            if isinstance(a.ty, ArrayT):
                return self.member_binding(a.base, a.field, a.arrow, a.span)
            return View(self.place(a), None, a.ty, "single")
        raise TranslateError("C2S103", "address of an unsupported lvalue", a.span)

    def view_of(self, b: Binding, span: Span) -> View:
        if isinstance(b, View):
            return b
        if isinstance(b, Owned):
            return View(b.rust, None, b.elem, "box")
        if isinstance(b, VarRef):
            return self.view_of(self.lookup(b.name, span), span)
        raise TranslateError("C2S103", "not a pointer", span)

    def member_binding(self, base: cir.Expr, f: str, arrow: bool, span: Span) -> Binding:
        sym = self.sym_of(base, arrow)
        if sym is not None:
            if f not in sym.fields:
                raise TranslateError("C2S104", f"field `{f}` unknown", span)
            return sym.fields[f]
        place = self.struct_place(base, arrow, span)
        sty = pointee(base.ty) if arrow else base.ty
        assert isinstance(sty, StructT)
        ftys = dict(self.prog.structs[sty.name].fields)
        ft = ftys[f]
        if isinstance(ft, PtrT):
            return View(f"{place}.{ident(f)}", None, ft.target, "field")
        if isinstance(ft, ArrayT):
            return View(f"{place}.{ident(f)}", None, ft.elem, "field")
        if isinstance(ft, StructT) and self.prog.is_owned(ft):
            return self.sym_from_place(ft, f"{place}.{ident(f)}", f)
        raise TranslateError("C2S104", f"field `{f}` is not a pointer", span)

    def sym_of(self, base: cir.Expr, arrow: bool) -> SymStruct | None:
        if arrow:
            return None
        if isinstance(base, cir.Var) and base.kind == "local":
            b = self.lookup(base.name, base.span)
            return b if isinstance(b, SymStruct) else None
        if isinstance(base, cir.Member) and not base.arrow:
            outer = self.sym_of(base.base, False)
            if outer is not None:
                fb = outer.fields.get(base.field)
                return fb if isinstance(fb, SymStruct) else None
        return None

    def struct_place(self, base: cir.Expr, arrow: bool, span: Span) -> str:
        if arrow:
            v = self.view_of(self.pointer_binding(base), span)
            return f"{v.place}[{v.off or '0usize'}]"
        return self.place(base)

    # ---- symbolic structs
    def sym_struct(self, t: StructT, init: cir.Expr, hint: str) -> SymStruct:
        if isinstance(init, cir.InitList):
            sdef = self.prog.structs[t.name]
            given = dict(zip(init.fields, init.items, strict=True))
            fields: dict[str, Binding] = {}
            for fname, fty in sdef.fields:
                item = given.get(fname)
                fields[fname] = self.sym_field(fty, item, f"{hint}_{fname}", init.span)
            return SymStruct(t, fields)
        if isinstance(init, cir.Var) and init.kind == "local":
            b = self.lookup(init.name, init.span)
            if isinstance(b, SymStruct):
                return self.copy_sym(b, hint)
        if isinstance(init, cir.Member) and not init.arrow:
            sym = self.sym_of(init, False)
            if sym is not None:
                return self.copy_sym(sym, hint)
        if isinstance(init, cir.Index | cir.Deref | cir.Member):
            return self.sym_from_place(t, self.place(init), hint)
        raise TranslateError(
            "C2S104", "unsupported initialiser for a struct holding pointers", init.span
        )

    def sym_field(self, fty: CType, item: cir.Expr | None, hint: str, span: Span) -> Binding:
        if isinstance(fty, PtrT):
            if item is None:
                raise TranslateError("C2S104", "pointer field left uninitialised", span)
            s = _strip_casts(item)
            if isinstance(s, cir.Var) and s.kind == "local":
                return VarRef(s.name)
            return self.pointer_binding(item)
        if isinstance(fty, StructT) and self.prog.has_pointers(fty):
            if item is None:
                raise TranslateError("C2S104", "struct field left uninitialised", span)
            return self.sym_struct(fty, item, hint)
        name = self.fresh(hint)
        val = zero_value(self.prog, fty, span) if item is None else self.init_item(fty, item)
        self.out(f"let mut {name}: {rust_field_type(self.prog, fty, span)} = {val};")
        return Scalar(name, fty)

    def copy_sym(self, s: SymStruct, hint: str) -> SymStruct:
        fields: dict[str, Binding] = {}
        for f, b in s.fields.items():
            if isinstance(b, Scalar):
                name = self.fresh(f"{hint}_{f}")
                self.out(
                    f"let mut {name}: {rust_field_type(self.prog, b.ty, Span('', 0))} = {b.rust};"
                )
                fields[f] = Scalar(name, b.ty)
            elif isinstance(b, SymStruct):
                fields[f] = self.copy_sym(b, f"{hint}_{f}")
            else:
                fields[f] = b
        return SymStruct(s.ty, fields)

    def sym_from_place(self, t: StructT, place: str, hint: str) -> SymStruct:
        fields: dict[str, Binding] = {}
        for fname, fty in self.prog.structs[t.name].fields:
            fplace = f"{place}.{ident(fname)}"
            if isinstance(fty, PtrT):
                fields[fname] = View(fplace, None, fty.target, "field")
            elif isinstance(fty, StructT) and self.prog.has_pointers(fty):
                fields[fname] = self.sym_from_place(fty, fplace, f"{hint}_{fname}")
            elif isinstance(fty, ArrayT):
                fields[fname] = View(fplace, None, fty.elem, "field")
            else:
                name = self.fresh(f"{hint}_{fname}")
                self.out(
                    f"let mut {name}: {rust_field_type(self.prog, fty, Span('', 0))} = {fplace};"
                )
                fields[fname] = Scalar(name, fty)
        return SymStruct(t, fields)

    def store_sym(self, place: str, s: SymStruct, span: Span) -> None:
        """Write a symbolic struct into ``place`` field by field; boxes are moved."""
        for fname, b in s.fields.items():
            fplace = f"{place}.{ident(fname)}"
            if isinstance(b, VarRef):
                target = self.lookup(b.name, span)
                if isinstance(target, Owned):
                    if (
                        self.binding_depth(b.name) != len(self.scopes) - 1
                        and target.depth != len(self.scopes) - 1
                    ):
                        raise TranslateError("C2S104", f"box `{b.name}` moved conditionally", span)
                    self.out(f"{fplace} = {target.rust};")
                    self.rebind(b.name, View(fplace, None, target.elem, "field"))
                    continue
                b = target
            if isinstance(b, View):
                if b.place == fplace and b.off is None:
                    continue  # writing a pointer field back to itself
                raise TranslateError(
                    "C2S104", f"storing a borrowed pointer into owned field `{fname}`", span
                )
            if isinstance(b, Owned):
                self.out(f"{fplace} = {b.rust};")
                continue
            if isinstance(b, Scalar):
                if b.rust != fplace:
                    self.out(f"{fplace} = {b.rust};")
                continue
            if isinstance(b, SymStruct):
                self.store_sym(fplace, b, span)
                continue
            raise TranslateError("C2S104", f"cannot store field `{fname}`", span)

    # ---- places and values
    def place(self, e: cir.Expr) -> str:
        """A Rust place expression for a C lvalue of scalar or struct type."""
        match e:
            case cir.Var(name=name, kind=kind):
                if kind == "global":
                    return ident(name)
                b = self.lookup(name, e.span)
                if isinstance(b, Scalar | StructVal):
                    return b.rust
                raise TranslateError("C2S103", f"`{name}` is not a scalar place", e.span)
            case cir.Index(base=base, index=idx):
                v = self.view_of(self.pointer_binding(base), e.span)
                return f"{v.place}[{_add_off(v.off, self.usize_e(idx)) or '0usize'}]"
            case cir.Deref(arg=a):
                v = self.view_of(self.pointer_binding(a), e.span)
                return f"{v.place}[{v.off or '0usize'}]"
            case cir.Member(base=base, field=f, arrow=arrow):
                sym = self.sym_of(base, arrow)
                if sym is not None:
                    fb = sym.fields.get(f)
                    if isinstance(fb, Scalar):
                        return fb.rust
                    raise TranslateError("C2S104", f"field `{f}` is not a scalar", e.span)
                return f"{self.struct_place(base, arrow, e.span)}.{ident(f)}"
            case cir.Cast(arg=a) if a.ty == e.ty:
                return self.place(a)
            case _:
                raise TranslateError("C2S101", f"unsupported lvalue ({type(e).__name__})", e.span)

    def cond(self, e: cir.Expr) -> str:
        v = self.value(e, want_bool=True)
        if v.is_bool:
            return v.code
        if isinstance(e.ty, PtrT):
            raise TranslateError("C2S103", "pointer used as a condition", e.span)
        zero = "0.0" if isinstance(e.ty, FloatT) else "0"
        return f"{par(v)} != {zero}"

    def value(self, e: cir.Expr, want_bool: bool = False) -> E:
        """Emit ``e`` as a Rust value of its C type (bools only if ``want_bool``)."""
        v = self.expr(e)
        if isinstance(e.ty, BoolT):
            v = E(v.code, v.atomic, True)
        if v.is_bool and not want_bool and isinstance(e.ty, IntT):
            return E(f"{par(v)} as {e.ty.rust}", False)
        return v

    def expr(self, e: cir.Expr) -> E:
        match e:
            case cir.IntLit(value=v, ty=t, hex=h):
                assert isinstance(t, IntT)
                lit = f"{hex(v) if h and v >= 0 else v}{t.rust}"
                return E(lit, v >= 0)
            case cir.FloatLit(text=text, ty=t):
                return E(f"{text}{rust_scalar(t, e.span)}")
            case cir.StrLit():
                raise TranslateError("C2S101", "string literals are not supported", e.span)
            case cir.Var(name=name, kind=kind):
                if kind == "global":
                    g = self.prog.globals[name]
                    if isinstance(g.ty, ArrayT):
                        raise TranslateError("C2S103", f"array `{name}` used as a value", e.span)
                    return E(ident(name))
                if kind == "func":
                    raise TranslateError("C2S102", "function used as a value", e.span)
                b = self.lookup(name, e.span)
                if isinstance(b, Scalar | StructVal):
                    return E(b.rust)
                raise TranslateError("C2S103", f"pointer `{name}` used as a value", e.span)
            case cir.Unary(op=op, arg=a, ty=t):
                if op == "!":
                    av = self.value(a, want_bool=True)
                    if av.is_bool:
                        return E(f"!{par(av)}", False, True)
                    return E(f"{par(av)} == 0", False, True)
                av = self.value(a)
                if op == "~":
                    return E(f"!{par(av)}", False)
                if op == "-":
                    if isinstance(t, FloatT):
                        return E(f"-{par(av)}", False)
                    return E(f"{par(av)}.wrapping_neg()")
                raise TranslateError("C2S101", f"unary {op}", e.span)
            case cir.Binary():
                return self.binary(e)
            case cir.Cast(arg=a, ty=t):
                return self.cast(a, t, e.span)
            case cir.Index() | cir.Deref():
                return E(self.place(e))
            case cir.Member():
                if isinstance(e.ty, PtrT | ArrayT):
                    raise TranslateError("C2S103", "pointer field used as a value", e.span)
                if isinstance(e.ty, StructT) and self.prog.is_owned(e.ty):
                    raise TranslateError(
                        "C2S104", "struct holding pointers used as a value", e.span
                    )
                return E(self.place(e))
            case cir.Call():
                return self.call(e)
            case cir.Cond(cond=c, then=a, other=b):
                return E(
                    f"if {self.cond(c)} {{ {self.value(a).code} }} else {{ {self.value(b).code} }}",
                    False,
                )
            case cir.Assign() | cir.IncDec():
                raise TranslateError("C2S101", "assignment used as a value", e.span)
            case cir.Comma():
                raise TranslateError("C2S101", "comma operator used as a value", e.span)
            case cir.InitList():
                if isinstance(e.ty, StructT):
                    return E(self.struct_value(e.ty, e))
                raise TranslateError("C2S101", "initializer list used as a value", e.span)
            case cir.AddrOf() | cir.PtrAdd():
                raise TranslateError("C2S103", "pointer used as a value", e.span)
            case cir.SizeOfUnknown():
                raise TranslateError("C2S102", f"sizeof({e.ty}) is unknown", e.span)
        raise TranslateError("C2S111", f"unhandled expression {type(e).__name__}", e.span)

    def cast(self, a: cir.Expr, t: CType, span: Span) -> E:
        if isinstance(t, VoidT):
            raise TranslateError("C2S101", "void cast used as a value", span)
        if isinstance(t, BoolT):
            v = self.value(a, want_bool=True)
            if v.is_bool:
                return v
            return E(f"{par(v)} != 0", False, True)
        if isinstance(t, PtrT):
            raise TranslateError("C2S103", "pointer cast used as a value", span)
        rt = rust_scalar(t, span)
        f = fold(a) if isinstance(a.ty, IntT) else None
        if f is not None and isinstance(t, IntT):
            from translator.ctypes_model import wrap

            w = wrap(f, t)
            return E(f"{w}{rt}", w >= 0)
        v = self.expr(a)
        if a.ty == t and not v.is_bool:
            return v
        return E(f"{par(v)} as {rt}", False)

    def binary(self, e: cir.Binary) -> E:
        op = e.op
        if op in ("&&", "||"):
            return E(
                f"{par(E(self.cond(e.left), False))} {op} {par(E(self.cond(e.right), False))}",
                False,
                True,
            )
        if op in ("==", "!=", "<", ">", "<=", ">="):
            if is_pointer_like(e.left.ty) or is_pointer_like(e.right.ty):
                return self.null_compare(e)
            lv, rv = self.value(e.left), self.value(e.right)
            return E(f"{par(lv)} {op} {par(rv)}", False, True)
        lv, rv = self.value(e.left), self.value(e.right)
        t = e.ty
        if isinstance(t, FloatT):
            return E(f"{par(lv)} {op} {par(rv)}", False)
        assert isinstance(t, IntT), t
        if op in ("&", "|", "^"):
            return E(f"{par(lv)} {op} {par(rv)}", False)
        if op in ("<<", ">>"):
            amount = fold(e.right)
            if amount is not None and 0 <= amount < t.bits:
                return E(f"{par(lv)} {op} {amount}", False)
            meth = "wrapping_shl" if op == "<<" else "wrapping_shr"
            ramt = rv.code if e.right.ty == U32 else f"{par(rv)} as u32"
            return E(f"{par(lv)}.{meth}({ramt})")
        arith = {"+": "wrapping_add", "-": "wrapping_sub", "*": "wrapping_mul"}.get(op)
        if arith:
            return E(f"{par(lv)}.{arith}({rv.code})")
        if op in ("/", "%"):
            if t.signed:
                m = "wrapping_div" if op == "/" else "wrapping_rem"
                return E(f"{par(lv)}.{m}({rv.code})")
            return E(f"{par(lv)} {op} {par(rv)}", False)
        raise TranslateError("C2S101", f"operator {op}", e.span)

    def null_compare(self, e: cir.Binary) -> E:
        sides = (e.left, e.right)
        if any(_is_null(s) for s in sides):
            self.notes.append(
                ("C2S201", "comparison with NULL erased (pointers are never null)", e.span)
            )
            return E("false" if e.op == "==" else "true", True, True)
        raise TranslateError("C2S103", "pointer comparison", e.span)

    # ---- calls
    def call(self, c: cir.Call) -> E:
        name = c.func
        if name in RUNTIME_FUNCS:
            rargs = []
            for i, a in enumerate(c.args):
                if i == 0:
                    rargs.append(self.slice_arg(a, name.startswith("store")))
                else:
                    rargs.append(self.value(a).code)
            return E(f"crate::krml::{name}({', '.join(rargs)})")
        if name in ("exit", "abort"):
            arg = self.value(c.args[0]).code if c.args else ""
            return E(f"crate::krml::{name}({arg})")
        if name in ("malloc", "calloc", "free", "memcpy", "memset", "memmove"):
            raise TranslateError("C2S103", f"`{name}` in an unsupported position", c.span)
        callee = self.prog.functions.get(name)
        if callee is None:
            raise TranslateError("C2S105", f"call to `{name}`, which has no definition", c.span)
        if callee.body is None and name not in self.prog.stubbed:
            raise TranslateError(
                "C2S105", f"call to `{name}`, which is declared but never defined", c.span
            )
        if len(c.args) > len(callee.params):
            raise TranslateError("C2S101", f"variadic call to `{name}`", c.span)
        args: list[str] = []
        views: dict[int, tuple[View, bool]] = {}
        for i, a in enumerate(c.args):
            p = callee.params[i]
            if isinstance(p.ty, PtrT):
                mut = p.name in self.prog.facts.mut_params.get(name, frozenset())
                views[i] = (self.view_of(self.pointer_binding(a), a.span), mut)
                args.append(self.slice_arg(a, mut))
            else:
                args.append(self.value(a).code)
        fname = ident(callee.c_name)
        arg_views = [ArgView(i, v.place, parse_offset(v.off), mut) for i, (v, mut) in views.items()]
        pl = plan_aliasing(arg_views)
        if pl.trivial:
            return E(f"{fname}({', '.join(args)})")
        if pl.error is not None:
            raise TranslateError(
                "C2S203", f"cannot repair aliasing in call to `{name}`: {pl.error}", c.span
            )
        return E(self.repaired_call(fname, c, args, views, pl))

    def repaired_call(
        self,
        fname: str,
        c: cir.Call,
        args: list[str],
        views: dict[int, tuple[View, bool]],
        pl: AliasPlan,
    ) -> str:
        """A block that copies and splits the aliased arguments, then calls."""
        lines: list[str] = []
        # scalar arguments may read the buffers about to be borrowed: evaluate them first
        for i, a in enumerate(c.args):
            if i not in views and fold(a) is None and not isinstance(a, cir.Var):
                tmp = self.fresh(f"arg{i}")
                lines.append(f"let {tmp} = {args[i]};")
                args[i] = tmp
        callee = self.prog.functions[c.func]
        may = self.prog.extents.may.get(c.func, {})
        # one copy per aliased view, as long as the longest reader needs
        groups: dict[tuple[str, str | None], list[int]] = {}
        for i in pl.copies:
            v, _ = views[i]
            groups.setdefault((v.place, v.off), []).append(i)
        for (place, off), readers in groups.items():
            v, _ = views[readers[0]]
            tmp = self.fresh(_place_stem(place) + "_copy")
            elem = rust_field_type(self.prog, v.elem, c.span)
            lens = [may.get(callee.params[i].name) for i in readers]
            n = None if any(x is None for x in lens) else max(x for x in lens if x is not None)
            if n is not None and isinstance(v.elem, IntT):
                # the smallest copy: exactly the elements the callee can read
                lines.append(f"let mut {tmp}: [{elem}; {n}] = [0{elem}; {n}];")
                lines.append(f"{tmp}.copy_from_slice(&{place}[{_range(off, f'{n}usize')}]);")
            else:
                lines.append(f"let {tmp}: Vec<{elem}> = {place}[{off or '0usize'}..].to_vec();")
            for i in readers:
                args[i] = f"&{tmp}"
            self.notes.append(
                (
                    "C2S203",
                    f"copied `{place}` for argument(s) "
                    f"{', '.join(str(i + 1) for i in readers)} of `{c.func}`: "
                    "it aliases a written argument",
                    c.span,
                )
            )
        for place, pieces in pl.splits.items():
            if place in pl.assumed:
                self.notes.append(
                    (
                        "C2S204",
                        f"offsets into `{place}` could not be compared; source order assumed",
                        c.span,
                    )
                )
            offs = [views[piece[0]][0].off for piece in pieces]
            cur, base = place, None
            stem = _place_stem(place)
            for k, piece in enumerate(pieces):
                if k + 1 < len(pieces):
                    left, right = self.fresh(f"{stem}_{k}"), self.fresh(f"{stem}_rest{k}")
                    cut = _diff(offs[k + 1], base)
                    lines.append(f"let ({left}, {right}) = {cur}.split_at_mut({cut});")
                    region = left
                else:
                    region, right = cur, cur
                start = _diff(offs[k], base)
                for i in piece:
                    mut = views[i][1]
                    rng = "" if _lit(start) == 0 else start
                    args[i] = f"{'&mut ' if mut else '&'}{region}[{rng}..]"
                cur, base = right, offs[k + 1] if k + 1 < len(pieces) else base
        body = " ".join(lines)
        return f"{{ {body} {fname}({', '.join(args)}) }}"

    def slice_arg(self, a: cir.Expr, mut: bool) -> str:
        b = self.pointer_binding(a)
        v = self.view_of(b, a.span)
        amp = "&mut " if mut else "&"
        if v.kind == "single":
            if v.place.startswith("std::slice::from_mut"):
                return v.place if mut else v.place.replace("from_mut(&mut ", "from_ref(&", 1)
            fn = "from_mut" if mut else "from_ref"
            return f"std::slice::{fn}({amp}{v.place})"
        if v.off is None:
            if v.kind == "param":
                return v.place
            return f"{amp}{v.place}"
        return f"{amp}{v.place}[{v.off}..]"

    # ---- expression statements
    def expr_stmt(self, e: cir.Expr) -> None:
        match e:
            case cir.Assign():
                self.assign(e)
            case cir.IncDec(arg=a, delta=d):
                place = self.place(a)
                meth = "wrapping_add" if d > 0 else "wrapping_sub"
                self.out(f"{place} = {place}.{meth}(1);")
            case cir.Comma(exprs=es):
                for x in es:
                    self.expr_stmt(x)
            case cir.Cast(ty=VoidT(), arg=a):
                if not isinstance(a, cir.Var | cir.IntLit | cir.Member | cir.Index):
                    self.expr_stmt(a)
            case cir.Call(func=name):
                if name in ("memcpy", "memmove"):
                    self.memcpy(e)
                elif name == "memset":
                    self.memset(e)
                elif name == "free":
                    self.notes.append(
                        ("C2S205", "free() erased: the owner drops the memory", e.span)
                    )
                else:
                    v = self.call(e)
                    self.out(f"{v.code};")
            case cir.Var() | cir.IntLit():
                return
            case _:
                self.out(f"let _ = {self.value(e).code};")

    def assign(self, a: cir.Assign) -> None:
        lhs = a.lhs
        if isinstance(lhs.ty, PtrT):
            if isinstance(lhs, cir.Var):
                b = self.lookup(lhs.name, a.span)
                if isinstance(b, Pending):
                    if self.binding_depth(lhs.name) != len(self.scopes) - 1:
                        raise TranslateError(
                            "C2S103", f"pointer `{lhs.name}` set in a nested block", a.span
                        )
                    self.bind_pointer(
                        lhs.name, b.ty if isinstance(b.ty, PtrT) else PtrT(lhs.ty), a.rhs
                    )
                    return
            raise TranslateError("C2S103", "pointer reassignment is not supported", a.span)
        if isinstance(lhs.ty, StructT) and self.prog.is_owned(lhs.ty):
            if a.op:
                raise TranslateError("C2S104", "compound assignment to a struct", a.span)
            if isinstance(lhs, cir.Var):
                self.rebind(lhs.name, self.sym_struct(lhs.ty, a.rhs, lhs.name))
                return
            place = self.struct_lhs_place(lhs)
            self.store_sym(place, self.sym_struct(lhs.ty, a.rhs, "tmp"), a.span)
            return
        place = self.place(lhs)
        if not a.op:
            if isinstance(lhs.ty, StructT):
                self.out(f"{place} = {self.struct_value(lhs.ty, a.rhs)};")
            else:
                self.out(f"{place} = {self.value(a.rhs).code};")
            return
        # compound: place = ((place as T) op rhs) as lhs type
        # (lvalues have no side effects here: ++/-- and assignments inside them are refused)
        cur = cir.Cast(lhs, a.ty, a.span)
        bin_ = cir.Binary(a.op, cur, a.rhs, a.ty, a.span)
        val = self.expr(bin_)
        if lhs.ty != a.ty:
            val = E(f"{par(val)} as {rust_scalar(lhs.ty, a.span)}", False)
        self.out(f"{place} = {val.code};")

    def struct_lhs_place(self, lhs: cir.Expr) -> str:
        if isinstance(lhs, cir.Index | cir.Deref):
            base = lhs.base if isinstance(lhs, cir.Index) else lhs.arg
            v = self.view_of(self.pointer_binding(base), lhs.span)
            if isinstance(lhs, cir.Index):
                return f"{v.place}[{_add_off(v.off, self.usize_e(lhs.index)) or '0usize'}]"
            return f"{v.place}[{v.off or '0usize'}]"
        if isinstance(lhs, cir.Member):
            return f"{self.struct_place(lhs.base, lhs.arrow, lhs.span)}.{ident(lhs.field)}"
        raise TranslateError("C2S104", "unsupported struct assignment target", lhs.span)

    def memcpy(self, c: cir.Call) -> None:
        dst_b = self.view_of(self.pointer_binding(c.args[0]), c.span)
        src_b = self.view_of(self.pointer_binding(c.args[1]), c.span)
        if dst_b.elem != src_b.elem and not isinstance(src_b.elem, VoidT):
            raise TranslateError("C2S103", f"memcpy between {dst_b.elem} and {src_b.elem}", c.span)
        n = self.elem_count(c.args[2], dst_b.elem, c.span)
        if fold(c.args[2]) == 0:
            return
        d0 = dst_b.off or "0usize"
        s0 = src_b.off or "0usize"
        if dst_b.place == src_b.place:
            self.out(f"{dst_b.place}.copy_within({s0}..{_plus(s0, n)}, {d0});")
            return
        self.out(
            f"{dst_b.place}[{_range(dst_b.off, n)}]"
            f".copy_from_slice(&{src_b.place}[{_range(src_b.off, n)}]);"
        )

    def memset(self, c: cir.Call) -> None:
        dst = self.view_of(self.pointer_binding(c.args[0]), c.span)
        n = self.elem_count(c.args[2], dst.elem, c.span)
        fill = fold(c.args[1])
        if fill is None or (fill != 0 and sizeof(dst.elem, self.prog.struct_fields()) != 1):
            raise TranslateError(
                "C2S103", "memset with a non-zero value on a multi-byte element", c.span
            )
        value = zero_value(self.prog, dst.elem, c.span) if fill == 0 else f"{fill}u8"
        self.out(f"{dst.place}[{_range(dst.off, n)}].fill({value});")


# ------------------------------------------------------------------ helpers


def return_type(prog: Program, fn: cir.Function) -> str:
    t = fn.ret
    if isinstance(t, VoidT):
        return ""
    if isinstance(t, PtrT):
        if isinstance(t.target, VoidT | PtrT):
            raise TranslateError("C2S103", f"return type {t}", fn.span)
        return f"Box<[{rust_field_type(prog, t.target, fn.span)}]>"
    if isinstance(t, StructT):
        if prog.has_pointers(t):
            raise TranslateError("C2S104", "returning a struct holding pointers by value", fn.span)
        return t.name
    return rust_scalar(t, fn.span)


def _place_stem(place: str) -> str:
    stem = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in place.split("[")[0])
    return stem.split("_")[-1] if "." in place else stem or "buf"


def _diff(a: str | None, b: str | None) -> str:
    """``a - b`` for two emitted offsets (None = 0), folded when possible."""
    oa, ob = parse_offset(a), parse_offset(b)
    if oa.sym == ob.sym:
        return f"{oa.k - ob.k}usize"
    if b is None:
        return a or "0usize"
    return f"({a or '0usize'}) - ({b})"


def _strip_casts(e: cir.Expr) -> cir.Expr:
    while isinstance(e, cir.Cast):
        e = e.arg
    return e


def _allocation(e: cir.Expr) -> cir.Call | None:
    s = _strip_casts(e)
    if isinstance(s, cir.Call) and s.func in ("malloc", "calloc"):
        return s
    return None


def _is_null(e: cir.Expr) -> bool:
    s = _strip_casts(e)
    return isinstance(s, cir.IntLit) and s.value == 0


def _is_literal(s: str) -> bool:
    return s.rstrip("usize").isdigit() or s.endswith("usize") and s[: -len("usize")].isdigit()


def _add_off(off: str | None, e: E) -> str:
    if off is None:
        return e.code
    a = _lit(off)
    b = _lit(e.code)
    if a is not None and b is not None:
        return f"{a + b}usize"
    if b == 0:
        return off
    return f"{off} + {par(e)}"


def _lit(s: str) -> int | None:
    if s.endswith("usize") and s[:-5].isdigit():
        return int(s[:-5])
    return None


def _plus(a: str, n: str) -> str:
    la, ln = _lit(a), _lit(n)
    if la is not None and ln is not None:
        return f"{la + ln}usize"
    if la == 0:
        return n
    return f"{a} + {n}"


def _range(off: str | None, n: str) -> str:
    if off is None:
        return f"..{n}"
    return f"{off}..{_plus(off, n)}"


def _step_amount(step: cir.Expr, var: str) -> int | None:
    if (
        isinstance(step, cir.IncDec)
        and step.delta == 1
        and isinstance(step.arg, cir.Var)
        and step.arg.name == var
    ):
        return 1
    if isinstance(step, cir.Assign) and isinstance(step.lhs, cir.Var) and step.lhs.name == var:
        if step.op == "+":
            k = fold(step.rhs)
            return k if k is not None and k > 0 else None
    return None


def _assigned_vars(s: object) -> set[str]:
    out: set[str] = set()
    for n in walk(s):
        if isinstance(n, cir.Assign) and isinstance(n.lhs, cir.Var):
            out.add(n.lhs.name)
        elif isinstance(n, cir.IncDec) and isinstance(n.arg, cir.Var):
            out.add(n.arg.name)
    return out


def _writes_memory(s: object) -> bool:
    for n in walk(s):
        if isinstance(n, cir.Assign) and not isinstance(n.lhs, cir.Var):
            return True
        if isinstance(n, cir.Call):
            return True
    return False


def _has_continue(s: object) -> bool:
    """A ``continue`` that targets the loop whose body is ``s``."""
    return _has_jump(s, cir.Continue)


def _has_loop_exit(s: object) -> bool:
    return _has_jump(s, cir.Continue) or _has_jump(s, cir.Break, through_switch=False)


def _has_jump(s: object, kind: type, through_switch: bool = True) -> bool:
    if isinstance(s, kind):
        return True
    if isinstance(s, cir.While | cir.DoWhile | cir.For):
        return False
    if isinstance(s, cir.Switch) and (kind is cir.Break or not through_switch):
        return False
    return any(_has_jump(c, kind, through_switch) for c in children(s))


def _diverges(body: list[cir.Stmt]) -> bool:
    if not body:
        return False
    last = body[-1]
    if isinstance(last, cir.Return | cir.Break | cir.Continue):
        return True
    if isinstance(last, cir.Block):
        return _diverges(list(last.stmts))
    if (
        isinstance(last, cir.ExprStmt)
        and isinstance(last.expr, cir.Call)
        and last.expr.func in ("exit", "abort")
    ):
        return True
    if isinstance(last, cir.If) and last.other is not None:
        return _diverges([last.then]) and _diverges([last.other])
    return False


def _ends_with_return(b: cir.Block) -> bool:
    return bool(b.stmts) and isinstance(b.stmts[-1], cir.Return)

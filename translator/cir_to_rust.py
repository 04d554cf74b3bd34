"""CIR + facts -> RIR (the Rust IR of ``rust_ir``) for one function.

The type-directed translation (paper-c2rust.md section 4), function by function:

* integers keep their width; arithmetic is ``wrapping_*``; comparisons are
  ``bool`` and become integers only where C uses them as values;
* a pointer is never a Rust value: every pointer-typed C variable is a *view*
  -- a place (``b``, ``state[0].buf``, a local array or box) plus a typed
  ``Offset`` (a symbolic part and a constant), bound once as a ``usize`` -- so
  ``p + k``, ``&a[i]`` and aliases index the base directly and are passed on as
  ``&place[off..]`` / ``&mut place[off..]``;
* a pointer parameter is ``&[T]`` or ``&mut [T]`` as the mutability facts say;
* ``malloc``/``calloc`` make owned boxes; structs holding pointers own them
  (``Box<[T]>`` fields); a local struct holding pointers is *symbolic*: its
  pointer fields stay views and its scalar fields become locals, so the
  KaRaMeL idiom ``s = *p; ...; *p = (S){...}`` reads and writes ``p[0]`` in
  place and storing a box moves it (later uses follow it to its new place).

The translation is deliberately naive (KaRaMeL's ``AstToMiniRust``): it never prints and
never tidies; ``rir_passes`` refines its output and ``print_rust`` writes it.

Guarantee: a function either translates completely or raises
``TranslateError`` with a coded diagnostic; the caller then emits a stub.
The output contains no ``unsafe``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from analyses.aliasing import ArgView
from analyses.aliasing import Offset as AliasOffset
from analyses.aliasing import Plan as AliasPlan
from analyses.aliasing import plan as plan_aliasing
from analyses.extents import Extents
from analyses.mutability import MutFacts
from analyses.walk import children, walk
from translator import cir
from translator import rust_ir as R
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
    wrap,
)
from translator.diagnostics import Span
from translator.libc_model import LIBC, LibcFn
from translator.print_rust import print_expr, print_type
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
    # a program (it defines main): exit()/abort() end the process with C's status
    # through the libc runtime instead of panicking
    program: bool = False
    # mutable scalar globals held in thread-local cells (``NAME.get()``/``NAME.set(v)``)
    cell_globals: set[str] = field(default_factory=set)
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


def rust_scalar(t: CType, span: Span) -> R.TName:
    if isinstance(t, IntT | FloatT):
        return R.TName(t.rust)
    if isinstance(t, BoolT):
        return R.TName("bool")
    raise TranslateError("C2S102", f"type {t} is not a scalar", span)


def rust_field_type(prog: Program, t: CType, span: Span) -> R.Type:
    if isinstance(t, PtrT):
        if isinstance(t.target, PtrT | VoidT):
            raise TranslateError("C2S102", f"pointer field of type {t}", span)
        return R.TBox(R.TSlice(rust_field_type(prog, t.target, span)))
    if isinstance(t, ArrayT):
        if t.size is None:
            raise TranslateError("C2S102", "flexible array member", span)
        return R.TArray(rust_field_type(prog, t.elem, span), t.size)
    if isinstance(t, StructT):
        return R.TName(t.name, "'_") if prog.is_borrowed(t) else R.TName(t.name)
    return rust_scalar(t, span)


def zero_value(prog: Program, t: CType, span: Span) -> R.Expr:
    if isinstance(t, IntT):
        return R.Int(0, t.rust)
    if isinstance(t, BoolT):
        return R.Bool(False)
    if isinstance(t, FloatT):
        return R.Float("0.0", t.rust)
    if isinstance(t, ArrayT):
        if t.size is None:
            raise TranslateError("C2S102", "array without size", span)
        return R.ArrayRepeat(zero_value(prog, t.elem, span), t.size)
    if isinstance(t, StructT):
        return R.Call(f"{t.name}::default")
    raise TranslateError("C2S102", f"no zero value for {t}", span)


def _zero_lit(t: CType) -> R.Expr:
    if isinstance(t, FloatT):
        return R.Float("0.0", t.rust)
    return R.Int(0, t.rust if isinstance(t, IntT) else "")


def _ty(t: CType) -> str | None:
    """The Rust scalar name of an integer type (what ``Binary.ty`` records)."""
    return t.rust if isinstance(t, IntT) else None


# ------------------------------------------------------------------ offsets


def usz(n: int) -> R.Int:
    return R.Int(n, "usize")


def lit_usize(e: R.Expr) -> int | None:
    return e.value if isinstance(e, R.Int) and e.ty == "usize" else None


@dataclass(frozen=True)
class Offset:
    """A view's offset ``sym + k``: ``sym`` a usize expression (None: 0), ``k`` a constant.
    Kept typed from the view to the aliasing planner (nothing re-reads printed offsets)."""

    sym: R.Expr | None = None
    k: int = 0

    @property
    def zero(self) -> bool:
        return self.sym is None and self.k == 0

    def expr(self) -> R.Expr:
        if self.sym is None:
            return usz(self.k)
        if self.k == 0:
            return self.sym
        op = "+" if self.k > 0 else "-"
        return R.Binary(op, self.sym, usz(abs(self.k)), "usize")

    def plus(self, e: R.Expr) -> Offset:
        n = lit_usize(e)
        if n is not None:
            return Offset(self.sym, self.k + n)
        if self.sym is None:
            return Offset(e, self.k)
        return Offset(R.Binary("+", self.sym, e, "usize"), self.k)

    def minus(self, other: Offset) -> R.Expr:
        """``self - other`` as a usize expression, folded when the symbolic parts agree."""
        if self.sym == other.sym:
            return usz(self.k - other.k)
        if other.zero:
            return self.expr()
        return R.Binary("-", self.expr(), other.expr(), "usize")

    def range(self, n: R.Expr) -> R.Range:
        """``off..off + n`` (``..n`` at offset 0)."""
        return R.Range(None if self.zero else self.expr(), self.plus(n).expr())


# ------------------------------------------------------------------ bindings


@dataclass
class Scalar:
    rust: R.Expr
    ty: CType


@dataclass
class View:
    """A pointer: ``place`` (a Rust place of slice/array/box type) plus an offset.

    ``single`` marks a view of one scalar or struct (``&x``): it is passed as
    ``std::slice::from_mut(&mut x)``.
    """

    place: R.Expr
    off: Offset
    elem: CType
    kind: str  # "param" | "array" | "box" | "field" | "single" | "global"


@dataclass
class Owned:
    """A local ``Box<[T]>`` made by malloc/calloc (until it is moved into a struct)."""

    rust: R.Expr
    elem: CType
    depth: int


@dataclass
class StructVal:
    """A plain (pointer-free) struct local: a Rust value."""

    rust: R.Expr
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
    """A translated expression and whether it is a Rust ``bool``."""

    ex: R.Expr
    is_bool: bool = False


_FROM_MUT = "std::slice::from_mut"


# ------------------------------------------------------------------ function emitter


class FunctionEmitter:
    def __init__(self, prog: Program, fn: cir.Function, module_funcs: set[str]) -> None:
        self.prog = prog
        self.fn = fn
        self.module_funcs = module_funcs
        self.stmts: list[R.Stmt] = []
        self.scopes: list[dict[str, Binding]] = []
        self.used_names: set[str] = set()
        self.taken: set[str] = set()
        self.c_only: set[str] = set()
        self.mut_locals = prog.facts.mut_locals.get(fn.name, frozenset())
        self.labels = 0
        self.targets: list[Target] = []
        self.notes: list[tuple[str, str, Span]] = []

    # ---- output helpers
    def out(self, s: R.Stmt) -> None:
        self.stmts.append(s)

    @contextmanager
    def collecting(self) -> Iterator[list[R.Stmt]]:
        """Statements emitted inside go to a fresh list (a nested block's body)."""
        saved = self.stmts
        self.stmts = []
        try:
            yield self.stmts
        finally:
            self.stmts = saved

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
    def param_rtype(self, p: cir.Param) -> R.Type:
        t = p.ty
        if isinstance(t, PtrT):
            tgt = t.target
            if isinstance(tgt, PtrT | VoidT | ArrayT):
                raise TranslateError("C2S103", f"parameter `{p.name}` of type {t}", p.span)
            inner = rust_field_type(self.prog, tgt, p.span)
            mut = p.name in self.prog.facts.mut_params.get(self.fn.name, frozenset())
            return R.TRef(mut, R.TSlice(inner))
        if isinstance(t, StructT):
            if self.prog.has_pointers(t):
                raise TranslateError(
                    "C2S104", f"struct holding pointers passed by value (`{p.name}`)", p.span
                )
            return R.TName(t.name)
        return rust_scalar(t, p.span)

    def param_type(self, p: cir.Param) -> str:
        """The printed parameter type (for callers outside the back half)."""
        return print_type(self.param_rtype(p))

    def params(self) -> tuple[R.Param, ...]:
        return tuple(R.Param(ident(p.name), self.param_rtype(p)) for p in self.fn.params)

    def public(self) -> bool:
        return not self.fn.static and self.fn.file.endswith(".c")

    def stub(self, message: str) -> R.Fn:
        """The function with a body that panics with ``message`` (signature must translate)."""
        fn = self.fn
        body = R.Block((R.ExprStmt(R.Panic(message)),))
        # a stub keeps its parameter names (a later fill writes the body against them)
        return R.Fn(
            ident(fn.c_name),
            self.params(),
            return_rtype(self.prog, fn),
            body,
            self.public(),
            fn.name,
            allow=(*self.allows(), "unused_variables"),
            source=R.SourcePos(fn.span.file, fn.span.line),
        )

    def allows(self) -> tuple[str, ...]:
        """Item-level lint exceptions: C signatures are kept as they are."""
        return ("clippy::too_many_arguments",) if len(self.fn.params) > 7 else ()

    def signature(self) -> str:
        """The printed signature (``[pub ]fn name(params)[ -> ret]``)."""
        fn = self.fn
        params = ", ".join(f"{p.name}: {print_type(p.ty)}" for p in self.params())
        ret = return_type(self.prog, fn)
        vis = "pub " if self.public() else ""
        return f"{vis}fn {ident(fn.c_name)}({params}){' -> ' + ret if ret else ''}"

    # ---- entry point
    def emit(self) -> R.Fn:
        fn = self.fn
        assert fn.body is not None
        params = self.params()
        ret = return_rtype(self.prog, fn)
        for p in fn.params:
            self.taken.add(p.name)
        for n in walk(fn.body):
            if isinstance(n, cir.Decl):
                self.c_only.add(n.name)
        self.scopes = [{}]
        for p in fn.params:
            if isinstance(p.ty, PtrT):
                self.bind(p.name, View(R.Path(ident(p.name)), Offset(), p.ty.target, "param"))
            elif isinstance(p.ty, StructT):
                self.bind(p.name, StructVal(R.Path(ident(p.name)), p.ty))
            else:
                self.bind(p.name, Scalar(R.Path(ident(p.name)), p.ty))
        # a mutable by-value parameter needs a mutable rebinding
        for p in fn.params:
            if not isinstance(p.ty, PtrT) and p.name in self.mut_locals:
                self.out(R.Let((ident(p.name),), True, None, R.Path(ident(p.name))))
        # a slice is re-cut to its exact length when every access is below n and
        # element n-1 is accessed on every path (may == must): rustc can then drop
        # bounds checks, and the cut fails only where the C would read out of bounds
        must = self.prog.extents.must.get(fn.name, {})
        may = self.prog.extents.may.get(fn.name, {})
        for p in fn.params:
            n = must.get(p.name, 0)
            if isinstance(p.ty, PtrT) and n > 1 and may.get(p.name) == n:
                mut = p.name in self.prog.facts.mut_params.get(fn.name, frozenset())
                cut = R.Index(R.Path(ident(p.name)), R.Range(None, usz(n)))
                self.out(R.Let((ident(p.name),), False, None, R.Ref(mut, cut)))
        self.block_body(fn.body.stmts)
        if not isinstance(fn.ret, VoidT) and not _ends_with_return(fn.body):
            self.out(R.Unreachable("c2safe: control reached the end of a non-void function"))
        return R.Fn(
            ident(fn.c_name),
            params,
            ret,
            R.Block(tuple(self.stmts)),
            self.public(),
            fn.name,
            inline=fn.inline,
            allow=self.allows(),
            source=R.SourcePos(fn.span.file, fn.span.line),
        )

    # ---- statements
    def block_body(self, stmts: tuple[cir.Stmt, ...]) -> None:
        for s in stmts:
            self.stmt(s)

    def sub_block(self, s: cir.Stmt) -> R.Block:
        with self.collecting() as body:
            self.sub_stmt(s)
        return R.Block(tuple(body))

    def stmt(self, s: cir.Stmt) -> None:
        if not isinstance(s, cir.Block) and s.span.line > 0:
            self.out(R.SourcePos(s.span.file, s.span.line))
        match s:
            case cir.Block(stmts=stmts):
                with self.collecting() as body, self.scope():
                    self.block_body(stmts)
                self.out(R.BlockStmt(R.Block(tuple(body))))
            case cir.Decl():
                self.decl(s)
            case cir.ExprStmt(expr=e):
                self.expr_stmt(e)
            case cir.If(cond=c, then=t, other=o):
                cond = self.cond(c)
                then = self.sub_block(t)
                other: R.Block | R.If | None = None
                if isinstance(o, cir.If):
                    with self.collecting() as rest:
                        self.stmt(o)
                    tail = [x for x in rest if not isinstance(x, R.SourcePos)]
                    if len(tail) == 1 and isinstance(tail[0], R.If):
                        other = tail[0]
                    else:
                        other = R.Block(tuple(rest))
                elif o is not None:
                    other = self.sub_block(o)
                self.out(R.If(cond, then, other))
            case cir.While(cond=c, body=b):
                self.loop_stmt(c, b, None, pre_check=True)
            case cir.DoWhile(body=b, cond=c):
                if fold(c) == 0 and not _has_loop_exit(b):
                    inner = b.stmts if isinstance(b, cir.Block) else (b,)
                    if any(isinstance(x, cir.Decl) for x in inner):
                        self.out(R.BlockStmt(self.sub_block(b)))
                    else:
                        self.block_body(inner)
                else:
                    self.loop_stmt(c, b, None, pre_check=False)
            case cir.For():
                self.for_stmt(s)
            case cir.Return(value=v):
                self.out(R.Return(None if v is None else self.return_value(v)))
            case cir.Break(span=sp):
                self.out(self.jump("break", sp))
            case cir.Continue(span=sp):
                self.out(self.jump("continue", sp))
            case cir.Switch():
                self.switch(s)
            case cir.LabeledBlock():
                self.labeled_block(s)
            case cir.Jump(label=lbl, kind=kind):
                self.out(R.Break(f"'g_{lbl}") if kind == "break" else R.Continue(f"'g_{lbl}"))
            case cir.Unsupported(code=code, message=msg, span=sp):
                raise TranslateError(code, msg, sp)

    def sub_stmt(self, s: cir.Stmt) -> None:
        with self.scope():
            if isinstance(s, cir.Block):
                self.block_body(s.stmts)
            else:
                self.stmt(s)

    def return_value(self, v: cir.Expr) -> R.Expr:
        rt = self.fn.ret
        if isinstance(rt, PtrT):
            b = self.pointer_binding(v)
            if isinstance(b, Owned):
                return b.rust
            raise TranslateError(
                "C2S103", "returning a pointer that is not a fresh allocation", v.span
            )
        return self.value(v).ex

    # ---- loops and jumps
    def jump(self, kind: str, span: Span) -> R.Break | R.Continue:
        mk = R.Break if kind == "break" else R.Continue
        # find the innermost target for this jump
        for i in range(len(self.targets) - 1, -1, -1):
            t = self.targets[i]
            if t.kind == "block" or (kind == "continue" and t.kind == "switch"):
                continue
            if t.kind == "switch":
                t.used = True
                return R.Break(t.label)
            if kind == "continue" and t.cont is not None:
                t.cont.used = True  # leaving the continue-block runs the step
                return R.Break(t.cont.label)
            # a labeled block or switch between the jump and its loop needs the loop's label
            if any(x.kind in ("switch", "block") for x in self.targets[i + 1 :]):
                t.used = True
                return mk(t.label)
            return mk()
        raise TranslateError("C2S101", f"`{kind}` outside of a loop", span)

    def labeled_block(self, s: cir.LabeledBlock) -> None:
        """``goto`` regions (``goto_structure``): ``'g_L: { .. }`` or ``'g_L: loop { ..;
        break 'g_L; }``; transparent to C's break/continue (kind "block")."""
        label = f"'g_{s.label}"
        self.targets.append(Target("block", label))
        try:
            body = self.sub_block(s.body)
        finally:
            self.targets.pop()
        if s.loop:
            self.out(R.Loop(R.Block((*body.stmts, R.Break(label))), label))
        else:
            self.out(R.BlockStmt(R.Block(body.stmts, label=label)))

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
        with self.collecting() as stmts:
            if pre_check and cond is not None:
                self.out(R.If(R.Unary("!", self.cond(cond)), R.Block((R.Break(),))))
            self.targets.append(target)
            if cont_target is not None:
                self.targets.append(cont_target)
                inner = self.sub_block(body)
                self.targets.pop()
                self.out(R.BlockStmt(R.Block(inner.stmts, label=cont_target.label)))
            else:
                self.stmts.extend(self.sub_block(body).stmts)
            self.targets.pop()
            if step is not None:
                self.expr_stmt(step)
            if not pre_check and cond is not None:
                self.out(R.If(R.Unary("!", self.cond(cond)), R.Block((R.Break(),))))
        self.out(R.Loop(R.Block(tuple(stmts)), label if target.used else None))

    def for_stmt(self, s: cir.For) -> None:
        rng = self.range_for(s)
        with self.scope():
            if rng is not None:
                var, lo, hi, step = rng
                name = self.fresh(var.name, generated=False)
                self.bind(var.name, Scalar(R.Path(name), var.ty))
                label = self.new_label("l")
                target = Target("loop", label)
                r: R.Expr = R.Range(lo, hi)
                if step != 1:
                    r = R.MethodCall(r, "step_by", (R.Int(step, ""),))
                self.targets.append(target)
                body = self.sub_block(s.body)
                self.targets.pop()
                self.out(R.For(name, r, body, label if target.used else None))
                return
            with self.collecting() as stmts:
                for st in s.init:
                    self.stmt(st)
                self.loop_stmt(s.cond, s.body, s.step, pre_check=True)
            self.out(R.BlockStmt(R.Block(tuple(stmts))))

    def range_for(self, s: cir.For) -> tuple[cir.Decl, R.Expr, R.Expr, int] | None:
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
        return d, self.value(d.init).ex, self.value(c.right).ex, step

    def switch(self, s: cir.Switch) -> None:
        label = self.new_label("s")
        target = Target("switch", label)
        scrut = self.value(s.expr).ex
        self.targets.append(target)
        has_default = False
        arms: list[R.Arm] = []
        for i, case in enumerate(s.cases):
            body = list(case.body)
            if body and isinstance(body[-1], cir.Break):
                body.pop()
            elif i + 1 < len(s.cases) and not _diverges(body):
                raise TranslateError(
                    "C2S106", "switch case falls through to the next case", case.span
                )
            pats: tuple[R.Expr, ...] = tuple(R.Int(v, "") for v in case.values)
            if not case.values:
                has_default = True
            with self.collecting() as stmts, self.scope():
                self.block_body(tuple(body))
            arms.append(R.Arm(pats, R.Block(tuple(stmts))))
        if not has_default:
            arms.append(R.Arm((), R.Block(())))
        self.targets.pop()
        m = R.Match(scrut, tuple(arms))
        if target.used:
            self.out(R.BlockStmt(R.Block((m,), label=label)))
        else:
            self.out(m)

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
        mut = name in self.mut_locals
        if isinstance(t, ArrayT) and d.vla_len is not None:  # a variable-length array
            elem = rust_field_type(self.prog, t.elem, d.span)
            zero = zero_value(self.prog, t.elem, d.span)
            n = self.value(d.vla_len).ex
            self.out(R.Let((rname,), mut, R.TVec(elem), R.VecRepeat(zero, n, boxed=False)))
            self.bind(name, View(R.Path(rname), Offset(), t.elem, "array"))
            return
        if isinstance(t, ArrayT):
            init = self.array_init(t, d.init, d.span)
            self.out(R.Let((rname,), mut, rust_field_type(self.prog, t, d.span), init))
            self.bind(name, View(R.Path(rname), Offset(), t.elem, "array"))
            return
        if isinstance(t, StructT):
            sinit = (
                self.struct_value(t, d.init)
                if d.init is not None
                else zero_value(self.prog, t, d.span)
            )
            self.out(R.Let((rname,), mut, R.TName(t.name), sinit))
            self.bind(name, StructVal(R.Path(rname), t))
            return
        rty = rust_scalar(t, d.span)
        if d.init is None:
            self.out(R.Let((rname,), True, rty, zero_value(self.prog, t, d.span)))
        else:
            self.out(R.Let((rname,), mut, rty, self.value(d.init).ex))
        self.bind(name, Scalar(R.Path(rname), t))

    def array_init(self, t: ArrayT, init: cir.Expr | None, span: Span) -> R.Expr:
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
        return R.ArrayLit(tuple(items))

    def init_item(self, t: CType, e: cir.Expr) -> R.Expr:
        if isinstance(t, ArrayT):
            return self.array_init(t, e, e.span)
        if isinstance(t, StructT):
            return self.struct_value(t, e)
        return self.value(e).ex

    def struct_value(self, t: StructT, e: cir.Expr) -> R.Expr:
        if isinstance(e, cir.InitList):
            sdef = self.prog.structs[t.name]
            given = dict(zip(e.fields, e.items, strict=True))
            parts: list[tuple[str, R.Expr]] = []
            for fname, fty in sdef.fields:
                if fname in given and isinstance(fty, PtrT):
                    # a borrowed struct's slice field borrows the view it is given
                    mut = self.prog.field_is_mut(t.name, fname)
                    parts.append((ident(fname), self.slice_arg(given[fname], mut)))
                elif fname in given:
                    parts.append((ident(fname), self.init_item(fty, given[fname])))
                elif isinstance(fty, PtrT):
                    raise TranslateError("C2S104", f"pointer field `{fname}` left unset", e.span)
                else:
                    parts.append((ident(fname), zero_value(self.prog, fty, e.span)))
            return R.StructLit(t.name, tuple(parts))
        return self.value(e).ex

    # ---- pointers
    def bind_pointer(self, name: str, t: PtrT, init: cir.Expr) -> None:
        alloc = _allocation(init)
        if alloc is not None:
            rname = self.fresh(name, generated=False)
            ty = R.TBox(R.TSlice(rust_field_type(self.prog, t.target, init.span)))
            self.out(R.Let((rname,), True, ty, self.allocation(t.target, alloc)))
            self.bind(name, Owned(R.Path(rname), t.target, len(self.scopes) - 1))
            return
        call = _strip_casts(init)
        if isinstance(call, cir.Call) and call.func in self.prog.functions:
            # a function returning a pointer returns a fresh box (see ``return_type``)
            rname = self.fresh(name, generated=False)
            ty = R.TBox(R.TSlice(rust_field_type(self.prog, t.target, init.span)))
            self.out(R.Let((rname,), True, ty, self.call(call).ex))
            self.bind(name, Owned(R.Path(rname), t.target, len(self.scopes) - 1))
            return
        b = self.pointer_binding(init)
        if isinstance(b, View) and b.off.sym is not None:
            off = self.fresh(f"{name}_off")
            self.out(R.Let((off,), False, R.TName("usize"), b.off.expr()))
            b = View(b.place, Offset(R.Path(off)), b.elem, b.kind)
        self.bind(name, b)

    def allocation(self, elem: CType, call: cir.Call) -> R.Expr:
        if call.func == "calloc":
            n = self.usize(call.args[0])
            return R.VecRepeat(zero_value(self.prog, elem, call.span), n)
        # malloc(n * sizeof(T))
        count = self.elem_count(call.args[0], elem, call.span)
        if isinstance(elem, StructT) and lit_usize(count) == 1:
            return R.VecList((R.Call(f"{elem.name}::default"),))
        return R.VecRepeat(zero_value(self.prog, elem, call.span), count)

    def elem_count(self, size: cir.Expr, elem: CType, span: Span) -> R.Expr:
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
            return usz(v // esz)
        if isinstance(s, cir.Binary) and s.op == "*":
            for a, b in ((s.left, s.right), (s.right, s.left)):
                if fold(b) == esz:
                    return self.usize(a)
                fb = fold(b)
                if fb is not None and fb % esz == 0:
                    return R.MethodCall(self.usize(a), "wrapping_mul", (R.Int(fb // esz, ""),))
        if esz == 1:
            return self.usize(size)
        raise TranslateError("C2S103", "byte count is not `n * sizeof(element)`", span)

    def usize_e(self, e: cir.Expr) -> E:
        v = self.value(e)
        if e.ty == USIZE:
            return v
        f = fold(e)
        if f is not None and f >= 0:
            return E(usz(f))
        return E(R.Cast(v.ex, R.TName("usize")))

    def usize(self, e: cir.Expr) -> R.Expr:
        return self.usize_e(e).ex

    def pointer_binding(self, e: cir.Expr) -> Binding:
        """The binding a pointer-valued expression denotes (never emits a Rust value)."""
        match e:
            case cir.Var(name=name):
                if e.kind == "global":
                    g = self.prog.globals[name]
                    if isinstance(g.ty, ArrayT):
                        return View(R.Path(ident(name)), Offset(), g.ty.elem, "global")
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
                    delta = self.usize(o)
                    n = lit_usize(delta)
                    if b.off.zero or (n is not None and b.off.sym is None and b.off.k < n):
                        raise TranslateError("C2S103", "pointer moved before its base", e.span)
                    if n is not None:
                        return View(b.place, Offset(b.off.sym, b.off.k - n), b.elem, b.kind)
                    moved = R.Binary("-", b.off.expr(), delta, "usize")
                    return View(b.place, Offset(moved), b.elem, b.kind)
                return View(b.place, b.off.plus(self.usize(o)), b.elem, b.kind)
            case cir.Member(base=base, field=f):
                return self.member_binding(base, f, e.arrow, e.span)
            case cir.AddrOf(arg=a):
                return self.addr_of(a)
            case cir.Index() | cir.Deref():
                place = self.place(e)
                return View(R.Call(_FROM_MUT, (R.Ref(True, place),)), Offset(), e.ty, "single")
            case _:
                raise TranslateError(
                    "C2S103", f"unsupported pointer expression ({type(e).__name__})", e.span
                )

    def addr_of(self, a: cir.Expr) -> Binding:
        if isinstance(a, cir.Var):
            b = self.lookup(a.name, a.span)
            if isinstance(b, Scalar | StructVal):
                return View(b.rust, Offset(), a.ty, "single")
            if isinstance(b, View) and b.kind == "array":
                return b
        if isinstance(a, cir.Deref):
            return self.pointer_binding(a.arg)
        if isinstance(a, cir.Member):
            if isinstance(a.ty, ArrayT):
                return self.member_binding(a.base, a.field, a.arrow, a.span)
            return View(self.place(a), Offset(), a.ty, "single")
        raise TranslateError("C2S103", "address of an unsupported lvalue", a.span)

    def view_of(self, b: Binding, span: Span) -> View:
        if isinstance(b, View):
            return b
        if isinstance(b, Owned):
            return View(b.rust, Offset(), b.elem, "box")
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
        fplace = R.Field(place, ident(f))
        if isinstance(ft, PtrT):
            return View(fplace, Offset(), ft.target, "field")
        if isinstance(ft, ArrayT):
            return View(fplace, Offset(), ft.elem, "field")
        if isinstance(ft, StructT) and self.prog.is_owned(ft):
            return self.sym_from_place(ft, fplace, f)
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

    def struct_place(self, base: cir.Expr, arrow: bool, span: Span) -> R.Expr:
        if arrow:
            v = self.view_of(self.pointer_binding(base), span)
            return R.Index(v.place, v.off.expr())
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
        self.out(R.Let((name,), True, rust_field_type(self.prog, fty, span), val))
        return Scalar(R.Path(name), fty)

    def copy_sym(self, s: SymStruct, hint: str) -> SymStruct:
        fields: dict[str, Binding] = {}
        for f, b in s.fields.items():
            if isinstance(b, Scalar):
                name = self.fresh(f"{hint}_{f}")
                ty = rust_field_type(self.prog, b.ty, Span("", 0))
                self.out(R.Let((name,), True, ty, b.rust))
                fields[f] = Scalar(R.Path(name), b.ty)
            elif isinstance(b, SymStruct):
                fields[f] = self.copy_sym(b, f"{hint}_{f}")
            else:
                fields[f] = b
        return SymStruct(s.ty, fields)

    def sym_from_place(self, t: StructT, place: R.Expr, hint: str) -> SymStruct:
        fields: dict[str, Binding] = {}
        for fname, fty in self.prog.structs[t.name].fields:
            fplace = R.Field(place, ident(fname))
            if isinstance(fty, PtrT):
                fields[fname] = View(fplace, Offset(), fty.target, "field")
            elif isinstance(fty, StructT) and self.prog.has_pointers(fty):
                fields[fname] = self.sym_from_place(fty, fplace, f"{hint}_{fname}")
            elif isinstance(fty, ArrayT):
                fields[fname] = View(fplace, Offset(), fty.elem, "field")
            else:
                name = self.fresh(f"{hint}_{fname}")
                ty = rust_field_type(self.prog, fty, Span("", 0))
                self.out(R.Let((name,), True, ty, fplace))
                fields[fname] = Scalar(R.Path(name), fty)
        return SymStruct(t, fields)

    def store_sym(self, place: R.Expr, s: SymStruct, span: Span) -> None:
        """Write a symbolic struct into ``place`` field by field; boxes are moved."""
        for fname, b in s.fields.items():
            fplace = R.Field(place, ident(fname))
            if isinstance(b, VarRef):
                target = self.lookup(b.name, span)
                if isinstance(target, Owned):
                    if (
                        self.binding_depth(b.name) != len(self.scopes) - 1
                        and target.depth != len(self.scopes) - 1
                    ):
                        raise TranslateError("C2S104", f"box `{b.name}` moved conditionally", span)
                    self.out(R.Assign(fplace, target.rust))
                    self.rebind(b.name, View(fplace, Offset(), target.elem, "field"))
                    continue
                b = target
            if isinstance(b, View):
                if b.place == fplace and b.off.zero:
                    continue  # writing a pointer field back to itself
                raise TranslateError(
                    "C2S104", f"storing a borrowed pointer into owned field `{fname}`", span
                )
            if isinstance(b, Owned):
                self.out(R.Assign(fplace, b.rust))
                continue
            if isinstance(b, Scalar):
                if b.rust != fplace:
                    self.out(R.Assign(fplace, b.rust))
                continue
            if isinstance(b, SymStruct):
                self.store_sym(fplace, b, span)
                continue
            raise TranslateError("C2S104", f"cannot store field `{fname}`", span)

    # ---- places and values
    def place(self, e: cir.Expr) -> R.Expr:
        """A Rust place expression for a C lvalue of scalar or struct type."""
        match e:
            case cir.Var(name=name, kind=kind):
                if kind == "global":
                    return R.Path(ident(name))
                b = self.lookup(name, e.span)
                if isinstance(b, Scalar | StructVal):
                    return b.rust
                raise TranslateError("C2S103", f"`{name}` is not a scalar place", e.span)
            case cir.Index(base=base, index=idx):
                v = self.view_of(self.pointer_binding(base), e.span)
                return R.Index(v.place, v.off.plus(self.usize(idx)).expr())
            case cir.Deref(arg=a):
                v = self.view_of(self.pointer_binding(a), e.span)
                return R.Index(v.place, v.off.expr())
            case cir.Member(base=base, field=f, arrow=arrow):
                sym = self.sym_of(base, arrow)
                if sym is not None:
                    fb = sym.fields.get(f)
                    if isinstance(fb, Scalar):
                        return fb.rust
                    raise TranslateError("C2S104", f"field `{f}` is not a scalar", e.span)
                return R.Field(self.struct_place(base, arrow, e.span), ident(f))
            case cir.Cast(arg=a) if a.ty == e.ty:
                return self.place(a)
            case _:
                raise TranslateError("C2S101", f"unsupported lvalue ({type(e).__name__})", e.span)

    def cond(self, e: cir.Expr) -> R.Expr:
        v = self.value(e, want_bool=True)
        if v.is_bool:
            return v.ex
        if isinstance(e.ty, PtrT):
            raise TranslateError("C2S103", "pointer used as a condition", e.span)
        return R.Binary("!=", v.ex, _zero_lit(e.ty), _ty(e.ty))

    def value(self, e: cir.Expr, want_bool: bool = False) -> E:
        """Translate ``e`` as a Rust value of its C type (bools only if ``want_bool``)."""
        v = self.expr(e)
        if isinstance(e.ty, BoolT):
            v = E(v.ex, True)
        if v.is_bool and not want_bool and isinstance(e.ty, IntT):
            return E(R.Cast(v.ex, R.TName(e.ty.rust)))
        return v

    def expr(self, e: cir.Expr) -> E:
        match e:
            case cir.IntLit(value=v, ty=t, hex=h):
                assert isinstance(t, IntT)
                return E(R.Int(v, t.rust, h))
            case cir.FloatLit(text=text, ty=t):
                return E(R.Float(text, rust_scalar(t, e.span).name))
            case cir.StrLit():
                raise TranslateError("C2S101", "string literals are not supported", e.span)
            case cir.Var(name=name, kind=kind):
                if kind == "global" and name in self.prog.cell_globals:
                    return E(R.MethodCall(R.Path(ident(name)), "get", ()))
                if kind == "global":
                    g = self.prog.globals[name]
                    if isinstance(g.ty, ArrayT):
                        raise TranslateError("C2S103", f"array `{name}` used as a value", e.span)
                    return E(R.Path(ident(name)))
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
                        return E(R.Unary("!", av.ex), True)
                    return E(R.Binary("==", av.ex, _zero_lit(a.ty), _ty(a.ty)), True)
                av = self.value(a)
                if op == "~":
                    return E(R.Unary("!", av.ex))
                if op == "-":
                    if isinstance(t, FloatT):
                        return E(R.Unary("-", av.ex))
                    return E(R.MethodCall(av.ex, "wrapping_neg", (), _ty(t)))
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
                then, other = R.Block((), self.value(a).ex), R.Block((), self.value(b).ex)
                return E(R.IfExpr(self.cond(c), then, other))
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
            f0 = fold(a) if isinstance(a.ty, IntT) else None
            if f0 is not None:
                return E(R.Bool(f0 != 0), True)
            v = self.value(a, want_bool=True)
            if v.is_bool:
                return v
            return E(R.Binary("!=", v.ex, _zero_lit(a.ty), _ty(a.ty)), True)
        if isinstance(t, PtrT):
            raise TranslateError("C2S103", "pointer cast used as a value", span)
        rt = rust_scalar(t, span)
        f = fold(a) if isinstance(a.ty, IntT) else None
        if f is not None and isinstance(t, IntT):
            return E(R.Int(wrap(f, t), rt.name))
        v = self.expr(a)
        if a.ty == t and not v.is_bool:
            return v
        return E(R.Cast(v.ex, rt))

    def binary(self, e: cir.Binary) -> E:
        op = e.op
        if op in ("&&", "||"):
            return E(R.Binary(op, self.cond(e.left), self.cond(e.right)), True)
        if op in ("==", "!=", "<", ">", "<=", ">="):
            if is_pointer_like(e.left.ty) or is_pointer_like(e.right.ty):
                return self.null_compare(e)
            lv, rv = self.value(e.left), self.value(e.right)
            return E(R.Binary(op, lv.ex, rv.ex, _ty(e.left.ty)), True)
        lv, rv = self.value(e.left), self.value(e.right)
        t = e.ty
        if isinstance(t, FloatT):
            return E(R.Binary(op, lv.ex, rv.ex))
        assert isinstance(t, IntT), t
        if op in ("&", "|", "^"):
            return E(R.Binary(op, lv.ex, rv.ex, t.rust))
        if op in ("<<", ">>"):
            amount = fold(e.right)
            if amount is not None and 0 <= amount < t.bits:
                return E(R.Binary(op, lv.ex, R.Int(amount, ""), t.rust))
            meth = "wrapping_shl" if op == "<<" else "wrapping_shr"
            ramt = rv.ex if e.right.ty == U32 else R.Cast(rv.ex, R.TName("u32"))
            return E(R.MethodCall(lv.ex, meth, (ramt,), t.rust))
        arith = {"+": "wrapping_add", "-": "wrapping_sub", "*": "wrapping_mul"}.get(op)
        if arith:
            return E(R.MethodCall(lv.ex, arith, (rv.ex,), t.rust))
        if op in ("/", "%"):
            if t.signed:
                m = "wrapping_div" if op == "/" else "wrapping_rem"
                return E(R.MethodCall(lv.ex, m, (rv.ex,), t.rust))
            return E(R.Binary(op, lv.ex, rv.ex, t.rust))
        raise TranslateError("C2S101", f"operator {op}", e.span)

    def null_compare(self, e: cir.Binary) -> E:
        sides = (e.left, e.right)
        if any(_is_null(s) for s in sides):
            self.notes.append(
                ("C2S201", "comparison with NULL erased (pointers are never null)", e.span)
            )
            return E(R.Bool(e.op != "=="), True)
        raise TranslateError("C2S103", "pointer comparison", e.span)

    # ---- calls
    def call(self, c: cir.Call) -> E:
        name = c.func
        if name in RUNTIME_FUNCS:
            rargs: list[R.Expr] = []
            for i, a in enumerate(c.args):
                if i == 0:
                    rargs.append(self.slice_arg(a, name.startswith("store")))
                else:
                    rargs.append(self.value(a).ex)
            return E(R.Call(f"crate::krml::{name}", tuple(rargs)))
        if name in ("exit", "abort"):
            arg = (self.value(c.args[0]).ex,) if c.args else ()
            runtime = "c2safe_libc" if self.prog.program else "krml"
            return E(R.Call(f"crate::{runtime}::{name}", arg))
        if name in ("malloc", "calloc", "free", "memcpy", "memset", "memmove"):
            raise TranslateError("C2S103", f"`{name}` in an unsupported position", c.span)
        callee = self.prog.functions.get(name)
        if callee is None:
            raise TranslateError("C2S105", f"call to `{name}`, which has no definition", c.span)
        if callee.body is None and name not in self.prog.stubbed:
            if name in LIBC:
                return libc_call(self, c, LIBC[name])
            raise TranslateError(
                "C2S105", f"call to `{name}`, which is declared but never defined", c.span
            )
        if len(c.args) > len(callee.params):
            raise TranslateError("C2S101", f"variadic call to `{name}`", c.span)
        args: list[R.Expr] = []
        views: dict[int, tuple[View, bool]] = {}
        for i, a in enumerate(c.args):
            p = callee.params[i]
            if isinstance(p.ty, PtrT):
                mut = p.name in self.prog.facts.mut_params.get(name, frozenset())
                views[i] = (self.view_of(self.pointer_binding(a), a.span), mut)
                args.append(self.slice_arg(a, mut))
            else:
                args.append(self.value(a).ex)
        fname = ident(callee.c_name)
        # the planner groups by place; the printed place is only a key and a message
        places = {print_expr(v.place): v.place for v, _ in views.values()}
        arg_views = [
            ArgView(i, print_expr(v.place), AliasOffset(v.off.sym, v.off.k), mut)
            for i, (v, mut) in views.items()
        ]
        pl = plan_aliasing(arg_views)
        if pl.trivial:
            return E(R.Call(fname, tuple(args)))
        if pl.error is not None:
            raise TranslateError(
                "C2S203", f"cannot repair aliasing in call to `{name}`: {pl.error}", c.span
            )
        return E(self.repaired_call(fname, c, args, views, pl, places))

    def repaired_call(
        self,
        fname: str,
        c: cir.Call,
        args: list[R.Expr],
        views: dict[int, tuple[View, bool]],
        pl: AliasPlan,
        places: dict[str, R.Expr],
    ) -> R.Expr:
        """A block that copies and splits the aliased arguments, then calls."""
        stmts: list[R.Stmt] = []
        # scalar arguments may read the buffers about to be borrowed: evaluate them first
        for i, a in enumerate(c.args):
            if i not in views and fold(a) is None and not isinstance(a, cir.Var):
                tmp = self.fresh(f"arg{i}")
                stmts.append(R.Let((tmp,), False, None, args[i]))
                args[i] = R.Path(tmp)
        callee = self.prog.functions[c.func]
        may = self.prog.extents.may.get(c.func, {})
        # one copy per aliased view, as long as the longest reader needs
        groups: dict[tuple[R.Expr, Offset], list[int]] = {}
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
                zero = R.ArrayRepeat(R.Int(0, v.elem.rust), n)
                stmts.append(R.Let((tmp,), True, R.TArray(elem, n), zero))
                src = R.Ref(False, R.Index(place, off.range(usz(n))))
                stmts.append(R.ExprStmt(R.MethodCall(R.Path(tmp), "copy_from_slice", (src,))))
            else:
                whole = place if off.zero else R.Index(place, R.Range(off.expr(), None))
                stmts.append(R.Let((tmp,), False, R.TVec(elem), R.MethodCall(whole, "to_vec")))
            for i in readers:
                args[i] = R.Ref(False, R.Path(tmp))
            self.notes.append(
                (
                    "C2S203",
                    f"copied `{print_expr(place)}` for argument(s) "
                    f"{', '.join(str(i + 1) for i in readers)} of `{c.func}`: "
                    "it aliases a written argument",
                    c.span,
                )
            )
        for key, pieces in pl.splits.items():
            if key in pl.assumed:
                self.notes.append(
                    (
                        "C2S204",
                        f"offsets into `{key}` could not be compared; source order assumed",
                        c.span,
                    )
                )
            place = places[str(key)]
            offs = [views[piece[0]][0].off for piece in pieces]
            cur: R.Expr = place
            base = Offset()
            stem = _place_stem(place)
            for k, piece in enumerate(pieces):
                if k + 1 < len(pieces):
                    left, right = self.fresh(f"{stem}_{k}"), self.fresh(f"{stem}_rest{k}")
                    cut = offs[k + 1].minus(base)
                    split = R.MethodCall(cur, "split_at_mut", (cut,))
                    stmts.append(R.Let((left, right), False, None, split))
                    region: R.Expr = R.Path(left)
                    nxt: R.Expr = R.Path(right)
                else:
                    region, nxt = cur, cur
                start = offs[k].minus(base)
                for i in piece:
                    mut = views[i][1]
                    lo = None if lit_usize(start) == 0 else start
                    args[i] = R.Ref(mut, R.Index(region, R.Range(lo, None)))
                cur = nxt
                base = offs[k + 1] if k + 1 < len(pieces) else base
        return R.BlockExpr(R.Block(tuple(stmts), R.Call(fname, tuple(args))))

    def slice_arg(self, a: cir.Expr, mut: bool) -> R.Expr:
        b = self.pointer_binding(a)
        v = self.view_of(b, a.span)
        if v.kind == "single":
            p = v.place
            if isinstance(p, R.Call) and p.func == _FROM_MUT:
                if mut:
                    return p
                inner = p.args[0]
                assert isinstance(inner, R.Ref)
                return R.Call("std::slice::from_ref", (R.Ref(False, inner.arg),))
            fn = "from_mut" if mut else "from_ref"
            return R.Call(f"std::slice::{fn}", (R.Ref(mut, p),))
        if v.off.zero:
            if v.kind == "param":
                return v.place
            return R.Ref(mut, v.place)
        return R.Ref(mut, R.Index(v.place, R.Range(v.off.expr(), None)))

    # ---- expression statements
    def expr_stmt(self, e: cir.Expr) -> None:
        match e:
            case cir.Assign():
                self.assign(e)
            case cir.IncDec(arg=a, delta=d) if (
                isinstance(a, cir.Var) and a.kind == "global" and a.name in self.prog.cell_globals
            ):
                meth = "wrapping_add" if d > 0 else "wrapping_sub"
                cur = R.MethodCall(R.Path(ident(a.name)), "get", ())
                one = R.MethodCall(cur, meth, (R.Int(1, ""),), _ty(a.ty))
                self.out(R.ExprStmt(R.MethodCall(R.Path(ident(a.name)), "set", (one,))))
            case cir.IncDec(arg=a, delta=d):
                place = self.place(a)
                meth = "wrapping_add" if d > 0 else "wrapping_sub"
                one = R.MethodCall(place, meth, (R.Int(1, ""),), _ty(a.ty))
                self.out(R.Assign(place, one))
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
                    self.out(R.ExprStmt(self.call(e).ex))
            case cir.Var() | cir.IntLit():
                return
            case _:
                self.out(R.Let(("_",), False, None, self.value(e).ex))

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
        if isinstance(lhs, cir.Var) and lhs.kind == "global" and lhs.name in self.prog.cell_globals:
            if a.op:
                bin_ = cir.Binary(a.op, cir.Cast(lhs, a.ty, a.span), a.rhs, a.ty, a.span)
                val = self.expr(bin_).ex
                if lhs.ty != a.ty:
                    val = R.Cast(val, rust_scalar(lhs.ty, a.span))
            else:
                val = self.value(a.rhs).ex
            self.out(R.ExprStmt(R.MethodCall(R.Path(ident(lhs.name)), "set", (val,))))
            return
        place = self.place(lhs)
        if not a.op:
            if isinstance(lhs.ty, StructT):
                self.out(R.Assign(place, self.struct_value(lhs.ty, a.rhs)))
            else:
                self.out(R.Assign(place, self.value(a.rhs).ex))
            return
        # compound: place = ((place as T) op rhs) as lhs type
        # (lvalues have no side effects here: ++/-- and assignments inside them are refused)
        cur = cir.Cast(lhs, a.ty, a.span)
        bin_ = cir.Binary(a.op, cur, a.rhs, a.ty, a.span)
        val = self.expr(bin_).ex
        if lhs.ty != a.ty:
            val = R.Cast(val, rust_scalar(lhs.ty, a.span))
        self.out(R.Assign(place, val))

    def struct_lhs_place(self, lhs: cir.Expr) -> R.Expr:
        if isinstance(lhs, cir.Index | cir.Deref):
            base = lhs.base if isinstance(lhs, cir.Index) else lhs.arg
            v = self.view_of(self.pointer_binding(base), lhs.span)
            if isinstance(lhs, cir.Index):
                return R.Index(v.place, v.off.plus(self.usize(lhs.index)).expr())
            return R.Index(v.place, v.off.expr())
        if isinstance(lhs, cir.Member):
            return R.Field(self.struct_place(lhs.base, lhs.arrow, lhs.span), ident(lhs.field))
        raise TranslateError("C2S104", "unsupported struct assignment target", lhs.span)

    def memcpy(self, c: cir.Call) -> None:
        dst = self.view_of(self.pointer_binding(c.args[0]), c.span)
        src = self.view_of(self.pointer_binding(c.args[1]), c.span)
        if dst.elem != src.elem and not isinstance(src.elem, VoidT):
            raise TranslateError("C2S103", f"memcpy between {dst.elem} and {src.elem}", c.span)
        n = self.elem_count(c.args[2], dst.elem, c.span)
        if fold(c.args[2]) == 0:
            return
        if dst.place == src.place:
            span = R.Range(src.off.expr(), src.off.plus(n).expr())
            self.out(R.ExprStmt(R.MethodCall(dst.place, "copy_within", (span, dst.off.expr()))))
            return
        from_ = R.Ref(False, R.Index(src.place, src.off.range(n)))
        to = R.Index(dst.place, dst.off.range(n))
        self.out(R.ExprStmt(R.MethodCall(to, "copy_from_slice", (from_,))))

    def memset(self, c: cir.Call) -> None:
        dst = self.view_of(self.pointer_binding(c.args[0]), c.span)
        n = self.elem_count(c.args[2], dst.elem, c.span)
        fill = fold(c.args[1])
        if fill is None or (fill != 0 and sizeof(dst.elem, self.prog.struct_fields()) != 1):
            raise TranslateError(
                "C2S103", "memset with a non-zero value on a multi-byte element", c.span
            )
        value = zero_value(self.prog, dst.elem, c.span) if fill == 0 else R.Int(fill, "u8")
        to = R.Index(dst.place, dst.off.range(n))
        self.out(R.ExprStmt(R.MethodCall(to, "fill", (value,))))


# ------------------------------------------------------------------ helpers


def return_rtype(prog: Program, fn: cir.Function) -> R.Type | None:
    t = fn.ret
    if isinstance(t, VoidT):
        return None
    if isinstance(t, PtrT):
        if isinstance(t.target, VoidT | PtrT):
            raise TranslateError("C2S103", f"return type {t}", fn.span)
        return R.TBox(R.TSlice(rust_field_type(prog, t.target, fn.span)))
    if isinstance(t, StructT):
        if prog.has_pointers(t):
            raise TranslateError("C2S104", "returning a struct holding pointers by value", fn.span)
        return R.TName(t.name)
    return rust_scalar(t, fn.span)


def return_type(prog: Program, fn: cir.Function) -> str:
    """The printed return type, ``""`` for void (for callers outside the back half)."""
    t = return_rtype(prog, fn)
    return "" if t is None else print_type(t)


def _place_stem(place: R.Expr) -> str:
    """A readable stem for temporaries derived from a place: its last field or its root."""
    match place:
        case R.Path(name=n):
            return n.removeprefix("r#")
        case R.Field(name=n):
            return n.removeprefix("r#")
        case R.Index(base=b):
            return _place_stem(b)
        case _:
            return "buf"


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


# ------------------------------------------------------------------ libc calls


def libc_call(em: FunctionEmitter, c: cir.Call, fn: LibcFn) -> E:
    """A call to a C library function the runtime models (``libc_model.LIBC``), for the
    argument kinds ``v`` (value), ``s``/``m`` (string or buffer view), ``f`` (a standard
    stream) and ``...`` (``printf``-family values); other shapes stay C2S105."""
    from translator.libc_emit import libc_args

    if fn.ret != "v":
        raise TranslateError(
            "C2S105", f"`{c.func}` returns a {fn.ret} result the emitter does not map yet", c.span
        )
    args = libc_args(em, c, fn)
    return E(R.Call(f"crate::c2safe_libc::{fn.rust}", tuple(args)))

"""Emission of the checked pointer model: CIR functions -> safe Rust over ``crate::cptr``.

Used for the functions ``analyses/pointer_model`` puts in the checked model; called
from the slice emitter through one hook (``ModuleBuilder.emit_function``). The
translation is uniform and follows C's memory model:

- a C pointer is a ``Ptr`` (allocation handle + byte offset), a function pointer a
  ``u64`` id dispatched through a ``match`` over the functions whose address is taken;
- memory is bytes: arrays, structs and scalars whose address is taken live in
  ``Ptr::stack`` allocations, fields are read and written at their gcc offsets, so
  ``void *``, ``char *`` over a struct, ``memcpy``/``memset`` over any type see one
  object, as in C;
- scalars and pointers whose address is never taken are plain Rust locals;
- integer arithmetic wraps, as in the slice model; every access is checked by the
  runtime, which panics on out-of-bounds, use after free, double free and NULL.

Guarantees: the emitted text never contains ``unsafe``; a construct outside this
translation raises ``TranslateError`` (the function becomes a coded stub).
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analyses.walk import walk
from translator import cir
from translator import rust_ir as R
from translator.cir_to_rust import RUNTIME_FUNCS, Program, TranslateError, source_marker
from translator.ctypes_model import (
    ArrayT,
    BoolT,
    CType,
    FloatT,
    FuncT,
    IntT,
    PtrT,
    StructT,
    VoidT,
    field_offsets,
    sizeof,
)
from translator.diagnostics import Diagnostic, Severity, Span
from translator.rust_names import ident

if TYPE_CHECKING:
    from translator.emit_module import FunctionRecord, ModuleBuilder

PTR = "crate::cptr::Ptr"


def is_fnptr(t: CType) -> bool:
    return isinstance(t, PtrT) and isinstance(t.target, FuncT) or isinstance(t, FuncT)


def rust_type(t: CType, span: Span) -> str:
    """The Rust type of a C value in the checked model."""
    if is_fnptr(t):
        return "u64"
    if isinstance(t, PtrT | ArrayT | StructT):
        return PTR
    if isinstance(t, IntT | FloatT):
        return t.rust
    if isinstance(t, BoolT):
        return "bool"
    raise TranslateError("C2S102", f"type {t} has no checked translation", span)


def fn_signature_key(fn: cir.Function) -> str:
    """Functions callable through the same function-pointer dispatcher share this key."""
    return _sig_key(fn.ret, tuple(p.ty for p in fn.params))


def _sig_key(ret: CType, params: tuple[CType, ...]) -> str:
    def k(t: CType) -> str:
        if isinstance(t, VoidT):
            return "()"
        return rust_type(t, Span("", 0))

    return ",".join(k(p) for p in params) + "->" + k(ret)


@dataclass
class Local:
    rust: str
    ty: CType
    mem: bool  # lives in a Ptr::stack allocation (address taken, array or struct)
    reg: bool = False  # a scalar array only ever indexed: a Rust array ``[T; N]``


@dataclass
class Place:
    """Memory at ``base`` (a Ptr expression) plus ``off``: an element index of the accessed
    type when ``scaled``, else a byte offset."""

    base: str
    off: str
    scaled: bool
    reg: bool = False  # a Rust array local (``base[off]``), not memory


class CheckedEmitter:
    def __init__(
        self,
        prog: Program,
        fn: cir.Function,
        fn_ids: dict[str, int],
        written: frozenset[str] = frozenset(),
    ) -> None:
        self.prog = prog
        self.fn = fn
        self.fn_ids = fn_ids  # address-taken function key -> id
        self.written = written  # globals some function assigns
        self.checked: frozenset[str] = frozenset()  # functions in the checked model
        self.layouts = prog.struct_fields()
        self.lines: list[str] = []
        self.scopes: list[dict[str, Local]] = [{}]
        self.labels: list[tuple[str, str, str | None]] = []  # (kind, break label, continue)
        self.counter = 0
        self.addressed = _addressed_names(fn)
        self.reg_arrays = _register_arrays(fn, self.addressed)
        self.globals_used: dict[str, str] = {}
        self.dispatchers: dict[str, tuple[CType, tuple[CType, ...]]] = {}
        self.notes: list[tuple[str, str, Span]] = []
        self.reserved = {ident(g.name) for g in prog.globals.values()}

    def local_name(self, c_name: str) -> str:
        """The Rust name of a local: a name a global has (a static cannot be shadowed by a
        ``let``) gets a trailing underscore."""
        name = ident(c_name)
        return name + "_" if name in self.reserved else name

    # ------------------------------------------------------------ helpers
    def fresh(self, base: str) -> str:
        self.counter += 1
        return f"__{base}{self.counter}"

    def out(self, line: str) -> None:
        self.lines.append(line)

    @contextmanager
    def scope(self) -> Iterator[None]:
        self.scopes.append({})
        try:
            yield
        finally:
            self.scopes.pop()

    def lookup(self, name: str) -> Local | None:
        for sc in reversed(self.scopes):
            if name in sc:
                return sc[name]
        return None

    def size(self, t: CType, span: Span) -> int:
        if isinstance(t, VoidT | FuncT):
            return 1
        try:
            return sizeof(t, self.layouts)
        except ValueError as e:
            raise TranslateError("C2S102", f"size of {t}: {e}", span) from e

    def elem_size(self, ptr_ty: CType, span: Span) -> int:
        if isinstance(ptr_ty, PtrT):
            return self.size(ptr_ty.target, span)
        if isinstance(ptr_ty, ArrayT):
            return self.size(ptr_ty.elem, span)
        raise TranslateError("C2S103", f"pointer arithmetic on {ptr_ty}", span)

    def callee_name(self, key: str) -> str:
        f = self.prog.functions.get(key)
        return ident(f.c_name if f is not None else key)

    # ------------------------------------------------------------ signature
    def signature(self) -> str:
        fn = self.fn
        params = ", ".join(
            f"mut {self.local_name(p.name)}: {rust_type(p.ty, p.span)}" for p in fn.params
        )
        ret = "" if isinstance(fn.ret, VoidT) else f" -> {rust_type(fn.ret, fn.span)}"
        vis = "" if fn.static or not fn.file.endswith(".c") else "pub "
        return f"{vis}fn {ident(fn.c_name)}({params}){ret}"

    def emit(self) -> list[str]:
        fn = self.fn
        assert fn.body is not None
        body_start = len(self.lines)
        for p in fn.params:
            name = self.local_name(p.name)
            if isinstance(p.ty, StructT):
                self.scopes[-1][p.name] = Local(name, p.ty, True)
            elif p.name in self.addressed:
                size = self.size(p.ty, p.span)
                self.out(f"let {name} = {{ let __c = {PTR}::stack({size}); ")
                self.out(self.write(Place("__c", "0", False), p.ty, name) + "; __c };")
                self.scopes[-1][p.name] = Local(name, p.ty, True)
            else:
                self.scopes[-1][p.name] = Local(name, p.ty, False)
        for s in fn.body.stmts:
            self.stmt(s)
        if not isinstance(fn.ret, VoidT) and not _ends_with_return(fn.body):
            self.out('panic!("c2safe: control reached the end of a non-void C function")')
        prologue = [
            f"let {local}: {PTR} = {local.upper()}.with(|p| p.clone());"
            for local in self.globals_used
        ]
        items = self.global_items() + self.dispatcher_items()
        body = self.lines[body_start:]
        return [f"{self.signature()} {{", *items, *prologue, *body, "}"]

    def global_items(self) -> list[str]:
        return [
            f"thread_local! {{ static {local.upper()}: {PTR} = {init}; }}"
            for local, init in self.globals_used.items()
        ]

    def dispatcher_items(self) -> list[str]:
        out = []
        for fname, (ret, params) in self.dispatchers.items():
            key = _sig_key(ret, params)
            args = ", ".join(f"a{i}: {rust_type(t, self.fn.span)}" for i, t in enumerate(params))
            names = ", ".join(f"a{i}" for i in range(len(params)))
            rty = "" if isinstance(ret, VoidT) else f" -> {rust_type(ret, self.fn.span)}"
            out.append(f"fn {fname}(id: u64{', ' if args else ''}{args}){rty} {{")
            out.append("match id {")
            for target, fid in sorted(self.fn_ids.items(), key=lambda kv: kv[1]):
                tf = self.prog.functions.get(target)
                if tf is None or fn_signature_key(tf) != key or not self._visible(tf):
                    continue
                out.append(f"{fid} => {ident(tf.c_name)}({names}),")
            out.append('0 => panic!("c2safe: undefined behaviour in the C: call through NULL"),')
            out.append(
                '_ => panic!("c2safe: undefined behaviour in the C: call through a function '
                'pointer of another type"),'
            )
            out.append("}")
            out.append("}")
        return out

    def _visible(self, tf: cir.Function) -> bool:
        return not tf.static or tf.file == self.fn.file

    # ------------------------------------------------------------ statements
    def stmt(self, s: cir.Stmt) -> None:
        if not isinstance(s, cir.Block):
            self.out(source_marker(s.span))
        match s:
            case cir.Decl():
                self.decl(s)
            case cir.ExprStmt(expr=e):
                self.expr_stmt(e)
            case cir.Block(stmts=stmts):
                self.out("{")
                with self.scope():
                    for x in stmts:
                        self.stmt(x)
                self.out("}")
            case cir.If(cond=c, then=t, other=o):
                self.out(f"if {self.cond(c)} {{")
                self.sub(t)
                if o is not None:
                    self.out("} else {")
                    self.sub(o)
                self.out("}")
            case cir.While(cond=c, body=b):
                label = self.label("l")
                self.out(f"{label}: while {self.cond(c)} {{")
                self.labels.append(("loop", label, label))
                self.sub(b)
                self.labels.pop()
                self.out("}")
            case cir.DoWhile(body=b, cond=c):
                label, cont = self.label("l"), self.label("c")
                self.out(f"{label}: loop {{")
                self.out(f"{cont}: {{")
                self.labels.append(("loop", label, f"@{cont}"))
                self.sub(b)
                self.labels.pop()
                self.out("}")
                self.out(f"if !({self.cond(c)}) {{ break {label}; }}")
                self.out("}")
            case cir.For(init=init, cond=c, step=st, body=b):
                self.out("{")
                with self.scope():
                    for x in init:
                        self.stmt(x)
                    label, cont = self.label("l"), self.label("c")
                    self.out(f"{label}: loop {{")
                    if c is not None:
                        self.out(f"if !({self.cond(c)}) {{ break {label}; }}")
                    self.out(f"{cont}: {{")
                    self.labels.append(("loop", label, f"@{cont}"))
                    self.sub(b)
                    self.labels.pop()
                    self.out("}")
                    if st is not None:
                        self.expr_stmt(st)
                    self.out("}")
                self.out("}")
            case cir.Return(value=v):
                if v is None:
                    self.out("return;")
                else:
                    self.out(f"return {self.owned(v)};")
            case cir.Break(span=sp):
                self.out(self.jump("break", sp))
            case cir.Continue(span=sp):
                self.out(self.jump("continue", sp))
            case cir.Switch():
                self.switch(s)
            case cir.Unsupported(code=code, message=msg, span=sp):
                raise TranslateError(code, msg, sp)
            case _:
                raise TranslateError("C2S101", f"statement {type(s).__name__}", s.span)

    def sub(self, s: cir.Stmt) -> None:
        with self.scope():
            if isinstance(s, cir.Block):
                for x in s.stmts:
                    self.stmt(x)
            else:
                self.stmt(s)

    def label(self, kind: str) -> str:
        self.counter += 1
        return f"'{kind}{self.counter}"

    def jump(self, kind: str, span: Span) -> str:
        for k, brk, cont in reversed(self.labels):
            if kind == "break":
                return f"break {brk};"
            if k == "loop":
                assert cont is not None
                return f"break {cont[1:]};" if cont.startswith("@") else f"continue {cont};"
        raise TranslateError("C2S101", f"{kind} outside a loop", span)

    def switch(self, s: cir.Switch) -> None:
        label = self.label("s")
        v, ft = self.fresh("sw"), self.fresh("ft")
        self.out(f"{label}: {{")
        self.out(f"let {v} = {self.val(s.expr)};")
        self.out(f"let mut {ft} = false;")
        ty = s.expr.ty
        rt = rust_type(ty, s.span)
        all_vals = [x for c in s.cases for x in c.values]
        self.labels.append(("switch", label, None))
        for case in s.cases:
            if case.values:
                test = " || ".join(f"{v} == {_int_lit(x, rt)}" for x in case.values)
            else:
                others = " || ".join(f"{v} == {_int_lit(x, rt)}" for x in all_vals)
                test = f"!({others})" if others else "true"
            self.out(f"if {ft} || {test} {{")
            self.out(f"{ft} = true;")
            with self.scope():
                for x in case.body:
                    self.stmt(x)
            self.out("}")
        self.labels.pop()
        self.out("}")

    def decl(self, d: cir.Decl) -> None:
        name = self.local_name(d.name)
        t = d.ty
        if (
            d.name in self.reg_arrays
            and isinstance(t, ArrayT)
            and isinstance(t.elem, IntT | FloatT)
        ):
            self.scopes[-1][d.name] = Local(name, t, False, reg=True)
            zero = _zero(t.elem, d.span)
            self.out(f"let mut {name}: [{t.elem.rust}; {t.size}] = [{zero}; {t.size}];")
            items = d.init.items if isinstance(d.init, cir.InitList) else ()
            if d.init is not None and not isinstance(d.init, cir.InitList):
                raise TranslateError("C2S101", "array initialised from an expression", d.span)
            for i, item in enumerate(items):
                if isinstance(item, cir.InitList):
                    raise TranslateError("C2S101", "nested initializer", item.span)
                self.out(f"{name}[{i}] = {self.val(item)};")
            return
        if isinstance(t, ArrayT | StructT) or d.name in self.addressed:
            size = self.size(t, d.span)
            self.scopes[-1][d.name] = Local(name, t, True)
            copy = d.init is not None and not isinstance(d.init, cir.InitList)
            if isinstance(t, StructT) and copy and d.init is not None:
                self.out(f"let {name} = {self.owned(d.init)};")
                return
            self.out(f"let {name} = {PTR}::stack({size});")
            if d.init is not None:
                self.init_mem(name, 0, t, d.init)
            return
        init = self.owned(d.init) if d.init is not None else _zero(t, d.span)
        self.out(f"let mut {name}: {rust_type(t, d.span)} = {init};")
        self.scopes[-1][d.name] = Local(name, t, False)

    def init_mem(self, base: str, off: int, t: CType, init: cir.Expr) -> None:
        """Write initializer ``init`` for an object of type ``t`` at ``base`` + ``off``."""
        if isinstance(init, cir.InitList):
            if isinstance(t, ArrayT):
                es = self.size(t.elem, init.span)
                for i, item in enumerate(init.items):
                    self.init_mem(base, off + i * es, t.elem, item)
                return
            if isinstance(t, StructT):
                offs = field_offsets(t.name, self.layouts)
                for fname, item in zip(init.fields, init.items, strict=True):
                    if fname is None:
                        raise TranslateError("C2S104", "positional struct initializer", init.span)
                    foff, fty = offs[fname]
                    self.init_mem(base, off + foff, fty, item)
                return
            if len(init.items) == 1:
                self.init_mem(base, off, t, init.items[0])
                return
            raise TranslateError("C2S101", "brace initializer for a scalar", init.span)
        if isinstance(t, ArrayT):
            raise TranslateError("C2S101", "array initialised from an expression", init.span)
        self.out(self.write(Place(base, str(off), False), t, self.owned(init)) + ";")

    # ------------------------------------------------------------ places
    def place(self, e: cir.Expr) -> Place:
        match e:
            case cir.Var(name=n, kind=kind):
                loc = self.lookup(n) if kind in ("local", "param") else None
                if loc is not None and loc.mem:
                    return Place(loc.rust, "0", True)
                if kind == "global":
                    return Place(self.global_ptr(n, e.span), "0", True)
                raise TranslateError("C2S111", f"`{n}` is not in memory", e.span)
            case cir.Index(base=cir.Var(name=n), index=i) if self._is_reg(n):
                loc = self.lookup(n)
                assert loc is not None
                return Place(loc.rust, f"({self.val(i)} as usize)", True, reg=True)
            case cir.Index(base=cir.Member() | cir.Index() as b, index=i) if isinstance(
                b.ty, ArrayT
            ):
                # an element of an array inside an object: one access at a byte offset
                inner = self.place(b)
                start = self.byte_off(inner, b.ty, e.span)
                es = self.size(e.ty, e.span)
                idx = f"({self.val(i)} as isize) * {es}"
                return Place(inner.base, idx if start == "0" else f"{start} + {idx}", False)
            case cir.Index(base=b, index=i):
                return Place(self.recv(b), f"({self.val(i)} as isize)", True)
            case cir.Deref(arg=a):
                return Place(self.recv(a), "0", True)
            case cir.Member(base=b, field=f, arrow=arrow):
                sty = b.ty.target if arrow and isinstance(b.ty, PtrT) else b.ty
                if not isinstance(sty, StructT):
                    raise TranslateError("C2S104", f"member of {sty}", e.span)
                foff = field_offsets(sty.name, self.layouts)[f][0]
                if arrow:
                    return Place(self.recv(b), str(foff), False)
                inner = self.place(b)
                return Place(inner.base, self.byte_off(inner, sty, e.span, foff), False)
        raise TranslateError("C2S101", f"{type(e).__name__} is not an lvalue", e.span)

    def byte_off(self, p: Place, ty: CType, span: Span, extra: int = 0) -> str:
        if p.scaled:
            if p.off == "0":
                return str(extra)
            sz = self.size(ty, span)
            base = f"{p.off} * {sz}"
        else:
            base = p.off
        if extra == 0:
            return base
        if base == "0":
            return str(extra)
        if base.isdigit():
            return str(int(base) + extra)
        return f"{base} + {extra}"

    def addr(self, p: Place, ty: CType, span: Span) -> str:
        if p.off == "0":
            return f"{p.base}.clone()"
        if p.scaled:
            return f"{p.base}.at({p.off}, {self.size(ty, span)})"
        return f"{p.base}.at({p.off}, 1)"

    def _is_reg(self, name: str) -> bool:
        loc = self.lookup(name)
        return loc is not None and loc.reg

    def read(self, p: Place, ty: CType, span: Span) -> str:
        if p.reg:
            return f"{p.base}[{p.off}]"
        if isinstance(ty, StructT | ArrayT):
            return self.addr(p, ty, span)
        if isinstance(ty, PtrT) and not is_fnptr(ty):
            if p.scaled:
                return f"{p.base}.rd_pi({p.off})"
            return f"{p.base}.rd_ptr({p.off})"
        rt = rust_type(ty, span)
        return f"{p.base}.{'rd' if p.scaled else 'rd_at'}::<{rt}>({p.off})"

    def write(self, p: Place, ty: CType, v: str) -> str:
        span = self.fn.span
        if p.reg:
            return f"{p.base}[{p.off}] = {v}"
        if isinstance(ty, StructT):
            return f"{PTR}::memcpy(&{self.addr(p, ty, span)}, &{v}, {self.size(ty, span)})"
        if isinstance(ty, ArrayT):
            raise TranslateError("C2S101", "assignment to an array", span)
        if isinstance(ty, PtrT) and not is_fnptr(ty):
            if p.scaled:
                return f"{p.base}.wr_pi({p.off}, &{v})"
            return f"{p.base}.wr_ptr({p.off}, &{v})"
        rt = rust_type(ty, span)
        return f"{p.base}.{'wr' if p.scaled else 'wr_at'}::<{rt}>({p.off}, {v})"

    def global_ptr(self, name: str, span: Span) -> str:
        """A local ``Ptr`` to a constant global (an array, or a pointer to a string literal),
        one read-only allocation per function (a ``thread_local``)."""
        g = self.prog.globals.get(name)
        if g is None or name in self.written:
            raise TranslateError("C2S110", f"mutable global `{name}` in memory", span)
        local = "__g_" + re.sub(r"\W", "_", g.name)
        init = g.init
        while isinstance(init, cir.Cast):
            init = init.arg
        if isinstance(g.ty, PtrT) and isinstance(init, cir.StrLit):
            self.globals_used[local] = self.val(init)
            return local
        data = bytearray(self.size(g.ty, span))
        if init is not None:
            self.const_bytes(data, 0, g.ty, init)
        self.globals_used[local] = f'{PTR}::literal(b"{_byte_str(bytes(data))}")'
        return local

    def const_bytes(self, data: bytearray, off: int, t: CType, e: cir.Expr) -> None:
        """Lay out a constant initializer in C's memory representation (little-endian)."""
        if isinstance(e, cir.InitList):
            if isinstance(t, ArrayT):
                es = self.size(t.elem, e.span)
                for i, item in enumerate(e.items):
                    self.const_bytes(data, off + i * es, t.elem, item)
                return
            if isinstance(t, StructT):
                offs = field_offsets(t.name, self.layouts)
                for fname, item in zip(e.fields, e.items, strict=True):
                    if fname is None:
                        raise TranslateError("C2S104", "positional struct initializer", e.span)
                    foff, fty = offs[fname]
                    self.const_bytes(data, off + foff, fty, item)
                return
            if len(e.items) == 1:
                self.const_bytes(data, off, t, e.items[0])
                return
        while isinstance(e, cir.Cast) and isinstance(e.arg, cir.IntLit):
            e = cir.IntLit(e.arg.value, e.ty, e.span)
        if isinstance(e, cir.IntLit) and isinstance(t, IntT | BoolT):
            n = self.size(t, e.span)
            data[off : off + n] = (e.value % (1 << (8 * n))).to_bytes(n, "little")
            return
        if isinstance(e, cir.FloatLit) and isinstance(t, FloatT):
            fmt = "<d" if t.rust == "f64" else "<f"
            data[off : off + struct.calcsize(fmt)] = struct.pack(fmt, float(e.text.rstrip("fFlL")))
            return
        raise TranslateError("C2S101", "initializer of a global is not constant", e.span)

    # ------------------------------------------------------------ expressions
    def recv(self, e: cir.Expr) -> str:
        """A Ptr-valued expression usable as a method receiver (no clone for locals)."""
        if isinstance(e, cir.Var) and e.kind in ("local", "param"):
            loc = self.lookup(e.name)
            if loc is not None and (not loc.mem or isinstance(loc.ty, ArrayT | StructT)):
                return loc.rust
        v = self.val(e)
        return v if _is_simple(v) else f"({v})"

    def owned(self, e: cir.Expr) -> str:
        """An owned value; a struct value is a fresh copy."""
        if isinstance(e.ty, StructT):
            size = self.size(e.ty, e.span)
            t = self.fresh("s")
            return (
                f"{{ let {t} = {PTR}::stack({size}); "
                f"{PTR}::memcpy(&{t}, &{self.val(e)}, {size}); {t} }}"
            )
        return self.val(e)

    def cond(self, e: cir.Expr) -> str:
        """A Rust ``bool`` for a C condition."""
        match e:
            case cir.Binary(op=op, left=lft, right=r) if op in ("==", "!=", "<", ">", "<=", ">="):
                return self.compare(op, lft, r)
            case cir.Binary(op=op, left=lft, right=r) if op in ("&&", "||"):
                return f"({self.cond(lft)} {op} {self.cond(r)})"
            case cir.Unary(op="!", arg=a):
                return f"!{self.cond(a)}"
        t = e.ty
        v = self.val(e)
        if isinstance(t, BoolT):
            return v
        if is_fnptr(t):
            return f"({v} != 0)"
        if isinstance(t, PtrT | ArrayT):
            return f"!{v}.is_null()"
        if isinstance(t, FloatT):
            return f"({v} != 0.0)"
        return f"({v} != 0)"

    def compare(self, op: str, a: cir.Expr, b: cir.Expr) -> str:
        if isinstance(a.ty, PtrT | ArrayT) and not is_fnptr(a.ty) or _is_null_ptr(a):
            if _is_null_ptr(b) and op in ("==", "!="):
                return f"{'' if op == '==' else '!'}{self.recv(a)}.is_null()"
            if _is_null_ptr(a) and op in ("==", "!="):
                return f"{'' if op == '==' else '!'}{self.recv(b)}.is_null()"
        if isinstance(a.ty, PtrT | ArrayT) and not is_fnptr(a.ty):
            return f"({self.recv(a)} {op} {self.recv(b)})"
        return f"({self.val(a)} {op} {self.val(b)})"

    def val(self, e: cir.Expr) -> str:
        match e:
            case cir.IntLit(value=v, ty=t):
                if isinstance(t, BoolT):
                    return "true" if v else "false"
                return _int_lit(v, rust_type(t, e.span))
            case cir.FloatLit(text=txt, ty=t):
                txt = txt + "0" if txt.endswith(".") else txt
                return f"{txt}{rust_type(t, e.span)}"
            case cir.StrLit(text=txt):
                from translator.c_ast_to_cir import decode_c_string

                data = decode_c_string(txt) + b"\0"
                return f'{PTR}::literal(b"{_byte_str(data)}")'
            case cir.Var(name=n, kind=kind):
                if kind == "func":
                    return f"{self.fn_id(n, e.span)}u64"
                if kind == "global":
                    g = self.prog.globals.get(n)
                    if g is not None and isinstance(g.ty, ArrayT | PtrT):
                        return f"{self.global_ptr(n, e.span)}.clone()"
                    return ident(self.prog.globals[n].name if n in self.prog.globals else n)
                loc = self.lookup(n)
                if loc is None:
                    raise TranslateError("C2S105", f"unknown variable `{n}`", e.span)
                if loc.mem:
                    return self.read(Place(loc.rust, "0", True), loc.ty, e.span)
                if isinstance(loc.ty, PtrT) and not is_fnptr(loc.ty):
                    return f"{loc.rust}.clone()"
                return loc.rust
            case cir.Unary(op=op, arg=a, ty=t):
                if op == "!":
                    return f"(!{self.cond(a)} as i32)"
                if op == "-":
                    if isinstance(t, FloatT):
                        return f"(-{self.val(a)})"
                    return f"{self.paren(a)}.wrapping_neg()"
                if op == "~":
                    return f"(!{self.val(a)})"
                raise TranslateError("C2S101", f"unary {op}", e.span)
            case cir.Binary():
                return self.binary(e)
            case cir.PtrAdd(ptr=p, off=o, neg=neg):
                size = self.elem_size(p.ty, e.span)
                off = f"({self.val(o)} as isize)"
                if neg:
                    off = f"{off}.wrapping_neg()"
                return f"{self.recv(p)}.at({off}, {size})"
            case cir.Cast(arg=a, ty=t):
                return self.cast(a, t, e.span)
            case cir.Index() | cir.Deref() | cir.Member():
                return self.read(self.place(e), e.ty, e.span)
            case cir.AddrOf(arg=a):
                if isinstance(a, cir.Var) and a.kind == "func":
                    return f"{self.fn_id(a.name, e.span)}u64"
                if isinstance(a, cir.Deref):
                    return self.val(a.arg)
                return self.addr(self.place(a), a.ty, e.span)
            case cir.Call():
                return self.call(e)
            case cir.Cond(cond=c, then=a, other=b):
                return f"(if {self.cond(c)} {{ {self.owned(a)} }} else {{ {self.owned(b)} }})"
            case cir.Assign():
                return self.assign(e, want=True)
            case cir.IncDec():
                return self.incdec(e, want=True)
            case cir.Comma(exprs=es):
                parts = [self.stmt_text(x) for x in es[:-1]]
                return "{ " + " ".join(parts) + f" {self.val(es[-1])} }}"
            case cir.SizeOfUnknown(ty=t):
                return f"{self.size(t, e.span)}usize"
        raise TranslateError("C2S101", f"expression {type(e).__name__}", e.span)

    def paren(self, e: cir.Expr) -> str:
        v = self.val(e)
        return v if _is_simple(v) else f"({v})"

    def fn_id(self, key: str, span: Span) -> int:
        if key not in self.fn_ids:
            raise TranslateError("C2S102", f"address of `{key}` is not tracked", span)
        return self.fn_ids[key]

    def binary(self, e: cir.Binary) -> str:
        op, a, b, t = e.op, e.left, e.right, e.ty
        if op in ("==", "!=", "<", ">", "<=", ">=", "&&", "||"):
            return f"({self.cond(e)} as i32)"
        if op == "-" and isinstance(a.ty, PtrT | ArrayT) and isinstance(b.ty, PtrT | ArrayT):
            size = self.elem_size(a.ty, e.span)
            return f"({self.recv(a)}.diff(&{self.recv(b)}, {size}) as isize)"
        return _arith(op, self.paren(a), self.paren(b), t)

    def cast(self, a: cir.Expr, t: CType, span: Span) -> str:
        src = a.ty
        if isinstance(t, VoidT):
            return f"{{ let _ = {self.val(a)}; }}"
        if is_fnptr(t):
            if isinstance(a, cir.IntLit) or _is_null_ptr(a):
                return "0u64"
            return self.val(a)
        if isinstance(t, PtrT):
            if _is_null_ptr(a):
                return f"{PTR}::null()"
            if isinstance(src, PtrT | ArrayT):
                return self.val(a)
            raise TranslateError("C2S103", f"integer converted to a pointer ({src})", span)
        if isinstance(src, PtrT | ArrayT) and not is_fnptr(src):
            return f"({self.recv(a)}.addr() as {rust_type(t, span)})"
        if is_fnptr(src):
            return f"({self.val(a)} as {rust_type(t, span)})"
        v = self.paren(a)
        if isinstance(t, BoolT):
            return f"({v} != 0)" if not isinstance(src, BoolT) else v
        rt = rust_type(t, span)
        if src == t:
            return v
        return f"({v} as {rt})"

    # ------------------------------------------------------------ calls
    def call(self, c: cir.Call) -> str:
        args = c.args
        if c.callee is not None:
            ft = c.callee.ty.target if isinstance(c.callee.ty, PtrT) else c.callee.ty
            assert isinstance(ft, FuncT)
            key = _sig_key(ft.ret, ft.params)
            name = "__c2s_call_" + hashlib.sha1(key.encode()).hexdigest()[:8]
            self.dispatchers[name] = (ft.ret, ft.params)
            vals = [self.val(c.callee), *(self.owned(a) for a in args)]
            return f"{name}({', '.join(vals)})"
        f = c.func
        v = [self.val(a) for a in args]

        def r(i: int) -> str:
            return f"&{self.recv(args[i])}" if not v[i].startswith("&") else v[i]

        match f:
            case "malloc":
                return f"{PTR}::malloc({v[0]} as usize)"
            case "calloc":
                return f"{PTR}::calloc({v[0]} as usize, {v[1]} as usize)"
            case "realloc":
                return f"{self.recv(args[0])}.realloc({v[1]} as usize)"
            case "free":
                return f"{self.recv(args[0])}.free()"
            case "memcpy" | "memmove":
                d = self.fresh("d")
                return f"{{ let {d} = {v[0]}; {PTR}::memcpy(&{d}, {r(1)}, {v[2]} as usize); {d} }}"
            case "memset":
                d = self.fresh("d")
                return (
                    f"{{ let {d} = {v[0]}; {PTR}::memset(&{d}, {v[1]} as i32, {v[2]} as usize); "
                    f"{d} }}"
                )
            case "memcmp":
                return f"{PTR}::memcmp({r(0)}, {r(1)}, {v[2]} as usize)"
            case "strlen":
                return f"{PTR}::strlen({r(0)})"
            case "strcmp":
                return f"{PTR}::strcmp({r(0)}, {r(1)})"
            case "strncmp":
                return f"{PTR}::strncmp({r(0)}, {r(1)}, {v[2]} as usize)"
            case "strcpy":
                return f"{PTR}::strcpy({r(0)}, {r(1)})"
            case "strchr":
                return f"{PTR}::strchr({r(0)}, {v[1]})"
            case "exit":
                return f"crate::krml::exit({v[0]})"
            case "abort":
                return "crate::krml::abort()"
        if f in RUNTIME_FUNCS:  # KaRaMeL byte order: the slice runtime over the bytes
            width = int("".join(ch for ch in f[4:] if ch.isdigit()) or "0") // 8
            p0 = self.fresh("p")
            if f.startswith("load"):
                return f"{{ let {p0} = {v[0]}; crate::krml::{f}(&{p0}.to_vec::<u8>({width})) }}"
            b = self.fresh("b")
            return (
                f"{{ let {p0} = {v[0]}; let mut {b} = [0u8; {width}]; "
                f"crate::krml::{f}(&mut {b}, {v[1]}); "
                f"for (i, x) in {b}.iter().enumerate() {{ {p0}.wr::<u8>(i as isize, *x); }} }}"
            )
        callee = self.prog.functions.get(f)
        if callee is None or (callee.body is None and f not in self.prog.stubbed):
            raise TranslateError("C2S105", f"call to `{f}`, which has no definition", c.span)
        if f not in self.checked and any(isinstance(p.ty, PtrT) for p in callee.params):
            return self.crossing_call(c, callee)
        vals = [self.owned(a) for a in args]
        return f"{self.callee_name(f)}({', '.join(vals)})"

    def crossing_call(self, c: cir.Call, callee: cir.Function) -> str:
        """A call of a slice-model function: each pointer argument is copied into a
        ``Vec`` of the callee's bound (``analyses/extents`` ``may``), passed as a slice, and
        written back if the callee writes it (``pointer_model.crossable`` holds)."""
        mut = self.prog.facts.mut_params.get(callee.name, frozenset())
        may = self.prog.extents.may.get(callee.name, {})
        pre: list[str] = []
        post: list[str] = []
        vals: list[str] = []
        for p, a in zip(callee.params, c.args, strict=False):
            if not isinstance(p.ty, PtrT):
                vals.append(self.owned(a))
                continue
            bound = may.get(p.name)
            tgt = p.ty.target
            if bound is None or not isinstance(tgt, IntT | FloatT):
                raise TranslateError(
                    "C2S103", f"pointer argument `{p.name}` of slice function", c.span
                )
            ptr, tmp = self.fresh("x"), self.fresh("t")
            rt = rust_type(tgt, c.span)
            pre.append(f"let {ptr} = {self.val(a)};")
            pre.append(f"let mut {tmp}: Vec<{rt}> = {ptr}.take_vec::<{rt}>({bound});")
            if p.name in mut:
                vals.append(f"&mut {tmp}")
                post.append(f"{ptr}.store_slice(&{tmp});")
            else:
                vals.append(f"&{tmp}")
        r = self.fresh("r")
        call = f"let {r} = {self.callee_name(callee.name)}({', '.join(vals)});"
        return "{ " + " ".join([*pre, call, *post]) + f" {r} }}"

    # ------------------------------------------------------------ side effects
    def stmt_text(self, e: cir.Expr) -> str:
        """``e`` evaluated for its effects, as one Rust statement."""
        match e:
            case cir.Assign():
                return self.assign(e, want=False) + ";"
            case cir.IncDec():
                return self.incdec(e, want=False) + ";"
            case cir.Cast(arg=a, ty=VoidT()):
                return self.stmt_text(a)
            case cir.Comma(exprs=es):
                return " ".join(self.stmt_text(x) for x in es)
            case cir.Call(func=f) if f in ("free", "memcpy", "memmove", "memset"):
                if f == "free":
                    return self.call(e) + ";"
                args = e.args
                v = [self.val(a) for a in args]
                fn = "memcpy" if f != "memset" else "memset"
                mid = f"&{self.recv(args[1])}" if fn == "memcpy" else f"{v[1]} as i32"
                return f"{PTR}::{fn}(&{self.recv(args[0])}, {mid}, {v[2]} as usize);"
        return f"let _ = {self.val(e)};"

    def expr_stmt(self, e: cir.Expr) -> None:
        self.out(self.stmt_text(e))

    def assign(self, a: cir.Assign, want: bool) -> str:
        lhs, t = a.lhs, a.lhs.ty
        loc = self.lookup(lhs.name) if isinstance(lhs, cir.Var) else None
        if a.op:
            new = self.fresh("n")
            if loc is not None and not loc.mem:
                cur = loc.rust
                combined = self.compound(a, cur)
                text = f"{loc.rust} = {combined}"
                return f"{{ {text}; {loc.rust} }}" if want else text
            p = self.place(lhs)
            if p.reg:  # the index has no side effects (_register_arrays)
                text = f"{{ let {new} = {self.compound(a, self.read(p, t, a.span))}; "
                text += f"{self.write(p, t, new)}; "
                return text + (f"{new} }}" if want else "}")
            b = self.fresh("b")
            addr = self.addr(p, t, a.span)
            cell = Place(b, "0", True)
            combined = self.compound(a, self.read(cell, t, a.span))
            text = f"{{ let {b} = {addr}; let {new} = {combined}; {self.write(cell, t, new)}; "
            return text + (f"{new} }}" if want else "}")
        rhs = self.owned(a.rhs)
        if loc is not None and not loc.mem:
            if not want:
                return f"{loc.rust} = {rhs}"
            v = self.fresh("v")
            return f"{{ let {v} = {rhs}; {loc.rust} = {v}.clone(); {v} }}"
        p = self.place(lhs)
        v = self.fresh("v")
        text = f"{{ let {v} = {rhs}; {self.write(p, t, v)}; "
        return text + (f"{v} }}" if want else "}")

    def compound(self, a: cir.Assign, cur: str) -> str:
        """``cur op rhs`` in the operation type, converted back to the lvalue's type."""
        opty, lt = a.ty, a.lhs.ty
        rt = rust_type(opty, a.span)
        left = cur if lt == opty else f"({cur} as {rt})"
        res = _arith(a.op, left, self.paren(a.rhs), opty)
        if lt == opty:
            return res
        if isinstance(lt, BoolT):
            return f"({res} != 0)"
        return f"({res} as {rust_type(lt, a.span)})"

    def incdec(self, e: cir.IncDec, want: bool) -> str:
        t = e.arg.ty
        arg = e.arg
        loc = self.lookup(arg.name) if isinstance(arg, cir.Var) else None

        def step(cur: str) -> str:
            if isinstance(t, PtrT):
                return f"{cur}.at({e.delta}, {self.elem_size(t, e.span)})"
            if isinstance(t, FloatT):
                return f"({cur} + ({e.delta}.0 as {t.rust}))"
            meth = "wrapping_add" if e.delta > 0 else "wrapping_sub"
            return f"{cur}.{meth}(1)"

        if loc is not None and not loc.mem:
            if isinstance(t, PtrT) and not want:
                return f"{loc.rust}.bump({e.delta}, {self.elem_size(t, e.span)})"
            if not want:
                return f"{loc.rust} = {step(loc.rust)}"
            o = self.fresh("o")
            if e.prefix:
                return f"{{ {loc.rust} = {step(loc.rust)}; {loc.rust}.clone() }}"
            return f"{{ let {o} = {loc.rust}.clone(); {loc.rust} = {step(o)}; {o} }}"
        p = self.place(arg)
        b, o, n = self.fresh("b"), self.fresh("o"), self.fresh("n")
        if p.reg:
            text = f"{{ let {o} = {self.read(p, t, e.span)}; let {n} = {step(o)}; "
            text += f"{self.write(p, t, n)}; "
            return text + ("}" if not want else f"{n} }}" if e.prefix else f"{o} }}")
        cell = Place(b, "0", True)
        text = (
            f"{{ let {b} = {self.addr(p, t, e.span)}; let {o} = {self.read(cell, t, e.span)}; "
            f"let {n} = {step(o)}; {self.write(cell, t, n)}; "
        )
        if not want:
            return text + "}"
        return text + (f"{n} }}" if e.prefix else f"{o} }}")


# ------------------------------------------------------------------ module helpers


def _arith(op: str, a: str, b: str, t: CType) -> str:
    if isinstance(t, FloatT):
        return f"({a} {op} {b})"
    if isinstance(t, BoolT):
        return f"({a} {op} {b})"
    meth = {
        "+": "wrapping_add",
        "-": "wrapping_sub",
        "*": "wrapping_mul",
        "/": "wrapping_div",
        "%": "wrapping_rem",
    }.get(op)
    if meth:
        return f"{a}.{meth}({b})"
    if op in ("<<", ">>"):
        m = "wrapping_shl" if op == "<<" else "wrapping_shr"
        return f"{a}.{m}({b} as u32)"
    if op in ("&", "|", "^"):
        return f"({a} {op} {b})"
    raise TranslateError("C2S101", f"operator {op}", Span("", 0))


def _int_lit(v: int, rt: str) -> str:
    if rt == "bool":
        return "true" if v else "false"
    if v < 0:
        bits = int(rt[1:]) if rt[1:].isdigit() else 64
        if v == -(1 << (bits - 1)):
            return f"{rt}::MIN"
        return f"(-{-v}{rt})"
    return f"{v}{rt}"


def _zero(t: CType, span: Span) -> str:
    if is_fnptr(t):
        return "0u64"
    if isinstance(t, PtrT):
        return f"{PTR}::null()"
    if isinstance(t, IntT):
        return f"0{t.rust}"
    if isinstance(t, FloatT):
        return f"0.0{t.rust}"
    if isinstance(t, BoolT):
        return "false"
    raise TranslateError("C2S102", f"no zero value for {t}", span)


_SIMPLE = re.compile(r"[\w:]+(\.[\w:<>]+\([^()]*\))*")


def _is_simple(v: str) -> bool:
    """An identifier, literal or method chain with plain arguments: no parentheses needed."""
    return _SIMPLE.fullmatch(v) is not None


def _is_null_ptr(e: cir.Expr) -> bool:
    while isinstance(e, cir.Cast):
        e = e.arg
    return isinstance(e, cir.IntLit) and e.value == 0


def _byte_str(data: bytes) -> str:
    out = []
    for b in data:
        ch = chr(b)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif 32 <= b < 127:
            out.append(ch)
        else:
            out.append(f"\\x{b:02x}")
    return "".join(out)


def written_globals(prog: Program) -> frozenset[str]:
    """The globals some function assigns (they are not constants), in one program walk."""
    out: set[str] = set()
    for fn in prog.functions.values():
        if fn.body is None:
            continue
        for n in walk(fn.body):
            if isinstance(n, cir.Assign | cir.IncDec):
                target = n.lhs if isinstance(n, cir.Assign) else n.arg
                while isinstance(target, cir.Index | cir.Member):
                    target = target.base
                if isinstance(target, cir.Var) and target.kind == "global":
                    out.add(target.name)
    return frozenset(out)


def _register_arrays(fn: cir.Function, addressed: set[str]) -> set[str]:
    """Local scalar arrays that are only ever indexed, with side-effect-free indices (and
    never decayed to a pointer): they become Rust arrays instead of checked memory."""
    if fn.body is None:
        return set()
    cands = {
        n.name
        for n in walk(fn.body)
        if isinstance(n, cir.Decl)
        and isinstance(n.ty, ArrayT)
        and n.ty.size is not None
        and isinstance(n.ty.elem, IntT | FloatT)
        and n.name not in addressed
    }
    decls: dict[str, int] = {}
    indexed: set[int] = set()
    for n in walk(fn.body):
        if isinstance(n, cir.Decl):
            decls[n.name] = decls.get(n.name, 0) + 1
        if isinstance(n, cir.Index) and isinstance(n.base, cir.Var) and n.base.name in cands:
            if any(isinstance(x, cir.Assign | cir.IncDec | cir.Call) for x in walk(n.index)):
                cands.discard(n.base.name)
            indexed.add(id(n.base))
    for n in walk(fn.body):
        if isinstance(n, cir.Var) and n.name in cands and id(n) not in indexed:
            cands.discard(n.name)  # decayed to a pointer somewhere
    return {c for c in cands if decls.get(c) == 1 and c not in {p.name for p in fn.params}}


def _addressed_names(fn: cir.Function) -> set[str]:
    """Locals and parameters whose address is taken (they live in memory)."""
    out: set[str] = set()
    if fn.body is None:
        return out
    for n in walk(fn.body):
        if isinstance(n, cir.AddrOf):
            a = n.arg
            while isinstance(a, cir.Member) and not a.arrow:
                a = a.base
            if isinstance(a, cir.Var) and a.kind in ("local", "param"):
                out.add(a.name)
    return out


def _ends_with_return(b: cir.Block) -> bool:
    return bool(b.stmts) and isinstance(b.stmts[-1], cir.Return)


def function_ids(prog: Program) -> dict[str, int]:
    """Ids of the functions whose address is taken (1-based; 0 is NULL), program-wide."""
    taken: set[str] = set()
    for fn in prog.functions.values():
        if fn.body is None:
            continue
        for n in walk(fn.body):
            if isinstance(n, cir.Var) and n.kind == "func":
                taken.add(n.name)
    return {name: i + 1 for i, name in enumerate(sorted(taken))}


def checked_struct_comment(prog: Program, sd: cir.StructDef) -> list[R.Item]:
    """A checked struct has no Rust type: it is bytes in a ``Ptr`` allocation. The comment
    records its layout for readers of the crate."""
    try:
        offs = field_offsets(sd.name, prog.struct_fields())
        size = sizeof(StructT(sd.name), prog.struct_fields())
    except ValueError:
        return [R.Comment(f"struct {sd.name}: checked memory (layout unknown)")]
    fields = ", ".join(f"{f}@{o}" for f, (o, _) in offs.items())
    return [R.Comment(f"struct {sd.name}: checked memory, {size} bytes: {fields}")]


def emit_checked_record(
    builder: ModuleBuilder, fn: cir.Function, rec: FunctionRecord
) -> tuple[R.Item, FunctionRecord]:
    """The hook the slice emitter calls for a function in the checked model: its Rust
    item (or a coded stub with the checked signature) and its report record."""
    facts = builder.pointer_facts
    rec.model = "checked"
    rec.model_reasons = list(facts.reasons(fn.name))
    why = "; ".join(rec.model_reasons)
    err: TranslateError | None = None
    lowered = builder.prog_errors.get(fn.name)
    if lowered is not None:
        err = TranslateError(*lowered)
    elif builder.strict:
        err = TranslateError("C2S302", f"--strict: needs checked pointers ({why})", fn.span)
    elif fn.body is None:
        err = TranslateError("C2S105", f"`{fn.name}` has no definition", fn.span)
    if err is None:
        try:
            if builder.checked_written is None:
                builder.checked_written = written_globals(builder.prog)
            em = CheckedEmitter(builder.prog, fn, builder.fn_ids, builder.checked_written)
            em.checked = frozenset(facts.checked_functions)
            lines, notes = em.emit(), em.notes
            rec.diagnostics.append(
                Diagnostic("C2S301", Severity.NOTE, f"checked pointers: {why}", fn.span, fn.name)
            )
            for code, msg, span in notes:
                rec.diagnostics.append(Diagnostic(code, Severity.NOTE, msg, span, fn.name))
            return R.Verbatim(tuple(lines), fn.name), rec
        except TranslateError as e:
            err = e
        except (AssertionError, KeyError, ValueError, TypeError, IndexError) as e:
            err = TranslateError("C2S111", f"internal error: {type(e).__name__}: {e}", fn.span)
    rec.status = "stub"
    rec.diagnostics.append(Diagnostic(err.code, Severity.ERROR, err.message, err.span, fn.name))
    try:
        sig = CheckedEmitter(builder.prog, fn, {}).signature()
    except TranslateError as e:
        return R.Comment(f"c2safe: `{fn.name}` omitted: {e.code} {e.message} ({e.span})"), rec
    msg = f"c2safe: `{fn.name}` was not translated: {err.code} {err.message} at {err.span}"
    text = msg.replace("\\", "\\\\").replace('"', '\\"').replace("{", "{{").replace("}", "}}")
    return R.Verbatim((f"{sig} {{", f'    panic!("{text}")', "}"), fn.name), rec


def emit_checked_function(
    prog: Program,
    fn: cir.Function,
    fn_ids: dict[str, int],
    written: frozenset[str] = frozenset(),
) -> tuple[list[str], list[tuple[str, str, Span]]]:
    """The Rust lines of one checked function, and its notes; raises ``TranslateError``."""
    em = CheckedEmitter(prog, fn, fn_ids, written)
    return em.emit(), em.notes

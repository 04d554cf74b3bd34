"""Lowering: pycparser ``FileAST`` -> CIR ``Unit``.

Guarantees (see ``cir`` for the IR contract): names resolve to locals, params,
globals or functions; every expression is typed; integer promotions and the
usual arithmetic conversions are explicit casts; ``sizeof`` is folded; string
literals, goto, and GNU extensions are reported. A construct that cannot be
lowered makes only its *function* fail: the function is recorded in
``Unit.errors`` with a coded diagnostic and the rest of the file goes on.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pycparser import c_ast

from analyses.walk import walk
from translator import cir, goto_structure, hoist_effects
from translator.c_parse import span_of
from translator.ctypes_model import (
    BOOL,
    I8,
    I16,
    I32,
    I64,
    I128,
    INT,
    ISIZE,
    U8,
    U16,
    U32,
    U64,
    U128,
    USIZE,
    VOID,
    ArrayT,
    BoolT,
    CType,
    FloatT,
    FuncT,
    IntT,
    PtrT,
    StructT,
    VoidT,
    is_int,
    is_pointer_like,
    pointee,
    promote,
    sizeof,
    usual_arith,
    wrap,
)
from translator.diagnostics import Span
from translator.std_headers import INCLUDE_DIR

_BASE_TYPES: dict[tuple[str, ...], CType] = {
    ("char",): I8,
    ("signed", "char"): I8,
    ("unsigned", "char"): U8,
    ("short",): I16,
    ("short", "int"): I16,
    ("signed", "short"): I16,
    ("unsigned", "short"): U16,
    ("unsigned", "short", "int"): U16,
    ("int",): I32,
    ("signed",): I32,
    ("signed", "int"): I32,
    ("unsigned",): U32,
    ("unsigned", "int"): U32,
    ("long",): I64,
    ("long", "int"): I64,
    ("signed", "long"): I64,
    ("unsigned", "long"): U64,
    ("unsigned", "long", "int"): U64,
    ("long", "long"): I64,
    ("long", "long", "int"): I64,
    ("unsigned", "long", "long"): U64,
    ("unsigned", "long", "long", "int"): U64,
    ("_Bool",): BOOL,
    ("void",): VOID,
    ("float",): FloatT("f32"),
    ("double",): FloatT("f64"),
}

# typedef names kept as distinct Rust spellings instead of being expanded
_KEPT_TYPEDEFS: dict[str, CType] = {
    "size_t": USIZE,
    "uintptr_t": USIZE,
    "c2safe_uint128": U128,
    "c2safe_int128": I128,
}


# x86 (_mm_*, _mm256_*, _mm512_*) and Arm NEON / PowerPC / s390 vector intrinsic names
_SIMD_INTRINSIC = re.compile(r"^(_mm\d*_|__builtin_ia32_|v\w+q_[usf]\d|vec_)")


class LowerError(Exception):
    def __init__(self, code: str, message: str, span: Span) -> None:
        super().__init__(message)
        self.code, self.message, self.span = code, message, span


class Lowering:
    """Stateful lowering of one translation unit."""

    def __init__(self, source: str) -> None:
        self.unit = cir.Unit(source=source)
        self.typedefs: dict[str, CType] = {}
        self.tag_names: dict[str, str] = {}  # struct tag -> canonical Rust name
        self.struct_fields: dict[str, list[tuple[str, CType]]] = {}
        self.enum_consts: dict[str, int] = {}
        self.func_types: dict[str, FuncT] = {}
        self.static_locals: dict[str, str] = {}  # static const local -> its global
        self.scopes: list[dict[str, tuple[CType, str]]] = []
        self.current_fn = ""
        self._anon = 0
        self.simd_types: set[str] = set()
        # ``extern`` globals declared here and defined by another unit
        self.extern_globals: dict[str, CType] = {}
        # types the lowering refused, with the reason: their users fail with that reason
        self.refused_types: dict[str, tuple[str, str]] = {}
        self.refused_globals: dict[str, tuple[str, str]] = {}  # top-level objects refused
        self.bitfields: dict[tuple[str, str], int] = {}  # (struct, field) -> width
        self._bitfield_noted = False
        self._long_double_noted = False
        # struct -> (index of the first field, field names) of each anonymous member
        self.anon_groups: dict[str, list[tuple[int, list[str]]]] = {}

    # ------------------------------------------------------------ top level
    def run(self, ast: Any) -> cir.Unit:
        for ext in ast.ext:
            try:
                if isinstance(ext, c_ast.Typedef):
                    self._typedef(ext)
                elif isinstance(ext, c_ast.FuncDef):
                    self._funcdef(ext)
                elif isinstance(ext, c_ast.Decl):
                    self._toplevel_decl(ext)
                elif isinstance(ext, c_ast.Pragma):
                    continue
            except LowerError as e:
                self._record_failure(ext, e.code, e.message, e.span)
            except RecursionError:
                self._record_failure(
                    ext, "C2S101", "expression nested too deeply for the lowering", span_of(ext)
                )
            except Exception as e:  # noqa: BLE001 - a c2safe bug must not stop the file
                self._record_failure(
                    ext,
                    "C2S111",
                    f"internal error in the lowering: {type(e).__name__}: {e}"
                    " (a c2safe bug; please report it with this C file)",
                    span_of(ext),
                )
        return self.unit

    def _record_failure(self, ext: Any, code: str, message: str, span: Span) -> None:
        """Record a failed top-level item. A function whose *signature* failed still gets
        a body-less entry (flagged in ``Unit.bad_signatures``) so it is reported, never lost."""
        self.scopes = []
        name = getattr(ext, "name", None) or getattr(getattr(ext, "decl", None), "name", None)
        if not name:
            return
        self.unit.errors[name] = (code, message, span)
        if isinstance(ext, c_ast.Decl) and not isinstance(ext.type, c_ast.FuncDecl):
            self.refused_globals[name] = (code, message)
        if isinstance(ext, c_ast.FuncDef) and name not in self.unit.functions:
            self.unit.bad_signatures[name] = (code, message, span)
            static = "static" in (ext.decl.storage or [])
            self.unit.functions[name] = cir.Function(
                name,
                INT,
                (),
                None,
                static,
                span,
                span.file,
                signature_error=(code, f"signature not translatable: {message}", span),
            )

    def _typedef(self, td: Any) -> None:
        try:
            self._typedef_inner(td)
        except LowerError as e:
            self.refused_types[td.name] = (e.code, e.message)
            raise

    def _typedef_inner(self, td: Any) -> None:
        if td.name in _KEPT_TYPEDEFS:
            self.typedefs[td.name] = _KEPT_TYPEDEFS[td.name]
            return
        inner = td.type
        # typedef struct tag {..} Name: use Name as the struct's Rust name
        if isinstance(inner, c_ast.TypeDecl) and isinstance(inner.type, c_ast.Struct):
            st = inner.type
            tag = st.name or td.name
            if tag not in self.tag_names:
                self.tag_names[tag] = td.name
        self.typedefs[td.name] = self.resolve_type(inner, span_of(td))

    def _toplevel_decl(self, d: Any) -> None:
        span = span_of(d)
        if d.name is None:
            self.resolve_type(d.type, span)  # struct/enum definition
            return
        ty = self.resolve_type(d.type, span)
        if isinstance(ty, FuncT):
            self.func_types.setdefault(d.name, ty)
            if d.name not in self.unit.functions:
                params = self._params(d.type, span)
                self.unit.functions[d.name] = cir.Function(
                    d.name, ty.ret, params, None, "static" in (d.storage or []), span, span.file
                )
            return
        storage = d.storage or []
        if "extern" in storage and d.init is None:
            self.extern_globals[d.name] = ty  # defined by another unit of the crate
            return
        const = "const" in (getattr(d.type, "quals", None) or []) or _array_const(d.type)
        init = None
        if d.init is not None:
            self.scopes.append({})
            try:
                init = self.initializer(d.init, ty)
            finally:
                self.scopes.pop()
            if isinstance(ty, ArrayT) and ty.size is None and isinstance(init, cir.InitList):
                ty = ArrayT(ty.elem, len(init.items))
        self.unit.globals[d.name] = cir.Global(
            d.name, ty, init, const, "static" in storage, span, span.file
        )

    def _params(self, fdecl: Any, span: Span) -> tuple[cir.Param, ...]:
        params: list[cir.Param] = []
        if fdecl.args is None:
            return ()
        for i, p in enumerate(fdecl.args.params):
            if isinstance(p, c_ast.EllipsisParam):
                continue
            pty = self.resolve_type(p.type, span)
            if isinstance(pty, VoidT):
                continue
            if isinstance(pty, ArrayT):
                pty = PtrT(pty.elem)
            params.append(cir.Param(p.name or f"arg{i}", pty, span_of(p)))
        return tuple(params)

    def _funcdef(self, fd: Any) -> None:
        decl = fd.decl
        span = span_of(decl)
        fty = self.resolve_type(decl.type, span)
        assert isinstance(fty, FuncT)
        self.func_types[decl.name] = fty
        params = self._params(decl.type, span)
        static = "static" in (decl.storage or [])
        self.current_fn = decl.name
        # register a body-less version first (recursion, and a signature if the body fails)
        self.unit.functions[decl.name] = cir.Function(
            decl.name, fty.ret, params, None, static, span, span.file
        )
        for t in (fty.ret, *fty.params):
            self._check_simd(t, span)
        self.scopes = [{p.name: (p.ty, "param") for p in params}]
        try:
            body = self.block(fd.body)
        finally:
            self.scopes = []
        body = hoist_effects.hoist(body)
        if goto_structure.has_goto(body):
            try:
                body = goto_structure.structure(body)
            except goto_structure.GotoError as e:
                raise LowerError("C2S107", e.message, e.span) from None
        self.unit.functions[decl.name] = cir.Function(
            decl.name,
            fty.ret,
            params,
            body,
            static,
            span,
            span.file,
            inline="inline" in (decl.funcspec or []),
        )

    # ------------------------------------------------------------ types
    def resolve_type(self, node: Any, span: Span) -> CType:
        if isinstance(node, c_ast.TypeDecl):
            return self.resolve_type(node.type, span)
        if isinstance(node, c_ast.PtrDecl):
            target = self.resolve_type(node.type, span)
            if isinstance(target, FuncT):
                return PtrT(target)  # a function pointer (checked model, analyses/pointer_model)
            const = "const" in (getattr(node.type, "quals", None) or [])
            return PtrT(target, const)
        if isinstance(node, c_ast.ArrayDecl):
            elem = self.resolve_type(node.type, span)
            size = None
            if node.dim is not None:
                size = self.const_int(
                    self.expr(node.dim) if self.scopes else self._const_expr(node.dim)
                )
            return ArrayT(elem, size)
        if isinstance(node, c_ast.FuncDecl):
            ret = self.resolve_type(node.type, span)
            params: list[CType] = []
            variadic = False
            if node.args is not None:
                for p in node.args.params:
                    if isinstance(p, c_ast.EllipsisParam):
                        variadic = True
                        continue
                    pt = self.resolve_type(p.type, span)
                    if isinstance(pt, VoidT):
                        continue
                    params.append(PtrT(pt.elem) if isinstance(pt, ArrayT) else pt)
            return FuncT(ret, tuple(params), variadic)
        if isinstance(node, c_ast.IdentifierType):
            names = tuple(node.names)
            if len(names) == 1 and names[0] in self.typedefs:
                return self.typedefs[names[0]]
            if len(names) == 1 and names[0] in self.refused_types:
                code, why = self.refused_types[names[0]]
                raise LowerError(code, f"type `{names[0]}` was refused: {why}", span)
            key = tuple(n for n in names if n not in ("const", "volatile"))
            if key in _BASE_TYPES:
                return _BASE_TYPES[key]
            sorted_key = tuple(
                sorted(
                    key,
                    key=lambda n: (
                        ["signed", "unsigned", "short", "long", "int", "char"].index(n)
                        if n in ("signed", "unsigned", "short", "long", "int", "char")
                        else 9
                    ),
                )
            )
            if sorted_key in _BASE_TYPES:
                return _BASE_TYPES[sorted_key]
            if sorted(key) == ["double", "long"]:
                if not self._long_double_noted and not _in_c2safe_headers(span.file):
                    self._long_double_noted = True
                    self.unit.notes.append(
                        ("C2S207", "`long double` is translated as `f64` (64-bit double)", span)
                    )
                return FloatT("f64")
            if "__int128" in key:
                raise LowerError("C2S102", "__int128 is not supported", span)
            raise LowerError("C2S102", f"unknown type `{' '.join(names)}`", span)
        if isinstance(node, c_ast.Struct):
            return self._struct(node, span)
        if isinstance(node, c_ast.Union):
            raise LowerError(
                "C2S102", "unions are supported only as KaRaMeL tagged-union members", span
            )
        if isinstance(node, c_ast.Enum):
            if node.values is not None:
                nxt = 0
                for en in node.values.enumerators:
                    if en.value is not None:
                        nxt = self.const_int(self._const_expr(en.value))
                    self.enum_consts[en.name] = nxt
                    nxt += 1
            return U32 if node.name is None else I32
        raise LowerError("C2S102", f"unsupported type node {type(node).__name__}", span)

    def _check_simd(self, t: CType, span: Span) -> None:
        """Refuse SIMD vector types (c2safe's stand-ins from ``c2safe_simd.h``)."""
        while isinstance(t, PtrT | ArrayT):
            t = t.target if isinstance(t, PtrT) else t.elem
        if isinstance(t, StructT) and t.name in self.simd_types:
            raise LowerError("C2S109", f"SIMD vector type `{t.name}` is not translated", span)

    def _struct(self, node: Any, span: Span, hint: str | None = None) -> CType:
        """A struct type; its fields are recorded once, at its definition.

        KaRaMeL's tagged unions (a union member of a struct whose first field is
        ``tag``) are lowered as a struct holding every arm: KaRaMeL reads only the arm
        its tag names, so no program it generates can observe the difference. An
        anonymous union member's arms become fields of the enclosing struct (C11
        anonymous members), and a named one becomes the struct ``<Parent>_<field>``.
        Any other union is refused (C2S102) at the type, which stubs only its users.
        """
        tag = node.name
        if tag is None:
            if hint is not None:
                tag = hint
            else:
                self._anon += 1
                tag = f"anon_struct_{self._anon}"
        name = self.tag_names.setdefault(tag, tag)
        if tag.startswith("c2safe_simd_"):
            self.simd_types.add(name)
        if name in self.refused_types:
            code, why = self.refused_types[name]
            raise LowerError(code, f"struct `{name}` was refused: {why}", span)
        if node.decls is not None and name not in self.struct_fields:
            self.struct_fields[name] = []  # allow self-reference
            fields: list[tuple[str, CType]] = []
            groups: list[tuple[int, list[str]]] = []
            try:
                for fdecl in node.decls:
                    inner = (
                        fdecl.type.type if isinstance(fdecl.type, c_ast.TypeDecl) else fdecl.type
                    )
                    if isinstance(inner, c_ast.Union | c_ast.Struct) and inner.decls is not None:
                        is_union = isinstance(inner, c_ast.Union)
                        if is_union and not (fields and fields[0][0] == "tag"):
                            raise LowerError(
                                "C2S102",
                                f"union member in `{name}`, which is not a KaRaMeL tagged union "
                                "(its first field is not `tag`)",
                                span_of(fdecl),
                            )
                        if fdecl.name is None:  # anonymous member: its fields join ours
                            sub = self._struct(
                                inner, span_of(fdecl), hint=f"{name}_anon{len(fields)}"
                            )
                            assert isinstance(sub, StructT)
                            arms = self.struct_fields.get(sub.name, [])
                            groups.append((len(fields), [n for n, _ in arms]))
                            fields.extend(arms)
                            self.unit.structs.pop(sub.name, None)
                            continue
                        fty = self._struct(inner, span_of(fdecl), hint=f"{name}_{fdecl.name}")
                    else:
                        fty = self.resolve_type(fdecl.type, span_of(fdecl))
                    if fdecl.bitsize is not None:
                        width = self.const_int(self._const_expr(fdecl.bitsize))
                        if not isinstance(fty, IntT) or not 0 <= width <= fty.bits:
                            raise LowerError("C2S102", f"bit-field of type {fty}", span_of(fdecl))
                        if fdecl.name is None or width == 0:
                            continue  # padding: no storage of its own here
                        self.bitfields[(name, fdecl.name)] = width
                        self._note_bitfields(span_of(fdecl))
                    fields.append((fdecl.name, fty))
            except LowerError as e:
                del self.struct_fields[name]
                self.refused_types[name] = (e.code, e.message)
                raise
            self.struct_fields[name] = fields
            if groups:
                self.anon_groups[name] = groups
            self.unit.structs[name] = cir.StructDef(
                name, tuple(fields), span_of(node), span_of(node).file
            )
        return StructT(name)

    def _note_bitfields(self, span: Span) -> None:
        if not self._bitfield_noted:
            self._bitfield_noted = True
            self.unit.notes.append(
                (
                    "C2S208",
                    "bit-fields are stored in fields of their declared type and truncated on "
                    "every store (values as in C; sizeof of the struct differs)",
                    span,
                )
            )

    def bitfield_width(self, e: cir.Expr) -> int | None:
        if isinstance(e, cir.Member):
            sty = pointee(e.base.ty) if e.arrow else e.base.ty
            if isinstance(sty, StructT):
                return self.bitfields.get((sty.name, e.field))
        return None

    def truncate_bitfield(self, e: cir.Expr, ty: CType, width: int, span: Span) -> cir.Expr:
        """The value ``e`` (of the field's type) as a ``width``-bit field holds it."""
        assert isinstance(ty, IntT)
        if width >= ty.bits:
            return e
        if isinstance(e, cir.IntLit):
            v = e.value & ((1 << width) - 1)
            if ty.signed and v >> (width - 1):
                v -= 1 << width
            return cir.IntLit(v, ty, span)
        p = promote(ty)
        assert isinstance(p, IntT)
        wide = self.convert(e, p)
        if not ty.signed:
            return self.convert(
                self.binary("&", wide, cir.IntLit((1 << width) - 1, p, span), span), ty
            )
        sh = cir.IntLit(p.bits - width, INT, span)
        return self.convert(self.binary(">>", self.binary("<<", wide, sh, span), sh, span), ty)

    def _const_expr(self, node: Any) -> cir.Expr:
        self.scopes.append({})
        try:
            return self.expr(node)
        finally:
            self.scopes.pop()

    def const_int(self, e: cir.Expr) -> int:
        v = fold(e)
        if v is None:
            raise LowerError("C2S101", "expected an integer constant expression", e.span)
        return v

    # ------------------------------------------------------------ statements
    @contextmanager
    def scope(self) -> Iterator[None]:
        self.scopes.append({})
        try:
            yield
        finally:
            self.scopes.pop()

    def block(self, node: Any) -> cir.Block:
        with self.scope():
            stmts: list[cir.Stmt] = []
            for item in node.block_items or []:
                for st in self.stmt(item):
                    stmts.extend(_hoist_incdec(st))
            return cir.Block(tuple(stmts), span_of(node))

    def stmt_one(self, node: Any) -> cir.Stmt:
        out = self.stmt(node)
        if len(out) == 1:
            return out[0]
        return cir.Block(tuple(out), span_of(node))

    def stmt(self, node: Any) -> list[cir.Stmt]:
        span = span_of(node)
        if isinstance(node, c_ast.Compound):
            return [self.block(node)]
        if isinstance(node, c_ast.Decl):
            return self.local_decl(node)
        if isinstance(node, c_ast.DeclList):
            out: list[cir.Stmt] = []
            for d in node.decls:
                out.extend(self.local_decl(d))
            return out
        if isinstance(node, c_ast.Typedef):
            self._typedef(node)
            return []
        if isinstance(node, c_ast.EmptyStatement):
            return []
        if isinstance(node, c_ast.Return):
            val = None
            if node.expr is not None:
                val = self.expr(node.expr)
                ret = self.func_types[self.current_fn].ret
                val = self.convert(val, ret)
            return [cir.Return(val, span)]
        if isinstance(node, c_ast.If):
            with self.scope():
                cond = self.expr(node.cond)
                then = self.scoped_stmt(node.iftrue)
                other = self.scoped_stmt(node.iffalse) if node.iffalse is not None else None
            return [cir.If(cond, then, other, span)]
        if isinstance(node, c_ast.While):
            return [cir.While(self.expr(node.cond), self.scoped_stmt(node.stmt), span)]
        if isinstance(node, c_ast.DoWhile):
            return [cir.DoWhile(self.scoped_stmt(node.stmt), self.expr(node.cond), span)]
        if isinstance(node, c_ast.For):
            with self.scope():
                init: list[cir.Stmt] = []
                if isinstance(node.init, c_ast.DeclList):
                    for d in node.init.decls:
                        init.extend(self.local_decl(d))
                elif node.init is not None:
                    init.append(cir.ExprStmt(self.expr(node.init), span))
                fcond = self.expr(node.cond) if node.cond is not None else None
                step = self.expr(node.next) if node.next is not None else None
                body = self.scoped_stmt(node.stmt)
            return [cir.For(tuple(init), fcond, step, body, span)]
        if isinstance(node, c_ast.Break):
            return [cir.Break(span)]
        if isinstance(node, c_ast.Continue):
            return [cir.Continue(span)]
        if isinstance(node, c_ast.Switch):
            return [self.switch(node)]
        if isinstance(node, c_ast.Goto):
            return [cir.GotoMark(node.name, span)]
        if isinstance(node, c_ast.Label):
            return [cir.LabelMark(node.name, span), *self.stmt(node.stmt)]
        if isinstance(node, c_ast.Pragma):
            return []
        if isinstance(node, c_ast.Node) and type(node).__name__ in ("Case", "Default"):
            raise LowerError("C2S106", "case label outside a switch body", span)
        # expression statement
        return [cir.ExprStmt(self.expr(node), span)]

    def scoped_stmt(self, node: Any) -> cir.Stmt:
        with self.scope():
            return self.stmt_one(node)

    def switch(self, node: Any) -> cir.Switch:
        span = span_of(node)
        scrut = self.expr(node.cond)
        st = promote(scrut.ty)
        scrut = self.convert(scrut, st)
        cases: list[cir.Case] = []
        body = node.stmt
        items = body.block_items if isinstance(body, c_ast.Compound) else [body]
        pending: list[int] = []
        pending_default = False
        with self.scope():
            for item in items or []:
                if isinstance(item, c_ast.Case | c_ast.Default):
                    labels: list[int] = []
                    is_default = False
                    cur = item
                    while isinstance(cur, c_ast.Case | c_ast.Default):
                        if isinstance(cur, c_ast.Case):
                            labels.append(self.const_int(self.expr(cur.expr)))
                        else:
                            is_default = True
                        stmts = cur.stmts or []
                        if len(stmts) == 1 and isinstance(stmts[0], c_ast.Case | c_ast.Default):
                            cur = stmts[0]
                            continue
                        break
                    stmts = cur.stmts or []
                    if not stmts:  # stacked label: merge with the next case
                        pending.extend(labels)
                        pending_default = pending_default or is_default
                        continue
                    lowered: list[cir.Stmt] = []
                    for s in stmts:
                        lowered.extend(self.stmt(s))
                    all_labels = pending + labels
                    default = pending_default or is_default
                    pending, pending_default = [], False
                    cases.append(
                        cir.Case(
                            () if default else tuple(all_labels), tuple(lowered), span_of(item)
                        )
                    )
                    if default and all_labels:
                        pass  # default absorbs the labels
                else:
                    raise LowerError(
                        "C2S106", "statement before the first case label", span_of(item)
                    )
        if pending or pending_default:
            cases.append(cir.Case(() if pending_default else tuple(pending), (), span))
        return cir.Switch(scrut, _expand_fallthrough(cases, span), span)

    def local_decl(self, d: Any) -> list[cir.Stmt]:
        span = span_of(d)
        if d.name is None:
            self.resolve_type(d.type, span)
            return []
        vla = self._vla(d, span)
        if vla is not None:
            return vla
        ty = self.resolve_type(d.type, span)
        if isinstance(ty, FuncT):
            self.func_types.setdefault(d.name, ty)
            return []
        self._check_simd(ty, span)
        if "static" in (d.storage or []):
            return self._static_local(d, ty, span)
        if isinstance(ty, ArrayT) and ty.size is None and d.init is None:
            raise LowerError("C2S102", f"array `{d.name}` has no size", span)
        init = None
        self.scopes[-1][d.name] = (ty, "local")  # in scope in its own initializer (C11 6.2.1)
        if d.init is not None:
            init = self.initializer(d.init, ty)
            if isinstance(ty, ArrayT) and ty.size is None and isinstance(init, cir.InitList):
                ty = ArrayT(ty.elem, len(init.items))
        self.scopes[-1][d.name] = (ty, "local")
        return [cir.Decl(d.name, ty, init, span)]

    def _static_local(self, d: Any, ty: CType, span: Span) -> list[cir.Stmt]:
        """``static T x = c;`` in a function: a file-private global ``<fn>__x`` (its
        initializer is a constant, evaluated once, as in C) that the name refers to in its
        scope; the global's translation (constant, thread-local cell, or refusal) is the
        emitter's as for any global."""
        gname = f"{self.current_fn}__{d.name}"
        const = "const" in (getattr(d.type, "quals", None) or []) or _array_const(d.type)
        init = None
        if d.init is not None:
            saved, self.scopes = self.scopes, [{}]  # only constants are in scope
            try:
                init = self.initializer(d.init, ty)
            finally:
                self.scopes = saved
            if isinstance(ty, ArrayT) and ty.size is None and isinstance(init, cir.InitList):
                ty = ArrayT(ty.elem, len(init.items))
        self.unit.globals[gname] = cir.Global(gname, ty, init, const, True, span, span.file)
        self.scopes[-1][d.name] = (ty, "static:" + gname)
        return []

    def _vla(self, d: Any, span: Span) -> list[cir.Stmt] | None:
        """``T a[n];`` with ``n`` not a constant: a ``Decl`` with ``vla_len`` (None when
        ``d`` is not a one-dimensional variable-length array). KaRaMeL always zeroes such
        arrays right after declaring them (``memset``), so starting zeroed is sound."""
        at = d.type
        if not isinstance(at, c_ast.ArrayDecl) or at.dim is None:
            return None
        n = self.expr(at.dim)
        if fold(n) is not None:
            return None
        if not is_int(n.ty):
            raise LowerError("C2S101", f"array `{d.name}` has a non-integer length", span)
        if isinstance(at.type, c_ast.ArrayDecl):
            raise LowerError("C2S101", f"multi-dimensional variable-length array `{d.name}`", span)
        if d.init is not None or "static" in (d.storage or []):
            raise LowerError("C2S101", f"variable-length array `{d.name}` initialised", span)
        elem = self.resolve_type(at.type, span)
        self._check_simd(elem, span)
        ty = ArrayT(elem, None)
        self.scopes[-1][d.name] = (ty, "local")
        return [cir.Decl(d.name, ty, None, span, vla_len=self.convert(n, USIZE))]

    def initializer(self, node: Any, ty: CType) -> cir.Expr:
        span = span_of(node)
        if isinstance(node, c_ast.InitList):
            if isinstance(ty, ArrayT):
                items = tuple(self.initializer(x, ty.elem) for x in node.exprs)
                return cir.InitList(items, tuple(None for _ in items), ty, span)
            if isinstance(ty, StructT):
                fields = self.struct_fields.get(ty.name)
                if fields is None:
                    raise LowerError("C2S104", f"incomplete struct `{ty.name}`", span)
                names: list[str | None] = []
                vals: list[cir.Expr] = []
                pos = 0
                for x in node.exprs:
                    if isinstance(x, c_ast.NamedInitializer):
                        fname = x.name[0].name
                        ftys = [t for n, t in fields if n == fname]
                        if not ftys:
                            raise LowerError("C2S104", f"no field `{fname}` in `{ty.name}`", span)
                        vals.append(self._field_init(ty.name, fname, x.expr, ftys[0]))
                        names.append(fname)
                        pos = [n for n, _ in fields].index(fname) + 1
                    elif isinstance(x, c_ast.InitList) and any(
                        start == pos for start, _ in self.anon_groups.get(ty.name, [])
                    ):  # `{ .tag = T, { .case_A = a } }`: the anonymous member's braces
                        group = next(g for st, g in self.anon_groups[ty.name] if st == pos)
                        sub = pos
                        for y in x.exprs:
                            if isinstance(y, c_ast.NamedInitializer):
                                fname = y.name[0].name
                                if fname not in group:
                                    raise LowerError(
                                        "C2S104", f"no field `{fname}` in `{ty.name}`", span
                                    )
                                sub = [n for n, _ in fields].index(fname)
                                y = y.expr
                            fname, fty = fields[sub]
                            vals.append(self.initializer(y, fty))
                            names.append(fname)
                            sub += 1
                        pos += len(group)
                    else:
                        if pos >= len(fields):
                            raise LowerError("C2S104", "too many initializers", span)
                        fname, fty = fields[pos]
                        vals.append(self._field_init(ty.name, fname, x, fty))
                        names.append(fname)
                        pos += 1
                return cir.InitList(tuple(vals), tuple(names), ty, span)
            if len(node.exprs) == 1:
                return self.initializer(node.exprs[0], ty)
            raise LowerError("C2S101", "brace initializer for a scalar", span)
        e = self.expr(node)
        if isinstance(ty, ArrayT):
            if isinstance(e, cir.StrLit):
                return _string_init(e, ty, span)
            return e
        return self.convert(e, ty)

    def _field_init(self, struct: str, fname: str, node: Any, fty: CType) -> cir.Expr:
        v = self.initializer(node, fty)
        width = self.bitfields.get((struct, fname))
        return v if width is None else self.truncate_bitfield(v, fty, width, v.span)

    # ------------------------------------------------------------ expressions
    def lookup(self, name: str, span: Span) -> cir.Expr:
        for sc in reversed(self.scopes):
            if name in sc:
                ty, kind = sc[name]
                if kind.startswith("static:"):  # a static local: its global
                    return cir.Var(kind.removeprefix("static:"), ty, span, "global")
                return cir.Var(name, ty, span, kind)
        if name in self.enum_consts:
            return cir.IntLit(self.enum_consts[name], INT, span)
        if name in self.unit.globals:
            g = self.unit.globals[name]
            return cir.Var(name, g.ty, span, "global")
        if name in ("stdin", "stdout", "stderr"):
            # the C streams (c2safe's stdio.h declares them `extern`): a call the libc
            # emitter maps to the runtime's stream handles
            return cir.Call(f"c2safe_stream_{name}", (), PtrT(StructT("c2safe_FILE")), span)
        if name in self.extern_globals:
            return cir.Var(name, self.extern_globals[name], span, "global")
        if name in self.func_types:
            return cir.Var(name, self.func_types[name], span, "func")
        if name in self.refused_globals:
            code, why = self.refused_globals[name]
            raise LowerError(code, f"global `{name}` was refused: {why}", span)
        if name == "__func__":
            return cir.StrLit(f'"{self.current_fn}"', PtrT(I8, True), span)
        raise LowerError("C2S105", f"use of undeclared identifier `{name}`", span)

    def convert(self, e: cir.Expr, ty: CType, explicit: bool = False) -> cir.Expr:
        """Insert the conversion of ``e`` to ``ty`` (no node if the types agree)."""
        if e.ty == ty:
            return e
        if isinstance(ty, PtrT | ArrayT) and (is_pointer_like(e.ty) or isinstance(e.ty, FuncT)):
            return cir.Cast(e, ty, e.span, explicit) if explicit else e
        if isinstance(ty, PtrT) and isinstance(e, cir.IntLit) and e.value == 0:
            return cir.Cast(e, ty, e.span, explicit)  # NULL
        if isinstance(ty, StructT) or isinstance(e.ty, StructT):
            if e.ty != ty:
                raise LowerError("C2S104", f"cannot convert {e.ty} to {ty}", e.span)
            return e
        if isinstance(e, cir.IntLit) and isinstance(ty, IntT):
            return cir.IntLit(wrap(e.value, ty), ty, e.span, e.hex)
        return cir.Cast(e, ty, e.span, explicit)

    def expr(self, node: Any) -> cir.Expr:
        span = span_of(node)
        if isinstance(node, c_ast.Constant):
            return self.constant(node, span)
        if isinstance(node, c_ast.ID):
            return self.lookup(node.name, span)
        if isinstance(node, c_ast.Cast):
            ty = self.resolve_type(node.to_type.type, span)
            e = self.expr(node.expr)
            if isinstance(ty, VoidT):
                return cir.Cast(e, VOID, span, True)
            return self.convert(e, ty, explicit=True)
        if isinstance(node, c_ast.UnaryOp):
            return self.unary(node, span)
        if isinstance(node, c_ast.BinaryOp):
            return self.binary(node.op, self.expr(node.left), self.expr(node.right), span)
        if isinstance(node, c_ast.Assignment):
            lhs = self.expr(node.lvalue)
            rhs = self.expr(node.rvalue)
            width = self.bitfield_width(lhs)
            if width is not None:
                return self.bitfield_assign(node.op, lhs, rhs, width, span)
            if node.op == "=":
                if isinstance(rhs, cir.InitList):
                    return cir.Assign(lhs, rhs, "", lhs.ty, span)
                return cir.Assign(lhs, self.convert(rhs, lhs.ty), "", lhs.ty, span)
            op = node.op[:-1]
            if is_pointer_like(lhs.ty):
                if op not in ("+", "-") or not is_int(rhs.ty):
                    raise LowerError("C2S103", "compound assignment to a pointer", span)
                step = self.convert(rhs, promote(rhs.ty))
                return cir.Assign(
                    lhs, cir.PtrAdd(lhs, step, op == "-", lhs.ty, span), "", lhs.ty, span
                )
            if op in ("<<", ">>"):
                opty = promote(lhs.ty)
                rhs = self.convert(rhs, promote(rhs.ty))
            else:
                opty = usual_arith(lhs.ty, rhs.ty)
                rhs = self.convert(rhs, opty)
            return cir.Assign(lhs, rhs, op, opty, span)
        if isinstance(node, c_ast.ArrayRef):
            base = self.expr(node.name)
            idx = self.expr(node.subscript)
            if not is_pointer_like(base.ty) and is_pointer_like(idx.ty):
                base, idx = idx, base
            if not is_pointer_like(base.ty):
                raise LowerError("C2S101", "subscript of a non-pointer", span)
            return cir.Index(base, self.convert(idx, promote(idx.ty)), pointee(base.ty), span)
        if isinstance(node, c_ast.StructRef):
            base = self.expr(node.name)
            arrow = node.type == "->"
            sty = pointee(base.ty) if arrow else base.ty
            if not isinstance(sty, StructT):
                raise LowerError("C2S104", "member access on a non-struct", span)
            fields = self.struct_fields.get(sty.name, [])
            for fname, fty in fields:
                if fname == node.field.name:
                    return cir.Member(base, fname, arrow, fty, span)
            raise LowerError("C2S104", f"no field `{node.field.name}` in `{sty.name}`", span)
        if isinstance(node, c_ast.FuncCall):
            return self.call(node, span)
        if isinstance(node, c_ast.TernaryOp):
            c = self.expr(node.cond)
            a = self.expr(node.iftrue)
            b = self.expr(node.iffalse)
            if (
                is_int(a.ty)
                and is_int(b.ty)
                or isinstance(a.ty, FloatT)
                or isinstance(b.ty, FloatT)
            ):
                t = usual_arith(a.ty, b.ty)
                a, b = self.convert(a, t), self.convert(b, t)
            else:
                t = a.ty
            return cir.Cond(c, a, b, t, span)
        if isinstance(node, c_ast.ExprList):
            es = tuple(self.expr(x) for x in node.exprs)
            return cir.Comma(es, es[-1].ty, span)
        if isinstance(node, c_ast.CompoundLiteral):
            ty = self.resolve_type(node.type.type, span)
            return self.initializer(node.init, ty)
        if isinstance(node, c_ast.InitList):
            raise LowerError("C2S101", "initializer list in expression position", span)
        raise LowerError("C2S101", f"unsupported expression {type(node).__name__}", span)

    def bitfield_assign(
        self, op: str, lhs: cir.Expr, rhs: cir.Expr, width: int, span: Span
    ) -> cir.Expr:
        """``s.f = v`` / ``s.f op= v`` on a bit-field: a plain store of the truncated value
        (a compound one reads the field once more, so its place must be side-effect free)."""
        if op != "=":
            if any(isinstance(n, cir.Call | cir.Assign | cir.IncDec) for n in walk_expr(lhs)):
                raise LowerError(
                    "C2S102", "compound assignment to a bit-field with side effects", span
                )
            rhs = self.binary(op[:-1], lhs, rhs, span)
        value = self.truncate_bitfield(self.convert(rhs, lhs.ty), lhs.ty, width, span)
        return cir.Assign(lhs, value, "", lhs.ty, span)

    def constant(self, node: Any, span: Span) -> cir.Expr:
        if node.type == "string":
            return cir.StrLit(node.value, PtrT(I8, True), span)
        if node.type == "char":
            v = char_value(node.value)
            if v is None:
                raise LowerError("C2S101", f"unsupported character literal {node.value}", span)
            return cir.IntLit(v, INT, span)
        if node.type in ("float", "double"):
            return cir.FloatLit(
                node.value.rstrip("fFlL"), FloatT("f32" if node.value[-1] in "fF" else "f64"), span
            )
        text = node.value.lower()
        suffix = ""
        while text and text[-1] in "ul":
            suffix = text[-1] + suffix
            text = text[:-1]
        is_hex = text.startswith("0x")
        try:
            value = (
                int(text, 16)
                if is_hex
                else int(text[2:], 2)
                if text.startswith("0b")
                else int(text, 8)
                if text.startswith("0") and len(text) > 1
                else int(text)
            )
        except ValueError:
            raise LowerError("C2S101", f"malformed integer literal {node.value}", span) from None
        is_hex = is_hex or text.startswith("0b")  # binary: like hex, may be unsigned
        unsigned = "u" in suffix
        longs = suffix.count("l")
        decimal = not is_hex and not (text.startswith("0") and len(text) > 1)
        cands: list[IntT]
        if longs == 0:
            cands = [U32, U64] if unsigned else ([I32, I64] if decimal else [I32, U32, I64, U64])
        else:
            cands = [U64] if unsigned else ([I64] if decimal else [I64, U64])
        for t in cands:
            lim = 1 << (t.bits - (1 if t.signed else 0))
            if value < lim:
                return cir.IntLit(value, t, span, is_hex)
        return cir.IntLit(value, U64, span, is_hex)

    def unary(self, node: Any, span: Span) -> cir.Expr:
        op = node.op
        if op == "sizeof":
            if isinstance(node.expr, c_ast.Typename):
                ty = self.resolve_type(node.expr.type, span)
            else:
                ty = self.expr(node.expr).ty
            try:
                return cir.IntLit(sizeof(ty, self.struct_fields), USIZE, span)
            except ValueError:
                return cir.SizeOfUnknown(ty, span)
        arg = self.expr(node.expr)
        if op in ("p++", "p--", "++", "--"):
            if self.bitfield_width(arg) is not None:
                raise LowerError("C2S102", "increment of a bit-field", span)
            return cir.IncDec(arg, 1 if "+" in op else -1, not op.startswith("p"), arg.ty, span)
        if op == "&":
            if isinstance(arg, cir.Index):
                return cir.PtrAdd(arg.base, arg.index, False, PtrT(arg.ty), span)
            return cir.AddrOf(arg, PtrT(arg.ty), span)
        if op == "*":
            if not is_pointer_like(arg.ty):
                raise LowerError("C2S101", "dereference of a non-pointer", span)
            return cir.Deref(arg, pointee(arg.ty), span)
        if op == "!":
            return cir.Unary("!", arg, INT, span)
        if op in ("-", "~", "+"):
            t = promote(arg.ty)
            a = self.convert(arg, t)
            if op == "+":
                return a
            if isinstance(a, cir.IntLit) and isinstance(t, IntT) and op == "-":
                return cir.IntLit(wrap(-a.value, t), t, span)
            return cir.Unary(op, a, t, span)
        raise LowerError("C2S101", f"unsupported unary operator {op}", span)

    def binary(self, op: str, lhs: cir.Expr, rhs: cir.Expr, span: Span) -> cir.Expr:
        if op in ("&&", "||"):
            return cir.Binary(op, lhs, rhs, INT, span)
        if op in ("+", "-") and is_pointer_like(lhs.ty) and is_int(rhs.ty):
            return cir.PtrAdd(
                lhs, self.convert(rhs, promote(rhs.ty)), op == "-", PtrT(pointee(lhs.ty)), span
            )
        if op == "+" and is_pointer_like(rhs.ty) and is_int(lhs.ty):
            return cir.PtrAdd(
                rhs, self.convert(lhs, promote(lhs.ty)), False, PtrT(pointee(rhs.ty)), span
            )
        if op == "-" and is_pointer_like(lhs.ty) and is_pointer_like(rhs.ty):
            return cir.Binary("-", lhs, rhs, ISIZE, span)  # ptrdiff_t, in elements
        if op in ("==", "!=", "<", ">", "<=", ">="):
            if any(is_pointer_like(x.ty) or isinstance(x.ty, FuncT) for x in (lhs, rhs)):
                return cir.Binary(op, lhs, rhs, INT, span)
            t = usual_arith(lhs.ty, rhs.ty)
            return cir.Binary(op, self.convert(lhs, t), self.convert(rhs, t), INT, span)
        if op in ("<<", ">>"):
            t = promote(lhs.ty)
            return cir.Binary(op, self.convert(lhs, t), self.convert(rhs, promote(rhs.ty)), t, span)
        if op in ("+", "-", "*", "/", "%", "&", "|", "^"):
            if not (is_int(lhs.ty) or isinstance(lhs.ty, FloatT)) or not (
                is_int(rhs.ty) or isinstance(rhs.ty, FloatT)
            ):
                raise LowerError("C2S101", f"operator {op} on {lhs.ty} and {rhs.ty}", span)
            t = usual_arith(lhs.ty, rhs.ty)
            return cir.Binary(op, self.convert(lhs, t), self.convert(rhs, t), t, span)
        raise LowerError("C2S101", f"unsupported binary operator {op}", span)

    def call(self, node: Any, span: Span) -> cir.Expr:
        if not isinstance(node.name, c_ast.ID) or self._is_fnptr_var(node.name.name):
            return self._fnptr_call(node, span)
        name = node.name.name
        args = [self.expr(a) for a in (node.args.exprs if node.args else [])]
        fty = self.func_types.get(name)
        if name == "c2safe_inline_asm":
            raise LowerError("C2S108", "inline assembly has no safe-Rust translation", span)
        if fty is None and _SIMD_INTRINSIC.match(name):
            raise LowerError("C2S109", f"SIMD intrinsic `{name}` is not translated", span)
        if fty is None:
            raise LowerError("C2S105", f"call to undeclared function `{name}`", span)
        if name in _ZEROIZERS and len(args) == 2 and "memset" in self.func_types:
            # ``Lib_Memzero0_memzero0(void *dst, uint64_t len)`` with a typed buffer and a
            # byte count: zeroing typed at the call, as ``memset(dst, 0, len)``
            dst, n = args
            if isinstance(dst.ty, PtrT | ArrayT) and not isinstance(pointee(dst.ty), VoidT):
                mty = self.func_types["memset"]
                zero = cir.IntLit(0, I32, span)
                return cir.Call("memset", (dst, zero, self.convert(n, USIZE)), mty.ret, span)
        conv: list[cir.Expr] = []
        for i, a in enumerate(args):
            if i < len(fty.params):
                pt = fty.params[i]
                if isinstance(pt, PtrT) and isinstance(pt.target, VoidT) and is_pointer_like(a.ty):
                    conv.append(a)
                else:
                    conv.append(self.convert(a, pt))
            else:
                conv.append(self.convert(a, promote(a.ty)) if is_int(a.ty) else a)
        return cir.Call(name, tuple(conv), fty.ret, span)

    def _is_fnptr_var(self, name: str) -> bool:
        for sc in reversed(self.scopes):
            if name in sc:
                ty = sc[name][0]
                return isinstance(ty, PtrT) and isinstance(ty.target, FuncT)
        return False

    def _fnptr_call(self, node: Any, span: Span) -> cir.Expr:
        """``f(args)`` or ``s->f(args)`` or ``(*f)(args)`` through a function pointer."""
        callee = self.expr(node.name)
        if isinstance(callee, cir.Deref):
            callee = callee.arg
        fty = callee.ty.target if isinstance(callee.ty, PtrT) else callee.ty
        if not isinstance(fty, FuncT):
            raise LowerError("C2S101", "call of a non-function", span)
        args = [self.expr(a) for a in (node.args.exprs if node.args else [])]
        conv = [
            self.convert(a, fty.params[i]) if i < len(fty.params) else a for i, a in enumerate(args)
        ]
        return cir.Call(cir.FNPTR_CALL, tuple(conv), fty.ret, span, callee)


def _string_init(e: cir.StrLit, ty: ArrayT, span: Span) -> cir.Expr:
    """``char a[N] = "..."``: the bytes and the terminating NUL as an initializer list."""
    data = decode_c_string(e.text)
    if ty.size is not None:
        data = (data + b"\0" * ty.size)[: ty.size]
    else:
        data += b"\0"
    elem = ty.elem
    if not isinstance(elem, IntT):
        raise LowerError("C2S101", "string initializer for a non-character array", span)
    items = tuple(cir.IntLit(wrap(b, elem), elem, span) for b in data)
    return cir.InitList(items, tuple(None for _ in items), ty, span)


def decode_c_string(text: str) -> bytes:
    """The bytes of a C string literal token (with its quotes), without the NUL."""
    body = text[1:-1] if text.startswith('"') else text[text.index('"') + 1 : -1]
    out = bytearray()
    i = 0
    simple = {"n": 10, "t": 9, "r": 13, "a": 7, "b": 8, "f": 12, "v": 11}
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        nxt = body[i + 1]
        if nxt == "x":
            j = i + 2
            while j < len(body) and body[j] in "0123456789abcdefABCDEF":
                j += 1
            out.append(int(body[i + 2 : j], 16) & 0xFF)
            i = j
        elif nxt in "01234567":
            j = i + 1
            while j < len(body) and j < i + 4 and body[j] in "01234567":
                j += 1
            out.append(int(body[i + 1 : j], 8) & 0xFF)
            i = j
        else:
            out.append(simple.get(nxt, ord(nxt)))
            i += 2
    return bytes(out)


def _hoist_incdec(st: cir.Stmt) -> list[cir.Stmt]:
    """``++i`` / ``i++`` used as a value inside a declaration, an expression statement or
    a return, on a local or parameter named nowhere else in the statement: the value
    becomes ``i`` and the increment its own statement, before (prefix) or after
    (postfix). A postfix increment in a ``return`` is dropped (the local dies there).
    Anything else is left for the emitter to refuse."""
    if isinstance(st, cir.ExprStmt) and isinstance(st.expr, cir.IncDec):
        return [st]
    if isinstance(st, cir.Decl):
        root: cir.Expr | None = st.init
    elif isinstance(st, cir.ExprStmt | cir.Return):
        root = st.expr if isinstance(st, cir.ExprStmt) else st.value
    else:
        return [st]
    if root is None:
        return [st]
    found = [n for n in walk(root) if isinstance(n, cir.IncDec)]
    if not found:
        return [st]
    names = [n.name for n in walk(root) if isinstance(n, cir.Var)]
    for inc in found:
        if not (
            isinstance(inc.arg, cir.Var)
            and inc.arg.kind in ("local", "param")
            and names.count(inc.arg.name) == 1
        ):
            return [st]
    pre = [cir.ExprStmt(dataclasses.replace(i, prefix=True), i.span) for i in found if i.prefix]
    post = [
        cir.ExprStmt(dataclasses.replace(i, prefix=True), i.span)
        for i in found
        if not i.prefix and not isinstance(st, cir.Return)
    ]
    new = _replace_nodes(root, {id(i): i.arg for i in found})
    if isinstance(st, cir.Decl):
        st = dataclasses.replace(st, init=new)
    elif isinstance(st, cir.ExprStmt):
        st = dataclasses.replace(st, expr=new)
    else:
        st = dataclasses.replace(st, value=new)
    return [*pre, st, *post]


def _replace_nodes(e: Any, subst: dict[int, Any]) -> Any:
    """``e`` with the nodes whose ``id`` is in ``subst`` replaced (frozen dataclasses)."""
    if id(e) in subst:
        return subst[id(e)]
    if not dataclasses.is_dataclass(e) or isinstance(e, type):
        return e
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(e):
        v = getattr(e, f.name)
        if isinstance(v, tuple):
            nv: Any = tuple(_replace_nodes(x, subst) for x in v)
            if any(a is not b for a, b in zip(nv, v, strict=True)):
                changes[f.name] = nv
        elif dataclasses.is_dataclass(v) and not isinstance(v, type):
            nv = _replace_nodes(v, subst)
            if nv is not v:
                changes[f.name] = nv
    return dataclasses.replace(e, **changes) if changes else e


# KaRaMeL's secure zeroing over ``void *`` and a byte count (Lib_Memzero0.h)
_ZEROIZERS = frozenset({"Lib_Memzero0_memzero0"})


_SIMPLE_ESCAPES = {
    "n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, "'": 39, '"': 34, "a": 7, "b": 8,
    "f": 12, "v": 11, "?": 63, "e": 27,
}  # fmt: skip


def char_value(literal: str) -> int | None:
    """The ``int`` value of a plain C character literal (``'a'``, ``'\\n'``, ``'\\x41'``,
    ``'\\101'``), as gcc computes it on x86-64 (``char`` is signed); None for wide or
    multi-character literals."""
    if not (literal.startswith("'") and literal.endswith("'")) or len(literal) < 3:
        return None
    text = literal[1:-1]
    if not text.startswith("\\"):
        data = text.encode("utf-8")
        return (
            data[0] - 256
            if len(data) == 1 and data[0] >= 128
            else (data[0] if len(data) == 1 else None)
        )
    body = text[1:]
    if body in _SIMPLE_ESCAPES:
        v = _SIMPLE_ESCAPES[body]
    elif body[:1] == "x" and len(body) > 1 and all(c in "0123456789abcdefABCDEF" for c in body[1:]):
        v = int(body[1:], 16) & 0xFF
    elif body and len(body) <= 3 and all(c in "01234567" for c in body):
        v = int(body, 8) & 0xFF
    else:
        return None
    return v - 256 if v >= 128 else v


MAX_FALLTHROUGH_STMTS = 4000


def _ends_in_jump(body: tuple[cir.Stmt, ...]) -> bool:
    """The case body certainly leaves the switch arm (break/return/continue last)."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, cir.Return | cir.Break | cir.Continue):
        return True
    if isinstance(last, cir.Block):
        return _ends_in_jump(last.stmts)
    if isinstance(last, cir.If) and last.other is not None:
        return _ends_in_jump((last.then,)) and _ends_in_jump((last.other,))
    return False


def _expand_fallthrough(cases: list[cir.Case], span: Span) -> tuple[cir.Case, ...]:
    """Remove fall-through: a case body that may run into the next case gets the next
    case's (already expanded) statements appended, which is what C executes. Done from
    the last case up, so chains are followed; refused (C2S106) beyond a size bound."""
    out: list[cir.Case] = list(cases)
    total = 0
    for i in range(len(out) - 2, -1, -1):
        body = out[i].body
        if _ends_in_jump(body):
            continue
        nxt = out[i + 1].body
        total += len(nxt)
        if total > MAX_FALLTHROUGH_STMTS:
            raise LowerError("C2S106", "switch fall-through too large to duplicate", span)
        out[i] = cir.Case(out[i].values, body + nxt, out[i].span)
    # running off the last case leaves the switch: say so explicitly in earlier arms
    for i in range(len(out) - 1):
        if not _ends_in_jump(out[i].body):
            out[i] = cir.Case(out[i].values, out[i].body + (cir.Break(span),), out[i].span)
    return tuple(out)


def walk_expr(e: cir.Expr) -> list[object]:
    from analyses.walk import walk

    return list(walk(e))


def _in_c2safe_headers(file: str) -> bool:
    return Path(file).resolve().is_relative_to(INCLUDE_DIR.resolve())


def _array_const(node: Any) -> bool:
    while isinstance(node, c_ast.ArrayDecl):
        node = node.type
    return "const" in (getattr(node, "quals", None) or [])


def fold(e: cir.Expr) -> int | None:
    """Evaluate an integer constant expression, or None."""
    if isinstance(e, cir.IntLit):
        return e.value
    if isinstance(e, cir.Cast) and isinstance(e.ty, IntT):
        v = fold(e.arg)
        return None if v is None else wrap(v, e.ty)
    if isinstance(e, cir.Cast) and isinstance(e.ty, BoolT):
        v = fold(e.arg)
        return None if v is None else int(v != 0)
    if isinstance(e, cir.Unary):
        v = fold(e.arg)
        if v is None:
            return None
        if e.op == "-":
            return wrap(-v, e.ty) if isinstance(e.ty, IntT) else -v
        if e.op == "~":
            return wrap(~v, e.ty) if isinstance(e.ty, IntT) else ~v
        if e.op == "!":
            return int(v == 0)
    if isinstance(e, cir.Binary):
        a, b = fold(e.left), fold(e.right)
        if a is None or b is None:
            return None
        r = _apply(e.op, a, b)
        if r is None:
            return None
        return wrap(r, e.ty) if isinstance(e.ty, IntT) else r
    return None


def _apply(op: str, a: int, b: int) -> int | None:
    """C's integer operators on unbounded ints (the caller wraps to the result type)."""
    if op in ("/", "%"):
        if b == 0:
            return None
        q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)  # C truncates toward zero
        return q if op == "/" else a - q * b
    simple: dict[str, int] = {}
    if op in ("+", "-", "*", "&", "|", "^"):
        simple = {"+": a + b, "-": a - b, "*": a * b, "&": a & b, "|": a | b, "^": a ^ b}
        return simple[op]
    if op in ("<<", ">>"):
        return None if b < 0 or b > 128 else (a << b if op == "<<" else a >> b)
    cmp = {"==": a == b, "!=": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}
    if op in cmp:
        return int(cmp[op])
    if op == "&&":
        return int(bool(a) and bool(b))
    if op == "||":
        return int(bool(a) or bool(b))
    return None


def lower(ast: Any, source: str) -> cir.Unit:
    """Lower one parsed translation unit to CIR."""
    return Lowering(source).run(ast)

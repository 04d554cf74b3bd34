"""Module assembly: decide which Rust module holds each C item and print modules.

Placement contract: a function or global defined in ``X.c`` lives in module
``snake(X)``; a struct lives in the module of the file that defines it (a
header ``X.h`` maps to ``snake(X)``, which is a C file's module when the stems
agree); functions and globals defined in headers (``static inline`` helpers,
tables) are copied, private, into every module that reaches them. Every
function either translates or becomes a stub that panics with its diagnostic
code, so a module always compiles when its signatures do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from analyses.callgraph import build
from analyses.mutability import BUILTIN_WRITES
from analyses.pointer_model import ModelFacts
from analyses.walk import walk
from translator import cir
from translator import rust_ir as R
from translator.cir_to_rust import (
    RUNTIME_FUNCS,
    FunctionEmitter,
    Program,
    TranslateError,
    return_rtype,
    rust_field_type,
    zero_value,
)
from translator.ctypes_model import ArrayT, PtrT, StructT
from translator.diagnostics import Diagnostic, Severity, Span
from translator.emit_checked import checked_struct_comment, emit_checked_record, function_ids
from translator.print_rust import print_expr, print_module, print_type
from translator.rir_visit import nodes
from translator.rust_names import RUST_KEYWORDS, ident


def snake(stem: str) -> str:
    s = re.sub(r"[^0-9A-Za-z]+", "_", stem).strip("_").lower()
    if not s or s[0].isdigit():
        s = "m_" + s
    if (
        s in ("krml", "std", "core", "crate", "self", "super", "lib", "main", "c2safe_libc")
        or s in RUST_KEYWORDS
    ):
        s += "_c"  # e.g. static.c -> static_c
    return s


# KaRaMeL header helpers with a hand-written runtime equivalent (translator/runtime.rs):
# their body becomes a call into ``crate::krml`` (same signature, same result)
RUNTIME_HELPERS = {
    "Hacl_IntTypes_Intrinsics_add_carry_u32": "add_carry_u32",
    "Hacl_IntTypes_Intrinsics_add_carry_u64": "add_carry_u64",
    "Hacl_IntTypes_Intrinsics_sub_borrow_u32": "sub_borrow_u32",
    "Hacl_IntTypes_Intrinsics_sub_borrow_u64": "sub_borrow_u64",
}

# decisions a reviewer must see; ``--strict`` refuses them (the function is stubbed)
STRICT_CODES = frozenset({"C2S201", "C2S203", "C2S204", "C2S205"})


@dataclass
class FunctionRecord:
    """One C function of a translated file, for the report."""

    name: str
    file: str
    line: int
    module: str
    status: str  # "translated" | "stub"
    diagnostics: list[Diagnostic] = field(default_factory=list)
    public: bool = True
    model: str = "slice"  # "slice" | "checked" (analyses/pointer_model.py)
    model_reasons: list[str] = field(default_factory=list)


@dataclass
class ModuleOutput:
    name: str
    source: str  # the C file
    module: R.Module
    records: list[FunctionRecord]
    notes: list[Diagnostic]
    # header-defined functions copied into this module (reported per header by the driver)
    helpers: list[FunctionRecord] = field(default_factory=list)


def module_of_file(path: str, c_modules: dict[str, str]) -> str:
    stem = Path(path).stem
    return c_modules.get(stem, snake(stem))


class ModuleBuilder:
    def __init__(
        self,
        prog: Program,
        c_files: list[str],
        strict: bool = False,
        pointer_facts: ModelFacts | None = None,
    ) -> None:
        self.prog = prog
        self.strict = strict
        self.pointer_facts = pointer_facts or ModelFacts()
        self.fn_ids = function_ids(prog)
        self.checked_written: frozenset[str] | None = None  # globals assigned (checked model)
        self.crossable: frozenset[str] = frozenset()  # slice functions checked code may call
        self.c_files = c_files
        self.c_modules = {Path(f).stem: snake(Path(f).stem) for f in c_files}
        self.graph = build(prog.functions)
        # functions the slice rules refused while emitting (fallback seeds, see driver)
        self.slice_failures: dict[str, str] = {}
        self.bad_signatures: dict[str, TranslateError] = {}
        for name, fn in prog.functions.items():
            if name in BUILTIN_WRITES or name in RUNTIME_FUNCS:
                continue
            if fn.signature_error is not None:  # refused at lowering: report, never drop
                self.bad_signatures[name] = TranslateError(*fn.signature_error)
                continue
            if name in self.pointer_facts.checked_functions:
                continue
            try:
                FunctionEmitter(prog, fn, set()).signature()
            except TranslateError as e:
                self.bad_signatures[name] = e

    def set_pointer_facts(self, facts: ModelFacts) -> None:
        """Adopt a new model choice (after a fallback round): checked functions have no
        slice signature to check."""
        self.pointer_facts = facts
        for name in facts.checked_functions:
            self.bad_signatures.pop(name, None)

    def struct_modules(self) -> dict[str, list[str]]:
        """Module name -> struct names it defines."""
        out: dict[str, list[str]] = {}
        for name, sd in sorted(self.prog.structs.items()):
            out.setdefault(module_of_file(sd.file, self.c_modules), []).append(name)
        return out

    def emit_struct(self, sd: cir.StructDef) -> list[R.Item]:
        """Owned structs hold ``Box<[T]>``; borrowed ones are ``S<'a>`` with ``&'a [T]`` /
        ``&'a mut [T]`` fields (``&mut`` where the program writes through the field)."""
        if sd.name in self.pointer_facts.checked_structs:
            return checked_struct_comment(self.prog, sd)
        t = StructT(sd.name)
        borrowed = self.prog.is_borrowed(t)
        fields: list[tuple[str, R.Type]] = []
        any_mut = False
        for fname, fty in sd.fields:
            ty: R.Type
            if borrowed and isinstance(fty, PtrT):
                mut = self.prog.field_is_mut(sd.name, fname)
                any_mut = any_mut or mut
                inner = rust_field_type(self.prog, fty.target, sd.span)
                if isinstance(fty.target, StructT) and self.prog.is_borrowed(fty.target):
                    inner = R.TName(fty.target.name, "'a")  # borrows with the same lifetime
                ty = R.TRef(mut, R.TSlice(inner), "'a")
            elif borrowed and self.prog.is_borrowed(fty):
                assert isinstance(fty, StructT)
                any_mut = any_mut or self._has_mut_field(fty.name)
                ty = R.TName(fty.name, "'a")
            else:
                ty = rust_field_type(self.prog, fty, sd.span)
            fields.append((ident(fname), ty))
        if borrowed:
            derives: tuple[str, ...] = ("Debug",)
            if not any_mut:
                derives = ("Clone", "Copy", "PartialEq", "Debug")
            return [R.Struct(sd.name, tuple(fields), derives, "'a")]
        copy = not self.prog.has_pointers(t)
        big_array = any(isinstance(ft, ArrayT) and (ft.size or 0) > 32 for _, ft in sd.fields)
        # Default: derived unless an array is too long for std's Default impls
        derives = ("Clone",) + (() if big_array else ("Default",))
        derives += (("Copy",) if copy else ()) + ("PartialEq", "Debug")
        items: list[R.Item] = [R.Struct(sd.name, tuple(fields), derives)]
        if big_array:
            inits = tuple((ident(f), zero_value(self.prog, ft, sd.span)) for f, ft in sd.fields)
            items.append(R.DefaultImpl(sd.name, inits))
        return items

    def _has_mut_field(self, name: str, seen: frozenset[str] = frozenset()) -> bool:
        for fname, fty in self.prog.structs[name].fields:
            if isinstance(fty, PtrT) and self.prog.field_is_mut(name, fname):
                return True
            if isinstance(fty, StructT) and fty.name not in seen and fty.name in self.prog.structs:
                if self._has_mut_field(fty.name, seen | {name}):
                    return True
        return False

    def emit_global(self, g: cir.Global, public: bool) -> R.Const | R.Verbatim:
        if g.name in self.prog.cell_globals:
            return self.emit_cell_global(g, public)
        if not g.const and g.name in self.written_globals():
            raise TranslateError("C2S110", f"mutable global `{g.name}`", g.span)
        dummy = cir.Function("<global>", g.ty, (), cir.Block((), g.span), True, g.span, g.file)
        em = FunctionEmitter(self.prog, dummy, set())
        em.scopes = [{}]
        ty = rust_field_type(self.prog, g.ty, g.span)
        if isinstance(g.ty, ArrayT):
            val = em.array_init(g.ty, g.init, g.span)
        elif g.init is None:
            val = zero_value(self.prog, g.ty, g.span)
        else:
            val = em.init_item(g.ty, g.init)
        if em.stmts:
            raise TranslateError("C2S101", f"initialiser of `{g.name}` is not constant", g.span)
        return R.Const(ident(g.name), ty, val, public, isinstance(g.ty, ArrayT))

    def emit_cell_global(self, g: cir.Global, public: bool) -> R.Verbatim:
        """A mutable scalar global: a thread-local ``Cell`` the crate owns (no
        ``static mut``); reads are ``NAME.get()``, writes ``NAME.set(v)``."""
        dummy = cir.Function("<global>", g.ty, (), cir.Block((), g.span), True, g.span, g.file)
        em = FunctionEmitter(self.prog, dummy, set())
        em.scopes = [{}]
        ty = print_type(rust_field_type(self.prog, g.ty, g.span))
        val = zero_value(self.prog, g.ty, g.span) if g.init is None else em.init_item(g.ty, g.init)
        if em.stmts:
            raise TranslateError("C2S101", f"initialiser of `{g.name}` is not constant", g.span)
        vis = "pub " if public else ""
        return R.Verbatim(
            (
                "thread_local! {",
                f"    {vis}static {ident(g.name)}: std::cell::Cell<{ty}> = "
                f"const {{ std::cell::Cell::new({print_expr(val)}) }};",
                "}",
            )
        )

    _written: set[str] | None = None

    def written_globals(self) -> set[str]:
        """Names assigned anywhere in the program (one walk, shared by every global)."""
        if self._written is None:
            self._written = {
                v.name
                for fn in self.prog.functions.values()
                if fn.body is not None
                for n in walk(fn.body)
                if isinstance(n, cir.Assign | cir.IncDec)
                for v in walk(n.lhs if isinstance(n, cir.Assign) else n.arg)
                if isinstance(v, cir.Var)
            }
        return self._written

    def emit_function(
        self, fn: cir.Function, file_funcs: set[str]
    ) -> tuple[R.Item, FunctionRecord]:
        rec = FunctionRecord(
            fn.name, fn.span.file, fn.span.line, "", "translated", public=not fn.static
        )
        if fn.name in self.pointer_facts.checked_functions:
            return emit_checked_record(self, fn, rec)
        if fn.name in self.bad_signatures:
            e = self.bad_signatures[fn.name]
            self.slice_failures[fn.name] = f"{e.code} {e.message}"
            rec.status = "stub"
            rec.diagnostics.append(Diagnostic(e.code, Severity.ERROR, e.message, e.span, fn.name))
            return R.Comment(f"c2safe: `{fn.name}` omitted: {e.code} {e.message} ({e.span})"), rec
        runtime = RUNTIME_HELPERS.get(fn.c_name)
        if runtime is not None and fn.body is not None and len(fn.params) == 4:
            fe = FunctionEmitter(self.prog, fn, file_funcs)
            call = R.Call(
                f"crate::krml::{runtime}", tuple(R.Path(ident(p.name)) for p in fn.params)
            )
            item = R.Fn(
                ident(fn.c_name),
                fe.params(),
                return_rtype(self.prog, fn),
                R.Block((), call),
                fe.public(),
                fn.name,
                inline=True,
                source=R.SourcePos(fn.span.file, fn.span.line),
            )
            return item, rec
        em = FunctionEmitter(self.prog, fn, file_funcs)
        err: TranslateError | None = None
        lowered = self.prog_errors.get(fn.name)
        if lowered is not None:
            err = TranslateError(*lowered)
        elif fn.body is None:
            err = TranslateError("C2S105", f"`{fn.name}` has no definition", fn.span)
        else:
            for callee in sorted(c for c in self.graph.successors(fn.name)):
                if callee in self.bad_signatures:
                    err = TranslateError(
                        "C2S112", f"calls `{callee}`, whose signature is untranslatable", fn.span
                    )
                    break
        if err is None:
            try:
                item = em.emit()
                guesses = [n for n in em.notes if n[0] in STRICT_CODES]
                if self.strict and guesses:
                    code, msg, span = guesses[0]
                    raise TranslateError(code, f"--strict: {msg}", span)
                for code, msg, span in em.notes:
                    rec.diagnostics.append(Diagnostic(code, Severity.NOTE, msg, span, fn.name))
                return item, rec
            except TranslateError as e:
                err = e
                self.slice_failures[fn.name] = f"{e.code} {e.message}"
            except (
                AssertionError,
                KeyError,
                ValueError,
                TypeError,
            ) as e:  # a c2safe bug: keep going
                err = TranslateError("C2S111", f"internal error: {type(e).__name__}: {e}", fn.span)
        rec.status = "stub"
        rec.diagnostics.append(Diagnostic(err.code, Severity.ERROR, err.message, err.span, fn.name))
        msg = f"c2safe: `{fn.name}` was not translated: {err.code} {err.message} at {err.span}"
        try:
            return FunctionEmitter(self.prog, fn, file_funcs).stub(msg), rec
        except TranslateError as e:  # an unexpected signature failure: omit, still reported
            return R.Comment(f"c2safe: `{fn.name}` omitted: {e.code} {e.message} ({e.span})"), rec

    prog_errors: dict[str, tuple[str, str, Span]] = {}

    def module_for_c(self, c_file: str, structs: list[str]) -> ModuleOutput:
        mod = self.c_modules[Path(c_file).stem]
        own = sorted(
            (
                f
                for f in self.prog.functions.values()
                if f.file == c_file
                and f.body is not None
                or (f.file == c_file and f.name in self.prog_errors)
            ),
            key=lambda f: f.span.line,
        )
        own_names = {f.name for f in own}
        helpers = sorted(
            (self.prog.functions[n] for n in self._header_helpers(own_names)),
            key=lambda f: (f.file, f.span.line),
        )
        used_globals = self._used_globals(own + helpers) | {
            g.name for g in self.prog.globals.values() if g.file == c_file
        }
        items: list[R.Item] = []
        records: list[FunctionRecord] = []
        helper_records: list[FunctionRecord] = []
        notes: list[Diagnostic] = []
        for sname in structs:
            try:
                items += self.emit_struct(self.prog.structs[sname])
            except TranslateError as e:
                notes.append(Diagnostic(e.code, Severity.ERROR, e.message, e.span))
        for gname in sorted(used_globals, key=lambda n: self.prog.globals[n].span.line):
            g = self.prog.globals[gname]
            if g.file != c_file and g.file.endswith(".c"):
                continue
            try:
                items.append(self.emit_global(g, public=g.file == c_file and not g.static))
            except TranslateError as e:
                notes.append(Diagnostic(e.code, Severity.ERROR, e.message, e.span))
            except (AssertionError, KeyError, ValueError, TypeError) as e:  # a c2safe bug
                msg = f"internal error on global `{gname}`: {type(e).__name__}: {e}"
                notes.append(Diagnostic("C2S111", Severity.ERROR, msg, g.span))
        file_funcs = own_names | {h.name for h in helpers}
        for fn in helpers + own:
            item, rec = self.emit_function(fn, file_funcs)
            rec.module = mod
            if fn.file == c_file:
                records.append(rec)
            else:
                notes.extend(rec.diagnostics)
                helper_records.append(rec)
            items.append(item)
        doc = f"Translated by c2safe from `{Path(c_file).name}`."
        return ModuleOutput(
            mod, c_file, R.Module(doc, tuple(items)), records, notes, helper_records
        )

    def _header_helpers(self, roots: set[str]) -> set[str]:
        """Header-defined functions reachable from ``roots`` without passing through a
        function of another ``.c`` file (those live, and bring their helpers, elsewhere)."""
        seen: set[str] = set()
        stack = list(roots)
        while stack:
            n = stack.pop()
            for callee in self.graph.successors(n) if n in self.graph else ():
                fn = self.prog.functions.get(callee)
                if fn is None or callee in seen or callee in roots or fn.file.endswith(".c"):
                    continue
                if fn.body is None and callee not in self.prog_errors:
                    continue
                seen.add(callee)
                stack.append(callee)
        return seen

    def module_for_types(self, mod: str, structs: list[str]) -> ModuleOutput:
        items: list[R.Item] = []
        notes: list[Diagnostic] = []
        for sname in structs:
            try:
                items += self.emit_struct(self.prog.structs[sname])
            except TranslateError as e:
                notes.append(Diagnostic(e.code, Severity.ERROR, e.message, e.span))
        doc = "Types translated by c2safe from C headers."
        return ModuleOutput(mod, "", R.Module(doc, tuple(items)), [], notes)

    def _used_globals(self, fns: list[cir.Function]) -> set[str]:
        used: set[str] = set()
        for fn in fns:
            if fn.body is None:
                continue
            for n in walk(fn.body):
                # a global the program never defines fails its users' emission (coded),
                # not the module's
                if isinstance(n, cir.Var) and n.kind == "global" and n.name in self.prog.globals:
                    used.add(n.name)
        return used


def item_names(m: R.Module) -> set[str]:
    """The crate-level names a module defines."""
    out: set[str] = set()
    for it in m.items:
        if isinstance(it, R.Fn | R.Struct | R.Const):
            out.add(it.name)
    return out


def needs_crate_use(m: R.Module, crate_names: set[str]) -> bool:
    """Whether the module refers to an item another module defines (then it needs
    ``use crate::*;``; an unneeded glob import would be an unused-import warning)."""
    local = item_names(m)
    for n in nodes(m):
        match n:
            case R.Path(name=name) | R.TName(name=name) | R.StructLit(name=name):
                ref = name
            case R.Call(func=func):
                ref = func.split("::")[0]
            case _:
                continue
        if ref in crate_names and ref not in local:
            return True
    return False


def print_outputs(outputs: list[ModuleOutput]) -> dict[str, str]:
    """Module name -> Rust text (before rustfmt) for every module of the crate."""
    crate_names: set[str] = set()
    for o in outputs:
        crate_names |= item_names(o.module)
    # verbatim items (the checked-pointer emitter) are text: what they refer to is unknown
    verbatim = any(isinstance(it, R.Verbatim) for o in outputs for it in o.module.items)
    return {
        o.name: print_module(o.module, verbatim or needs_crate_use(o.module, crate_names))
        for o in outputs
    }

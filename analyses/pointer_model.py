"""Pointer model choice: which functions and structs need checked pointers (facts only).

The slice translation (pointers as views of one buffer at an offset, paper section 5)
stays wherever it applies. A function moves to the checked model
(``translator/cptr.rs``: a shared allocation handle plus an offset, every access
checked) when its body or signature uses a pointer in a way views cannot express:

- ``void *`` values (other than the results of the allocators), ``T **``, function
  pointers, string literals used as values;
- a pointer that walks or changes: reassigned, incremented, compared with another
  pointer, subtracted from one, NULL stored or returned as a value, a pointer
  parameter or field returned;
- a struct in the checked model (self-referential, or holding ``void *``, ``T **`` or
  function pointers, or used by a checked function while holding pointers).

The choice is closed over call edges that carry pointers (a pointer or struct argument
or result): both ends of such an edge use the same model, except that a checked caller
may call a ``crossable`` slice callee (its bounded scalar buffers are copied across the
call). Calls that pass only scalars keep their models. The result
is a least fixpoint; the IR is never modified.

Ownership facts (the upgrades a later pass can take over the fallback) are reported
alongside: self-referential structs that are malloc'ed and freed with no field address
taken and no pointer comparison other than with NULL (``Option<Box<T>>`` candidates),
pointers grown with ``realloc`` (``Vec<T>`` candidates), and the targets of each
function-pointer type (the ``fn`` values / enum of targets).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from analyses.walk import walk
from translator import cir
from translator.ctypes_model import ArrayT, CType, FloatT, FuncT, IntT, PtrT, StructT, VoidT

ALLOCATORS = frozenset({"malloc", "calloc", "realloc"})
# library calls whose pointer arguments the checked runtime models (cptr.rs)
CHECKED_LIBC = frozenset(
    {
        "malloc",
        "calloc",
        "realloc",
        "free",
        "memcpy",
        "memmove",
        "memset",
        "memcmp",
        "strlen",
        "strcmp",
        "strncmp",
        "strcpy",
        "strchr",
    }
)

# byte-order helpers and process exits of the shared runtime (translator/runtime.rs)
KNOWN_EXTERNAL = frozenset(
    {f"{op}{w}{e}" for op in ("load", "store") for w in (16, 32, 64) for e in ("", "_le", "_be")}
    | {"exit", "abort"}
)


@dataclass
class ModelFacts:
    """Per function and per struct: the model (``checked`` members) and the reasons."""

    checked_functions: dict[str, list[str]] = field(default_factory=dict)
    checked_structs: dict[str, list[str]] = field(default_factory=dict)
    owned_nodes: set[str] = field(default_factory=set)  # Option<Box<T>> candidates
    grown_arrays: dict[str, set[str]] = field(default_factory=dict)  # fn -> realloc'ed lvalues
    fn_targets: dict[str, set[str]] = field(default_factory=dict)  # fn type -> address-taken fns

    def model(self, fn: str) -> str:
        return "checked" if fn in self.checked_functions else "slice"

    def reasons(self, fn: str) -> list[str]:
        return self.checked_functions.get(fn, [])


def _types_in(t: CType) -> Iterator[CType]:
    yield t
    while isinstance(t, PtrT | ArrayT):
        t = t.target if isinstance(t, PtrT) else t.elem
        yield t


def _structs_of(t: CType) -> set[str]:
    out = set()
    for x in _types_in(t):
        if isinstance(x, StructT):
            out.add(x.name)
        if isinstance(x, FuncT):
            for p in (x.ret, *x.params):
                out |= _structs_of(p)
    return out


def _bad_type(t: CType) -> str | None:
    """Why a type alone needs checked pointers, or None."""
    if isinstance(t, PtrT):
        if isinstance(t.target, VoidT):
            return "void *"
        if isinstance(t.target, PtrT):
            return "pointer to pointer"
        if isinstance(t.target, FuncT):
            return "function pointer"
    if isinstance(t, ArrayT):
        return _bad_type(t.elem) if isinstance(t.elem, PtrT) else None
    return None


def _strip(e: cir.Expr) -> cir.Expr:
    while isinstance(e, cir.Cast):
        e = e.arg
    return e


def _is_null(e: cir.Expr) -> bool:
    e = _strip(e)
    return isinstance(e, cir.IntLit) and e.value == 0


def _is_alloc(e: cir.Expr) -> bool:
    e = _strip(e)
    return isinstance(e, cir.Call) and e.func in ALLOCATORS


def local_reasons(fn: cir.Function) -> list[str]:
    """The reasons found in one function alone (signature and body)."""
    reasons: list[str] = []

    def add(r: str) -> None:
        if r not in reasons:
            reasons.append(r)

    for p in fn.params:
        bad = _bad_type(p.ty)
        if bad:
            add(f"{bad} parameter `{p.name}`")
    bad = _bad_type(fn.ret)
    if bad:
        add(f"returns a {bad}")
    if fn.body is None:
        return reasons
    for n in walk(fn.body):
        if isinstance(n, cir.Decl):
            bad = _bad_type(n.ty)
            if bad:
                add(f"{bad} local `{n.name}`")
            if isinstance(n.ty, PtrT) and n.init is not None and _is_null(n.init):
                add("NULL as a pointer value")
        elif isinstance(n, cir.Cast):
            bad = _bad_type(n.ty) or _bad_type(n.arg.ty)
            if bad and not (isinstance(n.arg, cir.Call) and n.arg.func in ALLOCATORS):
                add(f"{bad} conversion")
        elif isinstance(n, cir.Call):
            if n.callee is not None:
                add("call through a function pointer")
            if n.func not in CHECKED_LIBC:
                for a in n.args:
                    if isinstance(a.ty, PtrT) and _is_null(a):
                        add("NULL passed as a pointer argument")
            if n.func == "realloc":
                add("realloc")
        elif isinstance(n, cir.StrLit):
            add("string literal used as a value")
        elif isinstance(n, cir.Var) and n.kind == "func":
            add("function used as a value")
        elif isinstance(n, cir.IncDec) and isinstance(n.arg.ty, PtrT | ArrayT):
            add("pointer increment")
        elif isinstance(n, cir.Assign) and isinstance(n.lhs.ty, PtrT):
            if isinstance(n.lhs, cir.Var):
                if not (n.lhs.kind == "local" and _is_alloc(n.rhs)):
                    add(f"pointer `{n.lhs.name}` reassigned")
            elif _is_null(n.rhs):
                add("NULL stored as a pointer value")
        elif isinstance(n, cir.Binary):
            lp = isinstance(n.left.ty, PtrT | ArrayT | FuncT)
            rp = isinstance(n.right.ty, PtrT | ArrayT | FuncT)
            if lp and rp and n.op == "-":
                add("pointer difference")
            elif lp and rp and not (_is_null(n.left) or _is_null(n.right)):
                add("pointer comparison")
        elif isinstance(n, cir.Return) and n.value is not None and isinstance(fn.ret, PtrT):
            core = _strip(n.value)
            if _is_null(n.value):
                add("returns NULL")
            elif not _is_alloc(n.value) and not isinstance(core, cir.Var):
                add("returns a pointer into existing memory")
            elif isinstance(core, cir.Var) and core.kind == "param":
                add("returns a pointer parameter")
    return reasons


def _struct_reasons(structs: Mapping[str, cir.StructDef]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, sd in structs.items():
        rs = []
        for fname, ft in sd.fields:
            bad = _bad_type(ft)
            if bad:
                rs.append(f"{bad} field `{fname}`")
        if _reaches(name, name, structs, set()):
            rs.append("self-referential")
        if rs:
            out[name] = rs
    return out


def _reaches(src: str, dst: str, structs: Mapping[str, cir.StructDef], seen: set[str]) -> bool:
    """Whether struct ``src`` holds a pointer leading (through structs) to ``dst``."""
    sd = structs.get(src)
    if sd is None:
        return False
    for _, ft in sd.fields:
        through_ptr = False
        for t in _types_in(ft):
            through_ptr = through_ptr or isinstance(t, PtrT)
            if isinstance(t, StructT):
                if t.name == dst and through_ptr:
                    return True
                if t.name not in seen:
                    seen.add(t.name)
                    if _reaches(t.name, dst, structs, seen):
                        return True
    return False


def _has_pointer(name: str, structs: Mapping[str, cir.StructDef], seen: frozenset[str]) -> bool:
    sd = structs.get(name)
    if sd is None:
        return False
    for _, ft in sd.fields:
        for t in _types_in(ft):
            if isinstance(t, PtrT):
                return True
            if isinstance(t, StructT) and t.name not in seen:
                if _has_pointer(t.name, structs, seen | {name}):
                    return True
    return False


def _mentioned_structs(fn: cir.Function) -> set[str]:
    out = _structs_of(fn.ret)
    for p in fn.params:
        out |= _structs_of(p.ty)
    if fn.body is not None:
        for n in walk(fn.body):
            ty = getattr(n, "ty", None)
            if ty is not None:
                out |= _structs_of(ty)
    return out


def _carries_pointers(fn: cir.Function) -> bool:
    return any(isinstance(t, PtrT | ArrayT | StructT) for t in (fn.ret, *(p.ty for p in fn.params)))


# slice refusals the checked model cannot fix either (it would stub them the same way)
NO_FALLBACK = frozenset({"C2S105", "C2S107", "C2S108", "C2S109", "C2S110", "C2S112"})


def fallback_seeds(failures: Mapping[str, str], facts: ModelFacts) -> dict[str, str]:
    """Functions the slice emitter refused (``code message``) that are not checked yet and
    whose refusal the checked model may lift: the reasons for a new ``infer`` round."""
    return {
        name: f"slice translation refused: {why}"
        for name, why in failures.items()
        if name not in facts.checked_functions and why.split(" ", 1)[0] not in NO_FALLBACK
    }


def seeds_of(facts: ModelFacts) -> dict[str, str]:
    """The seeds an earlier round was given (kept so rounds only grow)."""
    return {
        n: rs[0]
        for n, rs in facts.checked_functions.items()
        if rs and rs[0].startswith("slice translation refused")
    }


def infer(
    functions: Mapping[str, cir.Function],
    structs: Mapping[str, cir.StructDef],
    seeds: Mapping[str, str] | None = None,
    stubbed: frozenset[str] = frozenset(),
    crossable: frozenset[str] = frozenset(),
) -> ModelFacts:
    """Choose the model per function and struct (see the module docstring). ``seeds`` are
    functions the slice emitter refused, with the refusal as their reason; ``stubbed`` are
    functions the lowering refused (no body): they follow their callers' model, so their
    stubs keep the signature the callers use. A ``crossable`` callee (see ``crossable``)
    stays in the slice model under a checked caller: the call copies its buffers across."""
    facts = ModelFacts()
    for name, why in (seeds or {}).items():
        facts.checked_functions[name] = [why]
    struct_local = _struct_reasons(structs)
    for name, rs in struct_local.items():
        facts.checked_structs[name] = list(rs)
    mentions = {n: _mentioned_structs(f) for n, f in functions.items() if f.body is not None}
    for name, fn in functions.items():
        if fn.body is None:
            continue
        rs = local_reasons(fn)
        if rs and not _calls_undefined(fn, functions):
            facts.checked_functions.setdefault(name, []).extend(rs)
    for fn in functions.values():  # targets of function pointers take checked arguments
        if fn.body is None:
            continue
        for n in walk(fn.body):
            if isinstance(n, cir.Var) and n.kind == "func" and n.name in functions:
                target = functions[n.name]
                why = "its address is taken (called through a function pointer)"
                if target.body is not None and _carries_pointers(target):
                    reasons = facts.checked_functions.setdefault(n.name, [])
                    if why not in reasons:
                        reasons.append(why)
    # pointer-carrying call edges, both directions
    edges: dict[str, set[str]] = {n: set() for n in functions}
    for name, fn in functions.items():
        if fn.body is None:
            continue
        for n in walk(fn.body):
            if isinstance(n, cir.Call) and n.func in functions:
                callee = functions[n.func]
                if (callee.body is not None or n.func in stubbed) and _carries_pointers(callee):
                    if n.func not in crossable:
                        edges[name].add(n.func)
                    edges.setdefault(n.func, set()).add(name)
    changed = True
    while changed:
        changed = False
        for name, used in mentions.items():
            if name in facts.checked_functions:
                for s in sorted(used):
                    if s not in facts.checked_structs and _has_pointer(s, structs, frozenset()):
                        facts.checked_structs[s] = [f"holds pointers and is used by `{name}`"]
                        changed = True
                continue
            hit = sorted(used & set(facts.checked_structs))
            if hit:
                facts.checked_functions[name] = [f"uses struct `{hit[0]}` (checked)"]
                changed = True
        for name in list(facts.checked_functions):
            for other in sorted(edges.get(name, ())):
                if other not in facts.checked_functions and (
                    functions[other].body is not None or other in stubbed
                ):
                    facts.checked_functions[other] = [f"exchanges pointers with `{name}` (checked)"]
                    changed = True
        for name, sd in structs.items():  # a struct holding a checked struct is checked
            if name in facts.checked_structs:
                continue
            inner = sorted(_structs_of_fields(sd) & set(facts.checked_structs))
            if inner:
                facts.checked_structs[name] = [f"holds struct `{inner[0]}` (checked)"]
                changed = True
    _ownership(functions, structs, facts)
    return facts


def crossable(
    functions: Mapping[str, cir.Function],
    mut_params: Mapping[str, frozenset[str]],
    may: Mapping[str, Mapping[str, int | None]],
) -> frozenset[str]:
    """Functions a checked caller can call in the slice model by copying: every pointer
    parameter points to scalars and has a known bound on the elements it touches (``may``,
    from analyses/extents), at most one is written, and no pointer or struct is passed by
    value or returned. The copy is that many elements (fewer if the object ends first)."""
    out: set[str] = set()
    for name, fn in functions.items():
        if fn.body is None or isinstance(fn.ret, PtrT | StructT | ArrayT):
            continue
        ok = True
        writes = 0
        for p in fn.params:
            if isinstance(p.ty, StructT):
                ok = False
            elif isinstance(p.ty, PtrT):
                tgt = p.ty.target
                bound = may.get(name, {}).get(p.name)
                if not isinstance(tgt, IntT | FloatT) or bound is None:
                    ok = False
                writes += p.name in mut_params.get(name, frozenset())
        if ok and writes <= 1 and any(isinstance(p.ty, PtrT) for p in fn.params):
            out.add(name)
    return frozenset(out)


def _calls_undefined(fn: cir.Function, functions: Mapping[str, cir.Function]) -> bool:
    """A call to a function defined nowhere that neither runtime models: the function is a
    stub in both models (C2S105), so it keeps the slice model and its diagnostic."""
    assert fn.body is not None
    for n in walk(fn.body):
        if isinstance(n, cir.Call) and n.callee is None and n.func not in CHECKED_LIBC:
            callee = functions.get(n.func)
            if (callee is None or callee.body is None) and n.func not in KNOWN_EXTERNAL:
                return True
    return False


def _structs_of_fields(sd: cir.StructDef) -> set[str]:
    out: set[str] = set()
    for _, ft in sd.fields:
        out |= _structs_of(ft)
    return out


def _ownership(
    functions: Mapping[str, cir.Function], structs: Mapping[str, cir.StructDef], facts: ModelFacts
) -> None:
    """Fill the ownership-upgrade facts (candidates only; emission keeps checked pointers)."""
    malloced: set[str] = set()
    freed_types: set[str] = set()
    field_addr: set[str] = set()
    compared: set[str] = set()
    for name, fn in functions.items():
        if fn.body is None:
            continue
        for n in walk(fn.body):
            if isinstance(n, cir.Cast) and _is_alloc(n.arg) and isinstance(n.ty, PtrT):
                if isinstance(n.ty.target, StructT):
                    malloced.add(n.ty.target.name)
            if isinstance(n, cir.Decl | cir.Assign):
                ty = n.ty if isinstance(n, cir.Decl) else n.lhs.ty
                init = n.init if isinstance(n, cir.Decl) else n.rhs
                if init is not None and _is_alloc(init) and isinstance(ty, PtrT):
                    if isinstance(ty.target, StructT):
                        malloced.add(ty.target.name)
            if isinstance(n, cir.Call) and n.func == "free" and n.args:
                t = n.args[0].ty
                if isinstance(t, PtrT) and isinstance(t.target, StructT):
                    freed_types.add(t.target.name)
            if isinstance(n, cir.Call) and n.func == "realloc" and n.args:
                facts.grown_arrays.setdefault(name, set()).add(_lvalue_text(n.args[0]))
            if isinstance(n, cir.AddrOf) and isinstance(n.arg, cir.Member):
                if isinstance(n.arg.ty, PtrT) and isinstance(n.arg.ty.target, StructT):
                    field_addr.add(n.arg.ty.target.name)
            if isinstance(n, cir.Binary) and n.op in ("==", "!=", "<", ">", "<=", ">="):
                if not (_is_null(n.left) or _is_null(n.right)):
                    for side in (n.left, n.right):
                        if isinstance(side.ty, PtrT) and isinstance(side.ty.target, StructT):
                            compared.add(side.ty.target.name)
            if isinstance(n, cir.Var) and n.kind == "func" and isinstance(n.ty, FuncT):
                facts.fn_targets.setdefault(str(n.ty), set()).add(n.name)
    for s in structs:
        if (
            _reaches(s, s, structs, set())
            and s in malloced
            and s in freed_types
            and s not in field_addr
            and s not in compared
        ):
            facts.owned_nodes.add(s)


def _lvalue_text(e: cir.Expr) -> str:
    e = _strip(e)
    if isinstance(e, cir.Var):
        return e.name
    if isinstance(e, cir.Member):
        return f"{_lvalue_text(e.base)}{'->' if e.arrow else '.'}{e.field}"
    return "<expr>"

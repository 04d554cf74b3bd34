"""Differential testing: the input model (shapes, values, PRNG) and the function plans.

A *shape* says what a C parameter, field or return value looks like to the harness:
a scalar (``ScalarS``: an integer or bool), a pointer-free struct passed by value
(``StructS``), a buffer (``BufS``: a pointer parameter or pointer field; its element is a
scalar or a struct, and structs may themselves hold buffers, as streaming states do), or a
fixed-size array field (``ArrS``). A struct holding pointers is either owned (``Box<[T]>``
fields) or borrowed (``S<'a>`` with ``&'a [T]``/``&'a mut [T]`` fields), as the translator
decided (``Program.is_borrowed``); ``Plans.borrowed`` names the borrowed ones. A *value*
mirrors its shape: ``int``, ``StructV``, ``BufV``, ``ArrV``.

``plan_functions`` decides, from the linked program and the translated crate, which
functions can be tested and how; every function it does not plan gets a precise reason
(``Skip``). Guarantees: a plan only contains shapes the harness generator can express on
both sides (a Rust value and its ``#[repr(C)]`` mirror); the Rust parameter kinds
(``&[T]``/``&mut [T]``/by value) are the translator's own (``FunctionEmitter.param_type``).

``Rng`` is a small deterministic generator (splitmix64) so a seed reproduces every case on
any machine and Python version.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyses.callgraph import build, reachable
from translator import cir
from translator.cir_to_rust import (
    RUNTIME_FUNCS,
    FunctionEmitter,
    Program,
    TranslateError,
    ident,
    return_type,
)
from translator.ctypes_model import ArrayT, BoolT, CType, IntT, PtrT, StructT, VoidT, sizeof
from translator.emit_module import module_of_file

# ------------------------------------------------------------------ shapes


@dataclass(frozen=True)
class ScalarS:
    """An integer (``IntT``) or a C ``bool``."""

    ty: IntT | BoolT

    @property
    def size(self) -> int:
        return 1 if isinstance(self.ty, BoolT) else self.ty.bits // 8

    @property
    def rust(self) -> str:
        return "bool" if isinstance(self.ty, BoolT) else self.ty.rust

    @property
    def c(self) -> str:
        return "_Bool" if isinstance(self.ty, BoolT) else C_INT[self.ty.rust]

    @property
    def signed(self) -> bool:
        return isinstance(self.ty, IntT) and self.ty.signed

    @property
    def bits(self) -> int:
        return 1 if isinstance(self.ty, BoolT) else self.ty.bits


@dataclass(frozen=True)
class StructS:
    name: str


@dataclass(frozen=True)
class BufS:
    """A pointer: a buffer of ``elem``; ``mut`` is the Rust parameter's ``&mut``."""

    elem: ScalarS | StructS
    mut: bool = True


@dataclass(frozen=True)
class ArrS:
    elem: ScalarS | StructS
    n: int


Shape = ScalarS | StructS | BufS | ArrS

C_INT = {
    "u8": "uint8_t",
    "i8": "int8_t",
    "u16": "uint16_t",
    "i16": "int16_t",
    "u32": "uint32_t",
    "i32": "int32_t",
    "u64": "uint64_t",
    "i64": "int64_t",
    "usize": "size_t",
    "isize": "ptrdiff_t",
    "u128": "unsigned __int128",
    "i128": "__int128",
}

# ------------------------------------------------------------------ values


@dataclass
class StructV:
    name: str
    fields: list[Value]


@dataclass
class BufV:
    """A buffer value. ``need`` is how many elements the C may touch (from the oracle);
    the buffer holds ``need`` plus slack elements, all compared after the call."""

    elem: ScalarS | StructS
    items: list[Any] = field(default_factory=list)  # ints, or StructV for struct elements
    need: int = 0


@dataclass
class ArrV:
    elem: ScalarS | StructS
    items: list[Any] = field(default_factory=list)  # ints, or StructV for struct elements


Value = int | StructV | BufV | ArrV


def copy_value(v: Value) -> Value:
    if isinstance(v, int):
        return v
    if isinstance(v, StructV):
        return StructV(v.name, [copy_value(f) for f in v.fields])
    if isinstance(v, BufV):
        return BufV(v.elem, _copy_items(v.items), v.need)
    return ArrV(v.elem, _copy_items(v.items))


def _copy_items(items: list[Any]) -> list[Any]:
    return [copy_value(it) for it in items]


def wrap_int(value: int, s: ScalarS) -> int:
    if isinstance(s.ty, BoolT):
        return 1 if value else 0
    mask = (1 << s.ty.bits) - 1
    v = value & mask
    if s.ty.signed and v >= 1 << (s.ty.bits - 1):
        v -= 1 << s.ty.bits
    return v


def pack_scalars(items: list[int], s: ScalarS) -> bytes:
    """Little-endian bytes of scalar elements (two's complement)."""
    n = s.size
    mask = (1 << (8 * n)) - 1
    return b"".join((v & mask).to_bytes(n, "little") for v in items)


def unpack_scalars(data: bytes, s: ScalarS) -> list[int]:
    n = s.size
    return [wrap_int(int.from_bytes(data[i : i + n], "little"), s) for i in range(0, len(data), n)]


# ------------------------------------------------------------------ PRNG


class Rng:
    """splitmix64: tiny, fast enough, and identical everywhere."""

    def __init__(self, seed: int) -> None:
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    @staticmethod
    def derive(seed: int, *labels: str) -> Rng:
        h = hashlib.sha256(("\0".join([str(seed), *labels])).encode()).digest()
        return Rng(int.from_bytes(h[:8], "little"))

    def next64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def bits(self, n: int) -> int:
        out, have = 0, 0
        while have < n:
            out |= self.next64() << have
            have += 64
        return out & ((1 << n) - 1)

    def below(self, n: int) -> int:
        """Uniform in ``[0, n)`` (n >= 1)."""
        if n <= 1:
            return 0
        k = n.bit_length() + 8
        return self.bits(k) % n

    def chance(self, p: float) -> bool:
        return self.next64() < int(p * 2.0**64)

    def choice(self, xs: list[int]) -> int:
        return xs[self.below(len(xs))]

    def randbytes(self, n: int) -> bytes:
        out = bytearray()
        while len(out) < n:
            out += self.next64().to_bytes(8, "little")
        return bytes(out[:n])


# ------------------------------------------------------------------ plans


@dataclass(frozen=True)
class Param:
    name: str
    rust: str  # the Rust identifier
    shape: Shape


@dataclass
class FnPlan:
    """How to test one function: its shapes and where it lives on both sides."""

    key: str  # the linked program's key (``name`` or ``name@stem``)
    c_name: str
    rust_name: str
    module: str
    unit: str  # the .c file whose translation unit defines (or includes) it
    file: str  # the file defining it (a .c, or a header for header helpers)
    line: int
    params: list[Param]
    ret: ScalarS | StructS | BufS | None
    header: bool = False  # a helper defined in a header, copied into ``module``
    public: bool = True  # ``pub`` in the translated crate (not static, not a header helper)
    rust_sig: str = ""  # the translated signature (``FunctionEmitter.signature``)
    case_values: list[int] = field(default_factory=list)  # switch cases of reachable code
    constants: list[int] = field(default_factory=list)  # compared constants of reachable code
    cases_hint: int = 0  # 1 when the function takes no inputs at all

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Skip:
    """A function that is not covered, and why."""

    key: str
    c_name: str
    module: str
    file: str
    line: int
    reason: str
    header: bool = False


@dataclass
class Plans:
    plans: list[FnPlan]
    skipped: list[Skip]
    structs: dict[str, list[tuple[str, Shape]]]  # every struct a plan's shapes reach
    struct_modules: dict[str, str]
    borrowed: set[str] = field(default_factory=set)  # ``S<'a>`` structs (slice fields)


class ShapeError(Exception):
    pass


def scalar_shape(t: CType) -> ScalarS | None:
    if isinstance(t, IntT) and t.rust in C_INT:
        return ScalarS(t)
    if isinstance(t, BoolT):
        return ScalarS(t)
    return None


class Shaper:
    def __init__(self, prog: Program) -> None:
        self.prog = prog
        self.structs: dict[str, list[tuple[str, Shape]]] = {}
        self.borrowed: set[str] = set()

    def struct(self, name: str, stack: tuple[str, ...] = ()) -> StructS:
        if name in stack:
            raise ShapeError(f"recursive struct `{name}`")
        if name.startswith("anon_struct_"):
            raise ShapeError(f"anonymous struct `{name}` has no C spelling")
        sd = self.prog.structs.get(name)
        if sd is None:
            raise ShapeError(f"struct `{name}` has no definition")
        if name not in self.structs:
            borrowed = _is_borrowed(self.prog, name)
            fields: list[tuple[str, Shape]] = []
            for fname, fty in sd.fields:
                what = f"{name}.{fname}"
                fs = self.field(fty, stack + (name,), what)
                if borrowed and isinstance(fs, BufS):
                    if isinstance(fs.elem, StructS):
                        raise ShapeError(f"{what}: a borrowed field pointing to structs")
                    fs = BufS(fs.elem, _field_is_mut(self.prog, name, fname))
                fields.append((fname, fs))
            self.structs[name] = fields
            if borrowed:
                self.borrowed.add(name)
        return StructS(name)

    def elem(self, t: CType, stack: tuple[str, ...], what: str) -> ScalarS | StructS:
        s = scalar_shape(t)
        if s is not None:
            return s
        if isinstance(t, StructT):
            return self.struct(t.name, stack)
        raise ShapeError(f"{what}: element type {t} is not an integer or a struct")

    def field(self, t: CType, stack: tuple[str, ...], what: str) -> Shape:
        s = scalar_shape(t)
        if s is not None:
            return s
        if isinstance(t, StructT):
            return self.struct(t.name, stack)
        if isinstance(t, PtrT):
            return BufS(self.elem(t.target, stack, what))
        if isinstance(t, ArrayT):
            if t.size is None:
                raise ShapeError(f"{what}: flexible array member")
            return ArrS(self.elem(t.elem, stack, what), t.size)
        raise ShapeError(f"{what}: type {t} is not supported")

    def pointer_free(self, name: str) -> bool:
        return not self.prog.has_pointers(StructT(name))


_FN_DEF = re.compile(r"^(?:pub(?:\([^)]*\))? )?fn (?:r#)?(\w+)\s*[(<]", re.M)


def _collect_dictionary(
    prog: Program, roots: set[str], graph: object
) -> tuple[list[int], list[int]]:
    """Integer constants of the reachable code: switch cases, and compared constants."""
    from analyses.walk import walk

    cases: list[int] = []
    others: list[int] = []
    names = reachable(graph, roots)
    for n in sorted(names):
        fn = prog.functions.get(n)
        if fn is None or fn.body is None:
            continue
        for node in walk(fn.body):
            if isinstance(node, cir.Case):
                cases.extend(node.values)
            elif isinstance(node, cir.Binary) and node.op in ("==", "!=", "<", "<=", ">", ">="):
                for side in (node.left, node.right):
                    while isinstance(side, cir.Cast):
                        side = side.arg
                    if isinstance(side, cir.IntLit):
                        others.append(side.value)
    return _dedup(cases)[:64], _dedup(others)[:64]


def _dedup(xs: list[int]) -> list[int]:
    seen: set[int] = set()
    out: list[int] = []
    for v in xs:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def plan_functions(
    prog: Program,
    sources: list[str],
    c_modules: dict[str, str],
    module_texts: dict[str, str],
    statuses: dict[str, tuple[str, str]],
    patterns: list[str] | None,
) -> Plans:
    """Decide which functions to test.

    ``sources``: the crate's C files; ``module_texts``: module name -> Rust text of the
    translated crate; ``statuses``: function key -> (status, first diagnostic) from
    ``c2safe-report.json`` (empty without a report: then the functions defined in the
    crate's text are the candidates, and stubs are recognised by their panic message).
    """
    unit_of_module = {module_of_file(s, c_modules): s for s in sources}
    shaper = Shaper(prog)
    graph = build(prog.functions)
    plans: list[FnPlan] = []
    skipped: list[Skip] = []
    defined: dict[str, list[str]] = {}  # rust fn name -> modules defining it
    for mod, text in module_texts.items():
        for m in _FN_DEF.finditer(text):
            defined.setdefault(m.group(1), []).append(mod)
    stubbed: dict[str, str] = {}
    for key, (status, diag) in statuses.items():
        if status != "translated":
            stubbed[key] = diag
    for key in prog.functions:
        marker = f"c2safe: `{key}` was not translated"
        if key not in stubbed and any(marker in t for t in module_texts.values()):
            stubbed[key] = "stubbed in the translation"
    for key, fn in sorted(prog.functions.items(), key=lambda kv: (kv[1].file, kv[1].span.line)):
        if key in RUNTIME_FUNCS:
            continue
        header = not fn.file.endswith(".c")
        if header:
            if fn.body is None:
                continue
            mods = sorted(m for m in defined.get(fn.c_name, []) if m in module_texts)
            # a header helper defined differently by two units is linked per unit
            # (``name@stem``, see translator/link.py): test each copy in its own module
            if "@" in key:
                mods = [m for m in mods if m == c_modules.get(key.split("@", 1)[1])]
            else:
                variants = {
                    c_modules.get(k.split("@", 1)[1])
                    for k in prog.functions
                    if k.startswith(fn.c_name + "@")
                }
                mods = [m for m in mods if m not in variants]
            if not mods:
                continue  # not copied into any module: not part of the crate
            module = mods[0]
            unit = unit_of_module.get(module, "")
        else:
            module = module_of_file(fn.file, c_modules)
            unit = fn.file
            if statuses and key not in statuses:
                continue
            if not statuses and module not in defined.get(fn.c_name, []):
                continue  # no report: the crate's own text says what was translated
        if patterns and not any(
            fnmatch.fnmatchcase(fn.c_name, p) or fnmatch.fnmatchcase(key, p) for p in patterns
        ):
            continue

        def skip(reason: str, fn: cir.Function = fn, module: str = module, key: str = key) -> None:
            skipped.append(
                Skip(
                    key,
                    fn.c_name,
                    module,
                    fn.file,
                    fn.span.line,
                    reason,
                    not fn.file.endswith(".c"),
                )
            )

        if key in stubbed:
            skip(f"not translated ({stubbed[key]})")
            continue
        if not unit:
            skip("no C file of the crate includes this header helper")
            continue
        bad = sorted(n for n in reachable(graph, {key}) if n in stubbed and n != key)
        if bad:
            skip(f"calls `{bad[0]}`, which was not translated ({stubbed[bad[0]]})")
            continue
        try:
            params, ret = _shapes(prog, fn, shaper)
        except ShapeError as e:
            skip(str(e))
            continue
        except TranslateError as e:
            skip(f"signature not translatable: {e.code} {e.message}")
            continue
        case_values, constants = _collect_dictionary(prog, {key}, graph)
        plan = FnPlan(
            key,
            fn.c_name,
            ident(fn.c_name),
            module,
            unit,
            fn.file,
            fn.span.line,
            params,
            ret,
            header,
            not header and not fn.static,
            FunctionEmitter(prog, fn, set()).signature(),
            case_values,
            constants,
        )
        if not params:
            plan.cases_hint = 1
        plans.append(plan)
    struct_modules: dict[str, str] = {}
    for name in shaper.structs:
        sd = prog.structs[name]
        mod = module_of_file(sd.file, c_modules)
        if mod not in module_texts:
            mod = next((m for m, t in module_texts.items() if f"pub struct {name} " in t), mod)
        struct_modules[name] = mod
    return Plans(plans, skipped, shaper.structs, struct_modules, shaper.borrowed)


def _shapes(
    prog: Program, fn: cir.Function, shaper: Shaper
) -> tuple[list[Param], ScalarS | StructS | BufS | None]:
    em = FunctionEmitter(prog, fn, set())
    params: list[Param] = []
    for p in fn.params:
        rust_ty = em.param_type(p)
        t = p.ty
        what = f"parameter `{p.name}`"
        s = scalar_shape(t)
        if s is not None:
            params.append(Param(p.name, ident(p.name), s))
            continue
        if isinstance(t, PtrT):
            elem = shaper.elem(t.target, (), what)
            mut = rust_ty.startswith("&mut [")
            if not (mut or rust_ty.startswith("&[")):
                raise ShapeError(f"{what}: unexpected Rust type `{rust_ty}`")
            params.append(Param(p.name, ident(p.name), BufS(elem, mut)))
            continue
        if isinstance(t, StructT):
            st = shaper.struct(t.name)
            if not shaper.pointer_free(t.name):
                raise ShapeError(f"{what}: struct holding pointers passed by value")
            params.append(Param(p.name, ident(p.name), st))
            continue
        raise ShapeError(f"{what} has type {t}, which the harness cannot build")
    rt = fn.ret
    return_type(prog, fn)  # raises for untranslatable returns
    ret: ScalarS | StructS | BufS | None
    if isinstance(rt, VoidT):
        ret = None
    elif scalar_shape(rt) is not None:
        ret = scalar_shape(rt)
    elif isinstance(rt, StructT):
        ret = shaper.struct(rt.name)
        if not shaper.pointer_free(rt.name):
            raise ShapeError("returns a struct holding pointers by value")
    elif isinstance(rt, PtrT):
        ret = BufS(shaper.elem(rt.target, (), "return value"))
    else:
        raise ShapeError(f"return type {rt} is not supported")
    return params, ret


def _is_borrowed(prog: Program, name: str) -> bool:
    """``S<'a>`` with slice fields; otherwise pointer fields are owned ``Box<[T]>``."""
    return prog.is_borrowed(StructT(name))


def _field_is_mut(prog: Program, struct: str, fname: str) -> bool:
    return prog.field_is_mut(struct, fname)


def struct_size(prog: Program, name: str) -> int:
    return sizeof(StructT(name), prog.struct_fields())


def crate_modules(out: Path) -> dict[str, str]:
    """Module name -> Rust text, for every module of a translated crate."""
    texts: dict[str, str] = {}
    for f in sorted((out / "src").glob("*.rs")):
        if f.stem in ("lib", "krml"):
            continue
        texts[f.stem] = f.read_text()
    return texts

"""The C type model of CIR (LP64 data model, as gcc on x86_64/aarch64 Linux).

Types are frozen dataclasses, compared structurally. Integer conversion rules
(promotions, usual arithmetic conversions) live here so every pass agrees.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IntT:
    """An integer type. ``rust`` is its Rust spelling (``u8``, ``i32``, ``usize``)."""

    rust: str
    bits: int
    signed: bool
    rank: int  # C conversion rank: bool 0, char 1, short 2, int 3, long 4, long long 5

    def __str__(self) -> str:
        return self.rust


@dataclass(frozen=True)
class BoolT:
    def __str__(self) -> str:
        return "bool"


@dataclass(frozen=True)
class VoidT:
    def __str__(self) -> str:
        return "void"


@dataclass(frozen=True)
class FloatT:
    rust: str

    def __str__(self) -> str:
        return self.rust


@dataclass(frozen=True)
class PtrT:
    target: CType
    const: bool = False

    def __str__(self) -> str:
        return f"{self.target}*"


@dataclass(frozen=True)
class ArrayT:
    elem: CType
    size: int | None

    def __str__(self) -> str:
        return f"{self.elem}[{'' if self.size is None else self.size}]"


@dataclass(frozen=True)
class StructT:
    name: str  # the C tag or typedef name used as the Rust struct name

    def __str__(self) -> str:
        return f"struct {self.name}"


@dataclass(frozen=True)
class FuncT:
    ret: CType
    params: tuple[CType, ...]
    variadic: bool = False

    def __str__(self) -> str:
        return f"{self.ret}({', '.join(map(str, self.params))})"


CType = IntT | BoolT | VoidT | FloatT | PtrT | ArrayT | StructT | FuncT

I8 = IntT("i8", 8, True, 1)
U8 = IntT("u8", 8, False, 1)
I16 = IntT("i16", 16, True, 2)
U16 = IntT("u16", 16, False, 2)
I32 = IntT("i32", 32, True, 3)
U32 = IntT("u32", 32, False, 3)
I64 = IntT("i64", 64, True, 4)
U64 = IntT("u64", 64, False, 4)
USIZE = IntT("usize", 64, False, 4)  # size_t: unsigned long, spelled usize
ISIZE = IntT("isize", 64, True, 4)
I128 = IntT("i128", 128, True, 6)
U128 = IntT("u128", 128, False, 6)
BOOL = BoolT()
VOID = VoidT()
INT = I32


def is_int(t: CType) -> bool:
    return isinstance(t, IntT | BoolT)


def is_scalar(t: CType) -> bool:
    return isinstance(t, IntT | BoolT | FloatT)


def is_pointer_like(t: CType) -> bool:
    return isinstance(t, PtrT | ArrayT)


def pointee(t: CType) -> CType:
    if isinstance(t, PtrT):
        return t.target
    if isinstance(t, ArrayT):
        return t.elem
    raise TypeError(f"not a pointer: {t}")


def promote(t: CType) -> CType:
    """Integer promotion: types of rank below int become int."""
    if isinstance(t, BoolT):
        return INT
    if isinstance(t, IntT) and t.rank < INT.rank:
        return INT
    return t


def _unsigned_of(t: IntT) -> IntT:
    return {"i8": U8, "i16": U16, "i32": U32, "i64": U64, "isize": USIZE, "i128": U128}.get(
        t.rust, t
    )


def usual_arith(a: CType, b: CType) -> CType:
    """The usual arithmetic conversions (C11 6.3.1.8) for integer operands."""
    if isinstance(a, FloatT) or isinstance(b, FloatT):
        if isinstance(a, FloatT) and isinstance(b, FloatT):
            return a if a.rust == "f64" else b
        return a if isinstance(a, FloatT) else b
    pa, pb = promote(a), promote(b)
    assert isinstance(pa, IntT) and isinstance(pb, IntT)
    if pa == pb:
        return pa
    if pa.signed == pb.signed:
        if pa.rank != pb.rank:
            return pa if pa.rank > pb.rank else pb
        # same rank, same signedness but different spelling (u64 vs usize): prefer usize
        return pa if pa.rust.endswith("size") else pb
    u, s = (pa, pb) if not pa.signed else (pb, pa)
    if u.rank >= s.rank:
        return u
    if s.bits > u.bits:
        return s
    return _unsigned_of(s)


def sizeof(t: CType, structs: dict[str, list[tuple[str, CType]]] | None = None) -> int:
    if isinstance(t, IntT):
        return t.bits // 8
    if isinstance(t, BoolT):
        return 1
    if isinstance(t, FloatT):
        return 8 if t.rust == "f64" else 4
    if isinstance(t, PtrT):
        return 8
    if isinstance(t, ArrayT):
        if t.size is None:
            raise ValueError("sizeof incomplete array")
        return t.size * sizeof(t.elem, structs)
    if isinstance(t, StructT):
        if structs is None or t.name not in structs:
            raise ValueError(f"sizeof unknown struct {t.name}")
        size, align = 0, 1
        for _, ft in structs[t.name]:
            fs = sizeof(ft, structs)
            fa = alignof(ft, structs)
            size = (size + fa - 1) // fa * fa + fs
            align = max(align, fa)
        return (size + align - 1) // align * align
    raise ValueError(f"sizeof {t}")


def alignof(t: CType, structs: dict[str, list[tuple[str, CType]]] | None = None) -> int:
    """C alignment (x86-64 SysV): scalars their size (at most 16), arrays their element's,
    structs their strictest field's."""
    if isinstance(t, ArrayT):
        return alignof(t.elem, structs)
    if isinstance(t, StructT):
        if structs is None or t.name not in structs:
            raise ValueError(f"alignof unknown struct {t.name}")
        return max((alignof(ft, structs) for _, ft in structs[t.name]), default=1)
    return max(1, min(sizeof(t, structs), 16))


def field_offsets(
    name: str, structs: dict[str, list[tuple[str, CType]]]
) -> dict[str, tuple[int, CType]]:
    """Byte offset and type of each field of struct ``name``, as gcc lays it out."""
    out: dict[str, tuple[int, CType]] = {}
    size = 0
    for fname, ft in structs[name]:
        fa = alignof(ft, structs)
        size = (size + fa - 1) // fa * fa
        out[fname] = (size, ft)
        size += sizeof(ft, structs)
    return out


def wrap(value: int, t: IntT) -> int:
    """``value`` converted to ``t`` with C's modular semantics."""
    mask = (1 << t.bits) - 1
    v = value & mask
    if t.signed and v >= 1 << (t.bits - 1):
        v -= 1 << t.bits
    return v

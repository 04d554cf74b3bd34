"""Differential testing: case generation and shrinking, with the bounds oracle as gate.

A case is a list of argument values (see ``difftest_model``). Generation draws the
scalars first (small values, lengths, constants of the reachable code, edges, full-range
values; later attempts draw from narrower ranges), asks the oracle for the buffer needs,
and only then fills each buffer with ``need`` elements plus slack (64 bytes, or none in a
quarter of the cases, so a translation that wrongly depends on a slice's length is caught).

Guarantee: every case ``CaseGen.generate`` or ``CaseGen.candidates`` returns was accepted
by the oracle with its current scalars, and every buffer holds at least its need.
Shrinking candidates are strictly smaller in the order (sum of |scalars|, total buffer
length, number of non-zero buffer elements), so shrinking terminates.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from translator.ctypes_model import CType, StructT
from translator.difftest_model import (
    ArrS,
    ArrV,
    BufS,
    BufV,
    FnPlan,
    Rng,
    ScalarS,
    Shape,
    StructS,
    StructV,
    Value,
    copy_value,
    pack_scalars,
    unpack_scalars,
    wrap_int,
)
from translator.difftest_oracle import (
    Oracle,
    Outcome,
    Ptr,
    Region,
    Reject,
    StructVal,
    Unsupported,
)

SLACK_BYTES = 64
# a function whose only inputs are integer buffers gets the same oracle answer for every
# case: it is interpreted once, with this larger step budget
FIXED_BUDGET = 1_500_000
# bit caps for the scalars of attempts 1, 2, ... (attempt 0 draws from the full range)
ATTEMPT_BITS = (16, 11, 9, 7, 5, 3, 1)


@dataclass
class Case:
    values: list[Value]
    outcome: Outcome


def elem_ctype(s: ScalarS | StructS) -> CType:
    return s.ty if isinstance(s, ScalarS) else StructT(s.name)


class CaseGen:
    def __init__(
        self,
        plan: FnPlan,
        structs: dict[str, list[tuple[str, Shape]]],
        oracle: Oracle,
        rng: Rng,
    ) -> None:
        self.plan = plan
        self.structs = structs
        self.oracle = oracle
        self.rng = rng
        self.rejects: Counter[str] = Counter()
        self.exit_redraws = 0
        self.deadline: float | None = None  # time.monotonic() after which drafts stop
        # oracle answers by scalar arguments, for functions whose other inputs are buffers
        self._cache: dict[tuple[int, ...], tuple[Outcome, list[int]] | Reject] = {}
        self._keyed = all(
            isinstance(p.shape, ScalarS)
            or (isinstance(p.shape, BufS) and isinstance(p.shape.elem, ScalarS))
            for p in plan.params
        )
        self._fixed = self._keyed and not any(isinstance(p.shape, ScalarS) for p in plan.params)
        # scalar parameters seen to act as lengths: huge values exceeded the buffer cap
        self.lenlike: set[int] = set()

    # ---------------------------------------------------------------- scalars
    def gen_int(self, s: ScalarS, attempt: int, lenlike: bool = False) -> int:
        rng = self.rng
        if s.rust == "bool":
            return rng.below(2)
        bits = s.bits
        x = rng.below(100)
        cases, consts = self.plan.case_values, self.plan.constants
        if x < 17:
            v = rng.below(17)
        elif x < 22:
            v = rng.below(4)
        elif x < 33:
            v = rng.below(600)
        elif x < 65 and (cases or consts):
            if x < 55 and cases:
                v = rng.choice(cases)
            elif x >= 60 and consts:  # a multiple of one (block sizes: `len % 64 == 0`)
                v = rng.choice(consts) * rng.below(5)
            elif consts:  # a compared constant, or just below or above it
                v = rng.choice(consts) + rng.below(3) - 1
            else:
                v = rng.choice(cases)
        elif x < 65:
            v = rng.below(600)
        elif x < 72:
            edges = [0, 1, (1 << bits) - 1, (1 << bits) - 2, 1 << (bits - 1), (1 << (bits - 1)) - 1]
            v = rng.choice(edges)
        elif lenlike:  # a full-range length only makes the oracle loop to its cap
            v = rng.below(1 << min(bits, 12))
        else:
            v = rng.bits(bits)
        v = wrap_int(v, s)
        if attempt > 0:
            cap = ATTEMPT_BITS[min(attempt, len(ATTEMPT_BITS)) - 1]
            if cap < bits and not (-(1 << cap) <= v < (1 << cap)):
                v = rng.below(1 << cap)
        return v

    # ---------------------------------------------------------------- skeletons
    def skeleton(self, shape: Shape, attempt: int) -> Value:
        """Scalars drawn, struct buffers with one element, scalar buffers still empty."""
        if isinstance(shape, ScalarS):
            return self.gen_int(shape, attempt)
        if isinstance(shape, StructS):
            return StructV(
                shape.name, [self.skeleton(fs, attempt) for _, fs in self.structs[shape.name]]
            )
        if isinstance(shape, ArrS):
            if isinstance(shape.elem, ScalarS):
                return ArrV(shape.elem, self._data(shape.elem, shape.n))
            el = shape.elem
            return ArrV(el, [self._struct_skeleton(el, attempt) for _ in range(shape.n)])
        if isinstance(shape.elem, StructS):
            return BufV(shape.elem, [self._struct_skeleton(shape.elem, attempt)], 1)
        return BufV(shape.elem, [], 0)

    def _struct_skeleton(self, s: StructS, attempt: int) -> StructV:
        v = self.skeleton(s, attempt)
        assert isinstance(v, StructV)
        return v

    def _data(self, s: ScalarS, n: int) -> list[int]:
        rng = self.rng
        if s.rust == "bool":
            return [rng.below(2) for _ in range(n)]
        x = rng.below(10)
        if x == 0:
            return [0] * n
        if x == 1:
            return [wrap_int(-1, s)] * n
        if x == 2:
            return [rng.below(4) for _ in range(n)]
        return unpack_scalars(rng.randbytes(n * s.size), s)

    # ---------------------------------------------------------------- the oracle
    def _to_oracle(
        self, shape: Shape, v: Value, label: str, regions: list[tuple[BufV, Region]]
    ) -> Any:
        if isinstance(shape, ScalarS):
            assert isinstance(v, int)
            return v
        if isinstance(shape, StructS):
            assert isinstance(v, StructV)
            f: dict[str, Any] = {}
            for (fname, fs), fv in zip(self.structs[shape.name], v.fields, strict=True):
                f[fname] = self._to_oracle(fs, fv, f"{label}.{fname}", regions)
            return StructVal(shape.name, f)
        if isinstance(shape, ArrS):
            assert isinstance(v, ArrV)
            items = [self._to_oracle(shape.elem, it, label, regions) for it in v.items]
            ct = elem_ctype(shape.elem)
            return Region(label, ct, self.oracle.sizeof(ct), "fixed", shape.n, items)
        assert isinstance(v, BufV)
        ct = elem_ctype(shape.elem)
        structs: list[StructVal] | None = None
        if isinstance(shape.elem, StructS):
            structs = [
                self._to_oracle(shape.elem, it, f"{label}[{i}]", regions)
                for i, it in enumerate(v.items)
            ]
        r = self.oracle.param_region(label, ct, structs)
        regions.append((v, r))
        return Ptr(r, 0)

    def check(self, values: list[Value]) -> Outcome:
        """Run the oracle; set every buffer's need. Raises ``Reject``/``Unsupported``."""
        key: tuple[int, ...] | None = None
        if self._keyed:
            key = tuple(
                v for p, v in zip(self.plan.params, values, strict=True) if isinstance(v, int)
            )
            hit = self._cache.get(key)
            if isinstance(hit, Reject):
                raise hit
            if hit is not None:
                top = [v for v in values if isinstance(v, BufV)]
                for bv, need in zip(top, hit[1], strict=True):
                    bv.need = need
                return hit[0]
        bufs: list[BufV] = []

        def make_args() -> tuple[list[Any], list[Region]]:
            regions: list[tuple[BufV, Region]] = []
            args = [
                self._to_oracle(p.shape, v, p.name, regions)
                for p, v in zip(self.plan.params, values, strict=True)
            ]
            bufs[:] = [bv for bv, _ in regions]
            return args, [r for _, r in regions]

        try:
            out, needs = self.oracle.run_paths(
                self.plan.key, make_args, FIXED_BUDGET if self._fixed else None
            )
        except Reject as e:
            if key is not None:
                self._cache[key] = e
            raise
        for bv, need in zip(bufs, needs, strict=True):
            bv.need = len(bv.items) if isinstance(bv.elem, StructS) else need
        if key is not None:
            self._cache[key] = (out, [bv.need for bv in bufs])
        return out

    # ---------------------------------------------------------------- buffers
    def _buffers(self, shape: Shape, v: Value) -> Iterator[BufV]:
        if isinstance(shape, BufS):
            assert isinstance(v, BufV)
            yield v
            if isinstance(shape.elem, StructS):
                for it in v.items:
                    yield from self._buffers(shape.elem, it)
        elif isinstance(shape, StructS):
            assert isinstance(v, StructV)
            for (_, fs), fv in zip(self.structs[shape.name], v.fields, strict=True):
                yield from self._buffers(fs, fv)
        elif isinstance(shape, ArrS) and isinstance(shape.elem, StructS):
            assert isinstance(v, ArrV)
            for it in v.items:
                yield from self._buffers(shape.elem, it)

    def buffers(self, values: list[Value]) -> list[BufV]:
        out: list[BufV] = []
        for p, v in zip(self.plan.params, values, strict=True):
            out.extend(self._buffers(p.shape, v))
        return out

    def fill(self, values: list[Value], slack: bool) -> None:
        for bv in self.buffers(values):
            if isinstance(bv.elem, ScalarS):
                extra = -(-SLACK_BYTES // bv.elem.size) if slack else 0
                bv.items = self._data(bv.elem, bv.need + extra)

    @staticmethod
    def refit(values: list[Value], old: dict[int, tuple[int, int]], bufs: list[BufV]) -> None:
        """After the needs changed: keep each buffer's slack, cut or zero-extend it."""
        for bv in bufs:
            if not isinstance(bv.elem, ScalarS):
                continue
            old_need, old_len = old.get(id(bv), (bv.need, len(bv.items)))
            slack = max(old_len - old_need, 0)
            want = bv.need + slack
            items = list(bv.items)
            if len(items) > want:
                items = items[:want]
            else:
                items += [0] * (want - len(items))
            bv.items = items

    # ---------------------------------------------------------------- generation
    def generate(self, attempts: int = 8) -> Case | None:
        """One accepted case, or None after ``attempts`` rejected drafts."""
        for attempt in range(attempts):
            if self.deadline is not None and time.monotonic() > self.deadline:
                self.rejects["the oracle's time limit for this function was reached"] += 1
                return None
            values = [
                self.gen_int(p.shape, attempt, i in self.lenlike)
                if isinstance(p.shape, ScalarS)
                else self.skeleton(p.shape, attempt)
                for i, p in enumerate(self.plan.params)
            ]
            try:
                outcome = self.check(values)
            except Reject as e:
                self.rejects[e.where()] += 1
                if "would need more than" in e.reason:
                    cap = self.oracle.max_bytes
                    for i, v in enumerate(values):
                        if isinstance(v, int) and abs(v) >= cap:
                            self.lenlike.add(i)
                continue
            # cases where the C exits are cheap and alike: keep only some of them
            if outcome.status == "exit" and attempt < attempts - 1 and self.rng.chance(0.85):
                self.exit_redraws += 1
                continue
            self.fill(values, slack=self.rng.below(4) != 0)
            return Case(values, outcome)
        return None

    # ---------------------------------------------------------------- shrinking
    def candidates(self, values: list[Value]) -> list[list[Value]]:
        """Smaller variants of a case, each re-checked by the oracle, most aggressive first."""
        out: list[list[Value]] = []
        n_scalar = len(list(_scalar_slots(self.plan.params, values, self.structs)))
        for i in range(n_scalar):
            cur = _get_scalar(self.plan.params, values, self.structs, i)
            for new in _smaller_ints(cur):
                cand = [copy_value(v) for v in values]
                _set_scalar(self.plan.params, cand, self.structs, i, new)
                old = {id(b): (b.need, len(b.items)) for b in self.buffers(cand)}
                bufs = self.buffers(cand)
                try:
                    self.check(cand)
                except (Reject, Unsupported):
                    continue
                self.refit(cand, old, bufs)
                out.append(cand)
        nb = len(self.buffers(values))
        for j in range(nb):
            bv = self.buffers(values)[j]
            if not isinstance(bv.elem, ScalarS):
                continue
            items: list[int] = list(bv.items)
            n = len(items)
            variants: list[list[int]] = []
            if n > bv.need:
                variants.append(items[: bv.need])
            if any(items):
                variants.append([0] * n)
                half = n // 2
                if half and any(items[:half]):
                    variants.append([0] * half + items[half:])
                if half and any(items[half:]):
                    variants.append(items[:half] + [0] * (n - half))
                nz = [k for k, x in enumerate(items) if x]
                if len(nz) <= 16:
                    for k in nz:
                        variants.append(items[:k] + [0] + items[k + 1 :])
                else:
                    q = n // 4
                    for a in range(4):
                        seg = items[a * q : (a + 1) * q if a < 3 else n]
                        if q and any(seg):
                            variants.append(
                                items[: a * q] + [0] * len(seg) + items[a * q + len(seg) :]
                            )
            for var in variants:
                cand = [copy_value(v) for v in values]
                self.buffers(cand)[j].items = var
                out.append(cand)
        return out


def _smaller_ints(v: int) -> list[int]:
    if v == 0:
        return []
    out = [0]
    if abs(v) > 2:
        out.append(v // 2 if v > 0 else -((-v) // 2))
    if abs(v) > 1:
        out.append(v - 1 if v > 0 else v + 1)
    return out


def _scalar_slots(
    params: list[Any], values: list[Value], structs: dict[str, list[tuple[str, Shape]]]
) -> Iterator[tuple[Any, int]]:
    """(container, index) of every scalar: a parameter or a struct field (recursively)."""

    def walk(shape: Shape, container: Any, idx: int) -> Iterator[tuple[Any, int]]:
        v = container[idx]
        if isinstance(shape, ScalarS):
            yield container, idx
        elif isinstance(shape, StructS):
            for k, (_, fs) in enumerate(structs[shape.name]):
                yield from walk(fs, v.fields, k)
        elif isinstance(shape, BufS) and isinstance(shape.elem, StructS):
            for k in range(len(v.items)):
                yield from walk(shape.elem, v.items, k)

    for i, p in enumerate(params):
        yield from walk(p.shape, values, i)


def _get_scalar(
    params: list[Any], values: list[Value], structs: dict[str, list[tuple[str, Shape]]], i: int
) -> int:
    for k, (c, idx) in enumerate(_scalar_slots(params, values, structs)):
        if k == i:
            v = c[idx]
            assert isinstance(v, int)
            return v
    raise IndexError(i)


def _set_scalar(
    params: list[Any],
    values: list[Value],
    structs: dict[str, list[tuple[str, Shape]]],
    i: int,
    new: int,
) -> None:
    for k, (c, idx) in enumerate(_scalar_slots(params, values, structs)):
        if k == i:
            c[idx] = new
            return


def measure(gen: CaseGen, values: list[Value]) -> tuple[int, int, int]:
    s = sum(abs(c[i]) for c, i in _scalar_slots(gen.plan.params, values, gen.structs))
    bufs = [b for b in gen.buffers(values) if isinstance(b.elem, ScalarS)]
    return (
        s,
        sum(len(b.items) for b in bufs),
        sum(1 for b in bufs for x in b.items if x),
    )


# ------------------------------------------------------------------ wire format


def encode(shape: Shape, v: Value, structs: dict[str, list[tuple[str, Shape]]]) -> list[str]:
    """The harness tokens of one value (see ``difftest_harness``)."""
    if isinstance(shape, ScalarS):
        assert isinstance(v, int)
        return [str(v)]
    if isinstance(shape, StructS):
        assert isinstance(v, StructV)
        out: list[str] = []
        for (_, fs), fv in zip(structs[shape.name], v.fields, strict=True):
            out += encode(fs, fv, structs)
        return out
    assert isinstance(v, BufV | ArrV)
    if isinstance(shape.elem, ScalarS):
        data = pack_scalars(v.items, shape.elem)
        return [data.hex() or "."]
    out = [] if isinstance(shape, ArrS) else [str(len(v.items))]
    for it in v.items:
        out += encode(shape.elem, it, structs)
    return out


def case_line(fid: int, cid: int, plan: FnPlan, values: list[Value], structs: Any) -> str:
    toks = [str(fid), str(cid)]
    for p, v in zip(plan.params, values, strict=True):
        toks += encode(p.shape, v, structs)
    return " ".join(toks)


def to_json(shape: Shape, v: Value, structs: dict[str, list[tuple[str, Shape]]]) -> Any:
    """A readable JSON form of an input value (for the report)."""
    if isinstance(shape, ScalarS):
        return v
    if isinstance(shape, StructS):
        assert isinstance(v, StructV)
        return {
            f: to_json(fs, fv, structs)
            for (f, fs), fv in zip(structs[shape.name], v.fields, strict=True)
        }
    assert isinstance(v, BufV | ArrV)
    if isinstance(shape.elem, ScalarS):
        out: dict[str, Any] = {
            "elem": shape.elem.rust,
            "len": len(v.items),
            "hex": pack_scalars(v.items, shape.elem).hex(),
        }
        if isinstance(v, BufV):
            out["need"] = v.need
        return out
    return [to_json(shape.elem, it, structs) for it in v.items]

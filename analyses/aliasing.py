"""Aliasing repair planning for one call: which pointer arguments overlap, and how to
pass them without violating Rust's borrowing rules.

Input: one ``ArgView`` per pointer argument -- the root place it designates (two
views alias only if their places are equal), its offset, and whether the callee
writes through it (``mut``). Output: a ``Plan``.

Algorithm. Arguments are grouped by place; a group with a mutable member and more
than one member conflicts. Inside a group, members with the *same* offset are
exact aliases (KaRaMeL's "maybe in-place" calls such as ``fmul(out, out, b)``):
every shared member of such a cluster is passed as a *copy* taken before the
call -- the smallest rewrite that preserves the verified meaning, since the
callee's specification holds for equal-or-disjoint buffers. Two mutable members
with the same offset cannot be repaired. The clusters left at distinct offsets
are ordered (constants numerically; ``s + i`` against ``s + j`` by ``i``, ``j``;
anything else keeps source order and is reported as an assumption) and passed
as consecutive pieces of one ``split_at_mut`` chain, so each argument gets the
region from its offset up to the next argument's offset. A piece shorter than
what the callee touches panics (it never reads another argument's memory).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Offset:
    """``sym + k``: ``sym`` is an opaque symbolic part (None for a constant), compared only
    for equality (the emitter passes a Rust IR expression; nothing parses printed offsets)."""

    sym: Hashable | None
    k: int


@dataclass(frozen=True)
class ArgView:
    index: int  # argument position
    place: str
    offset: Offset
    mut: bool


@dataclass
class Plan:
    """How to pass each argument of a conflicting call.

    ``copies``: argument indices passed as a copy of their view.
    ``splits``: place -> ordered list of piece groups (argument indices per piece).
    ``assumed``: places whose offsets could not be compared (order assumed).
    ``error``: set when the call cannot be repaired.
    """

    copies: list[int] = field(default_factory=list)
    splits: dict[str, list[list[int]]] = field(default_factory=dict)
    assumed: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def trivial(self) -> bool:
        return not self.copies and not self.splits and self.error is None


def compare(a: Offset, b: Offset) -> int | None:
    """-1/0/1 when the order of two offsets is known, else None."""
    if a.sym == b.sym:
        return (a.k > b.k) - (a.k < b.k)
    if a.sym is None and b.sym is not None and a.k <= 0:
        return -1 if a.k < 0 else None  # symbolic offsets are >= 0 but may equal 0
    return None


def plan(args: list[ArgView]) -> Plan:
    out = Plan()
    groups: dict[str, list[ArgView]] = {}
    for a in args:
        groups.setdefault(a.place, []).append(a)
    for place, members in groups.items():
        if len(members) < 2 or not any(m.mut for m in members):
            continue
        clusters: list[list[ArgView]] = []
        for m in members:
            for c in clusters:
                if compare(c[0].offset, m.offset) == 0:
                    c.append(m)
                    break
            else:
                clusters.append([m])
        kept: list[list[ArgView]] = []
        for c in clusters:
            muts = [m for m in c if m.mut]
            if len(muts) > 1:
                out.error = f"`{place}` is passed {len(muts)} times to parameters that are written"
                return out
            if muts and len(c) > 1:
                out.copies.extend(m.index for m in c if not m.mut)
                kept.append(muts)
            else:
                kept.append(c)
        if len(kept) < 2:
            continue
        order = list(kept)
        assumed = False
        # insertion sort with a partial order; unknown comparisons keep source order
        for i in range(1, len(order)):
            j = i
            while j > 0:
                cmp = compare(order[j - 1][0].offset, order[j][0].offset)
                if cmp is None:
                    assumed = True
                    break
                if cmp <= 0:
                    break
                order[j - 1], order[j] = order[j], order[j - 1]
                j -= 1
        if assumed:
            out.assumed.append(place)
        out.splits[place] = [[m.index for m in c] for c in order]
    return out

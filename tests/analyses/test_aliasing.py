"""Aliasing repair plans for single calls (the shapes HACL* produces)."""

from __future__ import annotations

from analyses.aliasing import ArgView, Offset, plan


def v(i: int, place: str, off: Offset | int | str | None, mut: bool) -> ArgView:
    """An argument view; ``off`` is a constant, a symbol name, or a typed offset."""
    if isinstance(off, Offset):
        return ArgView(i, place, off, mut)
    if isinstance(off, int):
        return ArgView(i, place, Offset(None, off), mut)
    return ArgView(i, place, Offset(off, 0), mut)


def test_in_place_call_copies_the_read_argument() -> None:
    # fmul(out, out, b): out written, out read, b read
    p = plan([v(0, "out", None, True), v(1, "out", None, False), v(2, "b", None, False)])
    assert p.copies == [1] and not p.splits and p.error is None


def test_disjoint_offsets_split_in_order() -> None:
    # f(tmp + 8, tmp, tmp + 4) with the first written: three pieces ordered 0, 4, 8
    p = plan([v(0, "tmp", 8, True), v(1, "tmp", None, False), v(2, "tmp", 4, False)])
    assert p.splits == {"tmp": [[1], [2], [0]]} and not p.copies and not p.assumed


def test_symbolic_offsets_with_a_common_base_compare() -> None:
    p = plan([v(0, "b", Offset("o_off", 4), True), v(1, "b", "o_off", False)])
    assert p.splits == {"b": [[1], [0]]} and not p.assumed


def test_incomparable_offsets_are_reported_as_assumed() -> None:
    p = plan([v(0, "b", "x_off", True), v(1, "b", "y_off", False)])
    assert p.splits == {"b": [[0], [1]]} and p.assumed == ["b"]


def test_same_buffer_written_twice_is_refused() -> None:
    p = plan([v(0, "s", None, True), v(1, "s", None, True)])
    assert p.error is not None


def test_only_reads_need_nothing() -> None:
    assert plan([v(0, "a", None, False), v(1, "a", None, False)]).trivial

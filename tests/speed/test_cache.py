"""The front-end cache: hits equal fresh results, keys follow the preprocessed text,
corrupt entries are misses, parse errors are cached as their coded diagnostic, and the
parallel front end gives the same units as the sequential one."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator import cache
from translator.diagnostics import Diagnostic
from translator.driver import Options, translate
from translator.preprocess import PreprocessOptions

PROGRAMS = Path(__file__).resolve().parents[1] / "programs"
# rustfmt formats `} else if` only on its second pass (through lib.rs): the cache must too
ELSE_IF = """
#include <stdint.h>
uint32_t pick(uint8_t a, uint32_t *out) {
  uint32_t r = 0U;
  if (a == 0U) { r = 1U; } else if (a == 1U) { r = 2U; out[0U] = r; } else { r = 3U; }
  switch (a) { case 7: { return 144U; } case 8: { return 136U; } default: { return r; } }
}
"""


def _items(tmp: Path) -> list[tuple[Path, PreprocessOptions]]:
    inc = tmp / "inc"
    inc.mkdir()
    (inc / "k.h").write_text("#define K 3\n")
    (tmp / "a.c").write_text(
        '#include "k.h"\nint twice(int x) { return x * K; }\nint one(void) { return 1; }\n'
    )
    (tmp / "b.c").write_text("int add(int a, int b) { return a + b; }\n")
    (tmp / "bad.c").write_text("int f( { return 0; }\n")
    opts = PreprocessOptions((inc,), ())
    return [(tmp / n, opts) for n in ("a.c", "b.c", "bad.c")]


def test_hits_equal_fresh_and_follow_the_preprocessed_text(tmp_path: Path) -> None:
    store = cache.Store(tmp_path / "cache")
    items = _items(tmp_path)
    fresh, keys = cache.front_ends(items, None, jobs=1)
    stats = cache.FrontEndStats()
    first, keys1 = cache.front_ends(items, store, jobs=1, stats=stats)
    assert (stats.hits, stats.misses) == (0, 3)
    stats = cache.FrontEndStats()
    again, keys2 = cache.front_ends(items, store, jobs=1, stats=stats)
    assert (stats.hits, stats.misses) == (3, 0)
    assert keys == keys1 == keys2
    assert repr(fresh) == repr(first) == repr(again)
    assert isinstance(again[2], Diagnostic) and again[2].code == "C2S004"
    # a header edit changes the preprocessed text of a.c only
    (tmp_path / "inc" / "k.h").write_text("#define K 4\n")
    stats = cache.FrontEndStats()
    changed, keys3 = cache.front_ends(items, store, jobs=1, stats=stats)
    assert (stats.hits, stats.misses) == (2, 1)
    assert keys3[0] != keys[0] and keys3[1:] == keys[1:]
    assert "value=4" in repr(changed[0]) and "value=4" not in repr(again[0])


def test_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    store = cache.Store(tmp_path / "cache")
    items = _items(tmp_path)[:1]
    _, keys = cache.front_ends(items, store, jobs=1)
    for p in (tmp_path / "cache").rglob("*.pkl"):
        p.write_bytes(b"not a pickle")
    stats = cache.FrontEndStats()
    out, _ = cache.front_ends(items, store, jobs=1, stats=stats)
    assert stats.misses == 1 and not isinstance(out[0], Diagnostic)


def test_parallel_equals_sequential() -> None:
    files = sorted(PROGRAMS.glob("*.c"))
    items = [(f, PreprocessOptions()) for f in files]
    seq, _ = cache.front_ends(items, None, jobs=1)
    stats = cache.FrontEndStats()
    par, _ = cache.front_ends(items, None, jobs=2, stats=stats)
    assert stats.workers == 2
    assert repr(seq) == repr(par)


def test_tool_fingerprint_names_the_version() -> None:
    from translator import __version__

    assert cache.tool_fingerprint().startswith(__version__ + "+")


def test_translate_warm_equals_uncached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cold and warm runs write exactly what a run without the cache writes (rustfmt's
    second pass through ``lib.rs`` included)."""
    monkeypatch.setenv("C2SAFE_CACHE_DIR", str(tmp_path / "cache"))
    chain = tmp_path / "chain.c"
    chain.write_text(ELSE_IF)
    files = [*sorted(PROGRAMS.glob("*.c")), chain]
    outs = []
    for i, use_cache in enumerate((False, True, True)):
        out = tmp_path / f"out{i}"
        monkeypatch.setenv("C2SAFE_CACHE", "1" if use_cache else "0")
        translate(Options(sources=files, out=out, build=False, name="crate"), log=lambda m: 0)
        outs.append(
            {p.name: p.read_text() for p in (out / "src").glob("*.rs")}
            | {"map": (out / "c2safe-sourcemap.json").read_text()}
        )
        if i == 0:
            assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*"))
    assert any((tmp_path / "cache" / "unit").rglob("*.pkl"))
    assert any((tmp_path / "cache" / "facts").rglob("*.pkl"))
    assert any((tmp_path / "cache" / "rustfmt").rglob("*.pkl"))
    assert outs[0] == outs[1] == outs[2]

"""Type-based retrieval: ranking by C type shapes and identifiers, and the JSONL store."""

from __future__ import annotations

import json
from pathlib import Path

from llm.fill.retrieval import (
    ExampleIndex,
    ExampleStore,
    canonical_type,
    make_example,
    shape,
    type_features,
)
from translator.c_source import parse_text

COPY = """void copy_bytes(uint8_t *dst, const uint8_t *src, uint32_t n)
{
  for (uint32_t i = 0U; i < n; i++) { dst[i] = src[i]; }
}"""
MUL = """uint64_t mul64(uint64_t a, uint64_t b)
{
  return a * b;
}"""
STATS = """int32_t stats_add(stats_t *st, uint32_t v)
{
  st->count = st->count + 1U;
  st->total = st->total + v;
  return 0;
}"""
XOR_TARGET = """void xor_blocks(uint8_t *acc, const uint8_t *data, uint32_t nblocks)
{
  const uint8_t *p = data;
  for (uint32_t b = 0U; b < nblocks; b++) {
    for (uint32_t i = 0U; i < 16U; i++) { acc[i] = acc[i] ^ p[i]; }
    p += 16;
  }
}"""
HEADER_TARGET = """int32_t check_header(const uint8_t *hdr, uint32_t len, stats_t *st)
{
  if (len < 4U) goto done;
  st->count = st->count + 1U;
done:
  return 0;
}"""


def fn(text: str):  # type: ignore[no-untyped-def]
    found = parse_text(text).functions
    assert found
    return found[0]


def ex(text: str, origin: str = "rules"):  # type: ignore[no-untyped-def]
    return make_example(fn(text).name, text, f"pub fn {fn(text).name}() {{}}", origin)


def test_shapes_and_canonical_types() -> None:
    f = fn(XOR_TARGET)
    assert [shape(p.type) for p in f.params] == ["ptr-mut:u8", "ptr-const:u8", "val:u32"]
    assert canonical_type("unsigned char") == canonical_type("uint8_t") == "u8"
    assert canonical_type("const size_t") == "usize"
    feats = type_features(fn(HEADER_TARGET))
    assert feats["named:stats_t"] == 2 and feats["ret:val:i32"] == 2


def test_ranking_by_types() -> None:
    index = ExampleIndex([ex(MUL), ex(STATS), ex(COPY)])
    assert [s.example.name for s in index.rank(fn(XOR_TARGET))][0] == "copy_bytes"
    ranked = index.rank(fn(HEADER_TARGET))
    assert ranked[0].example.name == "stats_add"
    assert ranked[-1].example.name == "mul64"
    assert all(0.0 <= s.types <= 1.0 and 0.0 <= s.bm25 <= 1.0 for s in ranked)


def test_identifiers_break_type_ties() -> None:
    a = "void mix_block(uint8_t *acc, const uint8_t *data, uint32_t nblocks) { acc[0] = data[0]; }"
    b = "void fill_pad(uint8_t *out, const uint8_t *pad, uint32_t n) { out[0] = pad[0]; }"
    index = ExampleIndex([ex(b), ex(a)])
    ranked = index.rank(fn(XOR_TARGET))
    assert ranked[0].example.name == "mix_block"
    assert ranked[0].types == ranked[1].types and ranked[0].bm25 > ranked[1].bm25


def test_never_the_target_or_excluded_and_deterministic() -> None:
    target = fn(XOR_TARGET)
    same = make_example("xor_blocks", XOR_TARGET, "pub fn xor_blocks() {}", "llm")
    other = ex(COPY)
    index = ExampleIndex([same, other, ex(MUL), ex(COPY)])  # the duplicate COPY is merged
    assert len(index) == 3
    assert [e.name for e in index.top(target, 5)] == ["copy_bytes", "mul64"]
    assert [e.name for e in index.top(target, 5, frozenset({other.c_key}))] == ["mul64"]
    assert index.rank(target) == index.rank(target)


def test_store_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "examples.jsonl"
    store = ExampleStore(path)
    assert store.load() == []
    good = make_example(
        "xor_blocks",
        XOR_TARGET,
        "pub fn xor_blocks(acc: &mut [u8], data: &[u8], nblocks: u32) {\n}",
        "llm",
        crate="c",
        model="m1",
        rounds=2,
    )
    assert store.add([ex(COPY), good]) == 2
    assert store.add([ex(COPY)]) == 0  # already stored
    with open(path, "a") as fh:
        fh.write("not json\n" + json.dumps({"name": "x"}) + "\n")
    loaded = store.load()
    assert [e.name for e in loaded] == ["copy_bytes", "xor_blocks"]
    assert loaded[1].rounds == 2 and loaded[1].model == "m1"
    sig = "pub fn xor_blocks(acc: &mut [u8], data: &[u8], nblocks: u32)"
    found = store.accepted_fill("  " + XOR_TARGET.replace("\n", "\n  "), sig, "m1")
    assert found is not None and found.rust_text == good.rust_text
    assert store.accepted_fill(XOR_TARGET, sig, "another-model") is None
    assert store.accepted_fill(XOR_TARGET, sig.replace("u32", "u64"), "m1") is None
    assert ExampleStore(None).add([good]) == 0 and ExampleStore(None).load() == []

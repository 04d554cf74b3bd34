"""The KAT vectors are right: every expected value is recomputed with :mod:`hashlib`.

Checked twice: on the Python table (``vectors.py``) and on the vectors as they stand in the
generated Rust test ``cpython_hacl.rs``, parsed back from its source text independently of
the generator. Also checks that the generated files are up to date and that the split
patterns really exercise the cases they are meant to.
"""

from __future__ import annotations

import hashlib
import re

import pytest

from . import gen_kat
from .vectors import (
    ALGS,
    KATS,
    LONG_MSG,
    SPLITS_LONG,
    SPLITS_SHORT,
    WHOLE,
    Kat,
    chunk_ranges,
    splits_for,
)

# Rust `Alg` variant -> (hashlib name, digest size or None for an XOF). Written out here
# rather than taken from vectors.ALGS so the Rust file is checked against a second table.
RUST_ALGS: dict[str, tuple[str, int | None]] = {
    "Md5": ("md5", 16),
    "Sha1": ("sha1", 20),
    "Sha224": ("sha224", 28),
    "Sha256": ("sha256", 32),
    "Sha384": ("sha384", 48),
    "Sha512": ("sha512", 64),
    "Sha3_224": ("sha3_224", 28),
    "Sha3_256": ("sha3_256", 32),
    "Sha3_384": ("sha3_384", 48),
    "Sha3_512": ("sha3_512", 64),
    "Shake128": ("shake_128", None),
    "Shake256": ("shake_256", None),
}


def reference(hashlib_name: str, msg: bytes, out_len: int, xof: bool) -> str:
    """The expected output computed by hashlib."""
    h = hashlib.new(hashlib_name, msg)
    return h.hexdigest(out_len) if xof else h.hexdigest()  # type: ignore[call-arg]


@pytest.mark.parametrize("kat", KATS, ids=lambda k: k.name)
def test_vector_matches_hashlib(kat: Kat) -> None:
    info = kat.info
    msg = kat.msg.build()
    assert len(msg) == len(kat.msg)
    if not info.is_shake:
        assert kat.out_len == info.digest_len
    assert kat.expected == reference(info.hashlib_name, msg, kat.out_len, info.is_shake)


def test_table_shape() -> None:
    names = [k.name for k in KATS]
    assert len(names) == len(set(names)), "duplicate vector names"
    for k in KATS:
        assert re.fullmatch(r"[a-z0-9_]+", k.name) and k.name.startswith(k.alg), k.name
    for alg in ALGS:
        own = [k for k in KATS if k.alg == alg]
        lens = {len(k.msg) for k in own}
        assert 0 in lens, f"{alg}: no empty-message vector"
        assert any(n > LONG_MSG for n in lens), f"{alg}: no long-message vector"
        block = ALGS[alg].block_len
        assert {block - 1, block, block + 1} <= lens, f"{alg}: block boundary not covered"
    for alg in ("shake128", "shake256"):
        outs = {k.out_len for k in KATS if k.alg == alg}
        block = ALGS[alg].block_len
        assert {32, 64, block, block + 1} <= outs and max(outs) > 2 * block


def test_split_patterns() -> None:
    for splits in (SPLITS_SHORT, SPLITS_LONG):
        assert WHOLE in splits
        assert any(0 in p for p in splits), "no zero-length update"
    short_sizes = {s for p in SPLITS_SHORT for s in p}
    for info in ALGS.values():
        b = info.block_len
        assert {b - 1, b, b + 1} <= short_sizes, f"{info.key}: no block-crossing chunk sizes"
    assert (1,) in SPLITS_SHORT
    assert splits_for(LONG_MSG) is SPLITS_SHORT and splits_for(LONG_MSG + 1) is SPLITS_LONG


@pytest.mark.parametrize("length", [0, 1, 63, 64, 1000, 1_000_000])
def test_chunk_ranges_cover_message(length: int) -> None:
    for pattern in (*SPLITS_SHORT, *SPLITS_LONG):
        ranges = chunk_ranges(length, pattern)
        assert ranges[0][0] == 0 and ranges[-1][1] == length
        assert all(a <= b for a, b in ranges)
        assert all(r1[1] == r2[0] for r1, r2 in zip(ranges, ranges[1:], strict=False))


def test_generated_files_up_to_date() -> None:
    stale = [p.name for p, text in gen_kat.outputs().items() if p.read_text() != text]
    assert not stale, f"{stale} out of date: run .venv/bin/python -m tests.kat.gen_kat"


# --- the vectors as written in the Rust test ------------------------------------------------

_KAT_RE = re.compile(
    r"    Kat \{\s*"
    r'name: "(?P<name>\w+)",\s*'
    r"alg: Alg::(?P<alg>\w+),\s*"
    r"msg: Msg::(?:Rep\((?P<pat>b\"(?:[^\"\\]|\\.)*\"), (?P<count>\d+)\)|Ramp\((?P<ramp>\d+)\)),\s*"
    r"out_len: (?P<out_len>\d+),\s*"
    r"expected: (?P<expected>\"[0-9a-f]*\"|concat!\((?:\s*\"[0-9a-f]*\",)+\s*\)),\s*"
    r"\},",
)
_RUST_ESCAPES = {"n": b"\n", "r": b"\r", "t": b"\t", "0": b"\0", "\\": b"\\", '"': b'"'}


def rust_byte_string(lit: str) -> bytes:
    """Decode a Rust ``b"..."`` literal (escapes ``\\xNN``, ``\\n``, ``\\\\`` ...)."""
    assert lit.startswith('b"') and lit.endswith('"')
    body, out, i = lit[2:-1], bytearray(), 0
    while i < len(body):
        if body[i] != "\\":
            out += body[i].encode("ascii")
            i += 1
        elif body[i + 1] == "x":
            out.append(int(body[i + 2 : i + 4], 16))
            i += 4
        else:
            out += _RUST_ESCAPES[body[i + 1]]
            i += 2
    return bytes(out)


def parse_rust_kats(source: str) -> list[dict[str, object]]:
    """The vectors of the Rust test file, as dicts (name, alg, msg bytes, out_len, expected)."""
    table = source[source.index("const KATS: &[Kat] = &[") :]
    found = []
    for m in _KAT_RE.finditer(table):
        if m["ramp"] is not None:
            msg = bytes(i % 251 for i in range(int(m["ramp"])))
        else:
            msg = rust_byte_string(m["pat"]) * int(m["count"])
        found.append(
            {
                "name": m["name"],
                "alg": m["alg"],
                "msg": msg,
                "out_len": int(m["out_len"]),
                "expected": "".join(re.findall(r'"([0-9a-f]*)"', m["expected"])),
            }
        )
    assert len(found) == table.count("    Kat {"), "some Kat entries were not parsed"
    return found


@pytest.fixture(scope="module")
def rust_kats() -> list[dict[str, object]]:
    return parse_rust_kats(gen_kat.RUST_OUT.read_text())


def test_rust_file_vectors_match_hashlib(rust_kats: list[dict[str, object]]) -> None:
    bad = []
    for k in rust_kats:
        name, xof = RUST_ALGS[str(k["alg"])]
        out_len = int(k["out_len"])  # type: ignore[call-overload]
        if xof is not None:
            assert out_len == xof, k["name"]
        got = reference(name, k["msg"], out_len, xof is None)  # type: ignore[arg-type]
        if got != k["expected"]:
            bad.append(k["name"])
    assert not bad, f"Rust vectors disagreeing with hashlib: {bad}"


def test_rust_file_has_every_vector(rust_kats: list[dict[str, object]]) -> None:
    assert [k["name"] for k in rust_kats] == [k.name for k in KATS]
    assert {str(k["alg"]) for k in rust_kats} == set(RUST_ALGS)


def test_rust_file_tests_every_algorithm_and_api() -> None:
    src = gen_kat.RUST_OUT.read_text()
    tests = set(re.findall(r"#\[test\]\s*fn (\w+)\(", src))
    for key in ALGS:
        assert {f"{key}_oneshot", f"{key}_streaming", f"{key}_copy_reset"} <= tests
    assert "#![forbid(unsafe_code)]" in src and "use cpython_hacl::*;" in src


def test_rust_byte_string_decoder() -> None:
    assert rust_byte_string(r'b"a\xa3\\\"\n"') == b'a\xa3\\"\n'
    assert gen_kat.rust_bytes(b'a\xa3\\"\n') == r'b"a\xa3\x5c\x22\x0a"'
    assert rust_byte_string(gen_kat.rust_bytes(bytes(range(256)))) == bytes(range(256))

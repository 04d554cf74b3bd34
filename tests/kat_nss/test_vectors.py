"""The NSS KAT vectors are right, and the generated harnesses hold exactly them.

Every expected value of ``vectors.py`` is recomputed by :mod:`pyref` (textbook
implementations over Python integers and :mod:`hashlib`, independent of HACL*) and, for
SHA-3/SHAKE, by :mod:`hashlib`; every negative case must be rejected by the reference. The
tables of the generated ``nss_hacl.rs`` and ``c_kat.c`` are parsed back from their text,
independently of the generator, and must equal ``vectors.py``; the files must be up to date.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from . import gen_kat, pyref
from .vectors import (
    AEAD,
    CHACHA20,
    ED25519,
    P256_DH,
    P256_ECDSA,
    POLY1305,
    SHA3,
    SHA3_ALGS,
    TABLES,
    X25519,
    X25519_DH,
    AeadKat,
    Chacha20Kat,
    Ed25519Kat,
    P256DhKat,
    P256EcdsaKat,
    Poly1305Kat,
    Sha3Kat,
    Vector,
    X25519DhKat,
    X25519Kat,
    flip,
    h,
)

ALL: list[Vector] = [v for table in TABLES.values() for v in table]
BASE_POINT = b"\x09" + bytes(31)


# --- every vector against the references ---------------------------------------------------


def check_chacha20(v: Chacha20Kat) -> None:
    assert len(v.key) == 32 and len(v.nonce) == 12
    assert len(v.plaintext) == len(v.ciphertext)
    assert pyref.chacha20(v.key, v.counter, v.nonce, v.plaintext) == v.ciphertext
    assert pyref.chacha20(v.key, v.counter, v.nonce, v.ciphertext) == v.plaintext


def check_poly1305(v: Poly1305Kat) -> None:
    assert len(v.key) == 32 and len(v.tag) == 16
    assert pyref.poly1305(v.key, v.msg) == v.tag


def check_aead(v: AeadKat) -> None:
    assert len(v.key) == 32 and len(v.nonce) == 12 and len(v.tag) == 16
    assert pyref.aead_seal(v.key, v.nonce, v.aad, v.plaintext) == (v.ciphertext, v.tag)
    assert pyref.aead_open(v.key, v.nonce, v.aad, v.ciphertext, v.tag) == v.plaintext
    for aad, ct, tag in (
        (v.aad, v.ciphertext, v.bad_tag),
        (v.aad, v.bad_ciphertext, v.tag),
        (v.bad_aad, v.ciphertext, v.tag),
    ):
        assert (aad, ct, tag) != (v.aad, v.ciphertext, v.tag)
        assert pyref.aead_open(v.key, v.nonce, aad, ct, tag) is None


def check_x25519(v: X25519Kat) -> None:
    assert len(v.scalar) == len(v.u) == len(v.out) == 32
    assert pyref.x25519(v.scalar, v.u) == v.out


def check_x25519_dh(v: X25519DhKat) -> None:
    assert pyref.x25519(v.alice_priv, BASE_POINT) == v.alice_pub
    assert pyref.x25519(v.bob_priv, BASE_POINT) == v.bob_pub
    assert pyref.x25519(v.alice_priv, v.bob_pub) == v.shared
    assert pyref.x25519(v.bob_priv, v.alice_pub) == v.shared
    # the harnesses' negative case: the all-zero public value gives the all-zero output,
    # which _ecdh must refuse (RFC 7748 section 6.1)
    assert pyref.x25519(v.alice_priv, bytes(32)) == bytes(32)


def check_ed25519(v: Ed25519Kat) -> None:
    assert len(v.secret) == len(v.public) == 32 and len(v.signature) == 64
    assert pyref.ed25519_public(v.secret) == v.public
    assert pyref.ed25519_sign(v.secret, v.msg) == v.signature
    assert pyref.ed25519_verify(v.public, v.msg, v.signature)
    assert v.bad_sig_r != v.signature and v.bad_sig_s != v.signature and v.bad_msg != v.msg
    assert not pyref.ed25519_verify(v.public, v.msg, v.bad_sig_r)
    assert not pyref.ed25519_verify(v.public, v.msg, v.bad_sig_s)
    assert not pyref.ed25519_verify(v.public, v.bad_msg, v.signature)


def check_p256_dh(v: P256DhKat) -> None:
    assert pyref.p256_public(v.priv_i) == v.pub_i
    assert pyref.p256_public(v.priv_r) == v.pub_r
    assert pyref.p256_ecdh(v.priv_i, v.pub_r) == v.shared
    assert pyref.p256_ecdh(v.priv_r, v.pub_i) == v.shared
    assert pyref.p256_valid_public(v.pub_i) and pyref.p256_valid_public(v.pub_r)
    assert not pyref.p256_valid_public(v.bad_pub_r)
    assert pyref.p256_ecdh(v.priv_i, v.bad_pub_r) is None


def check_p256_ecdsa(v: P256EcdsaKat) -> None:
    assert v.hash == hashlib.sha256(v.msg).digest()
    assert pyref.p256_public(v.private_key) == v.public_key
    assert pyref.p256_sign(v.hash, v.private_key, v.k) == v.r + v.s
    assert pyref.p256_verify(v.hash, v.public_key, v.r, v.s)
    assert not pyref.p256_verify(v.hash, v.public_key, v.bad_r, v.s)
    assert not pyref.p256_verify(v.hash, v.public_key, v.r, v.bad_s)
    assert not pyref.p256_verify(v.bad_hash, v.public_key, v.r, v.s)


def sha3_reference(alg: str, msg: bytes, out_len: int) -> bytes:
    """The output of ``alg`` computed by hashlib."""
    name, digest_len, _, _ = SHA3_ALGS[alg]
    hasher = hashlib.new(name, msg)
    if digest_len is None:
        return hasher.digest(out_len)  # type: ignore[call-arg]
    assert out_len == digest_len
    return hasher.digest()


def check_sha3(v: Sha3Kat) -> None:
    assert sha3_reference(v.alg, v.msg, len(v.expected)) == v.expected


CHECKS = {
    Chacha20Kat: check_chacha20,
    Poly1305Kat: check_poly1305,
    AeadKat: check_aead,
    X25519Kat: check_x25519,
    X25519DhKat: check_x25519_dh,
    Ed25519Kat: check_ed25519,
    P256DhKat: check_p256_dh,
    P256EcdsaKat: check_p256_ecdsa,
    Sha3Kat: check_sha3,
}


@pytest.mark.parametrize("vector", ALL, ids=lambda v: v.name)
def test_vector_matches_reference(vector: Vector) -> None:
    CHECKS[type(vector)](vector)  # type: ignore[operator]


def test_references_reject_corrupted_values() -> None:
    """The references really compute: a one-bit change of each kind of value is caught."""
    with pytest.raises(AssertionError):
        check_chacha20(Chacha20Kat(**{**vars(CHACHA20[0]), "counter": 2}))
    with pytest.raises(AssertionError):
        check_poly1305(Poly1305Kat(**{**vars(POLY1305[0]), "tag": flip(POLY1305[0].tag, 3)}))
    with pytest.raises(AssertionError):
        check_x25519(X25519Kat(**{**vars(X25519[0]), "out": flip(X25519[0].out, 5)}))
    with pytest.raises(AssertionError):
        check_ed25519(Ed25519Kat(**{**vars(ED25519[1]), "msg": b"\x73"}))
    with pytest.raises(AssertionError):
        check_p256_ecdsa(P256EcdsaKat(**{**vars(P256_ECDSA[0]), "k": flip(P256_ECDSA[0].k, 9)}))
    with pytest.raises(AssertionError):
        check_sha3(Sha3Kat(**{**vars(SHA3[0]), "msg": b"abd"}))


# --- shape of the table ---------------------------------------------------------------------


def test_names_and_sources() -> None:
    names = [v.name for v in ALL]
    assert len(names) == len(set(names)), "duplicate vector names"
    for v in ALL:
        assert re.fullmatch(r"[a-z0-9_]+", v.name), v.name
        assert re.search(r"(RFC \d+|FIPS \d+)", v.source), v.source
        where = r"section|appendix" if v.source.startswith("RFC") else r"example"
        assert re.search(where, v.source), f"{v.name}: no section in {v.source!r}"


def test_required_vectors_present() -> None:
    """What issue 3 asks for: RFC 8439 2.4.2, 2.5.2, 2.8.2 and Appendix A; RFC 7748 5.2 and
    6.1; RFC 8032 7.1 tests 1-3; P-256 ECDH and ECDSA with published vectors; SHA-3."""
    names = {v.name for v in ALL}
    required = {
        "rfc8439_2_4_2_sunscreen",
        "rfc8439_a2_1",
        "rfc8439_a2_2",
        "rfc8439_a2_3",
        "rfc8439_2_5_2",
        *(f"rfc8439_a3_{i}" for i in range(1, 12)),
        "rfc8439_2_8_2",
        "rfc8439_a5",
        "rfc7748_5_2_1",
        "rfc7748_5_2_2",
        "rfc7748_6_1",
        "rfc8032_7_1_test1",
        "rfc8032_7_1_test2",
        "rfc8032_7_1_test3",
        "rfc5903_8_1",
        "rfc6979_a2_5_sha256_sample",
        "sha3_256_abc",
        "sha3_512_abc",
        "shake128_abc",
    }
    assert required <= names, sorted(required - names)
    assert {v.alg for v in SHA3} == set(SHA3_ALGS)
    assert len(AEAD) >= 2 and len(P256_DH) >= 1 and len(X25519_DH) >= 1


def test_hex_and_flip_helpers() -> None:
    assert h(" 0a Bc\n  ff ") == b"\x0a\xbc\xff"
    assert flip(b"\x00\x10", 1) == b"\x00\x11"
    assert flip(b"\x00\x10", 0, 0x80) == b"\x80\x10"
    assert flip(b"\x01", -1) == b"\x00"


# --- the generated files --------------------------------------------------------------------


def test_generated_files_up_to_date() -> None:
    stale = [p.name for p, text in gen_kat.outputs().items() if p.read_text() != text]
    assert not stale, f"{stale} out of date: run .venv/bin/python -m tests.kat_nss.gen_kat"


Row = dict[str, object]


def expected_rows(table: str) -> list[Row]:
    """A table of ``vectors.py`` as the harnesses should hold it (bytes as lowercase hex)."""
    out = []
    for v in TABLES[table]:
        row: Row = {"name": v.name}
        for f in v.EXPORT:
            value = getattr(v, f)
            row[f] = value.hex() if isinstance(value, bytes) else value
        out.append(row)
    return out


def _literal(text: str) -> object:
    """A field value as written in Rust or C: string literals (joined) or an integer."""
    strings = re.findall(r'"([^"\\]*)"', text)
    if strings:
        return "".join(strings)
    return int(text.strip().rstrip(",").rstrip("u"))


def parse_rust_tables(source: str) -> dict[str, list[Row]]:
    """Every ``const NAME: &[Struct] = &[ ... ];`` table of the Rust file."""
    tables: dict[str, list[Row]] = {}
    for m in re.finditer(r"^const (\w+): &\[(\w+)\] = &\[\n(.*?)^\];", source, re.M | re.S):
        rows: list[Row] = []
        for entry in re.finditer(rf"^    {m[2]} \{{\n(.*?)^    \}},", m[3], re.M | re.S):
            fields = re.finditer(
                r"^        (\w+): (concat!\(\n.*?^        \)|[^\n]*),$", entry[1], re.M | re.S
            )
            rows.append({f[1]: _literal(f[2]) for f in fields})
        tables[m[1]] = rows
    return tables


def parse_c_tables(source: str) -> dict[str, list[Row]]:
    """Every ``static const x_t NAME[] = { ... };`` table of the C file."""
    tables: dict[str, list[Row]] = {}
    for m in re.finditer(r"^static const \w+ (\w+)\[\] = \{\n(.*?)^\};", source, re.M | re.S):
        rows: list[Row] = []
        for entry in re.finditer(r"^    \{\n(.*?)^    \},", m[2], re.M | re.S):
            fields = re.finditer(r"^        \.(\w+) = (.*?),$", entry[1], re.M | re.S)
            rows.append({f[1]: _literal(f[2]) for f in fields})
        tables[m[1]] = rows
    return tables


@pytest.mark.parametrize(
    ("path", "parse"),
    [(gen_kat.RUST_OUT, parse_rust_tables), (gen_kat.C_OUT, parse_c_tables)],
    ids=["rust", "c"],
)
def test_generated_tables_hold_the_vectors(path: Path, parse: object) -> None:
    parsed = parse(path.read_text())  # type: ignore[operator]
    assert list(parsed) == list(TABLES)
    for table in TABLES:
        assert parsed[table] == expected_rows(table), f"{path.name}: table {table} differs"


def test_rust_file_contract() -> None:
    src = gen_kat.RUST_OUT.read_text()
    assert "#![forbid(unsafe_code)]" in src and "use nss_hacl::*;" in src
    assert "unsafe {" not in src
    tests = set(re.findall(r"#\[test\]\s*fn (\w+)\(", src))
    assert len(tests) == 10, tests
    for table in TABLES:
        assert re.search(rf"for v in {table} \{{", src), f"no test runs table {table}"


def test_c_file_runs_every_table() -> None:
    src = gen_kat.C_OUT.read_text()
    for table in TABLES:
        assert f"i < N_{table};" in src, f"no loop over table {table}"


def test_rust_file_is_rustfmt_clean() -> None:
    rustfmt = shutil.which("rustfmt")
    if rustfmt is None:
        pytest.skip("rustfmt not installed")
    proc = subprocess.run(
        [rustfmt, "--edition", "2021", "--check", str(gen_kat.RUST_OUT)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]

"""Known-answer test vectors for the NSS HACL* crate (``nss_hacl``).

This table is the single source of truth for three consumers:

* ``nss_hacl.rs`` -- the Rust integration test run inside the translated crate,
* ``c_kat.c``     -- the same checks against the ORIGINAL HACL* C (gcc),

both written by ``gen_kat.py`` (``.venv/bin/python -m tests.kat_nss.gen_kat``), and
``test_vectors.py``, which recomputes every expected value with :mod:`pyref` (textbook
implementations of the RFC algorithms over Python integers and :mod:`hashlib`, independent
of HACL*) and, for SHA-3/SHAKE, with :mod:`hashlib` itself.

Every vector is typed in from its publication, in the publication's own layout (spaced hex
rows; :func:`h` ignores the whitespace), and names its source section. The negative cases
(tampered tags, signatures, messages, public keys) are derived from the published values by
flipping one bit (:func:`flip`); they are properties, exported to the harnesses with the
published fields (each class's ``EXPORT`` lists what the generated tables hold, in order).

To add a vector: append a row, run the generator, then ``pytest tests/kat_nss`` (which fails
on any value the reference implementations disagree with, or on a stale generated file).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import ClassVar, Protocol


class Vector(Protocol):
    """What the generator needs from a vector: its name, its source and ``EXPORT``."""

    EXPORT: ClassVar[tuple[str, ...]]

    @property
    def name(self) -> str: ...

    @property
    def source(self) -> str: ...


# --- sources -------------------------------------------------------------------------------
RFC8439 = "RFC 8439 (ChaCha20 and Poly1305 for IETF Protocols)"
RFC7748 = "RFC 7748 (Elliptic Curves for Security)"
RFC8032 = "RFC 8032 (Edwards-Curve Digital Signature Algorithm)"
RFC5903 = "RFC 5903 (ECP Groups for IKE and IKEv2)"
RFC6979 = "RFC 6979 (Deterministic DSA and ECDSA)"
FIPS202 = "FIPS 202 (SHA-3) examples (NIST CSRC SHA-3 / SHAKE example values)"


def h(text: str) -> bytes:
    """Bytes from hex written the way the RFCs print it (any whitespace is ignored)."""
    return bytes.fromhex("".join(text.split()))


def flip(data: bytes, index: int, mask: int = 0x01) -> bytes:
    """``data`` with the bits ``mask`` of byte ``index`` flipped (the tampering rule)."""
    out = bytearray(data)
    out[index] ^= mask
    return bytes(out)


# Texts that several RFC 8439 vectors share (Appendix A.2 #2 / A.3 #2, #3 and A.2 #3 / A.3 #4).
IETF_TEXT = (
    b"Any submission to the IETF intended by the Contributor for publication as all or part "
    b"of an IETF Internet-Draft or RFC and any statement made within the context of an IETF "
    b'activity is considered an "IETF Contribution". Such statements include oral statements '
    b"in IETF sessions, as well as written and electronic communications made at any time or "
    b"place, which are addressed to"
)
JABBERWOCKY = (
    b"'Twas brillig, and the slithy toves\n"
    b"Did gyre and gimble in the wabe:\n"
    b"All mimsy were the borogoves,\n"
    b"And the mome raths outgrabe."
)
SUNSCREEN = (
    b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
    b"future, sunscreen would be it."
)
KEY_00_1F = bytes(range(32))
KEY_80_9F = bytes(range(0x80, 0xA0))
KEY_1C92 = h(
    """
    1c 92 40 a5 eb 55 d3 8a f3 33 88 86 04 f6 b5 f0
    47 39 17 c1 40 2b 80 09 9d ca 5c bc 20 70 75 c0
    """
)
ZERO32 = bytes(32)
ZERO12 = bytes(12)
KEY_LAST_1 = bytes(31) + b"\x01"
NONCE_LAST_2 = bytes(11) + b"\x02"


# --- ChaCha20 ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Chacha20Kat:
    """``ciphertext = ChaCha20(key, nonce, counter) XOR plaintext``; decryption inverts it."""

    name: str
    source: str
    key: bytes
    nonce: bytes
    counter: int
    plaintext: bytes
    ciphertext: bytes

    EXPORT: ClassVar[tuple[str, ...]] = ("key", "nonce", "counter", "plaintext", "ciphertext")


CHACHA20: tuple[Chacha20Kat, ...] = (
    Chacha20Kat(
        "rfc8439_2_4_2_sunscreen",
        f"{RFC8439} section 2.4.2",
        KEY_00_1F,
        h("00 00 00 00 00 00 00 4a 00 00 00 00"),
        1,
        SUNSCREEN,
        h(
            """
            6e 2e 35 9a 25 68 f9 80 41 ba 07 28 dd 0d 69 81
            e9 7e 7a ec 1d 43 60 c2 0a 27 af cc fd 9f ae 0b
            f9 1b 65 c5 52 47 33 ab 8f 59 3d ab cd 62 b3 57
            16 39 d6 24 e6 51 52 ab 8f 53 0c 35 9f 08 61 d8
            07 ca 0d bf 50 0d 6a 61 56 a3 8e 08 8a 22 b6 5e
            52 bc 51 4d 16 cc f8 06 81 8c e9 1a b7 79 37 36
            5a f9 0b bf 74 a3 5b e6 b4 0b 8e ed f2 78 5e 42
            87 4d
            """
        ),
    ),
    # Appendix A.1 gives the block function's keystream; encrypting 64 zero bytes with the
    # same key, nonce and counter yields exactly that keystream block.
    Chacha20Kat(
        "rfc8439_a1_2",
        f"{RFC8439} appendix A.1 test vector #2 (keystream block)",
        ZERO32,
        ZERO12,
        1,
        bytes(64),
        h(
            """
            9f 07 e7 be 55 51 38 7a 98 ba 97 7c 73 2d 08 0d
            cb 0f 29 a0 48 e3 65 69 12 c6 53 3e 32 ee 7a ed
            29 b7 21 76 9c e6 4e 43 d5 71 33 b0 74 d8 39 d5
            31 ed 1f 28 51 0a fb 45 ac e1 0a 1f 4b 79 4d 6f
            """
        ),
    ),
    Chacha20Kat(
        "rfc8439_a1_3",
        f"{RFC8439} appendix A.1 test vector #3 (keystream block)",
        KEY_LAST_1,
        ZERO12,
        1,
        bytes(64),
        h(
            """
            3a eb 52 24 ec f8 49 92 9b 9d 82 8d b1 ce d4 dd
            83 20 25 e8 01 8b 81 60 b8 22 84 f3 c9 49 aa 5a
            8e ca 00 bb b4 a7 3b da d1 92 b5 c4 2f 73 f2 fd
            4e 27 36 44 c8 b3 61 25 a6 4a dd eb 00 6c 13 a0
            """
        ),
    ),
    Chacha20Kat(
        "rfc8439_a1_4",
        f"{RFC8439} appendix A.1 test vector #4 (keystream block)",
        b"\x00\xff" + bytes(30),
        ZERO12,
        2,
        bytes(64),
        h(
            """
            72 d5 4d fb f1 2e c4 4b 36 26 92 df 94 13 7f 32
            8f ea 8d a7 39 90 26 5e c1 bb be a1 ae 9a f0 ca
            13 b2 5a a2 6c b4 a6 48 cb 9b 9d 1b e6 5b 2c 09
            24 a6 6c 54 d5 45 ec 1b 73 74 f4 87 2e 99 f0 96
            """
        ),
    ),
    Chacha20Kat(
        "rfc8439_a1_5",
        f"{RFC8439} appendix A.1 test vector #5 (keystream block)",
        ZERO32,
        NONCE_LAST_2,
        0,
        bytes(64),
        h(
            """
            c2 c6 4d 37 8c d5 36 37 4a e2 04 b9 ef 93 3f cd
            1a 8b 22 88 b3 df a4 96 72 ab 76 5b 54 ee 27 c7
            8a 97 0e 0e 95 5c 14 f3 a8 8e 74 1b 97 c2 86 f7
            5f 8f c2 99 e8 14 83 62 fa 19 8a 39 53 1b ed 6d
            """
        ),
    ),
    Chacha20Kat(
        "rfc8439_a2_1",
        f"{RFC8439} appendix A.2 test vector #1",
        ZERO32,
        ZERO12,
        0,
        bytes(64),
        h(
            """
            76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 53 86 bd 28
            bd d2 19 b8 a0 8d ed 1a a8 36 ef cc 8b 77 0d c7
            da 41 59 7c 51 57 48 8d 77 24 e0 3f b8 d8 4a 37
            6a 43 b8 f4 15 18 a1 1c c3 87 b6 69 b2 ee 65 86
            """
        ),
    ),
    Chacha20Kat(
        "rfc8439_a2_2",
        f"{RFC8439} appendix A.2 test vector #2",
        KEY_LAST_1,
        NONCE_LAST_2,
        1,
        IETF_TEXT,
        h(
            """
            a3 fb f0 7d f3 fa 2f de 4f 37 6c a2 3e 82 73 70
            41 60 5d 9f 4f 4f 57 bd 8c ff 2c 1d 4b 79 55 ec
            2a 97 94 8b d3 72 29 15 c8 f3 d3 37 f7 d3 70 05
            0e 9e 96 d6 47 b7 c3 9f 56 e0 31 ca 5e b6 25 0d
            40 42 e0 27 85 ec ec fa 4b 4b b5 e8 ea d0 44 0e
            20 b6 e8 db 09 d8 81 a7 c6 13 2f 42 0e 52 79 50
            42 bd fa 77 73 d8 a9 05 14 47 b3 29 1c e1 41 1c
            68 04 65 55 2a a6 c4 05 b7 76 4d 5e 87 be a8 5a
            d0 0f 84 49 ed 8f 72 d0 d6 62 ab 05 26 91 ca 66
            42 4b c8 6d 2d f8 0e a4 1f 43 ab f9 37 d3 25 9d
            c4 b2 d0 df b4 8a 6c 91 39 dd d7 f7 69 66 e9 28
            e6 35 55 3b a7 6c 5c 87 9d 7b 35 d4 9e b2 e6 2b
            08 71 cd ac 63 89 39 e2 5e 8a 1e 0e f9 d5 28 0f
            a8 ca 32 8b 35 1c 3c 76 59 89 cb cf 3d aa 8b 6c
            cc 3a af 9f 39 79 c9 2b 37 20 fc 88 dc 95 ed 84
            a1 be 05 9c 64 99 b9 fd a2 36 e7 e8 18 b0 4b 0b
            c3 9c 1e 87 6b 19 3b fe 55 69 75 3f 88 12 8c c0
            8a aa 9b 63 d1 a1 6f 80 ef 25 54 d7 18 9c 41 1f
            58 69 ca 52 c5 b8 3f a3 6f f2 16 b9 c1 d3 00 62
            be bc fd 2d c5 bc e0 91 19 34 fd a7 9a 86 f6 e6
            98 ce d7 59 c3 ff 9b 64 77 33 8f 3d a4 f9 cd 85
            14 ea 99 82 cc af b3 41 b2 38 4d d9 02 f3 d1 ab
            7a c6 1d d2 9c 6f 21 ba 5b 86 2f 37 30 e3 7c fd
            c4 fd 80 6c 22 f2 21
            """
        ),
    ),
    Chacha20Kat(
        "rfc8439_a2_3",
        f"{RFC8439} appendix A.2 test vector #3",
        KEY_1C92,
        NONCE_LAST_2,
        42,
        JABBERWOCKY,
        h(
            """
            62 e6 34 7f 95 ed 87 a4 5f fa e7 42 6f 27 a1 df
            5f b6 91 10 04 4c 0d 73 11 8e ff a9 5b 01 e5 cf
            16 6d 3d f2 d7 21 ca f9 b2 1e 5f b1 4c 61 68 71
            fd 84 c5 4f 9d 65 b2 83 19 6c 7f e4 f6 05 53 eb
            f3 9c 64 02 c4 22 34 e3 2a 35 6b 3e 76 43 12 a6
            1a 55 32 05 57 16 ea d6 96 25 68 f8 7d 3f 3f 77
            04 c6 a8 d1 bc d1 bf 4d 50 d6 15 4b 6d a7 31 b1
            87 b5 8d fd 72 8a fa 36 75 7a 79 7a c1 88 d1
            """
        ),
    ),
)


# --- Poly1305 ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Poly1305Kat:
    """``tag = Poly1305(key, msg)`` (key = r || s, 32 bytes)."""

    name: str
    source: str
    key: bytes
    msg: bytes
    tag: bytes

    EXPORT: ClassVar[tuple[str, ...]] = ("key", "msg", "tag")


_R1 = h("01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00")
_R2 = h("02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00")
_R4 = h("01 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00")
_S0 = bytes(16)
_A3_10_MSG = h(
    """
    e3 35 94 d7 50 5e 43 b9 00 00 00 00 00 00 00 00
    33 94 d7 50 5e 43 79 cd 01 00 00 00 00 00 00 00
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
    01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
    """
)
_A3 = f"{RFC8439} appendix A.3 test vector"

POLY1305: tuple[Poly1305Kat, ...] = (
    Poly1305Kat(
        "rfc8439_2_5_2",
        f"{RFC8439} section 2.5.2",
        h(
            """
            85 d6 be 78 57 55 6d 33 7f 44 52 fe 42 d5 06 a8
            01 03 80 8a fb 0d b2 fd 4a bf f6 af 41 49 f5 1b
            """
        ),
        b"Cryptographic Forum Research Group",
        h("a8 06 1d c1 30 51 36 c6 c2 2b 8b af 0c 01 27 a9"),
    ),
    Poly1305Kat("rfc8439_a3_1", f"{_A3} #1", ZERO32, bytes(64), bytes(16)),
    Poly1305Kat(
        "rfc8439_a3_2",
        f"{_A3} #2",
        bytes(16) + h("36 e5 f6 b5 c5 e0 60 70 f0 ef ca 96 22 7a 86 3e"),
        IETF_TEXT,
        h("36 e5 f6 b5 c5 e0 60 70 f0 ef ca 96 22 7a 86 3e"),
    ),
    Poly1305Kat(
        "rfc8439_a3_3",
        f"{_A3} #3",
        h("36 e5 f6 b5 c5 e0 60 70 f0 ef ca 96 22 7a 86 3e") + bytes(16),
        IETF_TEXT,
        h("f3 47 7e 7c d9 54 17 af 89 a6 b8 79 4c 31 0c f0"),
    ),
    Poly1305Kat(
        "rfc8439_a3_4",
        f"{_A3} #4",
        KEY_1C92,
        JABBERWOCKY,
        h("45 41 66 9a 7e aa ee 61 e7 08 dc 7c bc c5 eb 62"),
    ),
    Poly1305Kat(
        "rfc8439_a3_5",
        f"{_A3} #5 (h reaches p)",
        _R2 + _S0,
        h("ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff"),
        h("03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
    ),
    Poly1305Kat(
        "rfc8439_a3_6",
        f"{_A3} #6 (h + s overflows 2^128)",
        _R2 + h("ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff"),
        h("02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
        h("03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
    ),
    Poly1305Kat(
        "rfc8439_a3_7",
        f"{_A3} #7 (carry over the top limb)",
        _R1 + _S0,
        h(
            """
            ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
            f0 ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
            11 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            """
        ),
        h("05 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
    ),
    Poly1305Kat(
        "rfc8439_a3_8",
        f"{_A3} #8 (h = p exactly: tag 0)",
        _R1 + _S0,
        h(
            """
            ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
            fb fe fe fe fe fe fe fe fe fe fe fe fe fe fe fe
            01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01
            """
        ),
        bytes(16),
    ),
    Poly1305Kat(
        "rfc8439_a3_9",
        f"{_A3} #9 (h = p - 1)",
        _R2 + _S0,
        h("fd ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff"),
        h("fa ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff"),
    ),
    Poly1305Kat(
        "rfc8439_a3_10",
        f"{_A3} #10 (5*H+L reduction)",
        _R4 + _S0,
        _A3_10_MSG,
        h("14 00 00 00 00 00 00 00 55 00 00 00 00 00 00 00"),
    ),
    Poly1305Kat(
        "rfc8439_a3_11",
        f"{_A3} #11 (5*H+L reduction)",
        _R4 + _S0,
        _A3_10_MSG[:48],
        h("13 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
    ),
)


# --- ChaCha20-Poly1305 AEAD ----------------------------------------------------------------
@dataclass(frozen=True)
class AeadKat:
    """AEAD_CHACHA20_POLY1305: ``(ciphertext, tag) = Seal(key, nonce, aad, plaintext)``.

    The negative cases flip one bit of the tag, of the ciphertext and of the AAD: each must
    make decryption fail (return 1) and leave the output buffer untouched.
    """

    name: str
    source: str
    key: bytes
    nonce: bytes
    aad: bytes
    plaintext: bytes
    ciphertext: bytes
    tag: bytes

    EXPORT: ClassVar[tuple[str, ...]] = (
        "key",
        "nonce",
        "aad",
        "plaintext",
        "ciphertext",
        "tag",
        "bad_tag",
        "bad_ciphertext",
        "bad_aad",
    )

    @property
    def bad_tag(self) -> bytes:
        return flip(self.tag, 15, 0x80)

    @property
    def bad_ciphertext(self) -> bytes:
        return flip(self.ciphertext, 0)

    @property
    def bad_aad(self) -> bytes:
        return flip(self.aad, len(self.aad) - 1)


AEAD: tuple[AeadKat, ...] = (
    AeadKat(
        "rfc8439_2_8_2",
        f"{RFC8439} section 2.8.2",
        KEY_80_9F,
        h("07 00 00 00 40 41 42 43 44 45 46 47"),
        h("50 51 52 53 c0 c1 c2 c3 c4 c5 c6 c7"),
        SUNSCREEN,
        h(
            """
            d3 1a 8d 34 64 8e 60 db 7b 86 af bc 53 ef 7e c2
            a4 ad ed 51 29 6e 08 fe a9 e2 b5 a7 36 ee 62 d6
            3d be a4 5e 8c a9 67 12 82 fa fb 69 da 92 72 8b
            1a 71 de 0a 9e 06 0b 29 05 d6 a5 b6 7e cd 3b 36
            92 dd bd 7f 2d 77 8b 8c 98 03 ae e3 28 09 1b 58
            fa b3 24 e4 fa d6 75 94 55 85 80 8b 48 31 d7 bc
            3f f4 de f0 8e 4b 7a 9d e5 76 d2 65 86 ce c6 4b
            61 16
            """
        ),
        h("1a e1 0b 59 4f 09 e2 6a 7e 90 2e cb d0 60 06 91"),
    ),
    AeadKat(
        "rfc8439_a5",
        f"{RFC8439} appendix A.5",
        KEY_1C92,
        h("00 00 00 00 01 02 03 04 05 06 07 08"),
        h("f3 33 88 86 00 00 00 00 00 00 4e 91"),
        (
            "Internet-Drafts are draft documents valid for a maximum of six months and may be "
            "updated, replaced, or obsoleted by other documents at any time. It is "
            "inappropriate to use Internet-Drafts as reference material or to cite them other "
            "than as /\u201cwork in progress./\u201d"
        ).encode(),
        h(
            """
            64 a0 86 15 75 86 1a f4 60 f0 62 c7 9b e6 43 bd
            5e 80 5c fd 34 5c f3 89 f1 08 67 0a c7 6c 8c b2
            4c 6c fc 18 75 5d 43 ee a0 9e e9 4e 38 2d 26 b0
            bd b7 b7 3c 32 1b 01 00 d4 f0 3b 7f 35 58 94 cf
            33 2f 83 0e 71 0b 97 ce 98 c8 a8 4a bd 0b 94 81
            14 ad 17 6e 00 8d 33 bd 60 f9 82 b1 ff 37 c8 55
            97 97 a0 6e f4 f0 ef 61 c1 86 32 4e 2b 35 06 38
            36 06 90 7b 6a 7c 02 b0 f9 f6 15 7b 53 c8 67 e4
            b9 16 6c 76 7b 80 4d 46 a5 9b 52 16 cd e7 a4 e9
            90 40 c5 a4 04 33 22 5e e2 82 a1 b0 a0 6c 52 3e
            af 45 34 d7 f8 3f a1 15 5b 00 47 71 8c bc 54 6a
            0d 07 2b 04 b3 56 4e ea 1b 42 22 73 f5 48 27 1a
            0b b2 31 60 53 fa 76 99 19 55 eb d6 31 59 43 4e
            ce bb 4e 46 6d ae 5a 10 73 a6 72 76 27 09 7a 10
            49 e6 17 d9 1d 36 10 94 fa 68 f0 ff 77 98 71 30
            30 5b ea ba 2e da 04 df 99 7b 71 4d 6c 6f 2c 29
            a6 ad 5c b4 02 2b 02 70 9b
            """
        ),
        h("ee ad 9d 67 89 0c bb 22 39 23 36 fe a1 85 1f 38"),
    ),
)


# --- X25519 --------------------------------------------------------------------------------
@dataclass(frozen=True)
class X25519Kat:
    """``out = X25519(scalar, u)`` (Hacl_Curve25519_51_scalarmult, and _ecdh returning true)."""

    name: str
    source: str
    scalar: bytes
    u: bytes
    out: bytes

    EXPORT: ClassVar[tuple[str, ...]] = ("scalar", "u", "out")


@dataclass(frozen=True)
class X25519DhKat:
    """A Diffie-Hellman exchange: both public keys from the private keys
    (Hacl_Curve25519_51_secret_to_public), the shared secret from either side (_ecdh and
    _scalarmult); _ecdh with the all-zero (small-order) public value must return false."""

    name: str
    source: str
    alice_priv: bytes
    alice_pub: bytes
    bob_priv: bytes
    bob_pub: bytes
    shared: bytes

    EXPORT: ClassVar[tuple[str, ...]] = ("alice_priv", "alice_pub", "bob_priv", "bob_pub", "shared")


X25519: tuple[X25519Kat, ...] = (
    X25519Kat(
        "rfc7748_5_2_1",
        f"{RFC7748} section 5.2, first test vector",
        h("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
        h("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"),
        h("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
    ),
    X25519Kat(
        "rfc7748_5_2_2",
        f"{RFC7748} section 5.2, second test vector",
        h("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
        h("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"),
        h("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"),
    ),
    X25519Kat(
        "rfc7748_5_2_iter1",
        f"{RFC7748} section 5.2, iterated test after one iteration (k = u = 9)",
        b"\x09" + bytes(31),
        b"\x09" + bytes(31),
        h("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079"),
    ),
)

X25519_DH: tuple[X25519DhKat, ...] = (
    X25519DhKat(
        "rfc7748_6_1",
        f"{RFC7748} section 6.1 (Curve25519 Diffie-Hellman)",
        h("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"),
        h("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
        h("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"),
        h("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"),
        h("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"),
    ),
)


# --- Ed25519 -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Ed25519Kat:
    """RFC 8032 Ed25519: public key from the secret key, deterministic signature, verify.

    Negative cases: the signature with one bit of R flipped, with one bit of S flipped, and
    the message with one bit flipped (a zero byte appended when it is empty).
    """

    name: str
    source: str
    secret: bytes
    public: bytes
    msg: bytes
    signature: bytes

    EXPORT: ClassVar[tuple[str, ...]] = (
        "secret",
        "public",
        "msg",
        "signature",
        "bad_sig_r",
        "bad_sig_s",
        "bad_msg",
    )

    @property
    def bad_sig_r(self) -> bytes:
        return flip(self.signature, 0)

    @property
    def bad_sig_s(self) -> bytes:
        return flip(self.signature, 32)

    @property
    def bad_msg(self) -> bytes:
        return flip(self.msg, len(self.msg) - 1) if self.msg else b"\x00"


_RFC8032_71 = f"{RFC8032} section 7.1"
ED25519: tuple[Ed25519Kat, ...] = (
    Ed25519Kat(
        "rfc8032_7_1_test1",
        f"{_RFC8032_71}, TEST 1 (empty message)",
        h("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"),
        h("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
        b"",
        h(
            """
            e5564300c360ac729086e2cc806e828a
            84877f1eb8e5d974d873e06522490155
            5fb8821590a33bacc61e39701cf9b46b
            d25bf5f0595bbe24655141438e7a100b
            """
        ),
    ),
    Ed25519Kat(
        "rfc8032_7_1_test2",
        f"{_RFC8032_71}, TEST 2 (one-byte message)",
        h("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"),
        h("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"),
        h("72"),
        h(
            """
            92a009a9f0d4cab8720e820b5f642540
            a2b27b5416503f8fb3762223ebdb69da
            085ac1e43e15996e458f3613d0f11d8c
            387b2eaeb4302aeeb00d291612bb0c00
            """
        ),
    ),
    Ed25519Kat(
        "rfc8032_7_1_test3",
        f"{_RFC8032_71}, TEST 3 (two-byte message)",
        h("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"),
        h("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"),
        h("af82"),
        h(
            """
            6291d657deec24024827e69c3abe01a3
            0ce548a284743a445e3680d7db5ac3ac
            18ff9b538d16f290ae67f760984dc659
            4a7c15e9716ed28dc027beceea1ec40a
            """
        ),
    ),
)


# --- P-256 ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class P256DhKat:
    """ECDH on P-256. Public keys and the shared point are raw ``x || y`` (64 bytes), as
    Hacl_P256_dh_initiator / _dh_responder write them (the RFC's shared secret is x).

    Negative case: the responder's public key with one bit of y flipped is off the curve, so
    Hacl_P256_validate_public_key and _dh_responder must reject it.
    """

    name: str
    source: str
    priv_i: bytes
    pub_i: bytes
    priv_r: bytes
    pub_r: bytes
    shared: bytes

    EXPORT: ClassVar[tuple[str, ...]] = (
        "priv_i",
        "pub_i",
        "priv_r",
        "pub_r",
        "shared",
        "bad_pub_r",
    )

    @property
    def bad_pub_r(self) -> bytes:
        return flip(self.pub_r, 63)


@dataclass(frozen=True)
class P256EcdsaKat:
    """ECDSA P-256 with SHA-256 over ``msg``: the signature ``(r, s)`` made with nonce ``k``.

    NSS's HACL* P-256 has only the _without_hash entry points, so the harnesses pass
    ``hash = SHA-256(msg)`` (computed here with hashlib, and in the harnesses again with the
    crate's own Hacl_Hash_SHA2_hash_256, which is checked against it). Negative cases: r, s and
    the hash each with one bit flipped.
    """

    name: str
    source: str
    private_key: bytes
    public_key: bytes
    msg: bytes
    k: bytes
    r: bytes
    s: bytes

    EXPORT: ClassVar[tuple[str, ...]] = (
        "private_key",
        "public_key",
        "msg",
        "hash",
        "k",
        "r",
        "s",
        "bad_r",
        "bad_s",
        "bad_hash",
    )

    @property
    def hash(self) -> bytes:
        return hashlib.sha256(self.msg).digest()

    @property
    def bad_r(self) -> bytes:
        return flip(self.r, 31)

    @property
    def bad_s(self) -> bytes:
        return flip(self.s, 31)

    @property
    def bad_hash(self) -> bytes:
        return flip(self.hash, 0)


P256_DH: tuple[P256DhKat, ...] = (
    P256DhKat(
        "rfc5903_8_1",
        f"{RFC5903} section 8.1 (256-bit Random ECP Group)",
        h("C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433"),
        h(
            """
            DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 72581180
            5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 389E0577 B8990BB3
            """
        ),
        h("C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 476BEE53"),
        h(
            """
            D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63
            56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB
            """
        ),
        h(
            """
            D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE
            522BDE0A F0D8585B 8DEF9C18 3B5AE38F 50235206 A8674ECB 5D98EDB2 0EB153A2
            """
        ),
    ),
)

_RFC6979_P256_PRIV = h("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721")
_RFC6979_P256_PUB = h(
    """
    60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6
    7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299
    """
)
P256_ECDSA: tuple[P256EcdsaKat, ...] = (
    P256EcdsaKat(
        "rfc6979_a2_5_sha256_sample",
        f"{RFC6979} appendix A.2.5 (ECDSA, 256 bits, prime field), SHA-256, message 'sample'",
        _RFC6979_P256_PRIV,
        _RFC6979_P256_PUB,
        b"sample",
        h("A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60"),
        h("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"),
        h("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"),
    ),
    P256EcdsaKat(
        "rfc6979_a2_5_sha256_test",
        f"{RFC6979} appendix A.2.5 (ECDSA, 256 bits, prime field), SHA-256, message 'test'",
        _RFC6979_P256_PRIV,
        _RFC6979_P256_PUB,
        b"test",
        h("D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0"),
        h("F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"),
        h("019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"),
    ),
)


# --- SHA-3 ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sha3Kat:
    """``expected = alg(msg)``; for SHAKE the output length is ``len(expected)``."""

    name: str
    source: str
    alg: str  # a key of SHA3_ALGS
    msg: bytes
    expected: bytes

    EXPORT: ClassVar[tuple[str, ...]] = ("alg", "spec", "rate", "msg", "expected")

    @property
    def spec(self) -> int:
        """The ``Spec_Hash_Definitions_hash_alg`` value (the streaming API's algorithm)."""
        return SHA3_ALGS[self.alg][2]

    @property
    def rate(self) -> int:
        """The rate in bytes (``Hacl_Streaming_Keccak_block_len``)."""
        return SHA3_ALGS[self.alg][3]


# alg -> (hashlib name, digest length or None for SHAKE, Spec_Hash_Definitions_hash_alg value
# from Hacl_Streaming_Types.h, rate in bytes)
SHA3_ALGS: dict[str, tuple[str, int | None, int, int]] = {
    "sha3_224": ("sha3_224", 28, 9, 144),
    "sha3_256": ("sha3_256", 32, 8, 136),
    "sha3_384": ("sha3_384", 48, 10, 104),
    "sha3_512": ("sha3_512", 64, 11, 72),
    "shake128": ("shake_128", None, 12, 168),
    "shake256": ("shake_256", None, 13, 136),
}

SHA3: tuple[Sha3Kat, ...] = (
    Sha3Kat(
        "sha3_256_abc",
        f"{FIPS202}, SHA3-256 'abc'",
        "sha3_256",
        b"abc",
        h("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"),
    ),
    Sha3Kat(
        "sha3_512_abc",
        f"{FIPS202}, SHA3-512 'abc'",
        "sha3_512",
        b"abc",
        h(
            """
            b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e
            10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0
            """
        ),
    ),
    Sha3Kat(
        "shake128_abc",
        f"{FIPS202}, SHAKE128 'abc', 256-bit output",
        "shake128",
        b"abc",
        h("5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8"),
    ),
    Sha3Kat(
        "sha3_224_abc",
        f"{FIPS202}, SHA3-224 'abc'",
        "sha3_224",
        b"abc",
        h("e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf"),
    ),
    Sha3Kat(
        "sha3_384_abc",
        f"{FIPS202}, SHA3-384 'abc'",
        "sha3_384",
        b"abc",
        h(
            """
            ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b2
            98d88cea927ac7f539f1edf228376d25
            """
        ),
    ),
    Sha3Kat(
        "shake256_abc",
        f"{FIPS202}, SHAKE256 'abc', 512-bit output",
        "shake256",
        b"abc",
        h(
            """
            483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739
            d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4
            """
        ),
    ),
    Sha3Kat(
        "sha3_256_empty",
        f"{FIPS202}, SHA3-256 of the empty message",
        "sha3_256",
        b"",
        h("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"),
    ),
    Sha3Kat(
        "sha3_256_1600_bits",
        f"{FIPS202}, SHA3-256 of the 1600-bit message 0xa3 x 200",
        "sha3_256",
        b"\xa3" * 200,
        h("79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787"),
    ),
)

# Every table, keyed by the name the harnesses use for it.
TABLES: dict[str, tuple[Vector, ...]] = {
    "CHACHA20": CHACHA20,
    "POLY1305": POLY1305,
    "AEAD": AEAD,
    "X25519": X25519,
    "X25519_DH": X25519_DH,
    "ED25519": ED25519,
    "P256_DH": P256_DH,
    "P256_ECDSA": P256_ECDSA,
    "SHA3": SHA3,
}

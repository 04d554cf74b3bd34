"""Textbook reference implementations, used only to check the vectors in ``vectors.py``.

Written from the specifications (RFC 8439 sections 2.3-2.8, RFC 7748 section 5, RFC 8032
sections 5.1 and 6, SEC 1 / FIPS 186-4 for ECDSA over P-256) with Python integers and
:mod:`hashlib` only, independently of HACL*. They are slow, variable-time and for tests
only; their job is to catch a mistyped vector, not to be cryptography.
"""

from __future__ import annotations

import hashlib
import struct

# --- ChaCha20, Poly1305, AEAD (RFC 8439) ---------------------------------------------------
_M32 = 0xFFFFFFFF


def _rotl32(v: int, c: int) -> int:
    return ((v << c) & _M32) | (v >> (32 - c))


def _quarter_round(s: list[int], a: int, b: int, c: int, d: int) -> None:
    s[a] = (s[a] + s[b]) & _M32
    s[d] = _rotl32(s[d] ^ s[a], 16)
    s[c] = (s[c] + s[d]) & _M32
    s[b] = _rotl32(s[b] ^ s[c], 12)
    s[a] = (s[a] + s[b]) & _M32
    s[d] = _rotl32(s[d] ^ s[a], 8)
    s[c] = (s[c] + s[d]) & _M32
    s[b] = _rotl32(s[b] ^ s[c], 7)


def chacha20_block(key: bytes, counter: int, nonce: bytes) -> bytes:
    """RFC 8439 section 2.3: one 64-byte keystream block."""
    init = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    init += list(struct.unpack("<8I", key)) + [counter] + list(struct.unpack("<3I", nonce))
    s = list(init)
    for _ in range(10):
        _quarter_round(s, 0, 4, 8, 12)
        _quarter_round(s, 1, 5, 9, 13)
        _quarter_round(s, 2, 6, 10, 14)
        _quarter_round(s, 3, 7, 11, 15)
        _quarter_round(s, 0, 5, 10, 15)
        _quarter_round(s, 1, 6, 11, 12)
        _quarter_round(s, 2, 7, 8, 13)
        _quarter_round(s, 3, 4, 9, 14)
    return struct.pack("<16I", *((a + b) & _M32 for a, b in zip(s, init, strict=True)))


def chacha20(key: bytes, counter: int, nonce: bytes, data: bytes) -> bytes:
    """RFC 8439 section 2.4: encryption (= decryption)."""
    out = bytearray()
    for j in range(0, len(data), 64):
        block = chacha20_block(key, counter + j // 64, nonce)
        out += bytes(a ^ b for a, b in zip(data[j : j + 64], block, strict=False))
    return bytes(out)


def poly1305(key: bytes, msg: bytes) -> bytes:
    """RFC 8439 section 2.5: the 16-byte tag."""
    r = int.from_bytes(key[:16], "little") & 0x0FFFFFFC0FFFFFFC0FFFFFFC0FFFFFFF
    s = int.from_bytes(key[16:32], "little")
    p = (1 << 130) - 5
    acc = 0
    for i in range(0, len(msg), 16):
        acc = (acc + int.from_bytes(msg[i : i + 16] + b"\x01", "little")) * r % p
    return ((acc + s) % (1 << 128)).to_bytes(16, "little")


def _pad16(b: bytes) -> bytes:
    return bytes(-len(b) % 16)


def aead_seal(key: bytes, nonce: bytes, aad: bytes, plaintext: bytes) -> tuple[bytes, bytes]:
    """RFC 8439 section 2.8: ``(ciphertext, tag)``."""
    otk = chacha20_block(key, 0, nonce)[:32]
    ct = chacha20(key, 1, nonce, plaintext)
    mac_data = aad + _pad16(aad) + ct + _pad16(ct) + struct.pack("<QQ", len(aad), len(ct))
    return ct, poly1305(otk, mac_data)


def aead_open(key: bytes, nonce: bytes, aad: bytes, ct: bytes, tag: bytes) -> bytes | None:
    """The plaintext, or ``None`` when the tag does not verify."""
    otk = chacha20_block(key, 0, nonce)[:32]
    mac_data = aad + _pad16(aad) + ct + _pad16(ct) + struct.pack("<QQ", len(aad), len(ct))
    if poly1305(otk, mac_data) != tag:
        return None
    return chacha20(key, 1, nonce, ct)


# --- X25519 (RFC 7748 section 5) -----------------------------------------------------------
P25519 = 2**255 - 19


def x25519(scalar: bytes, u: bytes) -> bytes:
    """RFC 7748 section 5: the Montgomery ladder on decoded (clamped) scalar and u."""
    k = bytearray(scalar)
    k[0] &= 248
    k[31] &= 127
    k[31] |= 64
    kn = int.from_bytes(k, "little")
    x1 = int.from_bytes(u, "little") & ((1 << 255) - 1)
    p = P25519
    x2, z2, x3, z3, swap = 1, 0, x1, 1, 0
    for t in reversed(range(255)):
        kt = (kn >> t) & 1
        swap ^= kt
        if swap:
            x2, x3, z2, z3 = x3, x2, z3, z2
        swap = kt
        a, b, c, d = x2 + z2, x2 - z2, x3 + z3, x3 - z3
        aa, bb = a * a % p, b * b % p
        e = aa - bb
        da, cb = d * a % p, c * b % p
        x3 = (da + cb) ** 2 % p
        z3 = x1 * (da - cb) ** 2 % p
        x2 = aa * bb % p
        z2 = e * (aa + 121665 * e) % p
    if swap:
        x2, z2 = x3, z3
    return (x2 * pow(z2, p - 2, p) % p).to_bytes(32, "little")


# --- Ed25519 (RFC 8032 sections 5.1 and 6) -------------------------------------------------
_Q = P25519
_L = 2**252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _Q - 2, _Q) % _Q
_SQRT_M1 = pow(2, (_Q - 1) // 4, _Q)
Point = tuple[int, int, int, int]  # extended coordinates (X, Y, Z, T)


def _ed_add(p: Point, q: Point) -> Point:
    a = (p[1] - p[0]) * (q[1] - q[0]) % _Q
    b = (p[1] + p[0]) * (q[1] + q[0]) % _Q
    c = 2 * p[3] * q[3] * _D % _Q
    d = 2 * p[2] * q[2] % _Q
    e, f, g, hh = b - a, d - c, d + c, b + a
    return (e * f % _Q, g * hh % _Q, f * g % _Q, e * hh % _Q)


def _ed_mul(s: int, p: Point) -> Point:
    acc: Point = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            acc = _ed_add(acc, p)
        p = _ed_add(p, p)
        s >>= 1
    return acc


def _ed_equal(p: Point, q: Point) -> bool:
    return (p[0] * q[2] - q[0] * p[2]) % _Q == 0 and (p[1] * q[2] - q[1] * p[2]) % _Q == 0


def _ed_recover_x(y: int, sign: int) -> int | None:
    if y >= _Q:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _Q - 2, _Q) % _Q
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_Q + 3) // 8, _Q)
    if (x * x - x2) % _Q != 0:
        x = x * _SQRT_M1 % _Q
    if (x * x - x2) % _Q != 0:
        return None
    if (x & 1) != sign:
        x = _Q - x
    return x


def _ed_compress(p: Point) -> bytes:
    zinv = pow(p[2], _Q - 2, _Q)
    x, y = p[0] * zinv % _Q, p[1] * zinv % _Q
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def _ed_decompress(s: bytes) -> Point | None:
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _ed_recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _Q)


_GY = 4 * pow(5, _Q - 2, _Q) % _Q
_GX = _ed_recover_x(_GY, 0)
assert _GX is not None
_G: Point = (_GX, _GY, 1, _GX * _GY % _Q)


def _sha512_int(data: bytes) -> int:
    return int.from_bytes(hashlib.sha512(data).digest(), "little")


def _ed_expand(secret: bytes) -> tuple[int, bytes]:
    digest = hashlib.sha512(secret).digest()
    a = int.from_bytes(digest[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return a, digest[32:]


def ed25519_public(secret: bytes) -> bytes:
    """RFC 8032 section 5.1.5."""
    return _ed_compress(_ed_mul(_ed_expand(secret)[0], _G))


def ed25519_sign(secret: bytes, msg: bytes) -> bytes:
    """RFC 8032 section 5.1.6."""
    a, prefix = _ed_expand(secret)
    pub = _ed_compress(_ed_mul(a, _G))
    r = _sha512_int(prefix + msg) % _L
    big_r = _ed_compress(_ed_mul(r, _G))
    k = _sha512_int(big_r + pub + msg) % _L
    return big_r + ((r + k * a) % _L).to_bytes(32, "little")


def ed25519_verify(public: bytes, msg: bytes, sig: bytes) -> bool:
    """RFC 8032 section 5.1.7 (cofactorless check, as in section 6's code)."""
    a = _ed_decompress(public)
    r = _ed_decompress(sig[:32])
    s = int.from_bytes(sig[32:], "little")
    if a is None or r is None or s >= _L:
        return False
    k = _sha512_int(sig[:32] + public + msg) % _L
    return _ed_equal(_ed_mul(s, _G), _ed_add(r, _ed_mul(k, a)))


# --- P-256 (NIST curve, SEC 1 ECDH and ECDSA) ----------------------------------------------
P256_P = 2**256 - 2**224 + 2**192 + 2**96 - 1
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
P256_B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
P256_G = (
    0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
    0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
)
Affine = tuple[int, int] | None  # None is the point at infinity


def _p256_add(p1: Affine, p2: Affine) -> Affine:
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    p = P256_P
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % p == 0:
        return None
    if p1 == p2:
        lam = (3 * x1 * x1 - 3) * pow(2 * y1, -1, p) % p
    else:
        lam = (y2 - y1) * pow(x2 - x1, -1, p) % p
    x3 = (lam * lam - x1 - x2) % p
    return (x3, (lam * (x1 - x3) - y1) % p)


def _p256_mul(k: int, pt: Affine) -> Affine:
    acc: Affine = None
    while k > 0:
        if k & 1:
            acc = _p256_add(acc, pt)
        pt = _p256_add(pt, pt)
        k >>= 1
    return acc


def _p256_decode(raw: bytes) -> Affine:
    """A raw ``x || y`` public key, or ``None`` when it is not a point of the curve."""
    x, y = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    if not (x < P256_P and y < P256_P) or (y * y - (x**3 - 3 * x + P256_B)) % P256_P != 0:
        return None
    return (x, y)


def _p256_encode(pt: Affine) -> bytes:
    assert pt is not None
    return pt[0].to_bytes(32, "big") + pt[1].to_bytes(32, "big")


def p256_valid_public(raw: bytes) -> bool:
    """SP 800-56A partial public-key validation (on the curve, coordinates in range)."""
    return _p256_decode(raw) is not None


def p256_public(priv: bytes) -> bytes:
    """``priv * G`` as raw ``x || y``."""
    return _p256_encode(_p256_mul(int.from_bytes(priv, "big"), P256_G))


def p256_ecdh(priv: bytes, peer: bytes) -> bytes | None:
    """The shared point ``priv * peer`` as raw ``x || y`` (``None`` for an invalid peer)."""
    pt = _p256_decode(peer)
    return None if pt is None else _p256_encode(_p256_mul(int.from_bytes(priv, "big"), pt))


def p256_sign(digest: bytes, priv: bytes, k: bytes) -> bytes:
    """ECDSA signature ``r || s`` of a 32-byte digest with the given nonce ``k``."""
    z, d, kn = (int.from_bytes(b, "big") for b in (digest, priv, k))
    big_r = _p256_mul(kn, P256_G)
    assert big_r is not None
    r = big_r[0] % P256_N
    s = pow(kn, -1, P256_N) * (z + r * d) % P256_N
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def p256_verify(digest: bytes, pub: bytes, r_bytes: bytes, s_bytes: bytes) -> bool:
    """ECDSA verification of a 32-byte digest."""
    q = _p256_decode(pub)
    r, s = int.from_bytes(r_bytes, "big"), int.from_bytes(s_bytes, "big")
    if q is None or not (0 < r < P256_N and 0 < s < P256_N):
        return False
    w = pow(s, -1, P256_N)
    z = int.from_bytes(digest, "big")
    x = _p256_add(_p256_mul(z * w % P256_N, P256_G), _p256_mul(r * w % P256_N, q))
    return x is not None and x[0] % P256_N == r

"""Known-answer test vectors for the hash functions of CPython's ``Modules/_hacl``.

This table is the single source of truth for three consumers:

* ``cpython_hacl.rs`` -- the Rust integration test run inside the translated crate,
* ``c_kat.c``         -- the same tests against the original HACL* C (gcc),

both written by ``gen_kat.py`` (``.venv/bin/python -m tests.kat.gen_kat``), and
``test_vectors.py``, which recomputes every expected value with :mod:`hashlib` so the
numbers below are checked by an implementation independent of HACL*.

Each vector is a :class:`Kat`: a name (unique, a valid Rust/C identifier fragment), an
algorithm key from :data:`ALGS`, a message description (:class:`Rep` or :class:`Ramp`),
the output length in bytes (the digest size, or the requested length for SHAKE), the
source the vector was taken from and the expected output as lowercase hex.

To add a vector: append a ``Kat`` row, fill ``expected`` from an independent
implementation (e.g. ``hashlib.new(name, msg).hexdigest()``), run the generator, then
``pytest tests/kat`` (which fails on any wrong value or stale generated file).
"""

from __future__ import annotations

from dataclasses import dataclass

# --- where vectors come from -------------------------------------------------------------
RFC1321 = "RFC 1321 (MD5) appendix A.5 test suite"
RFC3174 = "RFC 3174 (SHA-1) section 7.3 / FIPS 180 examples"
FIPS180 = "FIPS 180-4 examples (NIST CSRC 'Examples with intermediate values')"
FIPS202 = "FIPS 202 examples (NIST CSRC SHA-3 / SHAKE example values)"
HASHLIB = "edge case (padding / rate boundary or long input); value from Python hashlib"

# --- algorithms -------------------------------------------------------------------------


@dataclass(frozen=True)
class AlgInfo:
    """One hash algorithm as the KAT harnesses see it.

    ``key`` is the table key (and the prefix of vector and Rust test names),
    ``rust_variant``/``c_enum`` name it in the generated code, ``hashlib_name`` is the
    :func:`hashlib.new` name, ``digest_len`` is ``None`` for the XOFs (SHAKE),
    ``block_len`` is the block size (SHA-3: the rate) in bytes and ``hacl_alg`` the
    ``Spec_Hash_Definitions_hash_alg`` value (``Hacl_Streaming_Types.h``).
    """

    key: str
    rust_variant: str
    c_enum: str
    hashlib_name: str
    digest_len: int | None
    block_len: int
    hacl_alg: int

    @property
    def is_shake(self) -> bool:
        """True for the extendable-output functions (output length chosen by the caller)."""
        return self.digest_len is None

    @property
    def is_sha3_family(self) -> bool:
        """True when the algorithm lives in ``Hacl_Hash_SHA3.c`` (SHA3-* and SHAKE*)."""
        return self.key.startswith(("sha3_", "shake"))


ALGS: dict[str, AlgInfo] = {
    a.key: a
    for a in (
        AlgInfo("md5", "Md5", "ALG_MD5", "md5", 16, 64, 5),
        AlgInfo("sha1", "Sha1", "ALG_SHA1", "sha1", 20, 64, 4),
        AlgInfo("sha224", "Sha224", "ALG_SHA224", "sha224", 28, 64, 0),
        AlgInfo("sha256", "Sha256", "ALG_SHA256", "sha256", 32, 64, 1),
        AlgInfo("sha384", "Sha384", "ALG_SHA384", "sha384", 48, 128, 2),
        AlgInfo("sha512", "Sha512", "ALG_SHA512", "sha512", 64, 128, 3),
        AlgInfo("sha3_224", "Sha3_224", "ALG_SHA3_224", "sha3_224", 28, 144, 9),
        AlgInfo("sha3_256", "Sha3_256", "ALG_SHA3_256", "sha3_256", 32, 136, 8),
        AlgInfo("sha3_384", "Sha3_384", "ALG_SHA3_384", "sha3_384", 48, 104, 10),
        AlgInfo("sha3_512", "Sha3_512", "ALG_SHA3_512", "sha3_512", 64, 72, 11),
        AlgInfo("shake128", "Shake128", "ALG_SHAKE128", "shake_128", None, 168, 12),
        AlgInfo("shake256", "Shake256", "ALG_SHAKE256", "shake_256", None, 136, 13),
    )
}

# --- messages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rep:
    """The byte string ``pattern`` repeated ``count`` times (``Rep(b"abc")`` is "abc")."""

    pattern: bytes
    count: int = 1

    def build(self) -> bytes:
        """Return the message bytes."""
        return self.pattern * self.count

    def __len__(self) -> int:
        return len(self.pattern) * self.count


@dataclass(frozen=True)
class Ramp:
    """``n`` bytes where byte ``i`` is ``i % 251`` (251 is prime, so no block-size period)."""

    n: int

    def build(self) -> bytes:
        """Return the message bytes."""
        return bytes(i % 251 for i in range(self.n))

    def __len__(self) -> int:
        return self.n


Msg = Rep | Ramp


@dataclass(frozen=True)
class Kat:
    """One known-answer vector (see the module docstring for the fields)."""

    name: str
    alg: str
    msg: Msg
    out_len: int
    source: str
    expected: str

    @property
    def info(self) -> AlgInfo:
        """The :class:`AlgInfo` of this vector's algorithm."""
        return ALGS[self.alg]


# --- streaming split patterns -------------------------------------------------------------
# A pattern is a list of chunk sizes, cycled until the message is used up (the last chunk
# is cut to what remains). Zero-length updates and sizes one below / at / above every block
# size and SHA-3 rate are included, so buffered and block-crossing paths are all exercised.
WHOLE = (1 << 30,)  # one update with the whole message
SPLITS_SHORT: tuple[tuple[int, ...], ...] = (
    WHOLE,
    (1,),
    (0, 1, 0, 63, 64, 65, 0, 127, 128, 129),
    (7, 0, 71, 72, 73, 103, 104, 105, 135, 136, 137, 143, 144, 145, 167, 168, 169),
    (2, 3, 5, 11, 13, 31, 37, 61, 67, 101, 131, 251, 0, 509),
)
# Messages longer than LONG_MSG bytes (the million-'a' vectors) use these coarser patterns
# so the streaming tests stay fast in debug builds.
LONG_MSG = 65536
SPLITS_LONG: tuple[tuple[int, ...], ...] = (
    WHOLE,
    (0, 1, 4095, 4096, 4097, 65536, 0, 100000, 63, 129, 135, 168),
    (999999, 1),
)


def splits_for(msg_len: int) -> tuple[tuple[int, ...], ...]:
    """The split patterns used for a message of ``msg_len`` bytes."""
    return SPLITS_LONG if msg_len > LONG_MSG else SPLITS_SHORT


def chunk_ranges(msg_len: int, pattern: tuple[int, ...]) -> list[tuple[int, int]]:
    """Cut ``[0, msg_len)`` into ``(start, end)`` ranges following ``pattern`` cyclically.

    Zero-length chunks in the pattern give empty ranges (empty updates); an empty message
    yields one empty range so that an update is still made.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    i = 0
    while pos < msg_len or not out:
        size = min(pattern[i % len(pattern)], msg_len - pos)
        out.append((pos, pos + size))
        pos += size
        i += 1
    return out


# --- the vectors --------------------------------------------------------------------------
M448 = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
M896 = (
    b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
    b"ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
)
ALPHABET = b"abcdefghijklmnopqrstuvwxyz"
ALNUM = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

KATS: tuple[Kat, ...] = (
    # --- md5 ---
    Kat("md5_empty", "md5", Rep(b""), 16, RFC1321, "d41d8cd98f00b204e9800998ecf8427e"),
    Kat("md5_a", "md5", Rep(b"a"), 16, RFC1321, "0cc175b9c0f1b6a831c399e269772661"),
    Kat("md5_abc", "md5", Rep(b"abc"), 16, RFC1321, "900150983cd24fb0d6963f7d28e17f72"),
    Kat(
        "md5_message_digest",
        "md5",
        Rep(b"message digest"),
        16,
        RFC1321,
        "f96b697d7cb7938d525a2f31aaf161d0",
    ),
    Kat("md5_alphabet", "md5", Rep(ALPHABET), 16, RFC1321, "c3fcd3d76192e4007dfb496cca67e13b"),
    Kat("md5_alnum", "md5", Rep(ALNUM), 16, RFC1321, "d174ab98d277d9f5a5611c2c9f419d9f"),
    Kat(
        "md5_digits80",
        "md5",
        Rep(b"1234567890", 8),
        16,
        RFC1321,
        "57edf4a22be3c955ac49da2e2107b67a",
    ),
    Kat(
        "md5_million_a",
        "md5",
        Rep(b"a", 1_000_000),
        16,
        HASHLIB,
        "7707d6ae4e027c70eea2a935c2296f21",
    ),
    # --- sha1 ---
    Kat("sha1_empty", "sha1", Rep(b""), 20, HASHLIB, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
    Kat("sha1_abc", "sha1", Rep(b"abc"), 20, RFC3174, "a9993e364706816aba3e25717850c26c9cd0d89d"),
    Kat("sha1_448bit", "sha1", Rep(M448), 20, RFC3174, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
    Kat(
        "sha1_million_a",
        "sha1",
        Rep(b"a", 1_000_000),
        20,
        RFC3174,
        "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
    ),
    Kat(
        "sha1_01234567x80",
        "sha1",
        Rep(b"01234567", 80),
        20,
        RFC3174,
        "dea356a2cddd90c7a7ecedc5ebb563934f460452",
    ),
    Kat("sha1_896bit", "sha1", Rep(M896), 20, HASHLIB, "a49b2446a02c645bf419f995b67091253a04a259"),
    # --- sha224 ---
    Kat(
        "sha224_empty",
        "sha224",
        Rep(b""),
        28,
        FIPS180,
        "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f",
    ),
    Kat(
        "sha224_abc",
        "sha224",
        Rep(b"abc"),
        28,
        FIPS180,
        "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
    ),
    Kat(
        "sha224_448bit",
        "sha224",
        Rep(M448),
        28,
        FIPS180,
        "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525",
    ),
    Kat(
        "sha224_896bit",
        "sha224",
        Rep(M896),
        28,
        FIPS180,
        "c97ca9a559850ce97a04a96def6d99a9e0e0e2ab14e6b8df265fc0b3",
    ),
    Kat(
        "sha224_million_a",
        "sha224",
        Rep(b"a", 1_000_000),
        28,
        FIPS180,
        "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67",
    ),
    # --- sha256 ---
    Kat(
        "sha256_empty",
        "sha256",
        Rep(b""),
        32,
        FIPS180,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ),
    Kat(
        "sha256_abc",
        "sha256",
        Rep(b"abc"),
        32,
        FIPS180,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    ),
    Kat(
        "sha256_448bit",
        "sha256",
        Rep(M448),
        32,
        FIPS180,
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ),
    Kat(
        "sha256_896bit",
        "sha256",
        Rep(M896),
        32,
        FIPS180,
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
    ),
    Kat(
        "sha256_million_a",
        "sha256",
        Rep(b"a", 1_000_000),
        32,
        FIPS180,
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    ),
    # --- sha384 ---
    Kat(
        "sha384_empty",
        "sha384",
        Rep(b""),
        48,
        FIPS180,
        (
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
            "274edebfe76f65fbd51ad2f14898b95b"
        ),
    ),
    Kat(
        "sha384_abc",
        "sha384",
        Rep(b"abc"),
        48,
        FIPS180,
        (
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
            "8086072ba1e7cc2358baeca134c825a7"
        ),
    ),
    Kat(
        "sha384_448bit",
        "sha384",
        Rep(M448),
        48,
        FIPS180,
        (
            "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6"
            "b0455a8520bc4e6f5fe95b1fe3c8452b"
        ),
    ),
    Kat(
        "sha384_896bit",
        "sha384",
        Rep(M896),
        48,
        FIPS180,
        (
            "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
            "fcc7c71a557e2db966c3e9fa91746039"
        ),
    ),
    Kat(
        "sha384_million_a",
        "sha384",
        Rep(b"a", 1_000_000),
        48,
        FIPS180,
        (
            "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
            "07b8b3dc38ecc4ebae97ddd87f3d8985"
        ),
    ),
    # --- sha512 ---
    Kat(
        "sha512_empty",
        "sha512",
        Rep(b""),
        64,
        FIPS180,
        (
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        ),
    ),
    Kat(
        "sha512_abc",
        "sha512",
        Rep(b"abc"),
        64,
        FIPS180,
        (
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        ),
    ),
    Kat(
        "sha512_448bit",
        "sha512",
        Rep(M448),
        64,
        FIPS180,
        (
            "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
            "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"
        ),
    ),
    Kat(
        "sha512_896bit",
        "sha512",
        Rep(M896),
        64,
        FIPS180,
        (
            "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
            "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"
        ),
    ),
    Kat(
        "sha512_million_a",
        "sha512",
        Rep(b"a", 1_000_000),
        64,
        FIPS180,
        (
            "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
            "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"
        ),
    ),
    # --- sha3_224 ---
    Kat(
        "sha3_224_empty",
        "sha3_224",
        Rep(b""),
        28,
        FIPS202,
        "6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7",
    ),
    Kat(
        "sha3_224_abc",
        "sha3_224",
        Rep(b"abc"),
        28,
        FIPS202,
        "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf",
    ),
    Kat(
        "sha3_224_448bit",
        "sha3_224",
        Rep(M448),
        28,
        FIPS202,
        "8a24108b154ada21c9fd5574494479ba5c7e7ab76ef264ead0fcce33",
    ),
    Kat(
        "sha3_224_896bit",
        "sha3_224",
        Rep(M896),
        28,
        FIPS202,
        "543e6868e1666c1a643630df77367ae5a62a85070a51c14cbf665cbc",
    ),
    Kat(
        "sha3_224_a3x200",
        "sha3_224",
        Rep(b"\xa3", 200),
        28,
        FIPS202,
        "9376816aba503f72f96ce7eb65ac095deee3be4bf9bbc2a1cb7e11e0",
    ),
    Kat(
        "sha3_224_million_a",
        "sha3_224",
        Rep(b"a", 1_000_000),
        28,
        FIPS202,
        "d69335b93325192e516a912e6d19a15cb51c6ed5c15243e7a7fd653c",
    ),
    # --- sha3_256 ---
    Kat(
        "sha3_256_empty",
        "sha3_256",
        Rep(b""),
        32,
        FIPS202,
        "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
    ),
    Kat(
        "sha3_256_abc",
        "sha3_256",
        Rep(b"abc"),
        32,
        FIPS202,
        "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
    ),
    Kat(
        "sha3_256_448bit",
        "sha3_256",
        Rep(M448),
        32,
        FIPS202,
        "41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376",
    ),
    Kat(
        "sha3_256_896bit",
        "sha3_256",
        Rep(M896),
        32,
        FIPS202,
        "916f6061fe879741ca6469b43971dfdb28b1a32dc36cb3254e812be27aad1d18",
    ),
    Kat(
        "sha3_256_a3x200",
        "sha3_256",
        Rep(b"\xa3", 200),
        32,
        FIPS202,
        "79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787",
    ),
    Kat(
        "sha3_256_million_a",
        "sha3_256",
        Rep(b"a", 1_000_000),
        32,
        FIPS202,
        "5c8875ae474a3634ba4fd55ec85bffd661f32aca75c6d699d0cdcb6c115891c1",
    ),
    # --- sha3_384 ---
    Kat(
        "sha3_384_empty",
        "sha3_384",
        Rep(b""),
        48,
        FIPS202,
        (
            "0c63a75b845e4f7d01107d852e4c2485c51a50aaaa94fc61995e71bbee983a2a"
            "c3713831264adb47fb6bd1e058d5f004"
        ),
    ),
    Kat(
        "sha3_384_abc",
        "sha3_384",
        Rep(b"abc"),
        48,
        FIPS202,
        (
            "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b2"
            "98d88cea927ac7f539f1edf228376d25"
        ),
    ),
    Kat(
        "sha3_384_448bit",
        "sha3_384",
        Rep(M448),
        48,
        FIPS202,
        (
            "991c665755eb3a4b6bbdfb75c78a492e8c56a22c5c4d7e429bfdbc32b9d4ad5a"
            "a04a1f076e62fea19eef51acd0657c22"
        ),
    ),
    Kat(
        "sha3_384_896bit",
        "sha3_384",
        Rep(M896),
        48,
        FIPS202,
        (
            "79407d3b5916b59c3e30b09822974791c313fb9ecc849e406f23592d04f625dc"
            "8c709b98b43b3852b337216179aa7fc7"
        ),
    ),
    Kat(
        "sha3_384_a3x200",
        "sha3_384",
        Rep(b"\xa3", 200),
        48,
        FIPS202,
        (
            "1881de2ca7e41ef95dc4732b8f5f002b189cc1e42b74168ed1732649ce1dbcdd"
            "76197a31fd55ee989f2d7050dd473e8f"
        ),
    ),
    Kat(
        "sha3_384_million_a",
        "sha3_384",
        Rep(b"a", 1_000_000),
        48,
        FIPS202,
        (
            "eee9e24d78c1855337983451df97c8ad9eedf256c6334f8e948d252d5e0e7684"
            "7aa0774ddb90a842190d2c558b4b8340"
        ),
    ),
    # --- sha3_512 ---
    Kat(
        "sha3_512_empty",
        "sha3_512",
        Rep(b""),
        64,
        FIPS202,
        (
            "a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a6"
            "15b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26"
        ),
    ),
    Kat(
        "sha3_512_abc",
        "sha3_512",
        Rep(b"abc"),
        64,
        FIPS202,
        (
            "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
            "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"
        ),
    ),
    Kat(
        "sha3_512_448bit",
        "sha3_512",
        Rep(M448),
        64,
        FIPS202,
        (
            "04a371e84ecfb5b8b77cb48610fca8182dd457ce6f326a0fd3d7ec2f1e91636d"
            "ee691fbe0c985302ba1b0d8dc78c086346b533b49c030d99a27daf1139d6e75e"
        ),
    ),
    Kat(
        "sha3_512_896bit",
        "sha3_512",
        Rep(M896),
        64,
        FIPS202,
        (
            "afebb2ef542e6579c50cad06d2e578f9f8dd6881d7dc824d26360feebf18a4fa"
            "73e3261122948efcfd492e74e82e2189ed0fb440d187f382270cb455f21dd185"
        ),
    ),
    Kat(
        "sha3_512_a3x200",
        "sha3_512",
        Rep(b"\xa3", 200),
        64,
        FIPS202,
        (
            "e76dfad22084a8b1467fcf2ffa58361bec7628edf5f3fdc0e4805dc48caeeca8"
            "1b7c13c30adf52a3659584739a2df46be589c51ca1a4a8416df6545a1ce8ba00"
        ),
    ),
    Kat(
        "sha3_512_million_a",
        "sha3_512",
        Rep(b"a", 1_000_000),
        64,
        FIPS202,
        (
            "3c3a876da14034ab60627c077bb98f7e120a2a5370212dffb3385a18d4f38859"
            "ed311d0a9d5141ce9cc5c66ee689b266a8aa18ace8282a0e0db596c90b0a7b87"
        ),
    ),
    # --- shake128 ---
    Kat(
        "shake128_empty_out32",
        "shake128",
        Rep(b""),
        32,
        FIPS202,
        "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26",
    ),
    Kat(
        "shake128_empty_out64",
        "shake128",
        Rep(b""),
        64,
        FIPS202,
        (
            "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26"
            "3cb1eea988004b93103cfb0aeefd2a686e01fa4a58e8a3639ca8a1e3f9ae57e2"
        ),
    ),
    Kat(
        "shake128_empty_out512",
        "shake128",
        Rep(b""),
        512,
        FIPS202,
        (
            "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26"
            "3cb1eea988004b93103cfb0aeefd2a686e01fa4a58e8a3639ca8a1e3f9ae57e2"
            "35b8cc873c23dc62b8d260169afa2f75ab916a58d974918835d25e6a435085b2"
            "badfd6dfaac359a5efbb7bcc4b59d538df9a04302e10c8bc1cbf1a0b3a5120ea"
            "17cda7cfad765f5623474d368ccca8af0007cd9f5e4c849f167a580b14aabdef"
            "aee7eef47cb0fca9767be1fda69419dfb927e9df07348b196691abaeb580b32d"
            "ef58538b8d23f87732ea63b02b4fa0f4873360e2841928cd60dd4cee8cc0d4c9"
            "22a96188d032675c8ac850933c7aff1533b94c834adbb69c6115bad4692d8619"
            "f90b0cdf8a7b9c264029ac185b70b83f2801f2f4b3f70c593ea3aeeb613a7f1b"
            "1de33fd75081f592305f2e4526edc09631b10958f464d889f31ba010250fda7f"
            "1368ec2967fc84ef2ae9aff268e0b1700affc6820b523a3d917135f2dff2ee06"
            "bfe72b3124721d4a26c04e53a75e30e73a7a9c4a95d91c55d495e9f51dd0b5e9"
            "d83c6d5e8ce803aa62b8d654db53d09b8dcff273cdfeb573fad8bcd45578bec2"
            "e770d01efde86e721a3f7c6cce275dabe6e2143f1af18da7efddc4c7b70b5e34"
            "5db93cc936bea323491ccb38a388f546a9ff00dd4e1300b9b2153d2041d205b4"
            "43e41b45a653f2a5c4492c1add544512dda2529833462b71a41a45be97290b6f"
        ),
    ),
    Kat(
        "shake128_abc_out32",
        "shake128",
        Rep(b"abc"),
        32,
        FIPS202,
        "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8",
    ),
    Kat(
        "shake128_abc_out64",
        "shake128",
        Rep(b"abc"),
        64,
        FIPS202,
        (
            "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8"
            "44c50af32acd3f2cdd066568706f509bc1bdde58295dae3f891a9a0fca578378"
        ),
    ),
    Kat(
        "shake128_abc_out1000",
        "shake128",
        Rep(b"abc"),
        1000,
        FIPS202,
        (
            "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8"
            "44c50af32acd3f2cdd066568706f509bc1bdde58295dae3f891a9a0fca578378"
            "9a41f8611214ce612394df286a62d1a2252aa94db9c538956c717dc2bed4f232"
            "a0294c857c730aa16067ac1062f1201fb0d377cfb9cde4c63599b27f3462bba4"
            "a0ed296c801f9ff7f57302bb3076ee145f97a32ae68e76ab66c48d51675bd49a"
            "cc29082f5647584e6aa01b3f5af057805f973ff8ecb8b226ac32ada6f01c1fcd"
            "4818cb006aa5b4cdb3611eb1e533c8964cacfdf31012cd3fb744d02225b988b4"
            "75375faad996eb1b9176ecb0f8b2871723d6dbb804e23357e50732f5cfc904b1"
            "319795000d7361d9e5e1b77b4b8f5774aa1482cfa58f83096bdb2e06a3eed543"
            "a38919b57ecbec737f4086be007f8ef80094ceea8807193d46e9be540b6e99b4"
            "c1c71507095028a024e8d39aa8f4c5854cedd50d30a223e7d54e9a24f0a2526b"
            "31002afbd1b4ebea69c8400c3deb4c1c35d6dbb75651b284076f5fde47b4a058"
            "6ee173e30bd4d08f2bc59c6114bdd745d20876bee2bf800bd7d8b5e51536c844"
            "c73256f7d1ada1870c7bbaf83af10a6fdd7c02967811815459cfd02d67b936e9"
            "75c6007c63ea7ae087f0a6b0a1319668bb61788eaa3d3b78e3f2061adcdead40"
            "7085901803ec6f17f0ec650a292198275211a56bf13f0bf7241268b50d3f1ec8"
            "07897acba99ced827052ae3921fd210d66ec315c2d028fcafbc90e0eec294621"
            "c59cb50ba173112ddd6330302a926c194898778272282fc8da3fca753353cdb7"
            "053c02e11ac787fc575314ce37661adaef6b7e4419dcfef952c54eae95053040"
            "5a7cd2a877ac37a5e23e34335918771b32c0b809e8ab4efb22bf17b1b8550c77"
            "b2135bd1cd85f3909670c7f5c6b4073f5182bb3cf10d8d9c6f4c72a10d6ac4c0"
            "1dc33b73e7ffbcee1d23336ccae6c1253194b5add6add52258c91f5618643307"
            "0e2c8a7d1bb2cb150424f88d37ff5ea347dd6520010ac3e4ce580e13d1829b28"
            "51be6f3149811c675222bec486d1ac4c280cdd74c047847c13bfe69ad481a0c6"
            "84d9111441d12a2c07c481a7b99acba0764c4a860e66b6ea3591d8a208e2533f"
            "0a5caa95482b856bbf85f7921d6dde439fd44adba250ffc90d14a7406a1ee9ed"
            "8211d4120f1ee1f0e5d6d1df4f9016db36e40fd9e888cd048c4d8acfd91571a2"
            "12efa4405b3241ae022f62b3b5664792c6de68a0a0bf3e13d00aae0a8897dab6"
            "aff948176a95dd96738a0df639cc6c2a6d1c08125bd7db38663314a667fc18da"
            "723c3d573c3df8a4b49673ae2c556077f5516c985d32a0ca2874c013353e8c4a"
            "e303a07e5087cddaf5641e3706635d09b2c0242c92674f31d3bb59c135a05720"
            "2a6cfe2237dfde3a"
        ),
    ),
    Kat(
        "shake128_a3x200_out32",
        "shake128",
        Rep(b"\xa3", 200),
        32,
        FIPS202,
        "131ab8d2b594946b9c81333f9bb6e0ce75c3b93104fa3469d3917457385da037",
    ),
    Kat(
        "shake128_a3x200_out64",
        "shake128",
        Rep(b"\xa3", 200),
        64,
        FIPS202,
        (
            "131ab8d2b594946b9c81333f9bb6e0ce75c3b93104fa3469d3917457385da037"
            "cf232ef7164a6d1eb448c8908186ad852d3f85a5cf28da1ab6fe343817197846"
        ),
    ),
    Kat(
        "shake128_a3x200_out512",
        "shake128",
        Rep(b"\xa3", 200),
        512,
        FIPS202,
        (
            "131ab8d2b594946b9c81333f9bb6e0ce75c3b93104fa3469d3917457385da037"
            "cf232ef7164a6d1eb448c8908186ad852d3f85a5cf28da1ab6fe343817197846"
            "7f1c05d58c7ef38c284c41f6c2221a76f12ab1c04082660250802294fb871802"
            "13fdef5b0ecb7df50ca1f8555be14d32e10f6edcde892c09424b29f597afc270"
            "c904556bfcb47a7d40778d390923642b3cbd0579e60908d5a000c1d08b98ef93"
            "3f806445bf87f8b009ba9e94f7266122ed7ac24e5e266c42a82fa1bbefb7b8db"
            "0066e16a85e0493f07df4809aec084a593748ac3dde5a6d7aae1e8b6e5352b2d"
            "71efbb47d4caeed5e6d633805d2d323e6fd81b4684b93a2677d45e7421c2c6ae"
            "a259b855a698fd7d13477a1fe53e5a4a6197dbec5ce95f505b520bcd9570c4a8"
            "265a7e01f89c0c002c59bfec6cd4a5c109258953ee5ee70cd577ee217af21fa7"
            "0178f0946c9bf6ca8751793479f6b537737e40b6ed28511d8a2d7e73eb75f8da"
            "ac912ff906e0ab955b083bac45a8e5e9b744c8506f37e9b4e749a184b30f43eb"
            "188d855f1b70d71ff3e50c537ac1b0f8974f0fe1a6ad295ba42f6aec74d123a7"
            "abedde6e2c0711cab36be5acb1a5a11a4b1db08ba6982efccd716929a7741cfc"
            "63aa4435e0b69a9063e880795c3dc5ef3272e11c497a91acf699fefee206227a"
            "44c9fb359fd56ac0a9a75a743cff6862f17d7259ab075216c0699511643b6439"
        ),
    ),
    Kat(
        "shake128_448bit_out64",
        "shake128",
        Rep(M448),
        64,
        HASHLIB,
        (
            "1a96182b50fb8c7e74e0a707788f55e98209b8d91fade8f32f8dd5cff7bf21f5"
            "4ee5f19550825a6e070030519e944263ac1c6765287065621f9fcb3201723e32"
        ),
    ),
    Kat(
        "shake128_million_a_out64",
        "shake128",
        Rep(b"a", 1_000_000),
        64,
        HASHLIB,
        (
            "9d222c79c4ff9d092cf6ca86143aa411e369973808ef97093255826c5572ef58"
            "424c4b5c28475ffdcf981663867fec6321c1262e387bccf8ca676884c4a9d0c1"
        ),
    ),
    Kat("shake128_abc_out1", "shake128", Rep(b"abc"), 1, HASHLIB, "58"),
    Kat(
        "shake128_abc_out167",
        "shake128",
        Rep(b"abc"),
        167,
        HASHLIB,
        (
            "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8"
            "44c50af32acd3f2cdd066568706f509bc1bdde58295dae3f891a9a0fca578378"
            "9a41f8611214ce612394df286a62d1a2252aa94db9c538956c717dc2bed4f232"
            "a0294c857c730aa16067ac1062f1201fb0d377cfb9cde4c63599b27f3462bba4"
            "a0ed296c801f9ff7f57302bb3076ee145f97a32ae68e76ab66c48d51675bd49a"
            "cc29082f564758"
        ),
    ),
    Kat(
        "shake128_abc_out168",
        "shake128",
        Rep(b"abc"),
        168,
        HASHLIB,
        (
            "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8"
            "44c50af32acd3f2cdd066568706f509bc1bdde58295dae3f891a9a0fca578378"
            "9a41f8611214ce612394df286a62d1a2252aa94db9c538956c717dc2bed4f232"
            "a0294c857c730aa16067ac1062f1201fb0d377cfb9cde4c63599b27f3462bba4"
            "a0ed296c801f9ff7f57302bb3076ee145f97a32ae68e76ab66c48d51675bd49a"
            "cc29082f5647584e"
        ),
    ),
    Kat(
        "shake128_abc_out169",
        "shake128",
        Rep(b"abc"),
        169,
        HASHLIB,
        (
            "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8"
            "44c50af32acd3f2cdd066568706f509bc1bdde58295dae3f891a9a0fca578378"
            "9a41f8611214ce612394df286a62d1a2252aa94db9c538956c717dc2bed4f232"
            "a0294c857c730aa16067ac1062f1201fb0d377cfb9cde4c63599b27f3462bba4"
            "a0ed296c801f9ff7f57302bb3076ee145f97a32ae68e76ab66c48d51675bd49a"
            "cc29082f5647584e6a"
        ),
    ),
    Kat(
        "shake128_abc_out343",
        "shake128",
        Rep(b"abc"),
        343,
        HASHLIB,
        (
            "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8"
            "44c50af32acd3f2cdd066568706f509bc1bdde58295dae3f891a9a0fca578378"
            "9a41f8611214ce612394df286a62d1a2252aa94db9c538956c717dc2bed4f232"
            "a0294c857c730aa16067ac1062f1201fb0d377cfb9cde4c63599b27f3462bba4"
            "a0ed296c801f9ff7f57302bb3076ee145f97a32ae68e76ab66c48d51675bd49a"
            "cc29082f5647584e6aa01b3f5af057805f973ff8ecb8b226ac32ada6f01c1fcd"
            "4818cb006aa5b4cdb3611eb1e533c8964cacfdf31012cd3fb744d02225b988b4"
            "75375faad996eb1b9176ecb0f8b2871723d6dbb804e23357e50732f5cfc904b1"
            "319795000d7361d9e5e1b77b4b8f5774aa1482cfa58f83096bdb2e06a3eed543"
            "a38919b57ecbec737f4086be007f8ef80094ceea8807193d46e9be540b6e99b4"
            "c1c71507095028a024e8d39aa8f4c5854cedd50d30a223"
        ),
    ),
    # --- shake256 ---
    Kat(
        "shake256_empty_out32",
        "shake256",
        Rep(b""),
        32,
        FIPS202,
        "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f",
    ),
    Kat(
        "shake256_empty_out64",
        "shake256",
        Rep(b""),
        64,
        FIPS202,
        (
            "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f"
            "d75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be"
        ),
    ),
    Kat(
        "shake256_empty_out512",
        "shake256",
        Rep(b""),
        512,
        FIPS202,
        (
            "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f"
            "d75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be"
            "141e96616fb13957692cc7edd0b45ae3dc07223c8e92937bef84bc0eab862853"
            "349ec75546f58fb7c2775c38462c5010d846c185c15111e595522a6bcd16cf86"
            "f3d122109e3b1fdd943b6aec468a2d621a7c06c6a957c62b54dafc3be87567d6"
            "77231395f6147293b68ceab7a9e0c58d864e8efde4e1b9a46cbe854713672f5c"
            "aaae314ed9083dab4b099f8e300f01b8650f1f4b1d8fcf3f3cb53fb8e9eb2ea2"
            "03bdc970f50ae55428a91f7f53ac266b28419c3778a15fd248d339ede785fb7f"
            "5a1aaa96d313eacc890936c173cdcd0fab882c45755feb3aed96d477ff96390b"
            "f9a66d1368b208e21f7c10d04a3dbd4e360633e5db4b602601c14cea737db3dc"
            "f722632cc77851cbdde2aaf0a33a07b373445df490cc8fc1e4160ff118378f11"
            "f0477de055a81a9eda57a4a2cfb0c83929d310912f729ec6cfa36c6ac6a75837"
            "143045d791cc85eff5b21932f23861bcf23a52b5da67eaf7baae0f5fb1369db7"
            "8f3ac45f8c4ac5671d85735cdddb09d2b1e34a1fc066ff4a162cb263d6541274"
            "ae2fcc865f618abe27c124cd8b074ccd516301b91875824d09958f341ef274bd"
            "ab0bae316339894304e35877b0c28a9b1fd166c796b9cc258a064a8f57e27f2a"
        ),
    ),
    Kat(
        "shake256_abc_out32",
        "shake256",
        Rep(b"abc"),
        32,
        FIPS202,
        "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739",
    ),
    Kat(
        "shake256_abc_out64",
        "shake256",
        Rep(b"abc"),
        64,
        FIPS202,
        (
            "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"
            "d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4"
        ),
    ),
    Kat(
        "shake256_abc_out1000",
        "shake256",
        Rep(b"abc"),
        1000,
        FIPS202,
        (
            "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"
            "d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4"
            "1385141204f329979fd3047a13c5657724ada64d2470157b3cdc288620944d78"
            "dbcddbd912993f0913f164fb2ce95131a2d09a3e6d51cbfc622720d7a75c6334"
            "e8a2d7ec71a7cc29cf0ea610eeff1a588290a53000faa79932becec0bd3cd0b3"
            "3a7e5d397fed1ada9442b99903f4dcfd8559ed3950faf40fe6f3b5d710ed3b67"
            "7513771af6bfe11934817e8762d9896ba579d88d84ba7aa3cdc7055f6796f195"
            "bd9ae788f2f5bb96100d6bbaff7fbc6eea24d4449a2477d172a5507dcc931412"
            "fc346b1bb39b878330e026b12ddf384af3334560ea1d363966caa7d8ddcbec7d"
            "a52b42215c11d5f8ee57f341e399343ce63a752fc5edec99124a0eb314403e5f"
            "358b8b83d05be2d2970099284b00dcc33d7c753d1f752ab743325bc53d91aa67"
            "1e50f9c3f93abf6e9662f90145c61954f2abbd26edad1553ea3a626f359e8f79"
            "ade16384e151755c47e822fc74c5d7100fd31f667564c6debc7d20d99e109f22"
            "abcbb8c86c0c1146333903422252a5d34a896770b6cb99a1f33935bf87a8e47b"
            "0549dc2539de9e6a9d1e596111b660cb6b3e0040b4d4916f886dd0b6f1a70284"
            "9440b99d6088e20203aebafa8e9dffa94ed35ef1f41f5fdf549fbcc5a0f68298"
            "fa009a54d3a659c3c66542b1e3ecaa0d63e7bcf08d5381f245b2ad6f3f204b96"
            "5b75df1f86700afeb4406dd95d6b13eff9a7dda552c13ea8a5fe635d3ed1f8d6"
            "1a91fa78e680d7effa2cfc73a676520e97795e45b66bb624664c7b5522dfd8a1"
            "099f147d1f5e2c20477668719ebf073058161d5e7d54fc4fab73dd72881a37b8"
            "541c9c0c6b3283209c44e10cf0ff604234422a9ccef506c0e83a6111a9712d17"
            "01e9ec896b58dd3ff4c8329aa4842f1fef0f45c46cce35954ef16ff9284991ff"
            "cc53c7ef9103c134a75262258f10198a94961704ed9ef1a6cfd62458f8cbde86"
            "d3be057d4650f8401b284f2860f346c3cc765bcdae8deda5aa0e9c81cc78af4f"
            "51ebbdf16b97ef6ea29f0b62af81dbb5a419630bbdfecc424e4011e535e7db4d"
            "a1035a9b8dfe2db8d9fd22b31501e1b2c0ac0278de5d9eabaec73bf2242d92b2"
            "9040d9e53512c1c24e808a017727ff3ca540c99f8061d7cff99f9e3d640aab73"
            "761b52aafbed6ef71e7cd59c9b904e12063d253caa7dc2b8cb626e521a573519"
            "16d020073c599b40577f99c2877888ccd65242ce81b475d3ad7eeff1d3e3414b"
            "be199c59745dc5a924f4c96c6816827aa747072406bc575751b641cfffa908c4"
            "f9560a036e3b43409a0703bba438f0aef297b75a033d0c5a6bfbb24e7edfd1e6"
            "66a4b37f64d405bb"
        ),
    ),
    Kat(
        "shake256_a3x200_out32",
        "shake256",
        Rep(b"\xa3", 200),
        32,
        FIPS202,
        "cd8a920ed141aa0407a22d59288652e9d9f1a7ee0c1e7c1ca699424da84a904d",
    ),
    Kat(
        "shake256_a3x200_out64",
        "shake256",
        Rep(b"\xa3", 200),
        64,
        FIPS202,
        (
            "cd8a920ed141aa0407a22d59288652e9d9f1a7ee0c1e7c1ca699424da84a904d"
            "2d700caae7396ece96604440577da4f3aa22aeb8857f961c4cd8e06f0ae6610b"
        ),
    ),
    Kat(
        "shake256_a3x200_out512",
        "shake256",
        Rep(b"\xa3", 200),
        512,
        FIPS202,
        (
            "cd8a920ed141aa0407a22d59288652e9d9f1a7ee0c1e7c1ca699424da84a904d"
            "2d700caae7396ece96604440577da4f3aa22aeb8857f961c4cd8e06f0ae6610b"
            "1048a7f64e1074cd629e85ad7566048efc4fb500b486a3309a8f26724c0ed628"
            "001a1099422468de726f1061d99eb9e93604d5aa7467d4b1bd6484582a384317"
            "d7f47d750b8f5499512bb85a226c4243556e696f6bd072c5aa2d9b69730244b5"
            "6853d16970ad817e213e470618178001c9fb56c54fefa5fee67d2da524bb3b0b"
            "61ef0e9114a92cdbb6cccb98615cfe76e3510dd88d1cc28ff99287512f24bfaf"
            "a1a76877b6f37198e3a641c68a7c42d45fa7acc10dae5f3cefb7b735f12d4e58"
            "9f7a456e78c0f5e4c4471fffa5e4fa0514ae974d8c2648513b5db494cea84715"
            "6d277ad0e141c24c7839064cd08851bc2e7ca109fd4e251c35bb0a04fb05b364"
            "ff8c4d8b59bc303e25328c09a882e952518e1a8ae0ff265d61c465896973d749"
            "0499dc639fb8502b39456791b1b6ec5bcc5d9ac36a6df622a070d43fed781f5f"
            "149f7b62675e7d1a4d6dec48c1c7164586eae06a51208c0b791244d307726505"
            "c3ad4b26b6822377257aa152037560a739714a3ca79bd605547c9b78dd1f596f"
            "2d4f1791bc689a0e9b799a37339c04275733740143ef5d2b58b96a363d4e0807"
            "6a1a9d7846436e4dca5728b6f760eef0ca92bf0be5615e96959d767197a0beeb"
        ),
    ),
    Kat(
        "shake256_448bit_out64",
        "shake256",
        Rep(M448),
        64,
        HASHLIB,
        (
            "4d8c2dd2435a0128eefbb8c36f6f87133a7911e18d979ee1ae6be5d4fd2e3329"
            "40d8688a4e6a59aa8060f1f9bc996c05aca3c696a8b66279dc672c740bb224ec"
        ),
    ),
    Kat(
        "shake256_million_a_out64",
        "shake256",
        Rep(b"a", 1_000_000),
        64,
        HASHLIB,
        (
            "3578a7a4ca9137569cdf76ed617d31bb994fca9c1bbf8b184013de8234dfd13a"
            "3fd124d4df76c0a539ee7dd2f6e1ec346124c815d9410e145eb561bcd97b18ab"
        ),
    ),
    Kat("shake256_abc_out1", "shake256", Rep(b"abc"), 1, HASHLIB, "48"),
    Kat(
        "shake256_abc_out135",
        "shake256",
        Rep(b"abc"),
        135,
        HASHLIB,
        (
            "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"
            "d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4"
            "1385141204f329979fd3047a13c5657724ada64d2470157b3cdc288620944d78"
            "dbcddbd912993f0913f164fb2ce95131a2d09a3e6d51cbfc622720d7a75c6334"
            "e8a2d7ec71a7cc"
        ),
    ),
    Kat(
        "shake256_abc_out136",
        "shake256",
        Rep(b"abc"),
        136,
        HASHLIB,
        (
            "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"
            "d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4"
            "1385141204f329979fd3047a13c5657724ada64d2470157b3cdc288620944d78"
            "dbcddbd912993f0913f164fb2ce95131a2d09a3e6d51cbfc622720d7a75c6334"
            "e8a2d7ec71a7cc29"
        ),
    ),
    Kat(
        "shake256_abc_out137",
        "shake256",
        Rep(b"abc"),
        137,
        HASHLIB,
        (
            "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"
            "d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4"
            "1385141204f329979fd3047a13c5657724ada64d2470157b3cdc288620944d78"
            "dbcddbd912993f0913f164fb2ce95131a2d09a3e6d51cbfc622720d7a75c6334"
            "e8a2d7ec71a7cc29cf"
        ),
    ),
    Kat(
        "shake256_abc_out279",
        "shake256",
        Rep(b"abc"),
        279,
        HASHLIB,
        (
            "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"
            "d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4"
            "1385141204f329979fd3047a13c5657724ada64d2470157b3cdc288620944d78"
            "dbcddbd912993f0913f164fb2ce95131a2d09a3e6d51cbfc622720d7a75c6334"
            "e8a2d7ec71a7cc29cf0ea610eeff1a588290a53000faa79932becec0bd3cd0b3"
            "3a7e5d397fed1ada9442b99903f4dcfd8559ed3950faf40fe6f3b5d710ed3b67"
            "7513771af6bfe11934817e8762d9896ba579d88d84ba7aa3cdc7055f6796f195"
            "bd9ae788f2f5bb96100d6bbaff7fbc6eea24d4449a2477d172a5507dcc931412"
            "fc346b1bb39b878330e026b12ddf384af3334560ea1d36"
        ),
    ),
    # --- md5 ---
    Kat("md5_ramp1", "md5", Ramp(1), 16, HASHLIB, "93b885adfe0da089cdf634904fd59f71"),
    Kat("md5_ramp55", "md5", Ramp(55), 16, HASHLIB, "6912ee65fff2d9f9ce2508cddf8bcda0"),
    Kat("md5_ramp56", "md5", Ramp(56), 16, HASHLIB, "51fdd1acda72405dfdfa03fcb85896d7"),
    Kat("md5_ramp57", "md5", Ramp(57), 16, HASHLIB, "5320ef4c17ef34a0cf2db763338d25eb"),
    Kat("md5_ramp63", "md5", Ramp(63), 16, HASHLIB, "48a6295221902e8e0938f773a7185e72"),
    Kat("md5_ramp64", "md5", Ramp(64), 16, HASHLIB, "b2d3f56bc197fd985d5965079b5e7148"),
    Kat("md5_ramp65", "md5", Ramp(65), 16, HASHLIB, "8bd7053801c768420faf816fadba971c"),
    Kat("md5_ramp119", "md5", Ramp(119), 16, HASHLIB, "1c772251899a7ff007400b888d6b2042"),
    Kat("md5_ramp120", "md5", Ramp(120), 16, HASHLIB, "b7ba1efc6022e9ed272f00b8831e26e6"),
    Kat("md5_ramp127", "md5", Ramp(127), 16, HASHLIB, "8402b21e7bc7906493bae0dac017f1f9"),
    Kat("md5_ramp128", "md5", Ramp(128), 16, HASHLIB, "37eff01866ba3f538421b30b7cbefcac"),
    Kat("md5_ramp129", "md5", Ramp(129), 16, HASHLIB, "46f986692847558fc38b0cece591c20f"),
    Kat("md5_ramp1000", "md5", Ramp(1000), 16, HASHLIB, "a24f1e3ef66950e1327f210e3997ba2c"),
    # --- sha1 ---
    Kat("sha1_ramp1", "sha1", Ramp(1), 20, HASHLIB, "5ba93c9db0cff93f52b521d7420e43f6eda2784f"),
    Kat("sha1_ramp55", "sha1", Ramp(55), 20, HASHLIB, "8ae2d46729cfe68ff927af5eec9c7d1b66d65ac2"),
    Kat("sha1_ramp56", "sha1", Ramp(56), 20, HASHLIB, "636e2ec698dac903498e648bd2f3af641d3c88cb"),
    Kat("sha1_ramp57", "sha1", Ramp(57), 20, HASHLIB, "7cb1330f35244b57437539253304ea78a6b7c443"),
    Kat("sha1_ramp63", "sha1", Ramp(63), 20, HASHLIB, "6d942da0c4392b123528f2905c713a3ce28364bd"),
    Kat("sha1_ramp64", "sha1", Ramp(64), 20, HASHLIB, "c6138d514ffa2135bfce0ed0b8fac65669917ec7"),
    Kat("sha1_ramp65", "sha1", Ramp(65), 20, HASHLIB, "69bd728ad6e13cd76ff19751fde427b00e395746"),
    Kat("sha1_ramp119", "sha1", Ramp(119), 20, HASHLIB, "41c89d06001bab4ab78736b44efe7ce18ce6ae08"),
    Kat("sha1_ramp120", "sha1", Ramp(120), 20, HASHLIB, "d3dbd653bd8597b7475321b60a36891278e6a04a"),
    Kat("sha1_ramp127", "sha1", Ramp(127), 20, HASHLIB, "89d7312a903f65cd2b3e34a975e55dbea9033353"),
    Kat("sha1_ramp128", "sha1", Ramp(128), 20, HASHLIB, "e6434bc401f98603d7eda504790c98c67385d535"),
    Kat("sha1_ramp129", "sha1", Ramp(129), 20, HASHLIB, "3352e41cc30b40ae80108970492b21014049e625"),
    Kat(
        "sha1_ramp1000", "sha1", Ramp(1000), 20, HASHLIB, "c9c960a0b925474fab83942cc27d504fc24ac37b"
    ),
    # --- sha224 ---
    Kat(
        "sha224_ramp1",
        "sha224",
        Ramp(1),
        28,
        HASHLIB,
        "fff9292b4201617bdc4d3053fce02734166a683d7d858a7f5f59b073",
    ),
    Kat(
        "sha224_ramp55",
        "sha224",
        Ramp(55),
        28,
        HASHLIB,
        "8991dfba74284e04dc7581c7c3e4068ff6cb7a63733361429834bb56",
    ),
    Kat(
        "sha224_ramp56",
        "sha224",
        Ramp(56),
        28,
        HASHLIB,
        "2b2cd637c16ad7290bb067ad7d8fd04e204fa43a84366afc7130f4ef",
    ),
    Kat(
        "sha224_ramp57",
        "sha224",
        Ramp(57),
        28,
        HASHLIB,
        "e87f5bc938c3b981c197d4b163c635a5049fac81c4c6467e1251be48",
    ),
    Kat(
        "sha224_ramp63",
        "sha224",
        Ramp(63),
        28,
        HASHLIB,
        "049e8dd7eab3378ce9f823bfb569e5b270235d4b7f9623606971998f",
    ),
    Kat(
        "sha224_ramp64",
        "sha224",
        Ramp(64),
        28,
        HASHLIB,
        "c37b88a3522dbf7ac30d1c68ea397ac11d4773571aed01ddab73531e",
    ),
    Kat(
        "sha224_ramp65",
        "sha224",
        Ramp(65),
        28,
        HASHLIB,
        "114b5fd665736a96585c5d5837d35250aed73c725252cbf7f8b121f6",
    ),
    Kat(
        "sha224_ramp119",
        "sha224",
        Ramp(119),
        28,
        HASHLIB,
        "762f18c0df65c3d0ea64126c8a6e51db4425e76d4d969ed0f83899be",
    ),
    Kat(
        "sha224_ramp120",
        "sha224",
        Ramp(120),
        28,
        HASHLIB,
        "d022deb78772a77e8b91d68f90ca1f636e8fe047ae219434ced18eef",
    ),
    Kat(
        "sha224_ramp127",
        "sha224",
        Ramp(127),
        28,
        HASHLIB,
        "554c9c3f7e92b80f4121e00cc147535d377eaeb4fb1fa8e25c7f81c1",
    ),
    Kat(
        "sha224_ramp128",
        "sha224",
        Ramp(128),
        28,
        HASHLIB,
        "67d88da33fd632d8742424791dface672ff59d597fe38b3f2a998386",
    ),
    Kat(
        "sha224_ramp129",
        "sha224",
        Ramp(129),
        28,
        HASHLIB,
        "a80cb91e08a62f062bd17db00d0e1979d041edeb52b497b205266b9c",
    ),
    Kat(
        "sha224_ramp1000",
        "sha224",
        Ramp(1000),
        28,
        HASHLIB,
        "c182669a7f6629dc7fd8a9198f15af15adbbaeffa1842e854f681357",
    ),
    # --- sha256 ---
    Kat(
        "sha256_ramp1",
        "sha256",
        Ramp(1),
        32,
        HASHLIB,
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    ),
    Kat(
        "sha256_ramp55",
        "sha256",
        Ramp(55),
        32,
        HASHLIB,
        "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59",
    ),
    Kat(
        "sha256_ramp56",
        "sha256",
        Ramp(56),
        32,
        HASHLIB,
        "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562",
    ),
    Kat(
        "sha256_ramp57",
        "sha256",
        Ramp(57),
        32,
        HASHLIB,
        "2fe741af801cc238602ac0ec6a7b0c3a8a87c7fc7d7f02a3fe03d1c12eac4d8f",
    ),
    Kat(
        "sha256_ramp63",
        "sha256",
        Ramp(63),
        32,
        HASHLIB,
        "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488",
    ),
    Kat(
        "sha256_ramp64",
        "sha256",
        Ramp(64),
        32,
        HASHLIB,
        "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108",
    ),
    Kat(
        "sha256_ramp65",
        "sha256",
        Ramp(65),
        32,
        HASHLIB,
        "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781",
    ),
    Kat(
        "sha256_ramp119",
        "sha256",
        Ramp(119),
        32,
        HASHLIB,
        "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6",
    ),
    Kat(
        "sha256_ramp120",
        "sha256",
        Ramp(120),
        32,
        HASHLIB,
        "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c",
    ),
    Kat(
        "sha256_ramp127",
        "sha256",
        Ramp(127),
        32,
        HASHLIB,
        "92ca0fa6651ee2f97b884b7246a562fa71250fedefe5ebf270d31c546bfea976",
    ),
    Kat(
        "sha256_ramp128",
        "sha256",
        Ramp(128),
        32,
        HASHLIB,
        "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5",
    ),
    Kat(
        "sha256_ramp129",
        "sha256",
        Ramp(129),
        32,
        HASHLIB,
        "5099c6a56203f9687f7d33f4bfdf576d31dc91f6b695ecea38b2770c87631135",
    ),
    Kat(
        "sha256_ramp1000",
        "sha256",
        Ramp(1000),
        32,
        HASHLIB,
        "4e4c294b331f7a2099a379bec34b9f9fc03dc46ab465d998f4d683da53487e6d",
    ),
    # --- sha384 ---
    Kat(
        "sha384_ramp1",
        "sha384",
        Ramp(1),
        48,
        HASHLIB,
        (
            "bec021b4f368e3069134e012c2b4307083d3a9bdd206e24e5f0d86e13d663665"
            "5933ec2b413465966817a9c208a11717"
        ),
    ),
    Kat(
        "sha384_ramp111",
        "sha384",
        Ramp(111),
        48,
        HASHLIB,
        (
            "f5f9fe110d809d34029de262a01b208356caec6e054c7f926b2591f6c9780579"
            "d4b59f5578c6f531a84f158a33660cef"
        ),
    ),
    Kat(
        "sha384_ramp112",
        "sha384",
        Ramp(112),
        48,
        HASHLIB,
        (
            "33ba080ec0ccb378e4e95fed3b26c23aa1a280476e007519ee47f60cd9c5c8a6"
            "5d627259a9aa2fd33ca06d3c14ee5548"
        ),
    ),
    Kat(
        "sha384_ramp113",
        "sha384",
        Ramp(113),
        48,
        HASHLIB,
        (
            "f14fc73c4192759b70993dc35fbee193a60a98dbd1f8b2421afa253dec63015a"
            "0d6b75fb50f9f9a5f7fb8e7241540699"
        ),
    ),
    Kat(
        "sha384_ramp127",
        "sha384",
        Ramp(127),
        48,
        HASHLIB,
        (
            "d5fcfe2fcf6b3ef375ede37c8123d9b78065fecc1d55197e2f7721e6e9a93d0b"
            "a4d7fd15f9b96dea2744df24141ba2ef"
        ),
    ),
    Kat(
        "sha384_ramp128",
        "sha384",
        Ramp(128),
        48,
        HASHLIB,
        (
            "ca2385773319124534111a36d0581fc3f00815e907034b90cff9c3a861e126a7"
            "41d5dfcff65a417b6d7296863ac0ec17"
        ),
    ),
    Kat(
        "sha384_ramp129",
        "sha384",
        Ramp(129),
        48,
        HASHLIB,
        (
            "ef49ae5b9ad51433d00323528d81ea8d2e4d2b507dbd9f1cb84f952b66249a78"
            "8b1c89fcdb77a0db9f1feb901d47fc73"
        ),
    ),
    Kat(
        "sha384_ramp239",
        "sha384",
        Ramp(239),
        48,
        HASHLIB,
        (
            "2556cf077a788c49bb6d600f4a3cee635c4443832d169f761537afee2980742b"
            "9f34afbc87f598dd0aedc4a826ed6a73"
        ),
    ),
    Kat(
        "sha384_ramp240",
        "sha384",
        Ramp(240),
        48,
        HASHLIB,
        (
            "d64769ad58f5a338669b935f3431e5bef31667d0a2437bff78f1e5275075f434"
            "fff675f9833ea04ac4e5c2e2c2c99b8c"
        ),
    ),
    Kat(
        "sha384_ramp255",
        "sha384",
        Ramp(255),
        48,
        HASHLIB,
        (
            "0ba9892ce126be582d86f75cd5e682092525cc6a232c5d8b83ce4b8b0eefd644"
            "a14cb58c7989108d90a16a99325e99b5"
        ),
    ),
    Kat(
        "sha384_ramp256",
        "sha384",
        Ramp(256),
        48,
        HASHLIB,
        (
            "2786ae11483c719dcb61b32652daf932d7c304f0d5d1e3904f6be6b44826d94d"
            "e4fc922065558ad6aa10ae8b9eba005d"
        ),
    ),
    Kat(
        "sha384_ramp257",
        "sha384",
        Ramp(257),
        48,
        HASHLIB,
        (
            "ef86a8c8a9fedc22da3cde73091fba0498a7390fae805fe18ef681b3cfc0aec2"
            "1b25a58ec1b3132fb365068c22f0e2b6"
        ),
    ),
    Kat(
        "sha384_ramp1000",
        "sha384",
        Ramp(1000),
        48,
        HASHLIB,
        (
            "7a2f8c7f12344964a13cb9260492b845e56615d6152b9eb9e54b580fc88405e6"
            "4f31813bfda10de2a642fdf1676c61b4"
        ),
    ),
    # --- sha512 ---
    Kat(
        "sha512_ramp1",
        "sha512",
        Ramp(1),
        64,
        HASHLIB,
        (
            "b8244d028981d693af7b456af8efa4cad63d282e19ff14942c246e50d9351d22"
            "704a802a71c3580b6370de4ceb293c324a8423342557d4e5c38438f0e36910ee"
        ),
    ),
    Kat(
        "sha512_ramp111",
        "sha512",
        Ramp(111),
        64,
        HASHLIB,
        (
            "a1a111449b198d9b1f538bad7f3fc1022b3a5b1a5e90a0bc860de8512746cbc3"
            "1599e6c834de3a3235327af0b51ff57bf7acf1974a73014d9c3953812edc7c8d"
        ),
    ),
    Kat(
        "sha512_ramp112",
        "sha512",
        Ramp(112),
        64,
        HASHLIB,
        (
            "c5fbd731d19d2ae1180f001be72c2c1aaba1d7b094b3748880e24593b8e117a7"
            "50e11c1bd867cc2f96dace8c8b74abd2d5c4f236be444e77d30d1916174070b9"
        ),
    ),
    Kat(
        "sha512_ramp113",
        "sha512",
        Ramp(113),
        64,
        HASHLIB,
        (
            "61b2e77db697dfe5571fff3ed06bd60c41e1e7b7c08a80de01cb16526d9a9a52"
            "d690dfbe792278a60f6e2b4c57a97c729773f26e258d2393890c985d645f6715"
        ),
    ),
    Kat(
        "sha512_ramp127",
        "sha512",
        Ramp(127),
        64,
        HASHLIB,
        (
            "eab89674feaa34e27aebeeff3c0a4d70070bb872d5e9f186cf1dbbdee517b6e3"
            "5724d629ff025a5b07185e911ada7e3c8acf830aa0e4f71777bd2d44f504f7f0"
        ),
    ),
    Kat(
        "sha512_ramp128",
        "sha512",
        Ramp(128),
        64,
        HASHLIB,
        (
            "1dffd5e3adb71d45d2245939665521ae001a317a03720a45732ba1900ca3b835"
            "1fc5c9b4ca513eba6f80bc7b1d1fdad4abd13491cb824d61b08d8c0e1561b3f7"
        ),
    ),
    Kat(
        "sha512_ramp129",
        "sha512",
        Ramp(129),
        64,
        HASHLIB,
        (
            "1d9da57fbbdab09afb3506ab2d223d06109d65c1c8ad197f50138f714bc4c3f2"
            "fe5787922639c680acad1c651f955990425954ce2cba0c5cc83f2667d878eb0f"
        ),
    ),
    Kat(
        "sha512_ramp239",
        "sha512",
        Ramp(239),
        64,
        HASHLIB,
        (
            "cb4c7fd522756d5781ad3a4f590a1d862906b960e7720136cb3fb36b563caa1e"
            "a5689134291fa79c80ccc2b4092b41df32ebdcb36dbe79db483440228c1622a8"
        ),
    ),
    Kat(
        "sha512_ramp240",
        "sha512",
        Ramp(240),
        64,
        HASHLIB,
        (
            "6c48466c9f6c07e4ab762c696b7eeb35cfe236fca73683e5fab873ac3489b4d2"
            "eb3d7afcce7e8165dbbf37aded3b5b0c889c0b7e0f1790a8330d8677429d91a5"
        ),
    ),
    Kat(
        "sha512_ramp255",
        "sha512",
        Ramp(255),
        64,
        HASHLIB,
        (
            "e9746a5516961da1fdc8e6c59350cd147b7d80c120cc7ed621399faeb2462c28"
            "f34217a13009a8e6a721f538356db9a9b64d9a5412e0fd07d24cac1315d95548"
        ),
    ),
    Kat(
        "sha512_ramp256",
        "sha512",
        Ramp(256),
        64,
        HASHLIB,
        (
            "7ff1cd1e9773a4b7ba1f40e642db0d879bd5f6cc151a7d3401a0bc7778b8270c"
            "108b530fb195f2383f4cec8cf05778e6af4db56811673371674cec1524488f83"
        ),
    ),
    Kat(
        "sha512_ramp257",
        "sha512",
        Ramp(257),
        64,
        HASHLIB,
        (
            "9fc68cce815c180c9188fad684397a7e9b423b3dadc3a6d3db74538eaec0c633"
            "93df5c79983dd62d137bdde627d9b80afa5fa26a976ed9cdca348c2257d9102b"
        ),
    ),
    Kat(
        "sha512_ramp1000",
        "sha512",
        Ramp(1000),
        64,
        HASHLIB,
        (
            "5096498d96f50f9a137c4db5b8b0cd38383ad55350fb5a98805fedc31fa1262f"
            "1f0cf4d6f12d7ecd8dedd933a4c9126344fe22e937a8ad35fdeae1e876ae698b"
        ),
    ),
    # --- sha3_224 ---
    Kat(
        "sha3_224_ramp1",
        "sha3_224",
        Ramp(1),
        28,
        HASHLIB,
        "bdd5167212d2dc69665f5a8875ab87f23d5ce7849132f56371a19096",
    ),
    Kat(
        "sha3_224_ramp142",
        "sha3_224",
        Ramp(142),
        28,
        HASHLIB,
        "4353e7ed38eb9cc41abbf0709c6ab707de70d759e5d6eedf09043fd0",
    ),
    Kat(
        "sha3_224_ramp143",
        "sha3_224",
        Ramp(143),
        28,
        HASHLIB,
        "64d0e8a1be3cf30ef6727b30a6e428f7f068d44634c943d277ad8e7f",
    ),
    Kat(
        "sha3_224_ramp144",
        "sha3_224",
        Ramp(144),
        28,
        HASHLIB,
        "5be75e6a08f19913a1d8036c056cc4556b98dc90aeca3f2a0664dedc",
    ),
    Kat(
        "sha3_224_ramp145",
        "sha3_224",
        Ramp(145),
        28,
        HASHLIB,
        "90b861ac1b1598459ad8337afa9933ce2f1a6f972c57daf8fc2737e4",
    ),
    Kat(
        "sha3_224_ramp287",
        "sha3_224",
        Ramp(287),
        28,
        HASHLIB,
        "15a2f08845143cf999c3235ed78c568278a3469f9f27d6e8eed61589",
    ),
    Kat(
        "sha3_224_ramp288",
        "sha3_224",
        Ramp(288),
        28,
        HASHLIB,
        "c31edb82e0debcac85099028f8dda66900e716217b7f30e003d611bc",
    ),
    Kat(
        "sha3_224_ramp289",
        "sha3_224",
        Ramp(289),
        28,
        HASHLIB,
        "94030cc380f90034f5bf5d2e10c7e9d939152a9e5eecf5534af22948",
    ),
    Kat(
        "sha3_224_ramp1000",
        "sha3_224",
        Ramp(1000),
        28,
        HASHLIB,
        "51481b8dbd6b73dd110a967f438aa22facfcdce1eb5d2b36a5ec023f",
    ),
    # --- sha3_256 ---
    Kat(
        "sha3_256_ramp1",
        "sha3_256",
        Ramp(1),
        32,
        HASHLIB,
        "5d53469f20fef4f8eab52b88044ede69c77a6a68a60728609fc4a65ff531e7d0",
    ),
    Kat(
        "sha3_256_ramp134",
        "sha3_256",
        Ramp(134),
        32,
        HASHLIB,
        "644e15224f5597351aef5c4bdd22b27ca0c19db2244431534c2a4a0bebfdf39c",
    ),
    Kat(
        "sha3_256_ramp135",
        "sha3_256",
        Ramp(135),
        32,
        HASHLIB,
        "fded8fd9d6551c601eeb3b7c6bc5e5cfd8aad1d015b7e9aaa9c9b9475231d5e2",
    ),
    Kat(
        "sha3_256_ramp136",
        "sha3_256",
        Ramp(136),
        32,
        HASHLIB,
        "cf3ccff92480a29160c2d38317c430e14749bfee1788106957dfe73f8c4930e5",
    ),
    Kat(
        "sha3_256_ramp137",
        "sha3_256",
        Ramp(137),
        32,
        HASHLIB,
        "ce9d7dc90913ee5d92745019479a5352c6d6279bef18ed07dc0a83ee8084daca",
    ),
    Kat(
        "sha3_256_ramp271",
        "sha3_256",
        Ramp(271),
        32,
        HASHLIB,
        "0153fcdb6825d836b10835ccb3999dc1d8b68492f77e7e38afa31f8e244bd7af",
    ),
    Kat(
        "sha3_256_ramp272",
        "sha3_256",
        Ramp(272),
        32,
        HASHLIB,
        "b7ccd55b6c2c3fa144c9e0624059294975a348b02f321abe289701d3012f7794",
    ),
    Kat(
        "sha3_256_ramp273",
        "sha3_256",
        Ramp(273),
        32,
        HASHLIB,
        "4827800416bd25b01f53360454943ef688112eaee40422929a59af596a2c0be7",
    ),
    Kat(
        "sha3_256_ramp1000",
        "sha3_256",
        Ramp(1000),
        32,
        HASHLIB,
        "48e66a01861d0eadaacdb7a6ae7db6b9ac79242ecced4154a9fbb33c4e3cc571",
    ),
    # --- sha3_384 ---
    Kat(
        "sha3_384_ramp1",
        "sha3_384",
        Ramp(1),
        48,
        HASHLIB,
        (
            "127677f8b66725bbcb7c3eae9698351ca41e0eb6d66c784bd28dcdb3b5fb12d0"
            "c8e840342db03ad1ae180b92e3504933"
        ),
    ),
    Kat(
        "sha3_384_ramp102",
        "sha3_384",
        Ramp(102),
        48,
        HASHLIB,
        (
            "ee8a6c983daaec5976cb0ed4446494d348d0d571eb4c77fd8cf7eebdaa0733f9"
            "6de2bdd8cdd0c70f5fa4391a336107b9"
        ),
    ),
    Kat(
        "sha3_384_ramp103",
        "sha3_384",
        Ramp(103),
        48,
        HASHLIB,
        (
            "1f91ee551ad18f268876d1fc262f137fe196580216c5193819a95ec5222537d2"
            "a658dd129c3d8080e65ec7460f1f4704"
        ),
    ),
    Kat(
        "sha3_384_ramp104",
        "sha3_384",
        Ramp(104),
        48,
        HASHLIB,
        (
            "5b8d0d5cf8b41be507be8fcbfcbdbac3a28eb368d430fed6780aaa78a93a8da4"
            "a6c50485949ca344f228be91a96005a3"
        ),
    ),
    Kat(
        "sha3_384_ramp105",
        "sha3_384",
        Ramp(105),
        48,
        HASHLIB,
        (
            "4a2f0a8f2f1f4cc4605cc2537e0be28cf8b465c30f0a54b494a7128ec54ee4e8"
            "5706b5e47a5697344d15cbf85680cd40"
        ),
    ),
    Kat(
        "sha3_384_ramp207",
        "sha3_384",
        Ramp(207),
        48,
        HASHLIB,
        (
            "05c54ebcce483360359d63bf0aafd97e2b15b00ea40c6152b3bbac80285711cd"
            "0b00fc234cdc214251e0aa13e38a0008"
        ),
    ),
    Kat(
        "sha3_384_ramp208",
        "sha3_384",
        Ramp(208),
        48,
        HASHLIB,
        (
            "13a929eb9e4ac18a07de84b17e79bb420a86924b9dc4cd80038dd61f17770fc4"
            "2460f2a0a717dd26fb6b6b4de357ae02"
        ),
    ),
    Kat(
        "sha3_384_ramp209",
        "sha3_384",
        Ramp(209),
        48,
        HASHLIB,
        (
            "4a40dd56c8a2efb2e3de6f05fc8fe00df8af8869a66aff4fe734f9a6cb0db930"
            "d547fc0f3f213f6b8a172db13b15ec5c"
        ),
    ),
    Kat(
        "sha3_384_ramp1000",
        "sha3_384",
        Ramp(1000),
        48,
        HASHLIB,
        (
            "43e60a7ef818a0e367fcd4ede8f5fabbdb7090cb45972bb7a84038cc3abf4fc2"
            "6c4f44b59d3a0306c973b66e84c8890b"
        ),
    ),
    # --- sha3_512 ---
    Kat(
        "sha3_512_ramp1",
        "sha3_512",
        Ramp(1),
        64,
        HASHLIB,
        (
            "7127aab211f82a18d06cf7578ff49d5089017944139aa60d8bee057811a15fb5"
            "5a53887600a3eceba004de51105139f32506fe5b53e1913bfa6b32e716fe97da"
        ),
    ),
    Kat(
        "sha3_512_ramp70",
        "sha3_512",
        Ramp(70),
        64,
        HASHLIB,
        (
            "351164e46da292fd3d75132545401498d8983be9d143732de2df21fbf975a5e2"
            "c81584d90a773d34d7895d4cece328637ad2ffa973e21d4b6d03f39141cf44c8"
        ),
    ),
    Kat(
        "sha3_512_ramp71",
        "sha3_512",
        Ramp(71),
        64,
        HASHLIB,
        (
            "3ccc850d53a1287af7b4560b2ef0d43eb5d9a80d62a0e9cf1dbc040135921104"
            "d4395168e90bfc871773ebb34bca1bd67056e1cc7dc7a48ff7c3167d389f117c"
        ),
    ),
    Kat(
        "sha3_512_ramp72",
        "sha3_512",
        Ramp(72),
        64,
        HASHLIB,
        (
            "5d63f2bbe971a983ac6847480106e4e1264ee3a0befd79954914e1d86e795b2e"
            "18238f12fc5e46cb9cc78efdec610a93647cc04e1c23d8caaa6a58c21dd26c07"
        ),
    ),
    Kat(
        "sha3_512_ramp73",
        "sha3_512",
        Ramp(73),
        64,
        HASHLIB,
        (
            "921d9b7b2b0f3066a1646dbb058c979cb3925dec0f8c269faaa7f9648e73465a"
            "e55ec527257d5d5e1cfdbf5d6799bea1004b6186f5108c74e3b92fe924166558"
        ),
    ),
    Kat(
        "sha3_512_ramp143",
        "sha3_512",
        Ramp(143),
        64,
        HASHLIB,
        (
            "eb9748309c6b70ffe82820052ad26ea99f43968d2af359adc804b2a76741a62e"
            "a8d710f018ea113c2259d0bd6687e3838602ae6c1dff727ae985f059141c7217"
        ),
    ),
    Kat(
        "sha3_512_ramp144",
        "sha3_512",
        Ramp(144),
        64,
        HASHLIB,
        (
            "e1951b8bcb58ca75a34af80a7a2b765cad4257fe383a79b55bf21f180b75f6e5"
            "b08f09598851eeea7d13486387618d6c6bf88cf23c0088a3f783f59a06d60493"
        ),
    ),
    Kat(
        "sha3_512_ramp145",
        "sha3_512",
        Ramp(145),
        64,
        HASHLIB,
        (
            "1abec62dce93a6775cd2ec0098d7264676a21e644c7c1b80580c305cfde31b7d"
            "5848c63af4d0e7cfeda2e5076a32dbd632665fbb1e7f06651b2ed4d7341ac844"
        ),
    ),
    Kat(
        "sha3_512_ramp1000",
        "sha3_512",
        Ramp(1000),
        64,
        HASHLIB,
        (
            "b8030d306ae990bc794bfb3a6100f67851889d6c272257afac7d1077a18660d6"
            "ea8d0da5d2299c3ebaa0d34baf62cc58ac1fd4476506cf512a4897bb083a6fc4"
        ),
    ),
    # --- shake128 ---
    Kat(
        "shake128_ramp1",
        "shake128",
        Ramp(1),
        32,
        HASHLIB,
        "0b784469a0628e03861cd8a196dfafa0e9e8056d04cddcc49f0746b9ad43ccb2",
    ),
    Kat(
        "shake128_ramp166",
        "shake128",
        Ramp(166),
        32,
        HASHLIB,
        "3ba54a1410815583e600db440b79530c7d4d549621dc260ab88555e3f24729a4",
    ),
    Kat(
        "shake128_ramp167",
        "shake128",
        Ramp(167),
        32,
        HASHLIB,
        "1e552791cc4e93a0d4a8dc47ae49228c2faa869e40e628f6ace477aec3f1ca7a",
    ),
    Kat(
        "shake128_ramp168",
        "shake128",
        Ramp(168),
        32,
        HASHLIB,
        "f15277eb61c4908d44a2853f3cde071ae2ed7a23461fbe162a1a98cf6875059c",
    ),
    Kat(
        "shake128_ramp169",
        "shake128",
        Ramp(169),
        32,
        HASHLIB,
        "015be3338c986d9846affa0f94b4afc2a76bc289c709e1a596ec9eccf090a773",
    ),
    Kat(
        "shake128_ramp335",
        "shake128",
        Ramp(335),
        32,
        HASHLIB,
        "b895bc4d15aaf7e4e95cc67e2ccc8b51c5d70e66726bfeffc7de83680d3a2543",
    ),
    Kat(
        "shake128_ramp336",
        "shake128",
        Ramp(336),
        32,
        HASHLIB,
        "278918d9abddd4a3c154affd8fe4f85e8e890eb2bbf659f393ca09ec8f9254bb",
    ),
    Kat(
        "shake128_ramp337",
        "shake128",
        Ramp(337),
        32,
        HASHLIB,
        "0c2700a9aae2f7a3886a7130bc9d90790e32b5094b86c273cc4551f3427e680e",
    ),
    Kat(
        "shake128_ramp1000",
        "shake128",
        Ramp(1000),
        32,
        HASHLIB,
        "a72440f7f5aa7c14c8e0187420611da7e2ba62f5bb2e88a91b9c9448cac30078",
    ),
    # --- shake256 ---
    Kat(
        "shake256_ramp1",
        "shake256",
        Ramp(1),
        32,
        HASHLIB,
        "b8d01df855f7075882c636f6ddeacf41e5de0bbf30042ef0a86e36f4b8600d54",
    ),
    Kat(
        "shake256_ramp134",
        "shake256",
        Ramp(134),
        32,
        HASHLIB,
        "391d31c757ba04f9ba9eb6b9293e297f09d07e52b6b66eb6d6c62837ed76e55e",
    ),
    Kat(
        "shake256_ramp135",
        "shake256",
        Ramp(135),
        32,
        HASHLIB,
        "c45dae624ad8a2f5aa7bac9d7557737fd91c96eedb70a6be5574d57a844eade0",
    ),
    Kat(
        "shake256_ramp136",
        "shake256",
        Ramp(136),
        32,
        HASHLIB,
        "b7ff4073b3f5a8eabd6e17705ca7f6761a31058f9df781a6a47e3a3063b9d67a",
    ),
    Kat(
        "shake256_ramp137",
        "shake256",
        Ramp(137),
        32,
        HASHLIB,
        "01d90952c642a5eb2a8fc9d713f843a45d7ac05132dddcb2efc9bebc27e37bcb",
    ),
    Kat(
        "shake256_ramp271",
        "shake256",
        Ramp(271),
        32,
        HASHLIB,
        "946985982420b82481721a498ef0c8668d553177fd0da17bc67db9d2034d12ea",
    ),
    Kat(
        "shake256_ramp272",
        "shake256",
        Ramp(272),
        32,
        HASHLIB,
        "e3299fa992163e7ffc875aff708dac93d2157e9b4ccaa2a13ba1ca4ef0b40f29",
    ),
    Kat(
        "shake256_ramp273",
        "shake256",
        Ramp(273),
        32,
        HASHLIB,
        "3bf949e3523de3b5a8cb9e105ae817050987d0f31655722fa601e460d60c5dda",
    ),
    Kat(
        "shake256_ramp1000",
        "shake256",
        Ramp(1000),
        32,
        HASHLIB,
        "34833f03ed88bb5f083ce590c7ae5af93ede33e11f53c70e47916c7044746acb",
    ),
)

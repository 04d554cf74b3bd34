"""What each corpus is: pinned sources, extraction rules, translation sets (data only).

Guarantees: the sha256 values pinned here are the ones the corpus was tested with
(see /work/shared/corpus.md); a fetch that yields anything else is an error. Paths in
set specs are relative to an *origin* directory of the corpus root (``cpython/``,
``nss/``); nothing here names a host.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpora.layout import FileRule, TreeRule


@dataclass(frozen=True)
class SetSpec:
    """A translation set: C files translated together, with their preprocessor setup."""

    name: str
    origin: str
    files: tuple[str, ...]
    include_dirs: tuple[str, ...]  # relative to the origin directory; "." is the origin itself
    defines: tuple[str, ...]
    notes: tuple[str, ...] = ()
    # include dirs from c2safe itself, relative to corpora/shims/ (searched after the others)
    shim_include_dirs: tuple[str, ...] = ()
    # True: translate in the slice model only (no checked-pointer fallback), as HACL* is
    slice_only: bool = False


@dataclass(frozen=True)
class IncludeProbe:
    """Where an include directory comes from when a local tree does not have it in place.

    ``dest`` is relative to the origin directory; a directory of the local tree qualifies
    if every path in ``probes`` exists below it.
    """

    dest: str
    probes: tuple[str, ...]


@dataclass(frozen=True)
class OriginSpec:
    """One upstream directory copied whole (``.c``/``.h``) into ``<root>/<name>/``."""

    name: str
    hints: tuple[str, ...]  # files whose presence marks the right directory in a local tree
    includes: tuple[IncludeProbe, ...] = ()
    # (dest relative to the corpus root, candidate paths relative to the origin directory)
    extras: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class TarballSpec:
    """A source archive (Debian orig tarball or PyPI sdist) and what to take out of it."""

    package: str  # Debian source package, or PyPI project
    filename: str
    sha256: str  # pinned: the tarball the corpus was tested with
    trees: tuple[TreeRule, ...]
    files: tuple[FileRule, ...] = ()


@dataclass(frozen=True)
class CorpusSpec:
    name: str
    description: str
    suite: str
    components: tuple[str, ...]
    tarballs: tuple[TarballSpec, ...]
    origins: tuple[OriginSpec, ...]
    sets: tuple[SetSpec, ...]
    reference_files: tuple[str, ...] = ()  # relative to root; kept for reading, not compiled
    # where the archives come from: "debian" (orig tarballs of source packages ``package``
    # in ``suite``) or "pypi" (sdists of the projects ``package`` on pip's configured index)
    source: str = "debian"


_KRML_TARGET = "krml/internal/target.h"

HACL_DEBIAN = CorpusSpec(
    name="hacl-debian",
    description=(
        "HACL* verified C shipped in Debian trixie's python3.13 (Modules/_hacl) "
        "and nss (lib/freebl/verified) source packages"
    ),
    suite="trixie",
    components=("main",),
    tarballs=(
        TarballSpec(
            package="python3.13",
            filename="python3.13_3.13.5.orig.tar.xz",
            sha256="93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640",
            trees=(TreeRule("Python-3.13.5/Modules/_hacl", "cpython"),),
        ),
        TarballSpec(
            package="nss",
            filename="nss_3.110.orig.tar.gz",
            sha256="9cd610c40422a07771b9b45166be2d052ea2f00b605a7928129e1f2071b3ae27",
            trees=(TreeRule("nss-3.110/nss/lib/freebl/verified", "nss"),),
            files=(
                FileRule(
                    "nss-3.110/nss/lib/freebl/Hacl_Hash_SHA2_shim.h",
                    "nss-freebl/Hacl_Hash_SHA2_shim.h",
                ),
            ),
        ),
    ),
    origins=(
        OriginSpec(
            name="cpython",
            hints=("python_hacl_namespaces.h",),
            includes=(IncludeProbe("include", (_KRML_TARGET,)),),
        ),
        OriginSpec(
            name="nss",
            hints=("Hacl_P256.c", "Hacl_Chacha20Poly1305_32.c"),
            includes=(
                IncludeProbe("karamel/include", (_KRML_TARGET, "krmllib.h")),
                IncludeProbe(
                    "karamel/krmllib/dist/minimal",
                    ("FStar_UInt128_Verified.h", "LowStar_Endianness.h"),
                ),
            ),
            extras=(
                (
                    "nss-freebl/Hacl_Hash_SHA2_shim.h",
                    ("../Hacl_Hash_SHA2_shim.h", "../nss-freebl/Hacl_Hash_SHA2_shim.h"),
                ),
            ),
        ),
    ),
    sets=(
        SetSpec(
            name="cpython-hashes",
            origin="cpython",
            files=("Hacl_Hash_MD5.c", "Hacl_Hash_SHA1.c", "Hacl_Hash_SHA2.c", "Hacl_Hash_SHA3.c"),
            include_dirs=(".", "include"),
            defines=("_PYTHON_HACL_NAMESPACES_H", "KRML_UNROLL_MAX=0"),
            notes=(
                "_PYTHON_HACL_NAMESPACES_H disables python_hacl_namespaces.h, which would "
                "rename every Hacl_* symbol to python_hashlib_Hacl_*",
            ),
        ),
        SetSpec(
            name="cpython-sha2",
            origin="cpython",
            files=("Hacl_Hash_SHA2.c",),
            include_dirs=(".", "include"),
            defines=("_PYTHON_HACL_NAMESPACES_H", "KRML_UNROLL_MAX=0"),
            notes=(
                "HACL* SHA-2 alone: with corpora/shims/Hacl_Hash_SHA2_shim.h it provides the "
                "SHA-512 Hacl_Ed25519.c needs (translate together with nss-portable and "
                "-I corpora/shims/include)",
            ),
        ),
        SetSpec(
            name="nss-portable",
            origin="nss",
            files=(
                "Hacl_Chacha20.c",
                "Hacl_Poly1305_32.c",
                "Hacl_Chacha20Poly1305_32.c",
                "Hacl_Curve25519_51.c",
                "Hacl_Hash_SHA3.c",
                "Hacl_P256.c",
                "Hacl_P384.c",
                "Hacl_P521.c",
                "Hacl_Ed25519.c",
            ),
            include_dirs=(".", "internal", "karamel/include", "karamel/krmllib/dist/minimal"),
            defines=("KRML_UNROLL_MAX=0",),
            notes=(
                "Hacl_Ed25519.c includes ../Hacl_Hash_SHA2_shim.h, NSS's wrapper over its "
                "own (non-HACL) SHA-512; it is kept for reference at "
                "nss-freebl/Hacl_Hash_SHA2_shim.h, deliberately where that include does not "
                "find it, so a project shim (in a directory D with an include dir D/<sub>) "
                "can take its place",
            ),
        ),
        SetSpec(
            name="nss-simd",
            origin="nss",
            files=(
                "Hacl_Chacha20_Vec128.c",
                "Hacl_Chacha20_Vec256.c",
                "Hacl_Poly1305_128.c",
                "Hacl_Poly1305_256.c",
                "Hacl_Chacha20Poly1305_128.c",
                "Hacl_Chacha20Poly1305_256.c",
                "Hacl_Curve25519_64.c",
            ),
            include_dirs=(".", "internal", "karamel/include", "karamel/krmllib/dist/minimal"),
            defines=("KRML_UNROLL_MAX=0", "HACL_CAN_COMPILE_VEC128", "HACL_CAN_COMPILE_VEC256"),
            notes=(
                "SIMD and inline-assembly variants: c2safe refuses each function that needs "
                "intrinsics (C2S109) or assembly (C2S108) and translates the rest",
            ),
        ),
    ),
    reference_files=("nss-freebl/Hacl_Hash_SHA2_shim.h",),
)

_HACL_STAR_DIST = "pyhacl-1.0.1/hacl-star/dist"

# the files of dist/gcc-compatible that need no SIMD, inline assembly or Vale (72 files)
HACL_STAR_PORTABLE = (
    "EverCrypt_AEAD.c",
    "EverCrypt_AutoConfig2.c",
    "EverCrypt_Chacha20Poly1305.c",
    "EverCrypt_Cipher.c",
    "EverCrypt_Curve25519.c",
    "EverCrypt_DRBG.c",
    "EverCrypt_Ed25519.c",
    "EverCrypt_HKDF.c",
    "EverCrypt_HMAC.c",
    "EverCrypt_Hash.c",
    "EverCrypt_Poly1305.c",
    "Hacl_AEAD_Chacha20Poly1305.c",
    "Hacl_Bignum.c",
    "Hacl_Bignum256.c",
    "Hacl_Bignum256_32.c",
    "Hacl_Bignum32.c",
    "Hacl_Bignum4096.c",
    "Hacl_Bignum4096_32.c",
    "Hacl_Bignum64.c",
    "Hacl_Chacha20.c",
    "Hacl_Chacha20_Vec32.c",
    "Hacl_Curve25519_51.c",
    "Hacl_EC_Ed25519.c",
    "Hacl_EC_K256.c",
    "Hacl_Ed25519.c",
    "Hacl_FFDHE.c",
    "Hacl_Frodo1344.c",
    "Hacl_Frodo64.c",
    "Hacl_Frodo640.c",
    "Hacl_Frodo976.c",
    "Hacl_Frodo_KEM.c",
    "Hacl_GenericField32.c",
    "Hacl_GenericField64.c",
    "Hacl_HKDF.c",
    "Hacl_HKDF_Blake2b_256.c",
    "Hacl_HKDF_Blake2s_128.c",
    "Hacl_HMAC.c",
    "Hacl_HMAC_Blake2b_256.c",
    "Hacl_HMAC_Blake2s_128.c",
    "Hacl_HMAC_DRBG.c",
    "Hacl_HPKE_Curve51_CP128_SHA256.c",
    "Hacl_HPKE_Curve51_CP128_SHA512.c",
    "Hacl_HPKE_Curve51_CP256_SHA256.c",
    "Hacl_HPKE_Curve51_CP256_SHA512.c",
    "Hacl_HPKE_Curve51_CP32_SHA256.c",
    "Hacl_HPKE_Curve51_CP32_SHA512.c",
    "Hacl_HPKE_Curve64_CP128_SHA256.c",
    "Hacl_HPKE_Curve64_CP128_SHA512.c",
    "Hacl_HPKE_Curve64_CP256_SHA256.c",
    "Hacl_HPKE_Curve64_CP256_SHA512.c",
    "Hacl_HPKE_Curve64_CP32_SHA256.c",
    "Hacl_HPKE_Curve64_CP32_SHA512.c",
    "Hacl_HPKE_P256_CP128_SHA256.c",
    "Hacl_HPKE_P256_CP256_SHA256.c",
    "Hacl_HPKE_P256_CP32_SHA256.c",
    "Hacl_Hash_Base.c",
    "Hacl_Hash_Blake2b.c",
    "Hacl_Hash_Blake2s.c",
    "Hacl_Hash_MD5.c",
    "Hacl_Hash_SHA1.c",
    "Hacl_Hash_SHA2.c",
    "Hacl_Hash_SHA3.c",
    "Hacl_K256_ECDSA.c",
    "Hacl_MAC_Poly1305.c",
    "Hacl_NaCl.c",
    "Hacl_P256.c",
    "Hacl_RSAPSS.c",
    "Hacl_Salsa20.c",
    "Hacl_Streaming_HMAC.c",
    "Lib_Memzero0.c",
    "Lib_PrintBuffer.c",
    "Lib_RandomBuffer_System.c",
)

HACL_STAR = CorpusSpec(
    name="hacl-star",
    description=(
        "the HACL* distribution (dist/gcc-compatible and dist/karamel; F* 7b347386, "
        "KaRaMeL 254e099b) shipped in the PyPI sdist of pyhacl 1.0.1"
    ),
    suite="",
    components=(),
    source="pypi",
    tarballs=(
        TarballSpec(
            package="pyhacl",
            filename="pyhacl-1.0.1.tar.gz",
            sha256="2c7653b79fca0a00540602baeb2ab9774e4736de79561e67f755bcddf9ec7598",
            trees=(
                TreeRule(f"{_HACL_STAR_DIST}/gcc-compatible", "hacl-star"),
                TreeRule(f"{_HACL_STAR_DIST}/karamel", "hacl-star/karamel"),
            ),
            files=(
                FileRule(
                    f"{_HACL_STAR_DIST}/gcc-compatible/INFO.txt",
                    "hacl-star/INFO.txt",
                    required=True,
                ),
            ),
        ),
    ),
    origins=(
        OriginSpec(
            name="hacl-star",
            hints=("EverCrypt_AutoConfig2.c", "Hacl_Bignum.c", "INFO.txt"),
            includes=(
                IncludeProbe("karamel/include", (_KRML_TARGET, "krmllib.h")),
                IncludeProbe(
                    "karamel/krmllib/dist/minimal",
                    ("FStar_UInt128_Verified.h", "LowStar_Endianness.h"),
                ),
            ),
        ),
    ),
    sets=(
        SetSpec(
            name="portable",
            origin="hacl-star",
            files=HACL_STAR_PORTABLE,
            include_dirs=(".", "internal", "karamel/include", "karamel/krmllib/dist/minimal"),
            defines=("KRML_UNROLL_MAX=0",),
            shim_include_dirs=("hacl-star",),
            slice_only=True,
            notes=(
                "dist/gcc-compatible is at hacl-star/ and dist/karamel at hacl-star/karamel/, "
                "the layout NSS uses; the include dirs are gcc-compatible, "
                "gcc-compatible/internal, karamel/include, karamel/krmllib/dist/minimal",
                "left out: SIMD (*Vec128*, *Vec256*, *Simd128*, *Simd256*), "
                "Hacl_Curve25519_64.c (inline assembly) and Vale.c",
                "EverCrypt's CPU features are fixed to none by c2safe's config.h "
                "(corpora/shims/hacl-star/config.h, in place of the one HACL*'s configure "
                "writes): TARGET_ARCHITECTURE is UNKNOWN and no HACL_CAN_COMPILE_VALE, "
                "_VEC128, _VEC256, _INLINE_ASM or _INTRINSICS is defined, so every "
                "`#if HACL_CAN_COMPILE_*` branch is compiled out, EverCrypt_AutoConfig2_init "
                "sets no cpu_has_* flag, and every run-time dispatch takes the portable branch",
                "the SIMD state types stay nameable (the agile hash state has Blake2 SIMD "
                "arms): functions that touch them are refused one by one (C2S109)",
                "slice model only: a function the rules cannot translate is a coded stub; the "
                "checked-pointer fallback would otherwise spread from the NULL-returning "
                "allocators to the hashes they share pointers with",
            ),
        ),
    ),
    reference_files=("hacl-star/INFO.txt",),
)

CORPORA: dict[str, CorpusSpec] = {HACL_DEBIAN.name: HACL_DEBIAN, HACL_STAR.name: HACL_STAR}

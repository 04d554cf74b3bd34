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
    """A Debian orig tarball and what to take out of it."""

    package: str  # source package name
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

CORPORA: dict[str, CorpusSpec] = {HACL_DEBIAN.name: HACL_DEBIAN}

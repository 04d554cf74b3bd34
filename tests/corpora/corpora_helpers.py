"""Test data for the corpora tests: synthetic HACL*-shaped trees and tarballs, fake apt.

Nothing here touches the network or the real apt state: tarballs are built in tmp_path
with the same internal paths as Debian's, and ``apt-get`` / ``apt-cache`` are small
scripts placed first on PATH that serve ``file://`` URIs.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path

from corpora import debian, specs

CPY = "Python-3.13.5/Modules/_hacl"
NSS = "nss-3.110/nss/lib/freebl/verified"

CPYTHON_FILES = {
    f"{CPY}/Hacl_Hash_MD5.c": '#include "internal/Hacl_Hash_MD5.h"\nint md5;\n',
    f"{CPY}/Hacl_Hash_SHA1.c": '#include "internal/Hacl_Hash_SHA1.h"\nint sha1;\n',
    f"{CPY}/Hacl_Hash_SHA2.c": '#include "internal/Hacl_Hash_SHA2.h"\nint sha2;\n',
    f"{CPY}/Hacl_Hash_SHA3.c": '#include "internal/Hacl_Hash_SHA3.h"\nint sha3;\n',
    f"{CPY}/internal/Hacl_Hash_MD5.h": '#include "krml/internal/target.h"\n',
    f"{CPY}/internal/Hacl_Hash_SHA1.h": '#include "python_hacl_namespaces.h"\n',
    f"{CPY}/internal/Hacl_Hash_SHA2.h": "#include <stdint.h>\n",
    f"{CPY}/internal/Hacl_Hash_SHA3.h": "\n",
    f"{CPY}/python_hacl_namespaces.h": "#define X 1\n",
    f"{CPY}/include/krml/internal/target.h": "#define KRML_TARGET 1\n",
    f"{CPY}/README.md": "not C\n",
    "Python-3.13.5/Modules/sha2module.c": "/* outside _hacl */\n",
}
NSS_SET_FILES = (
    "Hacl_Chacha20.c",
    "Hacl_Poly1305_32.c",
    "Hacl_Chacha20Poly1305_32.c",
    "Hacl_Curve25519_51.c",
    "Hacl_Hash_SHA3.c",
    "Hacl_P256.c",
    "Hacl_P384.c",
    "Hacl_P521.c",
    "Hacl_Ed25519.c",
)
NSS_FILES = {
    **{f"{NSS}/{n}": f'#include "internal/Hacl_Krmllib.h"\n/* {n} */\n' for n in NSS_SET_FILES},
    f"{NSS}/Hacl_Chacha20_Vec128.c": "/* SIMD */\n",
    f"{NSS}/internal/Hacl_Krmllib.h": (
        '#include "krml/internal/target.h"\n#include "FStar_UInt128_Verified.h"\n'
    ),
    f"{NSS}/karamel/include/krml/internal/target.h": "\n",
    f"{NSS}/karamel/include/krmllib.h": "\n",
    f"{NSS}/karamel/krmllib/dist/minimal/FStar_UInt128_Verified.h": "\n",
    f"{NSS}/karamel/krmllib/dist/minimal/LowStar_Endianness.h": "\n",
    f"{NSS}/karamel/krmllib/dist/minimal/Makefile.basic": "all:\n",
    "nss-3.110/nss/lib/freebl/Hacl_Hash_SHA2_shim.h": '#include "blapi.h"\n',
    "nss-3.110/nss/lib/freebl/blapi.h": "/* NSS, not HACL */\n",
}


def build_tarball(path: Path, files: dict[str, str], *, evil: bool = False) -> Path:
    xz = path.name.endswith(".xz")
    with tarfile.open(path, "w:xz") if xz else tarfile.open(path, "w:gz") as tf:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        if evil:
            bad = tarfile.TarInfo(f"{NSS}/../../../../../../evil.h")
            bad.size = 1
            tf.addfile(bad, io.BytesIO(b"x"))
            link = tarfile.TarInfo(f"{NSS}/link.h")
            link.type = tarfile.SYMTYPE
            link.linkname = "/etc/passwd"
            tf.addfile(link)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Synthetic:
    spec: specs.CorpusSpec
    tarballs: dict[str, Path]  # filename -> path of the built tarball (the "mirror")
    cache: Path
    dest: Path


def seed_cache(syn: Synthetic) -> None:
    pool = debian.pool_dir(syn.cache)
    pool.mkdir(parents=True, exist_ok=True)
    for name, path in syn.tarballs.items():
        (pool / name).write_bytes(path.read_bytes())


FAKE_APT = """#!{python}
import json, os, sys
data = json.load(open(os.environ["FAKE_APT_DATA"]))
args = [a for a in sys.argv[1:]]
with open(os.environ["FAKE_APT_LOG"], "a") as log:
    log.write(os.path.basename(sys.argv[0]) + " " + " ".join(args) + "\\n")
words = [a for i, a in enumerate(args) if a != "-o" and (i == 0 or args[i - 1] != "-o")]
opts = dict(args[i + 1].split("=", 1) for i, a in enumerate(args) if a == "-o")
if words[:1] == ["update"]:
    if not os.environ.get("FAKE_APT_NO_INDEX"):
        lists = opts["Dir::State::Lists"]
        open(os.path.join(lists, "m_debian_dists_trixie_main_source_Sources"), "w").close()
    sys.stderr.write("E: Failed to fetch something unrelated 404\\n")
    sys.exit(100)  # apt's status is not a success signal: the index is still usable
if words[:2] == ["source", "--print-uris"]:
    for uri, fn, size, digest in data.get(words[2], []):
        print("'%s' %s %d %s" % (uri, fn, size, digest))
    sys.exit(0)
if words[:1] == ["showsrc"]:
    print("Package: " + words[1])
    print("Checksums-Sha256:")
    for uri, fn, size, digest in data.get(words[1], []):
        print(" %s %d %s" % (data["sha256"][fn], size, fn))
    sys.exit(0)
sys.exit(1)
"""


@dataclass
class FakeApt:
    log: Path
    data: Path

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []

    def set_index(self, index: dict[str, object]) -> None:
        self.data.write_text(json.dumps(index))

"""Standard headers: which system headers c2safe supplies and how the rest are found.

Guarantees: every C standard and common POSIX header resolves. c2safe's own headers
(``include/``, with real prototypes and the x86-64 types) come first; any other system
header named by pycparser's fake libc (the list of names only, third-party names
excluded) resolves to a generated one-line header that pulls in the POSIX scalar types
(``include/c2safe_types.h``), so the file parses and calls into it are refused per
function (C2S105) rather than failing the file. A header that is neither supplied nor a
system header (e.g. ``<openssl/evp.h>``) is still missing, and preprocessing reports it
with C2S010 naming it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

INCLUDE_DIR = Path(__file__).parent / "include"

# names in pycparser's fake libc that belong to third-party libraries, not to a libc
_THIRD_PARTY_PREFIXES = ("X11/", "openssl/", "xcb/", "mir_toolkit/", "zlib.h", "_")


def supplied_headers() -> set[str]:
    """Headers c2safe writes itself (relative names, ``/``-separated)."""
    return {p.relative_to(INCLUDE_DIR).as_posix() for p in INCLUDE_DIR.rglob("*.h")}


def system_header_names() -> set[str]:
    """Libc/POSIX header names known to pycparser's fake libc, minus third-party ones."""
    try:
        import pycparser_fake_libc
    except ImportError:  # pragma: no cover - a pinned dependency
        return set()
    root = Path(pycparser_fake_libc.directory)
    names = {p.relative_to(root).as_posix() for p in root.rglob("*.h")}
    return {n for n in names if not n.startswith(_THIRD_PARTY_PREFIXES)}


@cache
def fallback_dir() -> Path:
    """A directory of generated headers for the system headers c2safe does not supply;
    passed after every other include directory (``-idirafter``). Built once per content
    in the temp directory (atomically, so concurrent runs share it)."""
    names = sorted(system_header_names() - supplied_headers())
    key = hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]
    root = Path(tempfile.gettempdir()) / f"c2safe-sysinclude-{key}"
    if (root / ".complete").exists():
        return root
    tmp = Path(tempfile.mkdtemp(prefix=".c2safe-sysinclude-", dir=tempfile.gettempdir()))
    for n in names:
        p = tmp / n
        p.parent.mkdir(parents=True, exist_ok=True)
        guard = "C2SAFE_FALLBACK_" + "".join(c if c.isalnum() else "_" for c in n).upper()
        p.write_text(
            f"/* c2safe: <{n}> has no model; only the POSIX types are declared. */\n"
            f"#ifndef {guard}\n#define {guard}\n#include <c2safe_types.h>\n#endif\n"
        )
    (tmp / ".complete").write_text("ok\n")
    try:
        os.replace(tmp, root)
    except OSError:  # another process won the race; its directory is equivalent
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return root

"""Find CPython's ``Modules/_hacl`` sources and compile them with gcc (for the C KAT).

The directory is looked for, in order, at ``corpora/_data/hacl-debian/cpython`` under the
repository root (where ``c2safe corpus fetch hacl-debian`` puts it) and at the path in the
``C2SAFE_CPYTHON_HACL`` environment variable. Either may be the ``_hacl`` directory itself
or any ancestor of it (e.g. an unpacked CPython source tree).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO_ROOT / "corpora" / "_data" / "hacl-debian" / "cpython"
ENV_VAR = "C2SAFE_CPYTHON_HACL"

HACL_SOURCES = ("Hacl_Hash_MD5.c", "Hacl_Hash_SHA1.c", "Hacl_Hash_SHA2.c", "Hacl_Hash_SHA3.c")

# -D_PYTHON_HACL_NAMESPACES_H turns off CPython's renaming of the HACL* symbols (so the C
# names are the ones the translated crate keeps); KRML_UNROLL_MAX=0 as in CPython's build.
DEFINES = ("-D_PYTHON_HACL_NAMESPACES_H", "-DKRML_UNROLL_MAX=0")


def is_hacl_dir(d: Path) -> bool:
    """True if ``d`` holds the four hash sources and the ``include/krml`` headers."""
    return all((d / f).is_file() for f in HACL_SOURCES) and (d / "include" / "krml").is_dir()


def resolve_hacl_dir(base: Path) -> Path | None:
    """The ``_hacl`` directory at or under ``base`` (``None`` if there is none)."""
    if not base.is_dir():
        return None
    for cand in (base, base / "Modules" / "_hacl", base / "_hacl"):
        if is_hacl_dir(cand):
            return cand
    for hit in sorted(base.rglob("Hacl_Hash_SHA2.c")):
        if is_hacl_dir(hit.parent):
            return hit.parent
    return None


def find_cpython_hacl() -> tuple[Path | None, str]:
    """Locate the sources: ``(directory, "")`` or ``(None, reason it was not found)``."""
    tried = [str(CORPUS_DIR)]
    found = resolve_hacl_dir(CORPUS_DIR)
    if found:
        return found, ""
    env = os.environ.get(ENV_VAR)
    if env:
        tried.append(f"${ENV_VAR}={env}")
        found = resolve_hacl_dir(Path(env))
        if found:
            return found, ""
    else:
        tried.append(f"${ENV_VAR} (unset)")
    return None, (
        "CPython Modules/_hacl sources not found (tried "
        + ", ".join(tried)
        + "); run `c2safe corpus fetch hacl-debian` or set "
        + ENV_VAR
    )


def cflags(hacl_dir: Path) -> list[str]:
    """Include and define flags for compiling against ``hacl_dir``."""
    return [f"-I{hacl_dir}", f"-I{hacl_dir / 'include'}", *DEFINES]


def gcc() -> str | None:
    """Path of gcc, or ``None`` when it is not installed."""
    return shutil.which("gcc")


def build(
    hacl_dir: Path,
    driver: Path,
    out: Path,
    *,
    opt: str = "-O2",
    extra: tuple[str, ...] = (),
    strict_driver: bool = True,
) -> Path:
    """Compile ``driver`` (with -Wall -Wextra -Werror when ``strict_driver``) and the HACL*
    hash sources into the executable ``out``; raise ``CalledProcessError`` on failure."""
    cc = gcc() or "gcc"
    objs = []
    out.parent.mkdir(parents=True, exist_ok=True)
    for src in (driver, *(hacl_dir / f for f in HACL_SOURCES)):
        obj = out.parent / f"{out.name}.{src.stem}.o"
        warn = ["-Wall", "-Wextra", "-Werror"] if (src == driver and strict_driver) else []
        cmd = [cc, opt, *extra, *warn, *cflags(hacl_dir), "-c", str(src), "-o", str(obj)]
        subprocess.run(cmd, check=True, capture_output=True, text=True)
        objs.append(str(obj))
    cmd = [cc, *extra, *objs, "-o", str(out)]
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    return out

"""The NSS HACL* corpus as the KATs use it: sources, per-file flags, gcc build of ``c_kat.c``.

The sources and flags are those of ``c2safe translate --set hacl-debian:nss-portable --set
hacl-debian:cpython-sha2 -I corpora/shims/include``: each set's files with the set's include
directories and defines (what ``translator/translate_cmd.py`` records as ``file_flags``),
plus the project's shim include directory for every file (it is how Hacl_Ed25519.c's
``#include "../Hacl_Hash_SHA2_shim.h"`` reaches ``corpora/shims/Hacl_Hash_SHA2_shim.h``).
The corpus is the one ``c2safe corpus fetch hacl-debian`` puts in ``corpora/_data``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = "hacl-debian"
SETS = ("nss-portable", "cpython-sha2")
DRIVER_SET = "nss-portable"  # c_kat.c includes the NSS headers
SHIM_INCLUDE = REPO_ROOT / "corpora" / "shims" / "include"


@dataclass(frozen=True)
class Flags:
    """Preprocessor flags of one translation unit."""

    include_dirs: tuple[Path, ...]
    defines: tuple[str, ...]

    def gcc_args(self) -> list[str]:
        """``-I``/``-D`` arguments, the set's first and the global shim directory last."""
        return [f"-I{d}" for d in (*self.include_dirs, SHIM_INCLUDE)] + [
            f"-D{d}" for d in self.defines
        ]


@dataclass(frozen=True)
class NssCorpus:
    """The sources of the NSS crate with their flags, and the flags for the C driver."""

    file_flags: dict[Path, Flags]
    driver_flags: Flags

    @property
    def sources(self) -> list[Path]:
        """The C files, in translation order."""
        return list(self.file_flags)

    def translate_file_flags(self) -> dict[str, tuple[list[Path], list[str]]]:
        """``Options.file_flags`` as ``c2safe translate --set`` builds it."""
        return {
            str(p.resolve()): (list(f.include_dirs), list(f.defines))
            for p, f in self.file_flags.items()
        }


def find_corpus() -> tuple[NssCorpus | None, str]:
    """The fetched corpus: ``(corpus, "")`` or ``(None, why it is not usable)``."""
    from corpora.errors import CorpusError
    from corpora.registry import load_corpus

    try:
        corpus = load_corpus(CORPUS)
    except CorpusError as e:
        return None, f"{e} (run `c2safe corpus fetch {CORPUS}`)"
    missing = [s for s in SETS if s not in corpus.sets]
    if missing:
        return None, f"corpus {CORPUS} has no set {', '.join(missing)}"
    file_flags: dict[Path, Flags] = {}
    for name in SETS:
        tset = corpus.sets[name]
        for f in tset.files:
            file_flags[f] = Flags(tuple(tset.include_dirs), tuple(tset.defines))
    if not (SHIM_INCLUDE.parent / "Hacl_Hash_SHA2_shim.h").is_file():
        return None, f"the SHA-512 shim is missing from {SHIM_INCLUDE.parent}"
    d = corpus.sets[DRIVER_SET]
    return NssCorpus(file_flags, Flags(tuple(d.include_dirs), tuple(d.defines))), ""


def gcc() -> str | None:
    """Path of gcc, or ``None`` when it is not installed."""
    return shutil.which("gcc")


def _compile(cc: str, src: Path, obj: Path, args: list[str]) -> Path:
    subprocess.run(
        [cc, *args, "-c", str(src), "-o", str(obj)], check=True, capture_output=True, text=True
    )
    return obj


def compile_corpus(
    corpus: NssCorpus, objdir: Path, *, opt: str = "-O1", extra: tuple[str, ...] = ()
) -> list[Path]:
    """Compile every corpus source with its own flags into ``objdir`` (in parallel); raise
    ``CalledProcessError`` on failure."""
    cc = gcc() or "gcc"
    objdir.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        futures = [
            pool.submit(_compile, cc, src, objdir / f"{src.stem}.o", [opt, *extra, *f.gcc_args()])
            for src, f in corpus.file_flags.items()
        ]
        return [fut.result() for fut in futures]


def build(
    corpus: NssCorpus,
    driver: Path,
    out: Path,
    *,
    opt: str = "-O1",
    extra: tuple[str, ...] = (),
    objects: list[Path] | None = None,
) -> Path:
    """Compile ``driver`` (-Wall -Wextra -Werror, the flags of nss-portable) and link it with
    the corpus ``objects`` (compiled here, next to ``out``, when not given) into the
    executable ``out``; raise ``CalledProcessError`` on failure."""
    cc = gcc() or "gcc"
    out.parent.mkdir(parents=True, exist_ok=True)
    if objects is None:
        objects = compile_corpus(corpus, out.parent / f"{out.name}.objs", opt=opt, extra=extra)
    warn = ["-Wall", "-Wextra", "-Werror"]
    args = [opt, *extra, *warn, *corpus.driver_flags.gcc_args()]
    driver_obj = _compile(cc, driver, out.parent / f"{out.name}.driver.o", args)
    subprocess.run(
        [cc, *extra, str(driver_obj), *map(str, objects), "-o", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return out

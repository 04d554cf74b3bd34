"""Crate writing: Cargo.toml, src/lib.rs, one module per file, rustfmt, cargo.

Guarantees: the crate is assembled in a temporary directory next to the
output and moved into place only when complete, so a failed run never leaves
a half-written crate; an existing output directory is replaced only if c2safe
wrote it (it holds ``.c2safe.json``). ``src/lib.rs`` starts with
``#![forbid(unsafe_code)]``; the crate depends on std only. This module and
``cargo`` helpers are the only places that run cargo or rustfmt.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from translator.crate_manifest import (
    META_FILE,
    SOURCE_MAP_FILE,
    CrateSourceMap,
    load_source_map,
    save_meta,
    save_source_map,
)
from translator.diagnostics import C2SafeError, Span, error
from translator.print_rust import extract_markers

MARKER = META_FILE  # kept for callers of the old name
SOURCE_MAP = SOURCE_MAP_FILE
RUNTIME = Path(__file__).parent / "runtime.rs"
# checked pointers (issue 13), shipped as ``src/cptr.rs`` only into crates that use them
CPTR_RUNTIME = Path(__file__).parent / "cptr.rs"
# the libc runtime, shipped as ``src/c2safe_libc.rs`` into crates that need it
LIBC_RUNTIME = Path(__file__).parent / "libc_runtime.rs"


def uses_cptr(modules: dict[str, str]) -> bool:
    return any("cptr::" in text for text in modules.values())


# C names are kept on purpose; every other lint is fixed in the generator
LINTS = (
    "non_snake_case",
    "non_camel_case_types",
    "non_upper_case_globals",
)


@dataclass(frozen=True)
class CrateFiles:
    name: str
    modules: dict[str, str]  # module name -> Rust text
    extra: dict[str, str]  # relative path -> text (e.g. tests)


def crate_name(s: str) -> str:
    n = re.sub(r"[^0-9A-Za-z_]+", "_", s).strip("_").lower() or "translated"
    return "c_" + n if n[0].isdigit() else n


def lib_rs(files: CrateFiles, header: str) -> str:
    lines = [f"//! {header}", "", "#![forbid(unsafe_code)]", f"#![allow({', '.join(LINTS)})]", ""]
    lines.append("pub mod krml;")
    if uses_cptr(files.modules):
        lines.append("pub mod cptr;")
    if "src/c2safe_libc.rs" in files.extra:
        lines.append("pub mod c2safe_libc;")
    for m in sorted(files.modules):
        lines.append(f"pub mod {m};")
    lines.append("")
    for m in sorted(files.modules):
        lines.append(f"pub use {m}::*;")
    return "\n".join(lines) + "\n"


def cargo_toml(name: str) -> str:
    return (
        "[package]\n"
        f'name = "{name}"\n'
        'version = "0.1.0"\n'
        'edition = "2021"\n'
        "publish = false\n\n"
        "[dependencies]\n\n"
        "[profile.release]\n"
        "codegen-units = 1\n"
        "lto = true\n"
    )


def lookup_source(crate: Path, rust_file: str, line: int) -> tuple[str, int] | None:
    """The C position a line of a generated Rust file came from (via the source map)."""
    return load_source_map(crate).source_of(rust_file, line)


def rustfmt(path: Path) -> str | None:
    """Format a file in place; return rustfmt's error text on failure."""
    if shutil.which("rustfmt") is None:
        return "rustfmt not found"
    from translator import cache  # rustfmt's outputs per input (translator/cache.py)

    def run() -> str | None:
        proc = subprocess.run(
            ["rustfmt", "--edition", "2021", str(path)], capture_output=True, text=True
        )
        return None if proc.returncode == 0 else proc.stderr.strip()

    return cache.rustfmt_cached(path, run)


def write_crate(
    out: Path, files: CrateFiles, header: str, meta: dict[str, object]
) -> tuple[list[str], CrateSourceMap]:
    """Write the crate atomically to ``out``; return rustfmt failures (file: message) and
    the source map (also written into the crate)."""
    out = out.resolve()
    if out.exists() and not (out / MARKER).exists():
        if any(out.iterdir()):
            raise C2SafeError(
                error(
                    "C2S005",
                    f"{out} exists and was not written by c2safe; refusing to overwrite",
                    Span(str(out), 0),
                )
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    problems: list[str] = []
    try:
        src = tmp / "src"
        src.mkdir()
        (tmp / "Cargo.toml").write_text(cargo_toml(files.name))
        (src / "lib.rs").write_text(lib_rs(files, header))
        shutil.copyfile(RUNTIME, src / "krml.rs")
        if uses_cptr(files.modules):
            shutil.copyfile(CPTR_RUNTIME, src / "cptr.rs")
        for m, text in files.modules.items():
            (src / f"{m}.rs").write_text(text)
        for rel, text in files.extra.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
        source_map = CrateSourceMap()
        for f in sorted(src.glob("*.rs")):
            err = rustfmt(f)
            if err:
                problems.append(f"{f.name}: {err.splitlines()[0] if err else ''}")
            text, sm = extract_markers(f.read_text())
            f.write_text(text)
            rel = f"src/{f.name}"
            if sm.ranges:
                source_map.lines[rel] = list(sm.ranges)
            if sm.functions:
                source_map.functions[rel] = dict(sm.functions)
        save_source_map(tmp, source_map)
        save_meta(tmp, meta)
        # keep cargo's build cache across runs
        if out.exists() and (out / "target").is_dir():
            os.replace(out / "target", tmp / "target")
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.replace(out, old / "crate")
            os.replace(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return problems, source_map


@dataclass
class CargoResult:
    ok: bool
    messages: list[dict[str, object]]
    stderr: str
    seconds: float
    stdout: str = ""


def cargo(crate: Path, *args: str, json_messages: bool = True) -> CargoResult:
    """Run ``cargo ARGS --offline`` in ``crate``; collect JSON compiler messages."""
    import time

    if shutil.which("cargo") is None:
        raise C2SafeError(error("C2S008", "cargo not found on PATH", Span(str(crate), 0)))
    cmd = ["cargo", *args, "--offline"]
    if json_messages:
        cmd.append("--message-format=json")
    t = time.monotonic()
    proc = subprocess.run(cmd, cwd=crate, capture_output=True, text=True)
    msgs: list[dict[str, object]] = []
    if json_messages:
        for line in proc.stdout.splitlines():
            if line.startswith("{"):
                try:
                    m = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if m.get("reason") == "compiler-message":
                    msgs.append(m["message"])
    return CargoResult(proc.returncode == 0, msgs, proc.stderr, time.monotonic() - t, proc.stdout)


def count_unsafe(crate: Path) -> int:
    n = 0
    for f in (crate / "src").rglob("*.rs"):
        text = re.sub(r"//[^\n]*", "", f.read_text())
        text = text.replace("forbid(unsafe_code)", "")
        n += len(re.findall(r"\bunsafe\b", text))
    return n

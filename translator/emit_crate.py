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

from translator.diagnostics import C2SafeError, Span, error

MARKER = ".c2safe.json"
SOURCE_MAP = "c2safe-sourcemap.json"
_MARKER_LINE = re.compile(r"^\s*//@c2s (\d+) (.*)$")
RUNTIME = Path(__file__).parent / "runtime.rs"
# the libc runtime, shipped as ``src/c2safe_libc.rs`` into crates that need it
LIBC_RUNTIME = Path(__file__).parent / "libc_runtime.rs"

LINTS = (
    "non_snake_case",
    "non_camel_case_types",
    "non_upper_case_globals",
    "unused_variables",
    "unused_mut",
    "unused_assignments",
    "unused_parens",
    "unused_imports",
    "unused_braces",
    "unused_labels",
    "unreachable_code",
    "dead_code",
    "clippy::all",
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


def extract_source_map(text: str) -> tuple[str, list[list[object]]]:
    """Remove the emitter's ``//@c2s LINE FILE`` markers (after rustfmt, so positions are
    final) and return the clean text with ranges ``[first_rust_line, last_rust_line,
    c_file, c_line]``: every Rust line of a range came from that C line."""
    out: list[str] = []
    ranges: list[list[object]] = []
    current: tuple[str, int] | None = None
    for line in text.splitlines():
        m = _MARKER_LINE.match(line)
        if m:
            current = (m.group(2), int(m.group(1)))
            continue
        out.append(line)
        n = len(out)
        if current is None or line.startswith("}") and not line.startswith("} else"):
            if line.startswith("}"):
                current = None
            continue
        if (
            ranges
            and ranges[-1][2] == current[0]
            and ranges[-1][3] == current[1]
            and ranges[-1][1] == n - 1
        ):
            ranges[-1][1] = n
        else:
            ranges.append([n, n, current[0], current[1]])
    return "\n".join(out) + "\n", ranges


def lookup_source(crate: Path, rust_file: str, line: int) -> tuple[str, int] | None:
    """The C position a line of a generated Rust file came from (via the source map)."""
    try:
        data = json.loads((crate / SOURCE_MAP).read_text())
    except (OSError, ValueError):
        return None
    for first, last, c_file, c_line in data.get(rust_file, []):
        if first <= line <= last:
            return str(c_file), int(c_line)
    return None


def rustfmt(path: Path) -> str | None:
    """Format a file in place; return rustfmt's error text on failure."""
    if shutil.which("rustfmt") is None:
        return "rustfmt not found"
    proc = subprocess.run(
        ["rustfmt", "--edition", "2021", str(path)], capture_output=True, text=True
    )
    return None if proc.returncode == 0 else proc.stderr.strip()


def write_crate(out: Path, files: CrateFiles, header: str, meta: dict[str, object]) -> list[str]:
    """Write the crate atomically to ``out``; return rustfmt failures (file: message)."""
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
        for m, text in files.modules.items():
            (src / f"{m}.rs").write_text(text)
        for rel, text in files.extra.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
        source_map: dict[str, list[list[object]]] = {}
        for f in sorted(src.glob("*.rs")):
            err = rustfmt(f)
            if err:
                problems.append(f"{f.name}: {err.splitlines()[0] if err else ''}")
            text, ranges = extract_source_map(f.read_text())
            f.write_text(text)
            if ranges:
                source_map[f"src/{f.name}"] = ranges
        (tmp / SOURCE_MAP).write_text(json.dumps(source_map, separators=(",", ":")) + "\n")
        (tmp / MARKER).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
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
    return problems


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

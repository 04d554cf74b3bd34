"""Whole-program differential test: the gcc-built C program vs the crate's binary.

Guarantees: ``run_program_difftest`` builds the original C sources (the crate's
``.c2safe.json``: sources, include directories and defines, per file) with gcc, builds the
crate's binary with cargo (offline), runs both with the same arguments and the same stdin
in fresh copies of one working directory, and compares stdout, stderr and the exit
status byte for byte. A crate without a binary (no ``main``) or a build failure is a
``DifftestError``/failed result, never a pass.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


class ProgramDifftestError(Exception):
    pass


@dataclass
class Run:
    stdout: bytes
    stderr: bytes
    status: int | None  # None: timed out


@dataclass
class ProgramResult:
    c: Run | None = None
    rust: Run | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return (
            not self.problems
            and self.c is not None
            and self.rust is not None
            and (self.c.stdout, self.c.stderr, self.c.status)
            == (self.rust.stdout, self.rust.stderr, self.rust.status)
        )

    def describe(self) -> str:
        if self.problems:
            return "; ".join(self.problems)
        assert self.c is not None and self.rust is not None
        diffs = [
            name
            for name, a, b in (
                ("stdout", self.c.stdout, self.rust.stdout),
                ("stderr", self.c.stderr, self.rust.stderr),
                ("exit status", self.c.status, self.rust.status),
            )
            if a != b
        ]
        if not diffs:
            return "same stdout, stderr and exit status"
        return (
            "differs in "
            + ", ".join(diffs)
            + (f" (C exit {self.c.status}, Rust exit {self.rust.status})")
        )


def _run(cmd: list[str], cwd: Path, stdin: bytes, timeout: float) -> Run:
    try:
        p = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Run(b"", b"", None)
    return Run(p.stdout, p.stderr, p.returncode)


def run_program_difftest(
    crate: Path,
    args: list[str] | None = None,
    stdin: bytes = b"",
    timeout: float = 10.0,
    workdir: Path | None = None,
) -> ProgramResult:
    """Build and run both programs (see the module docstring)."""
    crate = crate.resolve()
    try:
        meta = json.loads((crate / ".c2safe.json").read_text())
    except (OSError, ValueError):
        raise ProgramDifftestError(f"{crate} is not a crate written by c2safe") from None
    if not (crate / "src" / "main.rs").exists():
        raise ProgramDifftestError(f"{crate} has no binary (the C defines no callable main)")
    res = ProgramResult()
    args = args or []
    with tempfile.TemporaryDirectory(prefix="c2safe-progdiff-") as tmp_s:
        tmp = Path(tmp_s)
        objs: list[str] = []
        for i, src in enumerate(meta["sources"]):
            flags = meta.get("file_flags", {}).get(src, {})
            cmd = ["gcc", "-w", "-O0", "-c", src, "-o", str(tmp / f"u{i}.o")]
            for d in flags.get("include_dirs", meta.get("include_dirs", [])):
                cmd += ["-I", d]
            for d in flags.get("defines", meta.get("defines", [])):
                cmd += ["-D", d]
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode != 0:
                res.problems.append(f"gcc failed on {src}: {p.stderr.strip()[-500:]}")
                return res
            objs.append(str(tmp / f"u{i}.o"))
        p = subprocess.run(
            ["gcc", *objs, "-o", str(tmp / "c_prog"), "-lm"], capture_output=True, text=True
        )
        if p.returncode != 0:
            res.problems.append(f"gcc link failed: {p.stderr.strip()[-500:]}")
            return res
        b = subprocess.run(
            ["cargo", "build", "--offline", "-q", "--bins"],
            cwd=crate,
            capture_output=True,
            text=True,
        )
        if b.returncode != 0:
            res.problems.append(f"cargo build failed: {b.stderr.strip()[-500:]}")
            return res
        name = _bin_name(crate)
        rust_bin = crate / "target" / "debug" / name
        for which, exe in (("c", str(tmp / "c_prog")), ("rust", str(rust_bin))):
            wd = tmp / f"wd_{which}"
            if workdir is not None:
                shutil.copytree(workdir, wd)
            else:
                wd.mkdir()
            run = _run([exe, *args], wd, stdin, timeout)
            if which == "c":
                res.c = run
            else:
                res.rust = run
    return res


def _bin_name(crate: Path) -> str:
    for line in (crate / "Cargo.toml").read_text().splitlines():
        if line.startswith("name = "):
            return line.split('"')[1]
    raise ProgramDifftestError("Cargo.toml has no package name")

"""Behavioural tests: self-checking C programs give the same output compiled by
gcc and translated to Rust (chibicc-style), and their translation is golden."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import GOLDEN, PROGRAMS, RUST_MAIN, have_toolchain
from translator.driver import Options, translate

CASES = sorted(p.stem for p in PROGRAMS.glob("*.c") if p.stem != "driver")

pytestmark = pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")


def run_c(case: str, tmp: Path) -> str:
    exe = tmp / f"{case}_c"
    subprocess.run(
        [
            "gcc",
            "-O1",
            "-fwrapv",
            "-o",
            str(exe),
            str(PROGRAMS / f"{case}.c"),
            str(PROGRAMS / "driver.c"),
        ],
        check=True,
    )
    return subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout


def run_rust(case: str, tmp: Path, target: Path) -> tuple[str, str]:
    crate = tmp / f"prog_{case}"
    report = translate(
        Options(
            sources=[PROGRAMS / f"{case}.c"],
            out=crate,
            name=f"prog_{case}",
            build=False,
            extra_files={"examples/run.rs": RUST_MAIN.format(crate=f"prog_{case}")},
        ),
        log=lambda m: None,
    )
    totals = report.totals()
    assert totals["stubbed"] == 0, [
        (r.name, [d.message for d in r.diagnostics])
        for f in report.files
        for r in f.records
        if r.status == "stub"
    ]
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    proc = subprocess.run(
        ["cargo", "run", "-q", "--offline", "--example", "run"],
        cwd=crate,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    module = (crate / "src" / f"{case}.rs").read_text()
    return proc.stdout, module


@pytest.mark.parametrize("case", CASES)
def test_program_matches_gcc(
    case: str, tmp_path: Path, cargo_target: Path, update_goldens: bool
) -> None:
    expected = run_c(case, tmp_path)
    got, module = run_rust(case, tmp_path, cargo_target)
    assert got == expected
    golden = GOLDEN / f"{case}.rs"
    if update_goldens or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(module)
    assert module == golden.read_text(), (
        f"translation of {case}.c changed; review and run with --update-goldens"
    )
    assert "unsafe" not in module

"""The ordinary-C corpus (tests/programs_c): each program built by gcc and translated by
c2safe must print the same 64 results; every function translates (no stub), and the
model chosen per function is the one the pointer analysis reports."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROGRAMS, REPO, have_toolchain
from translator.driver import Options, translate

CORPUS = REPO / "tests" / "programs_c"
CASES = sorted(p.stem for p in CORPUS.glob("*.c"))

pytestmark = pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")

MAIN_CHECKED = """use {crate}::cptr::Ptr;
use {crate}::*;

fn main() {{
    let out = Ptr::calloc(64, 8);
    c2safe_test(out.clone());
    for i in 0..64 {{
        println!("{{}}", out.rd::<u64>(i));
    }}
}}
"""

MAIN_SLICE = """use {crate}::*;

fn main() {{
    let mut out = [0u64; 64];
    c2safe_test(&mut out);
    for v in out.iter() {{
        println!("{{}}", v);
    }}
}}
"""


def run_gcc(case: str, tmp: Path) -> str:
    exe = tmp / f"{case}_c"
    subprocess.run(
        ["gcc", "-O1", "-fwrapv", "-o", str(exe), str(CORPUS / f"{case}.c")]
        + [str(PROGRAMS / "driver.c")],
        check=True,
    )
    return subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout


def translate_case(case: str, tmp: Path, strict: bool = False) -> tuple[Path, dict[str, object]]:
    crate = tmp / f"c_{case}"
    translate(
        Options(
            sources=[CORPUS / f"{case}.c"], out=crate, name=f"c_{case}", build=False, strict=strict
        ),
        log=lambda m: None,
    )
    return crate, json.loads((crate / "c2safe-report.json").read_text())


def functions(report: dict[str, object]) -> list[dict[str, object]]:
    files = report["files"]
    assert isinstance(files, list)
    return [fn for f in files for fn in f["functions"]]


@pytest.mark.parametrize("case", CASES)
def test_corpus_program_matches_gcc(case: str, tmp_path: Path, cargo_target: Path) -> None:
    expected = run_gcc(case, tmp_path)
    crate, report = translate_case(case, tmp_path)
    fns = functions(report)
    stubs = [(f["name"], f["diagnostics"]) for f in fns if f["status"] != "translated"]
    assert not stubs, stubs
    model = {f["name"]: f["model"] for f in fns}
    for f in fns:  # every checked function says why
        assert (f["model"] == "checked") == bool(f["model_reasons"]), f
    main = MAIN_CHECKED if model["c2safe_test"] == "checked" else MAIN_SLICE
    (crate / "examples").mkdir()
    (crate / "examples" / "run.rs").write_text(main.format(crate=f"c_{case}"))
    proc = subprocess.run(
        ["cargo", "run", "-q", "--offline", "--example", "run"],
        cwd=crate,
        env=dict(os.environ, CARGO_TARGET_DIR=str(cargo_target)),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout == expected
    lib = (crate / "src" / "lib.rs").read_text()
    assert "#![forbid(unsafe_code)]" in lib
    text = "".join(p.read_text() for p in (crate / "src").glob("*.rs"))
    assert "unsafe " not in text and "unsafe{" not in text
    checked = sum(m == "checked" for m in model.values())
    print(
        f"\n{case}: {len(fns)} functions, {len(fns) - len(stubs)} translated, "
        f"{checked} checked, {len(fns) - checked} slice, output equal to gcc"
    )


def test_strict_refuses_checked_functions(tmp_path: Path) -> None:
    _, report = translate_case("linked_list", tmp_path, strict=True)
    fns = functions(report)
    assert fns and all(f["status"] == "stub" for f in fns if f["model"] == "checked")
    codes = {d["code"] for f in fns for d in f["diagnostics"]}
    assert "C2S302" in codes
    assert any(f["model"] == "checked" for f in fns)

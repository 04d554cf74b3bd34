"""goto (forward and backward, from inside loops) and switch fall-through: the translated
program exits with the same status as the gcc-built one; unstructurable gotos are coded."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import have_toolchain
from translator.driver import Options, translate

HERE = Path(__file__).parent


@pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")
@pytest.mark.parametrize("prog", ["goto_prog.c", "switch_prog.c"])
def test_program_exit_status_matches_gcc(tmp_path: Path, prog: str) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copyfile(HERE / prog, src / prog)
    out = tmp_path / "out"
    report = translate(Options([src], out), log=lambda m: None)
    assert report.built is True
    assert report.totals()["stubbed"] == 0, [
        (r.name, [d.message for d in r.diagnostics]) for f in report.files for r in f.records
    ]
    subprocess.run(["gcc", "-w", "-o", str(tmp_path / "ref"), str(src / prog)], check=True)
    ref = subprocess.run([str(tmp_path / "ref")]).returncode
    got = subprocess.run(["cargo", "run", "-q", "--offline"], cwd=out, capture_output=True)
    assert got.returncode == ref, got.stderr[-2000:]


def test_unstructurable_gotos_are_coded(tmp_path: Path) -> None:
    (tmp_path / "g.c").write_text(
        "int into(int x) { if (x) goto in; { int y = 1; in: x += 1; } return x; }\n"
        "int cross(int x) { if (x) goto b; a: x++; b: x--; if (x > 9) goto a; return x; }\n"
        "int ok(int x) { if (x) goto end; x = 3; end: return x; }\n"
    )
    report = translate(Options([tmp_path / "g.c"], tmp_path / "out", build=False), lambda m: None)
    recs = {r.name: r for f in report.files for r in f.records}
    assert recs["ok"].status == "translated"
    for name in ("into", "cross"):
        assert recs[name].status == "stub"
        assert recs[name].diagnostics[0].code == "C2S107"

"""A directory with ``main`` becomes a library plus a binary with C's exit status."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import have_toolchain
from translator.driver import Options, translate

PROG = """
static int table[4] = {3, 1, 4, 1};
int sum(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
int main(void) { return (sum(10) + table[2]) % 7; }
"""


@pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")
def test_main_gets_a_binary_with_the_c_exit_status(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "main.c").write_text(PROG)
    out = tmp_path / "out"
    report = translate(Options([src], out), log=lambda m: None)
    assert report.built is True
    assert (out / "src" / "main_c.rs").exists()  # main.c is not the binary root
    assert "pub mod c2safe_libc;" in (out / "src" / "lib.rs").read_text()
    subprocess.run(["gcc", "-o", str(tmp_path / "ref"), str(src / "main.c")], check=True)
    ref = subprocess.run([str(tmp_path / "ref")]).returncode
    got = subprocess.run(["cargo", "run", "-q", "--offline"], cwd=out, capture_output=True)
    assert got.returncode == ref == (45 + 4) % 7


def test_main_with_argv_is_reported_when_no_binary_is_possible(tmp_path: Path) -> None:
    (tmp_path / "p.c").write_text("int main(int argc, char **argv) { return argc; }\n")
    out = tmp_path / "out"
    report = translate(Options([tmp_path / "p.c"], out, build=False), log=lambda m: None)
    assert [d.code for d in report.diagnostics] == ["C2S113"]
    assert not (out / "src" / "main.rs").exists()

"""``c2safe difftest OUT --program``: whole program vs gcc (stdout, stderr, exit status)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import have_toolchain
from translator.cli import main
from translator.driver import Options, translate
from translator.program_difftest import run_program_difftest

PROG = "int f(int n) { return n * n; }\nint main(void) { return f(5) % 11; }\n"
HERE = Path(__file__).parent


@pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")
def test_program_difftest_agrees_and_catches_differences(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.c").write_text(PROG)
    out = tmp_path / "out"
    translate(Options([tmp_path / "a"], out), log=lambda m: None)
    res = run_program_difftest(out)
    assert res.same and res.c is not None and res.c.status == 3
    assert main(["difftest", str(out), "--program"]) == 0
    # a planted difference: the binary exits with another status
    main_rs = out / "src" / "main.rs"
    main_rs.write_text(main_rs.read_text().replace("exit_from_main(status)", "exit_from_main(4)"))
    res = run_program_difftest(out)
    assert not res.same and "exit status" in res.describe()


@pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")
def test_libc_calls_match_gcc(tmp_path: Path) -> None:
    """printf/fprintf(stderr)/puts, strlen/strcmp, isspace, srand/rand, sqrt, abs."""
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "lc.c").write_text((HERE / "libc_prog.c").read_text())
    out = tmp_path / "out"
    report = translate(Options([tmp_path / "b"], out), log=lambda m: None)
    assert report.totals()["stubbed"] == 0
    res = run_program_difftest(out)
    assert res.c is not None and b"spaces=3 len=7" in res.c.stdout and res.c.stderr
    assert res.same, res.describe()
    # a planted bug in the runtime's formatter is caught
    rt = out / "src" / "c2safe_libc.rs"
    rt.write_text(
        rt.read_text().replace("b'x' => format!(\"{mag:x}\")", "b'x' => format!(\"{mag:X}\")")
    )
    assert not run_program_difftest(out).same


@pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")
def test_exit_in_a_program_ends_it_with_the_status(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "ex.c").write_text((HERE / "exit_prog.c").read_text())
    out = tmp_path / "out"
    translate(Options([tmp_path / "c"], out), log=lambda m: None)
    res = run_program_difftest(out)
    assert res.c is not None and res.c.status == 3 and res.c.stdout.endswith(b"6\n")
    assert res.same, res.describe()


@pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")
def test_main_with_argc_argv(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "av.c").write_text((HERE / "argv_prog.c").read_text())
    out = tmp_path / "out"
    translate(Options([tmp_path / "d"], out), log=lambda m: None)
    res = run_program_difftest(out, ["hello", "xy"])
    assert res.c is not None and res.c.status == 7 + 3 * 10
    assert res.same, res.describe()


@pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")
def test_mutable_scalar_globals_live_in_thread_local_cells(tmp_path: Path) -> None:
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "gl.c").write_text((HERE / "globals_prog.c").read_text())
    out = tmp_path / "out"
    report = translate(Options([tmp_path / "e"], out), log=lambda m: None)
    assert report.totals()["stubbed"] == 0
    text = (out / "src" / "gl.rs").read_text()
    assert "static mut" not in text and "std::cell::Cell<u64>" in text
    res = run_program_difftest(out)
    assert res.same, res.describe()

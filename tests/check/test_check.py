"""``c2safe check``: an untouched crate passes, a hand edit or a changed source fails with a
diff, a moved tree still checks, and what cannot be regenerated is a usage error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from translator.cli import main
from translator.driver import Options, translate

PROGRAMS = Path(__file__).resolve().parents[1] / "programs"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/proj/c/prog.c translated (from tmp/proj, relative paths) into tmp/proj/out/crate."""
    if shutil.which("gcc") is None or shutil.which("rustfmt") is None:
        pytest.skip("gcc or rustfmt not on PATH")
    proj = tmp_path / "proj"
    (proj / "c").mkdir(parents=True)
    src = sorted(PROGRAMS.glob("*.c"))[0]
    shutil.copy(src, proj / "c" / "prog.c")
    (proj / "tests").mkdir()
    (proj / "tests" / "t.rs").write_text("#[test]\nfn t() {}\n")
    monkeypatch.chdir(proj)
    translate(
        Options(
            sources=[Path("c/prog.c")],
            out=Path("out/crate"),
            build=False,
            extra_files={"tests/t.rs": (proj / "tests" / "t.rs").read_text()},
            defines=["C2SAFE_CHECK_TEST=1"],
        ),
        log=lambda m: None,
    )
    monkeypatch.chdir(tmp_path)
    return proj


def test_untouched_crate_is_up_to_date(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(project / "out" / "crate")]) == 0
    assert "up to date" in capsys.readouterr().out
    rec = json.loads((project / "out" / "crate" / ".c2safe.json").read_text())["regen"]
    assert rec["sources"] == ["c/prog.c"] and rec["cwd"] == "../.."
    assert rec["defines"] == ["C2SAFE_CHECK_TEST=1"] and rec["version"]


def test_hand_edit_is_caught_with_a_diff(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crate = project / "out" / "crate"
    mod = next(p for p in (crate / "src").glob("*.rs") if p.name not in ("lib.rs", "krml.rs"))
    text = mod.read_text()
    edited = text.replace("wrapping_add", "wrapping_sub", 1)
    assert edited != text
    mod.write_text(edited)
    before = mod.read_text()
    assert main(["check", str(crate)]) == 1
    out = capsys.readouterr().out
    assert f"src/{mod.name} (committed)" in out and "-" in out and "wrapping_sub" in out
    assert "edited by hand" in out
    assert mod.read_text() == before  # check never writes the crate


def test_changed_source_is_stale(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c = project / "c" / "prog.c"
    c.write_text(c.read_text() + "\nint c2safe_added_fn(int x) { return x + 1; }\n")
    assert main(["check", str(project / "out" / "crate")]) == 1
    out = capsys.readouterr().out
    assert "c2safe_added_fn" in out and "sources changed" in out


def test_edited_test_file_is_caught(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = project / "out" / "crate" / "tests" / "t.rs"
    t.write_text(t.read_text() + "// edited\n")
    assert main(["check", str(project / "out" / "crate")]) == 1
    assert "tests/t.rs" in capsys.readouterr().out


def test_moved_tree_still_checks(project: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "proj"
    shutil.copytree(project, moved)
    assert main(["check", str(moved / "out" / "crate")]) == 0


def test_cannot_regenerate_is_exit_2(project: Path, tmp_path: Path) -> None:
    (project / "c" / "prog.c").unlink()
    assert main(["check", str(project / "out" / "crate")]) == 2
    plain = tmp_path / "plain"
    plain.mkdir()
    assert main(["check", str(plain)]) == 2

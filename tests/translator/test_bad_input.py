"""Bad input gets a coded error naming file and line; the other files still translate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import have_toolchain
from translator.cli import main
from translator.driver import Options, translate

GOOD = "#include <stdint.h>\nuint32_t twice(uint32_t x) { return x * 2U; }\n"


def codes(report_files: list, path_end: str) -> list[str]:  # type: ignore[type-arg]
    for f in report_files:
        if f.path.endswith(path_end):
            return [d.code for d in f.diagnostics]
    raise AssertionError(path_end)


@pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")
def test_bad_files_do_not_stop_the_batch(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.c").write_text(GOOD)
    (src / "syntax.c").write_text("#include <stdint.h>\nuint32_t f(uint32_t x) { return x +; }\n")
    (src / "missing.c").write_text('#include "no_such_header.h"\nint g(void) { return 1; }\n')
    (src / "binary.c").write_bytes(b"\x7fELF\x00\x01\x02\x00\x00garbage")
    report = translate(Options([src], tmp_path / "out"), log=lambda m: None)
    assert report.built is True
    assert codes(report.files, "syntax.c") == ["C2S004"]
    assert codes(report.files, "missing.c") == ["C2S010"]
    assert codes(report.files, "binary.c") == ["C2S002"]
    syntax = next(f for f in report.files if f.path.endswith("syntax.c")).diagnostics[0]
    assert syntax.span.line == 2 and syntax.span.file.endswith("syntax.c")
    missing = next(f for f in report.files if f.path.endswith("missing.c")).diagnostics[0]
    assert missing.span.line == 1 and "no_such_header.h" in missing.message
    good = next(f for f in report.files if f.path.endswith("good.c"))
    assert [r.status for r in good.records] == ["translated"]
    assert "pub fn twice(x: u32) -> u32" in (tmp_path / "out" / "src" / "good.rs").read_text()
    data = json.loads((tmp_path / "out" / "c2safe-report.json").read_text())
    assert data["totals"] == {"functions": 1, "translated": 1, "stubbed": 0}


def test_empty_directory_is_a_coded_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    rc = main(["translate", str(tmp_path / "empty"), "-o", str(tmp_path / "out"), "--no-build"])
    err = capsys.readouterr().err
    assert rc == 1
    assert "C2S001" in err and "empty" in err
    assert not (tmp_path / "out").exists()


def test_foreign_output_directory_is_not_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.c").write_text(GOOD)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("user data")
    rc = main(["translate", str(tmp_path / "a.c"), "-o", str(out), "--no-build"])
    assert rc == 2
    assert "C2S005" in capsys.readouterr().err
    assert (out / "notes.txt").read_text() == "user data"


@pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")
def test_unsupported_function_becomes_a_compiling_stub(tmp_path: Path) -> None:
    (tmp_path / "m.c").write_text(
        "#include <stdint.h>\n"
        "uint32_t ok(uint32_t x) { return x + 1U; }\n"
        "uint32_t jumpy(uint32_t x) {\n  if (x) goto inside;\n  while (x < 10U) {\n"
        "    x = x + 2U;\n  inside:\n    x = x + 1U;\n  }\n  return x;\n}\n"
        "uint32_t caller(uint32_t x) { return jumpy(x) + ok(x); }\n"
    )
    report = translate(Options([tmp_path / "m.c"], tmp_path / "out"), log=lambda m: None)
    assert report.built is True
    recs = {r.name: r for r in report.files[0].records}
    assert recs["ok"].status == "translated" and recs["caller"].status == "translated"
    assert recs["jumpy"].status == "stub"
    d = recs["jumpy"].diagnostics[0]
    assert d.code == "C2S107"  # a jump into a loop: no structured form
    text = (tmp_path / "out" / "src" / "m.rs").read_text()
    assert "C2S107" in text and "panic!" in text

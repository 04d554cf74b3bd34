"""``c2safe difftest`` end to end on ``shapes.c`` (written for these tests): every
parameter shape is covered, the translation agrees with the C, a planted bug is caught
and shrunk to a reproducer, and the CLI's exit codes hold.

Needs gcc, cargo and rustfmt.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import have_toolchain
from translator.cli import main
from translator.difftest import REPORT_NAME, DifftestOptions, FnReport, run_difftest
from translator.driver import Options, translate

HERE = Path(__file__).resolve().parent
SHAPES = HERE / "shapes.c"

pytestmark = pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")

# every function but `sbox`, whose table index comes from buffer contents
COVERED = {
    "add_sat",
    "mix_signed",
    "avg8",
    "fill",
    "xor_into",
    "sum4",
    "copy_block",
    "pad_last",
    "rotl",
    "rotl_sum",
    "pick",
    "add128",
    "acc_add",
    "stream_new",
    "stream_feed",
    "stream_free",
    "outer_sum",
    "view_scale",
    "count_nonzero",
}


@pytest.fixture(scope="module")
def shapes_crate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shapes") / "shapes"
    report = translate(Options(sources=[SHAPES], out=out, name="shapes"), log=lambda m: None)
    assert report.built, report.cargo_errors
    assert report.totals()["stubbed"] == 0
    return out


def by_name(fns: list[FnReport]) -> dict[str, FnReport]:
    return {f.c_name: f for f in fns}


def test_every_shape_is_covered_and_agrees(shapes_crate: Path) -> None:
    report = run_difftest(DifftestOptions(out=shapes_crate, cases=16), log=lambda m: None)
    fns = by_name(report.functions)
    assert {n for n, f in fns.items() if f.covered} == COVERED
    assert "index depends on buffer contents" in (fns["sbox"].reason or "")
    assert report.totals()["divergences"] == 0, [
        (f.key, [d.summary for d in f.divergences]) for f in report.functions
    ]
    assert report.totals()["errors"] == 0, [(f.key, f.errors) for f in report.functions]
    # the C exits for an unknown `alg`, and the Rust panics: they agree
    assert fns["pick"].exits > 0 and fns["pick"].cases > fns["pick"].exits
    # a function without inputs needs one case only
    assert fns["stream_new"].cases == 1
    data = json.loads((shapes_crate / REPORT_NAME).read_text())
    assert data["totals"]["covered"] == len(COVERED)
    rec = next(f for f in data["functions"] if f["c_name"] == "pad_last")
    assert rec["location"].endswith("shapes.c:69") and rec["cases"] == 16


def _plant(text: str, fn: str, old: str, new: str) -> str:
    """Change one constant in one function of a module's text."""
    start = text.index(f"pub fn {fn}(")
    end = text.index("\n}\n", start)
    body = text[start:end]
    assert body.count(old) == 1, (fn, old, body)
    return text[:start] + body.replace(old, new) + text[end:]


def _cargo_test(crate: Path, test: str, body: str) -> subprocess.CompletedProcess[str]:
    (crate / "tests").mkdir(exist_ok=True)
    (crate / "tests" / f"{test}.rs").write_text(body)
    return subprocess.run(
        ["cargo", "test", "--offline", "--test", test],
        cwd=crate,
        capture_output=True,
        text=True,
        env=dict(os.environ, RUST_BACKTRACE="0"),
    )


PLANTS = [  # (function, constant in its Rust, planted value)
    ("pad_last", "0x80u8", "0x81u8"),  # a local array's padding byte
    ("stream_feed", "% 16u32", "% 15u32"),  # an owned streaming state
    ("outer_sum", "% 8u32", "% 7u32"),  # a borrowed struct (shared slice field)
    ("view_scale", "% 8u32", "% 9u32"),  # a borrowed struct (`&mut` slice field)
]


def test_planted_bugs_are_caught_with_shrunk_reproducers(
    shapes_crate: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "shapes_bad"
    shutil.copytree(shapes_crate, bad, ignore=shutil.ignore_patterns("target"))
    src = bad / "src" / "shapes.rs"
    text = src.read_text()
    for fn, old, new in PLANTS:
        text = _plant(text, fn, old, new)
    src.write_text(text)
    names = [fn for fn, _, _ in PLANTS] + ["add_sat"]
    report = run_difftest(DifftestOptions(out=bad, cases=16, patterns=names), log=lambda m: None)
    fns = by_name(report.functions)
    assert set(fns) == set(names)
    assert fns["add_sat"].divergent_cases == 0  # untouched: still agrees
    assert report.failed()
    for fn, _, _ in PLANTS:
        assert fns[fn].divergent_cases > 0, fn
        assert fns[fn].divergences[0].shrunk is not None, fn
        assert fns[fn].divergences[0].rust_test, fn

    # pad_last: shrunk to len 0, an all-zero input, `out` exactly as long as the C needs
    f = fns["pad_last"]
    d = f.divergences[0]
    assert d.kind == "output" and f.location.endswith("shapes.c:69")
    assert d.shrunk is not None and d.shrunk["len"] == 0
    assert set(d.shrunk["in"]["hex"]) <= {"0"}
    assert d.shrunk["out"]["len"] == d.shrunk["out"]["need"] == 32
    assert "0x80" in (d.shrunk_summary or "") and "0x81" in (d.shrunk_summary or "")
    assert "shapes::shapes::pad_last(" in (d.rust_test or "")
    assert "assert_eq!(a0.to_vec(), vec![128u8, 0, 0" in (d.rust_test or "")

    # the reproducers are Rust tests: they fail on the planted crate, pass on the real one
    tests = "\n".join(fns[fn].divergences[0].rust_test or "" for fn, _, _ in PLANTS)
    on_bad = _cargo_test(bad, "difftest_repro", tests)
    assert on_bad.returncode != 0 and "4 failed" in on_bad.stdout, on_bad.stderr[-3000:]
    good = tmp_path / "shapes_good"
    shutil.copytree(shapes_crate, good, ignore=shutil.ignore_patterns("target"))
    on_good = _cargo_test(good, "difftest_repro", tests)
    assert on_good.returncode == 0 and "4 passed" in on_good.stdout, on_good.stderr[-3000:]


def test_cli_exit_codes(
    shapes_crate: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["difftest", str(tmp_path)]) == 2  # not a crate c2safe wrote
    assert "no .c2safe.json" in capsys.readouterr().err
    rc = main(["difftest", str(shapes_crate), "--cases", "4", "--functions", "add*,sum4"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "difftest of `shapes`: 3/3 functions covered" in out


def test_a_function_the_harness_cannot_build_is_dropped_not_the_run(
    shapes_crate: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translator import difftest_harness as h

    gen_case, c_wrapper = h.RustGen.gen_case, h.c_wrapper

    def bad_rust(self: h.RustGen, k: int, p: h.FnPlan) -> None:
        gen_case(self, k, p)
        if p.c_name == "add_sat":  # a type error inside this function's harness code
            end = max(i for i, ln in enumerate(self.lines) if ln == "}")
            self.lines.insert(end, '    let _oops: u32 = "not a number";')

    def bad_c(unit: str, plans: list[tuple[int, h.FnPlan]], spell: dict[str, str]) -> str:
        text = c_wrapper(unit, plans, spell)
        return text.replace("  *(uint32_t *)r = sum4(", "  int oops = ; *(uint32_t *)r = sum4(")

    monkeypatch.setattr(h.RustGen, "gen_case", bad_rust)
    monkeypatch.setattr(h, "c_wrapper", bad_c)
    out = tmp_path / "shapes"
    shutil.copytree(shapes_crate, out, ignore=shutil.ignore_patterns("target"))
    report = run_difftest(
        DifftestOptions(out=out, cases=4, patterns=["add_sat", "sum4", "avg8"]), log=lambda m: None
    )
    fns = by_name(report.functions)
    assert fns["avg8"].covered and fns["avg8"].cases == 4
    assert not fns["add_sat"].covered and "rustc: mismatched types" in (fns["add_sat"].reason or "")
    assert not fns["sum4"].covered and "gcc: expected expression" in (fns["sum4"].reason or "")
    assert not report.failed()


def test_crashes_and_hangs_are_pinned_on_their_cases(shapes_crate: Path, tmp_path: Path) -> None:
    out = tmp_path / "shapes"
    shutil.copytree(shapes_crate, out, ignore=shutil.ignore_patterns("target"))
    src = out / "src" / "shapes.rs"
    text = src.read_text()
    # add_sat recurses (black_box: not turned into a loop) when a % 4 == 1, and the stack
    # overflow aborts the harness;
    # avg8 never returns when a % 4 == 2
    text = _plant(
        text,
        "add_sat",
        "if s < a {",
        "if a % 4 == 1 {\n        return std::hint::black_box(add_sat(a, b)).wrapping_add(1);"
        "\n    }\n    if s < a {",
    )
    text = _plant(text, "avg8", "-> u8 {\n", "-> u8 {\n    while a % 4 == 2 {}\n")
    src.write_text(text)
    report = run_difftest(
        DifftestOptions(out=out, cases=16, patterns=["add_sat", "avg8", "sum4"], case_timeout=1.0),
        log=lambda m: None,
    )
    fns = by_name(report.functions)
    assert fns["sum4"].covered and not fns["sum4"].errors  # cases after the crashes still ran
    died = [e for e in fns["add_sat"].errors if "the harness died" in e]
    hung = [e for e in fns["avg8"].errors if "no answer within 1s" in e]
    assert died and all(int(e.split('"a": ')[1].split(",")[0]) % 4 == 1 for e in died), died
    assert hung and all(int(e.split('"a": ')[1].split(",")[0]) % 4 == 2 for e in hung), hung
    assert fns["add_sat"].cases > len(died)  # its other cases ran and agreed
    assert report.failed()


def test_a_c_write_past_the_inferred_bounds_is_a_harness_error(
    shapes_crate: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translator import difftest_gen as g

    check, fill = g.CaseGen.check, g.CaseGen.fill

    def short_check(self: g.CaseGen, values: list[g.Value]) -> g.Outcome:
        out = check(self, values)
        for bv in self.buffers(values):
            bv.need = max(bv.need - 1, 0)  # an unsound oracle: one element short
        return out

    def no_slack(self: g.CaseGen, values: list[g.Value], slack: bool) -> None:
        fill(self, values, False)

    monkeypatch.setattr(g.CaseGen, "check", short_check)
    monkeypatch.setattr(g.CaseGen, "fill", no_slack)
    report = run_difftest(
        DifftestOptions(out=shapes_crate, cases=8, patterns=["fill"], shrink=False),
        log=lambda m: None,
    )
    f = by_name(report.functions)["fill"]
    assert f.errors and all("wrote past the end" in e for e in f.errors), f.errors
    assert f.divergent_cases == 0 and report.failed()

"""The prototype-driven method (``difftest_proto``): no C IR, the C under ASan+UBSan.

Needs gcc (with libasan/libubsan), cargo and rustfmt.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import have_toolchain
from translator.difftest import REPORT_NAME, DifftestOptions, FnReport, run_difftest
from translator.driver import Options, translate

HERE = Path(__file__).resolve().parent
PROTO = HERE / "proto.c"

pytestmark = pytest.mark.skipif(not have_toolchain(), reason="needs gcc, cargo and rustfmt")


@pytest.fixture(scope="module")
def proto_crate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("proto") / "proto"
    report = translate(Options(sources=[PROTO], out=out, name="proto"), log=lambda m: None)
    assert report.built, report.cargo_errors
    assert report.totals()["stubbed"] == 0
    return out


def run(out: Path, **kw: object) -> dict[str, FnReport]:
    opts = DifftestOptions(out=out, cases=16, method="prototype", **kw)  # type: ignore[arg-type]
    rep = run_difftest(opts, log=lambda m: None)
    return {f.c_name: f for f in rep.functions}


def copy_crate(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("target"))
    return dst


def test_invalid_inputs_are_discarded_and_the_rest_agree(proto_crate: Path) -> None:
    fns = run(proto_crate)
    assert {n for n, f in fns.items() if f.proto_covered} == {
        "shl_i32",
        "weigh",
        "lookup",
        "spread",
        "pair_add",
        "acc_feed",
        "mul_wide",
    }
    for f in fns.values():
        assert f.proto is not None
        assert not f.proto.divergent, (f.key, f.proto.divergent[:1])
        assert not f.proto.errors, (f.key, f.proto.errors)
        assert not f.covered  # the oracle did not run: only the prototype-driven method
        assert f.covered_by == ["prototype"]
    add = fns["shl_i32"].proto
    assert add is not None and len(add.cases) > 0
    assert any("UndefinedBehaviorSanitizer" in k for k in add.discarded), add.discarded
    look = fns["lookup"].proto
    assert look is not None and len(look.cases) > 0
    # gcc's bounds check (UBSan) or ASan, depending on what the optimiser sees
    assert any("Sanitizer" in k for k in look.discarded), look.discarded
    weigh = fns["weigh"].proto
    assert weigh is not None and weigh.grown > 0 and len(weigh.cases) >= 8
    data = json.loads((proto_crate / REPORT_NAME).read_text())
    rec = next(f for f in data["functions"] if f["c_name"] == "weigh")
    assert rec["covered_by"] == ["prototype"] and rec["prototype"]["cases"] == len(weigh.cases)
    assert data["totals"]["covered_prototype"] == 7


def test_planted_bug_is_caught(proto_crate: Path, tmp_path: Path) -> None:
    out = copy_crate(proto_crate, tmp_path / "bug")
    src = out / "src" / "proto.rs"
    text = src.read_text()
    assert "wrapping_mul(31u32)" in text
    src.write_text(text.replace("wrapping_mul(31u32)", "wrapping_mul(33u32)"))
    fns = run(out, patterns=["weigh"])
    weigh = fns["weigh"].proto
    assert weigh is not None and weigh.divergent
    case, kind, summary, _ = weigh.divergent[0]
    assert kind == "output" and summary.startswith("`return`: C ")
    # a case with len 0 or 1 cannot tell 31 from 33
    assert all(isinstance(c.values[1], int) and c.values[1] >= 2 for c, *_ in weigh.divergent)


def test_struct_holding_pointers_is_built_and_compared(proto_crate: Path, tmp_path: Path) -> None:
    """A streaming-state-like struct: its pointer fields are buffers on both sides, and a
    wrong write through one of them is caught."""
    out = copy_crate(proto_crate, tmp_path / "accbug")
    src = out / "src" / "proto.rs"
    text = src.read_text()
    assert "a[0usize].st[0usize].wrapping_add(" in text
    src.write_text(
        text.replace("a[0usize].st[0usize].wrapping_add(", "a[0usize].st[0usize].wrapping_sub(")
    )
    fns = run(out, patterns=["acc_feed"])
    acc = fns["acc_feed"].proto
    assert acc is not None and acc.covered and acc.divergent
    assert any(d["path"].startswith("a[0].st") for d in acc.divergent[0][3]), acc.divergent[0]


def test_mutants_are_planted_and_counted(proto_crate: Path) -> None:
    opts = DifftestOptions(
        out=proto_crate, cases=16, method="prototype", mutants=6, patterns=["weigh", "spread"]
    )
    rep = run_difftest(opts, log=lambda m: None)
    muts = {f.c_name: f.mutants for f in rep.functions if f.mutants}
    assert set(muts) == {"weigh", "spread"}
    planted = sum(m["planted"] for m in muts.values())
    assert planted + sum(m["stillborn"] for m in muts.values()) == 6
    assert sum(m["killed"] for m in muts.values()) == planted, muts
    for m in muts.values():
        assert not m["survivors"] and m["score"] == 1.0 and not m["weak"]
    data = json.loads((proto_crate / REPORT_NAME).read_text())
    assert any(f["mutants"] for f in data["functions"])


def test_mutation_sites() -> None:
    from translator.difftest_mutants import choose, sites_in

    text = (
        "pub fn f(a: &mut [u8], n: u32) -> u32 {\n"
        "    let x: u32 = n.wrapping_mul(31u32) ^ (n >> 2);\n"
        "    a[n as usize] = 0x7fu8;\n"
        "    x - 1\n"
        "}\n"
    )
    sites = sites_in(text, "m", "f", "f")
    got = {(s.kind, s.original, s.replacement) for s in sites}
    assert ("arithmetic", "wrapping_mul", "wrapping_add") in got
    assert ("constant", "31u32", "32u32") in got
    assert ("bitwise", "^", "|") in got
    assert ("shift", ">>", "<<") in got
    assert ("index", "n as usize", "(n as usize) + 1") in got
    assert ("constant", "0x7fu8", "0x80u8") in got
    assert ("arithmetic", "-", "+") in got
    # `&mut` in the signature and the unary uses are not sites
    assert not any(s.original == "&" for s in sites)
    picked = choose({"f": sites, "g": sites}, 3, seed=1)
    assert len(picked) == 3 and choose({"f": sites}, 3, seed=1) == choose({"f": sites}, 3, seed=1)
    assert re.search(r"wrapping", sites[0].describe(text)) or sites[0].describe(text)


def test_slice_panic_messages() -> None:
    from translator.difftest_proto import slice_panic

    assert slice_panic(
        "Rust panicked: range start index 39 out of range for slice of length 1"
    ) == (
        1,
        39,
    )
    assert slice_panic("range end index 17 out of range for slice of length 16") == (16, 17)
    assert slice_panic("index out of bounds: the len is 4 but the index is 9") == (4, 10)
    assert slice_panic("attempt to add with overflow") is None

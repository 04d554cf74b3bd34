"""No acceptance without evidence (issue 11), end to end against the scripted server.

checked.c has four functions the rules stub (goto error path, a string literal, a pointer
stepped through a buffer, a switch with fall-through) and no C IR for any of them, so only
the prototype-driven differential tests (the C under ASan+UBSan) can check a candidate.
The first candidate for ``checked_sum`` compiles but multiplies by 33 where the C has 31:
it must be rejected with a counterexample, which the second prompt carries; the second
candidate is accepted with its difftest cases in the report; a second run makes no call.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from llm.fill import cli
from tests.llm_fill.conftest import DATA, needs_cargo
from tests.llm_fill.scripted import by_function
from tests.support.openai_stub import OpenAIStub
from translator.driver import Options, Report, translate

pytestmark = [
    needs_cargo,
    pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc not on PATH"),
]
CHECKED = DATA / "checked.c"

SUM_33 = """```rust
pub fn checked_sum(buf: &[u8], len: u32) -> u32 {
    let mut acc: u32 = 0;
    for i in 0..len as usize {
        acc = acc.wrapping_mul(33).wrapping_add(buf[i] as u32);
    }
    acc
}
```"""
SUM_31 = SUM_33.replace("wrapping_mul(33)", "wrapping_mul(31)")
MAGIC = """```rust
pub fn put_magic(out: &mut [u8], cap: u32) -> u32 {
    let magic = b"C2S";
    if cap < 3 {
        return 0;
    }
    out[..3].copy_from_slice(magic);
    3
}
```"""
WORDS = """```rust
pub fn sum_words(p: &[u8], nwords: u32) -> u32 {
    let mut s: u32 = 0;
    for i in 0..nwords as usize {
        s = s.wrapping_add(p[2 * i] as u32 | ((p[2 * i + 1] as u32) << 8));
    }
    s
}
```"""
TAIL = """```rust
pub fn tail_mix(t: &[u8], n: u32) -> u32 {
    let mut h: u32 = 7;
    let r = n & 3;
    if r == 0 {
        return h;
    }
    if r >= 3 {
        h ^= (t[2] as u32) << 16;
    }
    if r >= 2 {
        h ^= (t[1] as u32) << 8;
    }
    h ^= t[0] as u32;
    h.wrapping_mul(0x5bd1e995)
}
```"""


def translated(out: Path) -> tuple[Report, Options]:
    # the rules translate these shapes now; they stay stubs on request (``--stub``)
    opts = Options(
        [CHECKED],
        out,
        name="checked_crate",
        stub_functions=["checked_sum", "put_magic", "sum_words", "tail_mix"],
    )
    report = translate(opts, log=lambda _m: None)
    assert report.built, report.cargo_errors
    return report, opts


def args(stub: OpenAIStub, tmp: Path, *extra: str) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    cli.add_arguments(p)
    return p.parse_args(
        [
            "--llm",
            "--llm-base-url",
            stub.base_url,
            "--llm-model",
            "scripted",
            "--llm-cache",
            str(tmp / "replies.sqlite"),
            "--llm-examples",
            "none",
            *extra,
        ]
    )


def test_wrong_candidate_rejected_with_counterexample_then_accepted(
    openai_stub: OpenAIStub, tmp_path: Path
) -> None:
    script = {
        "checked_sum": [SUM_33, SUM_31],
        "put_magic": [MAGIC],
        "sum_words": [WORDS],
        "tail_mix": [TAIL],
    }
    openai_stub.script(by_function(script))
    out = tmp_path / "crate"
    report, opts = translated(out)
    result = cli.run(report, opts, args(openai_stub, tmp_path), log=lambda _m: None)
    fills = {f.name: f for f in result.functions}
    assert {n: f.status for n, f in fills.items()} == dict.fromkeys(script, "llm-filled")
    cs = fills["checked_sum"]
    assert [r.stage for r in cs.rounds] == ["difftest", "accepted"]
    assert cs.evidence > 0
    assert any(c.startswith("difftest (") and "prototype" in c for c in cs.checks), cs.checks
    # the counterexample went back to the model
    prompts = [p for p in openai_stub.user_prompts() if "## C function `checked_sum`" in p]
    assert len(prompts) == 2
    assert "C and Rust disagree on input" in prompts[1] and "`return`: C" in prompts[1]
    text = (out / "src" / "checked.rs").read_text()
    assert "wrapping_mul(31)" in text and "wrapping_mul(33)" not in text
    data = json.loads((out / "c2safe-report.json").read_text())
    recs = {fn["name"]: fn for fe in data["files"] for fn in fe["functions"]}
    assert recs["checked_sum"]["status"] == "llm-filled"
    assert recs["checked_sum"]["llm"]["evidence_cases"] == cs.evidence
    assert all(recs[n]["llm"]["evidence_cases"] > 0 for n in script)
    calls = len(openai_stub.requests)
    assert calls == 5

    # a second run of the same job: every reply comes from the cache
    out2 = tmp_path / "again"
    report2, opts2 = translated(out2)
    again = cli.run(report2, opts2, args(openai_stub, tmp_path), log=lambda _m: None)
    assert len(openai_stub.requests) == calls and again.calls == 0
    assert [f.status for f in again.functions] == ["llm-filled"] * 4


def test_candidate_without_evidence_is_not_written(
    openai_stub: OpenAIStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no behavioural check able to run (here: the difftest hook reports itself
    unavailable and the crate has no tests), a compiling candidate is 'unverified': not
    written; with --llm-accept-unverified it is written, marked, and the fill says so."""
    from llm.fill.verify import UnavailableVerifier

    openai_stub.script(by_function({"checked_sum": [SUM_31, SUM_31]}))
    out = tmp_path / "crate"
    report, opts = translated(out)
    no_difftest = [UnavailableVerifier("difftest", "switched off by the test")]
    a = args(openai_stub, tmp_path, "--llm-rounds", "2")
    result = cli.run(report, opts, a, log=lambda _m: None, verifiers=no_difftest)
    cs = {f.name: f for f in result.functions}["checked_sum"]
    assert cs.status == "unverified" and "not written" in cs.reason
    assert [r.stage for r in cs.rounds] == ["unverified"]
    assert "was not translated" in (out / "src" / "checked.rs").read_text()

    out2 = tmp_path / "crate2"
    report2, opts2 = translated(out2)
    a2 = args(openai_stub, tmp_path, "--llm-accept-unverified")
    result2 = cli.run(report2, opts2, a2, log=lambda _m: None, verifiers=no_difftest)
    cs2 = {f.name: f for f in result2.functions}["checked_sum"]
    assert cs2.status == "llm-unverified" and [f.name for f in result2.unverified] == [
        "checked_sum"
    ]
    text = (out2 / "src" / "checked.rs").read_text()
    assert "c2safe: UNVERIFIED" in text and "wrapping_mul(31)" in text
    data = json.loads((out2 / "c2safe-report.json").read_text())
    recs = {fn["name"]: fn for fe in data["files"] for fn in fe["functions"]}
    assert recs["checked_sum"]["status"] == "llm-unverified"
    assert data["totals"]["llm_unverified"] == 1

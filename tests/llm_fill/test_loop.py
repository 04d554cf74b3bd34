"""The verify loop end to end against the scripted OpenAI-compatible stub server.

bufops.c has three functions the rules stub (goto cleanup, a string literal, pointer
reassignment in a loop). The scripted model answers right at once, wrong then right
(a compile error, then a semantic error the crate's tests catch), and malformed then unsafe
then right. The crate must build and pass its tests afterwards, the report must show the
rounds, and a second run must make zero calls."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from llm.cache import ReplyCache
from llm.client import Budget, LLMConfig, OpenAIChatClient, build_client
from llm.fill import cli
from llm.fill.loop import FillConfig, Filler
from llm.fill.splice import MARKER_PREFIX
from llm.fill.verify import (
    DifftestVerifier,
    RunDifftestVerifier,
    VerifyContext,
    VerifyResult,
    difftest_verifier,
    interpret,
)
from tests.llm_fill import scripted
from tests.llm_fill.conftest import CrateFactory, needs_cargo
from tests.support.openai_stub import OpenAIStub, StubReply
from translator.emit_crate import count_unsafe

pytestmark = needs_cargo
REAL_DIFFTEST = isinstance(difftest_verifier(), RunDifftestVerifier | DifftestVerifier)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    return parser.parse_args(list(argv))


def llm_args(stub: OpenAIStub, tmp: Path, *extra: str) -> argparse.Namespace:
    return parse(
        "--llm",
        "--llm-base-url",
        stub.base_url,
        "--llm-model",
        "scripted",
        "--llm-cache",
        str(tmp / "replies.sqlite"),
        "--llm-examples",
        str(tmp / "examples.jsonl"),
        *extra,
    )


def prompts_for(stub: OpenAIStub, name: str) -> list[str]:
    return [p for p in stub.user_prompts() if f"## C function `{name}`" in p]


def test_arguments() -> None:
    assert parse().llm is None
    assert parse("--llm").llm == "endpoint"
    args = parse("--llm=local", "--llm-rounds", "5", "--llm-max-calls", "7")
    assert (args.llm, args.llm_rounds, args.llm_max_calls) == ("local", 5, 7)
    with pytest.raises(SystemExit):
        parse("--llm", "somewhere")


def test_fill_accept_reject_and_rerun_with_zero_calls(
    openai_stub: OpenAIStub, make_crate: CrateFactory, tmp_path: Path
) -> None:
    openai_stub.script(scripted.by_function(scripted.MAIN_SCRIPT))
    report, options = make_crate(with_tests=True)
    out = Path(report.out)
    logs: list[str] = []
    result = cli.run(report, options, llm_args(openai_stub, tmp_path), log=logs.append)

    by_name = {f.name: f for f in result.functions}
    assert {n: f.status for n, f in by_name.items()} == {
        "check_header": "llm-filled",
        "write_tag": "llm-filled",
        "xor_blocks": "llm-filled",
    }
    stages = {n: [r.stage for r in f.rounds] for n, f in by_name.items()}
    assert stages == {
        "check_header": ["accepted"],
        "write_tag": ["cargo check", "cargo test", "accepted"],
        "xor_blocks": ["malformed", "screen", "accepted"],
    }
    assert result.calls == 7 and len(openai_stub.requests) == 7
    assert result.built_after is True
    if REAL_DIFFTEST:  # the original C and the filled Rust agree on generated inputs
        assert any(c.startswith("difftest (") for c in by_name["write_tag"].checks)
    else:
        assert "difftest: unavailable" in by_name["write_tag"].checks
    assert by_name["write_tag"].checks[:3] == [
        "screen",
        "cargo check",
        by_name["write_tag"].checks[2],
    ]
    assert by_name["write_tag"].checks[2].startswith("cargo test (")

    # the feedback: compiler errors on the candidate's own lines, then the failing test
    wt = prompts_for(openai_stub, "write_tag")
    assert len(wt) == 3
    assert re.search(r"- line 8: error\[E0308\]: mismatched types", wt[1]), wt[1]
    assert "  8 |         out[i] = tag[i] as u32;" in wt[1]
    assert "test `writes_the_tag` failed" in wt[2] and "assertion" in wt[2]
    xb = prompts_for(openai_stub, "xor_blocks")
    assert "rejected at: malformed" in xb[1] and "I am sorry" in xb[1]
    assert "rejected at: screen" in xb[2] and "forbidden: `unsafe` code" in xb[2]

    # the crate: marked functions, no unsafe, builds, and its tests now pass
    module = (out / "src" / "bufops.rs").read_text()
    assert f"{MARKER_PREFIX} (scripted, 3 rounds)\npub fn write_tag(" in module
    assert f"{MARKER_PREFIX} (scripted, 1 round)\npub fn check_header(" in module
    assert "was not translated" not in module
    assert "#![forbid(unsafe_code)]" in (out / "src" / "lib.rs").read_text()
    assert count_unsafe(out) == 0
    tests = subprocess.run(
        ["cargo", "test", "--offline"], cwd=out, capture_output=True, text=True, check=False
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "4 passed; 0 failed" in tests.stdout

    # the report
    data = json.loads((out / "c2safe-report.json").read_text())
    funcs = {f["name"]: f for f in data["files"][0]["functions"]}
    assert funcs["write_tag"]["status"] == "llm-filled"
    assert funcs["write_tag"]["llm"]["rounds"] == 3
    assert funcs["write_tag"]["llm"]["tokens"]["prompt"] > 0
    assert "cargo check" in funcs["write_tag"]["llm"]["checks"]
    assert funcs["sum_bytes"]["status"] == "translated" and "llm" not in funcs["sum_bytes"]
    assert data["totals"]["stubbed"] == 0 and data["totals"]["llm_filled"] == 3
    assert data["llm"]["calls"] == 7 and data["llm"]["filled"] == 3
    # the tests translate() ran (and saw the stubs fail) were run again on the filled crate
    assert report.tests_ok is True and "4 passed, 0 failed" in (report.tests or "")
    assert data["tests_ok"] is True
    assert [r.status for r in report.files[0].records].count("llm-filled") == 3
    assert any("filled   write_tag" in line for line in "\n".join(logs).splitlines())

    # second run on a fresh translation: the examples store replays the fills, zero calls
    report2, options2 = make_crate(with_tests=True)
    again = cli.run(report2, options2, llm_args(openai_stub, tmp_path), log=lambda _m: None)
    assert len(openai_stub.requests) == 7 and again.calls == 0
    assert [f.status for f in again.functions] == ["llm-filled"] * 3
    assert all(f.replayed for f in again.functions)
    assert {f.name: f.rounds_used for f in again.functions}["write_tag"] == 3

    # third run without replay: the same prompts (what run 1 stored is never retrieved for
    # the functions being filled), so the reply cache answers every round: zero calls
    report3, options3 = make_crate(with_tests=True)
    config = LLMConfig(base_url=openai_stub.base_url, model="scripted")
    with ReplyCache(tmp_path / "replies.sqlite") as cache:
        client = build_client(config, cache, Budget())
        filler = Filler(client, FillConfig(store=tmp_path / "examples.jsonl", replay=False))
        third = filler.run(report3, options3)
    assert len(openai_stub.requests) == 7
    assert third.calls == 0 and third.cache_hits == 7
    assert [len(f.rounds) for f in third.functions] == [1, 3, 3]
    assert all(r.cached for f in third.functions for r in f.rounds)


def malformed_for_others(name: str, replies: list[str | StubReply]) -> Callable[..., object]:
    return scripted.by_function({name: replies}, default="no code here")


def test_slow_reply_costs_a_round(openai_stub: OpenAIStub, make_crate: CrateFactory) -> None:
    openai_stub.script(
        malformed_for_others(
            "check_header", [StubReply(scripted.CH_RIGHT, delay=1.5), scripted.CH_RIGHT]
        )  # type: ignore[arg-type]
    )
    report, options = make_crate(with_tests=True)  # the crate's tests reach check_header: evidence
    config = LLMConfig(base_url=openai_stub.base_url, model="scripted", timeout=0.4, max_retries=0)
    filler = Filler(OpenAIChatClient(config), FillConfig(rounds=2))
    result = filler.run(report, options)
    ch = next(f for f in result.functions if f.name == "check_header")
    assert [r.stage for r in ch.rounds] == ["llm-error", "accepted"]
    assert "timeout" in ch.rounds[0].detail
    assert result.calls == 2 + 2 * 2  # the timed-out request counts as a call
    assert ch.status == "llm-filled"
    others = [f for f in result.functions if f.name != "check_header"]
    assert all(f.status == "not-filled" for f in others)
    assert all([r.stage for r in f.rounds] == ["malformed", "malformed"] for f in others)
    assert result.built_after is True


def test_budget_stops_the_run(
    openai_stub: OpenAIStub, make_crate: CrateFactory, tmp_path: Path
) -> None:
    openai_stub.script(scripted.by_function(scripted.MAIN_SCRIPT))
    report, options = make_crate(with_tests=False)
    args = llm_args(openai_stub, tmp_path, "--llm-max-calls", "2")
    result = cli.run(report, options, args, log=lambda _m: None)
    assert len(openai_stub.requests) == 2 and result.calls == 2
    statuses = {f.name: (f.status, f.reason) for f in result.functions}
    assert statuses["check_header"][0] == "llm-filled"
    assert statuses["write_tag"][0] == "not-filled"
    assert "budget" in statuses["write_tag"][1]
    assert statuses["xor_blocks"][0] == "left" and "budget" in statuses["xor_blocks"][1]
    assert "budget" in result.message


def test_no_endpoint_lists_what_is_left(make_crate: CrateFactory, tmp_path: Path) -> None:
    report, options = make_crate(with_tests=False)
    before = (Path(report.out) / "src" / "bufops.rs").read_text()
    logs: list[str] = []
    result = cli.run(report, options, parse("--llm"), log=logs.append)
    text = "\n".join(logs)
    assert result.mode == "none" and not result.functions
    assert "no LLM endpoint configured" in text
    assert "3 function(s) left for the LLM" in text
    assert "check_header (bufops.c:43) C2S114" in text
    assert "xor_blocks (bufops.c:75) C2S114" in text
    assert (Path(report.out) / "src" / "bufops.rs").read_text() == before


def test_local_mode_without_the_extras(
    make_crate: CrateFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import llm.fill.local_model as local_model

    monkeypatch.setattr(local_model, "local_unavailable", lambda: "llama_cpp is missing")
    report, options = make_crate(with_tests=False)
    logs: list[str] = []
    result = cli.run(report, options, parse("--llm=local"), log=logs.append)
    assert result.mode == "none"
    assert "--llm local is not available: llama_cpp is missing" in "\n".join(logs)


class Counterexample:
    """A stand-in differential tester: rejects the first candidate with a counterexample."""

    name = "difftest"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, ctx: VerifyContext) -> VerifyResult:
        self.calls.append(ctx.function)
        text = (ctx.crate / "src" / f"{ctx.module}.rs").read_text()
        if ctx.function == "xor_blocks" and "acc[i] ^= data[i]" in text:
            return VerifyResult(
                "difftest",
                "failed",
                "1 counterexample",
                ("xor_blocks(acc=[0;16], data=[0..32], nblocks=2): C acc[0]=16, Rust acc[0]=0",),
            )
        return VerifyResult("difftest", "passed", "200 cases", evidence=200)


XB_NO_ADVANCE = """```rust
pub fn xor_blocks(acc: &mut [u8], data: &[u8], nblocks: u32) {
    for _b in 0..nblocks {
        for i in 0..16usize {
            acc[i] ^= data[i];
        }
    }
}
```"""


def test_differential_counterexample_is_fed_back(
    openai_stub: OpenAIStub, make_crate: CrateFactory
) -> None:
    openai_stub.script(malformed_for_others("xor_blocks", [XB_NO_ADVANCE, scripted.XB_RIGHT]))  # type: ignore[arg-type]
    report, options = make_crate(with_tests=False)
    checker = Counterexample()
    client = OpenAIChatClient(LLMConfig(base_url=openai_stub.base_url, model="scripted"))
    result = Filler(client, FillConfig(rounds=2), [checker]).run(report, options)
    xb = next(f for f in result.functions if f.name == "xor_blocks")
    assert [r.stage for r in xb.rounds] == ["difftest", "accepted"]
    assert "difftest (200 cases)" in xb.checks
    second = prompts_for(openai_stub, "xor_blocks")[1]
    assert "rejected at: difftest" in second and "C acc[0]=16, Rust acc[0]=0" in second
    assert checker.calls == ["xor_blocks", "xor_blocks"]


@pytest.mark.skipif(not REAL_DIFFTEST, reason="translator.difftest is not available")
def test_real_difftest_catches_what_the_tests_do_not(
    openai_stub: OpenAIStub, make_crate: CrateFactory
) -> None:
    """No crate tests here: only the differential test sees that WT_WRONG ignores len < 4."""
    openai_stub.script(
        malformed_for_others("write_tag", [scripted.WT_WRONG, scripted.WT_RIGHT])  # type: ignore[arg-type]
    )
    report, options = make_crate(with_tests=False)
    client = OpenAIChatClient(LLMConfig(base_url=openai_stub.base_url, model="scripted"))
    result = Filler(client, FillConfig(rounds=2), [difftest_verifier()]).run(report, options)
    wt = next(f for f in result.functions if f.name == "write_tag")
    assert [r.stage for r in wt.rounds] == ["difftest", "accepted"], wt.rounds
    second = prompts_for(openai_stub, "write_tag")[1]
    assert "rejected at: difftest" in second and "C and Rust disagree" in second
    print(second[second.index("Problems") :])


def test_a_crate_that_did_not_build_is_not_sent(
    openai_stub: OpenAIStub, make_crate: CrateFactory
) -> None:
    report, options = make_crate(with_tests=False)
    report.built = False
    client = OpenAIChatClient(LLMConfig(base_url=openai_stub.base_url, model="scripted"))
    result = Filler(client).run(report, options)
    assert not openai_stub.requests and "did not build" in result.message


def test_difftest_hook_adapters(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = difftest_verifier("translator.no_such_difftest_module")
    ctx = VerifyContext(tmp_path, "f", "m", None, 1.0)  # type: ignore[arg-type]
    res = missing(ctx)
    assert res.status == "unavailable" and "not importable" in res.detail
    fake = types.ModuleType("fake_difftest")
    monkeypatch.setitem(sys.modules, "fake_difftest", fake)
    assert "neither verify_function" in difftest_verifier("fake_difftest")(ctx).detail
    seen: list[dict[str, object]] = []

    def verify_function(**kw: object) -> object:
        seen.append(kw)
        return {"ok": False, "counterexamples": ["f(1) = 2, C says 3"], "detail": "1 of 9"}

    fake.verify_function = verify_function  # type: ignore[attr-defined]
    hook = difftest_verifier("fake_difftest")
    assert isinstance(hook, DifftestVerifier)
    res = hook(ctx)
    assert (res.status, res.problems, res.detail) == ("failed", ("f(1) = 2, C says 3",), "1 of 9")
    assert seen[0]["function"] == "f" and seen[0]["crate"] == tmp_path

    def broken(**kw: object) -> object:
        raise RuntimeError("harness crashed")

    assert DifftestVerifier(broken)(ctx).status == "unavailable"
    assert interpret("d", True).status == "passed"
    assert interpret("d", types.SimpleNamespace(passed=False)).status == "failed"
    assert interpret("d", {"status": "skipped", "reason": "no plan"}).detail == "no plan"


def test_run_difftest_adapter(tmp_path: Path) -> None:
    """The adapter over ``run_difftest``: it marks the function translated in the
    workspace's report and reads coverage and divergences from the difftest report."""
    (tmp_path / "c2safe-report.json").write_text(
        json.dumps(
            {
                "files": [
                    {
                        "functions": [
                            {
                                "name": "f",
                                "status": "stub",
                                "diagnostics": [{"severity": "error", "code": "C2S107"}],
                            }
                        ]
                    }
                ]
            }
        )
    )
    answers: list[object] = []
    seen: list[types.SimpleNamespace] = []

    def run_difftest(opts: types.SimpleNamespace, log: object) -> object:
        seen.append(opts)
        return answers.pop(0)

    hook = RunDifftestVerifier(run_difftest, types.SimpleNamespace, cases=5)
    ctx = VerifyContext(tmp_path, "f", "m", None, 1.0)  # type: ignore[arg-type]
    fn = types.SimpleNamespace
    div = fn(shrunk={"x": 1}, shrunk_summary="`return`: C 1, Rust 2", summary="long")
    answers += [
        fn(build_error=None, functions=[fn(c_name="f", covered=True, cases=5, divergences=[])]),
        fn(
            build_error=None,
            functions=[fn(c_name="f", covered=True, cases=5, divergent_cases=1, divergences=[div])],
        ),
        fn(build_error=None, functions=[fn(c_name="f", covered=False, reason="no shape")]),
        fn(build_error="gcc failed\nmore", functions=[]),
    ]
    assert hook(ctx) == VerifyResult("difftest", "passed", "5 cases", evidence=5)
    failed = hook(ctx)
    assert failed.status == "failed" and failed.detail == "1 of 5 cases differ"
    assert failed.problems == ('C and Rust disagree on input {"x":1}: `return`: C 1, Rust 2',)
    assert hook(ctx) == VerifyResult("difftest", "skipped", "no shape")
    assert hook(ctx).detail == "harness build failed: gcc failed"
    assert seen[0].patterns == ["f"] and seen[0].out == tmp_path and seen[0].cases == 5
    report = json.loads((tmp_path / "c2safe-report.json").read_text())
    assert report["files"][0]["functions"][0]["status"] == "translated"


def test_unfillable_stubs_are_skipped(openai_stub: OpenAIStub, make_crate: CrateFactory) -> None:
    import dataclasses

    openai_stub.script(malformed_for_others("check_header", [scripted.CH_RIGHT]))  # type: ignore[arg-type]
    report, options = make_crate(with_tests=True)  # the crate's tests reach check_header: evidence
    for rec in report.files[0].records:
        if rec.name == "xor_blocks":
            rec.diagnostics = [dataclasses.replace(d, code="C2S112") for d in rec.diagnostics]
    client = OpenAIChatClient(LLMConfig(base_url=openai_stub.base_url, model="scripted"))
    result = Filler(client, FillConfig(rounds=1)).run(report, options)
    by_name = {f.name: f for f in result.functions}
    assert by_name["xor_blocks"].status == "skipped"
    assert "callee has no Rust signature" in by_name["xor_blocks"].reason
    assert by_name["check_header"].status == "llm-filled"
    assert not prompts_for(openai_stub, "xor_blocks")
    assert "skipped  xor_blocks" in result.summary()

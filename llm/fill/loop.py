"""The verify loop: fill the functions the rules stubbed, accepting only checked candidates.

For each stubbed function (callees before their callers, else in file order):
prompt -> model -> extract the code block -> ``screen`` -> splice into a COPY of the crate
(only that function's text changes) -> ``cargo check --offline --message-format=json`` ->
``cargo test`` when the crate has tests -> the other verifiers (the differential tests) ->
accept, or feed the problems back, for up to ``rounds`` rounds.

Guarantees:
- The real crate is touched only to accept: the function's text is replaced (with a
  ``// c2safe: filled by LLM (model, N rounds)`` line above it) by an atomic rename of the
  module file, after the same text passed every check in the copy. ``c2safe-report.json`` is
  rewritten atomically after every acceptance (status ``llm-filled``, rounds, checks passed,
  tokens) and once more at the end (the run's ``llm`` summary).
- A candidate is compiled only after ``screen`` passed it; nothing the model wrote is ever
  compiled in the real crate before all checks passed in the copy.
- Round ``r`` of a function is requested with ``ChatRequest.sample == r - 1``; the prompt is
  a pure function of the crate, the C file, the examples and the previous round's problems,
  and retrieval never shows a function being filled in this run, so a re-run of the same
  job is answered by the reply cache: zero calls. With an examples store, a function filled
  before by the same model is first re-checked from the store (no call at all).
- A spent budget stops the run (remaining functions are reported ``left``); other LLM errors
  cost their round; two connection failures in a row stop the run. Nothing raises out of
  ``Filler.run`` except programming errors; the workspace copy is always removed.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llm.client import BudgetExceeded, ChatClient, ChatReply, ChatRequest, LLMError
from llm.fill.facts import facts_for
from llm.fill.prompt import (
    CrateItems,
    Feedback,
    PromptLimits,
    Target,
    build_messages,
    context_for,
    crate_items,
)
from llm.fill.retrieval import Example, ExampleIndex, ExampleStore, c_text_key, make_example
from llm.fill.rustlex import LexError
from llm.fill.screen import extract_candidate, screen
from llm.fill.splice import (
    Splice,
    SpliceError,
    function_text,
    replace_fn,
    signature,
    stub_message,
    write_atomic,
)
from llm.fill.verify import (
    CargoTestVerifier,
    Verifier,
    VerifyContext,
    VerifyResult,
    has_tests,
    run_cargo_test,
)
from translator.c_source import CFunction, read_function
from translator.diagnostics import Severity
from translator.driver import FileResult, Options, Report
from translator.emit_crate import cargo, rustfmt
from translator.emit_module import FunctionRecord

REPORT_FILE = "c2safe-report.json"
MAX_PROBLEMS = 12
# stubs no candidate can fix: the function itself is not the problem
NOT_FILLABLE = {
    "C2S105": "the C function has no definition",
    "C2S112": "a callee has no Rust signature, so no candidate could call it",
}


@dataclass(frozen=True)
class FillConfig:
    rounds: int = 3
    temperature: float = 0.2
    max_tokens: int | None = 2048  # per reply
    limits: PromptLimits = PromptLimits()
    test_timeout: float = 300.0  # seconds for one `cargo test` / verifier run
    store: Path | None = None  # the examples store (None: no cross-run examples)
    replay: bool = True  # re-check a stored fill of the same function and model first
    model_label: str | None = None  # the name in the marker and report (default: the model)
    # write a candidate that compiles but that no behavioural check exercised (marked)
    accept_unverified: bool = False


@dataclass
class RoundRecord:
    round: int
    stage: str  # accepted | llm-error | malformed | screen | cargo check | cargo test | difftest
    detail: str = ""
    cached: bool = False
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "stage": self.stage,
            "detail": self.detail,
            "cached": self.cached,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class FunctionFill:
    """What happened to one stubbed function."""

    name: str
    module: str
    c_file: str
    c_line: int
    code: str
    diagnostic: str
    status: str = "left"  # llm-filled | llm-unverified | unverified | not-filled | skipped | left
    reason: str = ""
    rounds: list[RoundRecord] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    replayed: bool = False
    stored_rounds: int = 0  # rounds of the original fill when replayed
    evidence: int = 0  # behavioural cases / reaching tests the accepted candidate passed

    @property
    def prompt_tokens(self) -> int:
        return sum(r.prompt_tokens for r in self.rounds)

    @property
    def completion_tokens(self) -> int:
        return sum(r.completion_tokens for r in self.rounds)

    @property
    def rounds_used(self) -> int:
        return self.stored_rounds if self.replayed else len(self.rounds)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "module": self.module,
            "status": self.status,
            "reason": self.reason,
            "code": self.code,
            "rounds": self.rounds_used,
            "checks": self.checks,
            "evidence_cases": self.evidence,
            "tokens": {"prompt": self.prompt_tokens, "completion": self.completion_tokens},
            "cached": bool(self.rounds) and all(r.cached for r in self.rounds),
            "replayed": self.replayed,
            "examples": self.examples,
            "attempts": [r.to_json() for r in self.rounds],
        }


@dataclass
class FillReport:
    mode: str  # endpoint | local | none
    model: str
    functions: list[FunctionFill] = field(default_factory=list)
    calls: int = 0
    cache_hits: int = 0
    tokens: int = 0
    seconds: float = 0.0
    built_after: bool | None = None
    message: str = ""
    notes: list[str] = field(default_factory=list)  # e.g. why a verifier is unavailable

    @property
    def filled(self) -> list[FunctionFill]:
        return [f for f in self.functions if f.status == "llm-filled"]

    @property
    def left(self) -> list[FunctionFill]:
        return [f for f in self.functions if f.status != "llm-filled"]

    @property
    def unverified(self) -> list[FunctionFill]:
        """Candidates written without behavioural evidence (``--llm-accept-unverified``)."""
        return [f for f in self.functions if f.status == "llm-unverified"]

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "model": self.model,
            "message": self.message,
            "attempted": sum(1 for f in self.functions if f.rounds or f.replayed),
            "filled": len(self.filled),
            "left": len(self.left),
            "unverified_written": len(self.unverified),
            "calls": self.calls,
            "cache_hits": self.cache_hits,
            "tokens": self.tokens,
            "seconds": round(self.seconds, 3),
            "built_after": self.built_after,
            "notes": self.notes,
            "functions": [f.to_json() for f in self.functions],
        }

    def summary(self) -> str:
        lines = []
        if self.message:
            lines.append(f"c2safe llm: {self.message}")
        attempted = sum(1 for f in self.functions if f.rounds or f.replayed)
        if attempted:
            lines.append(
                f"c2safe llm: {len(self.filled)} of {attempted} attempted function(s) filled "
                f"with {self.model}; {self.calls} call(s), {self.cache_hits} from the cache, "
                f"{self.tokens} tokens, {self.seconds:.1f}s"
            )
        for f in self.functions:
            if f.status in ("llm-filled", "llm-unverified"):
                how = " (replayed from the examples store)" if f.replayed else ""
                tag = "filled  " if f.status == "llm-filled" else "UNVERIFIED"
                lines.append(
                    f"  {tag} {f.name} ({f.module}): {f.rounds_used} round(s); "
                    f"{f.evidence} behavioural case(s); checks: {', '.join(f.checks)}{how}"
                )
            else:
                lines.append(
                    f"  {f.status:<8} {f.name} ({f.module}) {f.code}: {f.diagnostic}"
                    + (f" -- {f.reason}" if f.reason else "")
                )
        lines += [f"c2safe llm: note: {n}" for n in self.notes]
        if self.built_after is not None:
            lines.append(
                "c2safe llm: the crate builds after filling"
                if self.built_after
                else "c2safe llm: the crate does NOT build after filling"
            )
        return "\n".join(lines)


# ---- targets -------------------------------------------------------------------------------


@dataclass
class _Job:
    fill: FunctionFill
    target: Target | None  # None: cannot be attempted (see fill.reason)
    c_function: CFunction | None
    record: FunctionRecord


def _error_diag(rec: FunctionRecord) -> tuple[str, str]:
    for d in rec.diagnostics:
        if d.severity == Severity.ERROR:
            return d.code, f"{d.code} {d.message} at {d.span}"
    return "", "stubbed"


def _c_path(rec: FunctionRecord, fr: FileResult) -> Path:
    for cand in (rec.file, fr.path):
        if cand and Path(cand).is_file():
            return Path(cand)
    return Path(fr.path)


def stubbed_records(report: Report) -> list[tuple[FileResult, FunctionRecord]]:
    return [(f, r) for f in report.files for r in f.records if r.status == "stub"]


def _jobs(report: Report, items: CrateItems) -> list[_Job]:
    out = Path(report.out)
    jobs: list[_Job] = []
    others: list[CFunction] | None = None
    for fr, rec in stubbed_records(report):
        code, diag = _error_diag(rec)
        module = rec.module or fr.module or ""
        c_path = _c_path(rec, fr)
        fill = FunctionFill(rec.name.split("@")[0], module, str(c_path), rec.line, code, diag)
        mod_file = out / "src" / f"{module}.rs"
        text = mod_file.read_text("utf-8") if module and mod_file.is_file() else ""
        name = fill.name
        if not text or stub_message(text, name) is None:
            fill.status = "skipped"
            fill.reason = "no stub with a Rust signature (the rules omitted the function)"
            jobs.append(_Job(fill, None, None, rec))
            continue
        c_fn = read_function(c_path, name, rec.line)
        why_not = ""
        if code in NOT_FILLABLE:
            why_not = NOT_FILLABLE[code]
        elif c_fn is None:
            why_not = f"its C definition was not found in {c_path}"
        try:
            sig = signature(text, name)
        except (SpliceError, LexError) as exc:
            why_not = why_not or f"cannot read the stub: {exc}"
            sig = ""
        if why_not:
            fill.status = "skipped"
            fill.reason = why_not
            jobs.append(_Job(fill, None, c_fn, rec))
            continue
        callees, types, globals_ = context_for(items, name, sig, c_fn)
        if others is None:
            others = _all_c_functions(report)
        target = Target(
            name=name,
            module=module,
            c_file=str(c_path),
            c_line=rec.line,
            c_text=c_fn.text if c_fn is not None else "",
            c_comment=c_fn.comment if c_fn is not None else "",
            signature=sig,
            code=code,
            diagnostic=diag,
            callees=callees,
            types=types,
            globals=globals_,
            c_function=c_fn,
            facts=facts_for(name, sig, c_fn, others),
        )
        jobs.append(_Job(fill, target, c_fn, rec))
    return _callees_first(jobs)


def _all_c_functions(report: Report) -> list[CFunction]:
    """The C text of every function of the crate (for the callers' facts)."""
    out: list[CFunction] = []
    for fr in report.files:
        for rec in fr.records:
            c_fn = read_function(_c_path(rec, fr), rec.name.split("@")[0], rec.line)
            if c_fn is not None:
                out.append(c_fn)
    return out


def _callees_first(jobs: list[_Job]) -> list[_Job]:
    """Order the jobs so a stubbed callee is filled before its stubbed callers."""
    by_name = {j.fill.name: j for j in jobs}
    done: set[str] = set()
    order: list[_Job] = []

    def visit(job: _Job, path: set[str]) -> None:
        name = job.fill.name
        if name in done or name in path:
            return
        path.add(name)
        for callee in job.c_function.calls if job.c_function is not None else ():
            if callee in by_name:
                visit(by_name[callee], path)
        path.discard(name)
        done.add(name)
        order.append(job)

    for job in jobs:
        visit(job, set())
    return order


def crate_examples(report: Report, modules: dict[str, str]) -> list[Example]:
    """(C, Rust) pairs of the functions the rules translated in this crate."""
    out: list[Example] = []
    for fr in report.files:
        for rec in fr.records:
            if rec.status != "translated":
                continue
            module = rec.module or fr.module or ""
            text = modules.get(module)
            if text is None:
                continue
            name = rec.name.split("@")[0]
            c_fn = read_function(_c_path(rec, fr), name, rec.line)
            if c_fn is None:
                continue
            try:
                rust = function_text(text, name)
            except (SpliceError, LexError):
                continue
            out.append(
                make_example(name, c_fn.text, rust, "rules", crate=report.crate, parsed=c_fn)
            )
    return out


# ---- the loop --------------------------------------------------------------------------------


@dataclass
class _Verdict:
    stage: str  # accepted | malformed | screen | cargo check | cargo test | difftest
    problems: tuple[str, ...] = ()
    candidate: str = ""
    function: str = ""
    checks: tuple[str, ...] = ()
    evidence: int = 0


class Filler:
    """Runs the loop over a translated crate with a fixed client and verifiers."""

    def __init__(
        self,
        client: ChatClient,
        config: FillConfig = FillConfig(),
        verifiers: Sequence[Verifier] = (),
        log: Callable[[str], None] = lambda _m: None,
        tests: CargoTestVerifier | None = None,
    ) -> None:
        self.client = client
        self.config = config
        self.tests = tests if tests is not None else CargoTestVerifier(config.test_timeout)
        self.verifiers = list(verifiers)
        self.log = log
        self.model = config.model_label or client.model
        self.notes: list[str] = []
        self.calls = 0  # requests that reached the model (not answered by the cache)

    # -- entry point

    def run(self, report: Report, options: Options, mode: str = "endpoint") -> FillReport:
        start = time.monotonic()
        result = FillReport(mode, self.model)
        out = Path(report.out)
        modules = _read_modules(out)
        items = crate_items(modules)
        jobs = _jobs(report, items)
        result.functions = [j.fill for j in jobs]
        todo = [j for j in jobs if j.target is not None]
        if not todo:
            result.message = "no stubbed function to fill"
            result.seconds = time.monotonic() - start
            return result
        if report.built is not True:
            why = "was not built (--no-build)" if report.built is None else "did not build"
            for j in todo:
                j.fill.reason = f"the crate {why}, so candidates cannot be checked"
            result.message = f"the translated crate {why}; nothing was sent to the LLM"
            result.seconds = time.monotonic() - start
            return result
        store = ExampleStore(self.config.store)
        own = crate_examples(report, modules)
        exclude = frozenset(
            c_text_key(j.target.c_text) for j in todo if j.target and j.target.c_text
        )
        # the functions being filled are left out of the index itself, not only of the
        # results: BM25's statistics must not depend on what earlier runs stored for them
        index = ExampleIndex(e for e in own + store.load() if e.c_key not in exclude)
        workspace = Path(tempfile.mkdtemp(prefix="c2safe-fill-"))
        accepted: list[Example] = []
        try:
            ws = workspace / "crate"
            shutil.copytree(out, ws, ignore=shutil.ignore_patterns("target"))
            base = cargo(ws, "check")
            if not base.ok:
                result.message = "the crate copy does not pass cargo check; nothing was filled"
                for j in todo:
                    j.fill.reason = "the crate does not pass cargo check"
                return result
            # before any candidate: which tests run into which stub (they are the tests
            # that reach a function, i.e. behavioural evidence once it is filled)
            self.tests.baseline(ws)
            stop = ""
            connection_failures = 0
            for job in todo:
                assert job.target is not None
                if stop:
                    job.fill.reason = stop
                    continue
                examples = (
                    index.top(job.c_function, self.config.limits.examples, exclude)
                    if job.c_function is not None
                    else []
                )
                job.fill.examples = [e.name for e in examples]
                self.log(f"c2safe llm: filling `{job.fill.name}` ({job.fill.code})")
                stop, connection_failures = self._fill(
                    job, examples, ws, out, options, store, connection_failures
                )
                if job.fill.status == "llm-unverified":
                    job.record.status = "llm-unverified"
                    _update_report_json(out, result, job.fill)
                if job.fill.status == "llm-filled":
                    job.record.status = "llm-filled"
                    text = (out / "src" / f"{job.fill.module}.rs").read_text("utf-8")
                    if job.target.c_text:
                        accepted.append(
                            make_example(
                                job.fill.name,
                                job.target.c_text,
                                function_text(text, job.fill.name),
                                "llm",
                                crate=report.crate,
                                model=self.model,
                                rounds=job.fill.rounds_used,
                                parsed=job.c_function,
                            )
                        )
                    _update_report_json(out, result, job.fill)
                elif job.fill.status == "left" and job.fill.rounds:
                    job.fill.status = "not-filled"
            if stop and not result.message:
                result.message = stop
        finally:
            shutil.rmtree(workspace, ignore_errors=True)
        result.notes = list(self.notes)
        result.calls = self.calls
        result.cache_hits = getattr(self.client, "hits", 0)
        result.tokens = sum(f.prompt_tokens + f.completion_tokens for f in result.functions)
        if result.filled or result.unverified:
            res = cargo(out, "build")
            result.built_after = res.ok
            if res.ok and options.run_tests and has_tests(out):
                self._retest(report, out)
        store.add(own + accepted)
        result.seconds = time.monotonic() - start
        _update_report_json(out, result, None, report)
        return result

    def _retest(self, report: Report, out: Path) -> None:
        """Run the crate's tests again on the filled crate; update the report's summary."""
        run = run_cargo_test(out, self.config.test_timeout)
        counts = [int(n) for n in re.findall(r"test result: \w+\. (\d+) passed", run.stdout)]
        fails = [
            int(n) for n in re.findall(r"test result: \w+\. \d+ passed; (\d+) failed", run.stdout)
        ]
        report.tests_ok = run.ok
        report.tests = (
            f"cargo test (known-answer tests): {sum(counts)} passed, {sum(fails)} failed"
            + (" (after the LLM fill)" if run.ok else "\n" + run.tail)
        )

    # -- one function

    def _fill(
        self,
        job: _Job,
        examples: list[Example],
        ws: Path,
        out: Path,
        options: Options,
        store: ExampleStore,
        connection_failures: int,
    ) -> tuple[str, int]:
        """Run the rounds for one function; return (stop reason or "", connection failures)."""
        target = job.target
        assert target is not None
        fill = job.fill
        mod_ws = ws / "src" / f"{target.module}.rs"
        original = mod_ws.read_text("utf-8")
        cfg = self.config
        if cfg.replay and target.c_text:
            stored = store.accepted_fill(target.c_text, target.signature, self.model)
            if stored is not None:
                t0 = time.monotonic()
                verdict = self._check(target, stored.rust_text, mod_ws, original, ws, options)
                if verdict.stage == "accepted":
                    fill.replayed = True
                    fill.stored_rounds = stored.rounds
                    self._accept(target, verdict, fill, mod_ws, out, max(stored.rounds, 1))
                    return "", connection_failures
                self.log(
                    f"c2safe llm: the stored fill of `{target.name}` no longer passes "
                    f"({verdict.stage}); asking the model ({time.monotonic() - t0:.1f}s)"
                )
        feedback: Feedback | None = None
        for r in range(1, cfg.rounds + 1):
            messages = build_messages(target, examples, feedback, cfg.limits)
            request = ChatRequest(messages, cfg.temperature, cfg.max_tokens, sample=r - 1)
            t0 = time.monotonic()
            try:
                reply = self.client.complete(request)
            except BudgetExceeded as exc:
                fill.reason = f"LLM budget spent ({exc.message})"
                return f"LLM budget spent ({exc.message}): the remaining functions are left", 0
            except LLMError as exc:
                self.calls += 1
                fill.rounds.append(RoundRecord(r, "llm-error", str(exc), seconds=_since(t0)))
                self.log(f"c2safe llm:   round {r}: {exc}")
                if exc.kind == "connection":
                    connection_failures += 1
                    if connection_failures >= 2:
                        fill.reason = "the LLM endpoint cannot be reached"
                        return "the LLM endpoint cannot be reached: stopped", connection_failures
                continue
            connection_failures = 0
            self.calls += 0 if reply.cached else 1
            verdict = self._reply(target, reply, mod_ws, original, ws, options)
            record = RoundRecord(
                r,
                verdict.stage,
                "; ".join(verdict.problems)[:500],
                reply.cached,
                reply.prompt_tokens,
                reply.completion_tokens,
                _since(t0),
            )
            fill.rounds.append(record)
            self.log(
                f"c2safe llm:   round {r}: {verdict.stage}" + (" (cached)" if reply.cached else "")
            )
            if verdict.stage == "accepted":
                self._accept(target, verdict, fill, mod_ws, out, r)
                return "", connection_failures
            if verdict.stage == "unverified":
                # no later candidate can be checked either: the checks, not the code, are short
                if cfg.accept_unverified:
                    self._accept(target, verdict, fill, mod_ws, out, r, unverified=True)
                else:
                    fill.status = "unverified"
                    fill.reason = (
                        "the candidate compiles but no behavioural check exercised it ("
                        + "; ".join(verdict.problems)
                        + "): not written (--llm-accept-unverified writes it, marked)"
                    )
                return "", connection_failures
            feedback = Feedback(r, verdict.stage, verdict.candidate, verdict.problems)
        last = fill.rounds[-1] if fill.rounds else None
        fill.reason = (
            f"no candidate passed in {cfg.rounds} round(s); last: {last.stage}"
            if last is not None
            else "no candidate"
        )
        return "", connection_failures

    def _reply(
        self,
        target: Target,
        reply: ChatReply,
        mod_ws: Path,
        original: str,
        ws: Path,
        options: Options,
    ) -> _Verdict:
        extracted = extract_candidate(reply.text, target.name)
        if extracted.code is None:
            return _Verdict("malformed", (extracted.problem,), reply.text)
        return self._check(target, extracted.code, mod_ws, original, ws, options)

    def _check(
        self, target: Target, code: str, mod_ws: Path, original: str, ws: Path, options: Options
    ) -> _Verdict:
        """Screen, splice, cargo check, tests, verifiers; leaves ``mod_ws`` as it was unless
        the candidate is accepted (then it holds the spliced text)."""
        screened = screen(code, target.name, target.signature)
        if not screened.ok:
            return _Verdict("screen", screened.reasons, code)
        checks = ["screen"]
        spliced = replace_fn(original, target.name, screened.function)
        mod_ws.write_text(spliced.text, "utf-8")
        keep = False
        try:
            res = cargo(ws, "check")
            if not res.ok:
                problems = _compiler_problems(res.messages, target.module, spliced)
                return _Verdict("cargo check", problems or ("cargo check failed",), code)
            checks.append("cargo check")
            ctx = VerifyContext(ws, target.name, target.module, options, self.config.test_timeout)
            evidence = 0
            missing: list[str] = []
            for verifier in [self.tests, *self.verifiers]:
                vr = verifier(ctx)
                if vr.status == "unavailable" and vr.detail and vr.label() not in self.notes:
                    self.notes.append(vr.label())
                if vr.status == "failed":
                    stage = verifier.name
                    return _Verdict(stage, vr.problems or (vr.detail or "failed",), code)
                checks.append(_check_label(vr))
                if vr.status == "passed" and vr.evidence > 0:
                    evidence += vr.evidence
                else:
                    missing.append(vr.label()[:200])
            if evidence == 0:
                # compiles and breaks nothing, but nothing ran it: not evidence of behaviour
                keep = self.config.accept_unverified
                return _Verdict(
                    "unverified", tuple(missing), code, screened.function, tuple(checks), 0
                )
            keep = True
            return _Verdict("accepted", (), code, screened.function, tuple(checks), evidence)
        finally:
            if not keep:
                mod_ws.write_text(original, "utf-8")

    def _accept(
        self,
        target: Target,
        verdict: _Verdict,
        fill: FunctionFill,
        mod_ws: Path,
        out: Path,
        rounds: int,
        unverified: bool = False,
    ) -> None:
        marker = (
            f"// c2safe: filled by LLM ({self.model}, {rounds} round{'s' if rounds != 1 else ''})"
        )
        if unverified:
            marker += "\n// c2safe: UNVERIFIED: it compiles, but no behavioural check exercised it"
        original = mod_ws.read_text("utf-8")
        spliced = replace_fn(original, target.name, verdict.function, marker)
        mod_ws.write_text(spliced.text, "utf-8")
        if rustfmt(mod_ws) is not None:  # keep the unformatted text rather than fail
            mod_ws.write_text(spliced.text, "utf-8")
        real = out / "src" / f"{target.module}.rs"
        real_text = real.read_text("utf-8")
        final = replace_fn(
            real_text, target.name, function_text(mod_ws.read_text("utf-8"), target.name), marker
        )
        write_atomic(real, final.text)
        fill.status = "llm-unverified" if unverified else "llm-filled"
        fill.reason = (
            "written without behavioural evidence (--llm-accept-unverified)" if (unverified) else ""
        )
        fill.checks = list(verdict.checks)
        fill.evidence = verdict.evidence


def _check_label(vr: VerifyResult) -> str:
    if vr.status == "passed":
        return vr.check + (f" ({vr.detail})" if vr.detail else "")
    if vr.status == "skipped":
        return f"{vr.check}: skipped" + (f" ({vr.detail[:120]})" if vr.detail else "")
    if vr.status == "unavailable":
        return f"{vr.check}: unavailable"  # the reason is in FillReport.notes, once
    return f"{vr.check}: {vr.status}" + (f" ({vr.detail})" if vr.detail else "")


def _since(t0: float) -> float:
    return time.monotonic() - t0


def _read_modules(out: Path) -> dict[str, str]:
    return {p.stem: p.read_text("utf-8") for p in sorted((out / "src").glob("*.rs"))}


def _compiler_problems(
    messages: list[dict[str, object]], module: str, spliced: Splice
) -> tuple[str, ...]:
    """rustc's errors, located on the candidate's own lines where they fall inside it."""
    problems: list[str] = []
    for m in messages:
        if m.get("level") != "error":
            continue
        code = m.get("code")
        code_id = code.get("code", "") if isinstance(code, dict) else ""
        head = f"error[{code_id}]" if code_id else "error"
        text = str(m.get("message", ""))
        spans = m.get("spans") or []
        where = ""
        label = ""
        source = ""
        if isinstance(spans, list):
            primary = next((s for s in spans if isinstance(s, dict) and s.get("is_primary")), None)
            if primary is not None:
                line = int(primary.get("line_start", 0))
                fname = Path(str(primary.get("file_name", ""))).stem
                cand = spliced.candidate_line(line) if fname == module else None
                where = f"line {cand}" if cand is not None else f"{primary.get('file_name')}:{line}"
                label = str(primary.get("label") or "")
                lines = primary.get("text") or []
                if isinstance(lines, list) and lines and isinstance(lines[0], dict):
                    source = str(lines[0].get("text", "")).strip()
        if not spans and problems:
            continue  # "aborting due to N previous errors"
        notes = []
        for child in m.get("children") or []:  # type: ignore[attr-defined]
            if isinstance(child, dict) and child.get("message"):
                notes.append(f"{child.get('level', 'note')}: {child.get('message')}")
        parts = [f"{where}: {head}: {text}" if where else f"{head}: {text}"]
        if source:
            parts.append(f"    `{source}`" + (f" <- {label}" if label else ""))
        parts += [f"    {n}" for n in notes[:3]]
        problems.append("\n".join(parts))
        if len(problems) >= MAX_PROBLEMS:
            break
    return tuple(problems)


def _update_report_json(
    out: Path, result: FillReport, fill: FunctionFill | None, report: Report | None = None
) -> None:
    """Patch ``c2safe-report.json`` in place (atomically): one function, or the summary."""
    path = out / REPORT_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(data, dict):
        return
    fills = {f.name: f for f in ([fill] if fill is not None else result.functions)}
    for fentry in data.get("files", []) or []:
        for fn in fentry.get("functions", []) or []:
            name = str(fn.get("name", "")).split("@")[0]
            f = fills.get(name)
            if f is None or (fentry.get("module") and fentry.get("module") != f.module):
                continue
            if f.status in ("llm-filled", "llm-unverified"):
                fn["status"] = f.status
            if (
                f.rounds
                or f.replayed
                or f.status
                in (
                    "llm-filled",
                    "llm-unverified",
                    "unverified",
                    "not-filled",
                )
            ):
                fn["llm"] = f.to_json()
    funcs = [fn for fe in data.get("files", []) or [] for fn in fe.get("functions", []) or []]
    totals = data.get("totals")
    if isinstance(totals, dict):
        totals["stubbed"] = sum(1 for fn in funcs if fn.get("status") == "stub")
        totals["llm_filled"] = sum(1 for fn in funcs if fn.get("status") == "llm-filled")
        totals["llm_unverified"] = sum(1 for fn in funcs if fn.get("status") == "llm-unverified")
    if fill is None:
        if report is not None:
            data["tests"] = report.tests
            data["tests_ok"] = report.tests_ok
        data["llm"] = result.to_json()
        del data["llm"]["functions"]
        if result.built_after is not None:
            data["built"] = result.built_after
    write_atomic(path, json.dumps(data, indent=2) + "\n")

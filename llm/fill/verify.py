"""Checks a spliced candidate must pass after ``cargo check``: the crate's tests and the
differential tests, behind one pluggable ``Verifier`` protocol.

- ``CargoTestVerifier`` runs ``cargo test --offline --no-fail-fast`` in the workspace copy
  when the crate has tests (``tests/*.rs`` or ``#[test]`` in ``src``), with a timeout that
  kills the whole process group (a candidate may loop forever). A failing test counts
  against the candidate unless it already failed before any candidate was spliced in (the
  baseline) or it panicked in ANOTHER function that is still a c2safe stub.
- ``difftest_verifier()`` adapts ``translator.difftest`` when that module is importable and
  exposes ``verify_function(crate=, options=, function=, timeout=)``, or else
  ``run_difftest(DifftestOptions(out=, cases=, seed=, patterns=))`` (the ``c2safe difftest``
  recipe, restricted to the function under test; a divergence fails the candidate with its
  shrunk counterexample, a function difftest cannot cover is ``skipped`` with the reason);
  otherwise it returns a verifier whose every answer is ``unavailable`` (recorded as
  "difftest: unavailable", never a failure). ``verify_function``'s answer is read by duck
  typing: a bool, or an object with ``ok``/``passed`` and optional ``counterexamples`` and
  ``detail``/``message``.
- A verifier never raises: infrastructure errors become ``unavailable`` with the reason, so
  a broken checker cannot make the loop reject (or accept) a candidate silently.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from translator.driver import Options

Status = Literal["passed", "failed", "skipped", "unavailable"]


@dataclass(frozen=True)
class VerifyContext:
    crate: Path  # the workspace copy, with the candidate spliced in
    function: str  # the C name of the function under test
    module: str
    options: Options  # the translation's options: sources, -I/-D, per-file flags
    timeout: float


@dataclass(frozen=True)
class VerifyResult:
    check: str
    status: Status
    detail: str = ""
    problems: tuple[str, ...] = ()  # failing tests, counterexamples: fed back to the model
    # behavioural evidence when passed: differential cases compared, or tests that reach the
    # function (0: the check ran but did not exercise the function under test)
    evidence: int = 0

    def label(self) -> str:
        return f"{self.check}: {self.status}" + (f" ({self.detail})" if self.detail else "")


class Verifier(Protocol):
    """A check run on the workspace crate after ``cargo check`` passed."""

    @property
    def name(self) -> str: ...

    def __call__(self, ctx: VerifyContext) -> VerifyResult: ...


# ---- running a command with a hard timeout ------------------------------------------------


@dataclass(frozen=True)
class Completed:
    returncode: int | None  # None: killed after the timeout
    stdout: str
    stderr: str
    seconds: float


def run_killable(cmd: list[str], cwd: Path, timeout: float) -> Completed:
    """Run ``cmd`` in its own process group; kill the group when ``timeout`` passes."""
    start = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "RUST_BACKTRACE": "0"},
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        code = None
    return Completed(code, out or "", err or "", time.monotonic() - start)


# ---- cargo test ------------------------------------------------------------------------------

_RESULT = re.compile(r"^test (\S+) \.\.\. (ok|FAILED|ignored)", re.MULTILINE)
_SECTION = re.compile(r"^---- (\S+) stdout ----$", re.MULTILINE)
_STUB_PANIC = re.compile(r"c2safe: `([^`]+)` was not translated")


_THREAD_ID = re.compile(r"(thread '[^']*') \(\d+\)")
_BACKTRACE_NOTE = re.compile(r"^note: run with `RUST_BACKTRACE=1`.*$\n?", re.MULTILINE)


def clean_test_output(text: str) -> str:
    """Drop what changes from run to run (thread ids, the backtrace hint), so the same
    failure gives the same feedback, the same prompt, and a reply-cache hit."""
    return _BACKTRACE_NOTE.sub("", _THREAD_ID.sub(r"\1", text)).strip()


def has_tests(crate: Path) -> bool:
    if any((crate / "tests").glob("*.rs")):
        return True
    return any("#[test]" in p.read_text("utf-8", "replace") for p in (crate / "src").glob("*.rs"))


@dataclass(frozen=True)
class TestRun:
    compiled: bool
    timed_out: bool
    passed: frozenset[str]
    failed: dict[str, str]  # test name -> its output (panic message)
    tail: str
    stdout: str = ""

    @property
    def ok(self) -> bool:
        return self.compiled and not self.timed_out and not self.failed


def run_cargo_test(crate: Path, timeout: float) -> TestRun:
    res = run_killable(["cargo", "test", "--offline", "--no-fail-fast"], crate, timeout)
    out = res.stdout
    results = _RESULT.findall(out)
    passed = frozenset(name for name, status in results if status == "ok")
    failed_names = [name for name, status in results if status == "FAILED"]
    sections: dict[str, str] = {}
    marks = list(_SECTION.finditer(out))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(out)
        body = out[m.end() : end]
        body = body.split("\nfailures:\n")[0].strip()
        sections[m.group(1)] = clean_test_output(body)
    failed = {name: sections.get(name, "") for name in failed_names}
    compiled = "test result:" in out or (res.returncode == 0)
    tail = (out[-2000:] + "\n" + res.stderr[-2000:]).strip()
    return TestRun(compiled, res.returncode is None, passed, failed, tail, out)


@dataclass
class CargoTestVerifier:
    """``cargo test`` on the workspace, judged against the baseline run."""

    timeout: float = 300.0
    baseline_failures: frozenset[str] | None = None
    baseline_compiled: bool = True
    # function name -> the tests that panicked in its stub before any fill: they reach it
    reaching: dict[str, frozenset[str]] = field(default_factory=dict)
    _checked_baseline: bool = field(default=False, repr=False)

    @property
    def name(self) -> str:
        return "cargo test"

    def baseline(self, crate: Path) -> None:
        """Record the tests that fail before any candidate (except through stubs)."""
        self._checked_baseline = True
        if not has_tests(crate):
            return
        run = run_cargo_test(crate, self.timeout)
        self.baseline_compiled = run.compiled and not run.timed_out
        self.baseline_failures = frozenset(
            t for t, text in run.failed.items() if not _STUB_PANIC.search(text)
        )
        reach: dict[str, set[str]] = {}
        for t, text in run.failed.items():
            for name in _STUB_PANIC.findall(text):
                reach.setdefault(name.split("@")[0], set()).add(t)
        self.reaching = {k: frozenset(v) for k, v in reach.items()}

    def __call__(self, ctx: VerifyContext) -> VerifyResult:
        if not has_tests(ctx.crate):
            return VerifyResult(self.name, "skipped", "the crate has no tests")
        if not self._checked_baseline:
            self.baseline(ctx.crate)
        if not self.baseline_compiled:
            return VerifyResult(self.name, "unavailable", "the tests did not build before")
        try:
            run = run_cargo_test(ctx.crate, min(self.timeout, ctx.timeout))
        except OSError as exc:
            return VerifyResult(self.name, "unavailable", f"cannot run cargo: {exc}")
        if run.timed_out:
            return VerifyResult(
                self.name,
                "failed",
                "timed out",
                (f"the tests did not finish within {ctx.timeout:g} s (an endless loop?)",),
            )
        if not run.compiled:
            return VerifyResult(
                self.name, "failed", "the tests no longer build", (run.tail[-1500:],)
            )
        counted: list[str] = []
        blocked: list[str] = []
        for test, text in sorted(run.failed.items()):
            if self.baseline_failures and test in self.baseline_failures:
                continue
            other = [m for m in _STUB_PANIC.findall(text) if m.split("@")[0] != ctx.function]
            if other:
                blocked.append(f"{test} (needs `{other[0]}`)")
                continue
            counted.append(f"test `{test}` failed:\n{_trim(text, 1200)}")
        if counted:
            return VerifyResult(self.name, "failed", f"{len(counted)} failing", tuple(counted))
        reach = self.reaching.get(ctx.function, frozenset()) & run.passed
        detail = f"{len(run.passed)} passed, {len(reach)} reach `{ctx.function}`"
        if blocked:
            detail += f", {len(blocked)} blocked by other stubs"
        return VerifyResult(self.name, "passed", detail, evidence=len(reach))


def _trim(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + " ..."


# ---- differential tests ------------------------------------------------------------------


@dataclass
class UnavailableVerifier:
    check: str
    reason: str

    @property
    def name(self) -> str:
        return self.check

    def __call__(self, ctx: VerifyContext) -> VerifyResult:
        return VerifyResult(self.check, "unavailable", self.reason)


@dataclass
class DifftestVerifier:
    """Adapter over ``translator.difftest.verify_function`` (or any callable like it)."""

    verify_function: Callable[..., Any]

    @property
    def name(self) -> str:
        return "difftest"

    def __call__(self, ctx: VerifyContext) -> VerifyResult:
        try:
            mark_translated(ctx.crate, ctx.function)
            result = self.verify_function(
                crate=ctx.crate, options=ctx.options, function=ctx.function, timeout=ctx.timeout
            )
        except Exception as exc:  # a checker bug must not decide about the candidate
            return VerifyResult(self.name, "unavailable", f"error: {type(exc).__name__}: {exc}")
        return interpret(self.name, result)


def interpret(check: str, result: Any) -> VerifyResult:
    """Read a verifier's answer: bool, VerifyResult, or an object/dict with ok/passed."""
    if isinstance(result, VerifyResult):
        return result
    if result is None:
        return VerifyResult(check, "unavailable", "no answer")
    if isinstance(result, bool):
        return VerifyResult(check, "passed" if result else "failed")

    def get(key: str) -> Any:
        return result.get(key) if isinstance(result, dict) else getattr(result, key, None)

    status = get("status")
    ok = get("ok")
    if ok is None:
        ok = get("passed")
    detail = str(get("detail") or get("message") or get("reason") or "")
    raw = get("counterexamples") or get("problems") or ()
    problems = tuple(str(p) for p in raw) if isinstance(raw, list | tuple) else (str(raw),)
    cases = get("cases")
    evidence = cases if isinstance(cases, int) and not isinstance(cases, bool) else 0
    if status in ("skipped", "unavailable"):
        return VerifyResult(check, status, detail)
    if isinstance(ok, bool):
        return VerifyResult(check, "passed" if ok else "failed", detail, problems, evidence)
    if status in ("passed", "failed"):
        return VerifyResult(check, status, detail, problems, evidence)
    return VerifyResult(check, "unavailable", f"unreadable answer {type(result).__name__}")


@dataclass
class RunDifftestVerifier:
    """Adapter over ``translator.difftest.run_difftest(DifftestOptions(...))``: the whole
    ``c2safe difftest`` recipe, restricted to the function under test.

    The workspace's ``c2safe-report.json`` still calls the function a stub (``difftest``
    skips stubs), so its status there is set to ``translated`` first; the workspace is a
    copy, the real report is not touched."""

    run_difftest: Callable[..., Any]
    options_type: Callable[..., Any]
    cases: int = 24
    seed: int = 0

    @property
    def name(self) -> str:
        return "difftest"

    def __call__(self, ctx: VerifyContext) -> VerifyResult:
        try:
            mark_translated(ctx.crate, ctx.function)
            opts = self.options_type(
                out=ctx.crate, cases=self.cases, seed=self.seed, patterns=[ctx.function]
            )
            rep = self.run_difftest(opts, log=lambda _m: None)
        except Exception as exc:  # a checker bug must not decide about the candidate
            return VerifyResult(self.name, "unavailable", f"error: {type(exc).__name__}: {exc}")
        build_error = getattr(rep, "build_error", None)
        if build_error:
            first = str(build_error).splitlines()[0]
            return VerifyResult(self.name, "unavailable", f"harness build failed: {first}")
        fns = [
            f
            for f in getattr(rep, "functions", []) or []
            if str(getattr(f, "c_name", "")).split("@")[0] == ctx.function
        ]
        if not fns:
            return VerifyResult(self.name, "skipped", "not planned")
        f: Any = fns[0]
        if not getattr(f, "covered", False):
            return VerifyResult(self.name, "skipped", _trim(str(getattr(f, "reason", "")), 160))
        divergences = list(getattr(f, "divergences", []) or [])
        errors = [str(e) for e in getattr(f, "errors", []) or []]
        divergent = int(getattr(f, "divergent_cases", 0) or 0)
        if divergences or errors or divergent > 0:
            problems = [_divergence(d) for d in divergences]
            problems += [f"harness: {e}" for e in errors]
            cases = getattr(f, "cases", 0)
            detail = f"{divergent or len(divergences)} of {cases} cases differ"
            return VerifyResult(self.name, "failed", detail, tuple(problems) or (detail,))
        cases = int(getattr(f, "cases", 0) or 0)
        return VerifyResult(self.name, "passed", f"{cases} cases", evidence=cases)


def _divergence(d: Any) -> str:
    """One counterexample: the (shrunk) input and what differs."""
    summary = str(getattr(d, "shrunk_summary", None) or getattr(d, "summary", d))
    inputs = getattr(d, "shrunk", None) or getattr(d, "input", None)
    if isinstance(inputs, dict) and inputs:
        shown = json.dumps(inputs, separators=(",", ":"), sort_keys=True)
        if len(shown) > 300:
            shown = shown[:300] + "..."
        return f"C and Rust disagree on input {shown}: {summary}"
    return f"C and Rust disagree: {summary}"


def mark_translated(crate: Path, function: str) -> None:
    """Set ``function``'s status to ``translated`` in ``crate/c2safe-report.json``."""
    path = crate / "c2safe-report.json"
    if not path.is_file():
        return
    data = json.loads(path.read_text("utf-8"))
    for fentry in data.get("files", []) or []:
        for fn in fentry.get("functions", []) or []:
            if str(fn.get("name", "")).split("@")[0] == function:
                fn["status"] = "translated"
                fn["diagnostics"] = [
                    d for d in fn.get("diagnostics", []) or [] if d.get("severity") != "error"
                ]
    path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")


def difftest_verifier(module: str = "translator.difftest") -> Verifier:
    """The differential-test hook, or an ``unavailable`` stand-in saying why.

    ``module.verify_function(crate=, options=, function=, timeout=)`` is used when present;
    else ``module.run_difftest`` with ``module.DifftestOptions`` (``c2safe difftest``)."""
    try:
        mod = importlib.import_module(module)
    except Exception as exc:  # ImportError, or the module failing at import time
        return UnavailableVerifier("difftest", f"{module} is not importable ({exc})")
    fn = getattr(mod, "verify_function", None)
    if callable(fn):
        return DifftestVerifier(fn)
    run = getattr(mod, "run_difftest", None)
    opts = getattr(mod, "DifftestOptions", None)
    if callable(run) and callable(opts):
        return RunDifftestVerifier(run, opts)
    return UnavailableVerifier(
        "difftest",
        f"{module} has neither verify_function(crate, options, function, timeout) "
        "nor run_difftest(DifftestOptions)",
    )

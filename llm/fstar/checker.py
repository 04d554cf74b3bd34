"""Check candidate F* definitions with `fstar.exe`: IDE mode (JSON lines, push/pop) or batch.

A candidate is **verified** only if all of these hold:
1. the text pre-filter passes: after stripping comments it is non-empty, defines the goal's
   short name (`let [rec] name` or `and name`), and contains no `admit`, `assume`, `magic`,
   `unsafe_coerce`, nor options that switch checking off (`--lax`, `--admit_smt_queries`);
2. F* reports success (IDE `status: success`; batch: exit 0 and no error lines);
3. no issue reports a use of an assumption (warning 335/334 under `--report_assumes`, or a
   message saying an assumption/admit was used).

Guarantees:
- Each check has a wall-clock limit; on expiry the F* process is killed (never left running)
  and the result is `timeout`. A crashed or unstartable F* gives status `error`, not an
  exception.
- Issues come back structured (`Issue`: level, message, number, ranges). IDE-mode ranges on
  `<input>` are lines of the pushed snippet (`CheckResult.snippet`), starting at 1.
- The IDE checker keeps one F* process per module and pops after every success, so the next
  candidate starts from the same state; a goal of another module (or an unrelated context)
  restarts it.
- `fstar.exe` is found from an explicit path, then `$FSTAR_EXE`, then PATH (`fstar.exe`,
  then `fstar`); see `find_fstar`.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from llm.fstar.dataset import GoalView

Status = Literal["verified", "failed", "rejected", "timeout", "error"]
ASSUME_WARNINGS = frozenset({334, 335})

# ---- results ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Range:
    fname: str
    start_line: int
    start_col: int
    end_line: int
    end_col: int

    def render(self) -> str:
        return f"{self.fname}({self.start_line},{self.start_col}-{self.end_line},{self.end_col})"


@dataclass(frozen=True, slots=True)
class Issue:
    level: str  # "error" | "warning" | "info"
    message: str
    ranges: tuple[Range, ...] = ()
    number: int | None = None

    def render(self) -> str:
        where = self.ranges[0].render() + ": " if self.ranges else ""
        kind = self.level.capitalize() + (f" {self.number}" if self.number is not None else "")
        return f"{where}({kind}) {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "message": self.message,
            "number": self.number,
            "ranges": [
                {
                    "fname": r.fname,
                    "beg": [r.start_line, r.start_col],
                    "end": [r.end_line, r.end_col],
                }
                for r in self.ranges
            ],
        }


@dataclass(frozen=True, slots=True)
class CheckResult:
    status: Status
    issues: tuple[Issue, ...] = ()
    elapsed: float = 0.0
    snippet: str = ""
    reason: str = ""  # one line for people: why rejected / timed out / errored

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "reason": self.reason,
            "elapsed": round(self.elapsed, 3),
            "issues": [i.to_json() for i in self.issues],
        }


class Checker(Protocol):
    """Judges one candidate definition for one goal."""

    def check(self, goal: GoalView, candidate: str) -> CheckResult: ...

    def close(self) -> None: ...


# ---- text pre-filter -------------------------------------------------------------------------

_BANNED = re.compile(r"\b(admit\w*|assume\w*|magic|unsafe_coerce|tadmit)\b")
_LAX = re.compile(r"--(lax|admit_smt_queries)\b")
_STRING = re.compile(r'"(?:\\.|[^"\\])*"')


def strip_comments(text: str) -> str:
    """Remove `(* ... *)` (nested) and `// ...` comments; string literals are kept intact."""
    out: list[str] = []
    i, depth, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        if depth == 0 and ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("(*", i) and not text.startswith("(*)", i):
            depth += 1
            i += 2
        elif depth > 0 and text.startswith("*)", i):
            depth -= 1
            i += 2
        elif depth > 0:
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def prefilter(goal: GoalView, candidate: str) -> CheckResult | None:
    """A `rejected` result when the text alone disqualifies the candidate, else None."""
    body = strip_comments(candidate).strip()
    if not body:
        return CheckResult("rejected", reason="empty answer")
    name = re.escape(goal.short_name)
    if not re.search(rf"\b(let(\s+rec)?|and)\s+{name}(?![\w'])", body):
        return CheckResult("rejected", reason=f"answer does not define '{goal.short_name}'")
    banned = _BANNED.search(_STRING.sub('""', body))
    if banned:
        return CheckResult("rejected", reason=f"answer uses '{banned.group(1)}'")
    if _LAX.search(body):
        return CheckResult("rejected", reason="answer switches verification off")
    return None


def _assumption_used(issue: Issue) -> bool:
    if issue.number in ASSUME_WARNINGS:
        return True
    low = issue.message.lower()
    return "assumption" in low and "used" in low or "admit" in low


# ---- snippet construction --------------------------------------------------------------------

_DROPPED_OPTIONS = frozenset(
    {
        "retry",
        "no_smt",
        "quake",
        "quake_lo",
        "quake_hi",
        "quake_keep",
        "tcnorm",
        "no_tactics",
        "z3refresh_only",
    }
)
_NUMERIC = (
    "initial_fuel",
    "max_fuel",
    "initial_ifuel",
    "max_ifuel",
    "z3rlimit",
    "z3rlimit_factor",
    "z3seed",
)


def vconfig_options(vconfig: Mapping[str, Any]) -> list[str]:
    """F* command-line options reproducing the recorded solver configuration."""
    opts: list[str] = []
    for key in _NUMERIC:
        value = vconfig.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            opts.append(f"--{key} {value:g}" if isinstance(value, float) else f"--{key} {value}")
    for key in ("z3cliopt", "z3smtopt"):
        for value in vconfig.get(key) or ():
            opts.append(f"--{key} '{value}'")
    for key in ("elim_box", "nl_arith_repr", "l_arith_repr", "valid_intro", "valid_elim"):
        value = vconfig.get(f"smtencoding_{key}", vconfig.get(f"smtencoding.{key}"))
        if isinstance(value, bool):
            opts.append(f"--smtencoding.{key} {'true' if value else 'false'}")
        elif isinstance(value, str) and value:
            opts.append(f"--smtencoding.{key} {value}")
    if vconfig.get("z3refresh") is True:
        opts.append("--z3refresh")
    return opts


def build_snippet(goal: GoalView, candidate: str) -> str:
    """What is checked after the context: recorded options, the goal's `val`, the candidate."""
    parts: list[str] = []
    options = vconfig_options(goal.vconfig)
    if options:
        parts.append('#push-options "' + " ".join(options).replace('"', '\\"') + '"')
    val = goal.checked_type.strip()
    if val:
        parts.append(
            val if val.startswith(("val", "private val")) else f"val {goal.short_name} : {val}"
        )
    parts.append(candidate.strip())
    if options:
        parts.append("#pop-options")
    return "\n".join(parts)


_TOP_DECL = re.compile(r"^(?=\S)(?!\(\*|//)")


def context_chunks(goal: GoalView) -> list[str]:
    """The goal's file context as top-level declarations (`module`, `open`, `let`, ...).

    When the record has no file context, the module header and opens are rebuilt from
    `opens_and_abbrevs`.
    """
    text = strip_comments(goal.file_context)
    chunks: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip():
            if chunks:
                chunks[-1].append(line)
            continue
        if _TOP_DECL.match(line) and not line.startswith(("|", ")", "}", "]")) or not chunks:
            chunks.append([line])
        else:
            chunks[-1].append(line)
    out = ["\n".join(c).strip() for c in chunks if "\n".join(c).strip()]
    if not out or not out[0].startswith("module "):
        header = [f"module {goal.module}"] + [o.render() for o in goal.explicit_opens]
        out = header + out
    return out


# ---- locating fstar.exe -------------------------------------------------------------------


def find_fstar(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The F* executable: `explicit`, else `$FSTAR_EXE`, else `fstar.exe`/`fstar` on PATH."""
    for candidate in (explicit, os.environ.get("FSTAR_EXE")):
        if candidate:
            path = Path(candidate).expanduser()
            found = shutil.which(str(path))
            return Path(found) if found else None
    for name in ("fstar.exe", "fstar"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def fstar_version(exe: Path, timeout: float = 30.0) -> str:
    """The first line of `fstar.exe --version`, or '' when it cannot be read."""
    try:
        proc = subprocess.run(
            [str(exe), "--version"], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    lines = (proc.stdout or proc.stderr).strip().splitlines()
    return lines[0].strip() if lines else ""


def supports_report_assumes(version: str) -> bool:
    """`--report_assumes` exists from the 2020s releases (dated versions) on."""
    match = re.search(r"F\*\s+v?(\d+)\.", version)
    return bool(match) and int(match.group(1)) >= 2020  # type: ignore[union-attr]


# ---- IDE mode -------------------------------------------------------------------------------


def _issues_of(payload: Any) -> tuple[Issue, ...]:
    if not isinstance(payload, list):
        return ()
    issues: list[Issue] = []
    for raw in payload:
        if not isinstance(raw, Mapping):
            continue
        ranges = []
        for r in raw.get("ranges") or ():
            try:
                (l1, c1), (l2, c2) = r["beg"], r["end"]
                ranges.append(Range(str(r.get("fname", "")), int(l1), int(c1), int(l2), int(c2)))
            except (KeyError, TypeError, ValueError):
                continue
        number = raw.get("number")
        issues.append(
            Issue(
                level=str(raw.get("level", "error")),
                message=str(raw.get("message", "")).strip(),
                ranges=tuple(ranges),
                number=int(number) if isinstance(number, int) else None,
            )
        )
    return tuple(issues)


class _Timeout(Exception):
    pass


class _Died(Exception):
    pass


@dataclass
class _Reply:
    status: str
    response: Any
    messages: list[dict[str, Any]] = field(default_factory=list)


class IdeSession:
    """One `fstar.exe --ide` process: send queries, read their responses with a deadline."""

    def __init__(self, argv: Sequence[str], cwd: Path) -> None:
        self.argv = list(argv)
        self.proc = subprocess.Popen(
            self.argv,
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._stderr: list[str] = []
        assert self.proc.stdout is not None and self.proc.stderr is not None
        threading.Thread(target=self._pump, args=(self.proc.stdout, True), daemon=True).start()
        threading.Thread(target=self._pump, args=(self.proc.stderr, False), daemon=True).start()
        self._next_id = 1
        self.protocol_info: dict[str, Any] | None = None

    def _pump(self, stream: IO[str], is_stdout: bool) -> None:
        for line in stream:
            if is_stdout:
                self._lines.put(line)
            else:
                self._stderr.append(line)
        if is_stdout:
            self._lines.put(None)

    @property
    def stderr(self) -> str:
        return "".join(self._stderr[-50:])

    def read_banner(self, deadline: float) -> None:
        """Consume the `protocol-info` line F* prints at start-up."""
        message = self._read(deadline)
        if message.get("kind") == "protocol-info":
            self.protocol_info = message

    def _read(self, deadline: float) -> dict[str, Any]:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Timeout()
            try:
                line = self._lines.get(timeout=remaining)
            except queue.Empty:
                raise _Timeout() from None
            if line is None:
                raise _Died(self.stderr.strip() or "fstar.exe exited")
            line = line.strip()
            if not line:
                continue
            try:
                message = json.loads(line)
            except json.JSONDecodeError:
                continue  # F* may print plain text (e.g. a banner) outside the protocol
            if isinstance(message, dict):
                return message

    def query(self, name: str, args: Mapping[str, Any], deadline: float) -> _Reply:
        qid = str(self._next_id)
        self._next_id += 1
        request = {"query-id": qid, "query": name, "args": dict(args)}
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise _Died(self.stderr.strip() or str(exc)) from None
        messages: list[dict[str, Any]] = []
        while True:
            message = self._read(deadline)
            if message.get("kind") == "protocol-info":
                self.protocol_info = message
                continue
            if message.get("query-id") != qid:
                continue
            if message.get("kind") == "response":
                return _Reply(str(message.get("status")), message.get("response"), messages)
            messages.append(message)

    def push(self, code: str, deadline: float) -> _Reply:
        return self.query("push", {"kind": "full", "code": code, "line": 1, "column": 0}, deadline)

    def pop(self, deadline: float) -> _Reply:
        return self.query("pop", {}, deadline)

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.write(json.dumps({"query-id": "exit", "query": "exit", "args": {}}))
                self.proc.stdin.close()
                self.proc.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired, ValueError):
                pass
        self.kill()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass


ContextMode = Literal["file", "checked"]
_DEPENDS = ("open ", "module ", "include ", "friend ")


class FStarIdeChecker:
    """Checks candidates by pushing them into a long-lived `fstar.exe --ide` session.

    `context="file"`: the goal's `file_context` is written to `<Module>.fst` (so F* sees its
    dependencies at start-up) and pushed declaration by declaration. `context="checked"`
    (modern F* with the dataset's `.checked` files on `include`): the module's checked prefix
    is loaded with `push-partial-checked-file` up to the goal, then opens are pushed.
    """

    def __init__(
        self,
        fstar: Path,
        *,
        timeout: float = 60.0,
        startup_timeout: float = 120.0,
        include: Sequence[str | Path] = (),
        extra_args: Sequence[str] = (),
        context: ContextMode = "file",
        report_assumes: bool | None = None,
    ) -> None:
        self.fstar = fstar
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.include = [str(p) for p in include]
        self.extra_args = list(extra_args)
        self.context = context
        self.version = fstar_version(fstar)
        self.report_assumes = (
            supports_report_assumes(self.version) if report_assumes is None else report_assumes
        )
        self._workdir = Path(tempfile.mkdtemp(prefix="c2safe-fstar-"))
        self._session: IdeSession | None = None
        self._module: str | None = None
        self._pushed: list[str] = []
        self._context_failure: CheckResult | None = None

    # -- session management
    def _argv(self, filename: str) -> list[str]:
        argv = [str(self.fstar), "--ide", filename]
        if self.report_assumes:
            argv += ["--report_assumes", "warn"]
        for inc in self.include:
            argv += ["--include", inc]
        return argv + self.extra_args

    def _restart(self, goal: GoalView, chunks: list[str]) -> None:
        self._drop_session()
        filename = f"{goal.module}.fst"
        on_disk = "\n".join(chunks) + "\n" if self.context == "file" else ""
        (self._workdir / filename).write_text(on_disk, "utf-8")
        self._session = IdeSession(self._argv(filename), self._workdir)
        self._module = goal.module
        self._pushed = []
        self._session.read_banner(time.monotonic() + self.startup_timeout)

    def _drop_session(self) -> None:
        if self._session is not None:
            self._session.kill()
        self._session = None
        self._module = None
        self._pushed = []
        self._context_failure = None

    def _context_for(self, goal: GoalView) -> list[str]:
        if self.context == "file":
            return context_chunks(goal)
        return [o.render() for o in goal.explicit_opens] + [f"open {goal.module}"]

    def _prepare(self, goal: GoalView) -> CheckResult | None:
        """Bring the session to the goal's context; a failed context is reported as error."""
        chunks = self._context_for(goal)
        same = self._session is not None and self._module == goal.module
        extends = same and chunks[: len(self._pushed)] == self._pushed
        # F* reads a module's dependencies when it starts: a new open needs a new process
        if extends and any(c.startswith(_DEPENDS) for c in chunks[len(self._pushed) :]):
            extends = False
        if not extends or self._session is None or self._session.proc.poll() is not None:
            self._restart(goal, chunks)
            if self.context == "checked":
                assert self._session is not None
                reply = self._session.query(
                    "push-partial-checked-file",
                    {"until-lid": goal.name},
                    time.monotonic() + self.startup_timeout,
                )
                if reply.status != "success":
                    return CheckResult(
                        "error",
                        _issues_of(reply.response),
                        reason="cannot load the module's checked prefix",
                    )
        elif self._context_failure is not None:
            return self._context_failure
        assert self._session is not None
        for chunk in chunks[len(self._pushed) :]:
            reply = self._session.push(chunk, time.monotonic() + self.startup_timeout)
            if reply.status != "success":
                first = chunk.splitlines()[0] if chunk else ""
                self._context_failure = CheckResult(
                    "error",
                    _issues_of(reply.response),
                    snippet=chunk,
                    reason=f"the goal's context does not check (at '{first[:60]}')",
                )
                return self._context_failure
            self._pushed.append(chunk)
        return None

    # -- checking
    def check(self, goal: GoalView, candidate: str) -> CheckResult:
        rejected = prefilter(goal, candidate)
        if rejected is not None:
            return rejected
        start = time.monotonic()
        snippet = build_snippet(goal, candidate)
        try:
            failed = self._prepare(goal)
            if failed is not None:
                return failed
            assert self._session is not None
            reply = self._session.push(snippet, time.monotonic() + self.timeout)
        except _Timeout:
            self._drop_session()
            return CheckResult(
                "timeout",
                elapsed=time.monotonic() - start,
                snippet=snippet,
                reason=f"no answer from F* within {self.timeout:g} s",
            )
        except (_Died, OSError) as exc:
            self._drop_session()
            return CheckResult(
                "error",
                elapsed=time.monotonic() - start,
                snippet=snippet,
                reason=f"F* stopped: {str(exc)[:300]}",
            )
        elapsed = time.monotonic() - start
        issues = _issues_of(reply.response)
        if reply.status == "success":
            try:
                self._session.pop(time.monotonic() + self.timeout)
            except (_Timeout, _Died, OSError):
                self._drop_session()
            if any(_assumption_used(i) for i in issues):
                return CheckResult("rejected", issues, elapsed, snippet, "F* reports an assumption")
            return CheckResult("verified", issues, elapsed, snippet)
        return CheckResult("failed", issues, elapsed, snippet, _first_error(issues))

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
        self._drop_session()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> FStarIdeChecker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _first_error(issues: Sequence[Issue]) -> str:
    for issue in issues:
        if issue.level == "error":
            return issue.message.splitlines()[0][:200] if issue.message else "error"
    return "F* reported failure"


# ---- batch mode ---------------------------------------------------------------------------

_BATCH_LINE = re.compile(
    r"^(?P<file>.+?)\((?P<l1>\d+),(?P<c1>\d+)-(?P<l2>\d+),(?P<c2>\d+)\): "
    r"\((?P<level>Error|Warning|Info)(?: (?P<num>\d+))?\) (?P<msg>.*)$"
)


def parse_batch_output(text: str, module_file: str = "", offset: int = 0) -> tuple[Issue, ...]:
    """Issues from F*'s batch output. Ranges in `module_file` become `<input>` ranges shifted
    up by `offset` lines, so they count lines of the checked snippet, as in IDE mode."""
    issues: list[Issue] = []
    for line in text.splitlines():
        m = _BATCH_LINE.match(line.strip())
        if not m:
            if issues and line.startswith((" ", "\t")) and not line.strip().startswith("-"):
                last = issues[-1]
                issues[-1] = Issue(
                    last.level, last.message + "\n" + line.strip(), last.ranges, last.number
                )
            continue
        fname = m.group("file")
        l1, l2 = int(m.group("l1")), int(m.group("l2"))
        if module_file and Path(fname).name == module_file:
            fname, l1, l2 = "<input>", l1 - offset, l2 - offset
        num = m.group("num")
        issues.append(
            Issue(
                level=m.group("level").lower(),
                message=m.group("msg").strip(),
                ranges=(Range(fname, l1, int(m.group("c1")), l2, int(m.group("c2"))),),
                number=int(num) if num else None,
            )
        )
    return tuple(issues)


class FStarBatchChecker:
    """Checks each candidate by writing `<Module>.fst` (context + `val` + candidate) to a fresh
    temporary directory and running `fstar.exe` on it (one process per candidate)."""

    def __init__(
        self,
        fstar: Path,
        *,
        timeout: float = 60.0,
        include: Sequence[str | Path] = (),
        extra_args: Sequence[str] = (),
        report_assumes: bool | None = None,
    ) -> None:
        self.fstar = fstar
        self.timeout = timeout
        self.include = [str(p) for p in include]
        self.extra_args = list(extra_args)
        self.version = fstar_version(fstar)
        self.report_assumes = (
            supports_report_assumes(self.version) if report_assumes is None else report_assumes
        )

    def check(self, goal: GoalView, candidate: str) -> CheckResult:
        rejected = prefilter(goal, candidate)
        if rejected is not None:
            return rejected
        snippet = build_snippet(goal, candidate)
        context = "\n\n".join(context_chunks(goal))
        filename = f"{goal.module}.fst"
        offset = context.count("\n") + 2  # the context, then one blank line
        argv = [str(self.fstar), filename]
        if self.report_assumes:
            argv += ["--report_assumes", "warn"]
        for inc in self.include:
            argv += ["--include", inc]
        argv += self.extra_args
        start = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="c2safe-fstar-") as tmp:
            (Path(tmp) / filename).write_text(context + "\n\n" + snippet + "\n", "utf-8")
            try:
                proc = subprocess.run(
                    argv,
                    cwd=tmp,
                    capture_output=True,
                    text=True,
                    timeout=self.timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                return CheckResult(
                    "timeout",
                    elapsed=time.monotonic() - start,
                    snippet=snippet,
                    reason=f"no answer from F* within {self.timeout:g} s",
                )
            except OSError as exc:
                return CheckResult("error", snippet=snippet, reason=f"cannot run F*: {exc}")
        elapsed = time.monotonic() - start
        issues = parse_batch_output(proc.stdout + "\n" + proc.stderr, filename, offset)
        errors = [i for i in issues if i.level == "error"]
        if proc.returncode == 0 and not errors:
            if any(_assumption_used(i) for i in issues):
                return CheckResult("rejected", issues, elapsed, snippet, "F* reports an assumption")
            return CheckResult("verified", issues, elapsed, snippet)
        if not errors and proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
            return CheckResult(
                "error",
                issues,
                elapsed,
                snippet,
                f"F* exited with {proc.returncode}: {tail[0][:200]}",
            )
        return CheckResult("failed", issues, elapsed, snippet, _first_error(errors))

    def close(self) -> None:
        pass


CheckerMode = Literal["ide", "batch"]


def make_checker(
    fstar: Path,
    mode: CheckerMode = "ide",
    *,
    timeout: float = 60.0,
    include: Sequence[str | Path] = (),
    extra_args: Sequence[str] = (),
    context: ContextMode = "file",
) -> Checker:
    if mode == "batch":
        return FStarBatchChecker(fstar, timeout=timeout, include=include, extra_args=extra_args)
    return FStarIdeChecker(
        fstar, timeout=timeout, include=include, extra_args=extra_args, context=context
    )

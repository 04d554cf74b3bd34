"""Check candidate F* definitions with `fstar.exe`: IDE mode (JSON lines, push/pop) or batch.

A candidate is **verified** only if all of these hold (rule codes: `acceptance.py`):
1. the rules on its text pass (`acceptance.candidate_violations`): it defines the goal's name
   at the top level, uses no admit/assume/magic/expect_failure in any form, and sets no
   option outside the fuel/ifuel/z3rlimit/z3seed allow-list;
2. F* reports success (IDE `status: success`; batch: exit 0, no error, "Verified module");
3. the rules on F*'s answer pass (`acceptance.fstar_violations`): no Warning 240 admitting
   the goal, no assumption reported in the candidate; in IDE mode F*'s `lookup` of the name
   after the push does not point at the bare `val`.

Guarantees:
- IDE and batch check the same text: the batch file is `<context>\n<snippet>`; an IDE session
  starts on the context plus the snippet's `open`/`module A = M` lines and qualified names
  (`startup_file`), so F* computes the same dependencies in both modes.
  A session is reused only for the same module *and* the same set of referenced modules
  (`fstar_lexer.referenced_modules`), and it is brought to the goal's context by popping back
  to the common prefix and pushing the rest: every check sees exactly the state a fresh
  session would, whatever the order of goals.
- A goal whose context (or `val`) does not check is `broken`: `check_goal` finds it before
  any candidate, and a candidate check that hits an error located in the context (batch:
  negative `<input>` lines) returns `broken`, never `failed`.
- F* runs in its own process group (with the Z3 it starts); on a timeout, on close and after
  every batch run the whole group is killed, so no solver outlives its checker.
- `probe` checks a one-lemma module that needs Z3 and raises `FStarSetupError` with F*'s own
  message when that fails ("Could not run Z3", missing library, ...).
- Each check has a wall-clock limit; on expiry the result is `timeout`. A crashed or
  unstartable F* gives status `error`, not an exception.
- `fstar.exe` is found from an explicit path, then `$FSTAR_EXE`, then PATH (`fstar.exe`,
  then `fstar`); see `find_fstar`.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from llm.fstar.acceptance import (
    Violation,
    candidate_violations,
    fstar_violations,
    lookup_violation,
)
from llm.fstar.dataset import GoalView
from llm.fstar.fstar_lexer import LexError, referenced_modules, tokenize, top_level_names

Status = Literal["verified", "failed", "rejected", "timeout", "error", "broken"]

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
    rules: tuple[str, ...] = ()  # acceptance rule codes that fired (status `rejected`)
    notes: tuple[str, ...] = ()  # e.g. what F*'s lookup said

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": self.status,
            "reason": self.reason,
            "elapsed": round(self.elapsed, 3),
            "issues": [i.to_json() for i in self.issues],
        }
        if self.rules:
            out["rules"] = list(self.rules)
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def _rejected(
    violations: Sequence[Violation],
    issues: tuple[Issue, ...] = (),
    elapsed: float = 0.0,
    snippet: str = "",
) -> CheckResult:
    reason = "; ".join(v.message for v in violations)
    rules = tuple(v.rule for v in violations)
    return CheckResult("rejected", issues, elapsed, snippet, reason, rules)


class FStarSetupError(RuntimeError):
    """F* cannot check anything here (no Z3, broken library path, ...): F*'s own message."""


class Checker(Protocol):
    """Judges candidate definitions for goals."""

    def check(self, goal: GoalView, candidate: str) -> CheckResult: ...

    def check_goal(self, goal: GoalView) -> CheckResult | None: ...

    def probe(self) -> None: ...

    def close(self) -> None: ...


# ---- text pre-filter -------------------------------------------------------------------------


def strip_comments(text: str) -> str:
    """Remove `(* ... *)` (nested) and `// ...` comments as F*'s lexer does; string literals
    are kept intact, and the code after a `// IN F*:` marker is kept."""
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
        elif text.startswith("(*", i):
            depth += 1
            i += 2
        elif depth > 0 and text.startswith("*)", i):
            depth -= 1
            i += 2
        elif depth > 0:
            if ch == "\n":
                out.append(ch)
            i += 1
        elif text.startswith("// IN F*:", i):
            i += len("// IN F*:")
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def prefilter(goal: GoalView, candidate: str, exempt: Iterable[str] = ()) -> CheckResult | None:
    """A `rejected` result when the text alone disqualifies the candidate, else None."""
    violations = candidate_violations(goal, candidate, exempt)
    return _rejected(violations) if violations else None


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


def build_snippet(goal: GoalView, candidate: str, restart_solver: bool = False) -> str:
    """What is checked after the context: `#restart-solver` (optional, as the reference
    harness v2 does, so Z3 starts fresh for every candidate), recorded options, the goal's
    `val`, the candidate."""
    parts: list[str] = ["#restart-solver"] if restart_solver else []
    options = vconfig_options(goal.vconfig)
    if options:
        parts.append('#push-options "' + " ".join(options).replace('"', '\\"') + '"')
    val = goal.checked_type.strip()
    if val:
        parts.append(
            val if val.startswith(("val", "private val")) else f"val {goal.short_name} : {val}"
        )
    if candidate.strip():
        parts.append(candidate.strip())
    if options:
        parts.append("#pop-options")
    return "\n".join(parts)


def candidate_first_line(goal: GoalView, restart_solver: bool = False) -> int:
    """The snippet line (1-based) on which the candidate starts."""
    before = build_snippet(goal, "X", restart_solver).splitlines()
    return before.index("X") + 1


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


# ---- processes ------------------------------------------------------------------------------


def kill_group(proc: subprocess.Popen[Any]) -> None:
    """Kill the process group `proc` leads (F* and the Z3 it started), then reap `proc`."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def run_group(argv: Sequence[str], cwd: Path | None, timeout: float) -> tuple[int, str, str]:
    """Run a command in its own process group; the group is killed when it returns or times
    out (`subprocess.TimeoutExpired`), so nothing it started keeps running."""
    proc = subprocess.Popen(
        list(argv),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        proc.communicate()
        raise
    finally:
        kill_group(proc)
    return proc.returncode, out, err


PROBE_MODULE = "C2safeProbe"
PROBE_DEFINITION = "let c2safe_probe (x:nat) : Lemma (x + 1 > x) = ()"
"""A lemma that needs Z3 (not provable by normalisation): a probe that fails means set-up."""


def probe_fstar(fstar: Path, extra: Sequence[str] = (), timeout: float = 120.0) -> None:
    """Check a one-lemma module; raise `FStarSetupError` with F*'s own words if it fails."""
    with tempfile.TemporaryDirectory(prefix="c2safe-fstar-probe-") as tmp:
        source = Path(tmp) / f"{PROBE_MODULE}.fst"
        source.write_text(f"module {PROBE_MODULE}\n{PROBE_DEFINITION}\n", "utf-8")
        try:
            rc, out, err = run_group([str(fstar), source.name, *extra], Path(tmp), timeout)
        except subprocess.TimeoutExpired:
            raise FStarSetupError(
                f"F* did not check a one-line lemma within {timeout:g} s"
            ) from None
        except OSError as exc:
            raise FStarSetupError(f"cannot run {fstar}: {exc}") from None
    text = (out + "\n" + err).strip()
    if rc == 0 and _VERIFIED.search(text) and not _ERROR_LINE.search(text):
        return
    lines = [ln for ln in text.splitlines() if ln.strip()]
    errors = [ln for ln in lines if _ERROR_LINE.search(ln) or "rror" in ln]
    shown = "\n".join((errors or lines)[-8:]) or f"exit code {rc}, no output"
    raise FStarSetupError(f"F* cannot check a one-line lemma (exit {rc}):\n{shown}")


_VERIFIED = re.compile(r"All verification conditions discharged successfully|Verified module")
_ERROR_LINE = re.compile(r"\(Error(?: \d+)?\)")


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
        _rc, out, err = run_group([str(exe), "--version"], None, timeout)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    lines = (out or err).strip().splitlines()
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
    """One `fstar.exe --ide` process (its own process group): send queries, read their
    responses with a deadline."""

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
            errors="replace",
            bufsize=1,
            start_new_session=True,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._stderr: list[str] = []
        assert self.proc.stdout is not None and self.proc.stderr is not None
        threading.Thread(target=self._pump, args=(self.proc.stdout, True), daemon=True).start()
        threading.Thread(target=self._pump, args=(self.proc.stderr, False), daemon=True).start()
        self._next_id = 1
        self.protocol_info: dict[str, Any] | None = None

    def _pump(self, stream: IO[str], is_stdout: bool) -> None:
        try:
            for line in stream:
                if is_stdout:
                    self._lines.put(line)
                else:
                    self._stderr.append(line)
        except (OSError, ValueError):
            pass
        if is_stdout:
            self._lines.put(None)

    @property
    def stderr(self) -> str:
        return "".join(self._stderr[-50:])

    @property
    def features(self) -> frozenset[str]:
        raw = (self.protocol_info or {}).get("features") or ()
        return frozenset(str(f) for f in raw)

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
        except (BrokenPipeError, OSError, ValueError) as exc:
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
        """Kill F* and everything it started (its whole process group)."""
        kill_group(self.proc)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass


ContextMode = Literal["file", "checked"]


def startup_file(goal: GoalView, chunks: Sequence[str], snippet: str) -> str:
    """The text an IDE session starts on: the goal's context, then what in the snippet makes
    F* load modules (its `open M` and `module A = M` lines, and its qualified names gathered
    in one `let`). F* reads a session's dependencies from this file only, and reads them from
    the same names batch mode sees, while a candidate that does not parse cannot stop F*
    from starting (this file is never checked, only scanned for dependencies)."""
    context = "\n".join(chunks)
    try:
        toks = tokenize(snippet)
    except LexError:
        toks = []
    lines: list[str] = []
    names: list[str] = []
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if tok.kind == "keyword" and tok.text == "open" and nxt is not None:
            if nxt.kind == "name":
                lines.append(f"open {nxt.text}")
        elif tok.kind == "keyword" and tok.text == "module" and i + 3 < len(toks):
            if toks[i + 2].text == "=" and nxt is not None and toks[i + 3].kind == "name":
                lines.append(f"module {nxt.text} = {toks[i + 3].text}")
        elif tok.kind == "name" and tok.qualifier and tok.text not in names:
            target = i >= 1 and toks[i - 1].text == "open"
            target = target or (i >= 3 and toks[i - 3].text == "module" and toks[i - 1].text == "=")
            if not target:
                names.append(tok.text)
    if names:
        lines.append(f"let c2safe_dependencies = [{'; '.join(names)}]")
    return "\n".join([context, *lines]) + "\n"


@dataclass
class _Slot:
    """One IDE session: its module, the modules its start-up file references, what is pushed."""

    key: tuple[str, frozenset[str], str]
    session: IdeSession
    pushed: list[str] = field(default_factory=list)


class FStarIdeChecker:
    """Checks candidates by pushing them into `fstar.exe --ide` sessions.

    `context="file"`: the goal's `file_context` plus the checked snippet is written to
    `<Module>.fst` (so F* sees every dependency at start-up, as batch mode does) and the
    context is pushed declaration by declaration. `context="checked"` (modern F* with the
    dataset's `.checked` files on `include`): the module's checked prefix is loaded with
    `push-partial-checked-file` up to the goal, then opens are pushed. At most
    `max_sessions` sessions are kept (least recently used is closed first).
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
        max_sessions: int = 2,
        lookup: bool = True,
        restart_solver: bool = False,
    ) -> None:
        self.restart_solver = restart_solver
        self.fstar = fstar
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.include = [str(p) for p in include]
        self.extra_args = list(extra_args)
        self.context = context
        self.max_sessions = max(1, max_sessions)
        self.lookup = lookup
        self.version = fstar_version(fstar)
        self.report_assumes = (
            supports_report_assumes(self.version) if report_assumes is None else report_assumes
        )
        self._workdir = Path(tempfile.mkdtemp(prefix="c2safe-fstar-"))
        self._slots: OrderedDict[tuple[str, frozenset[str], str], _Slot] = OrderedDict()
        self._goal_checks: dict[tuple[str, str, str], CheckResult | None] = {}
        self.sessions_started = 0

    # -- session management
    def _argv(self, filename: str) -> list[str]:
        argv = [str(self.fstar), "--ide", filename]
        if self.report_assumes:
            argv += ["--report_assumes", "warn"]
        for inc in self.include:
            argv += ["--include", inc]
        return argv + self.extra_args

    def _context_for(self, goal: GoalView) -> list[str]:
        if self.context == "file":
            return context_chunks(goal)
        return [o.render() for o in goal.explicit_opens] + [f"open {goal.module}"]

    def _slot(self, goal: GoalView, chunks: list[str], snippet: str) -> _Slot:
        """A live session whose start-up file references exactly the modules that
        `context + snippet` references (so F* loaded the same dependencies as batch mode)."""
        on_disk = startup_file(goal, chunks, snippet)
        refs = referenced_modules("\n".join(chunks) + "\n" + snippet)
        anchor = goal.name if self.context == "checked" else ""
        key = (goal.module, refs, anchor)
        slot = self._slots.get(key)
        if slot is not None and slot.session.proc.poll() is None:
            self._slots.move_to_end(key)
            return slot
        if slot is not None:
            self._drop(key)
        while len(self._slots) >= self.max_sessions:
            self._drop(next(iter(self._slots)))
        filename = f"{goal.module}.fst"
        self.sessions_started += 1
        where = self._workdir / f"s{self.sessions_started}"  # one directory per session
        where.mkdir()
        (where / filename).write_text(on_disk if self.context == "file" else "", "utf-8")
        session = IdeSession(self._argv(filename), where)
        slot = _Slot(key, session)
        self._slots[key] = slot
        session.read_banner(time.monotonic() + self.startup_timeout)
        if self.context == "checked":
            reply = session.query(
                "push-partial-checked-file",
                {"until-lid": goal.name},
                time.monotonic() + self.startup_timeout,
            )
            if reply.status != "success":
                self._drop(key)
                raise _ContextBroken(
                    CheckResult(
                        "broken",
                        _issues_of(reply.response),
                        reason="cannot load the module's checked prefix",
                    )
                )
        return slot

    def _drop(self, key: tuple[str, frozenset[str], str]) -> None:
        slot = self._slots.pop(key, None)
        if slot is not None:
            slot.session.kill()

    def _sync(self, slot: _Slot, chunks: list[str]) -> CheckResult | None:
        """Pop back to the longest common prefix with `chunks`, then push the rest."""
        common = 0
        while (
            common < len(slot.pushed)
            and common < len(chunks)
            and slot.pushed[common] == chunks[common]
        ):
            common += 1
        while len(slot.pushed) > common:
            slot.session.pop(time.monotonic() + self.timeout)
            slot.pushed.pop()
        for chunk in chunks[common:]:
            reply = slot.session.push(chunk, time.monotonic() + self.startup_timeout)
            if reply.status != "success":
                first = chunk.splitlines()[0] if chunk else ""
                return CheckResult(
                    "broken",
                    _issues_of(reply.response),
                    snippet=chunk,
                    reason=f"the goal's context does not check (at '{first[:60]}')",
                )
            slot.pushed.append(chunk)
        return None

    def _exempt(self, goal: GoalView) -> frozenset[str]:
        return top_level_names(goal.file_context)

    # -- checking
    def check_goal(self, goal: GoalView) -> CheckResult | None:
        """`broken` when the goal's context or its `val` does not check, else None."""
        key = (goal.name, goal.file_context, goal.checked_type)
        if key in self._goal_checks:
            return self._goal_checks[key]
        chunks = self._context_for(goal)
        snippet = build_snippet(goal, "", self.restart_solver)
        start = time.monotonic()
        try:
            slot = self._slot(goal, chunks, snippet)
            broken = self._sync(slot, chunks)
            if broken is None:
                reply = slot.session.push(snippet, time.monotonic() + self.timeout)
                if reply.status == "success":
                    slot.session.pop(time.monotonic() + self.timeout)
                else:
                    broken = CheckResult(
                        "broken",
                        _issues_of(reply.response),
                        snippet=snippet,
                        reason="the goal's type does not check",
                    )
        except _ContextBroken as exc:
            broken = exc.result
        except _Timeout:
            self._drop_all_for(goal)
            return CheckResult(
                "timeout",
                elapsed=time.monotonic() - start,
                reason=f"the goal's context did not check within {self.timeout:g} s",
            )
        except (_Died, OSError) as exc:
            self._drop_all_for(goal)
            return CheckResult("error", reason=f"F* stopped: {str(exc)[:300]}")
        self._goal_checks[key] = broken
        return broken

    def _drop_all_for(self, goal: GoalView) -> None:
        for key in [k for k in self._slots if k[0] == goal.module]:
            self._drop(key)

    def check(self, goal: GoalView, candidate: str) -> CheckResult:
        rejected = prefilter(goal, candidate, self._exempt(goal))
        if rejected is not None:
            return rejected
        start = time.monotonic()
        snippet = build_snippet(goal, candidate, self.restart_solver)
        chunks = self._context_for(goal)
        try:
            slot = self._slot(goal, chunks, snippet)
            broken = self._sync(slot, chunks)
            if broken is not None:
                return broken
            reply = slot.session.push(snippet, time.monotonic() + self.timeout)
            issues = _issues_of(reply.response)
            if reply.status != "success":
                elapsed = time.monotonic() - start
                return CheckResult("failed", issues, elapsed, snippet, _first_error(issues))
            violations = fstar_violations(goal, issues)
            notes: list[str] = []
            if self.lookup and "lookup" in slot.session.features:
                answer = slot.session.query(
                    "lookup",
                    {"symbol": goal.short_name, "requested-info": ["defined-at"]},
                    time.monotonic() + self.timeout,
                )
                if answer.status == "success":
                    violation, note = lookup_violation(
                        goal, answer.response, candidate_first_line(goal, self.restart_solver)
                    )
                elif "not found" in str(answer.response).lower():
                    violation, note = lookup_violation(goal, {"defined-at": None}, 0)
                else:
                    violation, note = None, f"lookup inconclusive: {str(answer.response)[:80]}"
                if violation is not None:
                    violations.append(violation)
                if note:
                    notes.append(note)
            slot.session.pop(time.monotonic() + self.timeout)
        except _ContextBroken as exc:
            return exc.result
        except _Timeout:
            self._drop_all_for(goal)
            return CheckResult(
                "timeout",
                elapsed=time.monotonic() - start,
                snippet=snippet,
                reason=f"no answer from F* within {self.timeout:g} s",
            )
        except (_Died, OSError) as exc:
            self._drop_all_for(goal)
            return CheckResult(
                "error",
                elapsed=time.monotonic() - start,
                snippet=snippet,
                reason=f"F* stopped: {str(exc)[:300]}",
            )
        elapsed = time.monotonic() - start
        if violations:
            return _rejected(violations, issues, elapsed, snippet)
        return CheckResult("verified", issues, elapsed, snippet, notes=tuple(notes))

    def probe(self) -> None:
        probe_fstar(self.fstar, [*self._include_args(), *self.extra_args], self.startup_timeout)

    def _include_args(self) -> list[str]:
        return [a for inc in self.include for a in ("--include", inc)]

    def close(self) -> None:
        for slot in list(self._slots.values()):
            slot.session.close()
        self._slots.clear()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> FStarIdeChecker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _ContextBroken(Exception):
    def __init__(self, result: CheckResult) -> None:
        super().__init__(result.reason)
        self.result = result


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
    """Checks each candidate by writing `<Module>.fst` (context, then the snippet: options,
    `val`, candidate) to a fresh temporary directory and running `fstar.exe` on it (one
    process group per candidate)."""

    def __init__(
        self,
        fstar: Path,
        *,
        timeout: float = 60.0,
        include: Sequence[str | Path] = (),
        extra_args: Sequence[str] = (),
        report_assumes: bool | None = None,
        startup_timeout: float = 120.0,
        restart_solver: bool = False,
    ) -> None:
        self.restart_solver = restart_solver
        self.fstar = fstar
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.include = [str(p) for p in include]
        self.extra_args = list(extra_args)
        self.version = fstar_version(fstar)
        self.report_assumes = (
            supports_report_assumes(self.version) if report_assumes is None else report_assumes
        )
        self._goal_checks: dict[tuple[str, str, str], CheckResult | None] = {}

    def _run(self, goal: GoalView, snippet: str) -> tuple[int, str, tuple[Issue, ...], float]:
        """Check `<context>\\n<snippet>`; raises TimeoutExpired / OSError."""
        context = "\n".join(context_chunks(goal))
        filename = f"{goal.module}.fst"
        offset = context.count("\n") + 1  # the snippet starts on the line after the context
        argv = [str(self.fstar), filename]
        if self.report_assumes:
            argv += ["--report_assumes", "warn"]
        for inc in self.include:
            argv += ["--include", inc]
        argv += self.extra_args
        start = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="c2safe-fstar-") as tmp:
            (Path(tmp) / filename).write_text(context + "\n" + snippet + "\n", "utf-8")
            rc, out, err = run_group(argv, Path(tmp), self.timeout)
        text = out + "\n" + err
        return rc, text, parse_batch_output(text, filename, offset), time.monotonic() - start

    def check_goal(self, goal: GoalView) -> CheckResult | None:
        """`broken` when the goal's context or its `val` does not check, else None."""
        key = (goal.name, goal.file_context, goal.checked_type)
        if key in self._goal_checks:
            return self._goal_checks[key]
        snippet = build_snippet(goal, "", self.restart_solver)
        try:
            rc, text, issues, elapsed = self._run(goal, snippet)
        except subprocess.TimeoutExpired:
            return CheckResult("timeout", reason=f"the goal's context did not check within "
                               f"{self.timeout:g} s")  # fmt: skip
        except OSError as exc:
            return CheckResult("error", reason=f"cannot run F*: {exc}")
        errors = tuple(i for i in issues if i.level == "error")
        result: CheckResult | None = None
        if errors:
            where = "context" if _in_context(errors) else "type"
            result = CheckResult(
                "broken", errors, elapsed, snippet, f"the goal's {where} does not check"
            )
        elif rc != 0:
            tail = text.strip().splitlines()[-1:] or ["no output"]
            result = CheckResult("error", issues, elapsed, snippet, f"F* exited with {rc}: "
                                 f"{tail[0][:200]}")  # fmt: skip
        self._goal_checks[key] = result
        return result

    def check(self, goal: GoalView, candidate: str) -> CheckResult:
        rejected = prefilter(goal, candidate, top_level_names(goal.file_context))
        if rejected is not None:
            return rejected
        snippet = build_snippet(goal, candidate, self.restart_solver)
        start = time.monotonic()
        try:
            rc, text, issues, elapsed = self._run(goal, snippet)
        except subprocess.TimeoutExpired:
            return CheckResult(
                "timeout",
                elapsed=time.monotonic() - start,
                snippet=snippet,
                reason=f"no answer from F* within {self.timeout:g} s",
            )
        except OSError as exc:
            return CheckResult("error", snippet=snippet, reason=f"cannot run F*: {exc}")
        errors = [i for i in issues if i.level == "error"]
        context_errors = [i for i in errors if _in_context([i])]
        if context_errors:
            return CheckResult(
                "broken",
                tuple(context_errors),
                elapsed,
                snippet,
                "the goal's context does not check: " + _first_error(context_errors),
            )
        if rc == 0 and not errors:
            violations = fstar_violations(goal, issues)
            if not _VERIFIED.search(text):
                violations.append(
                    Violation("not-verified", "F* did not report the module verified")
                )
            if violations:
                return _rejected(violations, issues, elapsed, snippet)
            return CheckResult("verified", issues, elapsed, snippet)
        if not errors:
            tail = text.strip().splitlines()[-1:] or ["no output"]
            return CheckResult(
                "error",
                issues,
                elapsed,
                snippet,
                f"F* exited with {rc}: {tail[0][:200]}",
            )
        return CheckResult("failed", issues, elapsed, snippet, _first_error(errors))

    def probe(self) -> None:
        extra = [a for inc in self.include for a in ("--include", inc)] + self.extra_args
        probe_fstar(self.fstar, extra, self.startup_timeout)

    def close(self) -> None:
        pass


def _in_context(issues: Sequence[Issue]) -> bool:
    """Located before the snippet (batch ranges in the module file shifted to <= 0)."""
    return any(r.fname == "<input>" and r.start_line <= 0 for i in issues for r in i.ranges)


CheckerMode = Literal["ide", "batch"]


def make_checker(
    fstar: Path,
    mode: CheckerMode = "ide",
    *,
    timeout: float = 60.0,
    include: Sequence[str | Path] = (),
    extra_args: Sequence[str] = (),
    context: ContextMode = "file",
    lookup: bool = True,
    restart_solver: bool = False,
) -> Checker:
    if mode == "batch":
        return FStarBatchChecker(
            fstar,
            timeout=timeout,
            include=include,
            extra_args=extra_args,
            restart_solver=restart_solver,
        )
    return FStarIdeChecker(
        fstar,
        timeout=timeout,
        include=include,
        extra_args=extra_args,
        context=context,
        lookup=lookup,
        restart_solver=restart_solver,
    )

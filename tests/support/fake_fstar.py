#!/usr/bin/env python3
"""A stand-in for `fstar.exe` (tests only): replays recorded F* transcripts, judges the rest.

Everything this script prints that is not a replayed recording is marked `(fake)`.

IDE mode (`--ide FILE`): prints the recorded `protocol-info` line, then answers each JSON query.
- `push` whose code was recorded (`ide_transcript.jsonl`, `cheats/ide_cheats.jsonl`) gets the
  recorded messages and response, with this query's id and `<input>` lines moved by the
  difference between this push's `line` and the recorded one.
- Other pushes: like the real F* IDE, only modules named in FILE when the session started are
  loaded; a push naming another module (`open M`, `M.x`) fails. Otherwise the oracle judges.
- `lookup` (emulated, not recorded): finds the symbol's last top-level `let`/`and` line in the
  pushed, not yet popped code, else its `val` line, else answers "symbol not found".
- `pop` succeeds; `exit` ends the process.

Batch mode (`FILE.fst`): a file whose text equals a recorded one (`Good.fst`, `Bad.fst`,
`cheats/Cheat1.fst`, ..., whitespace-insensitive) gets the recorded output and exit code;
otherwise the oracle judges the file.

Oracle: `$FAKE_FSTAR_ORACLE` names a JSON file `{"accept": [definition, ...]}`. A text passes
when, after removing every accepted definition (whitespace-insensitive), no `let` is left.
Without an oracle everything passes. `FAKE_SLOW` in a text makes this process hang (timeouts);
`FAKE_CRASH` makes it exit; `FAKE_ILL_TYPED` fails on its line. `$FAKE_FSTAR_LOG` receives
every query line (protocol checks).
`$FAKE_FSTAR_NO_Z3` makes every check fail as if the solver could not be started.
`$FAKE_FSTAR_CHILD_PIDS` names a file: at start-up this process starts a long-lived child (as
F* starts Z3) and appends the child's pid to it.
Environment: `$FAKE_FSTAR_TRANSCRIPTS` is the transcript directory.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TRANSCRIPTS = Path(os.environ.get("FAKE_FSTAR_TRANSCRIPTS", Path(__file__).parent))
ALWAYS_LOADED = {"Prims", "FStar.Pervasives", "FStar.Pervasives.Native"}
NO_Z3 = "(fake) could not run Z3: the solver is missing"


def _normal(text: str) -> str:
    return " ".join(text.split())


def _accepted() -> list[str] | None:
    path = os.environ.get("FAKE_FSTAR_ORACLE")
    if not path:
        return None
    return [_normal(d) for d in json.loads(Path(path).read_text("utf-8"))["accept"]]


def judge(text: str) -> tuple[bool, int]:
    """(passes, 1-based line of the first unaccepted `let`)."""
    if "FAKE_SLOW" in text:
        time.sleep(600)
    if "FAKE_CRASH" in text:
        sys.exit(3)
    for i, line in enumerate(text.splitlines(), 1):
        if "FAKE_ILL_TYPED" in line:  # stands for a type that does not check
            return False, i
    accepted = _accepted()
    if accepted is None:
        return True, 0
    rest = _normal(text)
    for definition in sorted(accepted, key=len, reverse=True):
        rest = rest.replace(definition, " ")
    if not re.search(r"\blet\b", rest):
        return True, 0
    for i, line in enumerate(text.splitlines(), 1):
        if re.match(r"\s*let\b", line) and _normal(line) not in " ".join(accepted):
            return False, i
    return False, 1


def modules_named(text: str) -> set[str]:
    """Modules a text names: `open M`, `module A = M` and the qualifier of `M.x` (the fake's
    own reading)."""
    found = set(re.findall(r"\bopen\s+([A-Z][\w.']*)", text))
    found |= set(re.findall(r"\bmodule\s+[A-Z][\w']*\s*=\s*([A-Z][\w.']*)", text))
    found |= {m.rstrip(".") for m in re.findall(r"\b((?:[A-Z][\w']*\.)+)[a-z_]", text)}
    return found


def recorded_ide() -> tuple[str, dict[str, tuple[int, list[dict[str, Any]]]]]:
    banner = ""
    table: dict[str, tuple[int, list[dict[str, Any]]]] = {}
    for name in ("ide_transcript.jsonl", "cheats/ide_cheats.jsonl"):
        path = TRANSCRIPTS / name
        if not path.is_file():
            continue
        current: list[dict[str, Any]] | None = None
        for line in path.read_text("utf-8").splitlines():
            direction, _, payload = line.partition(" ")
            message = json.loads(payload)
            if direction == ">":
                current = None
                if message.get("query") == "push":
                    code = message["args"]["code"]
                    if code not in table:
                        table[code] = (int(message["args"].get("line", 1)), [])
                        current = table[code][1]
            elif direction == "<":
                if message.get("kind") == "protocol-info":
                    banner = banner or payload
                elif current is not None:
                    current.append(message)
    return banner, table


def _shift(message: dict[str, Any], delta: int) -> dict[str, Any]:
    if not delta or not isinstance(message.get("response"), list):
        return message
    issues = []
    for issue in message["response"]:
        ranges = []
        for r in issue.get("ranges", []):
            if r.get("fname") == "<input>":
                r = {**r, "beg": [r["beg"][0] + delta, r["beg"][1]]}
                r["end"] = [r["end"][0] + delta, r["end"][1]]
            ranges.append(r)
        issues.append({**issue, "ranges": ranges})
    return {**message, "response": issues}


def send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def lookup(stack: list[tuple[int, str]], symbol: str) -> dict[str, Any] | None:
    name = re.escape(symbol)
    for pattern in (rf"^(?:let(?:\s+rec)?|and)\s+({name})(?![\w'])", rf"^val\s+({name})(?![\w'])"):
        for base, code in reversed(stack):
            for i, text in enumerate(code.splitlines()):
                m = re.match(pattern, text)
                if m:
                    line = base + i
                    return {
                        "kind": "symbol",
                        "name": symbol,
                        "defined-at": {
                            "fname": "<input>",
                            "beg": [line, m.start(1)],
                            "end": [line, m.end(1)],
                        },
                        "type": None,
                        "documentation": None,
                        "definition": None,
                    }
    return None


def ide(path: Path) -> int:
    banner, table = recorded_ide()
    sys.stdout.write(banner + "\n")
    sys.stdout.flush()
    loaded = ALWAYS_LOADED | (modules_named(path.read_text("utf-8")) if path.is_file() else set())
    stack: list[tuple[int, str]] = []
    log = os.environ.get("FAKE_FSTAR_LOG")
    for line in sys.stdin:
        if not line.strip():
            continue
        if log:
            with open(log, "a", encoding="utf-8") as f:
                f.write(line.rstrip("\n") + "\n")
        query = json.loads(line)
        qid, kind, args = query.get("query-id"), query.get("query"), query.get("args") or {}
        if kind == "exit":
            return 0
        if kind == "pop":
            if stack:
                stack.pop()
            send({"kind": "response", "query-id": qid, "status": "success", "response": None})
            continue
        if kind == "lookup":
            found = lookup(stack, str(args.get("symbol", "")))
            status = "success" if found else "failure"
            send(
                {
                    "kind": "response",
                    "query-id": qid,
                    "status": status,
                    "response": found or "(fake) symbol not found",
                }
            )
            continue
        if kind != "push":
            send(
                {
                    "kind": "response",
                    "query-id": qid,
                    "status": "failure",
                    "response": f"unsupported query {kind}",
                }
            )
            continue
        code = args.get("code", "")
        base = int(args.get("line", 1))
        if code in table and not os.environ.get("FAKE_FSTAR_NO_Z3"):
            recorded_line, messages = table[code]
            for recorded in messages:
                send({**_shift(recorded, base - recorded_line), "query-id": qid})
                if recorded.get("kind") == "response" and recorded.get("status") == "success":
                    stack.append((base, code))
            continue
        missing = sorted(modules_named(code) - loaded)
        if os.environ.get("FAKE_FSTAR_NO_Z3") and "let" in code:
            ok, line_no, message = False, 1, NO_Z3
        elif missing:
            ok, line_no, message = False, 1, f"(fake) module {missing[0]} is not loaded"
        else:
            ok, line_no = judge(code)
            message = "Subtyping check failed; expected type nat; got type int (fake)"
        if ok:
            stack.append((base, code))
            send({"kind": "response", "query-id": qid, "status": "success", "response": []})
        else:
            issue = {
                "level": "error",
                "message": message,
                "ranges": [
                    {
                        "fname": "<input>",
                        "beg": [base - 1 + line_no, 4],
                        "end": [base - 1 + line_no, 12],
                    }
                ],
            }
            send({"kind": "response", "query-id": qid, "status": "failure", "response": [issue]})
    return 0


def recorded_batch(path: Path) -> tuple[list[str], int] | None:
    """The recorded output and exit code of a file with the same text, if any."""
    text = _normal(path.read_text("utf-8"))
    for source in [*TRANSCRIPTS.glob("*.fst"), *TRANSCRIPTS.glob("cheats/*.fst")]:
        if _normal(source.read_text("utf-8")) != text:
            continue
        for name in (f"batch_{source.stem.lower()}.txt", f"batch_{source.stem}.txt"):
            out = source.parent / name
            if not out.is_file():
                continue
            lines, code = [], 0
            for line in out.read_text("utf-8").splitlines():
                m = re.match(r"^exit(?:=| code: )(\d+)$", line)
                if m:
                    code = int(m.group(1))
                else:
                    lines.append(line)
            return lines, code
    return None


def batch(path: Path) -> int:
    if os.environ.get("FAKE_FSTAR_NO_Z3"):
        print(f"{path.name}(0,0-0,0): (Error 17) {NO_Z3}")
        return 1
    recorded = recorded_batch(path)
    if recorded is not None:
        lines, code = recorded
        print("\n".join(lines))
        return code
    text = path.read_text("utf-8")
    ok, line_no = judge(text)
    if ok:
        print(f"Verified module: {path.stem} (1 milliseconds)")
        print("All verification conditions discharged successfully")
        return 0
    print(
        f"{path.name}({line_no},4-{line_no},12): (Error 19) Subtyping check failed; "
        "expected type nat; got type int (fake)"
    )
    print(f"Verified module: {path.stem} (1 milliseconds)")
    print("1 error was reported (see above)")
    return 1


def spawn_child() -> None:
    """Start a long-lived child, as F* starts Z3, and record its pid."""
    pids = os.environ.get("FAKE_FSTAR_CHILD_PIDS")
    if not pids:
        return
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(300)"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(pids, "a", encoding="utf-8") as f:
        f.write(f"{child.pid}\n")


def main(argv: list[str]) -> int:
    if "--version" in argv:
        print("F* 0.9.7.0~dev (fake)")
        return 0
    spawn_child()
    files = [a for a in argv if a.endswith(".fst")]
    if "--ide" in argv:
        return ide(Path(files[0]) if files else Path("missing.fst"))
    if not files:
        print("fake fstar: no file given", file=sys.stderr)
        return 2
    return batch(Path(files[0]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

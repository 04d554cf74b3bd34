#!/usr/bin/env python3
"""A stand-in for `fstar.exe` (tests only): replays recorded F* transcripts, judges the rest.

IDE mode (`--ide FILE`): prints the recorded `protocol-info` line, then answers each JSON query.
A `push` whose code was recorded in `ide_transcript.jsonl` gets the recorded messages and
response (with this query's id). Other pushes are judged by the oracle (below). `pop`
succeeds; `exit` ends the process.

Batch mode (`FILE.fst`): for a file named like a recorded one (`Good.fst`, `Bad.fst`) prints
the recorded output and exits with the recorded code; otherwise judges the file by the oracle.

Oracle: `$FAKE_FSTAR_ORACLE` names a JSON file `{"accept": [definition, ...]}`. A text passes
when, after removing every accepted definition (whitespace-insensitive), no `let` is left.
Without an oracle everything passes. `FAKE_SLOW` in a text makes this process hang (timeouts);
`FAKE_CRASH` makes it exit. `$FAKE_FSTAR_LOG` receives every query line (protocol checks).
Environment: `$FAKE_FSTAR_TRANSCRIPTS` is the transcript directory.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

TRANSCRIPTS = Path(os.environ.get("FAKE_FSTAR_TRANSCRIPTS", Path(__file__).parent))


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


def recorded_ide() -> tuple[str, dict[str, list[dict[str, Any]]]]:
    banner = ""
    table: dict[str, list[dict[str, Any]]] = {}
    current: list[dict[str, Any]] | None = None
    for line in (TRANSCRIPTS / "ide_transcript.jsonl").read_text("utf-8").splitlines():
        direction, _, payload = line.partition(" ")
        message = json.loads(payload)
        if direction == ">":
            current = None
            if message.get("query") == "push":
                current = table.setdefault(message["args"]["code"], [])
        elif direction == "<":
            if message.get("kind") == "protocol-info":
                banner = payload
            elif current is not None:
                current.append(message)
    return banner, table


def send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def ide() -> int:
    banner, table = recorded_ide()
    sys.stdout.write(banner + "\n")
    sys.stdout.flush()
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
            send({"kind": "response", "query-id": qid, "status": "success", "response": None})
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
        if code in table:
            for recorded in table[code]:
                send({**recorded, "query-id": qid})
            continue
        ok, line_no = judge(code)
        if ok:
            send({"kind": "response", "query-id": qid, "status": "success", "response": []})
        else:
            issue = {
                "level": "error",
                "message": "Subtyping check failed; expected type nat; got type int (fake)",
                "ranges": [{"fname": "<input>", "beg": [line_no, 4], "end": [line_no, 12]}],
            }
            send({"kind": "response", "query-id": qid, "status": "failure", "response": [issue]})
    return 0


def batch(path: Path) -> int:
    recorded = TRANSCRIPTS / f"batch_{path.stem.lower()}.txt"
    if path.name in {"Good.fst", "Bad.fst"} and recorded.is_file():
        code = 0
        for line in recorded.read_text("utf-8").splitlines():
            if line.startswith("exit="):
                code = int(line[5:])
            else:
                print(line)
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


def main(argv: list[str]) -> int:
    if "--version" in argv:
        print("F* 0.9.7.0~dev (fake)")
        return 0
    if "--ide" in argv:
        return ide()
    files = [a for a in argv if a.endswith(".fst")]
    if not files:
        print("fake fstar: no file given", file=sys.stderr)
        return 2
    return batch(Path(files[0]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Record a real `fstar.exe --ide` session for the test fixtures (run it where F* exists).

    .venv/bin/python -m tests.fstar.record_transcript --fstar /path/to/fstar.exe OUT.jsonl

Pushes `module Ctx3`, then for the false goal `val wrong : x:nat -> Lemma (x + 1 == x)` the
honest proof and each recorded cheat (tests/fstar/data/transcripts/cheats/), and after every
successful push asks `lookup` for `wrong` before popping. Lines are written as in
`ide_transcript.jsonl`: `> ` + what was sent, `< ` + what F* printed, with the F* install
path replaced by `<fstar>`. Nothing here is ever written by hand: the file is F*'s output.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.support.fstar_fake import TRANSCRIPTS

WRONG_VAL = "val wrong : x:nat -> Lemma (x + 1 == x)"


def candidates() -> list[str]:
    out = ["let wrong x = ()"]
    for n in (1, 2, 3, 4):
        lines = (TRANSCRIPTS / "cheats" / f"Cheat{n}.fst").read_text().splitlines()
        out.append("\n".join(lines[2:]))
    out.append("let wrong x = admit ()")
    return out


class Recorder:
    def __init__(self, fstar: Path, workdir: Path, out: Path) -> None:
        self.proc = subprocess.Popen(
            [str(fstar), "--ide", "Ctx3.fst"],
            cwd=workdir,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
            start_new_session=True,
        )
        self.fstar_dir = str(fstar.resolve().parent.parent)
        self.out = out.open("w", encoding="utf-8")
        self.qid = 0
        self.read_until(lambda m: m.get("kind") == "protocol-info")

    def write(self, direction: str, text: str) -> None:
        self.out.write(f"{direction} {text.replace(self.fstar_dir, '<fstar>')}\n")

    def read_until(self, done: Any) -> dict[str, Any]:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("fstar.exe exited")
            line = line.strip()
            if not line:
                continue
            self.write("<", line)
            try:
                message = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(message, dict) and done(message):
                return message
        raise SystemExit("no answer from fstar.exe within 300 s")

    def query(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        self.qid += 1
        qid = str(self.qid)
        text = json.dumps({"query-id": qid, "query": name, "args": args})
        self.write(">", text)
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        return self.read_until(lambda m: m.get("kind") == "response" and m.get("query-id") == qid)

    def push(self, code: str, line: int) -> dict[str, Any]:
        return self.query("push", {"kind": "full", "code": code, "line": line, "column": 0})

    def close(self) -> None:
        self.proc.kill()
        self.out.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--fstar", type=Path, required=True)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "Ctx3.fst").write_text("module Ctx3\n", "utf-8")
        rec = Recorder(args.fstar, Path(tmp), args.out)
        try:
            rec.push("module Ctx3", 1)
            for candidate in candidates():
                reply = rec.push(WRONG_VAL + "\n" + candidate, 2)
                if reply.get("status") == "success":
                    rec.query("lookup", {"symbol": "wrong", "requested-info": ["defined-at"]})
                    rec.query("pop", {})
        finally:
            rec.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

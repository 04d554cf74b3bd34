"""Facts for the prompt (issue 11 item 4, after SeCoT: data and control flow in the prompt).

For a stubbed function, what c2safe's analyses and the crate's C say, as short sentences:

- which pointer parameters the function writes (the stub's Rust signature: ``&mut [T]`` is
  written, ``&[T]`` only read; the mutability inference decided it from the callers and
  callees when the body could not be translated);
- each pointer's extent when the prototype bounds it (``uint8_t key[32]``);
- how the callers in the crate call it (the call lines of the C), the lengths they pass,
  and whether a call passes the same buffer twice (aliasing: the Rust call site copies);
- the return values the callers test for.

Guarantee: a pure function of the crate's C and the stub's signature (the prompt stays a
pure function of the job, so a re-run is still answered by the reply cache).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from translator.c_source import CFunction

_PARAM = re.compile(r"(?:^|,)\s*(?:mut\s+)?(\w+)\s*:\s*(&mut\s*\[|&\s*\[|&mut\s|&)?")
_BOUND = re.compile(r"(\w+)\s*\[\s*(\w+)\s*\]")
MAX_CALL_LINES = 6


def _params(signature: str) -> list[tuple[str, str]]:
    """(name, kind) of each parameter: ``write`` / ``read`` slice, ``ref`` or ``value``."""
    inner = signature[signature.find("(") + 1 : signature.rfind(")")]
    out: list[tuple[str, str]] = []
    depth = 0
    cur = ""
    for ch in inner + ",":
        if ch in "<([":
            depth += 1
        elif ch in ">)]":
            depth -= 1
        if ch == "," and depth == 0:
            if ":" in cur:
                name, ty = cur.split(":", 1)
                ty = ty.strip()
                kind = (
                    "write"
                    if ty.startswith("&mut [")
                    else "read"
                    if ty.startswith("&[")
                    else "ref"
                    if ty.startswith("&")
                    else "value"
                )
                out.append((name.strip().removeprefix("mut ").strip(), kind))
            cur = ""
        else:
            cur += ch
    return out


def facts_for(
    name: str, signature: str, c_fn: CFunction | None, others: Iterable[CFunction]
) -> tuple[str, ...]:
    facts: list[str] = []
    params = _params(signature)
    written = [p for p, k in params if k == "write"]
    read = [p for p, k in params if k == "read"]
    if written:
        facts.append(
            "writes through "
            + ", ".join(f"`{p}`" for p in written)
            + " (`&mut [T]`): every element the C writes must be written, no other"
        )
    if read:
        facts.append("only reads " + ", ".join(f"`{p}`" for p in read) + " (`&[T]`)")
    if c_fn is not None:
        for mb in _BOUND.finditer(c_fn.declaration):
            facts.append(
                f"`{mb.group(1)}` holds {mb.group(2)} elements (the prototype's array bound)"
            )
    calls: list[str] = []
    aliasing: list[str] = []
    tested: set[str] = set()
    pat = re.compile(rf"\b{re.escape(name)}\s*\(([^;]*)\)")
    for other in others:
        if other.name == name or name not in other.calls:
            continue
        for line in other.text.splitlines():
            m = pat.search(line)
            if not m:
                continue
            if len(calls) < MAX_CALL_LINES:
                calls.append(f"`{line.strip()}` (in `{other.name}`)")
            args = [a.strip() for a in m.group(1).split(",")]
            bases = [re.match(r"&?\s*(\w+)", a) for a in args]
            seen: dict[str, int] = {}
            for i, b in enumerate(bases):
                if b is None:
                    continue
                if b.group(1) in seen and i < len(params) and seen[b.group(1)] < len(params):
                    p1, p2 = params[seen[b.group(1)]][0], params[i][0]
                    aliasing.append(
                        f"`{other.name}` passes `{b.group(1)}` as both `{p1}` and `{p2}`: the "
                        "Rust call site passes a copy for one of them, so read each only "
                        "through its own parameter"
                    )
                seen.setdefault(b.group(1), i)
            cond = re.search(
                rf"(?:if|while)\s*\(.*\b{re.escape(name)}\s*\(.*\)\s*([!=<>]=?)\s*(\w+)", line
            )
            if cond:
                tested.add(f"{cond.group(1)} {cond.group(2)}")
    if calls:
        facts.append("how the callers in the crate call it: " + "; ".join(calls))
    facts += aliasing[:3]
    if tested:
        facts.append(
            "callers test its result with " + ", ".join(sorted(tested)) + ": keep those values"
        )
    return tuple(facts)

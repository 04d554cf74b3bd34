"""Evidence strength: single-site mutants in the Rust, caught (or not) by the difftest cases.

``c2safe difftest OUT --mutants N`` plants ``N`` mutants, one at a time, in the bodies of the
functions the prototype-driven method covered (``difftest_proto``), and re-runs every one of
its cases through the Rust side only (the C results are already known). Kinds:

- ``arithmetic``: ``+ - * / %`` and ``wrapping_add/sub/mul`` swapped for another operator;
- ``bitwise``: ``^ | &`` swapped;
- ``shift``: ``<<``/``>>``, ``wrapping_shl/shr`` and ``rotate_left/right`` reversed;
- ``constant``: an integer literal ``n`` becomes ``n + 1``;
- ``index``: ``a[e]`` becomes ``a[(e) + 1]``.

A mutant is *killed* when some case diverges from the C (a different output, a panic, a
crash or a hang), *stillborn* when it does not compile (not counted), else it *survives*.
Per function: planted, killed, killed by the function's own cases, survivors (with the
mutated line). Sites are drawn with the seed, round-robin over the functions, so every
function gets mutants before any gets a second. A function whose own cases kill less than
``WEAK_SCORE`` of its mutants is flagged ``weak``; an ``llm-filled`` one says so.

Guarantees: the translated crate is never modified (mutants live in a copy); a mutant's
verdict only uses cases on which the C ran clean under the sanitizers.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llm.fill.rustlex import LexError, find_fn, matching, tokenize
from translator.difftest_harness import BuildError
from translator.difftest_model import Plans, Rng
from translator.difftest_proto import ProtoRun, build_rust_runner, run_rust

WEAK_SCORE = 0.75
MUTANT_CASE_TIMEOUT = 5.0

_BINARY_SWAP = {
    "+": ("-", "arithmetic"),
    "-": ("+", "arithmetic"),
    "*": ("+", "arithmetic"),
    "/": ("*", "arithmetic"),
    "%": ("/", "arithmetic"),
    "^": ("|", "bitwise"),
    "|": ("^", "bitwise"),
    "&": ("|", "bitwise"),
    "<<": (">>", "shift"),
    ">>": ("<<", "shift"),
    "+=": ("-=", "arithmetic"),
    "-=": ("+=", "arithmetic"),
    "^=": ("|=", "bitwise"),
    "|=": ("^=", "bitwise"),
    "&=": ("|=", "bitwise"),
    "<<=": (">>=", "shift"),
    ">>=": ("<<=", "shift"),
}
_METHOD_SWAP = {
    "wrapping_add": ("wrapping_sub", "arithmetic"),
    "wrapping_sub": ("wrapping_add", "arithmetic"),
    "wrapping_mul": ("wrapping_add", "arithmetic"),
    "wrapping_shl": ("wrapping_shr", "shift"),
    "wrapping_shr": ("wrapping_shl", "shift"),
    "rotate_left": ("rotate_right", "shift"),
    "rotate_right": ("rotate_left", "shift"),
}
_OPERAND_END = {")", "]"}


@dataclass(frozen=True)
class Site:
    function: str  # the plan key
    module: str
    start: int  # text offsets in the module (of the copy)
    end: int
    replacement: str
    kind: str
    line: int
    original: str

    def describe(self, text: str) -> str:
        return (
            f"{self.kind} at {self.module}.rs:{self.line}: `{self.original}` -> "
            f"`{self.replacement}` in `{_line_of(text, self.start).strip()}`"
        )


def _line_of(text: str, offset: int) -> str:
    a = text.rfind("\n", 0, offset) + 1
    b = text.find("\n", offset)
    return text[a : b if b >= 0 else len(text)]


def sites_in(text: str, module: str, key: str, rust_name: str) -> list[Site]:
    """Every mutation site in the body of ``rust_name`` in the module ``text``."""
    item = find_fn(text, rust_name)
    if item is None:
        return []
    try:
        toks = tokenize(text)
    except LexError:
        return []
    out: list[Site] = []

    def add(a: int, b: int, rep: str, kind: str) -> None:
        line = text.count("\n", 0, a) + 1
        out.append(Site(key, module, a, b, rep, kind, line, text[a:b]))

    for i in range(item.body_open + 1, item.body_close):
        t = toks[i]
        prev = toks[i - 1]
        operand_before = prev.kind in ("ident", "num") or prev.text in _OPERAND_END
        if prev.kind == "ident" and prev.text in ("return", "in", "if", "match", "while", "let"):
            operand_before = False
        if t.kind == "punct" and t.text in _BINARY_SWAP and operand_before:
            if t.text in ("&", "*", "-") and toks[i + 1].text in ("mut",):
                continue
            rep, kind = _BINARY_SWAP[t.text]
            add(t.start, t.end, rep, kind)
        elif t.kind == "ident" and t.text in _METHOD_SWAP and prev.is_punct("."):
            rep, kind = _METHOD_SWAP[t.text]
            add(t.start, t.end, rep, kind)
        elif t.kind == "num":
            if prev.is_punct(";") or prev.is_punct("..") or prev.is_punct("..="):
                continue  # an array length or a range bound in a pattern: usually stillborn
            digits, suffix = _split_num(t.text)
            if digits is None:
                continue
            base = 16 if digits.lower().startswith("0x") else 10
            v = int(digits.replace("_", ""), base) + 1
            lit = f"{v:#x}" if base == 16 else str(v)
            add(t.start, t.end, lit + suffix, "constant")
        elif t.is_punct("[") and operand_before:
            close = matching(toks, i)
            inner = toks[i + 1 : close]
            if not inner or any(x.text in ("..", "..=") for x in inner):
                continue
            a, b = inner[0].start, inner[-1].end
            add(a, b, f"({text[a:b]}) + 1", "index")
    return out


def _split_num(text: str) -> tuple[str | None, str]:
    for suf in ("usize", "isize", "u128", "i128", "u64", "i64", "u32", "i32", "u16", "i16"):
        if text.endswith(suf):
            return text[: -len(suf)], suf
    for suf in ("u8", "i8"):
        if text.endswith(suf) and not text.lower().startswith("0x"):
            return text[: -len(suf)], suf
    if text.lower().startswith("0x") and text.endswith(("u8", "i8")):
        return text[:-2], text[-2:]
    body = text.replace("_", "")
    if body.isdigit() or (body.lower().startswith("0x") and len(body) > 2):
        return text, ""
    return None, ""


def choose(sites_by_fn: dict[str, list[Site]], n: int, seed: int) -> list[Site]:
    """``n`` sites, shuffled per function with the seed, taken round-robin over functions."""
    pools: list[list[Site]] = []
    for key in sorted(sites_by_fn):
        pool = list(sites_by_fn[key])
        rng = Rng.derive(seed, "mutants", key)
        for i in range(len(pool) - 1, 0, -1):
            j = rng.below(i + 1)
            pool[i], pool[j] = pool[j], pool[i]
        if pool:
            pools.append(pool)
    out: list[Site] = []
    while len(out) < n and any(pools):
        for pool in pools:
            if pool and len(out) < n:
                out.append(pool.pop(0))
    return out


def _statuses(out: Path) -> dict[str, str]:
    """Function name -> status in ``c2safe-report.json`` (``llm-filled``, ...)."""
    try:
        data = json.loads((out / "c2safe-report.json").read_text())
    except (OSError, ValueError):
        return {}
    return {
        str(fn.get("name", "")): str(fn.get("status", ""))
        for fe in data.get("files", []) or []
        for fn in fe.get("functions", []) or []
    }


def run_mutants(
    out: Path,
    proto: ProtoRun,
    planned: Plans,
    work: Path,
    opts: Any,
    log: Callable[[str], None],
) -> dict[str, dict[str, Any]]:
    """Plant ``opts.mutants`` mutants; return a summary per function key."""
    from translator.difftest import compare

    tested = proto.tested
    plans = [f.plan for f in tested]
    try:
        binary = build_rust_runner(
            work,
            out,
            plans,
            planned.structs,
            planned.struct_modules,
            planned.borrowed,
            crate_dir="mcrate",
        )
    except BuildError as e:
        log(f"c2safe difftest: mutants not run: {e.what}")
        return {}
    crate = work / "mcrate"
    texts: dict[str, str] = {}
    by_fn: dict[str, list[Site]] = {}
    for f in tested:
        p = f.plan
        if p.module not in texts:
            texts[p.module] = (crate / "src" / f"{p.module}.rs").read_text()
        by_fn[p.key] = sites_in(texts[p.module], p.module, p.key, p.rust_name)
    chosen = choose(by_fn, opts.mutants, opts.seed)
    fid_of = {f.plan.key: i for i, f in enumerate(tested)}
    summary: dict[str, dict[str, Any]] = {
        f.plan.key: {
            "sites": len(by_fn.get(f.plan.key, [])),
            "planted": 0,
            "killed": 0,
            "killed_by_own_cases": 0,
            "stillborn": 0,
            "survivors": [],
        }
        for f in tested
    }
    env = dict(os.environ, CARGO_TARGET_DIR=str(work / "proto_target"))
    harness = work / "proto_mcrate"
    for n, site in enumerate(chosen):
        mod_file = crate / "src" / f"{site.module}.rs"
        original = texts[site.module]
        mod_file.write_text(original[: site.start] + site.replacement + original[site.end :])
        s = summary[site.function]
        try:
            proc = subprocess.run(
                ["cargo", "build", "--offline", "--quiet"],
                cwd=harness,
                capture_output=True,
                text=True,
                env=env,
            )
            if proc.returncode != 0:
                s["stillborn"] += 1
                continue
            s["planted"] += 1
            rres, crashed = run_rust(binary, proto.lines, work, MUTANT_CASE_TIMEOUT)
            killers: set[int] = set()
            for cid, (fid, k) in proto.owner.items():
                case = tested[fid].cases[k]
                if case.c is None:
                    continue
                if cid in crashed:
                    killers.add(fid)
                    continue
                r = rres.get(cid)
                if r is None:
                    continue
                try:
                    if compare(tested[fid].plan, {"c": case.c, "r": r}, planned.structs):
                        killers.add(fid)
                except ValueError:
                    continue
            if killers:
                s["killed"] += 1
                if fid_of[site.function] in killers:
                    s["killed_by_own_cases"] += 1
            else:
                s["survivors"].append(site.describe(original))
            log(
                f"c2safe difftest: mutant {n + 1}/{len(chosen)} in `{site.function}` "
                f"({site.kind}): {'killed' if killers else 'SURVIVED'}"
            )
        finally:
            mod_file.write_text(original)
    status = _statuses(out)
    for f in tested:
        s = summary[f.plan.key]
        planted = int(s["planted"])
        s["score"] = round(s["killed_by_own_cases"] / planted, 3) if planted else None
        s["weak"] = bool(planted) and s["killed_by_own_cases"] / planted < WEAK_SCORE
        s["llm_filled"] = status.get(f.plan.key) == "llm-filled"
    return {k: v for k, v in summary.items() if v["planted"] or v["stillborn"]}

"""Differential testing of a translated crate against its original C (``c2safe difftest``).

The recipe, for a crate ``OUT`` written by ``c2safe translate``:

1. read ``OUT/.c2safe.json`` (sources, ``-I``, ``-D``) and ``OUT/c2safe-report.json``;
   re-run the front half (``driver.analyze``) to get the typed program;
2. plan every translated function, static helpers and header helpers included, whose
   parameters are integers, integer buffers and structs of those (``difftest_model``);
   the others are listed as not covered, with the reason;
3. generate seeded cases; the bounds oracle (``difftest_oracle``) admits only cases on
   which the C stays in bounds and free of the undefined behaviour it checks, and fixes
   every buffer's length (``difftest_gen``);
4. build the original C with gcc into a shared library, and a harness crate that calls
   both sides (``difftest_harness``); run every case;
5. compare the return value and every pointer argument after the call (C ``exit`` and a
   Rust panic agree); shrink the first divergence of each function to a small input and
   write it out as a Rust ``#[test]`` that expects the C's results;
6. print a table and write ``OUT/c2safe-difftest.json``.

Guarantees: the cases are a function of the seed (a function whose oracle needs more than
``ORACLE_SECONDS_PER_FUNCTION`` per 24 cases gets fewer); the translated crate is never
modified (the harness builds a copy); the C never runs on a case the oracle rejected; a
case where the harness's canaries show a C write out of bounds, or where the harness
crashes or hangs, is reported as a harness error, never silently dropped; a function whose
harness code does not build is listed as not covered, with the compiler's message, and
the others still run.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translator.difftest_gen import Case, CaseGen, case_line, measure, to_json
from translator.difftest_harness import BuildError, build_c, build_harness, cflags, run_cases
from translator.difftest_model import (
    ArrS,
    ArrV,
    BufS,
    BufV,
    FnPlan,
    Plans,
    Rng,
    ScalarS,
    Shape,
    StructS,
    StructV,
    Value,
    crate_modules,
    plan_functions,
    unpack_scalars,
)
from translator.difftest_oracle import Oracle, Unsupported
from translator.difftest_proto import ProtoFn, ProtoRun, prototype_hints, run_proto

DEFAULT_CASES = 24
REPORT_NAME = "c2safe-difftest.json"
MAX_SHRINK_ROUNDS = 60
MAX_DIVERGENCES_LISTED = 3
ORACLE_SECONDS_PER_FUNCTION = 8.0
MAX_BUILD_ROUNDS = 4


class DifftestError(Exception):
    """A usage error (exit 2): no crate, no marker."""


@dataclass
class DifftestOptions:
    out: Path
    cases: int = DEFAULT_CASES
    seed: int = 0
    patterns: list[str] | None = None
    keep: bool = False
    build_dir: Path | None = None
    shrink: bool = True
    case_timeout: float = 30.0  # seconds without an answer before a case counts as hung
    method: str = "both"  # "oracle" (C IR bounds oracle), "prototype" (sanitizers), "both"
    mutants: int = 0  # plant this many single-site mutants (see difftest_mutants)


@dataclass
class Divergence:
    case: int
    kind: str  # "output" | "rust-panic" | "c-exit" | "c-exit-vs-return"
    summary: str
    diffs: list[dict[str, Any]]
    input: dict[str, Any]
    shrunk: dict[str, Any] | None = None
    shrunk_summary: str | None = None
    shrink_steps: int = 0
    rust_test: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "kind": self.kind,
            "summary": self.shrunk_summary or self.summary,
            "original_summary": self.summary,
            "diffs": self.diffs,
            "input": self.input,
            "shrunk_input": self.shrunk,
            "shrink_steps": self.shrink_steps,
            "rust_test": self.rust_test,
        }


@dataclass
class FnReport:
    key: str
    c_name: str
    module: str
    file: str
    line: int
    header: bool
    covered: bool
    reason: str | None = None
    cases: int = 0
    exits: int = 0
    rejected: int = 0
    divergent_cases: int = 0
    divergences: list[Divergence] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds_oracle: float = 0.0
    proto: ProtoFn | None = None  # the prototype-driven method's result
    proto_json: dict[str, Any] | None = None
    mutants: dict[str, Any] | None = None  # planted / killed, see difftest_mutants

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def oracle_covered(self) -> bool:
        return self.covered

    @property
    def proto_covered(self) -> bool:
        return self.proto is not None and self.proto.covered

    @property
    def covered_by(self) -> list[str]:
        return [m for m, ok in (("oracle", self.covered), ("prototype", self.proto_covered)) if ok]

    @property
    def proto_cases(self) -> int:
        return len(self.proto.cases) if self.proto is not None and self.proto.covered else 0

    @property
    def proto_divergent(self) -> int:
        return len(self.proto.divergent) if self.proto is not None else 0

    @property
    def proto_errors(self) -> list[str]:
        return list(self.proto.errors) if self.proto is not None else []

    def to_json(self) -> dict[str, Any]:
        return {
            "function": self.key,
            "c_name": self.c_name,
            "module": self.module,
            "location": self.location,
            "header_helper": self.header,
            "covered": self.covered,
            "reason": self.reason,
            "cases": self.cases,
            "cases_exiting": self.exits,
            "drafts_rejected": self.rejected,
            "divergent_cases": self.divergent_cases,
            "divergences": [d.to_json() for d in self.divergences],
            "errors": self.errors,
            "seconds_oracle": round(self.seconds_oracle, 3),
            "covered_by": self.covered_by,
            "prototype": self.proto_json,
            "mutants": self.mutants,
        }


@dataclass
class DifftestReport:
    crate: str
    out: str
    seed: int
    cases_per_function: int
    functions: list[FnReport]
    seconds: dict[str, float]
    build_dir: str | None = None
    build_error: str | None = None

    def totals(self) -> dict[str, int]:
        fs = self.functions
        return {
            "functions": len(fs),
            "covered": sum(f.covered for f in fs),
            "not_covered": sum(not f.covered for f in fs),
            "header_helpers": sum(f.header for f in fs),
            "cases": sum(f.cases for f in fs),
            "divergences": sum(f.divergent_cases for f in fs),
            "diverging_functions": sum(bool(f.divergent_cases) for f in fs),
            "errors": sum(len(f.errors) for f in fs),
            "covered_any": sum(bool(f.covered_by) for f in fs),
            "covered_prototype": sum(f.proto_covered for f in fs),
            "covered_prototype_only": sum(f.proto_covered and not f.covered for f in fs),
            "prototype_cases": sum(f.proto_cases for f in fs),
            "prototype_divergences": sum(f.proto_divergent for f in fs),
            "prototype_diverging_functions": sum(bool(f.proto_divergent) for f in fs),
            "prototype_errors": sum(len(f.proto_errors) for f in fs),
        }

    def failed(self) -> bool:
        t = self.totals()
        return bool(
            t["divergences"]
            or t["errors"]
            or t["prototype_divergences"]
            or t["prototype_errors"]
            or self.build_error
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": "c2safe difftest",
            "crate": self.crate,
            "out": self.out,
            "seed": self.seed,
            "cases_per_function": self.cases_per_function,
            "totals": self.totals(),
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "build_dir": self.build_dir,
            "build_error": self.build_error,
            "functions": [f.to_json() for f in self.functions],
        }


# ------------------------------------------------------------------ comparison


def _skipped(c: Any) -> bool:
    return isinstance(c, str) and c.startswith("~")


def _decode(shape: ScalarS, hexs: Any) -> list[int]:
    if not isinstance(hexs, str):
        return []
    return unpack_scalars(bytes.fromhex(hexs), shape)


def _diff(
    shape: Shape | None,
    c: Any,
    r: Any,
    path: str,
    out: list[dict[str, Any]],
    structs: dict[str, list[tuple[str, Shape]]],
) -> None:
    if shape is None or _skipped(c):
        return
    if isinstance(shape, ScalarS):
        if c != r:
            out.append({"path": path, "c": c, "rust": r})
        return
    if isinstance(shape, StructS):
        if not isinstance(c, dict) or not isinstance(r, dict):
            if c != r:
                out.append({"path": path, "c": c, "rust": r})
            return
        for f, fs in structs[shape.name]:
            _diff(fs, c.get(f), r.get(f), f"{path}.{f}", out, structs)
        return
    if isinstance(shape.elem, ScalarS):
        if c == r:
            return
        cv, rv = _decode(shape.elem, c), _decode(shape.elem, r)
        i = next((k for k, (x, y) in enumerate(zip(cv, rv, strict=False)) if x != y), None)
        d: dict[str, Any] = {"path": path, "c_len": len(cv), "rust_len": len(rv)}
        if i is not None:
            d.update(index=i, c=cv[i], rust=rv[i])
            d["c_window"] = cv[max(0, i - 2) : i + 6]
            d["rust_window"] = rv[max(0, i - 2) : i + 6]
        out.append(d)
        return
    if not isinstance(c, list) or not isinstance(r, list) or len(c) != len(r):
        out.append(
            {
                "path": path,
                "c_len": len(c) if isinstance(c, list) else c,
                "rust_len": len(r) if isinstance(r, list) else r,
            }
        )
        return
    for k, (x, y) in enumerate(zip(c, r, strict=True)):
        _diff(shape.elem, x, y, f"{path}[{k}]", out, structs)


def _describe(d: dict[str, Any]) -> str:
    if "index" in d:
        return (
            f"`{d['path']}`[{d['index']}]: C {d['c']:#x}, Rust {d['rust']:#x}"
            if isinstance(d["c"], int)
            and d["c"] >= 0
            and isinstance(d["rust"], int)
            and d["rust"] >= 0
            else (f"`{d['path']}`[{d['index']}]: C {d['c']}, Rust {d['rust']}")
        )
    if "c_len" in d:
        return f"`{d['path']}` has length {d['c_len']} in C, {d['rust_len']} in Rust"
    return f"`{d['path']}`: C {d.get('c')}, Rust {d.get('rust')}"


def compare(
    plan: FnPlan, res: dict[str, Any], structs: dict[str, list[tuple[str, Shape]]]
) -> tuple[str, str, list[dict[str, Any]]] | None:
    """``None`` if both sides agree; else (kind, summary, diffs). Raises ``ValueError`` for
    a harness problem (C overflow)."""
    c, r = res.get("c", {}), res.get("r", {})
    if "overflow" in c:
        raise ValueError(
            f"the C wrote past the end of {c['overflow']} buffer(s): "
            "the bounds the oracle inferred are too small"
        )
    if "exit" in c:
        if "panic" in r:
            return None
        return ("c-exit-vs-return", f"C called exit({c['exit']}), Rust returned normally", [])
    if "panic" in r:
        return ("rust-panic", f"Rust panicked: {r['panic']}", [])
    diffs: list[dict[str, Any]] = []
    _diff(plan.ret, c.get("ret"), r.get("ret"), "return", diffs, structs)
    shapes = {p.name: p.shape for p in plan.params}
    for name, cv in (c.get("args") or {}).items():
        _diff(shapes.get(name), cv, (r.get("args") or {}).get(name), name, diffs, structs)
    if not diffs:
        return None
    summary = "; ".join(_describe(d) for d in diffs[:3])
    if len(diffs) > 3:
        summary += f"; and {len(diffs) - 3} more"
    return ("output", summary, diffs)


# ------------------------------------------------------------------ reproducers


def _from_json(shape: Shape, j: Any, structs: dict[str, list[tuple[str, Shape]]]) -> Value | None:
    if _skipped(j):
        return None
    if isinstance(shape, ScalarS):
        return int(j)
    if isinstance(shape, StructS):
        fields: list[Value] = []
        for f, fs in structs[shape.name]:
            v = _from_json(fs, j.get(f), structs)
            if v is None:
                return None
            fields.append(v)
        return StructV(shape.name, fields)
    if isinstance(shape.elem, ScalarS):
        items: list[int] | list[StructV] = _decode(shape.elem, j)
    else:
        sitems: list[StructV] = []
        for x in j:
            v = _from_json(shape.elem, x, structs)
            if not isinstance(v, StructV):
                return None
            sitems.append(v)
        items = sitems
    return BufV(shape.elem, items) if isinstance(shape, BufS) else ArrV(shape.elem, items)


def _int_text(v: int, s: ScalarS) -> str:
    """Wide unsigned values read better in hex (they are hashes and words)."""
    return f"{v:#x}" if v > 9 and s.size >= 4 and not s.signed else str(v)


class Repro:
    """Rust text for a reproducer: literals for inputs (a borrowed struct's slices are
    declared first, as ``bN``) and field-by-field assertions of the C's results."""

    def __init__(
        self,
        structs: dict[str, list[tuple[str, Shape]]],
        paths: dict[str, str],
        borrowed: set[str],
    ) -> None:
        self.structs = structs
        self.paths = paths
        self.borrowed = borrowed
        self.pre: list[str] = []

    def lit(self, shape: Shape, v: Value) -> str:
        from translator.cir_to_rust import ident

        if isinstance(shape, ScalarS):
            assert isinstance(v, int)
            if shape.rust == "bool":
                return "true" if v else "false"
            return f"{_int_text(v, shape)}{shape.rust}" if v >= 0 else f"({v}{shape.rust})"
        if isinstance(shape, StructS):
            assert isinstance(v, StructV)
            borrowed = shape.name in self.borrowed
            parts = []
            for (f, fs), fv in zip(self.structs[shape.name], v.fields, strict=True):
                text = self.lit(fs, fv)
                if isinstance(fs, BufS) and borrowed:
                    name = f"b{len(self.pre)}"
                    self.pre.append(f"    let mut {name} = {text};")
                    text = f"&mut {name}[..]" if fs.mut else f"&{name}[..]"
                elif isinstance(fs, BufS):
                    text += ".into_boxed_slice()"
                parts.append(f"{ident(f)}: {text}")
            return f"{self.paths[shape.name]} {{ {', '.join(parts)} }}"
        assert isinstance(v, BufV | ArrV)
        items = v.items
        open_, close = ("vec![", "]") if isinstance(shape, BufS) else ("[", "]")
        el = shape.elem
        if not items and isinstance(shape, BufS):
            name = el.rust if isinstance(el, ScalarS) else self.paths[el.name]
            return f"Vec::<{name}>::new()"
        if isinstance(el, ScalarS):
            lits = [self.lit(el, it) for it in items]
            if len(lits) > 1 and all(x == lits[0] for x in lits):
                return f"{open_}{lits[0]}; {len(lits)}{close}"
            # the first element carries the type suffix; the others are plain literals
            rest = [
                lits[k] if el.rust == "bool" else _int_text(items[k], el)
                for k in range(1, len(items))
            ]
            return open_ + ", ".join(lits[:1] + rest) + close
        return open_ + ", ".join(self.lit(el, it) for it in items) + close

    def checks(self, shape: Shape, j: Any, place: str, what: str) -> list[str]:
        """``assert_eq!`` lines that ``place`` holds the C's result ``j``."""
        from translator.cir_to_rust import ident

        if _skipped(j) or j is None:
            return []
        if isinstance(shape, StructS):
            out: list[str] = []
            for f, fs in self.structs[shape.name]:
                out += self.checks(fs, j.get(f), f"{place}.{ident(f)}", f"{what}.{f}")
            return out
        if isinstance(shape, BufS | ArrS) and isinstance(shape.elem, StructS):
            out = []
            for k, x in enumerate(j):
                out += self.checks(shape.elem, x, f"{place}[{k}]", f"{what}[{k}]")
            return out
        v = _from_json(shape, j, self.structs)
        if v is None:
            return []
        if isinstance(shape, ScalarS):
            return [f"    assert_eq!({place}, {self.lit(shape, v)}); // `{what}`"]
        if isinstance(shape, BufS) and isinstance(v, BufV) and not v.items:
            return [f"    assert!({place}.is_empty()); // `{what}`"]
        as_vec = self.lit(BufS(shape.elem), BufV(shape.elem, v.items))  # type: ignore[union-attr]
        return [f"    assert_eq!({place}.to_vec(), {as_vec}); // `{what}`"]


def rust_test(
    plan: FnPlan,
    crate: str,
    values: list[Value],
    res: dict[str, Any],
    planned: Plans,
) -> str:
    """A ``#[test]`` that replays the case on the translation and expects the C's results."""
    paths = {n: f"{crate}::{m}::{n}" for n, m in planned.struct_modules.items()}
    rp = Repro(planned.structs, paths, planned.borrowed)
    c = res.get("c", {})
    head = ["#[test]"] + (["#[should_panic]"] if "exit" in c else [])
    head += [
        f"fn difftest_{plan.c_name}() {{",
        f"    // c2safe difftest reproducer for `{plan.key}` ({plan.location});",
        "    // the expected values are what the original C computed",
    ]
    lines: list[str] = []
    args = []
    for i, (p, v) in enumerate(zip(plan.params, values, strict=True)):
        lines.append(f"    let mut a{i} = {rp.lit(p.shape, v)};")
        if isinstance(p.shape, BufS):
            args.append(f"&mut a{i}[..]" if p.shape.mut else f"&a{i}[..]")
        else:
            args.append(f"a{i}")
    if plan.public:
        call = f"{crate}::{plan.module}::{plan.rust_name}({', '.join(args)})"
    else:
        lines.append(
            f"    // `{plan.rust_name}` is private: put this test in a #[cfg(test)] module "
            f"of src/{plan.module}.rs"
        )
        call = f"crate::{plan.module}::{plan.rust_name}({', '.join(args)})"
    if "ok" in c and plan.ret is not None:
        lines.append(f"    let ret = {call};")
        lines += rp.checks(plan.ret, c.get("ret"), "ret", "return value")
    else:
        lines.append(f"    {call};")
    if "ok" in c:
        for i, p in enumerate(plan.params):
            if not isinstance(p.shape, BufS):
                continue
            j = (c.get("args") or {}).get(p.name)
            ev = _from_json(p.shape, j, planned.structs)
            before = values[i]
            if (
                not p.shape.mut
                and isinstance(ev, BufV)
                and isinstance(before, BufV)
                and ev.items == before.items
            ):
                continue  # a read-only buffer the C did not change either
            lines += rp.checks(p.shape, j, f"a{i}", p.name)
    return "\n".join(head + rp.pre + lines + ["}"])


# ------------------------------------------------------------------ the run


def _statuses(out: Path) -> dict[str, tuple[str, str]]:
    path = out / "c2safe-report.json"
    if not path.exists():
        return {}
    rep = json.loads(path.read_text())
    st: dict[str, tuple[str, str]] = {}
    for f in rep.get("files", []):
        for fn in f.get("functions", []):
            diags = fn.get("diagnostics") or []
            errs = [d for d in diags if d.get("severity") == "error"]
            first = f"{errs[0].get('code')} {errs[0].get('message')}" if errs else ""
            st[fn["name"]] = (fn.get("status", "translated"), first)
    return st


def _crate_name(out: Path) -> str:
    import re

    m = re.search(r'^name\s*=\s*"([^"]+)"', (out / "Cargo.toml").read_text(), re.M)
    return m.group(1) if m else out.name


def run_difftest(opts: DifftestOptions, log: Callable[[str], None] = print) -> DifftestReport:
    from translator.driver import Options, analyze

    t_start = time.monotonic()
    out = opts.out
    marker = out / ".c2safe.json"
    if not marker.is_file():
        raise DifftestError(f"{out} is not a crate written by c2safe translate (no {marker.name})")
    if not (out / "Cargo.toml").is_file() or not (out / "src").is_dir():
        raise DifftestError(f"{out} has no Cargo.toml or src/")
    meta = json.loads(marker.read_text())
    sources = [str(s) for s in meta.get("sources", [])]
    includes = [str(s) for s in meta.get("include_dirs", [])]
    defines = [str(s) for s in meta.get("defines", [])]
    # per-file flags (newer markers): the full -I/-D of each file, globals included
    file_flags: dict[str, tuple[list[str], list[str]]] = {
        str(k): (
            [str(d) for d in v.get("include_dirs", [])],
            [str(d) for d in v.get("defines", [])],
        )
        for k, v in (meta.get("file_flags") or {}).items()
    }
    missing = [s for s in sources if not Path(s).is_file()]
    if missing:
        raise DifftestError(f"the C sources recorded in {marker} are gone: {', '.join(missing)}")
    crate = _crate_name(out)
    seconds: dict[str, float] = {}

    t = time.monotonic()
    analyzed = analyze(
        Options(
            sources=[Path(s) for s in sources],
            out=out,
            include_dirs=[Path(d) for d in includes],
            defines=defines,
            build=False,
            file_flags={
                k: (
                    [Path(d) for d in incs if d not in includes],
                    [d for d in defs if d not in defines],
                )
                for k, (incs, defs) in file_flags.items()
            },
        )
    )
    prog = analyzed.program
    unit_sources = [u.source for u in analyzed.units]
    planned: Plans = plan_functions(
        prog,
        unit_sources,
        analyzed.builder.c_modules,
        crate_modules(out),
        _statuses(out),
        opts.patterns,
    )
    seconds["analyze"] = time.monotonic() - t

    reports: dict[str, FnReport] = {}
    for s in planned.skipped:
        reports[s.key] = FnReport(
            s.key, s.c_name, s.module, s.file, s.line, s.header, False, s.reason
        )

    # ---- generate
    t = time.monotonic()
    oracle = Oracle(prog)
    tested: list[tuple[FnPlan, CaseGen, list[Case]]] = []
    for plan in planned.plans:
        rep = FnReport(plan.key, plan.c_name, plan.module, plan.file, plan.line, plan.header, False)
        reports[plan.key] = rep
        if opts.method == "prototype":
            rep.reason = "the oracle method was not run (--method prototype)"
            continue
        rng = Rng.derive(opts.seed, plan.key)
        gen = CaseGen(plan, planned.structs, oracle, rng)
        want = 1 if plan.cases_hint == 1 else max(1, opts.cases)
        cases: list[Case] = []
        seen: set[str] = set()
        t_fn = time.monotonic()
        gen.deadline = t_fn + ORACLE_SECONDS_PER_FUNCTION * max(1.0, want / DEFAULT_CASES)
        drafts = 0
        try:
            while len(cases) < want and drafts < 3 * want:
                drafts += 1
                if time.monotonic() > gen.deadline:
                    break
                case = gen.generate()
                if case is None:
                    continue
                key = case_line(0, 0, plan, case.values, planned.structs)
                if key in seen:
                    continue
                seen.add(key)
                cases.append(case)
        except Unsupported as e:
            rep.reason = f"the bounds oracle cannot model this function: {e.where()}"
        rep.seconds_oracle = time.monotonic() - t_fn
        rep.rejected = sum(gen.rejects.values())
        if rep.reason is None and not cases:
            top = gen.rejects.most_common(1)
            why = top[0][0] if top else "no input was generated"
            rep.reason = f"no valid input found ({rep.rejected} drafts rejected; most often: {why})"
        if cases and rep.reason is None:
            tested.append((plan, gen, cases))
            if all(c.outcome.status == "exit" for c in cases) and want > 1:
                # still run: the C's exits are compared with the Rust's panics
                rep.reason = "every generated input makes the C exit (only exits were compared)"
                top = gen.rejects.most_common(1)
                if top:
                    rep.reason += f"; other drafts were rejected: {top[0][0]}"
    seconds["generate"] = time.monotonic() - t

    build_dir: Path | None = None
    build_error: str | None = None
    flags = {
        u: cflags(*file_flags.get(str(Path(u).resolve()), (includes, defines)))
        for u in unit_sources
    }
    run_proto_method = opts.method in ("both", "prototype") and bool(planned.plans)
    work = opts.build_dir or Path(tempfile.mkdtemp(prefix="c2safe-difftest-"))
    if tested or run_proto_method:
        work.mkdir(parents=True, exist_ok=True)
        build_dir = work
    if tested:
        binary: Path | None = None
        # a build error pinned on some functions drops them (not covered) and builds again
        for _round in range(MAX_BUILD_ROUNDS):
            plans_now = [p for p, _, _ in tested]
            try:
                t = time.monotonic()
                lib = build_c(work, unit_sources, flags, plans_now, [])
                seconds["build_c"] = seconds.get("build_c", 0.0) + time.monotonic() - t
                t = time.monotonic()
                binary = build_harness(
                    work,
                    out,
                    lib,
                    plans_now,
                    planned.structs,
                    planned.struct_modules,
                    planned.borrowed,
                )
                seconds["build_rust"] = seconds.get("build_rust", 0.0) + time.monotonic() - t
                break
            except BuildError as e:
                if e.bad and len(e.bad) < len(tested):
                    for k, why in sorted(e.bad.items()):
                        reports[plans_now[k].key].reason = f"the harness cannot call it: {why}"
                    log(f"c2safe difftest: {e.what}; dropping {len(e.bad)} function(s)")
                    tested = [t3 for k, t3 in enumerate(tested) if k not in e.bad]
                    continue
                build_error = f"{e.what}\n{e.output}".strip()
                log(f"c2safe difftest: {e.what}")
                for plan, _, _ in tested:
                    reports[plan.key].reason = f"not run: {e.what}"
                tested = []
                break
        if binary is None:
            for plan, _, _ in tested:
                reports[plan.key].reason = reports[plan.key].reason or (
                    f"not run: the harness did not build in {MAX_BUILD_ROUNDS} rounds"
                )
            tested = []
        if tested and binary is not None:
            _run_and_compare(tested, planned, binary, work, crate, reports, seconds, opts, log)
    proto: ProtoRun | None = None
    if run_proto_method:
        t = time.monotonic()
        proto = _run_prototype(prog, planned, out, unit_sources, flags, work, opts, log)
        for pf in proto.fns:
            rep = reports[pf.plan.key]
            rep.proto = pf
            rep.proto_json = pf.to_json(planned.structs)
        if proto.build_error and not build_error:
            build_error = proto.build_error
        seconds["prototype"] = time.monotonic() - t
        for phase, secs in proto.seconds.items():
            seconds[f"prototype_{phase}"] = secs
        if opts.mutants > 0 and proto.tested:
            from translator.difftest_mutants import run_mutants

            t = time.monotonic()
            mres = run_mutants(out, proto, planned, work, opts, log)
            for key, summary in mres.items():
                if key in reports:
                    reports[key].mutants = summary
            seconds["mutants"] = time.monotonic() - t
    if build_dir is not None and not opts.keep and opts.build_dir is None:
        shutil.rmtree(work, ignore_errors=True)
        build_dir = None
    seconds["total"] = time.monotonic() - t_start
    order = {p.key: i for i, p in enumerate(planned.plans)}
    fns = sorted(
        reports.values(),
        key=lambda r: (r.module, order.get(r.key, 1 << 30), r.line, r.key),
    )
    report = DifftestReport(
        crate,
        str(out),
        opts.seed,
        opts.cases,
        fns,
        seconds,
        str(build_dir) if build_dir else None,
        build_error,
    )
    (out / REPORT_NAME).write_text(json.dumps(report.to_json(), indent=2) + "\n")
    return report


def _run_prototype(
    prog: Any,
    planned: Plans,
    out: Path,
    unit_sources: list[str],
    flags: dict[str, list[str]],
    work: Path,
    opts: DifftestOptions,
    log: Callable[[str], None],
) -> ProtoRun:
    """The prototype-driven method (``difftest_proto``) over every planned function."""
    from analyses.extents import infer

    try:
        may = infer(prog.functions).may
    except Exception:  # the extents only seed the sizes; growing finds them anyway
        may = {}
    hints = {
        p.key: prototype_hints(p, {k: v for k, v in (may.get(p.key) or {}).items()})
        for p in planned.plans
    }
    return run_proto(
        out,
        planned.plans,
        planned.structs,
        planned.struct_modules,
        planned.borrowed,
        unit_sources,
        flags,
        work,
        opts.seed,
        opts.cases,
        hints,
        min(opts.case_timeout, 10.0),
        log,
    )


def _run_and_compare(
    tested: list[tuple[FnPlan, CaseGen, list[Case]]],
    planned: Plans,
    binary: Path,
    work: Path,
    crate: str,
    reports: dict[str, FnReport],
    seconds: dict[str, float],
    opts: DifftestOptions,
    log: Callable[[str], None],
) -> None:
    structs = planned.structs
    lines: list[tuple[int, str]] = []
    owner: dict[int, tuple[int, int]] = {}  # case id -> (function index, case index)
    cid = 0
    for fid, (plan, _gen, cases) in enumerate(tested):
        for k, case in enumerate(cases):
            lines.append((cid, case_line(fid, cid, plan, case.values, structs)))
            owner[cid] = (fid, k)
            cid += 1
    t = time.monotonic()
    res = run_cases(binary, lines, work, opts.case_timeout)
    seconds["run"] = time.monotonic() - t
    next_cid = cid

    def rerun(fid: int, plan: FnPlan, cands: list[list[Value]]) -> list[dict[str, Any] | None]:
        nonlocal next_cid
        batch = []
        ids = []
        for vals in cands:
            batch.append((next_cid, case_line(fid, next_cid, plan, vals, structs)))
            ids.append(next_cid)
            next_cid += 1
        r = run_cases(binary, batch, work, opts.case_timeout)
        return [r.results.get(i) for i in ids]

    t_shrink = 0.0
    for fid, (plan, gen, cases) in enumerate(tested):
        rep = reports[plan.key]
        rep.covered = rep.reason is None
        rep.cases = len(cases)
        rep.exits = sum(c.outcome.status == "exit" for c in cases)
        first: tuple[int, Case, dict[str, Any]] | None = None
        for c_id, (f2, k) in owner.items():
            if f2 != fid:
                continue
            case = cases[k]
            if c_id in res.crashed:
                rep.errors.append(
                    f"case {c_id}: {res.crashed[c_id]}; input: "
                    + json.dumps(_input_json(plan, case.values, structs))
                )
                continue
            out = res.results.get(c_id)
            if out is None:
                continue
            try:
                verdict = compare(plan, out, structs)
            except ValueError as e:
                rep.errors.append(
                    f"case {c_id}: {e}; input: "
                    + json.dumps(_input_json(plan, case.values, structs))
                )
                continue
            if verdict is None:
                continue
            rep.divergent_cases += 1
            kind, summary, diffs = verdict
            if len(rep.divergences) < MAX_DIVERGENCES_LISTED:
                rep.divergences.append(
                    Divergence(c_id, kind, summary, diffs, _input_json(plan, case.values, structs))
                )
            if first is None:
                first = (c_id, case, out)
        if first is not None and rep.divergences:
            t = time.monotonic()
            d = rep.divergences[0]
            values, result, steps = first[1].values, first[2], 0
            if opts.shrink:
                values, result, steps = _shrink(fid, plan, gen, values, result, rerun, structs)
            verdict = compare(plan, result, structs)
            d.shrunk = _input_json(plan, values, structs)
            d.shrink_steps = steps
            if verdict is not None:
                d.shrunk_summary = verdict[1]
                d.diffs = verdict[2]
            d.rust_test = rust_test(plan, crate, values, result, planned)
            t_shrink += time.monotonic() - t
    seconds["shrink"] = t_shrink


def _input_json(
    plan: FnPlan, values: list[Value], structs: dict[str, list[tuple[str, Shape]]]
) -> dict[str, Any]:
    return {p.name: to_json(p.shape, v, structs) for p, v in zip(plan.params, values, strict=True)}


def _shrink(
    fid: int,
    plan: FnPlan,
    gen: CaseGen,
    values: list[Value],
    result: dict[str, Any],
    rerun: Callable[[int, FnPlan, list[list[Value]]], list[dict[str, Any] | None]],
    structs: dict[str, list[tuple[str, Shape]]],
) -> tuple[list[Value], dict[str, Any], int]:
    """Greedy: take the first smaller candidate that still diverges, until none does."""
    steps = 0
    for _ in range(MAX_SHRINK_ROUNDS):
        base = measure(gen, values)
        cands = [c for c in gen.candidates(values) if measure(gen, c) < base]
        if not cands:
            break
        found = False
        for start in range(0, len(cands), 48):
            chunk = cands[start : start + 48]
            outs = rerun(fid, plan, chunk)
            for cand, out in zip(chunk, outs, strict=True):
                if out is None:
                    continue
                try:
                    if compare(plan, out, structs) is None:
                        continue
                except ValueError:
                    continue
                values, result, found = cand, out, True
                break
            if found:
                break
        if not found:
            break
        steps += 1
    return values, result, steps


# ------------------------------------------------------------------ output


def format_table(report: DifftestReport) -> str:
    rows = [
        (
            "module",
            "functions",
            "covered",
            "cases",
            "divergences",
            "proto-covered",
            "proto-cases",
            "proto-divergences",
        )
    ]
    by_mod: dict[str, list[FnReport]] = {}
    for f in report.functions:
        by_mod.setdefault(f.module, []).append(f)
    for mod in sorted(by_mod):
        fs = by_mod[mod]
        rows.append(
            (
                mod,
                str(len(fs)),
                str(sum(f.covered for f in fs)),
                str(sum(f.cases for f in fs)),
                str(sum(f.divergent_cases for f in fs)),
                str(sum(f.proto_covered for f in fs)),
                str(sum(f.proto_cases for f in fs)),
                str(sum(f.proto_divergent for f in fs)),
            )
        )
    t = report.totals()
    rows.append(
        (
            "TOTAL",
            str(t["functions"]),
            str(t["covered"]),
            str(t["cases"]),
            str(t["divergences"]),
            str(t["covered_prototype"]),
            str(t["prototype_cases"]),
            str(t["prototype_divergences"]),
        )
    )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for i, r in enumerate(rows):
        lines.append(
            "  ".join(c.ljust(widths[j]) if j == 0 else c.rjust(widths[j]) for j, c in enumerate(r))
        )
        if i == 0 or i == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    share = 100.0 * t["covered"] / t["functions"] if t["functions"] else 0.0
    s = report.seconds
    phases = ", ".join(
        f"{k} {s[k]:.1f}s"
        for k in ("analyze", "generate", "build_c", "build_rust", "run", "shrink")
        if k in s
    )
    lines.append(
        f"difftest of `{report.crate}`: {t['covered']}/{t['functions']} functions covered "
        f"({share:.0f}%, {t['header_helpers']} header helpers included), {t['cases']} cases, "
        f"{t['divergences']} divergences, {t['errors']} harness errors; seed {report.seed}; "
        f"{s.get('total', 0.0):.1f}s ({phases})"
    )
    if "prototype" in s:
        lines.append(
            f"prototype-driven (ASan+UBSan, no C IR): {t['covered_prototype']}/{t['functions']} "
            f"functions covered ({t['covered_prototype_only']} not covered by the oracle), "
            f"{t['prototype_cases']} cases, {t['prototype_divergences']} divergences, "
            f"{t['prototype_errors']} harness errors; {s['prototype']:.1f}s; "
            f"covered by either method: {t['covered_any']}/{t['functions']}"
        )
    mut = [f.mutants for f in report.functions if f.mutants]
    if mut:
        planted = sum(int(m["planted"]) for m in mut)
        killed = sum(int(m["killed"]) for m in mut)
        weak = [f.key for f in report.functions if f.mutants and f.mutants.get("weak")]
        lines.append(
            f"mutants: {killed}/{planted} killed"
            + (f"; weakly tested: {', '.join(weak)}" if weak else "")
        )
    return "\n".join(lines)


def format_details(report: DifftestReport, verbose: bool = True) -> str:
    lines: list[str] = []
    nc = [f for f in report.functions if not f.covered]
    if nc and verbose:
        lines.append("not covered:")
        for f in nc:
            lines.append(f"  {f.location}: `{f.key}`: {f.reason}")
    for f in report.functions:
        for e in f.errors:
            lines.append(f"{f.location}: harness error in `{f.key}`: {e}")
        for k, d in enumerate(f.divergences):
            lines.append(
                f"{f.location}: divergence in `{f.key}` ({d.kind}): {d.shrunk_summary or d.summary}"
            )
            if k == 0:  # the others' inputs are in the JSON report
                inp = d.shrunk if d.shrunk is not None else d.input
                lines.append(
                    f"    input{' (shrunk)' if d.shrunk is not None else ''}: {json.dumps(inp)}"
                )
        if f.divergent_cases > len(f.divergences):
            lines.append(f"    ({f.divergent_cases} diverging cases in all)")
    for f in report.functions:
        if f.proto is None:
            continue
        for e in f.proto.errors[:3]:
            lines.append(f"{f.location}: prototype harness error in `{f.key}`: {e}")
        for k, (_case, kind, summary, _diffs) in enumerate(
            f.proto.divergent[:MAX_DIVERGENCES_LISTED]
        ):
            lines.append(f"{f.location}: prototype divergence in `{f.key}` ({kind}): {summary}")
            if k == 0:
                lines.append(f"    input: {json.dumps(proto_input(f, 0))}")
        if len(f.proto.divergent) > MAX_DIVERGENCES_LISTED:
            lines.append(f"    ({len(f.proto.divergent)} diverging cases in all)")
    if verbose:
        nc = [f for f in report.functions if f.proto is not None and not f.proto.covered]
        if nc:
            lines.append("not covered by the prototype-driven method:")
            for f in nc:
                why = f.proto.reason if f.proto is not None else ""
                lines.append(f"  {f.location}: `{f.key}`: {why}")
    for f in report.functions:
        m = f.mutants
        if not m or not m.get("survivors"):
            continue
        for sv in m["survivors"][:5]:
            lines.append(f"{f.location}: surviving mutant in `{f.key}`: {sv}")
    if report.build_error:
        lines.append("build error:\n" + report.build_error)
    return "\n".join(lines)


def proto_input(f: FnReport, k: int) -> Any:
    divs = (f.proto_json or {}).get("divergences") or []
    return divs[k].get("input") if k < len(divs) else None


# ------------------------------------------------------------------ one function (LLM loop)


def verify_function(
    crate: Path, options: Any = None, function: str = "", timeout: float = 300.0
) -> dict[str, Any]:
    """Both methods on one function of ``crate`` (the LLM loop's workspace copy).

    Answer (read by ``llm.fill.verify.interpret``): ``status`` passed / failed / skipped,
    ``cases`` (the cases compared, both methods: the behavioural evidence), ``detail``,
    ``counterexamples`` (inputs and what differs, fed back to the model). A function with
    no C IR (a stub being filled) is covered by the prototype-driven method alone.
    """
    opts = DifftestOptions(
        out=crate, cases=DEFAULT_CASES, seed=0, patterns=[function], case_timeout=min(timeout, 30.0)
    )
    rep = run_difftest(opts, log=lambda _m: None)
    fns = [f for f in rep.functions if f.c_name.split("@")[0] == function]
    if not fns:
        why = rep.build_error.splitlines()[0] if rep.build_error else "not planned"
        return {"status": "skipped", "detail": why, "cases": 0}
    f = fns[0]
    problems: list[str] = []
    for d in f.divergences:
        inp = d.shrunk if d.shrunk is not None else d.input
        problems.append(
            f"C and Rust disagree on input {json.dumps(inp, sort_keys=True)[:400]}: "
            f"{d.shrunk_summary or d.summary}"
        )
    for k, (_case, _kind, summary, _diffs) in enumerate((f.proto.divergent if f.proto else [])[:3]):
        problems.append(
            f"C and Rust disagree on input {json.dumps(proto_input(f, k), sort_keys=True)[:400]}: "
            f"{summary}"
        )
    problems += [f"harness: {e}" for e in [*f.errors, *f.proto_errors][:3]]
    cases = (f.cases if f.covered else 0) + f.proto_cases
    methods = ", ".join(
        f"{n} {m}"
        for m, n in (("oracle", f.cases if f.covered else 0), ("prototype", f.proto_cases))
        if n
    )
    if problems:
        bad = f.divergent_cases + f.proto_divergent
        return {
            "status": "failed",
            "detail": f"{bad} of {cases} cases differ ({methods})",
            "counterexamples": problems,
            "cases": cases,
        }
    if not f.covered_by:
        reason = f.proto.reason if f.proto is not None and f.proto.reason else f.reason
        return {"status": "skipped", "detail": str(reason or "not covered"), "cases": 0}
    return {"status": "passed", "detail": f"{cases} cases ({methods})", "cases": cases}

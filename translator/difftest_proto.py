"""Differential testing from the prototype alone: no C IR of the function under test.

The bounds oracle (``difftest_oracle``) interprets a function's C IR to size its buffers and
to reject inputs the C would not accept. A function the rules stubbed has no C IR, and an
LLM candidate for it must still be checked against the C. This method needs only:

- the C prototype and the Rust signature (the plan's shapes, ``difftest_model``): scalars,
  scalar buffers, pointer-free structs by value or in buffers;
- starting buffer sizes, from the prototype's array bounds (``uint8_t key[32]``), the extents
  analysis when the function has a body, or a default;
- the C itself, run under AddressSanitizer and UndefinedBehaviorSanitizer
  (``gcc -fsanitize=address,undefined -fno-sanitize-recover=all``) as a separate executable
  (``difftest_proto_rt.c``) that forks one child per case. An access past the end of a
  buffer names that buffer (``__asan_on_error``): the buffer grows and the case runs again,
  up to ``MAX_BYTES``. Any other sanitizer report, crash or hang means the input is invalid
  for the C: it is discarded, counted by reason, and never compared.

The Rust side is a pure-Rust runner (no FFI: the C results are already on disk) built next
to a copy of the crate; it reads the same case lines and prints its results, which are
compared with the C's (return value and every buffer) by ``difftest.compare``.

Guarantees: only inputs on which the C ran clean under both sanitizers are compared; the
cases are a function of the seed; the translated crate is never modified; ``ProtoRun`` keeps
the final case lines and the C results so the mutation run (``difftest_mutants``) re-runs
only the Rust side.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translator.difftest_gen import CaseGen, case_line, to_json
from translator.difftest_harness import (
    RUST_MAIN,
    RUST_RUNTIME,
    BuildError,
    RustGen,
    c_wrapper,
    copy_crate,
    harness_cargo_toml,
    probe_spellings,
    run_cases,
    wrapper_name,
)
from translator.difftest_model import (
    ArrS,
    BufS,
    BufV,
    FnPlan,
    Rng,
    ScalarS,
    Shape,
    StructS,
    StructV,
    Value,
)

HERE = Path(__file__).parent
RT_FILE = HERE / "difftest_proto_rt.c"
HEADER_FILE = HERE / "c2safe_proto.h"
MAX_BYTES = 1 << 16  # a buffer never grows past this; the input is discarded instead
DEFAULT_BYTES = 64
SHARED_BYTES = 4096
MAX_ROUNDS = 14
SANITIZE = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all"]
ASAN_EXIT = 23
UBSAN_EXIT = 24
SAN_ENV = {
    "ASAN_OPTIONS": f"exitcode={ASAN_EXIT}:symbolize=0:detect_leaks=0:"
    "allocator_may_return_null=1:handle_abort=0:detect_stack_use_after_return=0",
    "UBSAN_OPTIONS": f"exitcode={UBSAN_EXIT}:halt_on_error=1:print_stacktrace=0",
}


# ------------------------------------------------------------------ what it can test


def unsupported(plan: FnPlan, structs: dict[str, list[tuple[str, Shape]]]) -> str | None:
    """Why the prototype-driven runner cannot build this function's inputs, or None."""

    def plain(s: Shape, seen: tuple[str, ...] = ()) -> str | None:
        if isinstance(s, ScalarS):
            return "a 128-bit integer" if s.bits > 64 else None
        if isinstance(s, ArrS):
            return plain(s.elem, seen)
        if isinstance(s, BufS):
            return "a struct holding pointers (the prototype does not say what they point to)"
        if s.name in seen:
            return f"recursive struct `{s.name}`"
        for _f, fs in structs.get(s.name, []):
            why = plain(fs, (*seen, s.name))
            if why:
                return why
        return None

    for p in plan.params:
        s = p.shape
        why = plain(s.elem if isinstance(s, BufS) else s)
        if why:
            return f"parameter `{p.name}`: {why}"
    if isinstance(plan.ret, BufS):
        return "returns a pointer"
    if plan.ret is not None:
        why = plain(plan.ret)
        if why:
            return f"return value: {why}"
    return None


# ------------------------------------------------------------------ C runner


class CGen:
    """The generated part of the C runner for one translation unit."""

    def __init__(self, structs: dict[str, list[tuple[str, Shape]]], spell: dict[str, str]):
        self.structs = structs
        self.spell = spell
        self.lines: list[str] = []
        self.done: set[str] = set()

    def cty(self, s: ScalarS | StructS) -> str:
        return s.c if isinstance(s, ScalarS) else self.spell[s.name]

    @staticmethod
    def read_scalar(s: ScalarS) -> str:
        if s.rust == "bool":
            return "(c2safe_u(r) != 0)"
        return f"({s.c})c2safe_i(r)" if s.signed else f"({s.c})c2safe_u(r)"

    @staticmethod
    def out_scalar(s: ScalarS, v: str) -> str:
        if s.rust == "bool":
            return f"c2safe_out_u(({v}) ? 1 : 0);"
        if s.signed:
            return f"c2safe_out_i((long long)({v}));"
        return f"c2safe_out_u((unsigned long long)({v}));"

    def struct(self, name: str) -> None:
        if name in self.done:
            return
        self.done.add(name)
        fields = self.structs[name]
        for _f, fs in fields:
            el = fs.elem if isinstance(fs, ArrS) else fs
            if isinstance(el, StructS):
                self.struct(el.name)
        t = self.spell[name]
        rd = [f"static void c2safe_rd_{name}(c2safe_rd *r, {t} *x) {{"]
        enc = [f"static void c2safe_enc_{name}(const {t} *x) {{", '  c2safe_out("{");']
        for i, (f, fs) in enumerate(fields):
            sep = "," if i else ""
            enc.append(f"  c2safe_out({json.dumps(sep + json.dumps(f) + ':')});")
            if isinstance(fs, ScalarS):
                rd.append(f"  x->{f} = {self.read_scalar(fs)};")
                enc.append("  " + self.out_scalar(fs, f"x->{f}"))
            elif isinstance(fs, StructS):
                rd.append(f"  c2safe_rd_{fs.name}(r, &x->{f});")
                enc.append(f"  c2safe_enc_{fs.name}(&x->{f});")
            elif isinstance(fs, ArrS) and isinstance(fs.elem, ScalarS):
                rd.append(f"  c2safe_hex_into(r, x->{f}, sizeof x->{f});")
                enc.append(f"  c2safe_out_hex(x->{f}, sizeof x->{f});")
            else:
                assert isinstance(fs, ArrS) and isinstance(fs.elem, StructS)
                n = fs.elem.name
                rd.append(f"  for (size_t i = 0; i < {fs.n}; i++) c2safe_rd_{n}(r, &x->{f}[i]);")
                enc.append('  c2safe_out("[");')
                enc.append(
                    f'  for (size_t i = 0; i < {fs.n}; i++) {{ if (i) c2safe_out(","); '
                    f"c2safe_enc_{n}(&x->{f}[i]); }}"
                )
                enc.append('  c2safe_out("]");')
        rd.append("}")
        enc += ['  c2safe_out("}");', "}"]
        self.lines += rd + enc + [""]

    def case(self, k: int, p: FnPlan) -> None:
        for s in [*(pa.shape for pa in p.params), p.ret]:
            el = s.elem if isinstance(s, BufS | ArrS) else s
            if isinstance(el, StructS):
                self.struct(el.name)
        body = [f"/* {p.key} ({p.location}) */", f"void c2safe_case_{k}(c2safe_rd *r) {{"]
        args = []
        for i, pa in enumerate(p.params):
            s = pa.shape
            if isinstance(s, ScalarS):
                body.append(f"  {s.c} a{i} = {self.read_scalar(s)};")
                args.append(f"&a{i}")
            elif isinstance(s, StructS):
                body.append(f"  {self.cty(s)} a{i}; memset(&a{i}, 0, sizeof a{i});")
                body.append(f"  c2safe_rd_{s.name}(r, &a{i});")
                args.append(f"&a{i}")
            elif isinstance(s, BufS) and isinstance(s.elem, ScalarS):
                body.append(f"  size_t n{i} = 0;")
                body.append(f"  {s.elem.c} *a{i} = c2safe_buf(r, {i}, sizeof({s.elem.c}), &n{i});")
                args.append(f"a{i}")
            else:
                assert isinstance(s, BufS) and isinstance(s.elem, StructS)
                t = self.cty(s.elem)
                body.append(f"  size_t n{i} = (size_t)c2safe_u(r);")
                body.append(f"  {t} *a{i} = c2safe_alloc({i}, n{i} * sizeof({t}), sizeof({t}));")
                body.append(f"  memset(a{i}, 0, n{i} * sizeof({t}));")
                body.append(
                    f"  for (size_t i = 0; i < n{i}; i++) c2safe_rd_{s.elem.name}(r, &a{i}[i]);"
                )
                args.append(f"a{i}")
        body.append(f"  void *args[{len(args) + 1}] = {{{', '.join(args + ['0'])}}};")
        ret = p.ret
        if ret is None:
            body.append("  unsigned char ret = 0;")
        else:
            assert isinstance(ret, ScalarS | StructS)
            body.append(f"  {self.cty(ret)} ret; memset(&ret, 0, sizeof ret);")
        body.append(f"  if (c2safe_dt_call_{k}(args, &ret)) {{")
        body.append('    c2safe_out("{\\"exit\\":"); c2safe_out_i(c2safe_dt_exit_code());')
        body.append('    c2safe_out("}"); return;')
        body.append("  }")
        body.append('  c2safe_out("{\\"ok\\":1,\\"ret\\":");')
        if ret is None:
            body.append('  c2safe_out("null");')
        elif isinstance(ret, ScalarS):
            body.append("  " + self.out_scalar(ret, "ret"))
        else:
            body.append(f"  c2safe_enc_{ret.name}(&ret);")
        body.append('  c2safe_out(",\\"args\\":{");')
        first = True
        for i, pa in enumerate(p.params):
            s = pa.shape
            if not isinstance(s, BufS):
                continue
            sep = "" if first else ","
            first = False
            key = sep + json.dumps(pa.name) + ":"
            body.append(f"  c2safe_out({json.dumps(key)});")
            if isinstance(s.elem, ScalarS):
                body.append(f"  c2safe_out_hex(a{i}, n{i} * sizeof({s.elem.c}));")
            else:
                body.append('  c2safe_out("[");')
                body.append(
                    f'  for (size_t i = 0; i < n{i}; i++) {{ if (i) c2safe_out(","); '
                    f"c2safe_enc_{s.elem.name}(&a{i}[i]); }}"
                )
                body.append('  c2safe_out("]");')
        body.append('  c2safe_out("}}");')
        body.append("}")
        self.lines += body + [""]


def build_runner(
    work: Path,
    sources: list[str],
    flags: dict[str, list[str]],
    plans: list[FnPlan],
    structs: dict[str, list[tuple[str, Shape]]],
) -> Path:
    """Compile the sanitized C runner; a unit that does not compile drops its functions
    (``BuildError.bad``)."""
    if shutil.which("gcc") is None:
        raise BuildError("gcc not found on PATH", "")
    cdir = work / "proto_c"
    cdir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(RT_FILE, cdir / "rt.c")
    shutil.copy2(HEADER_FILE, cdir / "c2safe_proto.h")
    by_unit: dict[str, list[tuple[int, FnPlan]]] = {}
    for k, p in enumerate(plans):
        by_unit.setdefault(p.unit, []).append((k, p))
    files: list[tuple[Path, list[str], list[int]]] = [(cdir / "rt.c", [], [])]
    for unit, items in by_unit.items():
        names: set[str] = set()
        for _, p in items:
            todo = [*(pa.shape for pa in p.params), p.ret]
            while todo:
                s = todo.pop()
                if isinstance(s, BufS | ArrS):
                    todo.append(s.elem)
                elif isinstance(s, StructS) and s.name not in names:
                    names.add(s.name)
                    todo.extend(fs for _, fs in structs.get(s.name, []))
        spell = probe_spellings(unit, sorted(names), flags.get(unit, []), cdir)
        gen = CGen(structs, spell)
        for k, p in items:
            gen.case(k, p)
        text = c_wrapper(unit, items, spell).replace(
            "#include <setjmp.h>",
            '#include <setjmp.h>\n#include <string.h>\n#include "c2safe_proto.h"',
            1,
        )
        f = cdir / f"wrap_{len(files)}_{Path(unit).stem}.c"
        f.write_text(text + "\n" + "\n".join(gen.lines))
        files.append((f, flags.get(unit, []), [k for k, _ in items]))
    disp = ['#include "c2safe_proto.h"']
    disp += [f"void c2safe_case_{k}(c2safe_rd *r);" for k in range(len(plans))]
    disp.append("void c2safe_dispatch(int fid, c2safe_rd *r) {\n  switch (fid) {")
    disp += [f"  case {k}: c2safe_case_{k}(r); break;" for k in range(len(plans))]
    disp.append('  default: c2safe_fail("unknown function id");\n  }\n}')
    (cdir / "dispatch.c").write_text("\n".join(disp) + "\n")
    files.append((cdir / "dispatch.c", [], []))
    procs = []
    for f, fl, _ in files:
        cmd = ["gcc", "-c", "-g0", "-O1", "-w", *SANITIZE, f"-I{cdir}", *fl, str(f)]
        cmd += ["-o", str(f.with_suffix(".o"))]
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    bad: dict[int, str] = {}
    errors = []
    for (f, _, ks), pr in zip(files, procs, strict=True):
        _, raw = pr.communicate()
        if pr.returncode != 0:
            err = raw.decode(errors="replace")
            errors.append(f"{f.name}:\n{err[-3000:]}")
            first = re.search(r"error: (.*)", err)
            for k in ks:
                bad[k] = f"gcc: {first.group(1) if first else 'error'}"
    if errors:
        raise BuildError("gcc could not compile the sanitized C runner", "\n".join(errors), bad)
    exe = cdir / "c_runner"
    wrap = "-Wl,--wrap=exit,--wrap=abort"
    cmd = ["gcc", *SANITIZE, wrap, "-o", str(exe), *(str(f.with_suffix(".o")) for f, _, _ in files)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildError("gcc could not link the sanitized C runner", proc.stderr[-4000:])
    return exe


@dataclass
class COutcome:
    results: dict[int, dict[str, Any]] = field(default_factory=dict)
    overflow: dict[int, tuple[int, int]] = field(default_factory=dict)  # cid -> (param, off)
    failed: dict[int, int] = field(default_factory=dict)  # cid -> status


def run_c(exe: Path, lines: list[tuple[int, str]], work: Path, timeout: float) -> COutcome:
    """Run case lines through the sanitized C runner (one fork per case)."""
    out = COutcome()
    if not lines:
        return out
    path = work / "proto_cases.txt"
    path.write_text("".join(line + "\n" for _, line in lines))
    env = dict(os.environ, **SAN_ENV)
    try:
        proc = subprocess.run(
            [str(exe), str(path)],
            capture_output=True,
            env=env,
            timeout=timeout + 10.0 * len(lines),
        )
        text = proc.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        text = (e.stdout or b"").decode(errors="replace")
    for line in text.splitlines():
        parts = line.split(" ", 2)
        if len(parts) < 3:
            continue
        try:
            cid = int(parts[1])
        except ValueError:
            continue
        if parts[0] == "R":
            try:
                out.results[cid] = json.loads(parts[2])
            except ValueError:
                out.failed.setdefault(cid, -1)
        elif parts[0] == "O":
            k, _, off = parts[2].partition(" ")
            out.overflow.setdefault(cid, (int(k), int(off)))
        elif parts[0] == "X":
            out.failed[cid] = int(parts[2])
    for cid, _ in lines:
        if cid not in out.results and cid not in out.failed:
            out.failed[cid] = -2
    for cid in out.overflow:
        out.results.pop(cid, None)
    return out


def failure_reason(status: int) -> str:
    if status == ASAN_EXIT:
        return "AddressSanitizer: an invalid access (not past the end of a parameter buffer)"
    if status == UBSAN_EXIT:
        return "UndefinedBehaviorSanitizer: undefined behaviour"
    if status == 1000 + 14:
        return "the C did not finish in time"
    if status >= 1000:
        return f"the C died with signal {status - 1000}"
    if status == -2:
        return "the C runner did not answer"
    if status == -1:
        return "the C runner's output was cut"
    return f"the C runner's child exited with status {status}"


# ------------------------------------------------------------------ Rust runner

_EXTERN = re.compile(r'extern "C" \{.*?\n\}\n', re.S)
_DUMMIES = """
// the C side runs in its own sanitized process: these are never called
unsafe fn c2safe_dt_alloc(_n: usize) -> *mut c_void { unreachable!() }
unsafe fn c2safe_dt_block(_p: *const c_void, _rem: *mut usize) -> c_int { unreachable!() }
"""


class RustOnly(RustGen):
    """The Rust runner: reads case lines, calls the translation, prints ``R cid {...}``."""

    def rust_case(self, k: int, p: FnPlan) -> None:
        out = self.lines
        out.append(f"// {p.key} ({p.location})")
        out.append(f"fn case_{k}(r: &mut Rd, o: &mut String) {{")
        rargs = []
        for i, pa in enumerate(p.params):
            s = pa.shape
            out.append(f"    let mut a{i} = {self.read(s)};")
            if isinstance(s, BufS) and self.is_view(s):
                assert isinstance(s.elem, StructS)
                out.append(
                    f"    let mut a{i} = a{i}.iter_mut().map(|x| view_{s.elem.name}(x))"
                    ".collect::<Vec<_>>();"
                )
            if isinstance(s, BufS):
                rargs.append(f"&mut a{i}[..]" if s.mut else f"&a{i}[..]")
            elif isinstance(s, StructS):
                rargs.append(f"a{i}.clone()")
            else:
                rargs.append(f"a{i}")
        path = f"{self.crate}::{p.module}::{wrapper_name(p)}"
        out.append(
            "    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| "
            f"{path}({', '.join(rargs)})));"
        )
        out.append("    match res {")
        out.append("        Ok(ret) => {")
        out.append('            o.push_str("{\\"ok\\":1,\\"ret\\":");')
        if p.ret is None:
            out.append("            let _ = ret;")
            out.append('            o.push_str("null");')
        else:
            out.append("            " + self.enc(p.ret, "ret"))
        out.append('            o.push_str(",\\"args\\":{");')
        first = True
        for i, pa in enumerate(p.params):
            if not isinstance(pa.shape, BufS):
                continue
            key = json.dumps(("" if first else ",") + json.dumps(pa.name) + ":")
            first = False
            out.append(f"            o.push_str({key});")
            out.append("            " + self.enc(pa.shape, f"a{i}"))
        out.append('            o.push_str("}}");')
        out.append("        }")
        out.append("        Err(e) => {")
        out.append(
            '            o.push_str("{\\"panic\\":"); jstr(&panic_msg(e), o); o.push(\'}\');'
        )
        out.append("        }")
        out.append("    }")
        out.append("}")
        out.append("")

    def rust_program(self, plans: list[FnPlan]) -> str:
        runtime = _EXTERN.sub(_DUMMIES, RUST_RUNTIME, count=1)
        self.lines = [
            "//! Generated by c2safe difftest (prototype-driven): runs the translation only.",
            "#![allow(unused_mut, unused_unsafe, unused_variables, non_snake_case, "
            "non_camel_case_types, dead_code, unused_imports, clippy::all)]",
            runtime,
        ]
        for name in sorted(self.structs):
            self.gen_struct(name)
        for k, p in enumerate(plans):
            self.rust_case(k, p)
        self.lines.append("unsafe fn dispatch(fid: usize, r: &mut Rd, o: &mut String) {")
        self.lines.append("    match fid {")
        for k in range(len(plans)):
            self.lines.append(f"        {k} => case_{k}(r, o),")
        self.lines.append('        _ => panic!("c2safe difftest: unknown function id"),')
        self.lines.append("    }")
        self.lines.append("}")
        self.lines.append(RUST_MAIN)
        return "\n".join(self.lines)


def build_rust_runner(
    work: Path,
    out: Path,
    plans: list[FnPlan],
    structs: dict[str, list[tuple[str, Shape]]],
    struct_modules: dict[str, str],
    borrowed: set[str],
    crate_dir: str = "crate",
) -> Path:
    """Build the pure-Rust runner next to a copy of ``out`` (``work/crate_dir``)."""
    from translator.difftest_harness import _item_owner

    if shutil.which("cargo") is None:
        raise BuildError("cargo not found on PATH", "")
    crate = copy_crate(out, work / crate_dir, plans)
    h = work / f"proto_{crate_dir}"
    (h / "src").mkdir(parents=True, exist_ok=True)
    toml = harness_cargo_toml(crate).replace('build = "build.rs"\n', "")
    toml = toml.replace('path = "../crate"', f'path = "../{crate_dir}"')
    (h / "Cargo.toml").write_text(toml)
    gen = RustOnly(crate, structs, struct_modules, borrowed)
    (h / "src" / "main.rs").write_text(gen.rust_program(plans))
    env = dict(os.environ, CARGO_TARGET_DIR=str(work / "proto_target"))
    proc = subprocess.run(
        ["cargo", "build", "--offline", "--message-format=json"],
        cwd=h,
        capture_output=True,
        text=True,
        env=env,
    )
    if proc.returncode != 0:
        main_rs = (h / "src" / "main.rs").read_text()
        bad: dict[int, str] = {}
        rendered: list[str] = []
        for line in proc.stdout.splitlines():
            if not line.startswith("{"):
                continue
            msg = json.loads(line)
            m = msg.get("message") or {}
            if msg.get("reason") != "compiler-message" or m.get("level") != "error":
                continue
            rendered.append(str(m.get("rendered", "")))
            for sp in m.get("spans", []):
                if sp.get("is_primary") and sp["file_name"].endswith("main.rs"):
                    owner = _item_owner(main_rs, int(sp["line_start"]))
                    if owner is not None and owner[0] == "case":
                        bad.setdefault(int(owner[1]), f"rustc: {m.get('message')}")
        detail = "\n".join(rendered)[-6000:] or proc.stderr[-6000:]
        raise BuildError("cargo could not build the Rust runner", detail, bad)
    return work / "proto_target" / "debug" / "c2safe_difftest_harness"


def run_rust(
    binary: Path, lines: list[tuple[int, str]], work: Path, timeout: float
) -> tuple[dict[int, dict[str, Any]], dict[int, str]]:
    res = run_cases(binary, lines, work, timeout)
    return {k: dict(v) for k, v in res.results.items()}, dict(res.crashed)


# ------------------------------------------------------------------ generation


@dataclass
class ProtoCase:
    values: list[Value]
    line: str = ""
    c: dict[str, Any] | None = None


@dataclass
class ProtoFn:
    """The prototype-driven method's result for one function."""

    plan: FnPlan
    covered: bool = False
    reason: str | None = None
    cases: list[ProtoCase] = field(default_factory=list)
    discarded: Counter[str] = field(default_factory=Counter)
    grown: int = 0  # cases re-run with a larger buffer
    sizes: dict[str, int] = field(default_factory=dict)  # largest buffer (elements) per param
    divergent: list[tuple[ProtoCase, str, str, list[dict[str, Any]]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self, structs: dict[str, list[tuple[str, Shape]]]) -> dict[str, Any]:
        divs = []
        for case, kind, summary, diffs in self.divergent[:3]:
            divs.append(
                {
                    "kind": kind,
                    "summary": summary,
                    "diffs": diffs[:4],
                    "input": input_json(self.plan, case.values, structs),
                }
            )
        return {
            "method": "prototype",
            "covered": self.covered,
            "reason": self.reason,
            "cases": len(self.cases),
            "divergent_cases": len(self.divergent),
            "divergences": divs,
            "discarded": dict(self.discarded.most_common()),
            "cases_regrown": self.grown,
            "buffer_elements": self.sizes,
            "errors": self.errors,
        }


def input_json(
    plan: FnPlan, values: list[Value], structs: dict[str, list[tuple[str, Shape]]]
) -> dict[str, Any]:
    return {p.name: to_json(p.shape, v, structs) for p, v in zip(plan.params, values, strict=True)}


class ProtoGen:
    """Drafts for one function: scalars as ``CaseGen`` draws them, buffers sized from hints
    and what the C needed so far (sizes only grow within a function)."""

    def __init__(
        self,
        plan: FnPlan,
        structs: dict[str, list[tuple[str, Shape]]],
        rng: Rng,
        hints: dict[int, int],
    ) -> None:
        self.plan = plan
        self.structs = structs
        self.rng = rng
        self.gen = CaseGen(plan, structs, None, rng)  # type: ignore[arg-type]
        self.size: dict[int, int] = {}
        for i, p in enumerate(plan.params):
            if isinstance(p.shape, BufS):
                esz = p.shape.elem.size if isinstance(p.shape.elem, ScalarS) else 8
                self.size[i] = max(hints.get(i, 0), -(-DEFAULT_BYTES // esz), 1)

    def draft(self, n: int) -> list[Value]:
        attempt = n % 8
        vals: list[Value] = []
        for i, p in enumerate(self.plan.params):
            s = p.shape
            if isinstance(s, ScalarS):
                vals.append(self.gen.gen_int(s, attempt, i in self.gen.lenlike))
            elif isinstance(s, BufS):
                vals.append(self.buffer(i, s, attempt))
            else:
                vals.append(self.gen.skeleton(s, attempt))
        return vals

    def buffer(self, i: int, s: BufS, attempt: int) -> BufV:
        n = self.size[i]
        if isinstance(s.elem, ScalarS):
            return BufV(s.elem, self.gen._data(s.elem, n), n)
        items: list[Any] = [self.gen.skeleton(s.elem, attempt) for _ in range(n)]
        return BufV(s.elem, items, n)

    def grow(self, values: list[Value], i: int, off: int) -> bool:
        """Buffer ``i`` was accessed at element ``off``: enlarge it (and the function's
        size for later drafts). False when that would pass ``MAX_BYTES``."""
        s = self.plan.params[i].shape
        assert isinstance(s, BufS)
        esz = s.elem.size if isinstance(s.elem, ScalarS) else 8
        cur = self.size[i]
        v = values[i]
        assert isinstance(v, BufV)
        want = max(2 * max(len(v.items), 1), off + 1)
        if want * esz > MAX_BYTES:
            want = max(off + 1, MAX_BYTES // esz)
            if want * esz > MAX_BYTES or want <= len(v.items):
                return False
        # later drafts of this function start from what the C needed so far, up to
        # SHARED_BYTES (one draft with a huge length must not make every buffer huge)
        self.size[i] = max(cur, min(want, max(1, SHARED_BYTES // esz)))
        extra = want - len(v.items)
        if isinstance(s.elem, ScalarS):
            v.items = v.items + self.gen._data(s.elem, extra)
        else:
            v.items = v.items + [self.gen.skeleton(s.elem, 0) for _ in range(extra)]
        v.need = len(v.items)
        return True


def prototype_hints(plan: FnPlan, extents_may: dict[str, int | None]) -> dict[int, int]:
    """Starting buffer sizes: the prototype's array bounds and the extents analysis."""
    from translator.c_source import read_function

    hints: dict[int, int] = {}
    names = {p.name: i for i, p in enumerate(plan.params)}
    for name, n in extents_may.items():
        if name in names and n:
            hints[names[name]] = n
    try:
        cf = read_function(Path(plan.file), plan.c_name, plan.line)
    except Exception:  # a header we cannot read: no bounds from the prototype
        cf = None
    if cf is not None:
        for m in re.finditer(r"(\w+)\s*\[\s*(\d+)\s*\]", cf.declaration):
            if m.group(1) in names:
                hints[names[m.group(1)]] = max(hints.get(names[m.group(1)], 0), int(m.group(2)))
    return hints


@dataclass
class ProtoRun:
    """Everything the mutation run needs to re-run the Rust side only."""

    fns: list[ProtoFn]
    tested: list[ProtoFn]  # the ones with cases, in fid order
    lines: list[tuple[int, str]]
    owner: dict[int, tuple[int, int]]  # cid -> (fid, case index)
    seconds: dict[str, float]
    build_error: str | None = None


def run_proto(
    out: Path,
    plans: list[FnPlan],
    structs: dict[str, list[tuple[str, Shape]]],
    struct_modules: dict[str, str],
    borrowed: set[str],
    unit_sources: list[str],
    flags: dict[str, list[str]],
    work: Path,
    seed: int,
    cases: int,
    hints: dict[str, dict[int, int]],
    case_timeout: float,
    log: Callable[[str], None],
) -> ProtoRun:
    from translator.difftest import compare

    seconds: dict[str, float] = {}
    fns = [ProtoFn(p) for p in plans]
    todo: list[ProtoFn] = []
    for f in fns:
        why = unsupported(f.plan, structs)
        if why:
            f.reason = why
        else:
            todo.append(f)
    run = ProtoRun(fns, [], [], {}, seconds)
    if not todo:
        return run
    t = time.monotonic()
    exe: Path | None = None
    for _ in range(4):
        try:
            exe = build_runner(work, unit_sources, flags, [f.plan for f in todo], structs)
            break
        except BuildError as e:
            if e.bad and len(e.bad) < len(todo):
                for k, why in e.bad.items():
                    todo[k].reason = f"the sanitized C runner cannot call it: {why}"
                todo = [f for k, f in enumerate(todo) if k not in e.bad]
                continue
            run.build_error = f"{e.what}\n{e.output}".strip()
            for f in todo:
                f.reason = f"not run: {e.what}"
            return run
    seconds["build_c"] = time.monotonic() - t
    if exe is None:
        return run

    # ---- generate drafts, run the C, grow buffers, repeat
    t = time.monotonic()
    gens = [
        ProtoGen(f.plan, structs, Rng.derive(seed, "proto", f.plan.key), hints.get(f.plan.key, {}))
        for f in todo
    ]
    want = [1 if f.plan.cases_hint == 1 else max(1, cases) for f in todo]
    pending: dict[int, tuple[int, list[Value]]] = {}  # cid -> (fid, values)
    seen: list[set[str]] = [set() for _ in todo]
    drafted = [0] * len(todo)
    cid = 0

    def top_up() -> None:
        nonlocal cid
        for fid, f in enumerate(todo):
            inflight = sum(1 for v in pending.values() if v[0] == fid)
            while len(f.cases) + inflight < want[fid] and drafted[fid] < 3 * want[fid]:
                drafted[fid] += 1
                vals = gens[fid].draft(drafted[fid] - 1)
                key = case_line(0, 0, f.plan, vals, structs)
                if key in seen[fid]:
                    continue
                seen[fid].add(key)
                pending[cid] = (fid, vals)
                cid += 1
                inflight += 1

    for _round in range(MAX_ROUNDS):
        top_up()
        if not pending:
            break
        lines = [
            (c, case_line(fid, c, todo[fid].plan, v, structs)) for c, (fid, v) in pending.items()
        ]
        res = run_c(exe, lines, work, case_timeout)
        nxt: dict[int, tuple[int, list[Value]]] = {}
        for c, (fid, vals) in pending.items():
            f = todo[fid]
            if c in res.overflow:
                k, off = res.overflow[c]
                if gens[fid].grow(vals, k, off):
                    f.grown += 1
                    nxt[cid] = (fid, vals)
                    cid += 1
                else:
                    f.discarded[
                        f"`{f.plan.params[k].name}` would need more than {MAX_BYTES} bytes"
                    ] += 1
                continue
            if c in res.results:
                f.cases.append(ProtoCase(vals, c=res.results[c]))
                continue
            f.discarded[failure_reason(res.failed.get(c, -2))] += 1
        pending = nxt
    for fid, _v in pending.values():
        todo[fid].discarded["buffers still growing after the last round"] += 1
    for fid, f in enumerate(todo):
        for i, p in enumerate(f.plan.params):
            if isinstance(p.shape, BufS):
                f.sizes[p.name] = gens[fid].size[i]
        if not f.cases:
            top = f.discarded.most_common(1)
            f.reason = "no input the C accepts under the sanitizers" + (
                f" (most often: {top[0][0]})" if top else ""
            )
    seconds["generate_c"] = time.monotonic() - t

    tested = [f for f in todo if f.cases]
    run.tested = tested
    if not tested:
        return run
    # ---- the Rust side
    t = time.monotonic()
    binary: Path | None = None
    for _ in range(4):
        try:
            binary = build_rust_runner(
                work, out, [f.plan for f in tested], structs, struct_modules, borrowed
            )
            break
        except BuildError as e:
            if e.bad and len(e.bad) < len(tested):
                for k, why in e.bad.items():
                    tested[k].reason = f"the Rust runner cannot call it: {why}"
                    tested[k].cases = []
                tested = [f for k, f in enumerate(tested) if k not in e.bad]
                continue
            run.build_error = f"{e.what}\n{e.output}".strip()
            for f in tested:
                f.reason = f"not run: {e.what}"
                f.cases = []
            run.tested = []
            return run
    seconds["build_rust"] = time.monotonic() - t
    if binary is None:
        run.tested = []
        return run
    run.tested = tested
    lines = []
    owner: dict[int, tuple[int, int]] = {}
    c2 = 0
    for fid, f in enumerate(tested):
        for k, case in enumerate(f.cases):
            case.line = case_line(fid, c2, f.plan, case.values, structs)
            lines.append((c2, case.line))
            owner[c2] = (fid, k)
            c2 += 1
    run.lines, run.owner = lines, owner
    t = time.monotonic()
    rres, crashed = run_rust(binary, lines, work, case_timeout)
    seconds["run_rust"] = time.monotonic() - t
    for c, (fid, k) in owner.items():
        f = tested[fid]
        case = f.cases[k]
        if c in crashed:
            f.errors.append(f"case {c}: the Rust runner {crashed[c]}")
            continue
        r = rres.get(c)
        if r is None or case.c is None:
            continue
        try:
            verdict = compare(f.plan, {"c": case.c, "r": r}, structs)
        except ValueError as e:
            f.errors.append(str(e))
            continue
        if verdict is not None:
            f.divergent.append((case, *verdict))
    for f in tested:
        f.covered = True
        f.divergent.sort(key=lambda d: _size(d[0].values))
    return run


def _size(values: list[Value]) -> int:
    n = 0
    for v in values:
        if isinstance(v, int):
            n += abs(v)
        elif isinstance(v, BufV):
            n += len(v.items)
        elif isinstance(v, StructV):
            n += _size(v.fields)
    return n

"""The translation recipe: C sources -> checked safe-Rust crate + report.

Passes, in order (each listed with its guarantee in DESIGN.md):
collect sources -> preprocess -> parse -> lower to CIR -> link -> mutability
inference -> emit modules (stubs for what the rules cannot translate) ->
write crate atomically + rustfmt -> cargo build; functions rustc rejects are
stubbed and the crate rebuilt, so the crate builds whenever signatures do.
A bad file never stops the others; a bad function never stops its file.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from analyses import extents, mutability
from analyses.walk import walk
from translator import cir, rust_ir
from translator.c_ast_to_cir import lower
from translator.c_parse import parse
from translator.cir_to_rust import Program
from translator.crate_manifest import CrateSourceMap, save_report
from translator.ctypes_model import ArrayT, PtrT, StructT
from translator.diagnostics import C2SafeError, Diagnostic, Severity, Span, error
from translator.emit_crate import (
    CrateFiles,
    cargo,
    count_unsafe,
    crate_name,
    write_crate,
)
from translator.emit_module import FunctionRecord, ModuleBuilder, ModuleOutput, print_outputs
from translator.link import Linked, link
from translator.preprocess import PreprocessOptions, preprocess
from translator.rir_passes import (
    assign_ops,
    dead_stores,
    flatten_blocks,
    infer_mut,
    needless_return,
    rotations,
    simplify_ops,
    struct_literals,
    unused_bindings,
)
from translator.rir_passes.common import local_rules

MAX_REPAIR_ROUNDS = 4


# The RIR recipe (each pass: Module -> Module, its guarantee in its docstring). Order:
# flat blocks and operator rewrites first, in one traversal (later passes look at
# neighbouring statements; ``p = p op e`` shows up); struct literals before dead stores;
# dead stores and unused bindings before mutability (each removes reasons for ``mut``),
# unused bindings once more after it (``let x = x;``); the tail ``return`` last.
def rust_recipe(
    structs: dict[str, tuple[str, ...]],
) -> tuple[Callable[[rust_ir.Module], rust_ir.Module], ...]:
    """The passes for a crate whose structs have these fields (by Rust name)."""
    return (
        local_rules(flatten_blocks.rule, rotations.rule, simplify_ops.rule, assign_ops.rule),
        struct_literals.make(structs),
        dead_stores.run,
        unused_bindings.run,
        dead_stores.run,  # a dropped ``let y = x;`` can leave the last store to x unread
        infer_mut.run,
        unused_bindings.run,
        needless_return.run,
    )


def rust_passes(outputs: list[ModuleOutput]) -> list[ModuleOutput]:
    """Run the recipe over every module of the crate."""
    structs = {
        it.name: tuple(f for f, _ in it.fields)
        for o in outputs
        for it in o.module.items
        if isinstance(it, rust_ir.Struct)
    }
    recipe = rust_recipe(structs)
    out = []
    for o in outputs:
        m = o.module
        for p in recipe:
            m = p(m)
        out.append(replace(o, module=m))
    return out


@dataclass
class Options:
    sources: list[Path]
    out: Path
    name: str | None = None
    include_dirs: list[Path] = field(default_factory=list)
    defines: list[str] = field(default_factory=list)
    build: bool = True
    extra_files: dict[str, str] = field(default_factory=dict)  # crate-relative path -> text
    run_tests: bool = False  # run ``cargo test`` after a successful build
    strict: bool = False  # refuse (stub) instead of inserting copies or assuming offsets
    # per-file preprocessor flags (resolved path -> (include dirs, defines)), used before
    # the global ``include_dirs``/``defines``; corpus sets bring their own flags this way
    file_flags: dict[str, tuple[list[Path], list[str]]] = field(default_factory=dict)

    def preprocess_options(self, path: Path) -> PreprocessOptions:
        incs, defs = self.file_flags.get(str(path.resolve()), ([], []))
        return PreprocessOptions(
            tuple(incs) + tuple(self.include_dirs), tuple(defs) + tuple(self.defines)
        )


@dataclass
class FileResult:
    path: str
    module: str | None
    records: list[FunctionRecord]
    diagnostics: list[Diagnostic]


@dataclass
class Report:
    crate: str
    out: str
    files: list[FileResult]
    diagnostics: list[Diagnostic]
    built: bool | None
    unsafe_count: int
    seconds_translate: float
    seconds_cargo: float
    cargo_errors: list[str] = field(default_factory=list)
    tests: str | None = None  # cargo test's summary lines
    tests_ok: bool | None = None

    def totals(self) -> dict[str, int]:
        recs = [r for f in self.files for r in f.records]
        return {
            "functions": len(recs),
            "translated": sum(r.status == "translated" for r in recs),
            "stubbed": sum(r.status == "stub" for r in recs),
        }

    def to_json(self) -> dict[str, object]:
        return {
            "crate": self.crate,
            "out": self.out,
            "built": self.built,
            "unsafe": self.unsafe_count,
            "seconds_translate": round(self.seconds_translate, 3),
            "seconds_cargo": round(self.seconds_cargo, 3),
            "totals": self.totals(),
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "cargo_errors": self.cargo_errors,
            "tests": self.tests,
            "tests_ok": self.tests_ok,
            "files": [
                {
                    "path": f.path,
                    "module": f.module,
                    "diagnostics": [d.to_json() for d in f.diagnostics],
                    "functions": [
                        {
                            "name": r.name,
                            "line": r.line,
                            "public": r.public,
                            "status": r.status,
                            "diagnostics": [d.to_json() for d in r.diagnostics],
                        }
                        for r in f.records
                    ],
                }
                for f in self.files
            ],
        }


def collect_sources(sources: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    files: list[Path] = []
    diags: list[Diagnostic] = []
    for s in sources:
        if s.is_dir():
            found = sorted(p for p in s.glob("*.c") if p.is_file())
            if not found:
                diags.append(error("C2S001", f"no .c files in directory {s}", Span(str(s), 0)))
            files.extend(found)
        elif s.is_file():
            files.append(s)
        else:
            diags.append(error("C2S001", f"no such file or directory: {s}", Span(str(s), 0)))
    seen: set[Path] = set()
    unique = []
    for f in files:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique, diags


def check_text(path: Path) -> Diagnostic | None:
    try:
        data = path.read_bytes()
    except OSError as e:
        return error("C2S002", f"cannot read: {e.strerror}", Span(str(path), 0))
    if b"\0" in data[:65536]:
        return error("C2S002", "binary file, not C source", Span(str(path), 0))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data.decode("latin-1")
        except UnicodeDecodeError:
            return error("C2S002", "file is not text", Span(str(path), 0))
    return None


def front_end(path: Path, opts: PreprocessOptions) -> cir.Unit:
    text = preprocess(path, opts)
    ast = parse(text, str(path))
    return lower(ast, str(path))


@dataclass
class Analyzed:
    """The front half of a run: parsed, lowered and linked program with its facts."""

    files: list[Path]
    units: list[cir.Unit]
    results: dict[str, FileResult]
    diagnostics: list[Diagnostic]
    linked: Linked
    program: Program
    builder: ModuleBuilder


def analyze(options: Options) -> Analyzed:
    """Run collect -> preprocess -> parse -> lower -> link -> mutability (no output)."""
    files, diags = collect_sources(options.sources)
    units: list[cir.Unit] = []
    results: dict[str, FileResult] = {}
    for f in files:
        fr = FileResult(str(f), None, [], [])
        results[str(f)] = fr
        bad = check_text(f)
        if bad is not None:
            fr.diagnostics.append(bad)
            continue
        try:
            units.append(front_end(f, options.preprocess_options(f)))
        except C2SafeError as e:
            fr.diagnostics.append(e.diag)
    linked = link(units)
    diags.extend(linked.diagnostics)
    facts = mutability.infer(linked.functions)
    lengths = extents.infer(linked.functions)
    prog = Program(linked.functions, linked.structs, linked.globals, facts, lengths)
    prog.owned_structs = owned_structs(prog)
    builder = ModuleBuilder(prog, [u.source for u in units], strict=options.strict)
    builder.prog_errors = linked.errors
    return Analyzed(files, units, results, diags, linked, prog, builder)


def owned_structs(prog: Program) -> set[str]:
    """Struct ownership (paper section 7): a struct holding pointers owns them (``Box``)
    when it is heap-allocated (``malloc(sizeof(S))``) or returned by pointer, closed over
    the struct types of its fields and over structs holding an owning struct; every other
    struct holding pointers borrows (``S<'a>``)."""
    roots: set[str] = set()
    for fn in prog.functions.values():
        if isinstance(fn.ret, PtrT) and isinstance(fn.ret.target, StructT):
            roots.add(fn.ret.target.name)
        if fn.body is None:
            continue
        for n in walk(fn.body):
            init = (
                n.init if isinstance(n, cir.Decl) else n.rhs if isinstance(n, cir.Assign) else None
            )
            ty = (
                n.ty if isinstance(n, cir.Decl) else n.lhs.ty if isinstance(n, cir.Assign) else None
            )
            if init is None or not (isinstance(ty, PtrT) and isinstance(ty.target, StructT)):
                continue
            core = init
            while isinstance(core, cir.Cast):
                core = core.arg
            if isinstance(core, cir.Call) and core.func in ("malloc", "calloc"):
                roots.add(ty.target.name)
    owned: set[str] = set()
    stack = [r for r in roots if r in prog.structs]
    while stack:
        name = stack.pop()
        if name in owned:
            continue
        owned.add(name)
        for _, ft in prog.structs[name].fields:
            while isinstance(ft, ArrayT):
                ft = ft.elem
            if isinstance(ft, StructT) and ft.name in prog.structs:
                stack.append(ft.name)
    # a struct that holds an owning struct by value owns too (it cannot borrow a Box)
    changed = True
    while changed:
        changed = False
        for name, sd in prog.structs.items():
            if name not in owned and any(
                isinstance(ft, StructT) and ft.name in owned for _, ft in sd.fields
            ):
                owned.add(name)
                changed = True
    return {n for n in owned if prog.has_pointers(StructT(n))}


def translate(options: Options, log: Callable[[str], None] = print) -> Report:
    t0 = time.monotonic()
    name = crate_name(options.name or options.out.name)
    a = analyze(options)
    files, units, results, diags = a.files, a.units, a.results, a.diagnostics
    linked, prog, builder = a.linked, a.program, a.builder
    forced: dict[str, tuple[str, str, Span]] = {}

    def emit_all() -> tuple[dict[str, str], list[ModuleOutput]]:
        builder.prog_errors = {**linked.errors, **forced}
        prog.stubbed = set(builder.prog_errors)
        outputs: list[ModuleOutput] = []
        struct_mods = builder.struct_modules()
        for u in units:
            mod = builder.c_modules[Path(u.source).stem]
            outputs.append(builder.module_for_c(u.source, struct_mods.pop(mod, [])))
        for mod, structs in sorted(struct_mods.items()):
            outputs.append(builder.module_for_types(mod, structs))
        outputs = rust_passes(outputs)
        return print_outputs(outputs), outputs

    modules, outputs = emit_all()
    t_translate = time.monotonic() - t0
    header = (
        "Generated by c2safe from "
        + ", ".join(Path(u.source).name for u in units)
        + ". Do not edit."
    )
    meta: dict[str, object] = {
        "tool": "c2safe",
        "sources": [str(f.resolve()) for f in files],
        "include_dirs": [str(d.resolve()) for d in options.include_dirs],
        "defines": list(options.defines),
        "file_flags": {
            str(f.resolve()): {
                "include_dirs": [
                    str(Path(d).resolve()) for d in options.preprocess_options(f).include_dirs
                ],
                "defines": list(options.preprocess_options(f).defines),
            }
            for f in files
        },
    }
    built: bool | None = None
    cargo_s = 0.0
    cargo_errors: list[str] = []
    if not units:
        diags.append(error("C2S001", "no C file could be translated", Span(str(options.out), 0)))
        report_files = list(results.values())
        return Report(name, str(options.out), report_files, diags, None, 0, t_translate, 0.0)
    crate_files = CrateFiles(name, modules, options.extra_files)
    fmt_problems, source_map = write_crate(options.out, crate_files, header, meta)
    for p in fmt_problems:
        diags.append(error("C2S006", p, Span(str(options.out), 0)))
    if options.build:
        for _round in range(MAX_REPAIR_ROUNDS + 1):
            res = cargo(options.out, "build")
            cargo_s += res.seconds
            if res.ok:
                built = True
                break
            built = False
            by_module: dict[str, list[tuple[int, str]]] = {}
            cargo_errors = []
            for m in res.messages:
                if m.get("level") != "error":
                    continue
                cargo_errors.append(str(m.get("rendered", "")).strip())
                code = m.get("code")
                code_id = code.get("code", "") if isinstance(code, dict) else ""
                what = f"{code_id} {m.get('message', '')}".strip()
                for sp in m.get("spans", []) or []:  # type: ignore[attr-defined]
                    if sp.get("is_primary"):
                        fname = Path(sp["file_name"]).stem
                        by_module.setdefault(fname, []).append((int(sp["line_start"]), what))
            newly = _rejected(by_module, source_map, prog, forced)
            if not newly:
                break
            log(f"c2safe: rustc rejected {len(newly)} function(s); stubbing them and rebuilding")
            modules, outputs = emit_all()
            crate_files = CrateFiles(name, modules, options.extra_files)
            _, source_map = write_crate(options.out, crate_files, header, meta)
    tests: str | None = None
    tests_ok: bool | None = None
    if options.run_tests and built:
        res = cargo(options.out, "test", json_messages=False)
        cargo_s += res.seconds
        tests_ok = res.ok
        passed = sum(int(m) for m in re.findall(r"test result: \w+\. (\d+) passed", res.stdout))
        failed = sum(
            int(m)
            for m in re.findall(
                r"(\d+) failed",
                " ".join(ln for ln in res.stdout.splitlines() if ln.startswith("test result:")),
            )
        )
        tests = f"cargo test (known-answer tests): {passed} passed, {failed} failed"
        if not res.ok:
            tests += "\n" + (res.stdout[-3000:] + res.stderr[-3000:])
    for o in outputs:
        if o.source:
            fr = results[o.source]
            fr.module = o.name
            fr.records = o.records
            fr.diagnostics.extend(o.notes)
        else:
            diags.extend(o.notes)
    report = Report(
        name,
        str(options.out),
        list(results.values()),
        diags,
        built,
        count_unsafe(options.out),
        t_translate,
        cargo_s,
        cargo_errors if not built else [],
        tests,
        tests_ok,
    )
    save_report(options.out, report.to_json())
    return report


def _rejected(
    by_module: dict[str, list[tuple[int, str]]],
    source_map: CrateSourceMap,
    prog: Program,
    forced: dict[str, tuple[str, str, Span]],
) -> set[str]:
    """Record (in ``forced``) the functions holding the lines rustc rejected; return the
    newly forced keys. The source map knows each function's line range."""
    newly: set[str] = set()
    for mod, errs in by_module.items():
        rel = f"src/{mod}.rs"
        for line, what in errs:
            key = source_map.function_at(rel, line)
            if key is None or key in forced or key not in prog.functions:
                continue
            origin = source_map.source_of(rel, line)
            span = prog.functions[key].span if origin is None else Span(*origin)
            msg = f"rustc rejected the translation: {what} ({rel}:{line})"
            forced[key] = ("C2S007", msg, span)
            newly.add(key)
    return newly


def _count(f: FileResult, code: str) -> int:
    return sum(d.code == code for r in f.records for d in r.diagnostics)


def format_table(report: Report) -> str:
    """The per-file table: functions, translated, stubbed, and the reviewer-visible
    decisions (copies inserted for aliasing, offsets assumed, NULL checks erased)."""
    head = (
        "file",
        "functions",
        "translated",
        "llm-filled",
        "stubbed",
        "copies",
        "assumed",
        "null-erased",
    )
    rows: list[tuple[str, ...]] = [head]
    totals = [0, 0, 0, 0, 0, 0, 0]
    for f in report.files:
        n = len(f.records)
        t = sum(r.status == "translated" for r in f.records)
        err = (
            ""
            if f.module
            else "  (not translated: "
            + ", ".join(d.code for d in f.diagnostics if d.severity == Severity.ERROR)
            + ")"
        )
        filled = sum(r.status == "llm-filled" for r in f.records)
        vals = [
            n,
            t,
            filled,
            n - t - filled,
            _count(f, "C2S203"),
            _count(f, "C2S204"),
            _count(f, "C2S201"),
        ]
        totals = [a + b for a, b in zip(totals, vals, strict=True)]
        rows.append((Path(f.path).name + err, *map(str, vals)))
    rows.append(("TOTAL", *map(str, totals)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for i, r in enumerate(rows):
        lines.append(
            "  ".join(c.ljust(widths[j]) if j == 0 else c.rjust(widths[j]) for j, c in enumerate(r))
        )
        if i == 0 or i == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    built = {True: "yes", False: "NO", None: "not run"}[report.built]
    lines.append(
        f"crate `{report.crate}` at {report.out}: builds: {built}; unsafe: {report.unsafe_count}; "
        f"translate {report.seconds_translate:.2f}s, cargo {report.seconds_cargo:.2f}s"
    )
    return "\n".join(lines)

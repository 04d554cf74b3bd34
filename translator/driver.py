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

from analyses import extents, mutability, pointer_model
from analyses.walk import walk
from translator import cache as fe_cache
from translator import cir, regen, rust_ir
from translator.c_ast_to_cir import lower
from translator.c_parse import parse
from translator.cir_to_rust import FunctionEmitter, Program, TranslateError
from translator.completeness import Completeness
from translator.completeness import check as completeness_check
from translator.crate_manifest import CrateSourceMap, save_report
from translator.ctypes_model import ArrayT, BoolT, FloatT, IntT, PtrT, StructT
from translator.diagnostics import Diagnostic, Severity, Span, error, warning
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
from translator.program_main import program_files
from translator.rehome import Placement, rehome
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
from translator.std_headers import INCLUDE_DIR

LIBC_DIR = INCLUDE_DIR.resolve()

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
    # False: every function stays in the slice model (no checked pointers, no fallback);
    # the HACL* sets ask for this, as a refusal there is a coded stub, not a Ptr signature
    checked: bool = True
    # per-file preprocessor flags (resolved path -> (include dirs, defines)), used before
    # the global ``include_dirs``/``defines``; corpus sets bring their own flags this way
    file_flags: dict[str, tuple[list[Path], list[str]]] = field(default_factory=dict)
    cache: bool = True  # the content-addressed front-end/analysis cache (translator/cache.py)
    jobs: int = 0  # worker processes for parsing and lowering (0: one per CPU)
    # functions to leave as coded stubs (C2S114) whatever the rules could do: C names or
    # linker keys (``name@file``); e.g. to have the LLM fill or a person write them
    stub_functions: list[str] = field(default_factory=list)

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
    # functions defined in headers (or included .c files) that no .c module owns: helpers
    # copied into their callers' modules, and unused static helpers (status "unused")
    header_functions: list[FunctionRecord] = field(default_factory=list)
    completeness: Completeness | None = None

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
            "completeness": self.completeness.to_json() if self.completeness else None,
            "header_functions": [
                {
                    "name": r.name,
                    "file": r.file,
                    "line": r.line,
                    "status": r.status,
                    "diagnostics": [d.to_json() for d in r.diagnostics],
                }
                for r in self.header_functions
            ],
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
                            "model": r.model,
                            "model_reasons": r.model_reasons,
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
    return front_end_text(path, opts)[0]


def front_end_text(path: Path, opts: PreprocessOptions) -> tuple[cir.Unit, str]:
    """The lowered unit and the preprocessed text it came from."""
    text = preprocess(path, opts)
    ast = parse(text, str(path))
    return lower(ast, str(path)), text


_LINE_MARKER = re.compile(r'^# \d+ "([^"]+)"', re.M)


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
    placement: Placement | None = None
    # (resolved file, C name) of every function definition a unit's parse saw
    parsed_defs: set[tuple[str, str]] = field(default_factory=set)
    included: set[str] = field(default_factory=set)  # every file a unit read (resolved)


def analyze(options: Options) -> Analyzed:
    """Run collect -> preprocess -> parse -> lower -> link -> mutability (no output)."""
    files, diags = collect_sources(options.sources)
    units: list[cir.Unit] = []
    results: dict[str, FileResult] = {}
    readable: list[Path] = []
    parsed_defs: set[tuple[str, str]] = set()
    included: set[str] = set()
    for f in files:
        fr = FileResult(str(f), None, [], [])
        results[str(f)] = fr
        bad = check_text(f)
        if bad is not None:
            fr.diagnostics.append(bad)
            continue
        readable.append(f)
    # preprocess; parse + lower the files the content-addressed cache does not hold, in
    # worker processes (translator/cache.py)
    store = fe_cache.default_store() if options.cache else None
    items = [(f, options.preprocess_options(f)) for f in readable]
    texts: list[str] = []
    outcomes, keys = fe_cache.front_ends(items, store, options.jobs, texts=texts)
    for f, res, text in zip(readable, outcomes, texts, strict=True):
        if isinstance(res, Diagnostic):
            results[str(f)].diagnostics.append(res)
            continue
        unit = res
        included.update(str(Path(m).resolve()) for m in set(_LINE_MARKER.findall(text)))
        units.append(unit)
        parsed_defs.update(
            (str(Path(fn.file).resolve()), n)
            for n, fn in unit.functions.items()
            if fn.body is not None or n in unit.errors
        )
        for code, msg, span in unit.notes:
            results[str(f)].diagnostics.append(warning(code, msg, span))
    linked = link(units)
    _prune_libc_structs(linked)
    placement = rehome(linked, units)
    diags.extend(linked.diagnostics)
    facts, lengths = fe_cache.cached(
        store,
        "facts",
        [k for k in keys if k],
        lambda: (mutability.infer(linked.functions), extents.infer(linked.functions)),
    )
    prog = Program(linked.functions, linked.structs, linked.globals, facts, lengths)
    prog.owned_structs = owned_structs(prog)
    cross = pointer_model.crossable(linked.functions, facts.mut_params, lengths.may)
    models = (
        pointer_model.infer(
            _model_view(linked, options),
            linked.structs,
            stubbed=frozenset(linked.errors),
            crossable=cross,
        )
        if options.checked
        else pointer_model.ModelFacts()
    )
    builder = ModuleBuilder(
        prog, [u.source for u in units], strict=options.strict, pointer_facts=models
    )
    builder.prog_errors = linked.errors
    builder.crossable = cross
    return Analyzed(
        files, units, results, diags, linked, prog, builder, placement, parsed_defs, included
    )


def _prune_libc_structs(linked: Linked) -> None:
    """Drop the structs of c2safe's own libc headers (``div_t``, ``struct tm``, ...) that
    no function, global or kept struct of the program uses, so they add no modules."""
    libc = {
        n for n, sd in linked.structs.items() if Path(sd.file).resolve().is_relative_to(LIBC_DIR)
    }
    if not libc:
        return
    texts = [
        repr((fn.ret, [p.ty for p in fn.params], fn.body))
        for fn in linked.functions.values()
        if fn.body is not None or fn.name in linked.errors
    ]
    texts += [repr((g.ty, g.init)) for g in linked.globals.values()]
    texts += [repr(sd.fields) for n, sd in linked.structs.items() if n not in libc]
    blob = "\n".join(texts)
    used = {n for n in libc if f"StructT(name='{n}')" in blob}
    changed = True
    while changed:  # structs reached through used libc structs
        changed = False
        for n in libc - used:
            if any(f"StructT(name='{n}')" in repr(linked.structs[u].fields) for u in used):
                used.add(n)
                changed = True
    for n in libc - used:
        del linked.structs[n]


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
    forced = _requested_stubs(options, prog, diags)

    prog.cell_globals = _cell_globals(prog, builder)
    refused_globals = _global_users(prog, builder)
    main_fn = prog.functions.get("main")
    prog.program = main_fn is not None and main_fn.file.endswith(".c")

    def emit_all() -> tuple[dict[str, str], list[ModuleOutput]]:
        # checked functions read constant globals as their own read-only memory
        refused = {
            k: v
            for k, v in refused_globals.items()
            if k not in builder.pointer_facts.checked_functions
        }
        builder.prog_errors = {**refused, **linked.errors, **forced}
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
    if not options.strict and options.checked:  # checked takes what slice rules refused
        for _round in range(3):
            seeds = pointer_model.fallback_seeds(builder.slice_failures, builder.pointer_facts)
            if not seeds:
                break
            seeds.update(pointer_model.seeds_of(builder.pointer_facts))
            builder.set_pointer_facts(
                pointer_model.infer(
                    _model_view(linked, options),
                    linked.structs,
                    seeds=seeds,
                    stubbed=frozenset(linked.errors),
                    crossable=builder.crossable,
                )
            )
            builder.slice_failures = {}
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
    meta["regen"] = regen.record(options)  # what `c2safe check` regenerates from
    built: bool | None = None
    cargo_s = 0.0
    cargo_errors: list[str] = []
    if not units:
        diags.append(error("C2S001", "no C file could be translated", Span(str(options.out), 0)))
        report_files = list(results.values())
        return Report(name, str(options.out), report_files, diags, None, 0, t_translate, 0.0)
    extra, main_notes = _program(name, prog, builder, linked, modules)
    diags.extend(main_notes)
    extra.update(options.extra_files)
    crate_files = CrateFiles(name, modules, extra)
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
            newly = _rejected(by_module, source_map, prog, forced, options.out)
            if not newly:
                break
            log(f"c2safe: rustc rejected {len(newly)} function(s); stubbing them and rebuilding")
            modules, outputs = emit_all()
            crate_files = CrateFiles(name, modules, extra)
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
    helper_records = _helper_records(outputs, a)
    completeness, lost = _check_complete(options, a, list(results.values()), helper_records)
    diags.extend(lost)
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
        helper_records,
        completeness,
    )
    save_report(options.out, report.to_json())
    return report


def _model_view(linked: Linked, options: Options) -> dict[str, cir.Function]:
    """The functions as the pointer-model choice sees them: a function left as a stub on
    request (``--stub``) has no body, so its body cannot move it (or its callers and
    callees) to the checked model; its signature stays the slice one."""
    wanted = set(options.stub_functions)
    if not wanted:
        return linked.functions
    return {
        k: replace(fn, body=None) if (k in wanted or fn.c_name in wanted) else fn
        for k, fn in linked.functions.items()
    }


def _requested_stubs(
    options: Options, prog: Program, diags: list[Diagnostic]
) -> dict[str, tuple[str, str, Span]]:
    """The functions ``options.stub_functions`` names, as forced stubs (C2S114); a name
    that matches no function is an error naming it."""
    forced: dict[str, tuple[str, str, Span]] = {}
    for want in options.stub_functions:
        keys = [k for k, fn in prog.functions.items() if want in (k, fn.c_name)]
        for k in keys:
            fn = prog.functions[k]
            forced[k] = ("C2S114", "left as a stub on request (--stub)", fn.span)
        if not keys:
            msg = f"--stub {want}: no function of that name in the inputs"
            diags.append(error("C2S114", msg, Span(str(options.out), 0)))
    return forced


def _rejected(
    by_module: dict[str, list[tuple[int, str]]],
    source_map: CrateSourceMap,
    prog: Program,
    forced: dict[str, tuple[str, str, Span]],
    crate: Path | None = None,
) -> set[str]:
    """Record (in ``forced``) the functions holding the lines rustc rejected; return the
    newly forced keys. The source map knows each function's line range; a line it does not
    place is given to the ``fn`` item that encloses it in the written file."""
    newly: set[str] = set()
    for mod, errs in by_module.items():
        rel = f"src/{mod}.rs"
        for line, what in errs:
            key = source_map.function_at(rel, line)
            if key is None and crate is not None:
                key = _enclosing_fn(crate / rel, line, source_map.functions.get(rel, {}))
            if key is None or key in forced or key not in prog.functions:
                continue
            origin = source_map.source_of(rel, line)
            span = prog.functions[key].span if origin is None else Span(*origin)
            msg = f"rustc rejected the translation: {what} ({rel}:{line})"
            forced[key] = ("C2S007", msg, span)
            newly.add(key)
    return newly


_FN_ITEM = re.compile(r"^(?:pub(?:\([^)]*\))? )?fn (?:r#)?([A-Za-z_][A-Za-z0-9_]*)")


def _enclosing_fn(path: Path, line: int, keys: dict[str, tuple[int, int]]) -> str | None:
    """The key of the top-level ``fn`` item whose text encloses ``line`` (1-based)."""
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return None
    for i in range(min(line, len(lines)) - 1, -1, -1):
        m = _FN_ITEM.match(lines[i])
        if m:
            name = m.group(1)
            return next((k for k in keys if k.split("@")[0] == name), None)
        if lines[i].startswith("}") and i != line - 1:
            return None  # the line is between items
    return None


def _program(
    name: str,
    prog: Program,
    builder: ModuleBuilder,
    linked: Linked,
    modules: dict[str, str],
) -> tuple[dict[str, str], list[Diagnostic]]:
    """The binary target's files when the program defines ``main`` (``program_main``); a
    ``main`` the lowering refused is a stub, and the binary runs into it. The signature
    is read from the emitted module (slice or checked model alike)."""
    fn = prog.functions.get("main")
    if fn is None or not fn.file.endswith(".c"):
        return {}, []
    if fn.body is None and "main" not in linked.errors:
        return {}, []
    module = builder.c_modules.get(Path(fn.file).stem)
    m = re.search(r"^pub fn main\(([^)]*)\)(\s*->\s*\w+)?", modules.get(module or "", ""), re.M)
    signature: str | None
    if m is not None:
        signature = m.group(0)
    else:
        try:
            signature = FunctionEmitter(prog, fn, set()).signature()
        except TranslateError as e:
            signature = f"(untranslatable: {e.message})"
    return program_files(name, module, signature, fn.span)


def _address_taken(prog: Program) -> set[str]:
    """Globals whose address the program takes (``&g``)."""
    out: set[str] = set()
    for fn in prog.functions.values():
        for n in walk(fn.body) if fn.body is not None else ():
            if isinstance(n, cir.AddrOf) and isinstance(n.arg, cir.Var) and n.arg.kind == "global":
                out.add(n.arg.name)
    return out


def _cell_globals(prog: Program, builder: ModuleBuilder) -> set[str]:
    """Mutable scalar globals of ``.c`` files whose address is never taken: they live in
    thread-local cells the crate owns (``emit_module.emit_cell_global``)."""
    written = builder.written_globals()
    taken = _address_taken(prog)
    return {
        g.name
        for g in prog.globals.values()
        if not g.const
        and g.file.endswith(".c")
        and isinstance(g.ty, IntT | FloatT | BoolT)
        and g.name in written
        and g.name not in taken
    }


def _global_users(prog: Program, builder: ModuleBuilder) -> dict[str, tuple[str, str, Span]]:
    """Functions that read or write a global the emitter refuses: they are stubbed with
    the global's code (not an internal error about an unbound name)."""
    refused: dict[str, tuple[str, str]] = {}
    # a global whose address is taken may be written through the pointer: not a constant
    for fn in prog.functions.values():
        for n in walk(fn.body) if fn.body is not None else ():
            if (
                isinstance(n, cir.AddrOf)
                and isinstance(n.arg, cir.Var)
                and n.arg.kind == "global"
                and n.arg.name in prog.globals
                and not prog.globals[n.arg.name].const
            ):
                refused[n.arg.name] = ("C2S110", "its address is taken (mutable global state)")
    for g in prog.globals.values():
        if g.name in refused:
            continue
        try:
            builder.emit_global(g, public=False)
        except TranslateError as e:
            refused[g.name] = (e.code, e.message)
        except (AssertionError, KeyError, ValueError, TypeError) as e:
            refused[g.name] = ("C2S111", f"internal error on global: {type(e).__name__}: {e}")
    if not refused:
        return {}
    out: dict[str, tuple[str, str, Span]] = {}
    for key, fn in prog.functions.items():
        if fn.body is None:
            continue
        for n in walk(fn.body):
            if isinstance(n, cir.Var) and n.kind == "global" and n.name in refused:
                code, msg = refused[n.name]
                out[key] = (code, f"uses global `{n.name}`: {msg}", n.span)
                break
    return out


def _helper_records(outputs: list[ModuleOutput], a: Analyzed) -> list[FunctionRecord]:
    """One record per header-defined function: the first module's copy, or ``unused``."""
    seen: dict[str, FunctionRecord] = {}
    for o in outputs:
        for r in o.helpers:
            seen.setdefault(r.name, r)
    if a.placement is not None:
        for key, fn in a.placement.unused.items():
            if key not in seen:
                seen[key] = FunctionRecord(
                    key, fn.span.file, fn.span.line, "", "unused", public=False
                )
    return sorted(seen.values(), key=lambda r: (r.file, r.line))


def _check_complete(
    options: Options,
    a: Analyzed,
    files: list[FileResult],
    helpers: list[FunctionRecord],
) -> tuple[Completeness, list[Diagnostic]]:
    """Compare tree-sitter's function definitions with the report (``completeness``)."""
    reported: dict[str, set[str]] = {}
    for r in [rec for f in files for rec in f.records] + helpers:
        reported.setdefault(str(Path(r.file).resolve()), set()).add(r.name.split("@")[0])
    for d in a.diagnostics:  # a second definition of a public name is reported (C2S009)
        if d.code == "C2S009" and d.function:
            reported.setdefault(str(Path(d.span.file).resolve()), set()).add(d.function)
    roots = {(s if s.is_dir() else s.parent).resolve() for s in options.sources if s.exists()}
    scan: list[Path] = [Path(u.source) for u in a.units]
    unit_sources = {str(p.resolve()) for p in scan}
    for inc in sorted(a.included):
        p = Path(inc)
        if inc in unit_sources or p.is_relative_to(LIBC_DIR) or not p.is_file():
            continue
        if any(p.is_relative_to(r) for r in roots):
            scan.append(p)
    return completeness_check(scan, reported, a.parsed_defs)


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
        "checked",
        "copies",
        "assumed",
        "null-erased",
    )
    rows: list[tuple[str, ...]] = [head]
    totals = [0, 0, 0, 0, 0, 0, 0, 0]
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
            sum(r.model == "checked" for r in f.records),
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

"""Load FStarDataSet records (JSON array, JSON lines, or the raw per-module `{defs: [...]}` form).

Guarantees:
- Each record becomes an `Entry` holding two separate objects: a `GoalView` (everything a
  model may see) and a `Solution` (`source_definition`, `ideal_premises`,
  `completed_definiton`). `GoalView` has no field for any of the three, so code that builds
  prompts from a `GoalView` cannot leak them; `Solution` hides its text from `repr`.
- Both opens-and-abbrevs spellings are accepted (`{open: M}` / `{abbrev: A, full_module: M}`
  and the Hugging Face `{abbrev: bool, short_module, full_module}`).
- A malformed record raises `DatasetError` naming the file and the 1-based record number;
  nothing is silently dropped, except by the explicit `synthesis_goals` filter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

IMPLICIT_OPENS = frozenset({"Prims", "FStar.Pervasives", "FStar.Pervasives.Native"})
"""Modules every F* module opens implicitly; listed in records, never worth restating."""

FORBIDDEN_FIELDS = frozenset({"source_definition", "ideal_premises", "completed_definiton"})
"""Record fields that are the answer, or derived from it: never model input."""


class DatasetError(ValueError):
    pass


class Category(StrEnum):
    """The benchmark classes of the FStarDataSet paper."""

    SIMPLY_TYPED = "simply typed"
    DEPENDENT = "dependently typed"
    PROOF = "proof"


@dataclass(frozen=True, slots=True)
class OpenDirective:
    """`open M` (abbrev is None) or `module A = M`."""

    module: str
    abbrev: str | None = None

    def render(self) -> str:
        return f"module {self.abbrev} = {self.module}" if self.abbrev else f"open {self.module}"


@dataclass(frozen=True, slots=True)
class Dependency:
    source_file: str
    checked_file: str = ""
    interface_file: bool = False
    dependencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoalView:
    """The model-visible part of a record. By construction it has no answer fields."""

    name: str
    file_name: str
    source_type: str
    original_source_type: str = ""
    file_context: str = ""
    opens: tuple[OpenDirective, ...] = ()
    vconfig: Mapping[str, Any] = field(default_factory=dict, hash=False)
    dependencies: tuple[Dependency, ...] = ()
    effect: str = ""
    effect_flags: tuple[str, ...] = ()
    mutual_with: tuple[str, ...] = ()
    proof_features: tuple[str, ...] = ()
    partial_definition: str = ""
    verbose_type: str = ""
    is_simple_lemma: bool = False
    is_proof: bool = False
    is_simply_typed: bool = False
    is_type: bool = False
    is_div: bool = False
    interleaved: bool = False
    isa_cross_project_example: bool = False

    @property
    def short_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    @property
    def explicit_opens(self) -> tuple[OpenDirective, ...]:
        """The opens and abbreviations in source order, without the implicit ones."""
        return tuple(o for o in reversed(self.opens) if o.abbrev or o.module not in IMPLICIT_OPENS)

    @property
    def module(self) -> str:
        """The module the definition lives in (from the qualified name, else the file)."""
        if "." in self.name:
            return self.name.rsplit(".", 1)[0]
        stem = Path(self.file_name).name
        for suffix in (".fsti", ".fst"):
            if stem.endswith(suffix):
                return stem[: -len(suffix)]
        return stem or "Goal"

    @property
    def checked_type(self) -> str:
        """The type given to the checker: `original_source_type` unless unknown."""
        if self.original_source_type and self.original_source_type != "<UNK>":
            return self.original_source_type
        return self.source_type

    @property
    def category(self) -> Category:
        if self.is_proof or self.is_simple_lemma:
            return Category.PROOF
        if self.is_simply_typed:
            return Category.SIMPLY_TYPED
        return Category.DEPENDENT


@dataclass(frozen=True)
class Solution:
    """The answer fields. Used only to build related examples from a training split."""

    source_definition: str = field(default="", repr=False)
    ideal_premises: tuple[str, ...] = field(default=(), repr=False)
    completed_definition: str = field(default="", repr=False)


@dataclass(frozen=True)
class Entry:
    goal: GoalView
    solution: Solution = field(repr=False)

    @property
    def is_synthesis_goal(self) -> bool:
        """The reference harness's selection: a real, non-interleaved value definition."""
        definition = self.solution.source_definition.strip()
        if self.goal.interleaved or self.goal.is_type or self.goal.file_name == "dummy":
            return False
        if definition.startswith("<") or (definition and "=" not in definition):
            return False
        return bool(self.goal.source_type.strip())


def _opens(raw: Any) -> tuple[OpenDirective, ...]:
    out: list[OpenDirective] = []
    for item in raw or ():
        if not isinstance(item, Mapping):
            raise DatasetError(f"opens_and_abbrevs entry is not an object: {item!r}")
        if "open" in item:
            out.append(OpenDirective(str(item["open"])))
            continue
        module = str(item.get("full_module", ""))
        abbrev = item.get("abbrev")
        if isinstance(abbrev, str) and abbrev:
            out.append(OpenDirective(module, abbrev))
        elif abbrev is True:
            out.append(OpenDirective(module, str(item.get("short_module", ""))))
        else:
            out.append(OpenDirective(module))
    return tuple(out)


def _deps(raw: Any) -> tuple[Dependency, ...]:
    items = raw if isinstance(raw, list) else [raw] if isinstance(raw, Mapping) else []
    return tuple(
        Dependency(
            source_file=str(d.get("source_file", "")),
            checked_file=str(d.get("checked_file", "")),
            interface_file=bool(d.get("interface_file", False)),
            dependencies=tuple(str(x) for x in d.get("dependencies", []) or []),
        )
        for d in items
        if isinstance(d, Mapping)
    )


def _strs(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw,) if raw else ()
    return tuple(str(x) for x in raw)


def entry_from_record(record: Mapping[str, Any], where: str = "record") -> Entry:
    """Split one dataset record into its visible goal and its hidden solution."""
    if not isinstance(record, Mapping):
        raise DatasetError(f"{where}: not a JSON object")
    name = record.get("name")
    if not isinstance(name, str) or not name:
        raise DatasetError(f"{where}: missing 'name'")
    source_type = record.get("source_type") or record.get("original_source_type")
    if not isinstance(source_type, str):
        raise DatasetError(f"{where} ({name}): missing 'source_type'")
    vconfig = record.get("vconfig") or {}
    if not isinstance(vconfig, Mapping):
        raise DatasetError(f"{where} ({name}): 'vconfig' is not an object")
    try:
        goal = GoalView(
            name=name,
            file_name=str(record.get("file_name", "")),
            source_type=source_type,
            original_source_type=str(record.get("original_source_type") or ""),
            file_context=str(record.get("file_context") or ""),
            opens=_opens(record.get("opens_and_abbrevs")),
            vconfig=dict(vconfig),
            dependencies=_deps(record.get("dependencies")),
            effect=str(record.get("effect") or ""),
            effect_flags=_strs(record.get("effect_flags")),
            mutual_with=_strs(record.get("mutual_with")),
            proof_features=_strs(record.get("proof_features")),
            partial_definition=str(record.get("partial_definition") or record.get("prompt") or ""),
            verbose_type=str(record.get("verbose_type") or record.get("type") or ""),
            is_simple_lemma=bool(record.get("is_simple_lemma", False)),
            is_proof=bool(record.get("is_proof", False)),
            is_simply_typed=bool(record.get("is_simply_typed", False)),
            is_type=bool(record.get("is_type", False)),
            is_div=bool(record.get("is_div", False)),
            interleaved=bool(record.get("interleaved", False)),
            isa_cross_project_example=bool(record.get("isa_cross_project_example", False)),
        )
    except DatasetError as exc:
        raise DatasetError(f"{where} ({name}): {exc}") from None
    solution = Solution(
        source_definition=str(record.get("source_definition") or record.get("definition") or ""),
        ideal_premises=_strs(record.get("ideal_premises") or record.get("premises")),
        completed_definition=str(
            record.get("completed_definiton") or record.get("expected_response") or ""
        ),
    )
    return Entry(goal, solution)


def _records(path: Path) -> Iterator[tuple[str, Any]]:
    text = path.read_text("utf-8")
    stripped = text.lstrip()
    if not stripped:
        return
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
        for i, rec in enumerate(data, 1):
            yield f"{path}: record {i}", rec
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            break  # not JSON lines: maybe one pretty-printed object
        yield from _expand(f"{path}:{lineno}", rec)
    else:
        return
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    yield from _expand(str(path), whole)


def _expand(where: str, rec: Any) -> Iterator[tuple[str, Any]]:
    """The raw extractor prints one object per module with its definitions under `defs`."""
    if isinstance(rec, Mapping) and isinstance(rec.get("defs"), list):
        deps = rec.get("dependencies")
        for i, d in enumerate(rec["defs"], 1):
            merged = dict(d) if isinstance(d, Mapping) else d
            if isinstance(merged, dict) and deps is not None:
                merged.setdefault("dependencies", deps)
            yield f"{where}: def {i}", merged
    else:
        yield where, rec


def load_entries(paths: str | Path | Iterable[str | Path]) -> list[Entry]:
    """Read every record of one or more dataset files, in order."""
    if isinstance(paths, str | Path):
        paths = [paths]
    entries: list[Entry] = []
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise DatasetError(f"{path}: no such file")
        for where, rec in _records(path):
            entries.append(entry_from_record(rec, where))
    return entries


def synthesis_goals(entries: Sequence[Entry]) -> list[Entry]:
    return [e for e in entries if e.is_synthesis_goal]

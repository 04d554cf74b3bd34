"""Type-based retrieval: related examples from a training split, premises from the goal's context.

The score of a candidate is a weighted sum of
- BM25 over identifiers (names split at `.` and `_`, lower-cased) of the name and type, and
- structural similarity of the parsed types (`TypeFeatures`: effect, arity, head constructors
  of domains and result, refinements, requires/ensures/decreases, type names).
A type that does not parse still gets identifier features, so retrieval never fails on
syntax this grammar lacks.

Guarantees:
- Related examples come only from the `TrainingExample`s given (a training split); the goal's
  own name is always excluded, so leave-one-out on one file is safe.
- Premises come only from the goal's `file_context` (which ends before the goal) and from
  training records of modules the goal opens: never from `ideal_premises`.
- Ranking is deterministic: ties are broken by name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rank_bm25 import BM25Okapi

from llm.fstar.dataset import Entry, GoalView
from llm.fstar.parse_type import FStarSyntaxError, parse_goal
from llm.fstar.syntax import (
    GHOST_EFFECTS,
    STATEFUL_EFFECTS,
    App,
    Arrow,
    Comp,
    Name,
    Refine,
    Signature,
    Term,
    Tuple,
    Type,
    Universe,
    walk,
)

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_']*")
_STOP = frozenset({"val", "let", "rec", "tot", "fun", "requires", "ensures", "forall", "exists"})


def identifiers(text: str) -> list[str]:
    """BM25 tokens: identifiers and their `_`-separated parts, lower-cased."""
    out: list[str] = []
    for ident in _IDENT.findall(text):
        low = ident.lower().strip("'")
        if not low or low in _STOP:
            continue
        out.append(low)
        parts = [p for p in low.split("_") if p]
        if len(parts) > 1:
            out.extend(parts)
    return out


@dataclass(frozen=True, slots=True)
class TypeFeatures:
    """Structural facts about a goal type, comparable across definitions."""

    parsed: bool
    effect: str = "Tot"
    effect_family: str = "total"
    arity: int = 0
    implicit_arity: int = 0
    result_head: str | None = None
    domain_heads: tuple[str, ...] = ()
    refined_binders: int = 0
    refined_result: bool = False
    has_requires: bool = False
    has_ensures: bool = False
    has_decreases: bool = False
    type_names: frozenset[str] = frozenset()


def _head(term: Term | None) -> str | None:
    match term:
        case None:
            return None
        case Name():
            return term.short
        case App(head=Name() as head):
            return head.short
        case Refine(base=base):
            return _head(base)
        case Tuple():
            return "tuple"
        case Arrow():
            return "->"
        case Universe():
            return "Type"
        case _:
            return None


def _family(effect: str) -> str:
    if effect == "Lemma":
        return "lemma"
    if effect in GHOST_EFFECTS:
        return "ghost"
    if effect in STATEFUL_EFFECTS:
        return "stateful"
    if effect in {"Pure"}:
        return "pure"
    if effect in {"Div", "Dv"}:
        return "div"
    return "total"


def _type_names(types: Iterable[Term | None]) -> frozenset[str]:
    names: set[str] = set()
    for t in types:
        if t is None:
            continue
        for node in walk(t):
            if isinstance(node, Name) and node.text not in {"_"}:
                names.add(node.short)
    return frozenset(names)


def features_of_signature(sig: Signature) -> TypeFeatures:
    typ: Type = sig.as_arrow()
    binders = typ.binders if isinstance(typ, Arrow) else ()
    result = typ.result if isinstance(typ, Arrow) else typ
    comp = result if isinstance(result, Comp) else None
    result_type = comp.result if comp is not None else result
    assert not isinstance(result_type, Comp)
    effect = comp.effect_short if comp is not None else "Tot"
    return TypeFeatures(
        parsed=True,
        effect=effect,
        effect_family=_family(effect),
        arity=sum(1 for b in binders if not b.implicit),
        implicit_arity=sum(1 for b in binders if b.implicit),
        result_head=_head(result_type),
        domain_heads=tuple(h for b in binders if not b.implicit and (h := _head(b.type))),
        refined_binders=sum(1 for b in binders if b.refinement is not None),
        refined_result=isinstance(result_type, Refine),
        has_requires=comp is not None and comp.requires is not None,
        has_ensures=comp is not None and comp.ensures is not None,
        has_decreases=comp is not None and comp.decreases is not None,
        type_names=_type_names([b.type for b in binders] + [result_type]),
    )


@functools.lru_cache(maxsize=65536)
def features_of(type_text: str, name: str = "_") -> TypeFeatures:
    """Features of a dataset type string; an unparsable one gets identifier-only features.
    Memoised: the result is immutable and depends only on the arguments."""
    try:
        return features_of_signature(parse_goal(type_text, name))
    except FStarSyntaxError:
        body = re.sub(r"^\s*(?:\w+\s+)*val\s+\S+", "", type_text, count=1)
        words = set(identifiers(body))
        known = ("Lemma", "GTot", "Pure", "ST", "Stack")
        effect = next((e for e in known if re.search(rf"\b{e}\b", type_text)), "Tot")
        return TypeFeatures(
            parsed=False, effect=effect, effect_family=_family(effect), type_names=frozenset(words)
        )


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def structural_similarity(a: TypeFeatures, b: TypeFeatures) -> float:
    """A similarity in [0, 1] of two types' shapes (1 = same shape and vocabulary)."""
    score = 0.0
    score += 0.20 if a.effect == b.effect else 0.10 if a.effect_family == b.effect_family else 0.0
    score += 0.10 * (1.0 - abs(a.arity - b.arity) / max(a.arity, b.arity, 1))
    score += 0.05 * (1.0 if (a.implicit_arity > 0) == (b.implicit_arity > 0) else 0.0)
    score += 0.15 * (1.0 if a.result_head == b.result_head else 0.0)
    score += 0.15 * _jaccard(a.domain_heads, b.domain_heads)
    score += 0.20 * _jaccard(a.type_names, b.type_names)
    profile_a = (a.refined_binders > 0, a.refined_result, a.has_requires, a.has_ensures)
    profile_b = (b.refined_binders > 0, b.refined_result, b.has_requires, b.has_ensures)
    score += 0.10 * sum(x == y for x, y in zip(profile_a, profile_b, strict=True)) / 4
    score += 0.05 * (1.0 if a.has_decreases == b.has_decreases else 0.0)
    return score


# ---- related examples -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrainingExample:
    """A solved definition from a training split: its name, type and definition text."""

    name: str
    source_type: str
    definition: str
    module: str = ""

    @classmethod
    def from_entry(cls, entry: Entry) -> TrainingExample:
        return cls(
            name=entry.goal.name,
            source_type=entry.goal.source_type,
            definition=entry.solution.source_definition,
            module=entry.goal.module,
        )


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Scored(Generic[T]):
    item: T
    score: float
    bm25: float
    structure: float


def _query_tokens(goal: GoalView) -> list[str]:
    return identifiers(goal.short_name) + identifiers(goal.source_type)


class ExampleRetriever:
    """Ranks training examples by similarity of their types to a goal's type."""

    def __init__(
        self,
        examples: Sequence[TrainingExample],
        bm25_weight: float = 0.4,
        structure_weight: float = 0.6,
    ) -> None:
        self.examples = [e for e in examples if e.definition.strip()]
        self.bm25_weight = bm25_weight
        self.structure_weight = structure_weight
        self._features = [features_of(e.source_type, e.name) for e in self.examples]
        docs = [identifiers(e.name.rsplit(".", 1)[-1]) + identifiers(e.source_type)
                for e in self.examples]  # fmt: skip
        self._bm25 = BM25Okapi(docs) if docs else None

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> ExampleRetriever:
        return cls([TrainingExample.from_entry(e) for e in entries if e.is_synthesis_goal])

    def rank(self, goal: GoalView) -> list[Scored[TrainingExample]]:
        if self._bm25 is None:
            return []
        raw = self._bm25.get_scores(_query_tokens(goal))
        top = max((float(s) for s in raw), default=0.0)
        target = features_of(goal.source_type, goal.name)
        scored: list[Scored[TrainingExample]] = []
        for example, feats, bm in zip(self.examples, self._features, raw, strict=True):
            if example.name == goal.name:
                continue
            lexical = float(bm) / top if top > 0 else 0.0
            shape = structural_similarity(target, feats)
            total = self.bm25_weight * lexical + self.structure_weight * shape
            scored.append(Scored(example, total, lexical, shape))
        scored.sort(key=lambda s: (-s.score, s.item.name))
        return scored

    def retrieve(self, goal: GoalView, k: int) -> list[TrainingExample]:
        return [s.item for s in self.rank(goal)[:k]]


# ---- premises -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Premise:
    """A name the answer may use, with its signature text and where it was found."""

    name: str
    signature: str
    origin: str  # "file" or "module <M>"


_DECL = re.compile(
    r"^(?:(?:private|inline_for_extraction|noextract|unfold|irreducible|assume)\s+)*"
    r"(?P<kw>val|let rec|let|type|and)\s+(?P<name>[A-Za-z_][A-Za-z0-9_']*)",
)
_TOP = re.compile(r"^(?:\S)")


def premises_from_context(file_context: str) -> list[Premise]:
    """Top-level `val`, `let` and `type` declarations of a module prefix, in order.

    A `val` gives the signature; a `let` without a `val` contributes its header up to `=`;
    a `type` contributes its first line. Later declarations of a name replace earlier ones.
    """
    lines = file_context.splitlines()
    found: dict[str, Premise] = {}
    i = 0
    while i < len(lines):
        match = _DECL.match(lines[i])
        if not match:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or not _TOP.match(lines[j])):
            j += 1
        block = " ".join(x.strip() for x in lines[i:j] if x.strip())
        kw, name = match.group("kw"), match.group("name")
        if kw == "val":
            found[name] = Premise(name, block, "file")
        elif kw in ("let", "let rec", "and"):
            header = block.split("=", 1)[0].strip()
            if name not in found or not found[name].signature.startswith("val"):
                found[name] = Premise(name, header, "file")
        else:
            found.setdefault(name, Premise(name, block.split("=", 1)[0].strip(), "file"))
        i = j
    return list(found.values())


class PremiseSelector:
    """Ranks candidate premises for a goal: its file context plus opened modules' signatures."""

    def __init__(self, module_signatures: Iterable[tuple[str, str, str]] = ()) -> None:
        """`module_signatures` are (module, qualified name, type) triples, e.g. from training
        records; only those of modules a goal opens are offered to that goal."""
        self._by_module: dict[str, list[Premise]] = {}
        for module, name, typ in module_signatures:
            self._by_module.setdefault(module, []).append(Premise(name, typ, f"module {module}"))

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> PremiseSelector:
        return cls((e.goal.module, e.goal.name, e.goal.source_type) for e in entries)

    def candidates(self, goal: GoalView) -> list[Premise]:
        seen = {goal.name, goal.short_name}
        out: list[Premise] = []
        for p in premises_from_context(goal.file_context):
            if p.name not in seen:
                seen.add(p.name)
                out.append(p)
        for directive in goal.opens:
            for p in self._by_module.get(directive.module, ()):
                if p.name not in seen and p.name.rsplit(".", 1)[-1] != goal.short_name:
                    seen.add(p.name)
                    out.append(p)
        return out

    def rank(self, goal: GoalView) -> list[Scored[Premise]]:
        pool = self.candidates(goal)
        if not pool:
            return []
        docs = [identifiers(p.name.rsplit(".", 1)[-1]) + identifiers(p.signature) for p in pool]
        bm25 = BM25Okapi(docs)
        raw = bm25.get_scores(_query_tokens(goal))
        top = max((float(s) for s in raw), default=0.0)
        target = features_of(goal.source_type, goal.name)
        mentioned = set(_IDENT.findall(goal.source_type))
        scored: list[Scored[Premise]] = []
        for p, bm in zip(pool, raw, strict=True):
            lexical = float(bm) / top if top > 0 else 0.0
            short = p.name.rsplit(".", 1)[-1]
            shape = structural_similarity(target, features_of(p.signature, p.name))
            total = lexical + 0.3 * shape + (1.0 if short in mentioned else 0.0)
            scored.append(Scored(p, total, lexical, shape))
        scored.sort(key=lambda s: (-s.score, s.item.name))
        return scored

    def select(self, goal: GoalView, k: int) -> list[Premise]:
        return [s.item for s in self.rank(goal)[:k]]

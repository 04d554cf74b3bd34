"""Type-based retrieval of (C function, accepted Rust translation) examples.

Examples come from two places: the functions the rules translated in the current crate
(C text from the original file via ``translator.c_source``, Rust text from the generated
module), and a JSONL store of pairs accepted in earlier runs
(``platformdirs.user_cache_dir("c2safe")/examples.jsonl``, or ``$C2SAFE_LLM_EXAMPLES``).

The score of an example for a target is ``TYPE_WEIGHT * types + (1 - TYPE_WEIGHT) * bm25``:
- ``types`` is a weighted Jaccard similarity of type features: the return type, each
  parameter's shape (by value / pointer to const / pointer to mutable, and the element type,
  with C's integer names mapped to widths so ``unsigned char`` matches ``uint8_t``), the
  arity, the exact shape sequence of the signature, and the named types (structs, typedefs)
  the function touches;
- ``bm25`` is BM25 over identifiers split at ``_`` and camelCase (rank_bm25's BM25+ with
  delta 0: its idf, log((N+1)/n), stays positive in the small corpus of one crate), scaled
  so the best example of the query scores 1; the target's signature identifiers count twice.

Guarantees:
- Ranking is deterministic (ties broken by name, then origin) and never returns the target
  itself, nor any example whose C text is the C text of a function being filled in this run
  (so what one run stored cannot change the next run's prompts: re-runs hit the reply cache).
- Reading the store never fails a run: unreadable or malformed lines are skipped.
- Writes append one JSON line per example (one ``write`` call each); the file is compacted
  to the newest ``MAX_STORE`` entries by an atomic rewrite when it grows past twice that.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
from rank_bm25 import BM25Plus

from translator.c_source import CFunction, CType, parse_text

TYPE_WEIGHT = 0.6
MAX_STORE = 5000
MAX_EXAMPLE_C = 6000  # characters; longer pairs are not stored or shown
MAX_EXAMPLE_RUST = 8000
ENV_STORE = "C2SAFE_LLM_EXAMPLES"

_INT_NAMES = {
    "uint8_t": "u8",
    "unsigned char": "u8",
    "uint16_t": "u16",
    "unsigned short": "u16",
    "unsigned short int": "u16",
    "uint32_t": "u32",
    "unsigned": "u32",
    "unsigned int": "u32",
    "uint64_t": "u64",
    "unsigned long long": "u64",
    "unsigned long long int": "u64",
    "unsigned long": "u64",
    "unsigned long int": "u64",
    "size_t": "usize",
    "uintptr_t": "usize",
    "int8_t": "i8",
    "signed char": "i8",
    "char": "i8",
    "int16_t": "i16",
    "short": "i16",
    "short int": "i16",
    "int32_t": "i32",
    "int": "i32",
    "signed": "i32",
    "signed int": "i32",
    "int64_t": "i64",
    "long long": "i64",
    "long long int": "i64",
    "long": "i64",
    "long int": "i64",
    "ssize_t": "isize",
    "ptrdiff_t": "isize",
    "intptr_t": "isize",
    "bool": "bool",
    "_Bool": "bool",
    "void": "void",
}


def default_store_path() -> Path:
    env = os.environ.get(ENV_STORE)
    if env:
        return Path(env)
    return Path(platformdirs.user_cache_dir("c2safe")) / "examples.jsonl"


def canonical_type(name: str) -> str:
    name = " ".join(name.replace("const", " ").split())
    return _INT_NAMES.get(name, name)


def shape(t: CType) -> str:
    """``val:u32``, ``ptr-const:u8``, ``ptr-mut:stats_t``, ``ptr2-mut:i8``, ``fnptr``."""
    if t.function_pointer:
        return "fnptr"
    base = canonical_type(t.base)
    if t.pointers == 0:
        return f"val:{base}"
    depth = "ptr" if t.pointers == 1 else f"ptr{t.pointers}"
    return f"{depth}-{'const' if t.const_target else 'mut'}:{base}"


def type_features(fn: CFunction) -> Counter[str]:
    """The structural facts retrieval compares (a multiset)."""
    f: Counter[str] = Counter()
    f[f"ret:{shape(fn.return_type)}"] += 2
    f[f"arity:{len(fn.params)}"] += 1
    shapes = [shape(p.type) for p in fn.params]
    f["sig:" + ",".join(shapes) + "->" + shape(fn.return_type)] += 2
    for s in shapes:
        f[f"param:{s}"] += 1
        f[f"kind:{s.split(':')[0]}"] += 1
    for t in fn.types:
        f[f"type:{canonical_type(t)}"] += 1
    for t in fn.struct_types:
        f[f"named:{t}"] += 2
    return f


def type_similarity(a: Counter[str], b: Counter[str]) -> float:
    keys = set(a) | set(b)
    top = sum(min(a[k], b[k]) for k in keys)
    bottom = sum(max(a[k], b[k]) for k in keys)
    return top / bottom if bottom else 0.0


_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_C_STOP = frozenset({"if", "for", "while", "return", "const", "void", "int", "char", "else"})


def identifier_tokens(idents: Iterable[str]) -> list[str]:
    """BM25 terms: each identifier lower-cased, plus its ``_``/camelCase parts."""
    out: list[str] = []
    for ident in idents:
        low = ident.lower()
        if not low or low in _C_STOP:
            continue
        out.append(low)
        parts = [p.lower() for chunk in ident.split("_") for p in _CAMEL.findall(chunk)]
        if len(parts) > 1:
            out.extend(p for p in parts if len(p) > 1)
    return out


@dataclass(frozen=True)
class Example:
    """One accepted (C, Rust) pair."""

    name: str
    c_text: str
    rust_text: str
    origin: str  # "rules" (translated by c2safe's rules) or "llm" (an accepted fill)
    crate: str = ""
    model: str = ""
    rounds: int = 0
    features: Counter[str] = field(default_factory=Counter, compare=False, repr=False)
    tokens: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def key(self) -> str:
        return pair_key(self.c_text, self.rust_text)

    @property
    def c_key(self) -> str:
        return c_text_key(self.c_text)

    def to_json(self) -> dict[str, Any]:
        return {
            "v": 1,
            "name": self.name,
            "c": self.c_text,
            "rust": self.rust_text,
            "origin": self.origin,
            "crate": self.crate,
            "model": self.model,
            "rounds": self.rounds,
            "time": round(time.time()),
        }


def c_text_key(c_text: str) -> str:
    """Identity of a C function across runs: its text with whitespace normalized."""
    return hashlib.sha256(" ".join(c_text.split()).encode("utf-8")).hexdigest()


def pair_key(c_text: str, rust_text: str) -> str:
    joined = " ".join(c_text.split()) + "\0" + " ".join(rust_text.split())
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def make_example(
    name: str,
    c_text: str,
    rust_text: str,
    origin: str,
    crate: str = "",
    model: str = "",
    rounds: int = 0,
    parsed: CFunction | None = None,
) -> Example:
    fn = parsed
    if fn is None:
        found = parse_text(c_text).functions
        fn = found[0] if found else None
    feats = type_features(fn) if fn is not None else Counter()
    idents = fn.identifiers if fn is not None else tuple(re.findall(r"[A-Za-z_]\w*", c_text))
    return Example(
        name,
        c_text,
        rust_text,
        origin,
        crate,
        model,
        rounds,
        feats,
        tuple(identifier_tokens(idents)),
    )


# ---- the store ------------------------------------------------------------------------------


class ExampleStore:
    """The JSONL file of accepted pairs shared by runs (None path: a disabled store)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def load(self) -> list[Example]:
        if self.path is None or not self.path.is_file():
            return []
        out: list[Example] = []
        try:
            lines = self.path.read_text("utf-8", errors="replace").splitlines()
        except OSError:
            return []
        for line in lines[-MAX_STORE:]:
            try:
                data = json.loads(line)
                ex = make_example(
                    str(data["name"]),
                    str(data["c"]),
                    str(data["rust"]),
                    str(data.get("origin", "rules")),
                    str(data.get("crate", "")),
                    str(data.get("model", "")),
                    int(data.get("rounds", 0)),
                )
            except (ValueError, KeyError, TypeError):
                continue
            out.append(ex)
        return out

    def add(self, examples: Sequence[Example]) -> int:
        """Append the examples not stored yet; return how many were written."""
        if self.path is None:
            return 0
        existing = {e.key for e in self.load()}
        fresh = [
            e
            for e in examples
            if e.key not in existing
            and len(e.c_text) <= MAX_EXAMPLE_C
            and len(e.rust_text) <= MAX_EXAMPLE_RUST
        ]
        if not fresh:
            return 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as fh:
                for e in fresh:
                    existing.add(e.key)
                    fh.write(json.dumps(e.to_json(), ensure_ascii=False) + "\n")
            self._compact()
        except OSError:
            return 0
        return len(fresh)

    def _compact(self) -> None:
        assert self.path is not None
        lines = self.path.read_text("utf-8", errors="replace").splitlines()
        if len(lines) <= 2 * MAX_STORE:
            return
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text("\n".join(lines[-MAX_STORE:]) + "\n", "utf-8")
        os.replace(tmp, self.path)

    def accepted_fill(self, c_text: str, signature: str, model: str) -> Example | None:
        """The newest LLM fill stored for this exact C function, signature and model."""
        from llm.fill.rustlex import LexError, normalize_signature
        from llm.fill.splice import SpliceError, signature_of

        want_c = c_text_key(c_text)
        want_sig = normalize_signature(signature)
        for ex in reversed(self.load()):
            if ex.origin != "llm" or ex.model != model or ex.c_key != want_c:
                continue
            try:
                if normalize_signature(signature_of(ex.rust_text)) == want_sig:
                    return ex
            except (SpliceError, LexError):
                continue
        return None


# ---- the index ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    example: Example
    score: float
    types: float
    bm25: float


class ExampleIndex:
    """BM25 + type-feature ranking over a fixed list of examples (deduplicated by pair)."""

    def __init__(self, examples: Iterable[Example]) -> None:
        seen: set[str] = set()
        unique: list[Example] = []
        for e in examples:
            if e.key in seen:
                continue
            seen.add(e.key)
            unique.append(e)
        self.examples = unique
        corpus = [list(e.tokens) or ["_"] for e in unique]
        self._bm25 = BM25Plus(corpus, delta=0.0) if corpus else None

    def __len__(self) -> int:
        return len(self.examples)

    def rank(self, target: CFunction, exclude_c: frozenset[str] = frozenset()) -> list[Scored]:
        """All examples scored for ``target``, best first (excluded ones left out)."""
        if not self.examples or self._bm25 is None:
            return []
        feats = type_features(target)
        signature_idents = [p.name for p in target.params if p.name] + [target.name]
        query = identifier_tokens(target.identifiers) + identifier_tokens(signature_idents)
        raw = [float(x) for x in self._bm25.get_scores(query)] if query else []
        raw = [x if math.isfinite(x) else 0.0 for x in raw] or [0.0] * len(self.examples)
        top = max(raw) if raw else 0.0
        own = c_text_key(target.text)
        out: list[Scored] = []
        for ex, b in zip(self.examples, raw, strict=True):
            if ex.c_key == own or ex.c_key in exclude_c:
                continue
            t = type_similarity(feats, ex.features)
            bm = b / top if top > 0 else 0.0
            out.append(Scored(ex, TYPE_WEIGHT * t + (1 - TYPE_WEIGHT) * bm, t, bm))
        out.sort(key=lambda s: (-round(s.score, 9), s.example.name, s.example.origin))
        return out

    def top(
        self, target: CFunction, k: int, exclude_c: frozenset[str] = frozenset()
    ) -> list[Example]:
        return [
            s.example
            for s in self.rank(target, exclude_c)
            if len(s.example.c_text) <= MAX_EXAMPLE_C
            and len(s.example.rust_text) <= MAX_EXAMPLE_RUST
        ][:k]

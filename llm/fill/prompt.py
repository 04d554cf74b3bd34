"""The prompt for one stubbed function, and the crate context that goes into it.

The user message has, in this order: the function's raw C (tree-sitter text from the
original file, with the comment above it), the diagnostic that made the rules stub it, the
exact Rust signature the rules chose (from the stub), the Rust signatures of its callees and
the definitions of the structs and the declarations of the globals it can use (from the
generated crate), the retrieved examples, and on repair rounds the previous candidate with
line numbers and its problems (screen reasons, compiler errors mapped to its lines, failing
tests, differential counterexamples).

Guarantees:
- The prompt is a pure function of its inputs (no clocks, no paths outside the crate, no
  randomness), so equal inputs give equal requests and a re-run is answered by the cache.
- Everything is bounded by ``PromptLimits``: long texts are cut with a visible marker.
- The system message states the output contract that ``screen`` enforces, so the model is
  told every rule its answer is checked against.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from llm.client import ChatMessage
from llm.fill.retrieval import Example
from llm.fill.rustlex import LexError, item_spans, tokenize
from translator.c_source import CFunction

SYSTEM = """\
You translate one C function into safe Rust, for a crate that c2safe generated from C.
Reply with exactly one ```rust code block holding exactly one function: the required \
signature, copied verbatim, and its body. Write nothing else in the block: no `use` of \
other modules, no helper functions, no structs, no impl blocks, no tests.
Rules the answer is checked against:
- Safe Rust only: no `unsafe`, `extern`, raw pointers, `static mut`, inline assembly, \
attributes, or macros other than panic!, assert!, assert_eq!, unreachable!, vec!, matches!.
- No file, network, process, environment, thread, time or other I/O access; no printing.
- Keep the C behaviour exactly: the same results on every path, C's integer widths, \
wrapping arithmetic for unsigned types (wrapping_add, wrapping_sub, wrapping_mul), \
explicit `as` casts where C converts.
Conventions of the crate:
- A C pointer parameter is a slice: `&[T]` when the function only reads through it, \
`&mut [T]` when it writes. `p[i]` is `p[i as usize]`. Pointer arithmetic becomes an index \
offset: keep a `usize` offset variable instead of moving the pointer, or pass `&p[k..]`.
- A pointer to one struct is a one-element slice: `s->field` is `s[0].field`.
- `goto` becomes structured control flow: early `return`, `break` out of a loop, or a \
labelled block (`'done: { ... break 'done; ... }`).
- A C string literal is a byte string: `b"abc"` (no NUL unless the C reads it).
- Call other functions of the crate by their names, as in the signatures given."""


@dataclass(frozen=True, slots=True)
class PromptLimits:
    examples: int = 3
    c_chars: int = 16_000
    example_chars: int = 4_000
    context_items: int = 24
    problems: int = 10
    feedback_chars: int = 6_000


@dataclass(frozen=True)
class Target:
    """A stubbed function and everything the prompt says about it."""

    name: str  # the C name (the Rust name without `r#`)
    module: str
    c_file: str
    c_line: int
    c_text: str  # raw C definition ("" when the original file could not be read)
    c_comment: str
    signature: str  # the exact Rust signature of the stub
    code: str  # the diagnostic code that made the rules stub it
    diagnostic: str  # "C2S107 goto and labels are not supported at file:line:col"
    callees: tuple[str, ...] = ()  # Rust signatures (with a note when the callee is a stub)
    types: tuple[str, ...] = ()  # struct definitions
    globals: tuple[str, ...] = ()  # static/const declarations (without initialisers)
    c_function: CFunction | None = None
    facts: tuple[str, ...] = ()  # what the analyses know: writes, extents, callers, aliasing


@dataclass(frozen=True)
class Feedback:
    """What went wrong with the previous candidate."""

    round: int
    stage: str  # malformed | screen | cargo check | cargo test | difftest
    candidate: str
    problems: tuple[str, ...]


def build_messages(
    target: Target,
    examples: Sequence[Example],
    feedback: Feedback | None = None,
    limits: PromptLimits = PromptLimits(),
) -> tuple[ChatMessage, ...]:
    parts: list[str] = []
    where = f"{_short_path(target.c_file)}:{target.c_line}"
    c_text = target.c_text or "(the original C text could not be read)"
    comment = target.c_comment + "\n" if target.c_comment else ""
    parts.append(
        f"## C function `{target.name}` ({where})\n```c\n{comment}"
        f"{_cut(c_text, limits.c_chars)}\n```"
    )
    parts.append(
        "## Why the rules could not translate it\n"
        f"{target.diagnostic}\n(c2safe left a stub that panics; your function replaces it.)"
    )
    parts.append(
        "## Required Rust signature (copy it exactly)\n"
        f"```rust\n{target.signature}\n```\nIt lives in module `{target.module}` of the crate."
    )
    if target.facts:
        parts.append(
            "## What the analyses know about it\n" + "\n".join(f"- {f}" for f in target.facts)
        )
    context: list[str] = []
    if target.types:
        context.append("// types\n" + "\n\n".join(target.types[: limits.context_items]))
    if target.globals:
        context.append("// globals\n" + "\n".join(target.globals[: limits.context_items]))
    if target.callees:
        context.append(
            "// functions it can call\n" + "\n".join(target.callees[: limits.context_items])
        )
    if context:
        parts.append("## In scope (from the crate)\n```rust\n" + "\n\n".join(context) + "\n```")
    if examples:
        shown = []
        for i, ex in enumerate(examples[: limits.examples], 1):
            shown.append(
                f"### Example {i}: `{ex.name}`\n```c\n{_cut(ex.c_text, limits.example_chars)}\n"
                f"```\n```rust\n{_cut(ex.rust_text, limits.example_chars)}\n```"
            )
        parts.append(
            "## Accepted translations of similar functions (same conventions)\n"
            + "\n\n".join(shown)
        )
    if feedback is not None:
        parts.append(_feedback(feedback, limits))
    parts.append(
        f"Write `{target.name}` now: one ```rust block with exactly the required signature."
    )
    return (ChatMessage("system", SYSTEM), ChatMessage("user", "\n\n".join(parts)))


def _feedback(fb: Feedback, limits: PromptLimits) -> str:
    head = f"## Your previous answer (attempt {fb.round}) was rejected at: {fb.stage}"
    if fb.stage == "malformed":
        body = "Reply text:\n```\n" + _cut(fb.candidate, limits.feedback_chars // 2) + "\n```"
    else:
        numbered = "\n".join(
            f"{i:>3} | {line}" for i, line in enumerate(fb.candidate.splitlines(), 1)
        )
        body = "```rust\n" + _cut(numbered, limits.feedback_chars // 2) + "\n```"
    problems = list(fb.problems[: limits.problems])
    if len(fb.problems) > limits.problems:
        problems.append(f"... and {len(fb.problems) - limits.problems} more")
    text = "\n".join(f"- {p}" for p in problems)
    return (
        f"{head}\n{body}\nProblems (line numbers refer to the answer above):\n"
        f"{_cut(text, limits.feedback_chars // 2)}\nFix all of them."
    )


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n... [cut: {len(text) - limit} more characters]"


def _short_path(path: str) -> str:
    parts = path.replace("\\", "/").split("/")
    return "/".join(parts[-2:]) if len(parts) > 2 else path


# ---- crate context ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CrateItems:
    """Named top-level items of the generated crate: name -> text, per kind."""

    fn_sigs: dict[str, str]
    stubs: frozenset[str]
    structs: dict[str, str]
    globals: dict[str, str]


def crate_items(modules: Mapping[str, str]) -> CrateItems:
    """Collect functions (signatures), structs (full text) and globals (declarations)."""
    from llm.fill.splice import stub_message

    fn_sigs: dict[str, str] = {}
    stubs: set[str] = set()
    structs: dict[str, str] = {}
    globals_: dict[str, str] = {}
    for mod in sorted(modules):
        text = modules[mod]
        try:
            spans = item_spans(text)
        except LexError:
            continue
        for kind, name, start, end in spans:
            item = text[start:end]
            if kind == "fn":
                brace = _body_brace(item)
                sig = " ".join(item[:brace].split()) if brace is not None else ""
                if sig and name not in fn_sigs:
                    fn_sigs[name] = f"{sig}; // in `{mod}`"
                    if stub_message(text, name) is not None:
                        stubs.add(name)
            elif kind in ("struct", "enum", "type") and name not in structs:
                structs[name] = item
            elif kind in ("static", "const") and name not in globals_:
                eq = item.find("=")
                decl = " ".join((item[:eq] if eq > 0 else item).split())
                globals_[name] = f"{decl}; // in `{mod}`"
    return CrateItems(fn_sigs, frozenset(stubs), structs, globals_)


def _body_brace(item: str) -> int | None:
    try:
        toks = tokenize(item)
    except LexError:
        return None
    depth = 0
    for t in toks:
        if t.kind != "punct":
            continue
        if t.text in "([":
            depth += 1
        elif t.text in ")]":
            depth -= 1
        elif t.text == "{" and depth == 0:
            return t.start
    return None


_WORD = re.compile(r"[A-Za-z_]\w*")


def context_for(
    items: CrateItems, name: str, signature: str, c_fn: CFunction | None
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(callee signatures, struct definitions, global declarations) relevant to a target."""
    callees: list[str] = []
    wanted_types: list[str] = []
    idents = list(c_fn.identifiers) if c_fn is not None else []
    for callee in c_fn.calls if c_fn is not None else ():
        if callee == name or callee not in items.fn_sigs:
            continue
        sig = items.fn_sigs[callee]
        if callee in items.stubs:
            sig += " (not translated yet: it panics)"
        callees.append(sig)
        wanted_types += _WORD.findall(sig)
    wanted_types += _WORD.findall(signature)
    if c_fn is not None:
        wanted_types += [t.split()[-1] for t in c_fn.struct_types]
    types: list[str] = []
    seen: set[str] = set()
    queue = list(wanted_types)
    while queue:
        t = queue.pop(0)
        if t in seen or t not in items.structs:
            continue
        seen.add(t)
        types.append(items.structs[t])
        queue += _WORD.findall(items.structs[t])  # field types, one level at a time
    globals_ = [items.globals[g] for g in dict.fromkeys(idents) if g in items.globals]
    return tuple(callees), tuple(types), tuple(globals_)

"""When a candidate counts as a proof: the rules on its text and on what F* answered.

A candidate is **verified** only if every rule below holds. Each rule has a stable code that
`CheckResult.rules` lists when it fires, and a test on recorded real F* outputs
(tests/fstar/test_fstar_acceptance.py).

Rules on the candidate's text (`candidate_violations`, decided on F*'s own tokens and
top-level declarations, see `fstar_lexer`; comments and strings never trigger them):

- `empty`, `unlexable`: nothing to check, or text F*'s lexer rejects (unterminated comment or
  string, extension blobs).
- `no-definition`: no top-level `let`/`let rec`/`and` binds the goal's name (a name inside a
  string, or a local `let` inside another definition, does not count).
- `defined-twice`: the goal's name is bound at the top level more than once.
- `redeclares-goal`: a `val`/`assume` for the goal's name (the goal's `val` is the harness's).
- `undefined-val`: a `val` the candidate never defines: F*'s IDE mode takes it as an axiom
  (batch mode admits it with Warning 240), so `val h : unit -> Lemma False` would prove
  anything.
- `uses-goal-before-definition`: the goal's name is used by an earlier declaration, or by its
  own non-recursive body; such uses refer to the unproven `val`.
- `expect-failure`: `expect_failure`/`expect_lax_failure` in any form (attribute, qualified).
- `admit`: any identifier containing `admit` or `assume` (`admit`, `admitP`, `Prims.admit`,
  `tadmit`, `admit_termination`, `assume val`, ...), `magic`, anything starting with `unsafe`
  (`unsafe_coerce`), however qualified or quoted (`` ``admit`` ``). Names defined by the
  goal's own context, and the goal's name itself, are exempt.
- `unsafe-tactic`: tactic and reflection primitives that can discharge or forge proofs
  without naming admit: `set_guard_policy`/`with_policy` (the `Drop` policy), `pack_fv` and
  `string_to_term` (build a reference to any name from strings), `dismiss`/`set_goals`/
  `set_smt_goals` (drop goals without proving them), `%splice`.
- `option-not-allowed`: `#set-options`/`#push-options`/`#reset-options` whose options are not
  all in the allow-list `--fuel --ifuel --initial_fuel --max_fuel --initial_ifuel
  --max_ifuel --z3rlimit --z3rlimit_factor --z3seed` with numeric values (this excludes
  `--lax`, `--admit_smt_queries`, `--admit_except`, `--no_smt`, `--tactics_...`, ...).
- `pragma-not-allowed`: any other pragma (`#lang-...`, `#show-options`, ...), or a
  `#pop-options` without a matching `#push-options` in the candidate.
- `declaration-not-allowed`: effect declarations (`new_effect`, `sub_effect`,
  `layered_effect`, `reflectable`/`reifiable` effects, polymonadic binds), `include`, `friend`.

Not rejected, on purpose: `[@@ "opaque_to_smt"]` and `irreducible` (they hide definitions
from the solver, which can only make a proof harder); `synth_by_tactic`, `assert ... by`,
`calc` (sound unless they use one of the names above); `open`/`module A = M` (the checker
loads what they name, in both modes).

Rules on F*'s answer (`fstar_violations`):

- `admitted-definition`: Warning 240 "Admitting X without a definition" for the goal, or
  any warning located in the candidate that says something is admitted.
- `assumption-reported`: Warning 334/335 (`--report_assumes warn`) located in the checked
  snippet.
- `not-verified` (batch): exit 0, no error, but F* never said the module was verified.
- `lookup-not-defined` (IDE): after the push, F*'s `lookup` of the goal's name points at the
  `val` (or nothing), not at a definition in the candidate. An answer the client cannot read
  is recorded as inconclusive, never as a pass by itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from llm.fstar.dataset import GoalView
from llm.fstar.fstar_lexer import (
    Declaration,
    LexError,
    Token,
    declarations,
    operator_names,
    tokenize,
)

ALLOWED_OPTIONS = frozenset(
    {
        "fuel",
        "ifuel",
        "initial_fuel",
        "max_fuel",
        "initial_ifuel",
        "max_ifuel",
        "z3rlimit",
        "z3rlimit_factor",
        "z3seed",
    }
)
OPTION_PRAGMAS = frozenset({"#set-options", "#push-options", "#reset-options"})
OTHER_ALLOWED_PRAGMAS = frozenset({"#pop-options", "#restart-solver"})
UNSAFE_TACTICS = frozenset(
    {
        "set_guard_policy",
        "with_policy",
        "pack_fv",
        "string_to_term",
        "dismiss",
        "set_goals",
        "set_smt_goals",
    }
)
EFFECT_WORDS = frozenset(
    {
        "new_effect",
        "sub_effect",
        "layered_effect",
        "polymonadic_bind",
        "polymonadic_subcomp",
        "reflectable",
        "reifiable",
    }
)
ASSUME_WARNINGS = frozenset({334, 335})
ADMIT_WARNING = 240
_NUMERIC_VALUE = re.compile(r"^\d+(,\d+)?$")


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    message: str


def _banned(token: Token, exempt: set[str]) -> str | None:
    """The rule a name token breaks, if any."""
    if token.kind not in ("name", "keyword", "tvar"):
        return None
    if token.text in exempt or token.last in exempt:
        return None
    last = token.last.lstrip("'").lower()
    if "expect_failure" in last or "expect_lax_failure" in last:
        return "expect-failure"
    if "admit" in last or "assume" in last or last == "magic" or last.startswith("unsafe"):
        return "admit"
    if token.last in UNSAFE_TACTICS or token.text in ("%splice", "%splice_t"):
        return "unsafe-tactic"
    return None


def _option_problems(pragma: str, tokens: Sequence[Token], at: int) -> str | None:
    """Why an options pragma is not allowed (None if it is)."""
    arg = tokens[at + 1] if at + 1 < len(tokens) else None
    if arg is None or arg.kind != "string":
        return None if pragma == "#reset-options" else f"{pragma} without an option string"
    body = arg.text[1:-1]
    if any(q in body for q in "'\"\\"):
        return f"{pragma} {arg.text}: quoted option values are not allowed"
    words = body.split()
    i = 0
    while i < len(words):
        word = words[i]
        name = word[2:] if word.startswith("--") else ""
        if name not in ALLOWED_OPTIONS:
            return f"{pragma} sets '{word}' (allowed: fuel, ifuel, z3rlimit, z3seed)"
        if i + 1 >= len(words) or not _NUMERIC_VALUE.match(words[i + 1]):
            return f"{pragma} '{word}' needs a number"
        i += 2
    return None


def candidate_violations(
    goal: GoalView, candidate: str, exempt: Iterable[str] = ()
) -> list[Violation]:
    """Rules on the candidate's text alone (see the module docstring), in a stable order."""
    try:
        tokens = tokenize(candidate)
    except LexError as exc:
        return [Violation("unlexable", f"F* cannot read the answer: {exc}")]
    if not tokens:
        return [Violation("empty", "empty answer")]
    name = goal.short_name
    qualified = {name, goal.name}
    allowed = set(exempt) | qualified
    out: list[Violation] = []
    seen: set[str] = set()

    def add(rule: str, message: str) -> None:
        if rule not in seen:
            seen.add(rule)
            out.append(Violation(rule, message))

    decls = declarations(tokens)

    def binds(bound: str) -> bool:
        return bound == name or (bound.startswith("(") and name in operator_names(bound))

    defining = [d for d in decls if d.kind == "let" and any(binds(b) for b in d.names())]
    bindings = sum(1 for d in defining for b in d.names() if binds(b))
    if not defining:
        add("no-definition", f"answer does not define '{name}' at the top level")
    elif bindings > 1:
        add("defined-twice", f"answer defines '{name}' more than once")
    defined = {b for d in decls if d.kind == "let" for b in d.names()}
    for decl in decls:
        declared = _declared_name(decl)
        if decl.kind in ("val", "assume") and declared == name:
            add("redeclares-goal", f"answer declares its own type for '{name}'")
        elif decl.kind == "val" and declared is not None and declared not in defined:
            add(
                "undefined-val",
                f"answer declares 'val {declared}' without defining it (an assumption)",
            )
        if decl.keyword in ("include", "friend") or decl.kind == "effect":
            add("declaration-not-allowed", f"answer uses '{decl.keyword}'")
        if any(t.kind == "keyword" and t.text in EFFECT_WORDS for t in decl.tokens):
            add("declaration-not-allowed", "answer declares an effect")
    if defining:
        _check_uses(decls, defining[0], name, qualified, add)
    pushes = 0
    for i, tok in enumerate(tokens):
        rule = _banned(tok, allowed)
        if rule is not None:
            add(rule, f"answer uses '{tok.text}'")
        if tok.kind != "pragma":
            continue
        if tok.text in OPTION_PRAGMAS:
            problem = _option_problems(tok.text, tokens, i)
            if problem:
                add("option-not-allowed", problem)
            pushes += tok.text == "#push-options"
        elif tok.text == "#pop-options":
            if pushes == 0:
                add("pragma-not-allowed", "#pop-options without a matching #push-options")
            pushes = max(0, pushes - 1)
        elif tok.text not in OTHER_ALLOWED_PRAGMAS:
            add("pragma-not-allowed", f"answer uses the pragma '{tok.text}'")
    return out


def _declared_name(decl: Declaration) -> str | None:
    """The name a `val`/`assume val` declares (after qualifiers and attributes)."""
    seen_keyword = False
    for tok in decl.tokens:
        if tok.kind == "keyword" and tok.text in ("val", "assume"):
            seen_keyword = True
        elif seen_keyword and tok.kind == "name" and "." not in tok.text:
            return tok.text
        elif seen_keyword and tok.text not in ("val", "(", ")"):
            return None
    return None


def _check_uses(
    decls: Sequence[Declaration],
    defining: Declaration,
    name: str,
    qualified: set[str],
    add: Any,
) -> None:
    """Uses of the goal's name before its definition is complete refer to its `val`."""

    def uses(tokens: Iterable[Token]) -> bool:
        return any(t.kind == "name" and t.text in qualified for t in tokens)

    for decl in decls:
        if decl is defining:
            break
        if uses(decl.tokens):
            add("uses-goal-before-definition", f"'{name}' is used before it is defined")
            return
    if defining.recursive:
        return
    for binding in defining.bindings:
        body = binding.tokens[1:] if binding.name == name else binding.tokens
        if uses(body):
            add(
                "uses-goal-before-definition",
                f"the non-recursive definition of '{name}' uses '{name}'",
            )
            return


# ---- rules on F*'s answer -------------------------------------------------------------------


def _in_snippet(ranges: Sequence[Any]) -> bool:
    return any(r.fname == "<input>" and r.start_line >= 1 for r in ranges)


def fstar_violations(goal: GoalView, issues: Sequence[Any]) -> list[Violation]:
    """Rules on the issues F* reported for a successful check (see the module docstring).
    `issues` are `checker.Issue`s; `<input>` ranges count lines of the checked snippet."""
    out: list[Violation] = []
    names = {goal.name, goal.short_name}
    for issue in issues:
        message = issue.message
        admitting = re.match(r"Admitting\s+(\S+)\s+without a definition", message)
        if issue.number == ADMIT_WARNING or admitting:
            who = admitting.group(1) if admitting else ""
            if (
                who in names
                or who.rsplit(".", 1)[-1] == goal.short_name
                or (not who and _in_snippet(issue.ranges))
            ):
                out.append(Violation("admitted-definition", f"F*: {message.splitlines()[0]}"))
                continue
        if issue.number in ASSUME_WARNINGS and (_in_snippet(issue.ranges) or not issue.ranges):
            out.append(Violation("assumption-reported", f"F*: {message.splitlines()[0]}"))
            continue
        low = message.lower()
        if issue.level == "warning" and _in_snippet(issue.ranges) and "admit" in low:
            out.append(Violation("admitted-definition", f"F*: {message.splitlines()[0]}"))
    return out


def lookup_violation(
    goal: GoalView, response: Any, first_candidate_line: int
) -> tuple[Violation | None, str]:
    """Judge F*'s `lookup` answer for the goal's name after the candidate was pushed.

    Returns (violation, note): a violation when F* says the name is not defined by the
    candidate; otherwise None and a note ('defined at <input>:N' or why it is inconclusive).
    """
    if not isinstance(response, Mapping):
        return None, "lookup inconclusive: no symbol in the answer"
    where = response.get("defined-at")
    if not isinstance(where, Mapping):
        return (
            Violation("lookup-not-defined", f"F* lookup: '{goal.short_name}' has no definition"),
            "",
        )
    fname = str(where.get("fname", ""))
    beg = where.get("beg")
    if not (isinstance(beg, list) and beg and isinstance(beg[0], int)):
        return None, "lookup inconclusive: unreadable range"
    line = beg[0]
    if fname != "<input>":
        return None, f"lookup inconclusive: defined in {fname}"
    if line < first_candidate_line:
        return (
            Violation(
                "lookup-not-defined",
                f"F* lookup: '{goal.short_name}' is only declared (line {line}), not defined",
            ),
            "",
        )
    return None, f"defined at <input>:{line}"

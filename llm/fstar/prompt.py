"""Build the chat prompt for one F* goal, and read the candidate definition out of a reply.

Prompt sections, in order (after the FStarDataSet paper's retrieval-augmented setup):
goal name and type; opened modules; file context (its tail, within a size limit); candidate
premises; related examples; the definition header to complete; feedback on the previous
attempt (its text and F*'s issues).

Guarantees:
- `build_messages` takes a `GoalView`, which has no answer fields (`source_definition`,
  `ideal_premises`, `completed_definiton`): the prompt cannot contain them. Related examples
  are other definitions from a training split.
- The output is deterministic for equal inputs (it is part of the LLM cache key).
- `extract_candidate` returns the definition text only: the fenced ```fstar block or
  `<answer>` element if present (the last one), comments kept, a restated `val` of the goal
  dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from llm.client import ChatMessage
from llm.fstar.checker import CheckResult
from llm.fstar.dataset import GoalView
from llm.fstar.retrieval import Premise, TrainingExample

SYSTEM_PROMPT = """\
You are an expert F* programmer and proof engineer. You are given the type of a top-level F* \
definition and the module it belongs to. Write the definition so that F* verifies it against \
that type. Reply with exactly one F* code block (```fstar ... ```) containing only the `let` \
definition (use `let rec` when it recurses); do not repeat the `val`. Never use `admit`, \
`assume`, `magic` or options that turn verification off: such answers are rejected."""


@dataclass(frozen=True, slots=True)
class PromptLimits:
    context_chars: int = 6000
    examples: int = 4
    premises: int = 12
    example_chars: int = 1500
    feedback_issues: int = 5


@dataclass(frozen=True, slots=True)
class Feedback:
    """A failed attempt, shown to the model on the next round."""

    candidate: str
    result: CheckResult


def _tail(text: str, limit: int) -> str:
    """The last `limit` characters of `text`, cut at a line start, marked when cut."""
    if len(text) <= limit:
        return text
    cut = text[-limit:]
    newline = cut.find("\n")
    if newline != -1:
        cut = cut[newline + 1 :]
    return "(* ... earlier part of the file omitted ... *)\n" + cut


def _fence(code: str) -> str:
    return "```fstar\n" + code.strip() + "\n```"


def _issue_lines(result: CheckResult, limit: int) -> list[str]:
    lines: list[str] = []
    snippet_lines = result.snippet.splitlines()
    for issue in result.issues[:limit]:
        if issue.level not in ("error", "warning"):
            continue
        text = f"- {issue.level}: {issue.message}"
        for r in issue.ranges[:1]:
            if r.fname == "<input>" and 1 <= r.start_line <= len(snippet_lines):
                source = snippet_lines[r.start_line - 1].rstrip()
                text += f"\n  at line {r.start_line}, columns {r.start_col}-{r.end_col}: `{source}`"
        lines.append(text)
    return lines


def render_feedback(feedback: Feedback, limits: PromptLimits) -> str:
    result = feedback.result
    parts = ["Your previous answer was:", _fence(feedback.candidate)]
    if result.status == "timeout":
        parts.append(f"F* did not finish checking it ({result.reason}). Try a simpler proof.")
    elif result.status == "rejected":
        parts.append(
            f"It was rejected because it is not a proof: {result.reason}. Define the goal at "
            "the top level, without admit, assume, expect_failure or weakening options."
        )
    else:
        parts.append("F* rejected it:")
        issues = _issue_lines(result, limits.feedback_issues)
        parts.extend(issues or [f"- {result.reason or 'verification failed'}"])
        if result.snippet:
            parts.append("The text F* checked was:\n" + _fence(result.snippet))
    parts.append("Write a corrected definition.")
    return "\n".join(parts)


def build_user_prompt(
    goal: GoalView,
    examples: Sequence[TrainingExample] = (),
    premises: Sequence[Premise] = (),
    feedback: Sequence[Feedback] = (),
    limits: PromptLimits = PromptLimits(),
) -> str:
    sections: list[str] = []
    goal_type = goal.source_type.strip()
    sections.append(
        f"## Goal\nDefine `{goal.short_name}` in module `{goal.module}` with this type:\n"
        + _fence(goal_type)
    )
    if goal.explicit_opens:
        sections.append("## Opened modules\n" + "\n".join(o.render() for o in goal.explicit_opens))
    if goal.file_context.strip():
        sections.append(
            "## File context (the module up to the goal)\n"
            + _fence(_tail(goal.file_context.strip(), limits.context_chars))
        )
    if premises:
        lines = [f"- `{p.signature}`  ({p.origin})" for p in premises[: limits.premises]]
        sections.append("## Names that may help\n" + "\n".join(lines))
    if examples:
        blocks = []
        for ex in examples[: limits.examples]:
            definition = ex.definition.strip()
            if len(definition) > limits.example_chars:
                definition = definition[: limits.example_chars] + "\n(* ... *)"
            blocks.append(_fence(ex.source_type.strip() + "\n" + definition))
        sections.append("## Related definitions (types similar to the goal)\n" + "\n".join(blocks))
    if goal.partial_definition.strip():
        sections.append(
            "## Complete this definition\n" + _fence(goal.partial_definition.strip() + " ...")
        )
    for fb in feedback:
        sections.append("## Feedback\n" + render_feedback(fb, limits))
    return "\n\n".join(sections)


def build_messages(
    goal: GoalView,
    examples: Sequence[TrainingExample] = (),
    premises: Sequence[Premise] = (),
    feedback: Sequence[Feedback] = (),
    limits: PromptLimits = PromptLimits(),
) -> tuple[ChatMessage, ...]:
    user = build_user_prompt(goal, examples, premises, feedback, limits)
    return (ChatMessage("system", SYSTEM_PROMPT), ChatMessage("user", user))


_FENCE = re.compile(r"```[ \t]*(?:fstar|f\*|fst|ocaml|ml)?[ \t]*\n(.*?)```", re.S | re.I)
_ANSWER = re.compile(r"<answer>(.*?)</answer>", re.S | re.I)
_THINK = re.compile(r"<think>.*?</think>", re.S | re.I)


def extract_candidate(reply: str, goal: GoalView) -> str:
    """The definition in a model reply (see the module docstring)."""
    text = _THINK.sub("", reply)
    answers = _ANSWER.findall(text)
    if answers:
        text = answers[-1]
    blocks = _FENCE.findall(text)
    if blocks:
        with_name = [b for b in blocks if re.search(rf"\b{re.escape(goal.short_name)}\b", b)]
        text = (with_name or blocks)[-1]
    return _drop_val(text.strip(), goal.short_name)


def _drop_val(text: str, short_name: str) -> str:
    """Remove a leading `val name : ...` restatement (up to the first top-level `let`)."""
    lines = text.splitlines()
    start = None
    for i, line in enumerate(lines):
        if re.match(rf"\s*(?:\w+\s+)*val\s+{re.escape(short_name)}\b", line):
            start = i
            break
    if start is None:
        return text
    end = start + 1
    while end < len(lines) and not re.match(r"\s*(?:\w+\s+)*let\b", lines[end]):
        end += 1
    return "\n".join(lines[:start] + lines[end:]).strip()

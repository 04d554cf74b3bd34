"""Evaluation over a set of goals: pass@1 and pass@k per category, and a JSON report.

Metric: pass@j is the percentage of goals whose first j candidates include a verified one
(the reference harness's "any of the first k"); goals stopped by the budget count as not
passed and are listed. Goals whose own context or type does not check (`broken`) are counted
apart: they are not attempted and are not in the pass@j denominators. Categories are the
paper's: simply typed, dependently typed, proof.

Guarantees: the report is plain JSON (schema `c2safe.fstar.eval/1`), holds no API key, and
lists every goal in input order with every attempt, its status and F*'s issues.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llm.fstar.dataset import Category, GoalView
from llm.fstar.synth import Synthesizer, SynthOutcome

REPORT_SCHEMA = "c2safe.fstar.eval/1"


@dataclass(frozen=True, slots=True)
class Score:
    goals: int  # attempted goals (broken ones excluded)
    passed_at_1: int
    passed_at_k: int
    broken: int = 0

    @property
    def pass_at_1(self) -> float:
        return 100.0 * self.passed_at_1 / self.goals if self.goals else 0.0

    @property
    def pass_at_k(self) -> float:
        return 100.0 * self.passed_at_k / self.goals if self.goals else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "goals": self.goals,
            "broken": self.broken,
            "passed_at_1": self.passed_at_1,
            "passed_at_k": self.passed_at_k,
            "pass@1": round(self.pass_at_1, 2),
            "pass@k": round(self.pass_at_k, 2),
        }


def score(outcomes: Iterable[SynthOutcome], k: int) -> Score:
    every = list(outcomes)
    items = [o for o in every if not o.is_broken]
    return Score(
        goals=len(items),
        passed_at_1=sum(o.passed_within(1) for o in items),
        passed_at_k=sum(o.passed_within(k) for o in items),
        broken=len(every) - len(items),
    )


@dataclass(frozen=True)
class EvalResult:
    k: int
    outcomes: tuple[SynthOutcome, ...]

    def by_category(self) -> dict[Category, Score]:
        return {
            cat: score((o for o in self.outcomes if o.category == cat), self.k) for cat in Category
        }

    @property
    def total(self) -> Score:
        return score(self.outcomes, self.k)

    def rejections(self) -> dict[str, int]:
        """How many answers each acceptance rule rejected (an answer may break several)."""
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            for attempt in outcome.attempts:
                for rule in attempt.result.rules if attempt.result is not None else ():
                    counts[rule] = counts.get(rule, 0) + 1
        return dict(sorted(counts.items()))

    def table(self) -> str:
        """The summary people read: one row per category, then all goals."""
        head = f"{'category':<20} {'goals':>5} {'broken':>6} {'pass@1':>8} {f'pass@{self.k}':>8}"
        rows = [head, "-" * len(head)]
        for cat, s in self.by_category().items():
            rows.append(
                f"{cat.value:<20} {s.goals:>5} {s.broken:>6} "
                f"{s.pass_at_1:>7.1f}% {s.pass_at_k:>7.1f}%"
            )
        t = self.total
        rows.append(
            f"{'all':<20} {t.goals:>5} {t.broken:>6} {t.pass_at_1:>7.1f}% {t.pass_at_k:>7.1f}%"
        )
        stopped = sum(1 for o in self.outcomes if o.stopped == "budget")
        if stopped:
            rows.append(f"({stopped} goal(s) not finished: LLM budget spent)")
        rejected = self.rejections()
        if rejected:
            rows.append(
                "(answers rejected as not a proof, by rule: "
                + ", ".join(f"{rule} {n}" for rule, n in rejected.items())
                + ")"
            )
        broken = [o for o in self.outcomes if o.is_broken]
        if broken:
            rows.append(
                f"({len(broken)} goal(s) broken by their own context or type, not attempted: "
                + ", ".join(o.name for o in broken[:5])
                + (", ..." if len(broken) > 5 else "")
                + ")"
            )
        return "\n".join(rows)

    def report(self, meta: dict[str, Any]) -> dict[str, Any]:
        return {
            "schema": REPORT_SCHEMA,
            **meta,
            "k": self.k,
            "metric": "pass@j = a verified candidate among the first j (broken goals excluded)",
            "broken": [
                {"name": o.name, "reason": o.broken.reason if o.broken else ""}
                for o in self.outcomes
                if o.is_broken
            ],
            "total": self.total.to_json(),
            "categories": {c.value: s.to_json() for c, s in self.by_category().items()},
            "rejections": self.rejections(),
            "goals": [o.to_json() for o in self.outcomes],
        }


def evaluate(
    goals: Sequence[GoalView],
    synthesizer: Synthesizer,
    progress: Callable[[int, int, SynthOutcome], None] | None = None,
) -> EvalResult:
    """Check every goal's own context first (so broken goals are known before the first LLM
    call of the run), then run the loop goal by goal."""
    for goal in goals:
        synthesizer.checker.check_goal(goal)  # cached by the checker; `run` reads it back
    outcomes: list[SynthOutcome] = []
    for i, goal in enumerate(goals, 1):
        outcome = synthesizer.run(goal)
        outcomes.append(outcome)
        if progress is not None:
            progress(i, len(goals), outcome)
    return EvalResult(synthesizer.config.k, tuple(outcomes))


def write_report(path: Path, report: dict[str, Any]) -> None:
    """Write atomically: a half-written report never replaces a complete one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    tmp.replace(path)

"""The verify loop: prompt -> candidate -> F* check -> feedback, up to k candidates per goal.

Guarantees:
- At most `k` candidates are checked per goal; the loop stops at the first verified one, so
  `verified_at` (1-based) answers "pass@j" for every j <= k.
- Candidate i (0-based) is requested with `ChatRequest.sample == i`; with `repair` the prompt
  also carries the feedback of candidate i-1. Equal inputs give equal requests, so a re-run
  with the reply cache makes no LLM calls.
- A spent budget stops the goal (`stopped="budget"`); other LLM failures are recorded as
  attempts with status `llm-error` and the loop moves on. Nothing raises out of `run` except
  programming errors.
- The goal itself is checked first (`Checker.check_goal`): a goal whose context or `val` does
  not check is `broken` and costs no LLM call. A candidate check that finds the context
  broken also stops the goal as `broken`; such errors are never shown to the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from llm.client import BudgetExceeded, ChatClient, ChatRequest, LLMError
from llm.fstar.checker import Checker, CheckResult
from llm.fstar.dataset import Category, GoalView
from llm.fstar.prompt import Feedback, PromptLimits, build_messages, extract_candidate
from llm.fstar.retrieval import ExampleRetriever, PremiseSelector


@dataclass(frozen=True, slots=True)
class SynthConfig:
    k: int = 5
    repair: bool = True
    temperature: float = 0.2
    max_tokens: int | None = 1024
    limits: PromptLimits = PromptLimits()


@dataclass(frozen=True, slots=True)
class Attempt:
    index: int  # 1-based
    candidate: str
    result: CheckResult | None  # None when the LLM call failed
    cached: bool = False
    llm_error: str = ""

    @property
    def status(self) -> str:
        return self.result.status if self.result is not None else "llm-error"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "status": self.status, "cached": self.cached}
        out["candidate"] = self.candidate
        if self.result is not None:
            out.update(self.result.to_json())
        if self.llm_error:
            out["llm_error"] = self.llm_error
        return out


@dataclass(frozen=True)
class SynthOutcome:
    name: str
    category: Category
    attempts: tuple[Attempt, ...] = ()
    stopped: str = ""  # "", "budget", "broken"
    examples: tuple[str, ...] = field(default=())  # names of the related examples shown
    broken: CheckResult | None = None  # why the goal's own context/type does not check

    @property
    def is_broken(self) -> bool:
        return self.broken is not None

    @property
    def verified_at(self) -> int | None:
        for a in self.attempts:
            if a.result is not None and a.result.verified:
                return a.index
        return None

    @property
    def definition(self) -> str | None:
        at = self.verified_at
        return self.attempts[at - 1].candidate if at is not None else None

    def passed_within(self, k: int) -> bool:
        at = self.verified_at
        return at is not None and at <= k

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "category": self.category.value,
            "verified_at": self.verified_at,
            "stopped": self.stopped,
            "broken": self.broken.to_json() if self.broken is not None else None,
            "examples": list(self.examples),
            "attempts": [a.to_json() for a in self.attempts],
        }


class Synthesizer:
    """Runs the loop for one goal at a time with a fixed client, checker and retrieval."""

    def __init__(
        self,
        client: ChatClient,
        checker: Checker,
        examples: ExampleRetriever | None = None,
        premises: PremiseSelector | None = None,
        config: SynthConfig = SynthConfig(),
    ) -> None:
        self.client = client
        self.checker = checker
        self.examples = examples
        self.premises = premises
        self.config = config

    def run(self, goal: GoalView) -> SynthOutcome:
        cfg = self.config
        broken = self.checker.check_goal(goal)
        if broken is not None and broken.status in ("broken", "timeout"):
            return SynthOutcome(goal.name, goal.category, stopped="broken", broken=broken)
        related = self.examples.retrieve(goal, cfg.limits.examples) if self.examples else []
        helpful = self.premises.select(goal, cfg.limits.premises) if self.premises else []
        attempts: list[Attempt] = []
        previous: Feedback | None = None
        stopped = ""
        for i in range(cfg.k):
            feedback = [previous] if cfg.repair and previous is not None else []
            messages = build_messages(goal, related, helpful, feedback, cfg.limits)
            request = ChatRequest(messages, cfg.temperature, cfg.max_tokens, sample=i)
            try:
                reply = self.client.complete(request)
            except BudgetExceeded:
                stopped = "budget"
                break
            except LLMError as exc:
                attempts.append(Attempt(i + 1, "", None, llm_error=str(exc)))
                continue
            candidate = extract_candidate(reply.text, goal)
            result = self.checker.check(goal, candidate)
            if result.status == "broken":
                return SynthOutcome(
                    goal.name,
                    goal.category,
                    tuple(attempts),
                    "broken",
                    tuple(e.name for e in related),
                    broken=result,
                )
            attempts.append(Attempt(i + 1, candidate, result, cached=reply.cached))
            if result.verified:
                break
            previous = Feedback(candidate, result)
        return SynthOutcome(
            goal.name, goal.category, tuple(attempts), stopped, tuple(e.name for e in related)
        )

"""The verify loop against the scripted OpenAI-compatible server and the fake fstar.exe."""

from __future__ import annotations

import pytest

from llm.cache import ReplyCache
from llm.client import Budget, BudgetedClient, CachedClient, LLMConfig, OpenAIChatClient
from llm.fstar.checker import FStarIdeChecker
from llm.fstar.dataset import Entry
from llm.fstar.retrieval import ExampleRetriever, PremiseSelector
from llm.fstar.synth import SynthConfig, Synthesizer
from tests.support.fstar_fake import FakeFStar
from tests.support.openai_stub import OpenAIStub, StubReply


def client(stub: OpenAIStub, budget: Budget | None = None) -> BudgetedClient:
    config = LLMConfig(base_url=stub.base_url, model="stub", max_retries=0, timeout=5)
    return BudgetedClient(OpenAIChatClient(config), budget or Budget())


def goal(samples: list[Entry], short: str) -> Entry:
    return next(e for e in samples if e.goal.short_name == short)


@pytest.fixture
def checker(fake_fstar: FakeFStar, samples: list[Entry]) -> FStarIdeChecker:
    fake_fstar.accept(e.solution.source_definition for e in samples)
    return FStarIdeChecker(fake_fstar.exe, timeout=10)


def test_repair_round_uses_fstar_feedback(
    openai_stub: OpenAIStub, checker: FStarIdeChecker, samples: list[Entry]
) -> None:
    entry = goal(samples, "clamp")
    openai_stub.script(["```fstar\nlet clamp lo hi x = x\n```", entry.solution.source_definition])
    synth = Synthesizer(
        client(openai_stub),
        checker,
        ExampleRetriever.from_entries(samples),
        PremiseSelector.from_entries(samples),
        SynthConfig(k=5),
    )
    with checker:
        outcome = synth.run(entry.goal)
    assert outcome.verified_at == 2 and outcome.definition == entry.solution.source_definition
    assert [a.status for a in outcome.attempts] == ["failed", "verified"]
    first, second = openai_stub.user_prompts()
    assert "## Feedback" not in first
    assert "Subtyping check failed" in second and "let clamp lo hi x = x" in second
    assert outcome.examples and entry.goal.name not in outcome.examples


def test_independent_samples_without_repair(
    openai_stub: OpenAIStub, checker: FStarIdeChecker, samples: list[Entry]
) -> None:
    entry = goal(samples, "double")
    openai_stub.script(lambda request: "let double x = x * 3")
    synth = Synthesizer(client(openai_stub), checker, config=SynthConfig(k=3, repair=False))
    with checker:
        outcome = synth.run(entry.goal)
    assert outcome.verified_at is None and len(outcome.attempts) == 3
    assert len(set(openai_stub.user_prompts())) == 1  # same prompt, sample index differs


def test_budget_stops_the_goal(
    openai_stub: OpenAIStub, checker: FStarIdeChecker, samples: list[Entry]
) -> None:
    openai_stub.script(lambda request: "let double x = 0")
    synth = Synthesizer(client(openai_stub, Budget(max_calls=2)), checker, config=SynthConfig(k=5))
    with checker:
        outcome = synth.run(goal(samples, "double").goal)
    assert outcome.stopped == "budget" and len(outcome.attempts) == 2


def test_llm_errors_are_recorded_and_skipped(
    openai_stub: OpenAIStub, checker: FStarIdeChecker, samples: list[Entry]
) -> None:
    entry = goal(samples, "double")
    openai_stub.script(
        [StubReply("down", status=500), StubReply(raw="garbage"), entry.solution.source_definition]
    )
    synth = Synthesizer(client(openai_stub), checker, config=SynthConfig(k=5))
    with checker:
        outcome = synth.run(entry.goal)
    assert [a.status for a in outcome.attempts] == ["llm-error", "llm-error", "verified"]
    assert "HTTP 500" in outcome.attempts[0].llm_error
    assert outcome.verified_at == 3


def test_rerun_is_served_from_the_cache(
    openai_stub: OpenAIStub, checker: FStarIdeChecker, samples: list[Entry]
) -> None:
    entry = goal(samples, "swap")
    openai_stub.script(
        lambda request: (
            "let swap #a #b p = p"
            if len(openai_stub.requests) <= 2
            else entry.solution.source_definition
        )
    )
    cache = ReplyCache(":memory:")
    with checker:
        first = Synthesizer(CachedClient(client(openai_stub), cache), checker).run(entry.goal)
        calls = len(openai_stub.requests)
        second = Synthesizer(CachedClient(client(openai_stub), cache), checker).run(entry.goal)
    assert first.verified_at == second.verified_at == 3
    assert len(openai_stub.requests) == calls == 3
    assert all(a.cached for a in second.attempts)


def test_a_rejected_cheat_is_explained_to_the_model(
    openai_stub: OpenAIStub, checker: FStarIdeChecker, samples: list[Entry]
) -> None:
    entry = goal(samples, "double_is_twice")
    truth = entry.solution.source_definition
    openai_stub.script([f"```fstar\n[@expect_failure]\n{truth}\n```", truth])
    synth = Synthesizer(client(openai_stub), checker, config=SynthConfig(k=3))
    with checker:
        outcome = synth.run(entry.goal)
    assert [a.status for a in outcome.attempts] == ["rejected", "verified"]
    assert outcome.attempts[0].result is not None
    assert outcome.attempts[0].result.rules == ("expect-failure",)
    second = openai_stub.user_prompts()[1]
    assert "not a proof" in second and "expect_failure" in second

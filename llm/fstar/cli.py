"""`c2safe fstar ...`: synthesise F* definitions from their types and evaluate the loop.

Sub-commands:
- `synth DATA --name NAME`   run the verify loop for one goal; print the verified definition.
- `eval DATA --k 5`          run it for every goal; print pass@1/pass@k per category and write
                             a JSON report (`--report`).
- `check DATA --name NAME FILE`  check one candidate definition with F*.
- `parse TEXT`               parse a type or `val` and print it back with its features.

Exit codes follow `translator.cli`: 0 success, 1 the job ran but failed (no verified
definition, budget spent, LLM errors), 2 usage or input error (bad data, no F*, no model,
an F* set-up that cannot check a one-line lemma: its message is printed, no LLM call made).
Related examples come from `--train` files, or leave-one-out from DATA itself.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from llm.cache import ReplyCache
from llm.client import (
    Budget,
    BudgetedClient,
    CachedClient,
    ChatClient,
    LLMConfig,
    LLMError,
    OpenAIChatClient,
    default_cache_path,
)
from llm.fstar.checker import Checker, FStarSetupError, find_fstar, make_checker
from llm.fstar.dataset import DatasetError, Entry, load_entries, synthesis_goals
from llm.fstar.evaluate import evaluate, write_report
from llm.fstar.parse_type import FStarSyntaxError, parse_goal
from llm.fstar.print_type import print_signature
from llm.fstar.prompt import PromptLimits
from llm.fstar.retrieval import ExampleRetriever, PremiseSelector, features_of_signature
from llm.fstar.synth import SynthConfig, Synthesizer, SynthOutcome

README_HINT = "see llm/fstar/README.md ('Supplying F*')"


class _UsageError(Exception):
    pass


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "fstar",
        help="synthesise F* definitions from their types (LLM + F* checker)",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    sub = parser.add_subparsers(dest="fstar_command", required=True)

    synth = sub.add_parser("synth", help="run the verify loop for one goal")
    _data_args(synth)
    synth.add_argument("--name", required=True, help="the goal's name (qualified or short)")
    _loop_args(synth)
    synth.add_argument("--report", type=Path, help="write the attempts as JSON here")
    synth.set_defaults(func=cmd_synth)

    ev = sub.add_parser("eval", help="pass@1 and pass@k per category over a dataset")
    _data_args(ev)
    ev.add_argument("--limit", type=int, help="evaluate only the first N goals")
    ev.add_argument(
        "--category",
        choices=["simply-typed", "dependent", "proof"],
        action="append",
        help="evaluate only these categories (repeatable)",
    )
    _loop_args(ev)
    ev.add_argument(
        "--report",
        type=Path,
        default=Path("fstar-eval-report.json"),
        help="JSON report path (default: %(default)s)",
    )
    ev.set_defaults(func=cmd_eval)

    check = sub.add_parser("check", help="check one candidate definition with F*")
    _data_args(check)
    check.add_argument("--name", required=True)
    check.add_argument("candidate", type=Path, help="file holding the `let` definition")
    _fstar_args(check)
    check.set_defaults(func=cmd_check)

    parse = sub.add_parser("parse", help="parse an F* type or val and print it back")
    parse.add_argument("text", help="the type or signature ('-' reads stdin)")
    parse.set_defaults(func=cmd_parse)


def _data_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("data", type=Path, help="FStarDataSet records (.json or .jsonl)")
    p.add_argument(
        "--train",
        type=Path,
        action="append",
        default=[],
        help="training split for related examples (repeatable; default: DATA, leave-one-out)",
    )


def _fstar_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("F* checker")
    g.add_argument("--fstar", help="path to fstar.exe (default: $FSTAR_EXE, then PATH)")
    g.add_argument("--fstar-mode", choices=["ide", "batch"], default="ide")
    g.add_argument(
        "--fstar-context",
        choices=["file", "checked"],
        default="file",
        help="IDE mode: push the record's file context, or load the module's .checked prefix",
    )
    g.add_argument("--fstar-include", action="append", default=[], metavar="DIR")
    g.add_argument("--fstar-arg", action="append", default=[], metavar="ARG")
    g.add_argument("--timeout", type=float, default=60.0, help="seconds per candidate (60)")
    g.add_argument(
        "--fstar-restart-solver",
        action="store_true",
        help="start Z3 afresh for every candidate (#restart-solver), as the reference harness v2",
    )
    g.add_argument(
        "--no-fstar-lookup",
        action="store_true",
        help="IDE mode: do not ask F* (`lookup`) whether the goal's name got a definition",
    )


def _loop_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("LLM")
    g.add_argument("--llm-base-url", help="OpenAI-compatible endpoint, e.g. http://host:8000/v1")
    g.add_argument("--llm-model", help="model name (or $C2SAFE_LLM_MODEL)")
    g.add_argument("--llm-config", type=Path, help="TOML file with an [llm] table")
    g.add_argument("--llm-timeout", type=float, help="seconds per LLM call")
    g.add_argument("--llm-retries", type=int, help="retries of a failed LLM call")
    g.add_argument("--temperature", type=float, default=0.2)
    g.add_argument("--max-tokens", type=int, default=1024, help="per reply")
    g.add_argument("--max-calls", type=int, help="LLM call budget for the run")
    g.add_argument("--max-llm-tokens", type=int, help="LLM token budget for the run")
    g.add_argument("--cache", type=Path, help=f"reply cache (default: {default_cache_path()})")
    g.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    g = p.add_argument_group("loop")
    g.add_argument("--k", type=int, default=5, help="candidates per goal (5)")
    g.add_argument("--no-repair", action="store_true", help="do not show F*'s errors")
    g.add_argument("--examples", type=int, default=4, help="related examples in the prompt")
    g.add_argument("--premises", type=int, default=12, help="premises in the prompt")
    _fstar_args(p)


# ---- wiring ---------------------------------------------------------------------------------


def _load(args: argparse.Namespace) -> tuple[list[Entry], list[Entry]]:
    try:
        entries = load_entries(args.data)
        train = load_entries(args.train) if args.train else entries
    except (DatasetError, OSError, UnicodeDecodeError) as exc:
        raise _UsageError(str(exc)) from None
    return entries, train


def _find_goal(entries: list[Entry], name: str) -> Entry:
    exact = [e for e in entries if e.goal.name == name]
    short = [e for e in entries if e.goal.short_name == name]
    found = exact or short
    if not found:
        raise _UsageError(f"no goal named '{name}'")
    if len(found) > 1:
        raise _UsageError(f"'{name}' is ambiguous: " + ", ".join(e.goal.name for e in found))
    return found[0]


def _checker(args: argparse.Namespace) -> tuple[Checker, dict[str, Any]]:
    exe = find_fstar(args.fstar)
    if exe is None:
        where = args.fstar or "$FSTAR_EXE / PATH (fstar.exe)"
        raise _UsageError(f"F* not found at {where}; {README_HINT}")
    checker = make_checker(
        exe,
        args.fstar_mode,
        timeout=args.timeout,
        include=args.fstar_include,
        extra_args=args.fstar_arg,
        context=args.fstar_context,
        lookup=not args.no_fstar_lookup,
        restart_solver=args.fstar_restart_solver,
    )
    try:
        checker.probe()
    except FStarSetupError as exc:
        checker.close()
        raise _UsageError(f"F* set-up problem ({exe}):\n{exc}\n{README_HINT}") from None
    version = getattr(checker, "version", "")
    return checker, {"path": str(exe), "version": version, "mode": args.fstar_mode}


def _client(args: argparse.Namespace) -> tuple[ChatClient, Budget, CachedClient | None]:
    try:
        config = LLMConfig.load(
            base_url=args.llm_base_url,
            model=args.llm_model,
            config_path=args.llm_config,
            timeout=args.llm_timeout,
            max_retries=args.llm_retries,
        )
    except LLMError as exc:
        raise _UsageError(exc.message) from None
    budget = Budget(args.max_calls, args.max_llm_tokens)
    client: ChatClient = BudgetedClient(OpenAIChatClient(config), budget)
    cached = None
    if not args.no_cache:
        cached = CachedClient(client, ReplyCache(args.cache or default_cache_path()))
        client = cached
    return client, budget, cached


def _synthesizer(
    args: argparse.Namespace, train: list[Entry], client: ChatClient, checker: Checker
) -> Synthesizer:
    limits = PromptLimits(examples=args.examples, premises=args.premises)
    config = SynthConfig(
        k=args.k,
        repair=not args.no_repair,
        temperature=args.temperature,
        max_tokens=args.max_tokens,
        limits=limits,
    )
    return Synthesizer(
        client,
        checker,
        ExampleRetriever.from_entries(train),
        PremiseSelector.from_entries(train),
        config,
    )


def _meta(args: argparse.Namespace, fstar: dict[str, Any], client: ChatClient) -> dict[str, Any]:
    return {
        "data": str(args.data),
        "train": [str(t) for t in args.train] or "leave-one-out",
        "model": client.model,
        "base_url": args.llm_base_url,
        "fstar": fstar,
        "timeout": args.timeout,
        "repair": not args.no_repair,
    }


def _llm_stats(budget: Budget, cached: CachedClient | None) -> dict[str, Any]:
    return {
        "calls": budget.calls,
        "tokens": budget.tokens,
        "cache_hits": cached.hits if cached else 0,
        "cache_misses": cached.misses if cached else 0,
    }


def _describe(outcome: SynthOutcome) -> str:
    at = outcome.verified_at
    if at is not None:
        return f"verified at candidate {at}"
    if outcome.broken is not None:
        return f"broken goal: {outcome.broken.reason}"
    if outcome.stopped:
        return f"stopped ({outcome.stopped})"
    last = outcome.attempts[-1] if outcome.attempts else None
    if last is None:
        return "no candidates"
    reason = last.llm_error or (last.result.reason if last.result else "")
    return f"not verified ({len(outcome.attempts)} candidates; last: {last.status} {reason})"


def _guard(func: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        try:
            rc: int = func(args)
        except _UsageError as exc:
            print(f"c2safe fstar: error: {exc}", file=sys.stderr)
            return 2
        return rc

    run.__doc__ = func.__doc__
    return run


# ---- commands -------------------------------------------------------------------------------


@_guard
def cmd_synth(args: argparse.Namespace) -> int:
    entries, train = _load(args)
    entry = _find_goal(entries, args.name)
    checker, fstar = _checker(args)
    try:
        client, budget, cached = _client(args)
        outcome = _synthesizer(args, train, client, checker).run(entry.goal)
    finally:
        checker.close()
    for attempt in outcome.attempts:
        reason = attempt.llm_error or (attempt.result.reason if attempt.result else "")
        print(f"candidate {attempt.index}: {attempt.status} {reason}".rstrip(), file=sys.stderr)
    if args.report:
        report = {**_meta(args, fstar, client), "llm": _llm_stats(budget, cached)}
        write_report(args.report, {**report, "goal": outcome.to_json()})
    if outcome.definition is None:
        print(f"{entry.goal.name}: {_describe(outcome)}", file=sys.stderr)
        if outcome.broken is not None:
            for issue in outcome.broken.issues[:5]:
                print("  " + issue.render(), file=sys.stderr)
        return 1
    print(outcome.definition)
    return 0


_CATEGORY_FLAGS = {
    "simply-typed": "simply typed",
    "dependent": "dependently typed",
    "proof": "proof",
}


@_guard
def cmd_eval(args: argparse.Namespace) -> int:
    if args.k < 1:
        raise _UsageError("--k must be at least 1")
    entries, train = _load(args)
    goals = [e.goal for e in synthesis_goals(entries)]
    if args.category:
        wanted = {_CATEGORY_FLAGS[c] for c in args.category}
        goals = [g for g in goals if g.category.value in wanted]
    if args.limit is not None:
        goals = goals[: args.limit]
    if not goals:
        raise _UsageError(f"{args.data}: no synthesis goals")
    checker, fstar = _checker(args)
    try:
        client, budget, cached = _client(args)
        synthesizer = _synthesizer(args, train, client, checker)

        def progress(i: int, n: int, outcome: SynthOutcome) -> None:
            print(f"[{i}/{n}] {outcome.name}: {_describe(outcome)}", file=sys.stderr)

        result = evaluate(goals, synthesizer, progress)
    finally:
        checker.close()
    print(result.table())
    report = result.report({**_meta(args, fstar, client), "llm": _llm_stats(budget, cached)})
    write_report(args.report, report)
    print(f"report: {args.report}")
    troubled = any(
        o.stopped == "budget" or any(a.llm_error for a in o.attempts) for o in result.outcomes
    )
    return 1 if troubled else 0


@_guard
def cmd_check(args: argparse.Namespace) -> int:
    entries, _ = _load(args)
    entry = _find_goal(entries, args.name)
    try:
        candidate = args.candidate.read_text("utf-8")
    except OSError as exc:
        raise _UsageError(str(exc)) from None
    checker, _fstar = _checker(args)
    try:
        result = checker.check_goal(entry.goal) or checker.check(entry.goal, candidate)
    finally:
        checker.close()
    print(f"{entry.goal.name}: {result.status} {result.reason}".rstrip())
    if result.rules:
        print("  rules: " + ", ".join(result.rules))
    for issue in result.issues:
        print("  " + issue.render())
    return 0 if result.verified else 1


@_guard
def cmd_parse(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    try:
        sig = parse_goal(text)
    except FStarSyntaxError as exc:
        raise _UsageError(f"<input>:{exc}") from None
    print(print_signature(sig))
    for key, value in asdict(features_of_signature(sig)).items():
        if isinstance(value, frozenset):
            value = sorted(value)
        print(f"  {key}: {value}")
    return 0

"""``c2safe translate ... --llm``: the command-line front of the fill loop.

``translator.translate_cmd`` calls ``add_arguments(parser)`` when it builds its parser and
``run(report, options, args)`` after ``translate()``; this module imports nothing heavy at
import time, so the ``translate`` command starts as fast without ``--llm``.

Guarantees:
- Without ``--llm`` nothing happens. With it but without an endpoint (no base URL, no key
  and no model from the flags, ``$C2SAFE_LLM_*`` or the config file), the run lists the
  functions left for the LLM, with their diagnostic codes, and returns normally.
- ``--llm local`` starts the bundled small model (``local_model``) and always stops it.
- All output goes to stderr (``--format json`` keeps stdout clean); the results are in the
  returned ``FillReport`` and in ``OUT/c2safe-report.json``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from llm.fill.loop import FillReport
    from llm.fill.verify import Verifier
    from translator.driver import Options, Report

MODES = ("endpoint", "local")
LOCAL_MAX_TOKENS = 1024  # per reply: a small model that rambles costs minutes per call
OFF = ("none", "off", "")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group(
        "LLM fill", "fill the functions the rules stubbed with an LLM, checked by cargo"
    )
    g.add_argument(
        "--llm",
        nargs="?",
        const="endpoint",
        choices=MODES,
        default=None,
        help="fill stubbed functions with an LLM: the configured OpenAI-compatible endpoint, "
        "or `local` (the bundled SmolLM2 via llama-cpp-python); write it after the sources "
        "or as --llm=local",
    )
    g.add_argument(
        "--llm-base-url", help="OpenAI-compatible endpoint (or $C2SAFE_LLM_BASE_URL / llm.toml)"
    )
    g.add_argument("--llm-model", help="model name (or $C2SAFE_LLM_MODEL / llm.toml)")
    g.add_argument("--llm-rounds", type=int, default=3, help="candidates per function (default: 3)")
    g.add_argument("--llm-max-calls", type=int, help="LLM call budget for the run")
    g.add_argument("--llm-max-tokens", type=int, help="LLM token budget for the run")
    g.add_argument(
        "--llm-cache",
        help="reply cache file (default: the user cache dir's llm-replies.sqlite; "
        "`none` disables it)",
    )
    g.add_argument(
        "--llm-examples",
        help="store of accepted translations shared by runs (default: the user cache dir's "
        "examples.jsonl or $C2SAFE_LLM_EXAMPLES; `none` disables it)",
    )
    g.add_argument("--llm-timeout", type=float, help="seconds per LLM call")
    g.add_argument(
        "--llm-accept-unverified",
        action="store_true",
        help="write a candidate that compiles but that no behavioural check exercised "
        "(marked UNVERIFIED in the Rust and the report; the run exits 1)",
    )


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def run(
    report: Report,
    options: Options,
    args: argparse.Namespace,
    log: Callable[[str], None] = _stderr,
    verifiers: Sequence[Verifier] | None = None,
) -> FillReport:
    """Fill the stubs of a translated crate as the ``--llm*`` arguments say.

    ``verifiers`` run after ``cargo check`` and the crate's tests (default: the difftest
    hook, ``verify.difftest_verifier()``, which reports itself unavailable when
    ``translator.difftest`` is missing)."""
    from llm.cache import ReplyCache
    from llm.client import NO_KEY, Budget, LLMConfig, LLMError, build_client, default_cache_path
    from llm.fill.loop import FillConfig, Filler, FillReport, stubbed_records
    from llm.fill.retrieval import default_store_path
    from llm.fill.verify import difftest_verifier

    mode = getattr(args, "llm", None)
    if not mode:
        return FillReport("none", "", message="--llm not given")
    rounds = max(1, int(getattr(args, "llm_rounds", 3) or 3))
    cache_arg = getattr(args, "llm_cache", None)
    examples_arg = getattr(args, "llm_examples", None)
    store = None if _off(examples_arg) else Path(examples_arg or default_store_path())
    cache_path = None if _off(cache_arg) else Path(cache_arg or default_cache_path())
    stubs = stubbed_records(report)
    if not stubs:
        result = FillReport(mode, "", message="no stubbed functions: nothing for the LLM")
        log(result.summary())
        return result

    def left(message: str) -> FillReport:
        result = FillReport("none", "", message=message)
        log(f"c2safe llm: {message}")
        log(f"c2safe llm: {len(stubs)} function(s) left for the LLM:")
        for fr, rec in stubs:
            codes = ", ".join(d.code for d in rec.diagnostics if d.severity.value == "error")
            log(f"  {rec.name.split('@')[0]} ({Path(fr.path).name}:{rec.line}) {codes}")
        return result

    budget = Budget(getattr(args, "llm_max_calls", None), getattr(args, "llm_max_tokens", None))
    timeout = getattr(args, "llm_timeout", None)
    checks = list(verifiers) if verifiers is not None else [difftest_verifier()]
    fill_config = FillConfig(
        rounds=rounds,
        store=store,
        accept_unverified=bool(getattr(args, "llm_accept_unverified", False)),
    )

    def fill(config: LLMConfig, run_mode: str) -> FillReport:
        cache = ReplyCache(cache_path) if cache_path is not None else None
        try:
            client = build_client(config, cache, budget)
            filler = Filler(client, fill_config, checks, log)
            return filler.run(report, options, mode=run_mode)
        finally:
            if cache is not None:
                cache.close()

    if mode == "local":
        from llm.fill.local_model import LocalModelError, LocalModelServer, local_unavailable

        why = local_unavailable()
        if why is not None:
            return left(f"--llm local is not available: {why}")
        log("c2safe llm: starting the local model (llama-cpp-python, SmolLM2-135M)")
        try:
            with LocalModelServer() as server:
                local = LLMConfig(
                    base_url=server.base_url,
                    model=server.model,
                    timeout=timeout or 600.0,
                    max_retries=0,
                )
                fill_config = replace(fill_config, max_tokens=LOCAL_MAX_TOKENS)
                result = fill(local, "local")
        except LocalModelError as exc:
            return left(f"the local model did not start: {exc}")
    else:
        try:
            config = LLMConfig.load(
                base_url=getattr(args, "llm_base_url", None),
                model=getattr(args, "llm_model", None),
                timeout=timeout,
            )
        except LLMError as exc:
            return left(f"no LLM endpoint configured ({exc.message})")
        if config.base_url is None and config.api_key == NO_KEY:
            return left(
                "no LLM endpoint configured: pass --llm-base-url, set "
                "$C2SAFE_LLM_BASE_URL, or set llm.base_url in the config file"
            )
        result = fill(config, "endpoint")
    log(result.summary())
    return result


def _off(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() in OFF

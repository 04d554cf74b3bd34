"""Acceptance means a proof: every rule of llm/fstar/acceptance.py, on recorded real F* outputs.

The recorded outputs (tests/fstar/data/transcripts, copied from ../shared/fstar-transcripts) come
from F* 0.9.7.0~dev with Z3 4.8.5. `cheats/` holds false candidates that this F* itself reports
as verified. The fake fstar.exe replays them; answers it makes up are marked `(fake)`.
"""

from __future__ import annotations

import pytest

from llm.fstar.acceptance import candidate_violations, fstar_violations, lookup_violation
from llm.fstar.checker import (
    CheckResult,
    FStarBatchChecker,
    FStarIdeChecker,
    candidate_first_line,
    parse_batch_output,
)
from llm.fstar.dataset import Entry, GoalView
from llm.fstar.fstar_lexer import (
    LexError,
    declarations,
    referenced_modules,
    tokenize,
    top_level_names,
)
from tests.support.fstar_fake import TRANSCRIPTS, FakeFStar

CHEATS = TRANSCRIPTS / "cheats"
WRONG_VAL = "val wrong : x:nat -> Lemma (x + 1 == x)"


def goal(module: str, name: str = "wrong", val: str = WRONG_VAL, context: str = "") -> GoalView:
    return GoalView(
        name=f"{module}.{name}",
        file_name=f"{module}.fst",
        source_type=val,
        original_source_type=val,
        file_context=context or f"module {module}\n",
    )


def cheat_candidate(n: int) -> str:
    """The text after the goal's `val` in the recorded CheatN.fst."""
    lines = (CHEATS / f"Cheat{n}.fst").read_text().splitlines()
    assert lines[0] == f"module Cheat{n}" and lines[1] == WRONG_VAL
    return "\n".join(lines[2:])


def rules(g: GoalView, candidate: str, exempt: tuple[str, ...] = ()) -> list[str]:
    return [v.rule for v in candidate_violations(g, candidate, exempt)]


G = goal("M")

# ---- rules on the candidate's text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "rule"),
    [(1, "expect-failure"), (2, "option-not-allowed"), (3, "no-definition"), (4, "no-definition")],
)
def test_recorded_cheats_break_a_text_rule(n: int, rule: str) -> None:
    assert rule in rules(goal(f"Cheat{n}"), cheat_candidate(n))


TRICKS = [
    # (candidate, rule) -- every trick we could think of, with the rule that catches it
    ("[@expect_failure]\nlet wrong x = ()", "expect-failure"),
    ("[@@expect_failure [19]]\nlet wrong x = ()", "expect-failure"),
    ("[@@ FStar.Pervasives.expect_failure]\nlet wrong x = ()", "expect-failure"),
    ("[@@expect_lax_failure]\nlet wrong x = ()", "expect-failure"),
    ('#push-options "--admit_except foo"\nlet wrong x = ()\n#pop-options', "option-not-allowed"),
    ('#set-options "--lax"\nlet wrong x = ()', "option-not-allowed"),
    ('#reset-options "--admit_smt_queries true"\nlet wrong x = ()', "option-not-allowed"),
    ('#push-options "--z3rlimit 10 --no_smt"\nlet wrong x = ()', "option-not-allowed"),
    ('#set-options "--warn_error -240"\nlet helper = 1', "option-not-allowed"),
    ('#set-options "--report_assumes info"\nlet wrong x = ()', "option-not-allowed"),
    ("#push-options \"--z3cliopt 'smt.x=1'\"\nlet wrong x = ()", "option-not-allowed"),
    ('#push-options "--fuel"\nlet wrong x = ()', "option-not-allowed"),
    ("#push-options\nlet wrong x = ()", "option-not-allowed"),
    ("let wrong x = ()\n#pop-options", "pragma-not-allowed"),
    ("#lang-pulse\nlet wrong x = ()", "pragma-not-allowed"),
    ("#eval (wrong 1)\nlet wrong x = ()", "pragma-not-allowed"),
    ("let wrong x = admit ()", "admit"),
    ("let wrong x = Prims.admit ()", "admit"),
    ("module P = Prims\nlet wrong x = P.admit ()", "admit"),
    ("let wrong x = ``admit`` ()", "admit"),
    ("let wrong x = admitP (x + 1 == x)", "admit"),
    ("let wrong x = assume (x + 1 == x)", "admit"),
    ("assume val ax : x:nat -> Lemma (x + 1 == x)\nlet wrong x = ax x", "admit"),
    ("let wrong x = magic ()", "admit"),
    ("let wrong x = FStar.Pervasives.Native.fst (magic (), 0)", "admit"),
    ("let wrong x = unsafe_coerce ()", "admit"),
    ("let wrong x = assert (x + 1 == x) by (FStar.Tactics.tadmit ())", "admit"),
    ("let wrong x = synth_by_tactic (fun () -> tadmit ())", "admit"),
    ("[@@admit_termination]\nlet rec wrong x = wrong x", "admit"),
    ("let wrong x = assert (x + 1 == x) by (set_guard_policy Drop)", "unsafe-tactic"),
    ('let wrong x = _ by (exact (pack (Tv_FVar (pack_fv ["Prims"; "admit"]))))', "unsafe-tactic"),
    ("%splice[wrong] (fun () -> mk_wrong ())", "unsafe-tactic"),
    ("let wrong x = assert (x + 1 == x) by (dismiss ())", "unsafe-tactic"),
    ("let wrong x = assert (x + 1 == x) by (set_goals [])", "unsafe-tactic"),
    ('let helper = "let wrong"', "no-definition"),
    ("let helper (y:nat) : nat = let wrong = y in wrong", "no-definition"),
    ("let helper = 1 (* let wrong x = () *)", "no-definition"),
    ("let helper = 1 // let wrong x = ()", "no-definition"),
    ("let rec helper x = let rec g y = y and wrong z = z in g x", "no-definition"),
    ("val wrong : x:nat -> Lemma True\nlet wrong x = ()", "redeclares-goal"),
    ("let wrong x = ()\nlet wrong x = ()", "defined-twice"),
    ("val ax : unit -> Lemma False\nlet wrong x = ax ()", "undefined-val"),
    ("private val ax : x:nat -> Lemma (x + 1 == x)\nlet wrong x = ax x", "undefined-val"),
    ("let wrong x = wrong x", "uses-goal-before-definition"),
    ("let helper x = wrong x\nlet wrong x = helper x", "uses-goal-before-definition"),
    ("let wrong x = M.wrong x", "uses-goal-before-definition"),
    ("new_effect FOO = PURE\nlet wrong x = ()", "declaration-not-allowed"),
    ("friend Other\nlet wrong x = ()", "declaration-not-allowed"),
    ("let wrong x = ()\n(* unterminated", "unlexable"),
    ("```pulse\nfn wrong () {}\n```", "unlexable"),
    ("let wrong x = (*) 1 2; admit () (* *)", "unlexable"),
    ("", "empty"),
    ("(* only a comment *) // and a line comment", "empty"),
]


@pytest.mark.parametrize(("candidate", "rule"), TRICKS)
def test_every_trick_breaks_its_rule(candidate: str, rule: str) -> None:
    assert rule in rules(G, candidate)


HONEST = [
    "let wrong x = ()",
    "let rec wrong x = if x = 0 then () else wrong (x - 1)",
    "let rec aux x = () and wrong x = aux x",
    "let helper (y:nat) : nat = y\nlet wrong x = ()",
    "val helper : nat -> nat\nlet helper y = y\nlet wrong x = ()",
    "let wrong x = let wrong' = x in ()",
    "let wrong x = let rec g y = y in g ()",
    "let wrong (x:nat) : Lemma (x + 1 == x) = ()",
    '#push-options "--fuel 1 --ifuel 0 --z3rlimit 20 --z3seed 3"\nlet wrong x = ()\n#pop-options',
    '#set-options "--initial_fuel 2 --max_fuel 8 --z3rlimit_factor 2"\nlet wrong x = ()',
    "#reset-options\n#restart-solver\nlet wrong x = ()",
    '[@@ "opaque_to_smt"]\nlet helper = 1\nirreducible let wrong x = ()',
    "inline_for_extraction noextract let wrong x = ()",
    "let wrong x = (* admit () *) () // assume",
    'let wrong x = let s = "admit ()" in ()',
    "let wrong x = let c = '\"' in ()",
    "open FStar.List.Tot\nlet wrong x = assert (length [1] == 1)",
    "let wrong x = FStar.Classical.forall_intro (fun (y:nat) -> ())",
    "let wrong #a (x:a) : Tot a = x",
    "let wrong x = calc (==) { x; == { () } x; }",
    "let wrong x =\n  [@inline_let] let y = x in\n  ()",
    "let wrong x = match x with\n  | 0 -> ()\n  | _ -> let y = x in ()",
    "type t = | A | B\nlet wrong x = ()",
    "let wrong x = begin let y = 1 in () end",
]


def test_every_sample_ground_truth_passes_the_text_rules(samples: list[Entry]) -> None:
    for entry in samples:
        exempt = top_level_names(entry.goal.file_context)
        assert candidate_violations(entry.goal, entry.solution.source_definition, exempt) == []


@pytest.mark.parametrize("candidate", HONEST)
def test_honest_candidates_pass_the_text_rules(candidate: str) -> None:
    assert rules(G, candidate) == []


def test_operator_goals_are_defined_by_their_symbol() -> None:
    g = goal("M", name="op_Plus_Hat", val="val op_Plus_Hat : int -> int -> int")
    assert rules(g, "let ( +^ ) a b = a + b") == []
    assert rules(g, "let op_Plus_Hat a b = a + b") == []
    assert rules(g, "let ( +! ) a b = a + b") == ["no-definition"]


def test_names_of_the_context_and_the_goal_are_exempt() -> None:
    g = goal("M", name="lemma_assume_ok")
    assert rules(g, "let lemma_assume_ok x = ()") == []
    assert rules(g, "let lemma_assume_ok x = admit_helper x") == ["admit"]
    assert rules(g, "let lemma_assume_ok x = admit_helper x", ("admit_helper",)) == []


def test_lexer_follows_fstar() -> None:
    texts = [t.text for t in tokenize("a (* (* b *) *) c // d\ne // IN F*: f\n'x' 'a ``g h``")]
    assert texts == ["a", "c", "e", "f", "'x'", "'a", "g h"]
    assert tokenize('"a \\" (* b"')[0].kind == "string"
    with pytest.raises(LexError):
        tokenize('"unterminated')
    decls = declarations(tokenize("let f x =\n  let y = x in\n  y\nlet g = 1\nand h = 2"))
    assert [d.names() for d in decls] == [["f"], ["g", "h"]]
    assert referenced_modules("open A.B\nmodule C = D.E\nlet x = F.G.h Some?.v") == {
        "A.B",
        "D.E",
        "F.G",
    }


# ---- rules on F*'s answer, on the recorded outputs ---------------------------------------------


def recorded_batch(name: str, module_file: str) -> tuple[str, int]:
    lines = (TRANSCRIPTS / name).read_text().splitlines()
    code = int(lines[-1].rsplit(maxsplit=1)[-1].split("=")[-1])
    return "\n".join(lines[:-1]), code


@pytest.mark.parametrize("n", [3, 4])
def test_recorded_warning_240_is_an_admitted_definition(n: int) -> None:
    text, code = recorded_batch(f"cheats/batch_Cheat{n}.txt", f"Cheat{n}.fst")
    assert code == 0 and "Verified module" in text  # F* itself says "verified"
    issues = parse_batch_output(text, f"Cheat{n}.fst", offset=1)
    found = fstar_violations(goal(f"Cheat{n}"), issues)
    assert [v.rule for v in found] == ["admitted-definition"]


@pytest.mark.parametrize("n", [1, 2])
def test_recorded_clean_successes_need_the_text_rules(n: int) -> None:
    """F* says nothing at all about these false proofs: only the text rules catch them."""
    text, code = recorded_batch(f"cheats/batch_Cheat{n}.txt", f"Cheat{n}.fst")
    issues = parse_batch_output(text, f"Cheat{n}.fst", offset=1)
    assert code == 0 and issues == ()
    assert fstar_violations(goal(f"Cheat{n}"), issues) == []
    assert rules(goal(f"Cheat{n}"), cheat_candidate(n))


def test_warning_240_for_a_context_val_is_not_the_candidates() -> None:
    text, _ = recorded_batch("cheats/batch_Cheat3.txt", "Cheat3.fst")
    # as if `val wrong` were part of the goal's context (the snippet starting two lines later)
    issues = parse_batch_output(text, "Cheat3.fst", offset=3)
    assert issues[0].ranges[0].start_line == -1
    other = goal("Cheat3", name="other", val="val other : nat")
    assert fstar_violations(other, issues) == []
    good, _ = recorded_batch("batch_good.txt", "Good.fst")  # warnings 241/271 in the library
    assert fstar_violations(goal("Good", name="app_len"), parse_batch_output(good)) == []


def test_lookup_rule() -> None:
    g = goal("Ctx2")
    first = candidate_first_line(g)
    assert first == 2
    at = {"fname": "<input>", "beg": [first, 4], "end": [first, 9]}
    assert lookup_violation(g, {"kind": "symbol", "defined-at": at}, first)[0] is None
    val_line = {**at, "beg": [1, 4]}
    bad, _ = lookup_violation(g, {"defined-at": val_line}, first)
    assert bad is not None and bad.rule == "lookup-not-defined"
    assert lookup_violation(g, {"defined-at": None}, first)[0] is not None
    # answers the client cannot read are inconclusive, never a rejection or a pass by themselves
    assert lookup_violation(g, "??", first) == (
        None,
        "lookup inconclusive: no symbol in the answer",
    )
    elsewhere = {**at, "fname": "Ctx2.fst"}
    assert lookup_violation(g, {"defined-at": elsewhere}, first)[0] is None


# ---- both modes, end to end through the checker clients -----------------------------------------


def both(fake: FakeFStar, g: GoalView, candidate: str) -> tuple[CheckResult, CheckResult]:
    with FStarIdeChecker(fake.exe, timeout=10) as ide:
        in_ide = ide.check(g, candidate)
    return in_ide, FStarBatchChecker(fake.exe, timeout=10).check(g, candidate)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_every_recorded_cheat_is_rejected_in_both_modes(fake_fstar: FakeFStar, n: int) -> None:
    in_ide, in_batch = both(fake_fstar, goal(f"Cheat{n}"), cheat_candidate(n))
    assert in_ide.status == in_batch.status == "rejected"
    assert in_ide.rules == in_batch.rules


def test_fstar_side_rules_alone_on_recorded_outputs(
    fake_fstar: FakeFStar, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the text rules switched off, what F*'s own answers still catch."""
    import llm.fstar.checker as checker_module

    monkeypatch.setattr(checker_module, "prefilter", lambda *a, **k: None)
    verdicts = {}
    for n in (1, 2, 3, 4):
        result = FStarBatchChecker(fake_fstar.exe, timeout=10).check(
            goal(f"Cheat{n}"), cheat_candidate(n)
        )
        verdicts[n] = (result.status, result.rules)
    # the recorded F* answers verify Cheat1/2 (so the text rules are necessary) ...
    assert verdicts[1] == verdicts[2] == ("verified", ())
    # ... and its Warning 240 catches Cheat3/4
    assert verdicts[3] == verdicts[4] == ("rejected", ("admitted-definition",))
    with FStarIdeChecker(fake_fstar.exe, timeout=10) as ide:
        # recorded IDE answer: success without a warning; the (emulated) lookup catches it
        cheat3 = ide.check(goal("Cheat3"), cheat_candidate(3))
    assert cheat3.status == "rejected" and cheat3.rules == ("lookup-not-defined",)


def test_honest_false_proof_fails_in_both_modes(fake_fstar: FakeFStar) -> None:
    in_ide, _ = both(fake_fstar, goal("Ctx2"), "let wrong x = ()")
    assert in_ide.status == "failed" and in_ide.reason == "could not prove post-condition"
    # the recorded push used line 2; its <input> lines are moved to this push's numbering
    assert [r.start_line for r in in_ide.issues[0].ranges] == [2, 1]


def test_recorded_batch_files_give_the_same_verdicts_as_ide(fake_fstar: FakeFStar) -> None:
    bad = goal("Bad", name="decr", val="val decr : x:nat -> Tot nat")
    in_ide, in_batch = both(fake_fstar, bad, "let decr x = x - 1")
    assert in_ide.status == in_batch.status == "failed"
    [batch_error] = [i for i in in_batch.issues if i.level == "error"]
    assert batch_error.ranges[0].render() == "<input>(2,13-2,18)"  # recorded (3,13-3,18)
    assert in_ide.issues[0].ranges[0].render() == "<input>(2,13-2,18)"
    good_context = "\n".join((TRANSCRIPTS / "Good.fst").read_text().splitlines()[:4]) + "\n"
    app_len = goal(
        "Good",
        name="app_len",
        val=(TRANSCRIPTS / "Good.fst").read_text().splitlines()[4],
        context=good_context,
    )
    fake_fstar.accept(["let incr x = x + 1"])
    candidate = "let rec app_len l1 l2 = match l1 with | [] -> () | _ :: tl -> app_len tl l2"
    in_ide, in_batch = both(fake_fstar, app_len, candidate)
    assert in_ide.status == in_batch.status == "verified"
    assert {i.number for i in in_batch.issues} == {241, 271}  # replayed from batch_good.txt

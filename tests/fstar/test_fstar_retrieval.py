"""Type features, related-example ranking, premise selection."""

from __future__ import annotations

from dataclasses import replace

from llm.fstar.dataset import Entry, GoalView
from llm.fstar.retrieval import (
    ExampleRetriever,
    PremiseSelector,
    features_of,
    identifiers,
    premises_from_context,
    structural_similarity,
)


def by_name(samples: list[Entry], short: str) -> Entry:
    return next(e for e in samples if e.goal.short_name == short)


def test_features_of_a_lemma() -> None:
    f = features_of(
        "val l : #a:Type -> x:list a{Cons? x} -> Lemma (requires True) (ensures length x > 0)"
    )
    assert f.parsed and f.effect == "Lemma" and f.effect_family == "lemma"
    assert (f.arity, f.implicit_arity, f.refined_binders) == (1, 1, 1)
    assert f.has_requires and f.has_ensures and not f.has_decreases
    assert f.domain_heads == ("list",) and "list" in f.type_names


def test_features_of_refined_result_and_unparsable_text() -> None:
    f = features_of("val r : n:nat -> Tot (l:list int{length l == n}) (decreases n)")
    assert f.refined_result and f.result_head == "list" and f.has_decreases
    g = features_of("val weird : this is ? not F* Lemma")
    assert not g.parsed and g.effect == "Lemma" and "weird" not in g.type_names


def test_identifiers_split_names() -> None:
    assert identifiers("FStar.List.Tot.map_list x") == [
        "fstar",
        "list",
        "map_list",
        "map",
        "list",
        "x",
    ]


def test_structural_similarity_bounds() -> None:
    a = features_of("val a : l:list int -> Lemma (length l >= 0)")
    b = features_of("val b : x:int -> Tot int")
    assert structural_similarity(a, a) == 1.0
    assert 0.0 <= structural_similarity(a, b) < structural_similarity(a, a)


def test_related_examples_follow_the_type(samples: list[Entry]) -> None:
    retriever = ExampleRetriever.from_entries(samples)
    goal = by_name(samples, "my_rev_length").goal
    ranked = retriever.rank(goal)
    assert goal.name not in [s.item.name for s in ranked]  # leave-one-out
    top = [s.item.name.rsplit(".", 1)[-1] for s in ranked[:3]]
    assert top[0] in {"rev_acc_length", "map_list_length"}, top
    assert all("Lemma" in s.item.source_type for s in ranked[:3])
    option_bind = by_name(samples, "option_bind").goal
    assert retriever.retrieve(option_bind, 1)[0].name == "Sample.Options.option_map"


def test_ranking_is_deterministic(samples: list[Entry]) -> None:
    goal = by_name(samples, "vmap").goal
    first = [s.item.name for s in ExampleRetriever.from_entries(samples).rank(goal)]
    second = [
        s.item.name for s in ExampleRetriever.from_entries(list(reversed(samples))).rank(goal)
    ]
    assert first == second


def test_premises_from_context() -> None:
    context = (
        "module M\nopen FStar.List.Tot\n\nval f : int -> int\nlet f x = x\n\n"
        "let g (y:nat) : nat =\n  y + 1\n\ntype t =\n  | A : t\n\nlet rec h x = h x\n"
    )
    found = {p.name: p.signature for p in premises_from_context(context)}
    assert found == {
        "f": "val f : int -> int",
        "g": "let g (y:nat) : nat",
        "t": "type t",
        "h": "let rec h x",
    }


def test_premises_only_from_context_and_opened_modules(samples: list[Entry]) -> None:
    goal = by_name(samples, "sum_list_append").goal
    selector = PremiseSelector(
        [
            ("FStar.List.Tot", "FStar.List.Tot.append_assoc", "val append_assoc : ..."),
            ("Other.Module", "Other.Module.secret", "val secret : list int -> int"),
        ]
    )
    names = [p.name for p in selector.candidates(goal)]
    assert "FStar.List.Tot.append_assoc" in names and "Other.Module.secret" not in names
    assert "sum_list_append" not in names
    ranked = selector.select(goal, 3)
    assert ranked[0].name == "sum_list"
    assert all(p.origin in {"file", "module FStar.List.Tot"} for p in ranked)


def test_premises_never_come_from_the_future(samples: list[Entry]) -> None:
    goal = by_name(samples, "len").goal
    later = [e.goal.short_name for e in samples if e.goal.module == goal.module]
    names = {p.name for p in PremiseSelector.from_entries(samples).candidates(goal)}
    assert not names & set(later[1:])


def test_goal_without_context_has_no_file_premises() -> None:
    goal = GoalView(name="M.x", file_name="M.fst", source_type="val x : int")
    assert PremiseSelector().rank(replace(goal, file_context="")) == []

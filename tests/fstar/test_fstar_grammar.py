"""The F* type grammar: round trips over the sample set, tree shapes, error positions."""

from __future__ import annotations

import pytest

from llm.fstar.dataset import Entry
from llm.fstar.parse_type import FStarSyntaxError, parse_goal, parse_signature, parse_type
from llm.fstar.print_type import print_signature, print_type
from llm.fstar.syntax import (
    App,
    Arg,
    Arrow,
    Binder,
    BinOp,
    Comp,
    Fun,
    ListLit,
    Name,
    Refine,
    Tuple,
    UMax,
    Universe,
    USucc,
    UVar,
)


def test_round_trip_over_the_sample_set(samples: list[Entry]) -> None:
    assert len(samples) >= 40
    for entry in samples:
        for text in {entry.goal.source_type, entry.goal.original_source_type}:
            first = parse_goal(text)
            printed = print_signature(first)
            assert parse_goal(printed) == first, (text, printed)
            assert print_signature(parse_goal(printed)) == printed


EXTRA = [
    "val f : x:int -> y:int{y > x /\\ (x > 0 ==> y > 1)} -> Tot (z:int{z == x + y})",
    "val g (#a:Type u#a) (x y:nat{x < y}) : Lemma (requires x > 0) (ensures x * y > 0) "
    "[SMTPat (x * y)]",
    "val h : unit -> Stack unit (requires fun h -> live h b) (ensures fun h0 _ h1 -> "
    "modifies (loc_buffer b) h0 h1 /\\ b.(0ul) == 1uy)",
    "val k : #a:Type -> s:seq a -> i:nat{i < length s} -> GTot (x:a{x == s.[i]})",
    "inline_for_extraction noextract val m u#a u#b : Type u#(max a (b + 1)) -> Type0",
    "val n : (a -> b) -> (int * int) * bool -> a & b & c -> list (int * int)",
    "val p : x:int -> Lemma (forall (y:nat) z. exists w. ~(x =!= y) \\/ x - -1 <> z @ w)",
    "val q : l:list int -> Tot int (decreases %[l; 0])",
    "val r : f:(x:nat -> Tot nat) -> ST int (fun h -> True) (fun h0 r h1 -> if r > 0 then "
    'h0 == h1 else r == f 0 /\\ "s" == "t")',
    "val s : $f:(int -> int) -> Dv (option (x:int{Some? (Some x)}))",
]


@pytest.mark.parametrize("text", EXTRA)
def test_round_trip_on_harder_signatures(text: str) -> None:
    first = parse_signature(text)
    printed = print_signature(first)
    assert parse_signature(printed) == first


def test_binders_named_implicit_refined() -> None:
    t = parse_type("#a:Type -> l:list a{Cons? l} -> (n:nat{n > 0}) -> int -> Tot a")
    assert isinstance(t, Arrow)
    a, lst, n, anon = t.binders
    assert a == Binder("a", Universe(None), "#")
    assert lst.name == "l" and lst.type == App(Name("list"), (Arg(Name("a")),))
    assert lst.refinement == App(Name("Cons?"), (Arg(Name("l")),))
    assert n.name == "n" and isinstance(n.refinement, BinOp)
    assert anon == Binder(None, Name("int"))
    assert t.result == Comp("Tot", Name("a"))


def test_lemma_clauses() -> None:
    t = parse_type(
        "x:nat -> Lemma (requires x > 0) (ensures x + 1 > 1) (decreases x) [SMTPat (f x)]"
    )
    assert isinstance(t, Arrow) and isinstance(t.result, Comp)
    comp = t.result
    assert comp.effect == "Lemma" and comp.result is None
    assert comp.requires == BinOp(">", Name("x"), parse_type("0"))  # type: ignore[arg-type]
    assert isinstance(comp.ensures, BinOp) and comp.decreases == Name("x")
    assert isinstance(comp.clauses[-1].term, ListLit)


def test_lemma_with_plain_postcondition() -> None:
    comp = parse_type("Lemma (x == 1) [SMTPat x]")
    assert isinstance(comp, Comp) and comp.ensures == BinOp("==", Name("x"), parse_type("1"))  # type: ignore[arg-type]
    assert comp.requires is None


def test_positional_pre_and_post() -> None:
    comp = parse_type("ST unit (fun h -> True) (fun h0 _ h1 -> h0 == h1)")
    assert isinstance(comp, Comp) and comp.result == Name("unit")
    assert isinstance(comp.requires, Fun) and isinstance(comp.ensures, Fun)
    pure = parse_type("FStar.Pervasives.Pure int (requires True) (ensures fun r -> r > 0)")
    assert isinstance(pure, Comp) and pure.effect_short == "Pure"


def test_tuples_and_universes() -> None:
    t = parse_type("int * bool -> a & b -> Type u#(max a (b + 1))")
    assert isinstance(t, Arrow)
    assert t.binders[0].type == Tuple("*", (Name("int"), Name("bool")))
    assert t.binders[1].type == Tuple("&", (Name("a"), Name("b")))
    assert t.result == Universe(UMax((UVar("a"), USucc(UVar("b"), 1))))
    # outside a type position, * is multiplication
    assert parse_type("x:int{x * 2 > 0} -> int").binders[0].refinement == parse_type(  # type: ignore[union-attr]
        "x * 2 > 0"
    )


def test_refinement_as_result_and_printing() -> None:
    t = parse_type("x:nat -> Tot (y:nat{y > x})")
    assert isinstance(t, Arrow) and isinstance(t.result, Comp)
    assert isinstance(t.result.result, Refine)
    assert print_type(t) == "x:nat -> Tot (y:nat{y > x})"


def test_implicit_application_arguments() -> None:
    t = parse_type("vec a (n + 1) -> f #n v")
    assert isinstance(t, Arrow)
    assert t.result == App(Name("f"), (Arg(Name("n"), implicit=True), Arg(Name("v"))))


def test_bare_type_goal_gets_the_name() -> None:
    sig = parse_goal("nat -> nat", "M.succ")
    assert sig.name == "succ" and isinstance(sig.type, Arrow)


@pytest.mark.parametrize(
    ("text", "line", "col", "fragment"),
    [
        ("val f : int ->", 1, 15, "end of input"),
        ("val f : a ] b", 1, 11, "unexpected ']'"),
        ("val f :\n  x:int ->\n  y:int{y > } -> int", 3, 13, "unexpected '}'"),
        ("val f : list (requires x)", 1, 14, "only allowed as an argument of an effect"),
        ("val f : x:int -> Tot (x:int)", 1, 22, "only a type when refined"),
        ("val f : a ? b", 1, 11, "unexpected character"),
    ],
)
def test_errors_have_positions(text: str, line: int, col: int, fragment: str) -> None:
    with pytest.raises(FStarSyntaxError) as info:
        parse_signature(text)
    err = info.value
    assert (err.line, err.col) == (line, col)
    assert fragment in err.message
    assert "^" in str(err) and f"{line}:{col}:" in str(err)

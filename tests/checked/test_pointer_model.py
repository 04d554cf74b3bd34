"""The pointer-model analysis: reasons per function, closure over pointer-carrying calls,
struct choice, ownership facts, and the HACL* sets left entirely in the slice model."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyses import pointer_model
from translator.driver import Options, analyze

SRC = r"""
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct node { int v; struct node *next; };
struct dn { struct dn *prev; struct dn *next; };
typedef struct { int *data; size_t len; } vec;
typedef int (*op)(int, int);

static int add(int a, int b) { return a + b; }
void wipe(void *p, size_t n) { memset(p, 0, n); }
void fill(uint8_t *b, uint32_t n) { for (uint32_t i = 0; i < n; i++) b[i] = (uint8_t)i; }
void use_fill(uint8_t *b) { fill(b, 4); wipe(b, 4); }
uint32_t pure(uint32_t x) { return x * 3u; }
uint32_t calls_pure(uint8_t *b) { b[0] = 1; return pure(b[0]); }
int walk(const int *p, const int *end) { int s = 0; while (p != end) { s += *p; p++; } return s; }
struct node *push(struct node *h, int v) {
  struct node *n = malloc(sizeof(struct node)); n->v = v; n->next = h; return n;
}
void drop(struct node *h) { while (h) { struct node *n = h->next; free(h); h = n; } }
void link2(struct dn *a, struct dn *b) {
  a->next = b; b->prev = a; if (a->prev == b) { a->prev = NULL; }
}
void grow(vec *v) { v->data = realloc(v->data, (v->len + 1) * sizeof(int)); v->len++; }
int apply(op f, int a) { return f(a, a); }
int twice(int a) { return apply(add, a); }
"""


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> pointer_model.ModelFacts:
    d = tmp_path_factory.mktemp("pm")
    (d / "m.c").write_text(SRC)
    a = analyze(Options(sources=[d / "m.c"], out=d / "out"))
    return pointer_model.infer(a.program.functions, a.program.structs)


def test_local_reasons(facts: pointer_model.ModelFacts) -> None:
    assert any("void *" in r for r in facts.reasons("wipe"))
    assert any("reassigned" in r or "increment" in r for r in facts.reasons("walk"))
    assert any("comparison" in r for r in facts.reasons("walk"))
    assert any("function pointer" in r for r in facts.reasons("apply"))
    assert any("function used as a value" in r for r in facts.reasons("twice"))
    assert any("realloc" in r for r in facts.reasons("grow"))


def test_slice_functions_stay(facts: pointer_model.ModelFacts) -> None:
    assert facts.model("fill") == "checked"  # exchanges a pointer with use_fill -> wipe
    assert facts.model("pure") == "slice"  # scalars only: its callers' model does not matter
    assert facts.model("calls_pure") == "slice"
    assert facts.model("add") == "slice"


def test_closure_over_pointer_calls(facts: pointer_model.ModelFacts) -> None:
    assert facts.model("use_fill") == "checked"
    assert "exchanges pointers" in facts.reasons("fill")[0]


def test_structs_and_ownership(facts: pointer_model.ModelFacts) -> None:
    assert "self-referential" in facts.checked_structs["node"]
    assert "dn" in facts.checked_structs
    assert facts.owned_nodes == {"node"}  # dn is compared and doubly linked
    assert facts.grown_arrays["grow"] == {"v->data"}
    assert facts.fn_targets == {"i32(i32, i32)": {"add"}}
    assert facts.model("push") == "checked" and facts.model("drop") == "checked"


def test_fallback_seeds_skip_unfixable() -> None:
    facts = pointer_model.ModelFacts()
    seeds = pointer_model.fallback_seeds(
        {"a": "C2S103 pointer reassignment", "b": "C2S109 SIMD", "c": "C2S110 global"}, facts
    )
    assert set(seeds) == {"a"}


def _hacl_sets():  # type: ignore[no-untyped-def]
    try:
        from corpora.registry import load_corpus

        return load_corpus("hacl-debian").sets
    except Exception:  # noqa: BLE001 - absent corpus: skip
        return None


@pytest.mark.parametrize("set_name", ["cpython-hashes", "nss-portable"])
def test_hacl_sets_stay_in_slice_model(set_name: str, tmp_path: Path) -> None:
    """No HACL* function moves to the checked model (analysis and fallback together)."""
    sets = _hacl_sets()
    if sets is None:
        pytest.skip("corpus hacl-debian not fetched (run `c2safe corpus fetch hacl-debian`)")
    from translator.driver import translate

    tset = sets[set_name]
    flags = {str(s.resolve()): (list(tset.include_dirs), list(tset.defines)) for s in tset.files}
    report = translate(
        Options(sources=list(tset.files), out=tmp_path / "h", file_flags=flags, build=False),
        log=lambda m: None,
    )
    recs = [r for f in report.files for r in f.records]
    assert len(recs) > 100
    assert [r.name for r in recs if r.model != "slice"] == []
    assert not any(d.code == "C2S301" for r in recs for d in r.diagnostics)
    assert not (tmp_path / "h" / "src" / "cptr.rs").exists()

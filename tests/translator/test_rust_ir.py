"""The Rust IR back half in isolation: the printer's precedence, each RIR pass's guarantee,
the source-map markers and the crate manifest."""

from __future__ import annotations

from pathlib import Path

from translator import rust_ir as R
from translator.crate_manifest import CrateSourceMap, load_source_map, save_source_map
from translator.print_rust import extract_markers, print_expr, print_module
from translator.rir_passes import (
    assign_ops,
    dead_stores,
    flatten_blocks,
    infer_mut,
    needless_return,
    rotations,
    simplify_ops,
    unused_bindings,
)

x, y, z = R.Path("x"), R.Path("y"), R.Path("z")


def fn(*stmts: R.Stmt, ret: R.Type | None = None, params: tuple[R.Param, ...] = ()) -> R.Fn:
    return R.Fn("f", params, ret, R.Block(stmts), False, "f")


def module(f: R.Fn) -> R.Module:
    return R.Module("test", (f,))


def body(m: R.Module) -> R.Block:
    f = m.items[0]
    assert isinstance(f, R.Fn)
    return f.body


# ------------------------------------------------------------------ printer


def test_printer_parenthesises_only_where_precedence_needs_it() -> None:
    assert print_expr(R.Binary("*", R.Binary("+", x, y), z)) == "(x + y) * z"
    assert print_expr(R.Binary("+", R.Binary("*", x, y), z)) == "x * y + z"
    assert print_expr(R.Binary("-", x, R.Binary("-", y, z))) == "x - (y - z)"
    assert print_expr(R.Binary("-", R.Binary("-", x, y), z)) == "x - y - z"


def test_printer_clarity_rules_for_bits_casts_and_receivers() -> None:
    rot = R.Binary("|", R.Binary("<<", x, R.Int(26, "")), R.Binary(">>", x, R.Int(6, "")))
    assert print_expr(rot) == "(x << 26) | (x >> 6)"
    assert print_expr(R.Binary("<", R.Cast(x, R.TName("u32")), y)) == "(x as u32) < y"
    assert print_expr(R.MethodCall(R.Int(-5, "i32"), "wrapping_neg")) == "(-5i32).wrapping_neg()"
    assert print_expr(R.Cast(R.Binary("==", x, y), R.TName("u8"))) == "(x == y) as u8"


def test_markers_give_each_function_its_line_range() -> None:
    f = R.Fn("g", (), None, R.Block((R.SourcePos("a.c", 7), R.ExprStmt(R.Call("h")))), True, "g")
    text = print_module(R.Module("doc", (f,)), uses_crate=False)
    clean, sm = extract_markers(text)
    assert "//@c2s" not in clean
    first, last = sm.functions["g"]
    lines = clean.splitlines()
    assert lines[first - 1].startswith("pub fn g(") and lines[last - 1] == "}"
    assert any(c_file == "a.c" and c_line == 7 for _, _, c_file, c_line in sm.ranges)


def test_crate_source_map_round_trips_and_finds_functions(tmp_path: Path) -> None:
    sm = CrateSourceMap({"src/m.rs": [(3, 5, "m.c", 10)]}, {"src/m.rs": {"k@m": (2, 9)}})
    save_source_map(tmp_path, sm)
    back = load_source_map(tmp_path)
    assert back.function_at("src/m.rs", 4) == "k@m"
    assert back.function_at("src/m.rs", 10) is None
    assert back.source_of("src/m.rs", 5) == ("m.c", 10)


# ------------------------------------------------------------------ passes


def test_rotation_becomes_rotate_left_only_at_the_full_width() -> None:
    def rot(ty: str, a: int, b: int) -> R.Expr:
        e = R.Binary(
            "|", R.Binary("<<", x, R.Int(a, ""), ty), R.Binary(">>", x, R.Int(b, ""), ty), ty
        )
        out = body(rotations.run(module(fn(R.ExprStmt(e))))).stmts[0]
        assert isinstance(out, R.ExprStmt)
        return out.expr

    assert rot("u32", 26, 6) == R.MethodCall(x, "rotate_left", (R.Int(26, ""),), "u32")
    assert isinstance(rot("u64", 26, 6), R.Binary)  # 26 + 6 != 64: not a rotation
    assert isinstance(rot("i32", 26, 6), R.Binary)  # arithmetic shift: not a rotation


def test_negated_comparison_is_flipped_on_integers_not_floats() -> None:
    def neg(ty: str | None) -> R.Expr:
        s = R.ExprStmt(R.Unary("!", R.Binary("<", x, y, ty)))
        out = body(simplify_ops.run(module(fn(s)))).stmts[0]
        assert isinstance(out, R.ExprStmt)
        return out.expr

    assert neg("u32") == R.Binary(">=", x, y, "u32")
    assert isinstance(neg(None), R.Unary)  # a float comparison keeps its `!`


def test_compound_assignment() -> None:
    s = R.Assign(x, R.Binary("^", x, y, "u32"))
    assert body(assign_ops.run(module(fn(s)))).stmts[0] == R.Assign(x, y, "^")
    s2 = R.Assign(x, R.Binary("-", y, x, "u32"))  # not commutative: unchanged
    assert body(assign_ops.run(module(fn(s2)))).stmts[0] == s2


def test_mut_is_kept_only_where_needed() -> None:
    arr = R.Let(("a",), True, R.TArray(R.TName("u8"), 4), R.ArrayRepeat(R.Int(0, "u8"), 4))
    ref = R.Let(("r",), True, None, R.Ref(True, R.Index(R.Path("p"), R.Range(None, None))))
    unused = R.Let(("u",), True, R.TName("u32"), R.Int(0, "u32"))
    f = fn(
        arr,
        ref,
        unused,
        R.Assign(R.Index(R.Path("a"), R.Int(0, "usize")), R.Int(1, "u8")),
        R.Assign(R.Index(R.Path("r"), R.Int(0, "usize")), R.Int(1, "u8")),
        R.ExprStmt(R.Call("g", (R.Path("u"),))),
    )
    lets = [s for s in body(infer_mut.run(module(f))).stmts if isinstance(s, R.Let)]
    assert [(s.names[0], s.mut) for s in lets] == [("a", True), ("r", False), ("u", False)]


def test_tail_return_becomes_the_value() -> None:
    f = fn(R.ExprStmt(R.Call("g")), R.Return(x), ret=R.TName("u32"))
    b = body(needless_return.run(module(f)))
    assert b.value == x and not any(isinstance(s, R.Return) for s in b.stmts)


def test_unused_bindings_and_overwritten_initial_values() -> None:
    f = fn(
        R.Let(("t",), True, R.TName("u32"), R.Int(0, "u32")),
        R.Assign(R.Path("t"), R.Call("g")),
        R.Let(("dead",), False, R.TName("u32"), R.Binary("+", y, z, "u32")),
        R.Let(("effect",), False, R.TName("u32"), R.Call("h")),
        R.ExprStmt(R.Call("k", (R.Path("t"),))),
        params=(R.Param("p", R.TName("u32")), R.Param("r#priv", R.TName("u32"))),
    )
    out = unused_bindings.run(module(f)).items[0]
    assert isinstance(out, R.Fn)
    assert out.body.stmts[0] == R.Let(("t",), True, R.TName("u32"), R.Call("g"))
    assert R.Let(("_",), False, None, R.Call("h")) in out.body.stmts  # the call still runs
    assert not any(isinstance(s, R.Let) and s.names == ("dead",) for s in out.body.stmts)
    assert [p.name for p in out.params] == ["_p", "_priv"]  # never `_r#priv`


def test_dead_store_outside_loops_is_dropped_but_its_call_runs() -> None:
    f = fn(
        R.Let(("c",), True, R.TName("u32"), R.Int(0, "u32")),
        R.Assign(R.Path("c"), R.Call("g", (R.Path("c"),))),
        R.Assign(R.Path("c"), R.Call("g", (R.Path("c"),))),
    )
    b = body(dead_stores.run(module(f)))
    assert b.stmts[1] == R.Assign(R.Path("c"), R.Call("g", (R.Path("c"),)))
    assert b.stmts[2] == R.ExprStmt(R.Call("g", (R.Path("c"),)))
    loop = fn(
        R.Let(("c",), True, R.TName("u32"), R.Int(0, "u32")),
        R.Loop(R.Block((R.Assign(R.Path("c"), R.Call("g", (R.Path("c"),))),))),
    )
    assert body(dead_stores.run(module(loop))) == loop.body  # the next iteration reads it


def test_bare_blocks_are_spliced_labeled_ones_kept() -> None:
    inner = R.Block((R.Let(("a",), False, None, x),), R.Call("g", (R.Path("a"),)))
    labeled = R.BlockStmt(R.Block((R.Break("'s1"),), label="'s1"))
    f = fn(R.ExprStmt(R.BlockExpr(inner)), labeled)
    b = body(flatten_blocks.run(module(f)))
    assert b.stmts == (
        R.Let(("a",), False, None, x),
        R.ExprStmt(R.Call("g", (R.Path("a"),))),
        labeled,
    )


def test_default_then_field_stores_become_one_literal() -> None:
    from translator.rir_passes import struct_literals

    s = R.TName("S")
    dflt = R.Call("S::default")

    def run(*fields: str) -> R.Stmt:
        stores = [R.Assign(R.Field(R.Path("v"), f), R.Call("g", (R.Path(f),))) for f in fields]
        f = fn(R.Let(("v",), True, s, dflt), *stores, R.ExprStmt(R.Call("h", (R.Path("v"),))))
        return body(struct_literals.make({"S": ("a", "b")})(module(f))).stmts[0]

    whole = R.StructLit(
        "S", (("b", R.Call("g", (R.Path("b"),))), ("a", R.Call("g", (R.Path("a"),))))
    )
    assert run("b", "a") == R.Let(("v",), True, s, whole)  # assignment order kept
    part = R.StructLit("S", (("a", R.Call("g", (R.Path("a"),))),), dflt)
    assert run("a") == R.Let(("v",), True, s, part)


def test_let_and_return_ends_in_the_value() -> None:
    f = fn(R.Let(("v",), False, None, R.Call("g")), R.Return(R.Path("v")), ret=R.TName("u32"))
    b = body(needless_return.run(module(f)))
    assert b.stmts == () and b.value == R.Call("g")

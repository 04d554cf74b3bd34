"""Prompt assembly: raw C, the diagnostic, the exact signature, crate context, examples,
and repair feedback."""

from __future__ import annotations

from llm.fill.prompt import (
    Feedback,
    PromptLimits,
    Target,
    build_messages,
    context_for,
    crate_items,
)
from llm.fill.retrieval import make_example
from tests.llm_fill.conftest import BUFOPS
from translator.c_source import read_function

MODULE = """\
use crate::*;

#[derive(Clone, Default, Copy, PartialEq, Debug)]
pub struct anon_struct_1 {
    pub count: u32,
    pub inner: Inner,
}

pub struct Inner {
    pub x: u8,
}

pub struct Unrelated {
    pub y: u8,
}

pub static TABLE: [u8; 4] = [1, 2, 3, 4];

pub fn fill_bytes(dst: &mut [u8], len: u32, value: u8) {
    for i in 0u32..len {
        dst[i as usize] = value;
    }
}

pub fn write_tag(out: &mut [u8], len: u32) -> u32 {
    panic!("c2safe: `write_tag` was not translated: C2S103 at bufops.c:63:21")
}
"""


def target(**kw: object) -> Target:
    c_fn = read_function(BUFOPS, "write_tag")
    assert c_fn is not None
    items = crate_items({"bufops": MODULE})
    sig = "pub fn write_tag(out: &mut [u8], len: u32) -> u32"
    callees, types, globals_ = context_for(items, "write_tag", sig, c_fn)
    fields: dict[str, object] = dict(
        name="write_tag",
        module="bufops",
        c_file=str(BUFOPS),
        c_line=c_fn.start_line,
        c_text=c_fn.text,
        c_comment=c_fn.comment,
        signature=sig,
        code="C2S103",
        diagnostic="C2S103 unsupported pointer expression (StrLit) at bufops.c:63:21",
        callees=callees,
        types=types,
        globals=globals_,
        c_function=c_fn,
    )
    fields.update(kw)
    return Target(**fields)  # type: ignore[arg-type]


def test_crate_context() -> None:
    items = crate_items({"bufops": MODULE})
    assert items.stubs == {"write_tag"}
    assert items.fn_sigs["fill_bytes"].startswith("pub fn fill_bytes(dst: &mut [u8], len: u32")
    assert items.globals["TABLE"] == "pub static TABLE: [u8; 4]; // in `bufops`"
    sig = "pub fn check(st: &mut [anon_struct_1]) -> u32"
    _, types, _ = context_for(items, "check", sig, None)
    assert [t.split("{")[0].split()[-1] for t in types] == ["anon_struct_1", "Inner"]


def test_first_round_prompt() -> None:
    example = make_example(
        "fill_bytes",
        "void fill_bytes(uint8_t *dst, uint32_t len, uint8_t value) { }",
        "pub fn fill_bytes(dst: &mut [u8], len: u32, value: u8) {}",
        "rules",
    )
    system, user = build_messages(target(), [example])
    assert system.role == "system" and "unsafe" in system.content
    text = user.content
    order = [
        "## C function `write_tag`",
        "/* Not in the subset: a string literal",
        'const char *tag = "c2s!";',
        "C2S103 unsupported pointer expression (StrLit)",
        "```rust\npub fn write_tag(out: &mut [u8], len: u32) -> u32\n```",
        "pub fn fill_bytes(dst: &mut [u8], len: u32, value: u8); // in `bufops`",
        "### Example 1: `fill_bytes`",
        "Write `write_tag` now",
    ]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    assert "Previous answer" not in text and "previous answer" not in text
    assert build_messages(target(), [example]) == (system, user)  # a pure function


def test_repair_round_shows_numbered_candidate_and_problems() -> None:
    fb = Feedback(
        1,
        "cargo check",
        "pub fn write_tag(out: &mut [u8], len: u32) -> u32 {\n    out[0] = 1u32;\n    4\n}",
        ("line 2: error[E0308]: mismatched types", "line 3: warning-ish"),
    )
    _, user = build_messages(target(), [], fb)
    text = user.content
    assert "(attempt 1) was rejected at: cargo check" in text
    assert "  2 |     out[0] = 1u32;" in text
    assert "- line 2: error[E0308]: mismatched types" in text
    malformed = Feedback(2, "malformed", "I cannot do that", ("no code block",))
    assert "I cannot do that" in build_messages(target(), [], malformed)[1].content


def test_limits_cut_long_text() -> None:
    big = target(c_text="x" * 5000)
    _, user = build_messages(big, [], None, PromptLimits(c_chars=100))
    assert "[cut: 4900 more characters]" in user.content

"""Locating and replacing one function's text; the tokenizer under it."""

from __future__ import annotations

from pathlib import Path

import pytest

from llm.fill.rustlex import LexError, find_fns, normalize_signature, tokenize
from llm.fill.splice import (
    MARKER_PREFIX,
    SpliceError,
    function_text,
    replace_fn,
    signature,
    stub_message,
    write_atomic,
)

MODULE = """\
//! Translated by c2safe from `x.c`.

#[allow(unused_imports)]
use crate::*;

pub static TABLE: [u8; 3] = [1, 2, 3];
const S: Point = Point { x: 0 };

/* block { comment /* nested } */ still comment */
pub fn first(a: &[u8]) -> u32 {
    let s = "} fn target() {";
    let c = '}';
    let r = r#"fn target() { "}"#;
    let l: &'static str = "x";
    target_helper();
    a.len() as u32 // } not a brace
}

pub fn target(out: &mut [u8], len: u32) -> u32 {
    panic!("c2safe: `target` was not translated: C2S103 at x.c:9:3")
}

fn r#type(x: u8) -> u8 {
    x
}

pub fn last() {}
"""


def test_find_functions_ignoring_strings_comments_and_chars() -> None:
    names = [f.name for f in find_fns(MODULE)]
    assert names == ["first", "target", "type", "last"]
    assert signature(MODULE, "target") == "pub fn target(out: &mut [u8], len: u32) -> u32"
    assert function_text(MODULE, "type").startswith("fn r#type(x: u8)")
    assert "C2S103" in (stub_message(MODULE, "target") or "")
    assert stub_message(MODULE, "first") is None
    with pytest.raises(SpliceError):
        function_text(MODULE, "target_helper")


def test_replace_changes_only_that_function() -> None:
    new = "pub fn target(out: &mut [u8], len: u32) -> u32 {\n    out[0] = b'}';\n    4\n}"
    spliced = replace_fn(MODULE, "target", new, f"{MARKER_PREFIX} (m, 2 rounds)")
    before, after = MODULE.split("pub fn target", 1)
    rest = after.split("\n}\n", 1)[1]
    assert spliced.text == before + f"{MARKER_PREFIX} (m, 2 rounds)\n" + new + "\n" + rest
    lines = spliced.text.splitlines()
    assert lines[spliced.start_line - 1] == new.splitlines()[0]
    assert spliced.line_count == 4
    assert spliced.candidate_line(spliced.start_line + 1) == 2
    assert spliced.candidate_line(spliced.start_line - 1) is None
    # filling again replaces the marker instead of stacking a second one
    again = replace_fn(spliced.text, "target", new, f"{MARKER_PREFIX} (m, 1 round)")
    assert again.text.count(MARKER_PREFIX) == 1 and "(m, 1 round)" in again.text


def test_tokens() -> None:
    texts = [t.text for t in tokenize("'a: loop { let c = '\\''; let l: &'a u8; b'x' }")]
    assert texts == [
        "'a",
        ":",
        "loop",
        "{",
        "let",
        "c",
        "=",
        "'\\''",
        ";",
        "let",
        "l",
        ":",
        "&",
        "'a",
        "u8",
        ";",
        "b'x'",
        "}",
    ]
    assert [t.text for t in tokenize('br##"a"#b"## 0..4 x::y -> 1.5f64')] == [
        'br##"a"#b"##',
        "0",
        ".",
        ".",
        "4",
        "x",
        "::",
        "y",
        "->",
        "1.5f64",
    ]
    for bad in ('"open', "/* open", 'r#"open"', "\\"):
        with pytest.raises(LexError):
            tokenize(bad)
    assert normalize_signature("pub fn f(\n  a: u8,\n) -> u8") == "pub fn f ( u8 ) -> u8"
    # parameter bindings are not part of the signature
    assert normalize_signature("fn f(mut _a: &mut [u8], b: (u8, u8))") == normalize_signature(
        "fn f(a: &mut [u8], c: (u8, u8))"
    )


def test_write_atomic(tmp_path: Path) -> None:
    target = tmp_path / "m.rs"
    target.write_text("old")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["m.rs"]

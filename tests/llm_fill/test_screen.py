"""The safety screen and code extraction: untrusted candidates are rejected before cargo."""

from __future__ import annotations

import pytest

from llm.fill.screen import extract_candidate, screen

SIG = "pub fn check_header(hdr: &[u8], len: u32, st: &mut [stats_t]) -> i32"
GOOD = """\
pub fn check_header(hdr: &[u8], len: u32, st: &mut [stats_t]) -> i32 {
    // a comment with unsafe and std::fs and a { brace
    let msg = "unsafe { extern } include_str!(\\"x\\") std::fs";
    let _c = '{';
    if len < 4 {
        return -1;
    }
    'done: {
        if hdr[0] != 0x7f {
            break 'done;
        }
        st[0].count = st[0].count.wrapping_add(1);
    }
    assert!(msg.len() > 0);
    0
}"""


def body(code: str) -> str:
    return SIG + " {\n" + code + "\n}"


def test_good_candidate_passes_and_keeps_only_the_function() -> None:
    result = screen("/// docs\n" + GOOD + "\n", "check_header", SIG)
    assert result.ok, result.reasons
    assert result.function == GOOD


def test_signature_whitespace_and_trailing_comma_are_normalized() -> None:
    spread = GOOD.replace(
        "pub fn check_header(hdr: &[u8], len: u32, st: &mut [stats_t]) -> i32 {",
        "pub fn check_header(\n    hdr: &[u8],\n    len: u32,\n    st: &mut [stats_t],\n)"
        " -> i32\n{",
    )
    assert screen(spread, "check_header", SIG).ok
    assert screen("#[inline]\n" + GOOD, "check_header", SIG).ok


@pytest.mark.parametrize(
    ("candidate", "reason"),
    [
        (body("unsafe { std::ptr::null::<u8>().read() as i32 }"), "unsafe"),
        (
            "pub unsafe fn check_header(hdr: &[u8], len: u32, st: &mut [stats_t]) -> i32 { 0 }",
            "unsafe",
        ),
        (body('extern "C" { fn abs(x: i32) -> i32; }\n0'), "extern"),
        ('extern "C" fn helper() {}\n' + GOOD, "extern"),
        ("#[no_mangle]\n" + GOOD, "no_mangle"),
        ('#[link(name = "c")]\n' + GOOD, "link"),
        (body('let k = include_str!("/etc/passwd"); k.len() as i32'), "include_str!"),
        (body('let k = include_bytes!("/etc/passwd"); k.len() as i32'), "include_bytes!"),
        (body('let k = env!("HOME"); k.len() as i32'), "env!"),
        (body('option_env!("HOME").map(|s| s.len() as i32).unwrap_or(0)'), "option_env!"),
        (body('std::fs::read("x").map(|v| v.len() as i32).unwrap_or(0)'), "`fs` module"),
        (body("use std::{fs, io};\n0"), "`use` of the `fs` module"),
        (body('std::process::Command::new("sh").status().ok(); 0'), "`process` module"),
        (body('let _ = std::net::TcpStream::connect("127.0.0.1:1"); 0'), "`net` module"),
        (body("std::thread::spawn(|| ()); 0"), "`thread` module"),
        (body('let _ = std::env::var("HOME"); 0'), "`env` module"),
        (body("macro_rules! m { () => { 0 } }\nm!()"), "macro_rules!"),
        (body('unsafe { std::arch::asm!("nop"); }\n0'), "inline assembly"),
        (body("static mut N: i32 = 0;\n0"), "static mut"),
        (body('println!("hi"); 0'), "printing"),
        (body("todo!()"), "todo!"),
        (
            body('panic!("c2safe: `check_header` was not translated: C2S107")'),
            "still a c2safe stub",
        ),
        (body("let p: *const u8 = hdr.as_ptr(); 0"), "raw pointer"),
        (body("my_macro!(1)"), "macro `my_macro!`"),
        (GOOD + "\nfn helper() {}", "only the one function"),
        (GOOD + "\nstruct Extra;", "only the one function"),
        (GOOD + "\nimpl stats_t { fn x(&self) {} }", "impl"),
        ("use std::fs;\n" + GOOD, "`use` of the `fs` module"),
        (GOOD.replace("len: u32", "len: usize", 1), "signature changed"),
        (GOOD.replace("pub fn", "fn", 1), "signature changed"),
        (GOOD.replace("-> i32", "-> u32", 1), "signature changed"),
        (GOOD.replace("fn check_header", "fn check_hdr", 1), "must be named `check_header`"),
        (GOOD[:-1], "malformed"),
        (GOOD.replace('std::fs";', "std::fs;"), "malformed"),
        ("", "empty"),
        ("just words", "no `fn check_header`"),
    ],
)
def test_rejected(candidate: str, reason: str) -> None:
    result = screen(candidate, "check_header", SIG)
    assert not result.ok
    assert result.function == ""
    assert reason in result.render(), result.render()


def test_extract_prefers_the_block_defining_the_function() -> None:
    reply = "First a helper:\n```rust\nfn other() {}\n```\nThen:\n```rust\n" + GOOD + "\n```\nDone."
    got = extract_candidate(reply, "check_header")
    assert got.code == GOOD and got.fenced
    plain = extract_candidate("```\n" + GOOD + "\n```", "check_header")
    assert plain.code == GOOD


def test_extract_unfenced_cut_off_and_missing() -> None:
    assert extract_candidate("Sure.\n" + GOOD, "check_header").code == GOOD
    cut = extract_candidate("```rust\n" + GOOD[:40], "check_header")
    assert cut.code is None and "not closed" in cut.problem
    none = extract_candidate("I cannot translate this function.", "check_header")
    assert none.code is None and "no code block" in none.problem
    other = extract_candidate("```python\nprint(1)\n```", "check_header")
    assert other.code is None

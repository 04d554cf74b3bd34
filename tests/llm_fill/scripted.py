"""Scripted model replies for the bufops.c stubs (check_header, write_tag, xor_blocks)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tests.support.openai_stub import StubReply

CH_RIGHT = """Here is the translation:
```rust
pub fn check_header(hdr: &[u8], len: u32, st: &mut [stats_t]) -> i32 {
    let mut rc: i32 = 0;
    'done: {
        if len < 4u32 {
            rc = -1;
            break 'done;
        }
        if hdr[0] != 0x7f {
            rc = -2;
            break 'done;
        }
        st[0].count = st[0].count.wrapping_add(1);
        st[0].total = st[0].total.wrapping_add(len);
    }
    rc
}
```"""
# does not compile: u32 stored into a u8 slice (error on line 8 of the candidate)
WT_COMPILE_ERROR = """```rust
pub fn write_tag(out: &mut [u8], len: u32) -> u32 {
    let tag = b"c2s!";
    if len < 4 {
        return 0;
    }
    fill_bytes(out, len, 0);
    for i in 0..4 {
        out[i] = tag[i] as u32;
    }
    4
}
```"""
# compiles, but forgets the length check: the crate's test catches it
WT_WRONG = """```rust
pub fn write_tag(out: &mut [u8], len: u32) -> u32 {
    let tag = b"c2s!";
    fill_bytes(out, len, 0);
    for i in 0..4 {
        out[i] = tag[i];
    }
    4
}
```"""
WT_RIGHT = """```rust
pub fn write_tag(out: &mut [u8], len: u32) -> u32 {
    let tag = b"c2s!";
    if len < 4 {
        return 0;
    }
    fill_bytes(out, len, 0);
    for i in 0..4 {
        out[i] = tag[i];
    }
    4
}
```"""
XB_MALFORMED = "I am sorry, but pointer arithmetic cannot be expressed in Rust."
XB_UNSAFE = """```rust
pub fn xor_blocks(acc: &mut [u8], data: &[u8], nblocks: u32) {
    let mut p = data.as_ptr();
    for _ in 0..nblocks {
        for i in 0..16 {
            acc[i] ^= unsafe { *p.add(i) };
        }
        p = unsafe { p.add(16) };
    }
}
```"""
XB_RIGHT = """```rust
pub fn xor_blocks(acc: &mut [u8], data: &[u8], nblocks: u32) {
    let mut p: usize = 0;
    for _b in 0..nblocks {
        for i in 0..16usize {
            acc[i] = acc[i] ^ data[p + i];
        }
        p += 16;
    }
}
```"""

_NAME = re.compile(r"## C function `(\w+)`")


def by_function(
    replies: Mapping[str, Sequence[str | StubReply]], default: str = "no code here"
) -> Callable[[dict[str, Any]], str | StubReply]:
    """A stub script answering each function's requests from its own list, in order."""
    queues = {name: list(items) for name, items in replies.items()}

    def script(request: dict[str, Any]) -> str | StubReply:
        users = [m["content"] for m in request["messages"] if m["role"] == "user"]
        m = _NAME.search(users[-1]) if users else None
        queue = queues.get(m.group(1), []) if m else []
        return queue.pop(0) if queue else default

    return script


MAIN_SCRIPT = {
    "check_header": [CH_RIGHT],
    "write_tag": [WT_COMPILE_ERROR, WT_WRONG, WT_RIGHT],
    "xor_blocks": [XB_MALFORMED, XB_UNSAFE, XB_RIGHT],
}

"""The analyses' facts in the prompt: written parameters, extents, callers, aliasing."""

from __future__ import annotations

from pathlib import Path

from llm.fill.facts import facts_for
from llm.fill.prompt import Target, build_messages
from translator.c_source import read_function

C = """#include <stdint.h>
void mix(uint8_t *dst, const uint8_t src[16], uint32_t n)
{
  for (uint32_t i = 0U; i < n; i++) dst[i] ^= src[i];
}
int caller(uint8_t *buf)
{
  uint8_t key[16] = {0};
  mix(buf, key, 16U);
  mix(buf, buf, 8U);
  if (check(buf) != 0) return -1;
  return 0;
}
int check(const uint8_t *b) { return b[0]; }
"""


def test_facts_name_writes_extents_callers_and_aliasing(tmp_path: Path) -> None:
    f = tmp_path / "m.c"
    f.write_text(C)
    mix = read_function(f, "mix", 2)
    caller = read_function(f, "caller", 6)
    check = read_function(f, "check", 14)
    assert mix is not None and caller is not None and check is not None
    sig = "pub fn mix(dst: &mut [u8], src: &[u8], n: u32)"
    facts = facts_for("mix", sig, mix, [mix, caller, check])
    text = "\n".join(facts)
    assert "writes through `dst`" in text and "only reads `src`" in text
    assert "`src` holds 16 elements" in text
    assert "`mix(buf, key, 16U);` (in `caller`)" in text
    assert "passes `buf` as both `dst` and `src`" in text
    tested = facts_for("check", "pub fn check(b: &[u8]) -> i32", check, [caller])
    assert any("callers test its result with != 0" in t for t in tested), tested
    target = Target("mix", "m", str(f), 2, mix.text, "", sig, "C2S107", "why", facts=facts)
    user = build_messages(target, [])[1].content
    assert "## What the analyses know about it" in user and "- writes through `dst`" in user

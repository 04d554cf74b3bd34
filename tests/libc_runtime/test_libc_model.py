"""The call table names real runtime functions with the arity it documents."""

from __future__ import annotations

import re

from translator.emit_crate import LIBC_RUNTIME
from translator.libc_model import LIBC, STREAMS


def test_every_modelled_function_exists_with_its_arity() -> None:
    text = LIBC_RUNTIME.read_text()
    for cname, fn in LIBC.items():
        m = re.search(rf"pub fn {fn.rust}(?:<[^>]*>)?\(([^)]*)\)", text)
        assert m, f"{cname}: no `pub fn {fn.rust}` in the runtime"
        params = [p for p in m.group(1).split(",") if p.strip()]
        # `end` outputs are returned, `...` is one `&[Arg]` parameter
        expected = sum(a != "end" for a in fn.args)
        assert len(params) == expected, (cname, params, fn.args)
    for const in STREAMS.values():
        assert f"pub const {const}: FileRef" in text

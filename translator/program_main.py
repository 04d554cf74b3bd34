"""Programs: a crate whose C defines ``main`` also gets a binary target.

Guarantees: when the program defines ``main`` in a ``.c`` file and its translated
signature is one the wrapper can call (``fn main() -> i32`` or ``fn main()``),
``program_files`` returns ``src/main.rs`` (the binary: it runs the translated ``main``,
flushes the C streams and exits with ``main``'s return value, as a C program does) and
``src/c2safe_libc.rs`` (the libc runtime the wrapper flushes through). The library keeps
the translated ``main`` as an ordinary public function, so tests can call it. Any other
``main`` signature (``argc``/``argv`` the emitter cannot express yet) gets no binary and a
C2S113 warning naming the signature.
"""

from __future__ import annotations

import re

from translator.diagnostics import Diagnostic, warning
from translator.emit_crate import LIBC_RUNTIME

_SIGNATURE = re.compile(r"^pub fn main\(\s*\)\s*(?:->\s*(?P<ret>i32|u32|i64))?\s*$")


def main_rs(crate: str, module: str, ret: str | None) -> str:
    call = f"{crate}::{module}::main()"
    status = (
        f"{{\n        {call};\n        0\n    }}"
        if ret is None
        else call
        if ret == "i32"
        else f"{call} as i32"
    )
    return (
        "//! The program: runs the translated C `main` and exits with its status.\n"
        "\n"
        "#![forbid(unsafe_code)]\n"
        "\n"
        "fn main() {\n"
        f"    let status: i32 = {status};\n"
        f"    {crate}::c2safe_libc::exit_from_main(status);\n"
        "}\n"
    )


def program_files(
    crate: str, module: str | None, signature: str | None, span: object
) -> tuple[dict[str, str], list[Diagnostic]]:
    """The binary's files for a program whose ``main`` lives in ``module`` (``None``: the
    program has no ``main``) with the translated ``signature``."""
    if module is None or signature is None:
        return {}, []
    m = _SIGNATURE.match(signature.strip().rstrip("{").strip())
    if m is None:
        from translator.diagnostics import Span

        sp = span if isinstance(span, Span) else Span("<main>", 0)
        return {}, [
            warning(
                "C2S113",
                f"no binary: the translated `main` has the signature `{signature.strip()}`",
                sp,
                "main",
            )
        ]
    return {
        "src/main.rs": main_rs(crate, module, m["ret"]),
        "src/c2safe_libc.rs": LIBC_RUNTIME.read_text(),
    }, []

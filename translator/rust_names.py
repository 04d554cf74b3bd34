"""Rust identifiers for C names: keywords become raw identifiers, linking keys print
as the C name. Shared by every module that prints or reads generated Rust."""

from __future__ import annotations

RUST_KEYWORDS = {
    "as",
    "break",
    "const",
    "continue",
    "crate",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "async",
    "await",
    "dyn",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "macro",
    "override",
    "priv",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "try",
    "gen",
}


def ident(name: str) -> str:
    name = name.split("@")[0]  # linking keys (``name@file``) print as the C name
    if name in ("self", "Self", "crate", "super"):
        return name + "_"
    return f"r#{name}" if name in RUST_KEYWORDS else name

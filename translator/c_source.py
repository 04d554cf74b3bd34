"""Raw C text of function definitions, read from the original (unpreprocessed) file.

This is the only module that imports ``tree_sitter`` / ``tree_sitter_c``. The translator
itself works on preprocessed text (pycparser); the LLM fill needs what a person wrote:
comments, macros and all. tree-sitter parses the file as it is on disk and recovers from
what it does not understand (unexpanded macros), so a function is found even in a file the
preprocessor has not seen.

Guarantees:
- ``CFunction.text`` is the exact text of the definition, from its first specifier to the
  closing brace of its body, as it is in the file (no preprocessing, no reformatting).
- Functions are found anywhere tree-sitter puts them: at top level, in ``#if``/``#ifdef``
  branches, in ``extern "C" { ... }``. ``CSource.find(name, line)`` prefers the definition
  whose span contains ``line`` when a name is defined more than once (``#if`` branches).
- The structural facts (parameters with pointer/const shapes, return type, type names,
  calls, identifiers) come from the same parse; they are best effort where tree-sitter had to
  recover (``has_errors``), never an exception.
- Parsing is cached per (path, size, mtime), so asking for many functions of one file
  parses it once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import tree_sitter
import tree_sitter_c

_LANGUAGE = tree_sitter.Language(tree_sitter_c.language())

_TYPE_NODES = frozenset({"primitive_type", "type_identifier", "sized_type_specifier"})
_TAGGED = frozenset({"struct_specifier", "union_specifier", "enum_specifier"})
_CONTAINERS = frozenset(
    {
        "translation_unit",
        "preproc_if",
        "preproc_ifdef",
        "preproc_else",
        "preproc_elif",
        "preproc_elifdef",
        "linkage_specification",
        "declaration_list",
    }
)


@dataclass(frozen=True, slots=True)
class CType:
    """The shape of a parameter or return type.

    ``base`` is the declared type without qualifiers (``uint8_t``, ``struct foo``,
    ``unsigned int``); ``pointers`` counts ``*`` and array brackets; ``const_target`` says
    the declaration-level ``const`` applies (to the pointee when ``pointers > 0``)."""

    base: str
    pointers: int = 0
    const_target: bool = False
    array: bool = False
    function_pointer: bool = False

    def render(self) -> str:
        const = "const " if self.const_target else ""
        return f"{const}{self.base}{' ' if self.pointers else ''}{'*' * self.pointers}"


@dataclass(frozen=True, slots=True)
class CParam:
    name: str | None
    type: CType
    text: str


@dataclass(frozen=True, slots=True)
class CFunction:
    """One C function definition as written in its file."""

    name: str
    path: str
    start_line: int  # 1-based, the line of the first specifier
    end_line: int  # 1-based, the line of the closing brace
    text: str
    declaration: str  # the text before the body: specifiers, name, parameters
    comment: str  # the comment block directly above the definition, or ""
    return_type: CType
    params: tuple[CParam, ...]
    variadic: bool
    is_static: bool
    calls: tuple[str, ...]  # called identifiers, in order of first use
    types: tuple[str, ...]  # type names used anywhere in the definition, sorted
    identifiers: tuple[str, ...]  # every identifier occurrence, in order
    has_errors: bool  # tree-sitter recovered from syntax it does not know (e.g. macros)

    def contains(self, line: int) -> bool:
        return self.start_line <= line <= self.end_line

    @property
    def struct_types(self) -> tuple[str, ...]:
        """Named non-primitive types (typedef names and struct/union/enum tags)."""
        return tuple(t for t in self.types if not is_primitive(t))


@dataclass(frozen=True)
class CSource:
    """All function definitions of one C file, in file order."""

    path: str
    functions: tuple[CFunction, ...]

    def named(self, name: str) -> list[CFunction]:
        return [f for f in self.functions if f.name == name]

    def find(self, name: str, line: int | None = None) -> CFunction | None:
        """The definition of ``name``; with ``line``, the one containing it (else nearest)."""
        found = self.named(name)
        if not found:
            return None
        if line is None or len(found) == 1:
            return found[0]
        inside = [f for f in found if f.contains(line)]
        if inside:
            return inside[0]
        return min(found, key=lambda f: abs(f.start_line - line))

    def at_line(self, line: int) -> CFunction | None:
        return next((f for f in self.functions if f.contains(line)), None)


_PRIMITIVES = frozenset(
    {
        "void",
        "char",
        "short",
        "int",
        "long",
        "float",
        "double",
        "signed",
        "unsigned",
        "bool",
        "_Bool",
        "size_t",
        "ssize_t",
        "ptrdiff_t",
        "intptr_t",
        "uintptr_t",
    }
)


def is_primitive(type_name: str) -> bool:
    """True for C's arithmetic types (including the ``<stdint.h>`` names)."""
    words = type_name.split()
    if all(w in _PRIMITIVES for w in words):
        return True
    return len(words) == 1 and (type_name.startswith(("int", "uint")) and type_name.endswith("_t"))


def parse_text(text: str, path: str = "<text>") -> CSource:
    """Parse C text (a whole file or a lone definition) into its function definitions."""
    data = text.encode("utf-8")
    return _parse_bytes(data, path)


def parse_file(path: str | Path) -> CSource:
    """Parse a C file from disk (cached until the file changes)."""
    p = Path(path)
    st = p.stat()
    return _parse_cached(str(p.resolve()), st.st_size, st.st_mtime_ns, str(path))


def read_function(path: str | Path, name: str, line: int | None = None) -> CFunction | None:
    """The raw definition of ``name`` in ``path`` (None if the file or function is missing)."""
    try:
        source = parse_file(path)
    except OSError:
        return None
    return source.find(name.split("@")[0], line)


@functools.lru_cache(maxsize=64)
def _parse_cached(resolved: str, size: int, mtime_ns: int, shown: str) -> CSource:
    del size, mtime_ns  # part of the cache key only
    with open(resolved, "rb") as fh:
        data = fh.read()
    return _parse_bytes(data, shown)


def _parse_bytes(data: bytes, path: str) -> CSource:
    parser = tree_sitter.Parser(_LANGUAGE)
    tree = parser.parse(data)
    functions: list[CFunction] = []
    _collect(tree.root_node, data, path, functions)
    return CSource(path, tuple(functions))


def _collect(node: tree_sitter.Node, data: bytes, path: str, out: list[CFunction]) -> None:
    comments: list[tree_sitter.Node] = []  # the run of comments right before `child`
    for child in node.children:
        if child.type == "function_definition":
            fn = _function(child, comments, data, path)
            if fn is not None:
                out.append(fn)
        elif child.type in _CONTAINERS or (
            child.type == "ERROR" and any(c.type == "function_definition" for c in child.children)
        ):
            _collect(child, data, path, out)
        if child.type == "comment":
            if comments and child.start_point.row - comments[-1].end_point.row > 1:
                comments = []
            comments.append(child)
        else:
            comments = []


def _text(node: tree_sitter.Node | None, data: bytes) -> str:
    if node is None:
        return ""
    return data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")


def _function(
    node: tree_sitter.Node, comments: list[tree_sitter.Node], data: bytes, path: str
) -> CFunction | None:
    declarator = node.child_by_field_name("declarator")
    body = node.child_by_field_name("body")
    if declarator is None or body is None:
        return None
    fdecl, ret_pointers = _function_declarator(declarator)
    if fdecl is None:
        return None
    name = _declared_name(fdecl.child_by_field_name("declarator"), data)
    if name is None:
        return None
    specifiers = [c for c in node.children if c.end_byte <= declarator.start_byte]
    is_static = any(
        c.type == "storage_class_specifier" and _text(c, data) == "static" for c in specifiers
    )
    ret_const = any(c.type == "type_qualifier" and _text(c, data) == "const" for c in specifiers)
    ret_base = _base_name(node.child_by_field_name("type"), data)
    params: list[CParam] = []
    variadic = False
    plist = fdecl.child_by_field_name("parameters")
    for p in plist.named_children if plist is not None else []:
        if p.type == "variadic_parameter":
            variadic = True
        elif p.type == "parameter_declaration":
            param = _param(p, data)
            if param is not None:
                params.append(param)
    calls: list[str] = []
    types: set[str] = set()
    idents: list[str] = []
    has_errors = node.has_error
    for n in _walk(node):
        t = n.type
        if t == "call_expression":
            callee = n.child_by_field_name("function")
            if callee is not None and callee.type == "identifier":
                cname = _text(callee, data)
                if cname not in calls:
                    calls.append(cname)
        elif t in _TYPE_NODES:
            types.add(" ".join(_text(n, data).split()))
        elif t in _TAGGED:
            tag = n.child_by_field_name("name")
            if tag is not None:
                types.add(f"{t.split('_')[0]} {_text(tag, data)}")
        if t in ("identifier", "field_identifier", "type_identifier"):
            idents.append(_text(n, data))
    # "unsigned int" also yields the nested "int": keep the sized form only
    for sized in [
        s for s in types if " " in s and not s.startswith(("struct ", "union ", "enum "))
    ]:
        types.discard(sized.split()[-1])
    return CFunction(
        name=name,
        path=path,
        start_line=node.start_point.row + 1,
        end_line=node.end_point.row + 1,
        text=_text(node, data),
        declaration=" ".join(_text_between(node, body, data).split()),
        comment=_comment_above(node, comments, data),
        return_type=CType(ret_base, ret_pointers, ret_const),
        params=tuple(params),
        variadic=variadic,
        is_static=is_static,
        calls=tuple(calls),
        types=tuple(sorted(types)),
        identifiers=tuple(idents),
        has_errors=has_errors,
    )


def _text_between(node: tree_sitter.Node, body: tree_sitter.Node, data: bytes) -> str:
    return data[node.start_byte : body.start_byte].decode("utf-8", errors="replace")


def _walk(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    out: list[tree_sitter.Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.children))
    return out


def _function_declarator(
    node: tree_sitter.Node,
) -> tuple[tree_sitter.Node | None, int]:
    """Descend through pointer/parenthesized declarators to the function declarator."""
    pointers = 0
    current: tree_sitter.Node | None = node
    while current is not None:
        if current.type == "function_declarator":
            inner = current.child_by_field_name("declarator")
            # `int (*f(void))(int)` returns a function pointer: the outer one is not ours
            if inner is not None and inner.type in ("parenthesized_declarator",):
                deeper, more = _function_declarator(inner)
                if deeper is not None:
                    return deeper, pointers + more
            return current, pointers
        if current.type == "pointer_declarator":
            pointers += 1
            current = current.child_by_field_name("declarator")
        elif current.type == "parenthesized_declarator":
            current = next(
                (c for c in current.named_children if c.type.endswith("declarator")), None
            )
        else:
            return None, pointers
    return None, pointers


def _declared_name(node: tree_sitter.Node | None, data: bytes) -> str | None:
    current = node
    while current is not None:
        if current.type in ("identifier", "field_identifier"):
            return _text(current, data)
        nxt = current.child_by_field_name("declarator")
        if nxt is None:
            nxt = next((c for c in current.named_children if c.type != "type_qualifier"), None)
        current = nxt
    return None


def _base_name(node: tree_sitter.Node | None, data: bytes) -> str:
    if node is None:
        return "int"
    if node.type in _TAGGED:
        tag = node.child_by_field_name("name")
        kind = node.type.split("_")[0]
        return f"{kind} {_text(tag, data)}" if tag is not None else f"{kind} <anonymous>"
    return " ".join(_text(node, data).split())


def _param(node: tree_sitter.Node, data: bytes) -> CParam | None:
    base = _base_name(node.child_by_field_name("type"), data)
    const = any(c.type == "type_qualifier" and _text(c, data) == "const" for c in node.children)
    decl = node.child_by_field_name("declarator")
    if decl is None and base == "void":
        return None  # f(void)
    pointers = 0
    array = False
    fptr = False
    name: str | None = None
    current = decl
    while current is not None:
        t = current.type
        if t in ("identifier", "field_identifier"):
            name = _text(current, data)
            break
        if t in ("pointer_declarator", "abstract_pointer_declarator"):
            pointers += 1
        elif t in ("array_declarator", "abstract_array_declarator"):
            pointers += 1
            array = True
        elif t in ("function_declarator", "abstract_function_declarator"):
            fptr = True
        nxt = current.child_by_field_name("declarator")
        if nxt is None:
            nxt = next(
                (
                    c
                    for c in current.named_children
                    if c.type.endswith("declarator") or c.type == "identifier"
                ),
                None,
            )
        current = nxt
    return CParam(
        name, CType(base, pointers, const, array, fptr), " ".join(_text(node, data).split())
    )


def _comment_above(node: tree_sitter.Node, comments: list[tree_sitter.Node], data: bytes) -> str:
    """The run of comments ending on the line right above the definition."""
    if not comments or node.start_point.row - comments[-1].end_point.row > 1:
        return ""
    return data[comments[0].start_byte : comments[-1].end_byte].decode("utf-8", errors="replace")

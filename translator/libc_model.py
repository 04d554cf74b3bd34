"""How C library calls map onto the libc runtime (``libc_runtime.rs``), as data.

The emitter consults this table for a call to a function that the program declares
(through c2safe's headers) but does not define. Each entry gives the runtime function
and how each C argument is passed:

- ``v``: a scalar, passed as its Rust value;
- ``s``: a C string / read-only buffer, passed as a slice view (``&p[off..]``);
- ``m``: a written buffer, passed as a mutable slice view (``&mut p[off..]``);
- ``f``: a ``FILE *``, passed as ``FileRef`` (``stdin``/``stdout``/``stderr`` are
  ``STDIN``/``STDOUT``/``STDERR``; ``fopen`` returns ``Option<FileRef>``);
- ``...``: the variadic arguments of the ``printf`` family, passed as
  ``&[Arg::Int(..) | Arg::Uint(..) | Arg::Float(..) | Arg::Str(..) | Arg::StrI(..)]``
  after C's default promotions (the signedness of each integer picks ``Int``/``Uint``).

``ret`` says how the result comes back: ``v`` a value; ``off`` an ``Option<usize>``
offset into the first argument (``strchr``, ``strstr``, ``memchr``; ``None`` is
NULL); ``end`` a ``(value, end_offset)`` pair whose offset the C stored through the
``char **end`` argument (``strtol`` family, ``strtod``); ``dst`` the C returned its
first argument (``strcpy``, ``memset``, ...): the emitter uses the place it passed;
``bool`` NULL-or-not (``fgets``); ``opt`` an ``Option`` (``fopen``, ``getenv``).
Functions absent from this table stay refused with C2S105, naming the function.
Guarantee: every name here exists in the runtime with this shape (tested by
``tests/libc_runtime/test_libc_model.py``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LibcFn:
    rust: str  # function in ``crate::c2safe_libc``
    args: tuple[str, ...]
    ret: str


def _fns(spec: str, args: tuple[str, ...], ret: str) -> dict[str, LibcFn]:
    return {n: LibcFn(n, args, ret) for n in spec.split()}


LIBC: dict[str, LibcFn] = {
    # string.h
    **_fns("strlen", ("s",), "v"),
    **_fns("strnlen", ("s", "v"), "v"),
    **_fns("strcmp strcasecmp strspn strcspn", ("s", "s"), "v"),
    **_fns("strncmp strncasecmp", ("s", "s", "v"), "v"),
    **_fns("strcpy strcat", ("m", "s"), "dst"),
    **_fns("strncpy strncat", ("m", "s", "v"), "dst"),
    **_fns("strchr strrchr", ("s", "v"), "off"),
    **_fns("strstr strpbrk", ("s", "s"), "off"),
    **_fns("memchr", ("s", "v", "v"), "off"),
    **_fns("memcmp", ("s", "s", "v"), "v"),
    **_fns("memset", ("m", "v", "v"), "dst"),
    **_fns("strerror", ("v",), "v"),
    # ctype.h
    **_fns(
        "isalnum isalpha isblank iscntrl isdigit isgraph islower isprint ispunct isspace "
        "isupper isxdigit isascii tolower toupper",
        ("v",),
        "v",
    ),
    # stdlib.h
    **_fns("abs labs llabs srand srandom exit", ("v",), "v"),
    **_fns("rand random abort", (), "v"),
    **_fns("atoi atol atoll atof", ("s",), "v"),
    **_fns("strtol strtoll strtoul strtoull", ("s", "end", "v"), "end"),
    **_fns("strtod", ("s", "end"), "end"),
    **_fns("getenv", ("s",), "opt"),
    # math.h
    **_fns(
        "sqrt cbrt fabs floor ceil round trunc rint nearbyint exp exp2 expm1 log log2 log10 "
        "log1p sin cos tan asin acos atan sinh cosh tanh isnan isinf isfinite",
        ("v",),
        "v",
    ),
    **_fns("atan2 pow hypot fmod fmin fmax copysign", ("v", "v"), "v"),
    **_fns("fma", ("v", "v", "v"), "v"),
    **_fns("ldexp", ("v", "v"), "v"),
    # stdio.h
    **_fns("printf", ("s", "..."), "v"),
    **_fns("fprintf", ("f", "s", "..."), "v"),
    **_fns("sprintf", ("m", "s", "..."), "v"),
    **_fns("snprintf", ("m", "v", "s", "..."), "v"),
    **_fns("puts", ("s",), "v"),
    **_fns("fputs", ("s", "f"), "v"),
    **_fns("putchar", ("v",), "v"),
    **_fns("fputc putc ungetc", ("v", "f"), "v"),
    **_fns("getchar", (), "v"),
    **_fns("fgetc getc feof ferror fclose ftell", ("f",), "v"),
    **_fns("clearerr rewind", ("f",), "v"),
    **_fns("fgets", ("m", "v", "f"), "bool"),
    **_fns("fopen", ("s", "s"), "opt"),
    **_fns("fread", ("m", "v", "v", "f"), "v"),
    **_fns("fwrite", ("s", "v", "v", "f"), "v"),
    **_fns("fseek", ("f", "v", "v"), "v"),
    **_fns("perror", ("s",), "v"),
    # time.h
    **_fns("clock", (), "v"),
    **_fns("difftime", ("v", "v"), "v"),
}

# ``time(NULL)`` is ``time()``; ``fflush(f)`` takes ``Option<FileRef>`` (``None`` = all)
LIBC["time"] = LibcFn("time", (), "v")
LIBC["fflush"] = LibcFn("fflush", ("f?",), "v")

STREAMS = {"stdin": "STDIN", "stdout": "STDOUT", "stderr": "STDERR"}

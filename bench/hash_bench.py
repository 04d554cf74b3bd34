"""Throughput of the translated Rust crate against the original HACL* C it came from.

Usage (from the repository root)::

    .venv/bin/python bench/hash_bench.py --crate rust_out/cpython_hacl \\
        [--cpython-dir DIR] [--runs 7] [--size 1048576] [--json out.json]

Two timing drivers hash the same buffer with the same one-shot functions:

* C: the original sources compiled with ``gcc -O2`` (no LTO) and a generated ``main``;
* Rust: a throw-away cargo project depending on the crate by path, ``cargo build --release
  --offline``.

Each driver times itself (``clock_gettime(CLOCK_MONOTONIC)`` / ``std::time::Instant``), so
process start-up is not counted. The first C run of an algorithm picks an iteration count
that makes one timed run last at least ``--min-run-ms``; every run of both drivers then uses
that count. A driver invocation does one warm-up run and ``--runs`` timed runs; C and Rust
invocations alternate ``--rounds`` times and the best run of each side is reported. Both
drivers print the digest of the buffer; the script checks the two agree with each other and
with :mod:`hashlib` before it reports any number.

Algorithms are entries of :data:`SUITES` (see :class:`BenchAlg` and :class:`Suite`); to
benchmark another crate (e.g. ChaCha20/Poly1305/X25519 from NSS) add a suite with its C
files and one ``BenchAlg`` per function.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BUILD_DIR = REPO_ROOT / "build" / "bench"  # /build/ is git-ignored
TARGET_RATIO = 0.95
C_OPT = "-O2"


# --- what can be benchmarked ------------------------------------------------------------


@dataclass(frozen=True)
class BenchAlg:
    """One function to time.

    ``c_call`` / ``rust_call`` are one statement each, run once per iteration, with in scope
    ``buf`` (the input: ``uint8_t *`` / ``&[u8]``), ``len`` (its length, ``uint32_t`` / ``u32``)
    and ``out`` (the output, ``uint8_t *`` / ``&mut [u8]``, ``out_len`` bytes; ``None`` means
    as long as the input, e.g. for a stream cipher). ``c_setup`` / ``rust_setup`` are
    declarations placed before the timing loop (keys, nonces ...); they may use the same
    names. ``reference`` computes the expected output from the input, independently of
    HACL* (``None``: only the C and Rust outputs are compared with each other).
    """

    name: str
    out_len: int | None
    c_call: str
    rust_call: str
    reference: Callable[[bytes], bytes] | None = None
    c_setup: str = ""
    rust_setup: str = ""


@dataclass(frozen=True)
class Suite:
    """A C source set and the crate translated from it.

    ``c_files`` are relative to the suite's C directory, ``include_dirs`` too (``"."`` is the
    directory itself); ``headers`` are included by the C driver. ``locate`` finds the C
    directory when it is not given on the command line (``None`` if absent).
    """

    name: str
    crate_name: str
    c_files: tuple[str, ...]
    include_dirs: tuple[str, ...]
    defines: tuple[str, ...]
    headers: tuple[str, ...]
    algs: tuple[BenchAlg, ...]
    locate: Callable[[], Path | None] = field(default=lambda: None)


def _locate_cpython_hacl() -> Path | None:
    """CPython's Modules/_hacl: the fetched corpus, else $C2SAFE_CPYTHON_HACL."""
    cands = [REPO_ROOT / "corpora" / "_data" / "hacl-debian" / "cpython"]
    if os.environ.get("C2SAFE_CPYTHON_HACL"):
        cands.append(Path(os.environ["C2SAFE_CPYTHON_HACL"]))
    for base in cands:
        for d in (base, base / "Modules" / "_hacl"):
            if (d / "Hacl_Hash_SHA2.c").is_file() and (d / "include").is_dir():
                return d
    return None


def _hashlib(name: str) -> Callable[[bytes], bytes]:
    return lambda data: hashlib.new(name, data).digest()


CPYTHON_HACL = Suite(
    name="cpython",
    crate_name="cpython_hacl",
    c_files=("Hacl_Hash_MD5.c", "Hacl_Hash_SHA1.c", "Hacl_Hash_SHA2.c", "Hacl_Hash_SHA3.c"),
    include_dirs=(".", "include"),
    # No CPython symbol renaming (the crate keeps the Hacl_* names); as CPython builds it.
    defines=("_PYTHON_HACL_NAMESPACES_H", "KRML_UNROLL_MAX=0"),
    headers=("Hacl_Hash_MD5.h", "Hacl_Hash_SHA1.h", "Hacl_Hash_SHA2.h", "Hacl_Hash_SHA3.h"),
    algs=(
        BenchAlg(
            "sha256",
            32,
            "Hacl_Hash_SHA2_hash_256(out, buf, len);",
            "Hacl_Hash_SHA2_hash_256(&mut out[..], &buf[..], len);",
            _hashlib("sha256"),
        ),
        BenchAlg(
            "sha512",
            64,
            "Hacl_Hash_SHA2_hash_512(out, buf, len);",
            "Hacl_Hash_SHA2_hash_512(&mut out[..], &buf[..], len);",
            _hashlib("sha512"),
        ),
        BenchAlg(
            "sha3_256",
            32,
            "Hacl_Hash_SHA3_sha3_256(out, buf, len);",
            "Hacl_Hash_SHA3_sha3_256(&mut out[..], &buf[..], len);",
            _hashlib("sha3_256"),
        ),
        # Not in the default set (see DEFAULT_ALGS), available with --algs.
        BenchAlg(
            "md5",
            16,
            "Hacl_Hash_MD5_hash(out, buf, len);",
            "Hacl_Hash_MD5_hash(&mut out[..], &buf[..], len);",
            _hashlib("md5"),
        ),
        BenchAlg(
            "sha1",
            20,
            "Hacl_Hash_SHA1_hash(out, buf, len);",
            "Hacl_Hash_SHA1_hash(&mut out[..], &buf[..], len);",
            _hashlib("sha1"),
        ),
        BenchAlg(
            "shake128",
            64,
            "Hacl_Hash_SHA3_shake128_hacl(len, buf, 64, out);",
            "Hacl_Hash_SHA3_shake128_hacl(len, &buf[..], 64, &mut out[..]);",
            lambda data: hashlib.shake_128(data).digest(64),
        ),
    ),
    locate=_locate_cpython_hacl,
)


def _locate_nss_hacl() -> Path | None:
    """NSS's lib/freebl/verified from the fetched corpus."""
    d = REPO_ROOT / "corpora" / "_data" / "hacl-debian" / "nss"
    return d if (d / "Hacl_Chacha20.c").is_file() else None


_KEY = "uint8_t key[32]; for (int k = 0; k < 32; k++) key[k] = (uint8_t)(k * 7 + 1);"
_RKEY = "let key: Vec<u8> = (0..32u32).map(|k| (k * 7 + 1) as u8).collect();"

NSS_HACL = Suite(
    name="nss",
    crate_name="nss_hacl",
    c_files=("Hacl_Chacha20.c", "Hacl_Poly1305_32.c", "Hacl_Curve25519_51.c"),
    include_dirs=(".", "internal", "karamel/include", "karamel/krmllib/dist/minimal"),
    defines=("KRML_UNROLL_MAX=0",),
    headers=("Hacl_Chacha20.h", "Hacl_Poly1305_32.h", "Hacl_Curve25519_51.h"),
    algs=(
        BenchAlg(
            "chacha20",
            None,
            "Hacl_Chacha20_chacha20_encrypt(len, out, buf, key, nonce, 1U);",
            "Hacl_Chacha20_chacha20_encrypt(len, &mut out[..], &buf[..], &key, &nonce, 1);",
            None,
            c_setup=_KEY + " uint8_t nonce[12] = { 0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0 };",
            rust_setup=_RKEY + " let nonce: [u8; 12] = [0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0];",
        ),
        BenchAlg(
            "poly1305",
            16,
            "Hacl_Poly1305_32_poly1305_mac(out, len, buf, key);",
            "Hacl_Poly1305_32_poly1305_mac(&mut out[..], len, &buf[..], &key);",
            None,
            c_setup=_KEY,
            rust_setup=_RKEY,
        ),
        # one scalar multiplication per iteration (the buffer's first 32 bytes as the
        # scalar): read the ratio, not the MB/s
        BenchAlg(
            "x25519",
            32,
            "Hacl_Curve25519_51_scalarmult(out, buf, base);",
            "Hacl_Curve25519_51_scalarmult(&mut out[..], &buf[..32], &base);",
            None,
            c_setup="uint8_t base[32] = { 9 };",
            rust_setup="let mut base = [0u8; 32]; base[0] = 9;",
        ),
    ),
    locate=_locate_nss_hacl,
)

SUITES: dict[str, Suite] = {s.name: s for s in (CPYTHON_HACL, NSS_HACL)}
DEFAULT_ALGS = {
    "cpython": ("sha256", "sha512", "sha3_256"),
    "nss": ("chacha20", "poly1305", "x25519"),
}


def make_buffer(size: int) -> bytes:
    """The input both drivers hash: byte i = (i * 31 + 7) mod 256 (the drivers build the
    same bytes themselves)."""
    return bytes((i * 31 + 7) & 0xFF for i in range(size))


# --- driver sources -------------------------------------------------------------------------

C_DRIVER = r"""/* Generated by bench/hash_bench.py: times the original C. */
#define _DEFAULT_SOURCE /* clock_gettime, and le64toh & co. for the krml headers */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
@INCLUDES@

@FUNCS@

typedef void (*run_fn)(uint8_t *, uint32_t, uint8_t *);
typedef struct { const char *name; long out_len; run_fn run; } alg_t;
static const alg_t ALGS[] = {
@TABLE@
};

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t timed(const alg_t *a, uint8_t *buf, uint32_t len, uint8_t *out, uint64_t iters) {
  uint64_t t0 = now_ns();
  for (uint64_t i = 0; i < iters; i++) {
    a->run(buf, len, out);
    __asm__ volatile("" : : "r"(out) : "memory"); /* keep every call */
  }
  return now_ns() - t0;
}

/* usage: driver SIZE RUNS MIN_RUN_MS ITERS ALG...  (ITERS 0: pick it from MIN_RUN_MS) */
int main(int argc, char **argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: %s SIZE RUNS MIN_RUN_MS ITERS ALG...\n", argv[0]);
    return 2;
  }
  uint32_t len = (uint32_t)strtoul(argv[1], NULL, 10);
  int runs = atoi(argv[2]);
  uint64_t min_ns = (uint64_t)strtoull(argv[3], NULL, 10) * 1000000u;
  uint64_t fixed_iters = (uint64_t)strtoull(argv[4], NULL, 10);
  uint8_t *buf = malloc(len ? len : 1);
  for (uint32_t i = 0; i < len; i++) buf[i] = (uint8_t)(i * 31u + 7u);
  for (int k = 5; k < argc; k++) {
    const alg_t *a = NULL;
    for (size_t j = 0; j < sizeof ALGS / sizeof ALGS[0]; j++)
      if (strcmp(ALGS[j].name, argv[k]) == 0) a = &ALGS[j];
    if (!a) { fprintf(stderr, "unknown algorithm %s\n", argv[k]); return 2; }
    size_t out_len = a->out_len < 0 ? len : (size_t)a->out_len;
    uint8_t *out = calloc(out_len ? out_len : 1, 1);
    uint64_t iters = fixed_iters ? fixed_iters : 1;
    while (!fixed_iters && timed(a, buf, len, out, iters) < min_ns && iters < (1ull << 40))
      iters *= 2;
    timed(a, buf, len, out, iters); /* warm-up */
    printf("RESULT alg=%s bytes=%u iters=%llu runs_ns=", a->name, len, (unsigned long long)iters);
    for (int r = 0; r < runs; r++)
      printf("%s%llu", r ? "," : "", (unsigned long long)timed(a, buf, len, out, iters));
    memset(out, 0, out_len);
    a->run(buf, len, out);
    printf(" digest=");
    for (size_t i = 0; i < out_len; i++) printf("%02x", out[i]);
    printf("\n");
    fflush(stdout);
    free(out);
  }
  free(buf);
  return 0;
}
"""

RUST_DRIVER = r"""// Generated by bench/hash_bench.py: times the translated crate.
#![forbid(unsafe_code)]
#![allow(unused_variables, unused_mut, non_snake_case)]
use @CRATE@::*;
use std::hint::black_box;
use std::time::Instant;

@FUNCS@

type Run = fn(&[u8], u32, &mut [u8]);
const ALGS: &[(&str, i64, Run)] = &[
@TABLE@
];

fn timed(run: Run, buf: &[u8], len: u32, out: &mut [u8], iters: u64) -> u64 {
    let t0 = Instant::now();
    for _ in 0..iters {
        run(black_box(buf), black_box(len), black_box(&mut *out));
        black_box(&mut *out);
    }
    t0.elapsed().as_nanos() as u64
}

/// usage: driver SIZE RUNS MIN_RUN_MS ITERS ALG...  (ITERS 0: pick it from MIN_RUN_MS)
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 6 {
        eprintln!("usage: {} SIZE RUNS MIN_RUN_MS ITERS ALG...", args[0]);
        std::process::exit(2);
    }
    let len: u32 = args[1].parse().unwrap();
    let runs: usize = args[2].parse().unwrap();
    let min_ns: u64 = args[3].parse::<u64>().unwrap() * 1_000_000;
    let fixed_iters: u64 = args[4].parse().unwrap();
    let buf: Vec<u8> = (0..len).map(|i| (i.wrapping_mul(31).wrapping_add(7)) as u8).collect();
    for name in &args[5..] {
        let Some(&(_, out_len, run)) = ALGS.iter().find(|a| a.0 == name.as_str()) else {
            eprintln!("unknown algorithm {}", name);
            std::process::exit(2);
        };
        let out_len = if out_len < 0 { len as usize } else { out_len as usize };
        let mut out = vec![0u8; out_len];
        let calibrate = fixed_iters == 0;
        let mut iters: u64 = if calibrate { 1 } else { fixed_iters };
        while calibrate && timed(run, &buf, len, &mut out, iters) < min_ns && iters < (1 << 40) {
            iters *= 2;
        }
        timed(run, &buf, len, &mut out, iters); // warm-up
        let times: Vec<String> =
            (0..runs).map(|_| timed(run, &buf, len, &mut out, iters).to_string()).collect();
        out.iter_mut().for_each(|b| *b = 0);
        run(&buf, len, &mut out);
        let digest: String = out.iter().map(|b| format!("{:02x}", b)).collect();
        println!("RESULT alg={} bytes={} iters={} runs_ns={} digest={}", name, len, iters,
                 times.join(","), digest);
    }
}
"""


def _fill(template: str, **values: str) -> str:
    for key, value in values.items():
        template = template.replace(f"@{key}@", value)
    return template


def c_driver_source(suite: Suite, algs: list[BenchAlg]) -> str:
    """The C timing driver for ``algs``."""
    funcs = []
    table = []
    for a in algs:
        funcs.append(
            f"static void run_{a.name}(uint8_t *buf, uint32_t len, uint8_t *out) {{\n"
            + (f"  {a.c_setup}\n" if a.c_setup else "")
            + f"  {a.c_call}\n}}"
        )
        out_len = -1 if a.out_len is None else a.out_len
        table.append(f'  {{"{a.name}", {out_len}, run_{a.name}}},')
    return _fill(
        C_DRIVER,
        INCLUDES="\n".join(f'#include "{h}"' for h in suite.headers),
        FUNCS="\n\n".join(funcs),
        TABLE="\n".join(table),
    )


def rust_driver_source(suite: Suite, algs: list[BenchAlg]) -> str:
    """The Rust timing driver (``src/main.rs``) for ``algs``."""
    funcs = []
    table = []
    for a in algs:
        funcs.append(
            f"fn run_{a.name}(buf: &[u8], len: u32, out: &mut [u8]) {{\n"
            + (f"    {a.rust_setup}\n" if a.rust_setup else "")
            + f"    {a.rust_call}\n}}"
        )
        out_len = -1 if a.out_len is None else a.out_len
        table.append(f'    ("{a.name}", {out_len}, run_{a.name}),')
    return _fill(
        RUST_DRIVER,
        CRATE=suite.crate_name,
        FUNCS="\n\n".join(funcs),
        TABLE="\n".join(table),
    )


def _toml_value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return str(v)
    return json.dumps(str(v))


def rust_cargo_toml(
    crate_name: str, crate_dir: Path, release_profile: dict[str, object] | None = None
) -> str:
    """Cargo.toml of the throw-away driver project (its own workspace root).

    Cargo applies only the root package's profiles, so the crate's own ``[profile.release]``
    (e.g. ``lto``, ``codegen-units``) is passed in and repeated here to take effect.
    """
    profile = {"debug": False, **(release_profile or {})}
    return (
        "[package]\n"
        f'name = "{crate_name}_bench"\n'
        'version = "0.0.0"\n'
        'edition = "2021"\n'
        "publish = false\n\n"
        "[dependencies]\n"
        f"{crate_name} = {{ path = {json.dumps(str(crate_dir))} }}\n\n"
        "[profile.release]\n"
        + "".join(f"{k} = {_toml_value(v)}\n" for k, v in profile.items())
        + "\n[workspace]\n"
    )


# --- building -----------------------------------------------------------------------------


class BenchError(RuntimeError):
    """A build or run failed; the message says which and shows the tool's output."""


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)  # type: ignore[call-overload]
    if proc.returncode != 0:
        raise BenchError(
            f"command failed ({proc.returncode}): {' '.join(cmd)}\n"
            f"{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}"
        )
    return proc  # type: ignore[no-any-return]


def build_c(
    suite: Suite,
    c_dir: Path,
    algs: list[BenchAlg],
    build_dir: Path,
    opt: str = C_OPT,
    extra_flags: tuple[str, ...] = (),
) -> Path:
    """Compile the C driver and the suite's sources with ``gcc OPT`` (the suite's includes
    and defines, then ``extra_flags``); return the binary. The driver itself must compile
    without warnings (-Wall -Werror)."""
    cc = shutil.which("gcc")
    if cc is None:
        raise BenchError("gcc not found")
    out_dir = build_dir / "c"
    out_dir.mkdir(parents=True, exist_ok=True)
    driver = out_dir / "driver.c"
    driver.write_text(c_driver_source(suite, algs))
    flags = [f"-I{c_dir / d}" for d in suite.include_dirs] + [f"-D{d}" for d in suite.defines]
    flags += extra_flags
    objs = []
    for src in (driver, *(c_dir / f for f in suite.c_files)):
        obj = out_dir / (src.stem + ".o")
        warn = ["-Wall", "-Werror"] if src == driver else []
        _run([cc, opt, *flags, *warn, "-c", str(src), "-o", str(obj)])
        objs.append(str(obj))
    exe = out_dir / "c_bench"
    _run([cc, *objs, "-o", str(exe)])
    return exe


def crate_manifest(crate_dir: Path) -> dict[str, object]:
    """``crate_dir/Cargo.toml``, parsed."""
    manifest = crate_dir / "Cargo.toml"
    if not manifest.is_file():
        raise BenchError(f"no Cargo.toml in {crate_dir}")
    return tomllib.loads(manifest.read_text())


def crate_name_of(crate_dir: Path) -> str:
    """The package name in ``crate_dir/Cargo.toml``."""
    return str(crate_manifest(crate_dir)["package"]["name"])  # type: ignore[index]


def crate_release_profile(crate_dir: Path) -> dict[str, object]:
    """The scalar settings of the crate's ``[profile.release]`` (empty if it has none)."""
    profiles = crate_manifest(crate_dir).get("profile", {})
    release = profiles.get("release", {}) if isinstance(profiles, dict) else {}
    return {k: v for k, v in release.items() if isinstance(v, str | int | float | bool)}


def build_rust(suite: Suite, crate_dir: Path, algs: list[BenchAlg], build_dir: Path) -> Path:
    """Write and ``cargo build --release --offline`` the Rust driver; return the binary."""
    cargo = shutil.which("cargo")
    if cargo is None:
        raise BenchError("cargo not found")
    name = crate_name_of(crate_dir)
    if name != suite.crate_name:
        raise BenchError(f"{crate_dir} is crate {name!r}, expected {suite.crate_name!r}")
    proj = build_dir / "rust"
    (proj / "src").mkdir(parents=True, exist_ok=True)
    for path, text in (
        (
            proj / "Cargo.toml",
            rust_cargo_toml(name, crate_dir.resolve(), crate_release_profile(crate_dir)),
        ),
        (proj / "src" / "main.rs", rust_driver_source(suite, algs)),
    ):
        if not path.exists() or path.read_text() != text:  # keep mtimes: incremental builds
            path.write_text(text)
    env = dict(os.environ, CARGO_TARGET_DIR=str(proj / "target"))
    _run([cargo, "build", "--release", "--offline", "--quiet"], cwd=proj, env=env)
    exe = proj / "target" / "release" / f"{name}_bench"
    if not exe.is_file():
        raise BenchError(f"cargo built no {exe}")
    return exe


# --- running and reporting ------------------------------------------------------------------

RESULT_RE = re.compile(
    r"^RESULT alg=(?P<alg>\w+) bytes=(?P<bytes>\d+) iters=(?P<iters>\d+) "
    r"runs_ns=(?P<runs>[\d,]+) digest=(?P<digest>[0-9a-f]*)$",
    re.M,
)


@dataclass
class Timing:
    """One driver's result for one algorithm."""

    alg: str
    nbytes: int
    iters: int
    runs_ns: list[int]
    digest: str

    @property
    def best_ns(self) -> int:
        """The fastest run."""
        return min(self.runs_ns)

    @property
    def mb_per_s(self) -> float:
        """Throughput of the best run, in MB/s (10^6 bytes per second)."""
        return self.nbytes * self.iters / (self.best_ns / 1e9) / 1e6


def parse_driver_output(text: str) -> dict[str, Timing]:
    """The ``RESULT`` lines of a driver, by algorithm."""
    out = {}
    for m in RESULT_RE.finditer(text):
        out[m["alg"]] = Timing(
            m["alg"],
            int(m["bytes"]),
            int(m["iters"]),
            [int(x) for x in m["runs"].split(",")],
            m["digest"],
        )
    return out


def run_driver(
    exe: Path,
    size: int,
    runs: int,
    min_run_ms: int,
    alg: str,
    iters: int = 0,
    cpu: int | None = None,
) -> Timing:
    """Run a driver binary for one algorithm and parse its result.

    ``iters`` 0 lets the driver pick the iteration count from ``min_run_ms``; ``cpu`` pins
    the process to that CPU with ``taskset``.
    """
    cmd = [str(exe), str(size), str(runs), str(min_run_ms), str(iters), alg]
    if cpu is not None:
        cmd = ["taskset", "-c", str(cpu), *cmd]
    proc = _run(cmd, timeout=3600)
    res = parse_driver_output(proc.stdout)
    if alg not in res:
        raise BenchError(f"{exe} reported no result for {alg}:\n{proc.stdout}")
    return res[alg]


def run_interleaved(
    c_exe: Path,
    rust_exe: Path | None,
    algs: list[str],
    *,
    size: int,
    runs: int,
    rounds: int,
    min_run_ms: int,
    cpu: int | None = None,
    log: Callable[[str], None] = lambda s: None,
) -> tuple[dict[str, Timing], dict[str, Timing] | None]:
    """Alternate C and Rust driver runs, ``rounds`` times per algorithm.

    The first C run picks the iteration count; every later run (C and Rust) uses the same
    one, so both do the same work per timed run. Runs of all rounds are pooled (the report
    uses the best), which keeps a burst of load on a shared machine from favouring one side.
    """
    c_res: dict[str, Timing] = {}
    rust_res: dict[str, Timing] | None = None if rust_exe is None else {}
    for rnd in range(rounds):
        for alg in algs:
            iters = c_res[alg].iters if alg in c_res else 0
            sides: list[tuple[str, Path, dict[str, Timing]]] = [("C", c_exe, c_res)]
            if rust_exe is not None and rust_res is not None:
                sides.append(("Rust", rust_exe, rust_res))
            for side, exe, acc in sides:
                log(f"round {rnd + 1}/{rounds}: {alg} {side}")
                t = run_driver(exe, size, runs, min_run_ms, alg, iters, cpu)
                iters = t.iters
                if alg not in acc:
                    acc[alg] = t
                elif t.digest != acc[alg].digest:
                    raise BenchError(f"{side} {alg}: digest changed between rounds")
                else:
                    acc[alg].runs_ns.extend(t.runs_ns)
    return c_res, rust_res


def tool_version(cmd: list[str]) -> str:
    """First line of ``cmd``'s output, or ``"unknown"``."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def compare(
    algs: list[BenchAlg],
    c: dict[str, Timing],
    rust: dict[str, Timing] | None,
    buffer: bytes,
    target: float,
) -> list[dict[str, object]]:
    """One result row per algorithm: throughputs, ratio, and the digest checks."""
    rows = []
    for a in algs:
        ct = c[a.name]
        rt = rust[a.name] if rust is not None else None
        ref = a.reference(buffer).hex() if a.reference else None
        row: dict[str, object] = {
            "alg": a.name,
            "bytes": ct.nbytes,
            "c_mb_per_s": round(ct.mb_per_s, 1),
            "c_best_ns": ct.best_ns,
            "c_iters": ct.iters,
            "c_runs_ns": ct.runs_ns,
            "digest": ct.digest,
            "c_digest_ok": ref is None or ct.digest == ref,
            "reference_digest": ref,
        }
        if rt is not None:
            ratio = rt.mb_per_s / ct.mb_per_s
            row.update(
                {
                    "rust_mb_per_s": round(rt.mb_per_s, 1),
                    "rust_best_ns": rt.best_ns,
                    "rust_iters": rt.iters,
                    "rust_runs_ns": rt.runs_ns,
                    "rust_digest": rt.digest,
                    "rust_digest_ok": rt.digest == ct.digest and (ref is None or rt.digest == ref),
                    "ratio": round(ratio, 3),
                    "meets_target": ratio >= target,
                }
            )
        rows.append(row)
    return rows


def format_table(rows: list[dict[str, object]], target: float) -> str:
    """A plain-text table of the rows."""
    lines = [
        f"{'algorithm':<10} {'size':>9} {'C MB/s':>9} {'Rust MB/s':>10} {'Rust/C':>7}  check",
        "-" * 60,
    ]
    for r in rows:
        nbytes = int(r["bytes"])  # type: ignore[call-overload]
        size = f"{nbytes / 1048576:g} MiB" if nbytes >= 1048576 else f"{nbytes} B"
        if "ratio" in r:
            ok = r["c_digest_ok"] and r["rust_digest_ok"]
            check = "digest ok" if ok else "DIGEST MISMATCH"
            if ok:
                check += "" if r["meets_target"] else f" (below {target:.2f})"
            rust, ratio = f"{r['rust_mb_per_s']:>10.1f}", f"{r['ratio']:>7.3f}"
        else:
            check = "digest ok" if r["c_digest_ok"] else "DIGEST MISMATCH"
            rust, ratio = f"{'-':>10}", f"{'-':>7}"
        lines.append(f"{r['alg']:<10} {size:>9} {r['c_mb_per_s']:>9.1f} {rust} {ratio}  {check}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build both drivers, run them, print the table (and write JSON); see ``--help``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", choices=sorted(SUITES), default="cpython")
    ap.add_argument("--crate", type=Path, help="the translated crate (dir with Cargo.toml)")
    ap.add_argument(
        "--cpython-dir",
        "--c-dir",
        dest="c_dir",
        type=Path,
        help="the original C sources (default: the fetched corpus or $C2SAFE_CPYTHON_HACL)",
    )
    ap.add_argument("--algs", help="comma-separated algorithms (default: %(default)s)")
    ap.add_argument("--size", type=int, default=1 << 20, help="bytes hashed per call (1 MiB)")
    ap.add_argument("--runs", type=int, default=7, help="timed runs per driver invocation")
    ap.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="times C and Rust are run alternately per algorithm; runs are pooled, best kept",
    )
    ap.add_argument("--cpu", type=int, help="pin both drivers to this CPU (taskset)")
    ap.add_argument("--min-run-ms", type=int, default=200, help="minimum duration of one run")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--c-opt", default=C_OPT, help="gcc optimisation flag (%(default)s)")
    ap.add_argument(
        "--c-flags",
        default="",
        help="extra gcc flags after the suite's, e.g. '-UKRML_UNROLL_MAX' for CPython's own "
        "(unrolled) build configuration",
    )
    ap.add_argument("--build-dir", type=Path, default=DEFAULT_BUILD_DIR)
    ap.add_argument("--c-only", action="store_true", help="time the C alone (no crate needed)")
    ap.add_argument("--target", type=float, default=TARGET_RATIO, help="Rust/C goal")
    ap.add_argument(
        "--require-target",
        action="store_true",
        help="exit 1 when an algorithm's Rust/C ratio is below --target",
    )
    args = ap.parse_args(argv)

    suite = SUITES[args.suite]
    names = args.algs.split(",") if args.algs else list(DEFAULT_ALGS.get(suite.name, ()))
    by_name = {a.name: a for a in suite.algs}
    unknown = [n for n in names if n not in by_name]
    if unknown or not names:
        ap.error(f"unknown algorithm(s) {unknown}; known: {', '.join(by_name)}")
    algs = [by_name[n] for n in names]
    c_dir = args.c_dir or suite.locate()
    if c_dir is None or not all((c_dir / f).is_file() for f in suite.c_files):
        ap.error(f"C sources of suite {suite.name!r} not found ({c_dir}); pass --cpython-dir")
    if not args.c_only and args.crate is None:
        ap.error("--crate is required (or --c-only)")
    if args.cpu is not None and shutil.which("taskset") is None:
        ap.error("--cpu needs taskset (util-linux)")
    if not 0 < args.size < 1 << 32:
        ap.error("--size must fit in a uint32_t")

    build_dir = args.build_dir / suite.name
    try:
        c_flags = tuple(shlex.split(args.c_flags))
        print(f"building C driver (gcc {args.c_opt}) from {c_dir} ...", file=sys.stderr)
        c_exe = build_c(suite, c_dir, algs, build_dir, args.c_opt, c_flags)
        rust_exe = None
        if not args.c_only:
            print(f"building Rust driver (cargo --release) for {args.crate} ...", file=sys.stderr)
            rust_exe = build_rust(suite, args.crate, algs, build_dir)
        c_res, rust_res = run_interleaved(
            c_exe,
            rust_exe,
            names,
            size=args.size,
            runs=args.runs,
            rounds=args.rounds,
            min_run_ms=args.min_run_ms,
            cpu=args.cpu,
            log=lambda s: print(s, file=sys.stderr),
        )
    except BenchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    rows = compare(algs, c_res, rust_res, make_buffer(args.size), args.target)
    c_desc = " ".join([args.c_opt, *(f"-D{d}" for d in suite.defines), *shlex.split(args.c_flags)])
    print(f"C:    gcc {c_desc}  ({c_dir})")
    if not args.c_only:
        profile = crate_release_profile(args.crate)
        prof = ", ".join(f"{k}={_toml_value(v)}" for k, v in profile.items())
        print(f"Rust: cargo --release{f' ({prof})' if prof else ''}  ({args.crate})")
    print(f"best of {args.runs} x {args.rounds} runs per side, MB = 10^6 bytes\n")
    print(format_table(rows, args.target))
    digests_ok = all(r["c_digest_ok"] and r.get("rust_digest_ok", True) for r in rows)
    below = [r["alg"] for r in rows if r.get("meets_target") is False]
    if rust_res is not None:
        verdict = f"below for {below}" if below else "met"
        print(f"\ntarget Rust/C >= {args.target:.2f}: {verdict}")
    if args.json:
        report = {
            "suite": suite.name,
            "buffer_bytes": args.size,
            "runs": args.runs,
            "rounds": args.rounds,
            "min_run_ms": args.min_run_ms,
            "target_ratio": args.target,
            "c": {
                "dir": str(c_dir),
                "compiler": tool_version(["gcc", "--version"]),
                "flags": [
                    args.c_opt,
                    *(f"-D{d}" for d in suite.defines),
                    *shlex.split(args.c_flags),
                ],
            },
            "rust": None
            if args.c_only
            else {
                "crate": str(args.crate),
                "rustc": tool_version(["rustc", "--version"]),
                "profile": "release",
                "profile_settings": crate_release_profile(args.crate),
            },
            "host": {
                "machine": platform.machine(),
                "cpus": os.cpu_count(),
                "system": platform.platform(),
            },
            "results": rows,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    if not digests_ok:
        print("error: digests disagree (see table)", file=sys.stderr)
        return 1
    if below and args.require_target:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

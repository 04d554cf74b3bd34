"""Monocypher's BLAKE2b through the checked model against the same C built by gcc, one run.

Usage (from the repository root)::

    .venv/bin/python bench/monocypher_bench.py [--size 1048576] [--iters 20] [--runs 3]

The C is fetched like the known-answer test does (``tests/checked/monocypher_src.py``:
pymonocypher's sdist from PyPI through pip, sha256-pinned). Both drivers hash the same
buffer ``--iters`` times with ``crypto_blake2b``; time is the child's CPU time (best of
``--runs``, alternating C and Rust); the digests must agree. Reports MB/s and Rust/C.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build" / "bench-monocypher"

C_DRIVER = r"""#include <stdio.h>
#include <stdlib.h>
#include "monocypher.h"
int main(int argc, char **argv) {
  size_t len = (size_t)atol(argv[1]);
  long iters = atol(argv[2]);
  uint8_t *buf = malloc(len), out[64];
  for (size_t i = 0; i < len; i++) buf[i] = (uint8_t)(31u * i + 7u);
  unsigned acc = 0;
  for (long k = 0; k < iters; k++) {
    buf[0] = (uint8_t)k;
    crypto_blake2b(out, 64, buf, len);
    acc = acc * 31u + out[0];
  }
  printf("%u\n", acc);
  return 0;
}
"""

RUST_DRIVER = """use mono_bench::cptr::Ptr;
use mono_bench::*;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let len: usize = a[1].parse().unwrap();
    let iters: u64 = a[2].parse().unwrap();
    let buf = Ptr::malloc(len);
    for i in 0..len {
        buf.wr::<u8>(i as isize, (31usize.wrapping_mul(i) + 7) as u8);
    }
    let out = Ptr::malloc(64);
    let mut acc = 0u32;
    for k in 0..iters {
        buf.wr::<u8>(0, k as u8);
        crypto_blake2b(out.clone(), 64, buf.clone(), len);
        acc = acc.wrapping_mul(31).wrapping_add(out.rd::<u8>(0) as u32);
    }
    println!("{}", acc);
}
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1 << 20)
    ap.add_argument("--iters", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "bench"))
    from checked_bench import cpu_run  # type: ignore[import-not-found]

    from tests.checked.monocypher_src import fetch
    from translator.driver import Options, translate

    src = fetch()
    if src is None:
        print("Monocypher could not be fetched")
        return 2
    BUILD.mkdir(parents=True, exist_ok=True)
    crate = BUILD / "mono_bench"
    report = translate(
        Options(sources=[src / "monocypher.c"], out=crate, name="mono_bench", build=False),
        log=lambda m: None,
    )
    recs = [r for f in report.files for r in f.records]
    checked = sum(r.model == "checked" for r in recs)
    subprocess.run(
        [
            "gcc",
            "-O2",
            "-I",
            str(src),
            "-o",
            str(BUILD / "c_driver"),
            str(src / "monocypher.c"),
            "-x",
            "c",
            "-",
        ],
        input=C_DRIVER,
        text=True,
        check=True,
    )
    drv = BUILD / "rust_driver"
    (drv / "src").mkdir(parents=True, exist_ok=True)
    (drv / "Cargo.toml").write_text(
        '[package]\nname = "rust_driver"\nversion = "0.1.0"\nedition = "2021"\n\n'
        f'[dependencies]\nmono_bench = {{ path = "{crate}" }}\n\n'
        "[profile.release]\ncodegen-units = 1\nlto = true\n"
    )
    (drv / "src" / "main.rs").write_text(RUST_DRIVER)
    subprocess.run(["cargo", "build", "--release", "--offline", "-q"], cwd=drv, check=True)
    exes = {"c": str(BUILD / "c_driver"), "rust": str(drv / "target" / "release" / "rust_driver")}
    best: dict[str, float] = {}
    outs: set[str] = set()
    for _ in range(args.runs):
        for side, exe in exes.items():
            t, out = cpu_run([exe, str(args.size), str(args.iters)])
            best[side] = min(best.get(side, t), t)
            outs.add(out)
    if len(outs) != 1:
        print(f"digest mismatch: {outs}")
        return 1
    mb = args.size * args.iters / 1e6
    print(f"monocypher: {len(recs)} functions, {checked} checked, {len(recs) - checked} slice")
    print(f"crypto_blake2b, best CPU time of {args.runs}, {args.iters} x {args.size} bytes")
    print(
        f"C {mb / best['c']:.1f} MB/s, Rust {mb / best['rust']:.1f} MB/s, "
        f"Rust/C {best['c'] / best['rust']:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

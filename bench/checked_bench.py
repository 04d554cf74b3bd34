"""Cost of the checked-pointer fallback: one hash in both models against gcc, one run.

Usage (from the repository root)::

    .venv/bin/python bench/checked_bench.py [--size 1048576] [--iters 200] [--runs 5]

``bench/fallback/fnv.c`` holds FNV-1a twice: ``fnv_index`` reads ``buf[i]`` (the slice
model: ``&[u8]``) and ``fnv_walk`` walks ``*buf++`` up to an end pointer (the checked model:
``crate::cptr::Ptr``). The script translates the file, checks which model each function got,
builds a C driver (``gcc -O2``) and a Rust driver (``cargo --release``) that hash the same
buffer ``--iters`` times, and runs them alternately ``--runs`` times. Time is the child
process's CPU time (user + system, from ``wait4``), best run per side; both drivers print
the hash, which must agree. Reported: MB/s per side and the Rust/C ratio per model, plus
checked/slice.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "bench" / "fallback" / "fnv.c"
BUILD = REPO / "build" / "bench-checked"

C_DRIVER = """#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
uint32_t fnv_index(const uint8_t *buf, uint32_t len);
uint32_t fnv_walk(const uint8_t *buf, uint32_t len);
int main(int argc, char **argv) {
  uint32_t len = (uint32_t)atol(argv[2]);
  long iters = atol(argv[3]);
  uint8_t *buf = malloc(len);
  for (uint32_t i = 0; i < len; i++) buf[i] = (uint8_t)(31u * i + 7u);
  uint32_t acc = 0;
  for (long k = 0; k < iters; k++) {
    buf[0] = (uint8_t)k;
    acc ^= strcmp(argv[1], "walk") == 0 ? fnv_walk(buf, len) : fnv_index(buf, len);
  }
  printf("%u\\n", acc);
  return 0;
}
"""

RUST_DRIVER = """use fnv_bench::cptr::Ptr;
use fnv_bench::*;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let len: u32 = a[2].parse().unwrap();
    let iters: u64 = a[3].parse().unwrap();
    let mut buf: Vec<u8> = (0..len).map(|i| (31u32.wrapping_mul(i) + 7) as u8).collect();
    let p = Ptr::from_slice(&buf);
    let mut acc = 0u32;
    for k in 0..iters {
        if a[1] == "walk" {
            p.wr::<u8>(0, k as u8);
            acc ^= fnv_walk(p.clone(), len);
        } else {
            buf[0] = k as u8;
            acc ^= fnv_index(&buf, len);
        }
    }
    println!("{}", acc);
}
"""


def cpu_run(cmd: list[str]) -> tuple[float, str]:
    """Run ``cmd``; return its CPU seconds (user + system) and stdout."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        os.dup2(w, 1)
        os.execvp(cmd[0], cmd)
    os.close(w)
    with os.fdopen(r) as f:
        out = f.read()
    _, status, ru = os.wait4(pid, 0)
    if status != 0:
        raise SystemExit(f"{cmd} failed with status {status}")
    return ru.ru_utime + ru.ru_stime, out.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1 << 20)
    ap.add_argument("--iters", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    from translator.driver import Options, translate

    BUILD.mkdir(parents=True, exist_ok=True)
    crate = BUILD / "fnv_bench"
    report = translate(
        Options(sources=[SRC], out=crate, name="fnv_bench", build=False), log=lambda m: None
    )
    models = {r.name: r.model for f in report.files for r in f.records}
    assert models == {"fnv_index": "slice", "fnv_walk": "checked"}, models
    subprocess.run(
        ["gcc", "-O2", "-o", str(BUILD / "c_driver"), str(SRC), "-x", "c", "-"],
        input=C_DRIVER,
        text=True,
        check=True,
    )
    drv = BUILD / "rust_driver"
    (drv / "src").mkdir(parents=True, exist_ok=True)
    (drv / "Cargo.toml").write_text(
        '[package]\nname = "rust_driver"\nversion = "0.1.0"\nedition = "2021"\n\n'
        f'[dependencies]\nfnv_bench = {{ path = "{crate}" }}\n\n'
        "[profile.release]\ncodegen-units = 1\nlto = true\n"
    )
    (drv / "src" / "main.rs").write_text(RUST_DRIVER)
    subprocess.run(["cargo", "build", "--release", "--offline", "-q"], cwd=drv, check=True)
    rust_exe = str(drv / "target" / "release" / "rust_driver")
    c_exe = str(BUILD / "c_driver")
    best: dict[str, float] = {}
    outs: dict[str, set[str]] = {"index": set(), "walk": set()}
    for _ in range(args.runs):
        for side, exe in (("c", c_exe), ("rust", rust_exe)):
            for fn in ("index", "walk"):
                t, out = cpu_run([exe, fn, str(args.size), str(args.iters)])
                key = f"{side}_{fn}"
                best[key] = min(best.get(key, t), t)
                outs[fn].add(out)
    for fn, vals in outs.items():
        if len(vals) != 1:
            print(f"hash mismatch for {fn}: {vals}")
            return 1
    mb = args.size * args.iters / 1e6
    rows = []
    for fn, model in (("index", "slice"), ("walk", "checked")):
        c, r = best[f"c_{fn}"], best[f"rust_{fn}"]
        rows.append((f"fnv_{fn}", model, mb / c, mb / r, c / r))
    print(f"best CPU time of {args.runs} runs, {args.iters} x {args.size} bytes, MB = 10^6 B")
    print(f"{'function':<10} {'model':<8} {'C MB/s':>9} {'Rust MB/s':>10} {'Rust/C':>7}")
    for name, model, cm, rm, ratio in rows:
        print(f"{name:<10} {model:<8} {cm:9.1f} {rm:10.1f} {ratio:7.3f}")
    slowdown = best["rust_walk"] / best["rust_index"]
    print(f"checked/slice Rust time: {slowdown:.2f}x")
    if args.json:
        args.json.write_text(json.dumps({"best_cpu_s": best, "rows": rows}, indent=2))
    shutil.rmtree(drv / "target" / "release" / "incremental", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Smoke tests of ``bench/hash_bench.py``: driver generation, parsing, the C driver itself.

The C driver is built and run on a small buffer (skipped without gcc or the C sources);
the Rust side needs a translated crate and is exercised by running the script by hand.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from . import hacl_c

BENCH_PATH = hacl_c.REPO_ROOT / "bench" / "hash_bench.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("c2safe_hash_bench", BENCH_PATH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up by name
    spec.loader.exec_module(mod)
    return mod


def test_driver_sources_name_every_alg(bench: ModuleType) -> None:
    suite = bench.SUITES["cpython"]
    algs = list(suite.algs)
    c_src = bench.c_driver_source(suite, algs)
    rs_src = bench.rust_driver_source(suite, algs)
    assert "@" not in c_src.replace("@GENERATED", "") and "@" not in rs_src
    for a in algs:
        assert a.c_call in c_src and f"run_{a.name}" in c_src
        assert a.rust_call in rs_src and f'("{a.name}",' in rs_src
    assert "use cpython_hacl::*;" in rs_src and "#![forbid(unsafe_code)]" in rs_src
    toml = bench.rust_cargo_toml("cpython_hacl", Path("/x/y"))
    assert 'cpython_hacl = { path = "/x/y" }' in toml and "[workspace]" in toml
    assert set(bench.DEFAULT_ALGS["cpython"]) <= {a.name for a in algs}


def test_parse_compare_and_table(bench: ModuleType) -> None:
    buf = bench.make_buffer(1000)
    alg = next(a for a in bench.SUITES["cpython"].algs if a.name == "sha256")
    digest = alg.reference(buf).hex()
    c = bench.parse_driver_output(
        f"RESULT alg=sha256 bytes=1000 iters=10 runs_ns=2000,1000 digest={digest}\n"
    )
    rust = bench.parse_driver_output(
        f"noise\nRESULT alg=sha256 bytes=1000 iters=10 runs_ns=1250 digest={digest}\n"
    )
    assert c["sha256"].best_ns == 1000 and c["sha256"].mb_per_s == pytest.approx(10000.0)
    [row] = bench.compare([alg], c, rust, buf, 0.95)
    assert row["ratio"] == pytest.approx(0.8) and row["meets_target"] is False
    assert row["c_digest_ok"] and row["rust_digest_ok"]
    table = bench.format_table([row], 0.95)
    assert "sha256" in table and "0.800" in table and "below 0.95" in table
    bad = bench.parse_driver_output(
        "RESULT alg=sha256 bytes=1000 iters=10 runs_ns=1250 digest=00\n"
    )
    [row] = bench.compare([alg], c, bad, buf, 0.95)
    assert row["rust_digest_ok"] is False and "MISMATCH" in bench.format_table([row], 0.95)


def test_c_driver_runs_and_matches_hashlib(bench: ModuleType, tmp_path: Path) -> None:
    if hacl_c.gcc() is None:
        pytest.skip("gcc not installed")
    hacl_dir, reason = hacl_c.find_cpython_hacl()
    if hacl_dir is None:
        pytest.skip(reason)
    suite = bench.SUITES["cpython"]
    algs = list(suite.algs)
    exe = bench.build_c(suite, hacl_dir, algs, tmp_path)
    names = [a.name for a in algs]
    c_res, rust_res = bench.run_interleaved(
        exe, None, names, size=4099, runs=2, rounds=2, min_run_ms=1
    )
    assert rust_res is None
    rows = bench.compare(algs, c_res, None, bench.make_buffer(4099), 0.95)
    assert all(r["c_digest_ok"] for r in rows), rows
    assert all(len(c_res[n].runs_ns) == 4 and c_res[n].iters >= 1 for n in names)

"""``c2safe batch``: parallel trees, per-tree results stored as they finish, resumption
after an interruption, skipping unchanged trees, errors recorded without stopping the
batch, the reports, and the Ray executor in Ray's local mode."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from translator import batch
from translator.cli import main

PROGRAMS = Path(__file__).resolve().parents[1] / "programs"
BIN = Path(sys.executable).parent
STABLE = ("name", "status", "functions", "translated", "stubbed", "copies", "unsafe", "built")


def _manifest(tmp: Path, n: int = 4, build: bool = False, difftest: int = 0) -> Path:
    if shutil.which("gcc") is None or shutil.which("rustfmt") is None:
        pytest.skip("gcc or rustfmt not on PATH")
    src = tmp / "src"
    src.mkdir(exist_ok=True)
    progs = sorted(PROGRAMS.glob("*.c"))[:n]
    lines = [f'[batch]\nout = "out"\nbuild = {str(build).lower()}\ndifftest = {difftest}\n']
    for p in progs:
        shutil.copy(p, src / p.name)
        lines.append(f'[[tree]]\nname = "{p.stem}"\nsources = ["src/{p.name}"]\n')
    lines.append('[[tree]]\nname = "missing"\nsources = ["src/no_such_file.c"]\n')
    m = tmp / "batch.toml"
    m.write_text("\n".join(lines))
    return m


def _stable(results: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [tuple(r.get(k) for k in STABLE) for r in results]


def test_batch_runs_every_tree_and_records_errors(tmp_path: Path) -> None:
    spec = batch.load_manifest(_manifest(tmp_path))
    res = batch.run_batch(spec, jobs=2)
    names = [r["name"] for r in res.results]
    assert names == [t.name for t in spec.trees]
    by = {r["name"]: r for r in res.results}
    assert by["missing"]["status"] == "failed"
    assert "C2S001" in by["missing"]["errors"][0] and "no_such_file.c" in by["missing"]["errors"][0]
    assert all(by[n]["status"] == "ok" and by[n]["functions"] > 0 for n in names[:-1])
    for n in names:
        assert json.loads(batch.result_path(spec, n).read_text())["name"] == n
    j, h = batch.write_reports(res)
    data = json.loads(j.read_text())
    assert data["ok"] is False and len(data["trees"]) == len(names)
    page = h.read_text()
    assert page.startswith("<!doctype html>") and all(n in page for n in names)
    table = batch.format_table(res.results)
    assert table.splitlines()[0].split()[:3] == ["tree", "status", "functions"]
    assert f"{len(names) - 1}/{len(names)} ok" in table


def test_unchanged_trees_are_skipped_and_a_change_reruns_one(tmp_path: Path) -> None:
    m = _manifest(tmp_path, n=3)
    spec = batch.load_manifest(m)
    first = batch.run_batch(spec, jobs=1)
    again = batch.run_batch(batch.load_manifest(m), jobs=1)
    assert again.ran == [] and len(again.skipped) == len(spec.trees)
    assert _stable(again.results) == _stable(first.results)
    changed = spec.trees[0]
    src = Path(changed.sources[0])
    src.write_text(src.read_text() + "\nint batch_extra(int x) { return x + 2; }\n")
    third = batch.run_batch(batch.load_manifest(m), jobs=1)
    assert third.ran == [changed.name]
    assert third.results[0]["functions"] == first.results[0]["functions"] + 1


def test_parallel_equals_sequential(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = batch.run_batch(batch.load_manifest(_manifest(tmp_path / "a")), jobs=1)
    b = batch.run_batch(batch.load_manifest(_manifest(tmp_path / "b")), jobs=2)
    assert _stable(a.results) == _stable(b.results)


@pytest.mark.parametrize(
    ("jobs", "sig"), [("1", signal.SIGINT), ("2", signal.SIGINT), ("2", signal.SIGTERM)]
)
def test_interrupted_batch_resumes(tmp_path: Path, jobs: str, sig: int) -> None:
    m = _manifest(tmp_path, n=6)
    spec = batch.load_manifest(m)
    results = spec.out / batch.STATE / "results"
    env = dict(os.environ, C2SAFE_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.Popen(
        [str(BIN / "c2safe"), "batch", str(m), "--jobs", jobs],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (results.is_dir() and any(results.glob("*.json"))):
        time.sleep(0.02)
    # Ctrl-C reaches the whole process group; a cancelled CI job sends SIGTERM
    os.killpg(proc.pid, sig) if sig == signal.SIGINT else proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and b"interrupted" in err
    done_before = {p.stem for p in results.glob("*.json")}
    assert 1 <= len(done_before) < len(spec.trees), "the batch was not interrupted halfway"
    out = subprocess.run(
        [str(BIN / "c2safe"), "batch", str(m), "--jobs", "1"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1  # the `missing` tree fails
    report = json.loads((spec.out / batch.REPORT_JSON).read_text())
    assert set(report["skipped"]) == done_before
    assert set(report["ran"]) == {t.name for t in spec.trees} - done_before
    full = batch.run_batch(batch.load_manifest(m), jobs=1, force=True)
    assert _stable(report["trees"]) == _stable(full.results)


def test_build_and_difftest_one_tree(tmp_path: Path) -> None:
    if shutil.which("cargo") is None:
        pytest.skip("cargo not on PATH")
    spec = batch.load_manifest(_manifest(tmp_path, n=1, build=True, difftest=4))
    spec.trees = spec.trees[:1]
    res = batch.run_batch(spec, jobs=1)
    r = res.results[0]
    assert r["built"] is True and r["status"] == "ok", r
    assert r["difftest"] is not None and r["difftest"]["cases"] > 0


def test_manifest_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[tree]]\nname = "x"\n')
    assert main(["batch", str(bad)]) == 2
    bad.write_text('[[tree]]\nname = "x"\nsources = ["a.c"]\ncolour = 1\n')
    assert main(["batch", str(bad)]) == 2
    bad.write_text("[batch]\n")
    assert main(["batch", str(bad)]) == 2
    assert main(["batch", str(tmp_path / "none.toml")]) == 2


def test_unknown_corpus_set_is_a_tree_error(tmp_path: Path) -> None:
    m = tmp_path / "m.toml"
    m.write_text('[batch]\nbuild = false\n[[tree]]\nname = "x"\nsets = ["no-such-corpus:s"]\n')
    res = batch.run_batch(batch.load_manifest(m), jobs=1)
    assert res.results[0]["status"] == "error" and "no-such-corpus" in res.results[0]["error"]


def test_ray_local_mode_gives_the_same_results(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray", reason="Ray is an optional extra (pip install c2safe[ray])")
    m = _manifest(tmp_path, n=3)
    local = batch.run_batch(batch.load_manifest(m), jobs=1, force=True)
    # Ray 2.60 removed `local_mode`: a single-node Ray started here is the local form
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    try:
        remote = batch.run_batch(batch.load_manifest(m), executor="ray", force=True)
    finally:
        ray.shutdown()
    assert _stable(remote.results) == _stable(local.results)
    assert sorted(remote.ran) == sorted(t.name for t in batch.load_manifest(m).trees)


def test_example_manifest_loads() -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "batch" / "hacl-debian.toml"
    spec = batch.load_manifest(example)
    names = [t.name for t in spec.trees]
    assert names[:4] == ["cpython-hashes", "cpython-sha2", "nss-portable", "nss-simd"]
    assert spec.trees[0].crate == "cpython_hacl" and spec.build and spec.difftest == 8

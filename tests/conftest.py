"""Shared fixtures: translated self-checking programs, the golden-update switch."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROGRAMS = REPO / "tests" / "programs"
GOLDEN = REPO / "tests" / "golden"

RUST_MAIN = """use {crate}::*;

fn main() {{
    let mut out = [0u64; 64];
    c2safe_test(&mut out);
    for v in out.iter() {{
        println!("{{}}", v);
    }}
}}
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/*.rs")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return (
        bool(request.config.getoption("--update-goldens"))
        or os.environ.get("C2SAFE_UPDATE_GOLDENS") == "1"
    )


@pytest.fixture(scope="session")
def cargo_target(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One shared cargo target dir keeps the many small test crates fast."""
    return tmp_path_factory.mktemp("cargo-target")


def have_toolchain() -> bool:
    return all(shutil.which(t) for t in ("gcc", "cargo", "rustfmt"))

"""Fixtures for the LLM fill tests: the scripted OpenAI stub, a translated crate with stubs,
and a private cache/config home so no test reads or writes the user's real cache."""

from __future__ import annotations

import copy
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the suite runs without installing the project
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from tests.support.openai_stub import openai_stub  # noqa: E402,F401
from translator.driver import Options, Report, translate  # noqa: E402

DATA = Path(__file__).parent / "data"
BUFOPS = DATA / "bufops.c"
BUFOPS_TEST = DATA / "bufops_test.rs"
CRATE = "bufops_crate"


def have_toolchain() -> bool:
    return all(shutil.which(t) for t in ("cargo", "rustfmt"))


needs_cargo = pytest.mark.skipif(not have_toolchain(), reason="cargo/rustfmt not on PATH")


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    for var in (
        "C2SAFE_LLM_BASE_URL",
        "C2SAFE_LLM_MODEL",
        "C2SAFE_LLM_CONFIG",
        "C2SAFE_LLM_API_KEY",
        "OPENAI_API_KEY",
        "C2SAFE_LLM_EXAMPLES",
    ):
        monkeypatch.delenv(var, raising=False)


# The shapes the LLM fill exists for (goto cleanup, a string literal, a pointer walked
# through a buffer). The rules now translate all three (goto structuring, the checked
# pointer model), so they are left as stubs on request (``--stub``, C2S114), which is
# also how a user hands a function to the LLM.
LLM_SHAPES = ["check_header", "write_tag", "xor_blocks"]


def bufops_options(out: Path, with_tests: bool) -> Options:
    extra = {"tests/bufops_test.rs": BUFOPS_TEST.read_text()} if with_tests else {}
    return Options(
        [BUFOPS],
        out,
        name=CRATE,
        extra_files=extra,
        run_tests=with_tests,
        stub_functions=list(LLM_SHAPES),
    )


@pytest.fixture(scope="session")
def _translated(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, tuple[Path, Report]]:
    """bufops.c translated once per session, with and without the crate test file."""
    if not have_toolchain():
        pytest.skip("cargo/rustfmt not on PATH")
    done: dict[bool, tuple[Path, Report]] = {}
    for with_tests in (True, False):
        out = tmp_path_factory.mktemp("translated") / CRATE
        report = translate(bufops_options(out, with_tests), log=lambda _m: None)
        assert report.built, report.cargo_errors
        done[with_tests] = (out, report)
    return done


class CrateFactory:
    """Fresh copies of the translated crate (a test may fill and so change its copy)."""

    def __init__(self, translated: dict[bool, tuple[Path, Report]], base: Path) -> None:
        self.translated = translated
        self.base = base
        self.count = 0

    def __call__(self, with_tests: bool = True) -> tuple[Report, Options]:
        src, report = self.translated[with_tests]
        self.count += 1
        out = self.base / f"crate{self.count}" / CRATE
        shutil.copytree(src, out, symlinks=True)
        fresh = copy.deepcopy(report)
        fresh.out = str(out)
        return fresh, bufops_options(out, with_tests)


@pytest.fixture
def make_crate(
    _translated: dict[bool, tuple[Path, Report]], tmp_path: Path
) -> Iterator[CrateFactory]:
    yield CrateFactory(_translated, tmp_path)

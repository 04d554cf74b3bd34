"""Translate the NSS HACL* crate and run ``nss_hacl.rs`` through the translated functions.

The crate is translated afresh into a temporary directory by ``translator.driver.translate``
with the sources and flags of ``c2safe translate --set hacl-debian:nss-portable --set
hacl-debian:cpython-sha2 -I corpora/shims/include`` (see :mod:`nss_c`), with the KAT file as
``tests/nss_hacl.rs`` and ``cargo test``. It must build with every function translated (no
stub), no ``unsafe``, and pass every KAT. Skipped, with the reason, when the corpus or the
toolchain (gcc for preprocessing, cargo, rustfmt) is missing. Marked slow: it builds the crate.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from . import nss_c
from .gen_kat import RUST_OUT


@pytest.mark.slow
def test_rust_kat_passes_on_freshly_translated_crate(tmp_path: Path) -> None:
    missing = [t for t in ("gcc", "cargo", "rustfmt") if shutil.which(t) is None]
    if missing:
        pytest.skip(f"toolchain incomplete: {', '.join(missing)} not on PATH")
    corpus, reason = nss_c.find_corpus()
    if corpus is None:
        pytest.skip(reason)

    from translator.driver import Options, translate

    opts = Options(
        sources=corpus.sources,
        out=tmp_path / "nss_hacl",
        include_dirs=[nss_c.SHIM_INCLUDE],
        extra_files={f"tests/{RUST_OUT.name}": RUST_OUT.read_text()},
        run_tests=True,
        file_flags=corpus.translate_file_flags(),
    )
    report = translate(opts, log=lambda _msg: None)

    stubs = [
        f"{r.name} ({Path(f.path).name}): {'; '.join(d.message for d in r.diagnostics)}"
        for f in report.files
        for r in f.records
        if r.status != "translated"
    ]
    assert report.built, "crate does not build:\n" + "\n".join(report.cargo_errors[:20])
    assert not stubs, "stubbed functions:\n" + "\n".join(stubs)
    assert report.unsafe_count == 0
    assert report.tests_ok, report.tests
    m = re.search(r"(\d+) passed, (\d+) failed", report.tests or "")
    assert m and int(m.group(1)) >= 10 and m.group(2) == "0", report.tests

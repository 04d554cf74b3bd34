#!/usr/bin/env bash
# The main job on a fresh machine: set up, fetch CPython's HACL* hashes from Debian,
# translate them into rust_out/cpython_hacl, build, run the known-answer tests, print the table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/c2safe corpus fetch hacl-debian
.venv/bin/c2safe translate --set hacl-debian:cpython-hashes -o rust_out/cpython_hacl \
  --test-file tests/kat/cpython_hacl.rs --difftest --quiet
.venv/bin/c2safe translate --set hacl-debian:nss-portable --set hacl-debian:cpython-sha2 \
  -I corpora/shims/include -o rust_out/nss_hacl --test-file tests/kat_nss/nss_hacl.rs --difftest --quiet

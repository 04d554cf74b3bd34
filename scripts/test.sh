#!/usr/bin/env bash
# Set up and run the checks: ruff, mypy (strict), then the test suite.
# The HACL* corpus is fetched first (a no-op when cached) so corpus tests run too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/c2safe corpus fetch hacl-debian || echo "test.sh: corpus fetch failed; corpus tests will be skipped" >&2
.venv/bin/c2safe corpus fetch hacl-star || echo "test.sh: hacl-star fetch failed; its tests will be skipped" >&2
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/pytest -q "$@"

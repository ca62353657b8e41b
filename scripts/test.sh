#!/usr/bin/env bash
# Command 2: the whole test suite (slow end-to-end checks included), then lint and types.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest -q "$@"
.venv/bin/ruff check src tests benchmarks
.venv/bin/mypy src

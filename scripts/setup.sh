#!/usr/bin/env bash
# Command 1: create the environment, install everything, build the gazetteer index, and run
# the main job (code the shipped sample dispatches into ./euphrates.duckdb and print them).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
.venv/bin/euphrates gazetteer build
.venv/bin/euphrates demo --db euphrates.duckdb

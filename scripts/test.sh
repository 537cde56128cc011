#!/usr/bin/env bash
# Install the test dependencies into .venv, then run lint, type checks and the whole test suite.
# Works on a fresh Debian/Ubuntu machine with Python 3.11; as root it installs missing apt packages.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"

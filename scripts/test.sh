#!/usr/bin/env bash
# Install the test dependencies into .venv, then run lint, type checks, the import rules and the whole test suite.
# Works on a fresh Debian/Ubuntu machine with Python 3.11; as root it installs missing apt packages.
# pytest runs inside scripts/session.sh (session D-Bus + gnome-keyring) when those are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_venv
# shellcheck disable=SC2086  # one word per package
ensure_packages $QT_PACKAGES $VOIKKO_PACKAGES $PACKAGING_PACKAGES
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== import rules"
.venv/bin/lint-imports
# The one-folder app bundle (PyInstaller) must build and pass its own --self-test (issue 7).
if [ "${SOMEDESK_SKIP_BUNDLE:-}" != 1 ]; then
    echo "== bundle"
    if ensure_session_packages; then
        scripts/session.sh scripts/build_bundle.sh
    else
        SOMEDESK_BUNDLE_NO_KEYRING=1 scripts/build_bundle.sh
    fi
fi

echo "== pytest"
# In CI a test that needs the desktop session fails without it; elsewhere it is skipped.
if [ "${CI:-}" = true ]; then
    export SOMEDESK_REQUIRE_SESSION=1
fi
if ensure_session_packages; then
    # The whole run inside a throwaway session bus with an unlocked gnome-keyring (scripts/session.sh).
    scripts/session.sh env SOMEDESK_TEST_SESSION=1 .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
else
    .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
fi

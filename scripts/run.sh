#!/usr/bin/env bash
# Install somedesk into .venv and start it (any arguments go to somedesk).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_venv
# Qt's libraries, and the spelling dictionaries (without them spell check is off, nothing else).
# shellcheck disable=SC2086  # one word per package
ensure_packages $QT_PACKAGES $VOIKKO_PACKAGES
.venv/bin/pip install --quiet --disable-pip-version-check .
exec .venv/bin/somedesk "$@"

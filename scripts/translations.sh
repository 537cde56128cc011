#!/usr/bin/env bash
# Refresh the translations: lupdate collects every tr() string of somedesk/gui into
# resources/i18n/somedesk_<lang>.ts (the sources translators edit, e.g. with pyside6-linguist), and
# lrelease compiles each into somedesk/gui/i18n/somedesk_<lang>.qm, which is kept in the repository
# so that installing somedesk needs no Qt tools. tests/gui/test_i18n.py fails until this has been run
# and every new string is translated (lrelease refuses to compile an unfinished translation).
set -euo pipefail
cd "$(dirname "$0")/.."

LANGUAGES="fi en"  # en: only the plural forms ("1 draft", "5 drafts")
BIN=.venv/bin
for tool in pyside6-lupdate pyside6-lrelease; do
    if [ ! -x "$BIN/$tool" ]; then
        echo "$BIN/$tool is missing: run ./scripts/test.sh (or pip install -e .) first." >&2
        exit 1
    fi
done

mkdir -p resources/i18n somedesk/gui/i18n
# Sorted, so the order of the contexts in the .ts never depends on the file system.
mapfile -t SOURCES < <(find somedesk/gui -name '*.py' -not -path '*/__pycache__/*' | LC_ALL=C sort)

for lang in $LANGUAGES; do
    ts="resources/i18n/somedesk_$lang.ts"
    qm="somedesk/gui/i18n/somedesk_$lang.qm"
    # No line numbers: an edit anywhere in the GUI would otherwise touch every message below it.
    only=()
    [ "$lang" = en ] && only=(-pluralonly)  # the English source text is English but for its plurals
    "$BIN/pyside6-lupdate" -silent -locations none -no-obsolete "${only[@]}" "${SOURCES[@]}" -ts "$ts"
    "$BIN/pyside6-lrelease" -fail-on-unfinished "$ts" -qm "$qm"
done

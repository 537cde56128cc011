"""The windows' language and their dates agree: with only LANGUAGE=fi (LANG=C, or LANG=en_US), the
translation is Finnish and so are weekday names and dates ("ma 7.12."), not "Mon 7.12."."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
from datetime import UTC, datetime
from zoneinfo import ZoneInfo
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication
from somedesk.gui.app import load_translation
from somedesk.gui.labels import local_text
from somedesk.gui.settings.routine import day_name
qt = QApplication([])
load_translation(qt, None)
print(QCoreApplication.translate("Tray", "Planner"))
print(local_text(datetime(2026, 12, 7, 9, 45, tzinfo=UTC), ZoneInfo("Europe/Helsinki")))
print(day_name(0))
print(QCoreApplication.translate("Tray", "Next: {label} {day}{time} · %n draft(s) ready", "", 2))
"""


def probe(**env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**clean, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.splitlines()


@pytest.mark.parametrize("env", [{"LANGUAGE": "fi"}, {"LANGUAGE": "fi", "LANG": "en_US.UTF-8"}])
def test_language_fi_alone_gives_finnish_words_and_dates(env: dict[str, str]):
    assert probe(**env) == [
        "Viikkosuunnitelma",
        "ma 7.12. 11.45",
        "maanantai",
        "Seuraava: {label} {day}klo {time} · 2 luonnosta valmiina",
    ]


def test_english_has_english_dates_and_plurals():
    assert probe(LANGUAGE="en", LANG="en_GB.UTF-8") == [
        "Planner",
        "Mon 7 Dec 11:45",
        "Monday",
        "Next: {label} {day}{time} · 2 drafts ready",
    ]


def test_a_language_somedesk_does_not_speak_gets_english_days_too():
    assert probe(LANG="de_DE.UTF-8") == [
        "Planner",
        "Mon 7 Dec 11:45",
        "Monday",
        "Next: {label} {day}{time} · 2 drafts ready",
    ]

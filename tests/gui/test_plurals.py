"""English plurals: the code says "%n draft(s)" and the English plural forms (somedesk_en.qm) make it
"1 draft" or "5 drafts"; no "(s)" ever reaches a window. The file must hold every plural message of the
GUI, and its compiled form must be current."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from tests.gui.test_i18n import ROOT, _key, _messages, _tool

TS = ROOT / "resources" / "i18n" / "somedesk_en.ts"
QM = ROOT / "somedesk" / "gui" / "i18n" / "somedesk_en.qm"


def test_plural_forms_in_english():
    say = QCoreApplication.translate
    assert (
        say("Tray", "Next: {label} {day}{time} · %n draft(s) ready", "", 1)
        == "Next: {label} {day}{time} · 1 draft ready"
    )
    assert (
        say("Tray", "Next: {label} {day}{time} · %n draft(s) ready", "", 5)
        == "Next: {label} {day}{time} · 5 drafts ready"
    )
    assert say("PlannerActions", "Scheduled %n proposed post(s).", "", 4) == "Scheduled 4 proposed posts."


def test_every_english_plural_is_finished_and_has_no_brackets():
    for context, message in _messages(TS):
        assert message.get("numerus") == "yes", _key(context, message)
        forms = [f.text or "" for f in message.iter("numerusform")]
        assert len(forms) == 2 and all(forms), _key(context, message)
        assert not any("(s)" in form for form in forms), _key(context, message)


def test_the_english_plurals_cover_the_gui_and_are_compiled(tmp_path: Path):
    sources = sorted(str(p) for p in (ROOT / "somedesk" / "gui").rglob("*.py"))
    fresh = tmp_path / "somedesk_en.ts"
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-locations",
            "none",
            "-pluralonly",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
    )
    assert {_key(c, m) for c, m in _messages(fresh)} == {_key(c, m) for c, m in _messages(TS)}
    compiled = tmp_path / "somedesk_en.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(compiled)], check=True)
    assert compiled.read_bytes() == QM.read_bytes()

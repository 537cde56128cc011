"""Finnish: the translation is complete and compiled, and the tray, Quick post, the planner and the
queue speak it, with Finnish days and times ("ma 7.12. klo 11.30").

The clock is Monday 2026-12-07 09:00 in Helsinki (the fixtures'); lunch is 11:30-12:00.
"""

from __future__ import annotations

import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMenu

from somedesk.app.scheduling import CUSTOM_LABEL
from somedesk.core.accounts import Account, AccountState
from somedesk.core.config import CalendarSettings
from somedesk.core.drafts import PublicationState
from somedesk.core.model import MomentKind, Network
from somedesk.core.moments import meeting_label
from somedesk.gui.compose.window import QuickPostWindow
from somedesk.gui.context import GuiContext
from somedesk.gui.labels import clock, moment_label, stored_label
from somedesk.gui.planner import PlannerWindow
from somedesk.gui.queue import QueueWindow
from somedesk.gui.queue_model import Column
from somedesk.gui.tray import Tray
from somedesk.store.publishing import PublishingRecords

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "somedesk_fi.ts"
QM = ROOT / "somedesk" / "gui" / "i18n" / "somedesk_fi.qm"
NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
LUNCH = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)  # 11:30 in Helsinki
REFRESH = (
    "run ./scripts/translations.sh, translate what it adds to resources/i18n/somedesk_fi.ts, run it again"
)

MEETING = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//somedesk//tests//EN
BEGIN:VEVENT
UID:sync@somedesk.test
DTSTAMP:20261201T000000Z
SUMMARY:Weekly sync
DTSTART:20261208T080000Z
DTEND:20261208T090000Z
END:VEVENT
END:VCALENDAR
"""


def connect(ctx: GuiContext, *networks: Network) -> None:
    records = PublishingRecords(ctx.app.store)
    for network in networks:
        records.save_account(Account(network, "@me", "id-1", None, AccountState.CONNECTED, NOW), NOW)


def with_meeting(ctx: GuiContext, folder: Path) -> None:
    """Weekly sync on Tuesday 10:00-11:00 in Helsinki."""
    calendar = folder / "work.ics"
    calendar.write_text(MEETING, encoding="utf-8")
    ctx.app.config = replace(ctx.app.config, calendars=CalendarSettings(sources=(str(calendar),)))


# The windows ------------------------------------------------------------------------------------


def test_the_tray_menu_in_finnish(ctx, qtbot, finnish):
    ctx.app.add_draft("valmiina lähtöön", [Network.SANDBOX])
    ctx.app.add_draft("toinen", [Network.SANDBOX])
    tray = Tray(ctx, lambda: None)
    qtbot.waitUntil(lambda: "valmiina" in tray.next_line.text(), timeout=10_000)
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == [
        "Pikajulkaisu…",
        "Seuraava: Lounas klo 11.30 · 2 luonnosta valmiina",
        "Viikkosuunnitelma",
        "Julkaisujono",
        "Keskeytä julkaisu",
        "Asetukset",
        "Lopeta",
    ]
    pause = next(a for a in tray.menu.actions() if a.text() == "Keskeytä julkaisu").menu()
    assert isinstance(pause, QMenu)
    assert [a.text() for a in pause.actions()] == [
        "Tunniksi",
        "Huomiseen asti",
        "Kunnes jatkan",
        "Jatka julkaisua",
    ]


def test_quick_post_in_finnish(ctx, qtbot, finnish):
    connect(ctx, Network.LINKEDIN, Network.X)
    window = QuickPostWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.editor.setPlainText("Pienet askeleet joka päivä. " * 12)
    qtbot.waitUntil(
        lambda: window.counters.settled and not window.moments.loading and window.worker.running == 0,
        timeout=5000,
    )
    assert window.windowTitle() == "Pikajulkaisu"
    assert [window.post_button.text(), window.save_button.text(), window.moments.button.text()] == [
        "Julkaise nyt",
        "Tallenna luonnos",
        "Seuraava hetki",
    ]
    assert (
        window.hint.text() == "Ctrl+Enter ajastaa hetkeen Lounas · ma klo 11.30. Esc sulkee; tekstisi säilyy."
    )
    thousands = QLocale().toString(3000)
    assert thousands == "3\N{NO-BREAK SPACE}000"  # Finnish digit grouping
    assert window.counters.labels[Network.LINKEDIN].text() == f"LinkedIn 335 / {thousands}"
    assert window.counters.labels[Network.X].text() == "X 335 / 280 → 2 julkaisun ketju"
    assert window.counters.thread_button.text() == "Näytä ketju"
    # The planning engine's best three for LinkedIn and X together (the first is Next moment's).
    assert [a.text() for a in window.moments.menu.actions()] == [
        "Lounas · ma klo 11.30",
        "Lounas · ti klo 11.30",
        "Lounas · ke klo 11.30",
    ]


def test_the_planner_in_finnish(ctx, qtbot, finnish, tmp_path):
    with_meeting(ctx, tmp_path)
    connect(ctx, Network.LINKEDIN)
    draft = ctx.app.add_draft("Lounasajatuksia pienistä julkaisuista", [Network.LINKEDIN])
    ctx.app.schedule_at(draft.id, LUNCH)
    window = PlannerWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1800, 800)  # columns wide enough for whole card lines
    window.show()
    qtbot.waitUntil(lambda: not window.busy, timeout=5000)
    assert window.windowTitle() == "Viikkosuunnitelma — somedesk"
    assert window.plan_button.text() == "Suunnittele viikkoni"
    assert window.week_label.text() == "Viikko 50 · ma 7.12. – su 13.12.2026"
    assert window.grid.day_titles() == [
        "ma 7.12.",
        "ti 8.12.",
        "ke 9.12.",
        "to 10.12.",
        "pe 11.12.",
        "la 12.12.",
        "su 13.12.",
    ]
    labels = {item.label for item in window.grid.week_layout.moments}
    assert {"7.45 Aamun työmatka", "11.30 Lounas", "16.45 Kotimatka"} <= labels
    before = next(i for i in window.grid.week_layout.moments if i.moment.kind is MomentKind.BEFORE_MEETING)
    assert before.label.startswith("9.50 Ennen: ”")  # cut to the column's width
    assert window.grid.tooltip_at(before.rect.center()) == "Ennen: ”Weekly sync”: 9.50–10.00"
    (card,) = window.grid.card_items()
    assert card.detail == "11.30 · Ajastettu · Lounas"
    assert window.rhythm.labels[Network.LINKEDIN].text() == "LinkedIn 1/3 tällä viikolla"
    assert window.drafts_panel.title.text() == "Luonnokset"


def test_the_queue_in_finnish(ctx, qtbot, finnish):
    waiting = ctx.app.add_draft("Vielä mietinnässä", [Network.LINKEDIN])
    scheduled = ctx.app.add_draft("Maanantain ajatuksia", [Network.X])
    ctx.app.schedule_at(scheduled.id, LUNCH)
    window = QueueWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Julkaisujono — somedesk"
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == ["Kaikki", "Luonnokset", "Ajastetut", "Julkaistut", "Odottaa päätöstä"]
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["Milloin", "Palvelu", "Tila", "Hetki", "Teksti", "Syy / osoite"]
    rows = {
        str(window.proxy.index(r, Column.TEXT).data()): [str(window.proxy.index(r, c).data()) for c in Column]
        for r in range(window.proxy.rowCount())
    }
    assert rows["Maanantain ajatuksia"][: Column.TEXT] == ["ma 7.12. 11.30", "X", "Ajastettu", "Lounas"]
    assert rows[waiting.text][Column.STATE] == "Luonnos"
    assert window.model.state_name(PublicationState.MISSED) == "Myöhästyi"
    assert window.publish_button.text() == "Julkaise nyt"


# Labels the core hands over in English ----------------------------------------------------------


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("Morning commute", "Aamun työmatka"),
        ("Evening commute", "Kotimatka"),
        ("Commute", "Työmatka"),
        ("Lunch", "Lounas"),
        (meeting_label(""), "Ennen kokousta"),
        (meeting_label("Weekly sync"), "Ennen: ”Weekly sync”"),
        (
            meeting_label("Quarterly planning with the communications team and partners"),
            "Ennen: ”Quarterly planning with the…”",
        ),
        (CUSTOM_LABEL, "Valittu aika"),
        ("", ""),
    ],
)
def test_stored_moment_labels_in_finnish(finnish, english, expected):
    assert stored_label(english) == expected


def test_every_moment_the_engine_finds_has_a_finnish_label(ctx, finnish, tmp_path):
    with_meeting(ctx, tmp_path)
    found = ctx.app.moments_for_days(datetime(2026, 12, 7).date(), 7).moments
    assert {m.kind for m in found} == set(MomentKind)
    assert {moment_label(m) for m in found} == {
        "Aamun työmatka",
        "Lounas",
        "Kotimatka",
        "Ennen: ”Weekly sync”",
    }
    assert [clock(m.start) for m in found[:3]] == ["7.45", "11.30", "16.45"]


# The translation files --------------------------------------------------------------------------


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name", ""), m) for context in root.iter("context") for m in context.iter("message")
    ]


def _key(context: str, message: ET.Element) -> tuple[str, str, str]:
    return (context, message.findtext("source", ""), message.findtext("comment", ""))


def _forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    return translation is not None and translation.get("type") is None and all(_forms(message))


def test_every_message_is_translated():
    unfinished = [_key(context, m) for context, m in _messages(TS) if not _finished(m)]
    assert not unfinished, f"untranslated in {TS.name}: {unfinished}; {REFRESH}"


def test_translations_keep_their_placeholders():
    for context, message in _messages(TS):
        source = message.findtext("source", "")
        forms = _forms(message)
        if message.get("numerus") == "yes":
            assert len(forms) == 2, _key(context, message)  # Finnish: one, many
            if "%n" in source:
                assert "%n" in forms[-1], _key(context, message)
        for form in forms:
            # An extra {name} would raise in str.format; a lost one would drop what it shows.
            assert _fields(form) == _fields(source), (_key(context, message), form)


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    path = str(found) if found.exists() else shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def test_the_compiled_translation_is_current(tmp_path):
    compiled = tmp_path / "somedesk_fi.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(compiled)], check=True)
    assert compiled.read_bytes() == QM.read_bytes(), f"{QM.name} is older than {TS.name}: {REFRESH}"


def test_the_translation_has_every_string_of_the_gui(tmp_path):
    sources = sorted(str(p) for p in (ROOT / "somedesk" / "gui").rglob("*.py"))
    fresh = tmp_path / "somedesk_fi.ts"
    subprocess.run(
        [_tool("pyside6-lupdate"), "-silent", "-locations", "none", *sources, "-ts", str(fresh)], check=True
    )
    in_code = {_key(context, m) for context, m in _messages(fresh)}
    translated = {_key(context, m) for context, m in _messages(TS)}
    assert not in_code - translated, f"new in the GUI: {sorted(in_code - translated)}; {REFRESH}"
    assert not translated - in_code, f"gone from the GUI: {sorted(translated - in_code)}; {REFRESH}"

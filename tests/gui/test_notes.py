"""The runtime's notifications in the desktop app: worded in the person's language, with the same
action keys, so that picking "Torkku 10 min" snoozes just as "Snooze 10 min" does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from somedesk.app.services import Somedesk
from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.core.routine import DEFAULT_QUIET
from somedesk.gui.context import Bridge, GuiContext
from somedesk.gui.notes import TranslatingNotifier, translated
from somedesk.gui.queue import QueueWindow
from somedesk.gui.queue_model import Column
from somedesk.runtime.notify.base import Note
from somedesk.runtime.scheduler import Runtime
from tests.keyrings import MemoryKeyring
from tests.unit.test_runtime import RecordingNotifier, make_app


@pytest.fixture
def running(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[tuple[Somedesk, Runtime, RecordingNotifier]]:
    app = make_app(tmp_path / "home", mode="remind")
    recorder = RecordingNotifier()
    runtime = Runtime(app, TranslatingNotifier(recorder), watchdog_seconds=3600)
    yield app, runtime, recorder
    runtime.stop()
    app.store.close()


def schedule(app: Somedesk, text: str, at: datetime) -> int:
    draft = app.add_draft(text, [Network.SANDBOX])
    app.store.schedule(draft.publications[0].id, at, None, "Lunch", app.clock())
    return draft.publications[0].id


def test_a_reminder_in_finnish_and_its_finnish_action_still_snoozes(running, finnish):
    app, runtime, recorder = running
    publication_id = schedule(app, "Kolme oppia asiakaspäivästä", app.clock() - timedelta(minutes=1))
    runtime.start()
    [note] = recorder.shown
    assert note.title == "Lounas: Sandbox-julkaisusi on valmis"
    assert note.body == "“Kolme oppia asiakaspäivästä”"
    assert note.actions == (("post", "Julkaise nyt"), ("snooze", "Torkku 10 min"), ("skip", "Ohita"))
    handler = recorder.handlers[0]
    assert handler is not None
    handler("snooze")
    later = app.store.publication(publication_id)
    assert later.state is PublicationState.SCHEDULED and later.scheduled_at is not None
    assert later.scheduled_at > app.clock() + timedelta(minutes=9)


def test_a_missed_post_says_when_how_late_and_why_in_finnish(running, finnish):
    app, runtime, recorder = running
    schedule(app, "Aamun ajatus", app.clock() - timedelta(hours=3, minutes=5))
    runtime.start()
    [note] = recorder.shown
    assert note.title == "Sandbox-julkaisu ohitti hetkensä"
    assert re.fullmatch(
        r"Hetki \(\w\w \d{1,2}\.\d{1,2}\. \d{1,2}\.\d\d\) meni ohi 3 t 5 min sitten: somedesk ei ollut "
        r"käynnissä tai tietokone oli lepotilassa\. “Aamun ajatus”",
        note.body,
    ), note.body
    assert [label for _, label in note.actions] == ["Julkaise nyt", "Seuraava hetki", "Takaisin luonnoksiin"]


def test_in_english_the_notes_read_as_sentences(running):
    app, runtime, recorder = running
    schedule(app, "Lunch thought", app.clock() - timedelta(minutes=1))
    runtime.start()
    [note] = recorder.shown
    assert (note.title, note.body) == ("Lunch: your Sandbox post is ready", "“Lunch thought”")
    assert [label for _, label in note.actions] == ["Post now", "Snooze 10 min", "Skip"]


@pytest.mark.parametrize(
    ("note", "title", "body"),
    [
        (
            Note("x", "y", code="sign-in-ends", details={"network": Network.LINKEDIN, "days": 7}),
            "LinkedIn-kirjautumisesi päättyy 7 päivän kuluttua",
            "Yhdistä LinkedIn uudelleen kohdassa Asetukset → Tilit, niin voit jatkaa julkaisemista.",
        ),
        (
            Note("x", "y", code="sign-in-ends", details={"network": Network.LINKEDIN, "days": 1}),
            "LinkedIn-kirjautumisesi päättyy huomenna",
            "Yhdistä LinkedIn uudelleen kohdassa Asetukset → Tilit, niin voit jatkaa julkaisemista.",
        ),
        (
            Note("x", "y", code="reply-window", details={"minutes": 20, "url": "https://example.com/p/1"}),
            "Aika vastata kommentteihin",
            "LinkedIn-julkaisusi lähti 20 minuuttia sitten. https://example.com/p/1",
        ),
        (
            Note("x", "y", code="waiting-for-account", details={"network": Network.X}),
            "Julkaisut odottavat palvelua X",
            "Yhdistä X uudelleen kohdassa Asetukset → Tilit, niin ne lähtevät.",
        ),
        (
            Note(
                "x", "X refused it (403)", code="not-published", details={"network": Network.X, "reason": ""}
            ),
            "X-julkaisuasi ei julkaistu",
            "X refused it (403)",  # the network's own words
        ),
        (
            Note(
                "x",
                "y",
                code="missed",
                details={
                    "network": Network.LINKEDIN,
                    "at": datetime(2026, 12, 7, 20, 0, tzinfo=UTC),
                    "late": timedelta(hours=11),
                    "cause": "quiet",
                    "quiet": DEFAULT_QUIET,
                    "zone": None,
                    "text": "Ilta",
                },
            ),
            "LinkedIn-julkaisu ohitti hetkensä",
            "Hetki (ma 7.12. 20.00) meni ohi 11 t sitten hiljaisten tuntiesi aikana (19.00–7.00). “Ilta”",
        ),
        (
            Note(
                "x",
                "y",
                code="missed",
                details={
                    "network": Network.X,
                    "at": datetime(2026, 12, 7, 11, 30, tzinfo=UTC),
                    "late": timedelta(minutes=40),
                    "cause": "unanswered",
                    "reminded_at": datetime(2026, 12, 7, 11, 30, tzinfo=UTC),
                    "zone": None,
                    "text": "Lounas",
                },
            ),
            "X-julkaisu ohitti hetkensä",
            "Hetki (ma 7.12. 11.30) meni ohi 40 min sitten: et vastannut muistutukseen (ma 7.12. 11.30)."
            " “Lounas”",
        ),
    ],
)
def test_each_kind_of_note_in_finnish(note, title, body, finnish):
    worded = translated(note)
    assert (worded.title, worded.body) == (title, body)


def test_a_note_without_a_code_or_with_missing_details_stays_as_it_came(finnish):
    plain = Note("Something else", "as it is")
    assert translated(plain) is plain
    broken = Note("Your X post was not published", "why", code="not-published", details={})
    assert translated(broken) is broken


def test_the_queue_says_why_a_post_was_missed_in_finnish(running, qtbot, finnish):
    app, runtime, _recorder = running
    publication_id = schedule(app, "Unohtunut aamu", app.clock() - timedelta(hours=3))
    runtime.start()
    missed = app.store.publication(publication_id)
    assert (missed.state, missed.reason_code) == (PublicationState.MISSED, "missed-asleep")
    assert "while somedesk was not running" in (missed.reason or "")  # the CLI's English stays
    window = QueueWindow(GuiContext(app, Bridge()))
    qtbot.addWidget(window)
    rows = {
        window.proxy.index(r, Column.TEXT).data(): window.proxy.index(r, Column.DETAIL).data(
            Qt.ItemDataRole.DisplayRole
        )
        for r in range(window.proxy.rowCount())
    }
    assert re.fullmatch(
        r"Sen hetki \(\w\w \d{1,2}\.\d{1,2}\. \d{1,2}\.\d\d\) meni ohi, kun somedesk ei ollut käynnissä "
        r"tai tietokone oli lepotilassa\.",
        rows["Unohtunut aamu"],
    ), rows
    window.show()
    window.table.selectRow(
        next(
            r
            for r in range(window.proxy.rowCount())
            if "Unohtunut" in str(window.proxy.index(r, Column.TEXT).data())
        )
    )
    assert f"Syy: {rows['Unohtunut aamu']}" in window.details.text()
    window.close()


def test_a_rescheduled_post_forgets_its_missed_reason(running):
    app, runtime, _recorder = running
    publication_id = schedule(app, "Toinen yritys", app.clock() - timedelta(hours=3))
    runtime.start()
    assert app.store.publication(publication_id).reason_code == "missed-asleep"
    app.store.schedule(publication_id, app.clock() + timedelta(hours=1), None, "Lunch", app.clock())
    again = app.store.publication(publication_id)
    assert (again.reason, again.reason_code) == (None, None)

"""The hints a note carries to the freedesktop notification server."""

from __future__ import annotations

from somedesk.runtime.notify.base import Note
from somedesk.runtime.notify.freedesktop import URGENCY_CRITICAL, URGENCY_NORMAL, notify_hints


def test_a_reminder_is_resident_so_it_stays_in_the_notification_centre():
    hints = notify_hints(Note("Lunch: your X post is ready", "“text”", resident=True))
    assert hints["resident"] == ("b", True)
    assert hints["urgency"] == ("y", URGENCY_NORMAL)


def test_an_ordinary_note_is_not_resident():
    hints = notify_hints(Note("Time to answer comments", "", urgent=True))
    assert "resident" not in hints
    assert hints["urgency"] == ("y", URGENCY_CRITICAL)

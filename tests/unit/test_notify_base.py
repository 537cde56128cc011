"""`LogNotifier`, the notifier when there is no notification server: it records, logs and echoes."""

from __future__ import annotations

import logging

from somedesk.runtime.notify import LogNotifier, Note, Notifier

READY = Note(
    "Coffee break: your LinkedIn post is ready",
    "“Five things I learned…” & more",
    (("post", "Post now"), ("snooze", "Snooze 10 min"), ("skip", "Skip")),
)
FAILED = Note("Your X post was not published", "rate limited", urgent=True)


def test_a_note_is_recorded_echoed_and_logged(caplog):
    echoed: list[str] = []
    notifier = LogNotifier(echo=echoed.append)
    called: list[str] = []

    with caplog.at_level(logging.INFO, logger="somedesk.runtime.notify.base"):
        notifier.notify(READY, called.append)
        notifier.notify(FAILED)

    assert notifier.shown == [READY, FAILED]
    assert echoed == [
        "Coffee break: your LinkedIn post is ready: “Five things I learned…” & more",
        "Your X post was not published: rate limited",
    ]
    assert [r.getMessage() for r in caplog.records] == [
        "notice: Coffee break: your LinkedIn post is ready — “Five things I learned…” & more",
        "notice: Your X post was not published — rate limited",
    ]
    assert called == []  # nobody can pick an action in a log


def test_without_echo_it_only_records_and_logs(caplog, capsys):
    notifier = LogNotifier()
    with caplog.at_level(logging.INFO, logger="somedesk.runtime.notify.base"):
        notifier.notify(FAILED)
    assert notifier.shown == [FAILED]
    assert len(caplog.records) == 1
    assert capsys.readouterr() == ("", "")


def test_close_is_harmless_and_repeatable():
    notifier = LogNotifier()
    notifier.close()
    notifier.close()
    notifier.notify(FAILED)
    assert notifier.shown == [FAILED]


def test_a_note_is_a_plain_value():
    note = Note("Title", "Body")
    assert (note.actions, note.urgent) == ((), False)
    assert note == Note("Title", "Body")
    assert hash(note) == hash(Note("Title", "Body"))


def test_log_notifier_is_a_notifier():
    notifier: Notifier = LogNotifier()  # checked by mypy: the protocol the runtime speaks
    assert callable(notifier.notify)
    assert callable(notifier.close)


def test_only_the_latest_notes_are_kept_however_long_it_runs():
    from somedesk.runtime.notify.base import KEPT_NOTES

    notifier = LogNotifier()
    for number in range(10_000):
        notifier.notify(Note(f"note {number}", "body"))
    assert len(notifier.shown) == KEPT_NOTES
    assert [n.title for n in notifier.shown[-2:]] == ["note 9998", "note 9999"]

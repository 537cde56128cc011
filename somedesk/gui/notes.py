"""The runtime's notifications in the person's language.

The runtime (shared with the headless `somedesk run`) writes its notes in English and says what each
is about with a code and details (notify/base.py). In the desktop app every note passes through
`TranslatingNotifier`, which words it again through Qt's translations — from whichever thread the
runtime sends it on (QCoreApplication.translate is thread-safe). The action keys stay the same, so
the runtime's handlers work whatever the labels say.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from somedesk.gui.labels import stored_label
from somedesk.gui.messages import day_and_time, network_name, quiet_window
from somedesk.runtime.notify.base import ActionHandler, Note, Notifier

Details = Mapping[str, object]


def _local(details: Details) -> str:
    at, zone = details.get("at"), details.get("zone")
    if isinstance(at, datetime) and isinstance(zone, ZoneInfo):
        return day_and_time(at.astimezone(zone))
    return day_and_time(at)


def _span(span: object) -> str:
    """ "3 h 10 min" ("3 t 10 min"), "2 days 1 h" ("2 pv 1 t"): whole minutes, rounded down."""
    if not isinstance(span, timedelta):
        return str(span)
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        text = QCoreApplication.translate("Notification", "{days} d").format(days=days)
        return text + (
            QCoreApplication.translate("Notification", " {hours} h").format(hours=hours) if hours else ""
        )
    if hours:
        text = QCoreApplication.translate("Notification", "{hours} h").format(hours=hours)
        return text + (
            QCoreApplication.translate("Notification", " {minutes} min").format(minutes=minutes)
            if minutes
            else ""
        )
    return QCoreApplication.translate("Notification", "{minutes} min").format(minutes=max(1, minutes))


def _quoted(details: Details) -> str:
    return f"“{details.get('text', '')}”"


def _reminder(note: Note, d: Details) -> Note:
    label = d.get("label")
    moment = stored_label(label if isinstance(label, str) else None)
    title = QCoreApplication.translate("Notification", "{moment}: your {network} post is ready").format(
        moment=moment or QCoreApplication.translate("Notification", "Your moment"),
        network=network_name(d["network"]),
    )
    return replace(note, title=title, body=_quoted(d))


def _missed(note: Note, d: Details) -> Note:
    title = QCoreApplication.translate("Notification", "A {network} post missed its moment").format(
        network=network_name(d["network"])
    )
    when, late, quiet = _local(d), _span(d.get("late")), quiet_window(d.get("quiet"))
    cause = d.get("cause")
    if cause == "quiet":
        why = QCoreApplication.translate(
            "Notification", "The moment ({when}) passed {late} ago, in your quiet hours ({quiet})."
        )
    elif cause == "asleep-then-quiet":
        why = QCoreApplication.translate(
            "Notification",
            "The moment ({when}) passed {late} ago: somedesk was not running or the computer slept, "
            "and then your quiet hours ({quiet}) began.",
        )
    elif cause == "paused":
        why = QCoreApplication.translate(
            "Notification", "The moment ({when}) passed {late} ago, while publishing was paused."
        )
    elif cause == "unanswered":
        # somedesk ran and reminded; blaming sleep here would be false (issue 12).
        why = QCoreApplication.translate(
            "Notification",
            "The moment ({when}) passed {late} ago: you did not answer the reminder at {asked}.",
        )
    else:
        why = QCoreApplication.translate(
            "Notification",
            "The moment ({when}) passed {late} ago: somedesk was not running or the computer slept.",
        )
    asked = _local({**d, "at": d.get("reminded_at")}) if d.get("reminded_at") else "?"
    body = f"{why.format(when=when, late=late, quiet=quiet, asked=asked)} {_quoted(d)}"
    return replace(note, title=title, body=body)


def _waiting(note: Note, d: Details) -> Note:
    network = network_name(d["network"])
    title = QCoreApplication.translate("Notification", "Posts wait for {network}").format(network=network)
    body = QCoreApplication.translate(
        "Notification", "Connect {network} again in Settings → Accounts, and they go out."
    ).format(network=network)
    return replace(note, title=title, body=body)


def _not_published(note: Note, d: Details) -> Note:
    title = QCoreApplication.translate("Notification", "Your {network} post was not published").format(
        network=network_name(d["network"])
    )
    return replace(note, title=title)  # the reason comes from the network, in its words


def _reply_window(note: Note, d: Details) -> Note:
    title = QCoreApplication.translate("Notification", "Time to answer comments")
    body = QCoreApplication.translate(
        "Notification", "Your LinkedIn post went out {minutes} minutes ago."
    ).format(minutes=d["minutes"])
    url = d.get("url")
    return replace(note, title=title, body=f"{body} {url}" if url else body)


def _sign_in_ends(note: Note, d: Details) -> Note:
    network = network_name(d["network"])
    if d["days"] == 1:
        title = QCoreApplication.translate("Notification", "Your {network} sign-in ends tomorrow")
    else:
        title = QCoreApplication.translate("Notification", "Your {network} sign-in ends in {days} days")
    body = QCoreApplication.translate(
        "Notification", "Connect {network} again in Settings → Accounts to keep posting."
    ).format(network=network)
    return replace(note, title=title.format(network=network, days=d["days"]), body=body)


_WORDINGS: dict[str, Callable[[Note, Details], Note]] = {
    "reminder": _reminder,
    "missed": _missed,
    "waiting-for-account": _waiting,
    "not-published": _not_published,
    "reply-window": _reply_window,
    "sign-in-ends": _sign_in_ends,
}


def _action_labels() -> dict[str, str]:
    return {
        "post": QCoreApplication.translate("Notification", "Post now"),
        "snooze": QCoreApplication.translate("Notification", "Snooze 10 min"),
        "skip": QCoreApplication.translate("Notification", "Skip"),
        "next": QCoreApplication.translate("Notification", "Next moment"),
        "drafts": QCoreApplication.translate("Notification", "Back to drafts"),
    }


def translated(note: Note) -> Note:
    """`note` in the person's language when its code is known; else as it came."""
    wording = _WORDINGS.get(note.code or "")
    if wording is None:
        return note
    try:
        worded = wording(note, note.details)
    except (KeyError, IndexError, ValueError):  # details missing: the English note still says it
        return note
    labels = _action_labels()
    return replace(worded, actions=tuple((key, labels.get(key, label)) for key, label in note.actions))


class TranslatingNotifier:
    """Hands every note to `inner` in the person's language."""

    def __init__(self, inner: Notifier) -> None:
        self.inner = inner

    def notify(self, note: Note, on_action: ActionHandler | None = None) -> None:
        self.inner.notify(translated(note), on_action)

    def close(self) -> None:
        self.inner.close()

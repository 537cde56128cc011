"""The timed reminders: "time to answer comments" a set number of minutes after a LinkedIn post went
out, and "your sign-in ends in N days" before an account's token expires. Neither belongs to a
moment of the schedule, so they are not decided by `core/due.decide` like the publications: the
runtime sends them at every check and keeps a job for the next reply-window reminder.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from somedesk.app.services import Somedesk
from somedesk.core.drafts import PublicationState
from somedesk.core.due import next_reminder_time, reply_reminders, token_expiry_reminders
from somedesk.runtime.notify.base import Note, Notifier


def send_timed_reminders(app: Somedesk, notifier: Notifier, now: datetime) -> datetime | None:
    """Send the reply-window and sign-in-expiry reminders due by `now` (each once: the store's notices
    remember them); returns when the next reply-window reminder is due, for the runtime's job."""
    offsets = [timedelta(minutes=m) for m in app.config.publishing.reply_reminders]
    routine = app.config.routine
    published = [
        (p.id, p.network, p.published_at)
        for p, _draft in app.store.queue()
        if p.state is PublicationState.PUBLISHED and p.published_at is not None
    ]
    sent = {_pair(ref) for ref in app.store.notices("reply")}
    for publication_id, index in reply_reminders(now, published, routine, offsets=offsets, already_sent=sent):
        if app.store.claim_notice("reply", f"{publication_id}:{index}", now):
            url = app.store.publication(publication_id).url or ""
            minutes = int(offsets[index].total_seconds() // 60)
            body = f"Your LinkedIn post went out {minutes} minutes ago. {url}".strip()
            notifier.notify(
                Note(
                    "Time to answer comments",
                    body,
                    code="reply-window",
                    details={"minutes": minutes, "url": url},
                )
            )
    _send_expiry_reminders(app, notifier, now)
    return next_reminder_time(now, published, routine, offsets=offsets, already_sent=sent)


def _send_expiry_reminders(app: Somedesk, notifier: Notifier, now: datetime) -> None:
    expiries = [
        (a.network, a.expires_at) for a in app.accounts.records.accounts() if a.expires_at is not None
    ]
    # A reconnect brings a new expiry, and with it new reminders: the expiry is part of the key.
    refs = {network: f"{network.value}:{expires:%Y%m%dT%H%M}" for network, expires in expiries}
    sent = {
        (network, int(ref.rsplit(":", 1)[1]))
        for ref in app.store.notices("expiry")
        for network, prefix in refs.items()
        if ref.startswith(prefix + ":")
    }
    for network, days in token_expiry_reminders(now, expiries, already_sent=sent, routine=app.config.routine):
        if app.store.claim_notice("expiry", f"{refs[network]}:{days}", now):
            notifier.notify(
                Note(
                    f"Your {network.display_name} sign-in ends in {days} day{'s' if days > 1 else ''}",
                    f"Reconnect to keep posting: somedesk accounts connect {network.value}",
                    code="sign-in-ends",
                    details={"network": network, "days": days},
                )
            )


def _pair(ref: str) -> tuple[int, int]:
    publication_id, index = ref.split(":")
    return int(publication_id), int(index)

"""How the command line shows things: readable tables for people, JSON for scripts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import groupby
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from somedesk.cli.terminal import visible
from somedesk.core.drafts import Draft, Publication, PublicationState, excerpt
from somedesk.core.model import Moment
from somedesk.core.text import LengthReport

if TYPE_CHECKING:
    from somedesk.app.accounts import AccountStatus


def iso(instant: datetime | None, zone: ZoneInfo) -> str | None:
    return instant.astimezone(zone).isoformat(timespec="seconds") if instant else None


def moment_json(moment: Moment, zone: ZoneInfo) -> dict[str, Any]:
    item: dict[str, Any] = {
        "start": iso(moment.start, zone),
        "end": iso(moment.end, zone),
        "kind": moment.kind.value,
        "label": moment.label,
        "score": moment.score,
        "scores": {n.value: s for n, s in moment.scores.items()},
    }
    if moment.event is not None:
        item["event"] = moment.event
    return item


def publication_json(publication: Publication, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "id": publication.id,
        "network": publication.network.value,
        "state": publication.state.value,
        "at": iso(publication.scheduled_at, zone),
        "kind": publication.moment_kind.value if publication.moment_kind else None,
        "label": publication.moment_label,
        "url": publication.url,
        "reason": publication.reason,
    }


def draft_json(draft: Draft, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "id": draft.id,
        "text": draft.text,
        "created_at": iso(draft.created_at, zone),
        "updated_at": iso(draft.updated_at, zone),
        "networks": [n.value for n in draft.networks],
        "publications": [publication_json(p, zone) for p in draft.publications],
    }


def queue_json(items: Iterable[tuple[Publication, Draft]], zone: ZoneInfo) -> list[dict[str, Any]]:
    return [{**publication_json(p, zone), "draft": d.id, "text": d.text} for p, d in items]


def day_heading(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def moments_table(moments: Sequence[Moment], zone: ZoneInfo, first: date, days: int) -> str:
    """Moments grouped by day; days without moments say so, so a gap is never mistaken for a bug."""
    by_day = {
        day: list(items) for day, items in groupby(moments, key=lambda m: m.start.astimezone(zone).date())
    }
    lines: list[str] = []
    for offset in range(days):
        day = date.fromordinal(first.toordinal() + offset)
        lines.append(day_heading(day))
        todays = by_day.get(day, [])
        if not todays:
            lines.append("  (no moments)")
        for moment in todays:
            start, end = moment.start.astimezone(zone), moment.end.astimezone(zone)
            lines.append(f"  {start:%H:%M}–{end:%H:%M}  {moment.label:<34} {moment.score:.2f}")
    return "\n".join(lines)


def drafts_table(drafts: Sequence[Draft], zone: ZoneInfo) -> str:
    if not drafts:
        return 'No drafts yet. Add one: somedesk drafts add "text" --network linkedin'
    lines = []
    for draft in drafts:
        states = ", ".join(f"{p.network.value} {p.state.value}" for p in draft.publications) or "no network"
        lines.append(f"{draft.id:>4}  {visible(excerpt(draft.text)):<48}  {states}")
    return "\n".join(lines)


def draft_details(draft: Draft, zone: ZoneInfo) -> str:
    lines = [
        f"Draft {draft.id} (updated {draft.updated_at.astimezone(zone):%a %d %b %H:%M})",
        "",
        draft.text,
        "",
    ]
    if not draft.publications:
        lines.append("Not going to any network yet.")
    for p in draft.publications:
        when = f" {p.scheduled_at.astimezone(zone):%a %d %b %H:%M}" if p.scheduled_at else ""
        label = f" ({p.moment_label})" if p.moment_label else ""
        tail = f" — {p.reason}" if p.reason else (f" — {p.url}" if p.url else "")
        lines.append(f"  {p.network.display_name}: {p.state.value}{when}{label}{tail}")
    return "\n".join(lines)


def queue_table(items: Sequence[tuple[Publication, Draft]], zone: ZoneInfo) -> str:
    if not items:
        return "Nothing scheduled."
    lines = []
    for p, d in items:
        instant = p.when  # a post that went out shows when it did
        when = instant.astimezone(zone) if instant else None
        at = f"{when:%a %d %b %H:%M}" if when else "—"
        state = STATE_WORDS.get(p.state, p.state.value)
        text = visible(excerpt(d.text, 40))  # escaped here, so the columns line up
        lines.append(
            f"{at:<16} {p.network.display_name:<9} {state:<16} {p.moment_label or '':<28} #{d.id} {text}"
        )
    return "\n".join(lines)


# The queue's state column, in plain words.
STATE_WORDS = {
    PublicationState.DRAFT: "draft",
    PublicationState.SCHEDULED: "scheduled",
    PublicationState.PUBLISHING: "publishing",
    PublicationState.PUBLISHED: "published",
    PublicationState.FAILED: "failed",
    PublicationState.MISSED: "missed",
    PublicationState.NEEDS_ATTENTION: "needs a decision",
}


def length_line(report: LengthReport) -> str:
    mark = "ok" if report.sendable else "too long"
    thread = f", {report.parts} posts as a thread" if report.parts > 1 else ""
    return f"{report.network.display_name}: {report.length:,} / {report.limit:,} ({mark}{thread})"


def account_json(status: AccountStatus, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "network": status.network.value,
        "state": status.state,
        "handle": status.handle,
        "expires_at": iso(status.expires_at, zone),
    }


def accounts_table(statuses: Sequence[AccountStatus], zone: ZoneInfo) -> str:
    lines = []
    for s in statuses:
        expiry = f"  sign-in valid until {s.expires_at.astimezone(zone):%a %d %b %Y}" if s.expires_at else ""
        handle = f"  {s.handle}" if s.handle else ""
        lines.append(f"{s.network.display_name:<9} {s.state:<17}{handle}{expiry}")
    return "\n".join(lines)

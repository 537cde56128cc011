"""The weekly review: a plain summary of one week's posting, with no points and no streaks.

What the week holds:
- posts per network: publications published in the week, beside the network's weekly target
  ("LinkedIn: 2 of 3"); a network without a target (the sandbox) shows only its count, and only when it
  was used; publications still scheduled later in the week are counted apart, never as posted;
- moments: how many of the week's moments held a published post (its scheduled time, else its publish
  time, falls inside the moment), and the publications whose moment was missed (state `missed`);
- reply-window reminders: the week's published posts that got at least one reminder to answer comments.

A publication belongs to the week when its time (when published, else when scheduled) is in [start, end).
Everything is pure: the caller gathers publications, moments, targets and the reminded ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from somedesk.core.drafts import Publication, PublicationState
from somedesk.core.model import Moment, Network, Target, require_aware


@dataclass(frozen=True, slots=True)
class NetworkTally:
    """One network's week: `posted` published posts against `target` per week (None: no target)."""

    network: Network
    posted: int
    target: int | None
    still_scheduled: int = 0

    @property
    def line(self) -> str:
        name = self.network.display_name
        text = f"{name}: {self.posted}" if self.target is None else f"{name}: {self.posted} of {self.target}"
        if self.still_scheduled:
            text += f" ({self.still_scheduled} more scheduled)"
        return text


@dataclass(frozen=True, slots=True)
class WeekReview:
    start: datetime
    end: datetime
    networks: tuple[NetworkTally, ...]
    moments_total: int
    moments_used: tuple[Moment, ...]
    missed: tuple[Publication, ...]
    reminded: tuple[Publication, ...]


def reminded_ids(refs: Iterable[str]) -> set[int]:
    """Publication ids from reply-reminder notice refs ("publication_id:index"); bad refs are skipped."""
    ids: set[int] = set()
    for ref in refs:
        head, _, _index = ref.partition(":")
        if head.isdigit():
            ids.add(int(head))
    return ids


def _in_week(instant: datetime | None, start: datetime, end: datetime) -> bool:
    return instant is not None and start.astimezone(UTC) <= instant.astimezone(UTC) < end.astimezone(UTC)


def review_week(
    publications: Sequence[Publication],
    moments: Sequence[Moment],
    targets: Mapping[Network, Target],
    reminded: Iterable[int],
    start: datetime,
    end: datetime,
) -> WeekReview:
    """Summarise the week [start, end); `publications` and `moments` may hold more than the week."""
    require_aware(start, "start")
    require_aware(end, "end")
    week = sorted(
        (p for p in publications if p.state is not PublicationState.DRAFT and _in_week(p.when, start, end)),
        key=lambda p: (p.when or start, p.id),
    )
    published = [p for p in week if p.state is PublicationState.PUBLISHED]
    waiting = [p for p in week if p.state is PublicationState.SCHEDULED]

    tallies: list[NetworkTally] = []
    for network in Network:
        posted = sum(1 for p in published if p.network is network)
        still = sum(1 for p in waiting if p.network is network)
        target = targets.get(network)
        if target is None and not posted and not still:
            continue
        tallies.append(NetworkTally(network, posted, target.per_week if target else None, still))

    week_moments = [m for m in moments if _in_week(m.start, start, end)]
    # A post used the moment it was planned for (it may have gone out a little later); one posted at
    # once, the moment it went out in.
    planned = [t for p in published if (t := p.scheduled_at or p.published_at) is not None]
    used = [m for m in week_moments if any(m.interval.contains(t) for t in planned)]
    wanted = set(reminded)
    return WeekReview(
        start=start,
        end=end,
        networks=tuple(tallies),
        moments_total=len(week_moments),
        moments_used=tuple(used),
        missed=tuple(p for p in week if p.state is PublicationState.MISSED),
        reminded=tuple(p for p in published if p.id in wanted),
    )


def _local(instant: datetime | None, zone: ZoneInfo) -> str:
    return "" if instant is None else f"{instant.astimezone(zone):%a %d %b %H:%M}"


def _label(publication: Publication) -> str:
    if publication.moment_label:
        return publication.moment_label
    return publication.moment_kind.value if publication.moment_kind else "chosen time"


def review_text(review: WeekReview, zone: ZoneInfo, first_lines: Mapping[int, str] | None = None) -> str:
    """The review as a few plain lines; `first_lines` maps a draft id to its first line (optional)."""
    lines_of = first_lines or {}
    first = review.start.astimezone(zone)
    last = review.end.astimezone(zone).date() - timedelta(days=1)
    lines = [f"Week of {first:%a %d %b} – {last:%a %d %b %Y}", "", "Posts"]
    lines += [f"  {t.line}" for t in review.networks] or ["  (no networks)"]
    lines += ["", "Moments", f"  Used: {len(review.moments_used)} of {review.moments_total}"]
    lines.append(f"  Missed: {len(review.missed)}")
    for p in review.missed:
        lines.append(f"    {_local(p.scheduled_at, zone)}  {p.network.display_name}  {_label(p)}")
    lines += ["", "Reply-window reminders"]
    if not review.reminded:
        lines.append("  (none)")
    for p in review.reminded:
        title = lines_of.get(p.draft_id, "")
        lines.append(f"  {_local(p.published_at, zone)}  {p.network.display_name}  {title}".rstrip())
    return "\n".join(lines)


def review_json(review: WeekReview, zone: ZoneInfo) -> dict[str, object]:
    def at(instant: datetime | None) -> str | None:
        return None if instant is None else instant.astimezone(zone).isoformat()

    def publication(p: Publication) -> dict[str, object]:
        return {
            "id": p.id,
            "draft": p.draft_id,
            "network": p.network.value,
            "state": p.state.value,
            "scheduled_at": at(p.scheduled_at),
            "published_at": at(p.published_at),
            "kind": p.moment_kind.value if p.moment_kind else None,
        }

    return {
        "start": at(review.start),
        "end": at(review.end),
        "networks": [
            {
                "network": t.network.value,
                "posted": t.posted,
                "target": t.target,
                "scheduled": t.still_scheduled,
            }
            for t in review.networks
        ],
        "moments": {
            "total": review.moments_total,
            "used": len(review.moments_used),
            "missed": [publication(p) for p in review.missed],
        },
        "reply_reminders": [publication(p) for p in review.reminded],
    }

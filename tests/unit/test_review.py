"""The weekly review: posts against targets, moments used and missed, reply-window reminders."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from somedesk.core.drafts import Publication, PublicationState
from somedesk.core.model import Moment, MomentKind, Network, Target
from somedesk.core.review import reminded_ids, review_json, review_text, review_week
from somedesk.core.week_plan import week_bounds

HELSINKI = ZoneInfo("Europe/Helsinki")
LI, X, SANDBOX = Network.LINKEDIN, Network.X, Network.SANDBOX
START, END = week_bounds(date(2026, 6, 3), HELSINKI)  # Mon 1 Jun – Mon 8 Jun 2026
TARGETS = {LI: Target(per_week=3, min_gap_hours=20), X: Target(per_week=5, min_gap_hours=3)}
S = PublicationState


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def lunch(start: str) -> Moment:
    begins = at(start)
    return Moment(begins, begins + timedelta(minutes=30), MomentKind.LUNCH, "Lunch", 0.8, {LI: 0.8})


def pub(
    pid: int,
    network: Network,
    state: PublicationState,
    scheduled: str | None = None,
    published: str | None = None,
) -> Publication:
    return Publication(
        pid,
        pid,
        network,
        state,
        scheduled_at=at(scheduled) if scheduled else None,
        moment_kind=MomentKind.LUNCH if scheduled else None,
        moment_label="Lunch" if scheduled else None,
        published_at=at(published) if published else None,
    )


MOMENTS = [lunch("2026-06-01T11:30"), lunch("2026-06-02T11:30"), lunch("2026-06-03T11:30")]
PUBLICATIONS = [
    pub(1, LI, S.PUBLISHED, "2026-06-01T11:35", "2026-06-01T11:35"),
    pub(2, LI, S.PUBLISHED, None, "2026-06-04T09:00"),  # posted now, at no moment
    pub(3, X, S.MISSED, "2026-06-02T11:40"),
    pub(4, X, S.SCHEDULED, "2026-06-05T11:30"),
    pub(5, LI, S.PUBLISHED, "2026-05-29T11:30", "2026-05-29T11:30"),  # the week before
    pub(6, SANDBOX, S.PUBLISHED, None, "2026-06-07T23:59"),
    pub(7, LI, S.DRAFT),
]


def test_posts_per_network_against_targets() -> None:
    review = review_week(PUBLICATIONS, MOMENTS, TARGETS, set(), START, END)
    assert [t.line for t in review.networks] == [
        "LinkedIn: 2 of 3",
        "X: 0 of 5 (1 more scheduled)",
        "Sandbox: 1",
    ]


def test_a_network_without_a_target_or_posts_is_left_out() -> None:
    review = review_week([], [], TARGETS, set(), START, END)
    assert [t.line for t in review.networks] == ["LinkedIn: 0 of 3", "X: 0 of 5"]
    assert review.moments_total == 0 and not review.missed and not review.reminded


def test_moments_used_and_missed() -> None:
    review = review_week(PUBLICATIONS, [*MOMENTS, lunch("2026-06-08T11:30")], TARGETS, set(), START, END)
    assert review.moments_total == 3  # the next Monday's moment is outside the week
    assert review.moments_used == (MOMENTS[0],)
    assert [p.id for p in review.missed] == [3]


def test_reply_window_reminders_come_from_the_notice_refs() -> None:
    ids = reminded_ids(["1:0", "1:1", "5:0", "3:0", "junk", ":2"])
    assert ids == {1, 5, 3}
    review = review_week(PUBLICATIONS, MOMENTS, TARGETS, ids, START, END)
    assert [p.id for p in review.reminded] == [1]  # 5 is last week's, 3 was never published


def test_the_text_is_plain_and_the_json_matches() -> None:
    review = review_week(PUBLICATIONS, MOMENTS, TARGETS, {1}, START, END)
    text = review_text(review, HELSINKI, {1: "Our new office"})
    assert text.splitlines()[0] == "Week of Mon 01 Jun – Sun 07 Jun 2026"
    assert "  LinkedIn: 2 of 3" in text
    assert "  Used: 1 of 3" in text and "  Missed: 1" in text
    assert "    Tue 02 Jun 11:40  X  Lunch" in text
    assert "  Mon 01 Jun 11:35  LinkedIn  Our new office" in text
    assert not any(word in text.lower() for word in ("streak", "point", "score"))
    data = review_json(review, HELSINKI)
    assert data["start"] == "2026-06-01T00:00:00+03:00" and data["end"] == "2026-06-08T00:00:00+03:00"
    assert data["networks"] == [
        {"network": "linkedin", "posted": 2, "target": 3, "scheduled": 0},
        {"network": "x", "posted": 0, "target": 5, "scheduled": 1},
        {"network": "sandbox", "posted": 1, "target": None, "scheduled": 0},
    ]
    assert data["moments"] == {
        "total": 3,
        "used": 1,
        "missed": [
            {
                "id": 3,
                "draft": 3,
                "network": "x",
                "state": "missed",
                "scheduled_at": "2026-06-02T11:40:00+03:00",
                "published_at": None,
                "kind": "lunch",
            }
        ],
    }
    reminders = data["reply_reminders"]
    assert isinstance(reminders, list) and [r["id"] for r in reminders] == [1]

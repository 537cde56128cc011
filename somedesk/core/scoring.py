"""How good a moment is for posting, per publishing network: a score in [0, 1].

A score is the product of three factors, each in [0, 1]:
  engagement prior (network, weekday, hour)  x  kind factor  x  follow-up factor (LinkedIn only).
Pure and deterministic: the same moment always scores the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from somedesk.core.model import MomentKind, Network

# The networks a person publishes to; the sandbox borrows the best of these (`Moment.score_for`).
PUBLISHING_NETWORKS: tuple[Network, ...] = (Network.LINKEDIN, Network.X)

# Lunch and commutes are unhurried; before a meeting time is tight, so it ranks a little lower.
KIND_FACTOR: Mapping[MomentKind, float] = {
    MomentKind.COMMUTE: 1.0,
    MomentKind.LUNCH: 1.0,
    MomentKind.BEFORE_MEETING: 0.85,
}

# People answer the first comments in the half hour after posting, and LinkedIn's feed rewards a
# post whose author replies early. A moment whose next half hour is all busy keeps FOLLOW_UP_FLOOR.
FOLLOW_UP_MINUTES = 30
FOLLOW_UP_FLOOR = 0.6

# Engagement priors. Their shape follows what the public "best time to post" studies (Sprout Social,
# Hootsuite, Buffer; 2023-2025) broadly agree on, not any one number of theirs:
# - LinkedIn: weekday business hours; best Tue-Thu from about 8 to 12, decent around midday,
#   fading through the afternoon; Monday a little weaker, Friday clearly weaker.
# - X: good across weekday daytime with peaks mid-morning and at lunchtime; Friday only slightly weaker.
# Evenings (from 19:00) and nights (before 06:00) are 0 by our own policy, not by the data: we do not
# want people on professional social media then.
# Hour of the day, 0-23 (local wall clock of the moment's start).
# fmt: off
_LINKEDIN_BY_HOUR: tuple[float, ...] = (
    0, 0, 0, 0, 0, 0,                               # 00-05 night
    0.30, 0.55, 0.85, 0.95, 1.00, 0.95,             # 06-11 morning peak
    0.85, 0.75, 0.65, 0.55, 0.45, 0.35, 0.20,       # 12-18 midday, fading afternoon
    0, 0, 0, 0, 0,                                  # 19-23 evening
)
_X_BY_HOUR: tuple[float, ...] = (
    0, 0, 0, 0, 0, 0,                               # 00-05 night
    0.35, 0.55, 0.75, 0.90, 1.00, 0.90,             # 06-11 rising to the mid-morning peak
    1.00, 0.90, 0.80, 0.75, 0.70, 0.60, 0.45,       # 12-18 lunchtime peak, steady afternoon
    0, 0, 0, 0, 0,                                  # 19-23 evening
)
# Weekday, Monday first. Weekends only matter for people whose routine works them.
_LINKEDIN_BY_WEEKDAY: tuple[float, ...] = (0.85, 1.00, 1.00, 0.95, 0.70, 0.30, 0.30)
_X_BY_WEEKDAY: tuple[float, ...] = (0.95, 1.00, 1.00, 1.00, 0.90, 0.55, 0.50)
# fmt: on

_PRIOR: Mapping[Network, tuple[tuple[float, ...], tuple[float, ...]]] = {
    Network.LINKEDIN: (_LINKEDIN_BY_HOUR, _LINKEDIN_BY_WEEKDAY),
    Network.X: (_X_BY_HOUR, _X_BY_WEEKDAY),
}


def engagement_prior(network: Network, local_start: datetime) -> float:
    """How well a post started at this local wall-clock time tends to do on `network`, in [0, 1]."""
    by_hour, by_weekday = _PRIOR[network]
    return by_hour[local_start.hour] * by_weekday[local_start.weekday()]


def follow_up_factor(free_follow_up_minutes: float) -> float:
    """FOLLOW_UP_FLOOR when the half hour after posting is all busy, 1 when it is all free."""
    free_share = min(max(free_follow_up_minutes / FOLLOW_UP_MINUTES, 0.0), 1.0)
    return FOLLOW_UP_FLOOR + (1 - FOLLOW_UP_FLOOR) * free_share


def score_for_network(
    network: Network, kind: MomentKind, local_start: datetime, free_follow_up_minutes: float
) -> float:
    """One network's score for a moment, rounded to 2 decimals.

    `local_start` is the moment's start in the routine's zone: the prior reads its wall clock.
    `free_follow_up_minutes` is how much of the FOLLOW_UP_MINUTES from the start is free.
    """
    score = engagement_prior(network, local_start) * KIND_FACTOR[kind]
    if network is Network.LINKEDIN:
        score *= follow_up_factor(free_follow_up_minutes)
    return round(min(max(score, 0.0), 1.0), 2)


def score_moment(
    kind: MomentKind, local_start: datetime, free_follow_up_minutes: float
) -> dict[Network, float]:
    """The score per publishing network for a moment of `kind` starting at `local_start`."""
    return {
        network: score_for_network(network, kind, local_start, free_follow_up_minutes)
        for network in PUBLISHING_NETWORKS
    }


def best_score(scores: Mapping[Network, float]) -> float:
    """`Moment.score`: the best of the per-network scores (0 when there are none)."""
    return max(scores.values(), default=0.0)

"""Why the planning engine chose a moment, as data: what made a moment cost more (`Cost`), the rule
that ruled a better one out (`Refusal`, `PassedOver`) and the whole explanation (`Why`). Each says
itself in English (`line`, `Why.lines`: `schedule --next --explain`); the windows say the same data
in the person's language (gui/planning_text.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from somedesk.core.model import MomentKind, Network, require_aware


class CostKind(StrEnum):
    """What made a moment cost more (see the module's cost formula)."""

    WAITING = "waiting"  # days from `after`
    CROWDING = "crowding"  # nearer than an even spread to another post of the network
    SHARED = "shared"  # another network's post is in the same moment
    REPEATED = "repeated"  # posts of the same kind already that week


@dataclass(frozen=True, slots=True)
class Cost:
    """One addition to a moment's cost, as data (the GUI says it in the person's language; `line`
    is the English of `schedule --next --explain`). Only the values of its `kind` are set:
    WAITING `days`; CROWDING `days` to the nearest post of `network` and the even `spacing`;
    SHARED the `networks` already there; REPEATED `count` posts of `moment_kind`."""

    kind: CostKind
    amount: float
    days: float = 0.0
    spacing: float = 0.0
    network: Network | None = None
    networks: tuple[Network, ...] = ()
    count: int = 0
    moment_kind: MomentKind | None = None

    @property
    def shown(self) -> bool:
        """Whether the explanation mentions it (an amount that rounds to +0.00 is left out)."""
        return self.amount >= 0.005

    @property
    def line(self) -> str:
        if self.kind is CostKind.WAITING:
            return f"{self.days:.1f} days of waiting"
        if self.kind is CostKind.CROWDING:
            name = self.network.display_name if self.network is not None else ""
            return f"{self.days:.1f} days from another {name} post (an even spread is {self.spacing:.1f})"
        if self.kind is CostKind.SHARED:
            return f"{', '.join(o.display_name for o in self.networks)} already in this moment"
        kind = self.moment_kind.value if self.moment_kind is not None else ""
        return f"{self.count} {kind} post(s) already that week"


class Rule(StrEnum):
    """The hard rule that ruled a moment out."""

    TAKEN = "taken"  # the network already has a post in the moment
    GAP = "gap"  # under the target's `min_gap_hours` from another post of the network
    WEEK_FULL = "week-full"  # the week already holds the target's `per_week` posts
    QUEUE = "queue"  # an older draft the engine placed goes first


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a moment is not eligible: the `rule`, with its numbers (GAP `hours`, WEEK_FULL `per_week`)."""

    rule: Rule
    network: Network
    hours: float = 0.0
    per_week: int = 0

    @property
    def line(self) -> str:
        name = self.network.display_name
        if self.rule is Rule.TAKEN:
            return f"{name} is already there"
        if self.rule is Rule.GAP:
            return f"under {self.hours:g} h from another {name} post"
        if self.rule is Rule.WEEK_FULL:
            return f"{name} has its {self.per_week} posts that week"
        return "an older draft goes first"


@dataclass(frozen=True, slots=True)
class PassedOver:
    """A better-scoring moment before the chosen one that a hard rule ruled out: its start `at` (in the
    routine's zone; trimmed to `after` when it was under way), its `label` and `kind`, and the rule."""

    at: datetime
    label: str
    kind: MomentKind
    refusal: Refusal

    def __post_init__(self) -> None:
        require_aware(self.at, "PassedOver.at")

    @property
    def line(self) -> str:
        return f"{self.at:%a %d %b %H:%M} ({self.refusal.line})"


@dataclass(frozen=True, slots=True)
class Why:
    """Why the engine chose a moment: its kind, the audience at that hour, the free minutes in it for
    replies, what made it cost more, and the better-scoring moments it passed over (and why).
    All data: `lines` says it in English (the CLI); the GUI says it in the person's language."""

    kind: MomentKind
    score: float
    audience: float
    free_minutes: int
    costs: tuple[Cost, ...] = ()
    avoided: tuple[PassedOver, ...] = ()

    def lines(self) -> list[str]:
        lines = [
            f"{self.kind.value} moment, score {self.score:.2f} "
            f"(audience {self.audience:.2f} at this hour, {self.free_minutes} free minutes for replies)"
        ]
        lines += [f"cost +{cost.amount:.2f}: {cost.line}" for cost in self.costs if cost.shown]
        lines += [f"passed over {passed.line}" for passed in self.avoided]
        return lines

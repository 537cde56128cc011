"""The shown week as a Qt model: one row per post (a card), plus the week's moments, busy time and
Plan-my-week proposals as layers the grid paints beneath and between the cards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from somedesk.app.gate import Mark
from somedesk.app.services import Somedesk
from somedesk.core.drafts import Draft, Publication, PublicationState
from somedesk.core.model import BusyBlock, Moment, Network
from somedesk.core.planning import Scheduled
from somedesk.core.routine import Routine
from somedesk.core.week_plan import Proposal, week_bounds, week_monday
from somedesk.gui.labels import clock
from somedesk.gui.planner.week_data import COUNTED_STATES, CalendarPart, StorePart

CARD_ROLE = Qt.ItemDataRole.UserRole + 1
_CHANGEABLE = frozenset(
    {
        PublicationState.SCHEDULED,
        PublicationState.MISSED,
        PublicationState.FAILED,
        PublicationState.NEEDS_ATTENTION,
    }
)
FIRST_WORDS = 8


def day_title(day: date) -> str:
    """ "Mon 7.12." in the person's language."""
    name = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{name} {day.day}.{day.month}."


def when_text(at: datetime, zone: ZoneInfo) -> str:
    """ "Mon 7.12. 11:30" ("ma 7.12. klo 11.30") at the routine's wall clock."""
    local = at.astimezone(zone)
    return QCoreApplication.translate("WeekModel", "{day} {time}", "a day and a time of day").format(
        day=day_title(local.date()), time=clock(local)
    )


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


@dataclass(frozen=True, slots=True)
class Card:
    """One post in the week: a publication, its draft and where it sits (local time)."""

    publication: Publication
    draft: Draft
    at: datetime

    @property
    def network(self) -> Network:
        return self.publication.network

    @property
    def state(self) -> PublicationState:
        return self.publication.state

    @property
    def movable(self) -> bool:
        """It can be dragged elsewhere, posted now or unscheduled: it has not gone out."""
        return self.state in _CHANGEABLE

    @property
    def editable(self) -> bool:
        return self.state not in (PublicationState.PUBLISHING, PublicationState.PUBLISHED)


@dataclass(frozen=True, slots=True)
class Rhythm:
    """How a network's week is going: `done` posts (scheduled or out) of `per_week`, plus proposals."""

    network: Network
    done: int
    per_week: int
    proposed: int


class WeekModel(QAbstractListModel):
    """The week's cards (rows) and layers.

    Signals:
        week_changed: another week is shown (its data follows when loaded).
        drafts_changed: the drafts waiting were read again.
        layers_changed: moments, busy time or proposals changed (the cards signal a model reset).
    """

    week_changed = Signal()
    layers_changed = Signal()
    drafts_changed = Signal()

    def __init__(self, app: Somedesk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.monday = week_monday(app.today())
        self.cards: list[Card] = []
        self.drafts: list[Draft] = []
        self.counted: list[Scheduled] = []
        self.moments: list[Moment] = []
        self.busy: list[BusyBlock] = []
        self.problems: list[str] = []
        self.proposals: list[Proposal] = []
        self.marks: dict[int, Mark] = {}  # drafts whose text the policy flags (the cards are marked)
        self.store_loaded = False
        self.calendars_loaded = False
        self.drafts_loaded = False

    # The week ----------------------------------------------------------------------------

    @property
    def routine(self) -> Routine:
        return self.app.config.routine  # read each time: Settings may change the config

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return week_bounds(self.monday, self.routine.zone)

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    @property
    def is_current(self) -> bool:
        return self.monday == week_monday(self.app.today())

    def now(self) -> datetime:
        return self.app.clock()

    def show_week(self, day: date) -> None:
        monday = week_monday(day)
        if monday == self.monday:
            return
        self.beginResetModel()
        self.monday = monday
        self.cards = []
        self.moments, self.busy, self.problems, self.proposals = [], [], [], []
        self.store_loaded = self.calendars_loaded = False
        self.endResetModel()
        self.week_changed.emit()
        self.layers_changed.emit()

    # Loading -----------------------------------------------------------------------------

    def apply_store(self, part: StorePart) -> None:
        if part.monday != self.monday:
            return  # loaded for a week no longer shown
        zone = self.routine.zone
        self.beginResetModel()
        self.cards = [Card(p, d, at.astimezone(zone)) for p, d in part.items if (at := p.when) is not None]
        self.counted = part.counted
        self.marks = dict(part.marks)
        self.store_loaded = True
        self.endResetModel()

    def apply_drafts(self, drafts: list[Draft]) -> None:
        """The drafts waiting changed; proposals for a draft no longer waiting go."""
        self.drafts = drafts
        self.drafts_loaded = True
        self.drafts_changed.emit()
        waiting = {
            (d.id, p.network)
            for d in self.drafts
            for p in d.publications
            if p.state is PublicationState.DRAFT
        }
        kept = [p for p in self.proposals if (p.draft_id, p.network) in waiting]
        if kept != self.proposals:
            self.set_proposals(kept)
        elif self.proposals:
            self.layers_changed.emit()  # the ghost cards show the drafts' words

    def apply_calendars(self, part: CalendarPart) -> None:
        if part.monday != self.monday:
            return
        self.moments, self.busy, self.problems = part.moments, part.busy, part.problems
        self.calendars_loaded = True
        self.layers_changed.emit()

    def set_marks(self, marks: dict[int, Mark]) -> None:
        self.marks = dict(marks)
        self.layers_changed.emit()

    def set_proposals(self, proposals: list[Proposal]) -> None:
        self.proposals = proposals
        self.layers_changed.emit()

    def drop_proposals(self, gone: list[Proposal]) -> None:
        self.set_proposals([p for p in self.proposals if p not in gone])

    # Looking things up -------------------------------------------------------------------

    def card_for(self, publication_id: int) -> Card | None:
        return next((c for c in self.cards if c.publication.id == publication_id), None)

    def draft(self, draft_id: int) -> Draft | None:
        return next((d for d in self.drafts if d.id == draft_id), None)

    def moment_at(self, instant: datetime) -> Moment | None:
        return next((m for m in self.moments if m.interval.contains(instant)), None)

    def rhythm(self) -> list[Rhythm]:
        counts: dict[Network, int] = {}
        for card in self.cards:
            if card.state in COUNTED_STATES:
                counts[card.network] = counts.get(card.network, 0) + 1
        return [
            Rhythm(
                network,
                counts.get(network, 0),
                target.per_week,
                sum(1 for p in self.proposals if p.network is network),
            )
            for network, target in self.app.config.targets.items()
        ]

    # QAbstractListModel ------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cards)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.cards):
            return None
        card = self.cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            day = QLocale().dayName(card.at.isoweekday(), QLocale.FormatType.ShortFormat)
            return f"{day} {clock(card.at)} {card.network.display_name}: {first_words(card.draft.text)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return card.draft.text
        if role == CARD_ROLE:
            return card
        return None


def card_tooltip(cards: Sequence[Card], detail: str) -> str:
    """A card's tooltip: its networks and detail (state, time, moment), its text, and any reasons."""
    networks = ", ".join(c.network.display_name for c in cards)
    lines = [f"{networks} · {detail}", cards[0].draft.text[:400]]
    lines.extend(c.publication.reason for c in cards if c.publication.reason)
    return "\n".join(lines)

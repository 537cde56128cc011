"""The queue as Qt models over the store: one row per publication that left the drafts, one per draft,
and a filtering, sorting proxy for the Queue window's tabs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from somedesk.app.gate import Mark
from somedesk.app.services import Somedesk
from somedesk.core.drafts import Draft, Publication, PublicationState, excerpt
from somedesk.core.model import Network
from somedesk.gui.labels import POLICY_SIGNS, local_text, stored_label
from somedesk.gui.messages import stored_reason
from somedesk.gui.network_icons import network_icon, networks_pixmap
from somedesk.store.phone import SENT_TO_PHONE

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the QueueRow itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a plain Python value the proxy compares
STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # the PublicationState's value ("failed")

_Index = QModelIndex | QPersistentModelIndex
TEXT_WIDTH = 60

DECISION_STATES = frozenset(
    {PublicationState.FAILED, PublicationState.MISSED, PublicationState.NEEDS_ATTENTION}
)
# The person can still change these: nothing has gone out and nothing is going out right now.
MOVABLE_STATES = frozenset({PublicationState.SCHEDULED, *DECISION_STATES})

_COLOURS = {
    PublicationState.FAILED: QColor("#c62828"),
    PublicationState.NEEDS_ATTENTION: QColor("#b45309"),
    PublicationState.MISSED: QColor("#b45309"),
    PublicationState.PUBLISHED: QColor("#2e7d32"),
    PublicationState.PUBLISHING: QColor("#1565c0"),
}


class Column(IntEnum):
    WHEN = 0
    NETWORK = 1
    STATE = 2
    MOMENT = 3
    TEXT = 4
    DETAIL = 5


class QueueFilter(StrEnum):
    ALL = "all"
    DRAFTS = "drafts"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    DECISION = "decision"  # failed, missed or needs attention: the person chooses what happens


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the queue: a publication, or a draft's not-yet-scheduled networks (`publication` None)."""

    draft: Draft
    publication: Publication | None

    @property
    def key(self) -> tuple[str, int]:
        if self.publication is None:
            return ("draft", self.draft.id)
        return ("publication", self.publication.id)

    @property
    def state(self) -> PublicationState:
        return PublicationState.DRAFT if self.publication is None else self.publication.state

    @property
    def networks(self) -> tuple[Network, ...]:
        if self.publication is not None:
            return (self.publication.network,)
        return tuple(p.network for p in self.draft_publications)

    @property
    def draft_publications(self) -> tuple[Publication, ...]:
        """The publications this row acts on: its own, or the draft's that are still drafts."""
        if self.publication is not None:
            return (self.publication,)
        return tuple(p for p in self.draft.publications if p.state is PublicationState.DRAFT)

    @property
    def when(self) -> datetime | None:
        p = self.publication
        if p is None:
            return None
        if p.state is PublicationState.PUBLISHED and p.published_at is not None:
            return p.published_at
        return p.scheduled_at

    @property
    def category(self) -> QueueFilter:
        state = self.state
        if state is PublicationState.DRAFT:
            return QueueFilter.DRAFTS
        if state is PublicationState.PUBLISHED:
            return QueueFilter.PUBLISHED
        if state in DECISION_STATES:
            return QueueFilter.DECISION
        return QueueFilter.SCHEDULED  # scheduled, or being published right now

    def shown_in(self, which: QueueFilter) -> bool:
        return which is QueueFilter.ALL or self.category is which


def queue_rows(app: Somedesk) -> list[QueueRow]:
    """The queue's rows: everything that left the drafts, then each draft's networks still in draft."""
    rows = [QueueRow(draft, publication) for publication, draft in app.queue()]
    for draft in app.drafts():
        if not draft.publications or any(p.state is PublicationState.DRAFT for p in draft.publications):
            rows.append(QueueRow(draft, None))
    return rows


class QueueModel(QAbstractTableModel):
    """The queue's rows, read from the store; `reload()` updates rows in place, so selections survive."""

    def __init__(self, app: Somedesk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self._rows: list[QueueRow] = []
        self.marks: dict[int, Mark] = {}  # drafts whose text the policy flags (set off the GUI thread)
        self._headers = {
            Column.WHEN: self.tr("When"),
            Column.NETWORK: self.tr("Network"),
            Column.STATE: self.tr("State"),
            Column.MOMENT: self.tr("Moment"),
            Column.TEXT: self.tr("Text"),
            Column.DETAIL: self.tr("Reason / address"),
        }
        self._state_names = {
            PublicationState.DRAFT: self.tr("Draft"),
            PublicationState.SCHEDULED: self.tr("Scheduled"),
            PublicationState.PUBLISHING: self.tr("Publishing…"),
            PublicationState.PUBLISHED: self.tr("Published"),
            PublicationState.FAILED: self.tr("Failed"),
            PublicationState.MISSED: self.tr("Missed"),
            PublicationState.NEEDS_ATTENTION: self.tr("Needs attention"),
        }
        self.reload()

    # Loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the store: changed rows update, gone rows are removed, new rows are appended."""
        fresh = {row.key: row for row in queue_rows(self.app)}
        for position in reversed(range(len(self._rows))):
            if self._rows[position].key not in fresh:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._rows[position]
                self.endRemoveRows()
        last = self.columnCount() - 1
        for position, row in enumerate(self._rows):
            new = fresh.pop(row.key)
            if new != row:
                self._rows[position] = new
                self.dataChanged.emit(self.index(position, 0), self.index(position, last))
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh.values())
            self.endInsertRows()

    def set_marks(self, marks: dict[int, Mark]) -> None:
        if marks != self.marks:
            self.marks = dict(marks)
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1)
                )

    def row_at(self, position: int) -> QueueRow:
        return self._rows[position]

    def rows(self) -> list[QueueRow]:
        return list(self._rows)

    def state_name(self, state: PublicationState) -> str:
        return self._state_names[state]

    # QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[Column(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column is Column.NETWORK and row.networks:
            # The network's icon beside its name: a glance down the column tells LinkedIn from X.
            if len(row.networks) == 1:
                return network_icon(row.networks[0])
            return networks_pixmap(row.networks)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == ROW_ROLE:
            return row
        if role == STATE_ROLE:
            return row.state.value
        return None

    def _display(self, row: QueueRow, column: Column) -> str:
        publication = row.publication
        if column is Column.WHEN:
            when = row.when
            return local_text(when, self.app.config.routine.zone) if when else ""
        if column is Column.NETWORK:
            return ", ".join(n.display_name for n in row.networks) or self.tr("no network yet")
        if column is Column.STATE:
            if sent_to_phone(row):
                return self.tr("Sent to your phone")
            return self._state_names[row.state]
        if column is Column.MOMENT:
            return stored_label(publication.moment_label) if publication else ""
        if column is Column.TEXT:
            return POLICY_SIGNS.get(self.marks.get(row.draft.id, ""), "") + excerpt(
                row.draft.text, TEXT_WIDTH
            )
        if publication is None:
            return ""
        if publication.state is PublicationState.PUBLISHED:
            return publication.url or ""
        if sent_to_phone(row):
            return self.tr("The computer was away at its moment; your phone reminded you.")
        return stored_reason(publication, self.app.config.routine)

    def _tooltip(self, row: QueueRow, column: Column) -> str | None:
        if column is Column.TEXT:
            mark = self.marks.get(row.draft.id)
            if mark is None:
                return row.draft.text
            said = {
                Mark.BLOCKED: self.tr("The policy blocks words in this post: it will not go out as it is."),
                Mark.WARNED: self.tr("The policy warns about words in this post."),
                Mark.ACCEPTED: self.tr(
                    "The policy warns about words in this post; you chose to post it anyway."
                ),
            }[mark]
            return f"{said}\n\n{row.draft.text}"
        detail = self._display(row, Column.DETAIL)
        return detail or None

    def _colour(self, row: QueueRow, column: Column) -> QColor | None:
        if row.state is PublicationState.DRAFT:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        # The state and what it says (reason, address) carry the colour; the rest stays readable.
        return _COLOURS.get(row.state) if column in (Column.STATE, Column.DETAIL) else None

    def _sort_key(self, row: QueueRow, column: Column) -> tuple[Any, ...]:
        if column is Column.WHEN:
            # Rows without a time (drafts) come after the timed ones, newest edit first among them.
            when = row.when
            if when is None:
                return (1, -row.draft.updated_at.timestamp(), row.draft.id)
            return (0, when.timestamp(), row.draft.id)
        return (self._display(row, column).casefold(), row.draft.id)


class QueueProxy(QSortFilterProxyModel):
    """The rows one Queue tab shows, sorted on plain Python keys (times, not their text)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = QueueFilter.ALL
        self.setSortRole(SORT_ROLE)

    @property
    def current_filter(self) -> QueueFilter:
        return self._filter

    def set_filter(self, which: QueueFilter) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateRowsFilter() is deprecated there
            self.beginFilterChange()
            self._filter = which
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._filter = which
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, QueueModel):
            return True
        return model.row_at(source_row).shown_in(self._filter)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))


def sent_to_phone(row: QueueRow) -> bool:
    """The post went to the person's phone while the computer was away: it waits for "I posted it",
    "Post now", "Next moment" or "Back to drafts"."""
    publication = row.publication
    return (
        publication is not None
        and publication.state is PublicationState.MISSED
        and publication.reason_code == SENT_TO_PHONE
    )

"""The drafts panel beside the week: the drafts still waiting, each draggable onto the grid."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from somedesk.core.drafts import Draft, PublicationState
from somedesk.core.model import Network
from somedesk.gui.planner.mime import DRAFT_MIME, draft_mime
from somedesk.gui.planner.week_painter import NETWORK_COLOURS, network_badge

DRAFT_ROLE = Qt.ItemDataRole.UserRole + 1
BADGE = 14


def waiting_networks(draft: Draft) -> list[Network]:
    return [p.network for p in draft.publications if p.state is PublicationState.DRAFT]


class DraftsModel(QAbstractListModel):
    """The waiting drafts, oldest first; dragging one carries its id (DRAFT_MIME)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.drafts: list[Draft] = []
        self._icons: dict[tuple[Network, ...], QIcon] = {}

    def set_drafts(self, drafts: Sequence[Draft]) -> None:
        if list(drafts) == self.drafts:
            return
        self.beginResetModel()
        self.drafts = list(drafts)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.drafts)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.drafts):
            return None
        draft = self.drafts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # tr() outside the f-string: lupdate does not look inside one.
            networks = ", ".join(n.display_name for n in waiting_networks(draft)) or self.tr("No network yet")
            return f"{draft.first_line}\n{networks}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return draft.text
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(tuple(waiting_networks(draft)))
        if role == DRAFT_ROLE:
            return draft
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [DRAFT_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = [i.row() for i in indexes if i.isValid()]
        return draft_mime(self.drafts[rows[0]].id) if rows else QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def _icon(self, networks: tuple[Network, ...]) -> QIcon:
        icon = self._icons.get(networks)
        if icon is None:
            # Drawn at 1x, 2x and 3x: the icon hands a HiDPI screen the sharp one, not an upscaled blur.
            icon = QIcon()
            for ratio in (1, 2, 3):
                icon.addPixmap(_badges(networks, ratio))
            self._icons[networks] = icon
        return icon


def _badges(networks: tuple[Network, ...], ratio: int = 1) -> QPixmap:
    """The networks' badges side by side, or an empty outline for a draft without one, `ratio` times
    the size the list shows them at."""
    shown = networks[:2]
    pixmap = QPixmap((2 * BADGE + 2) * ratio, BADGE * ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.scale(ratio, ratio)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont()
    font.setPixelSize(8)
    font.setBold(True)
    for i, network in enumerate(shown):
        network_badge(painter, _rect(i), network, font)
    if not shown:
        painter.setPen(QColor(NETWORK_COLOURS[Network.SANDBOX]))
        painter.drawRoundedRect(_rect(0).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
    painter.end()
    return pixmap


def _rect(i: int) -> QRectF:
    return QRectF(i * (BADGE + 2), 0, BADGE, BADGE)


class DraftsPanel(QWidget):
    """The list, a line that says what to do with it, and a way to write a draft when there is none."""

    def __init__(
        self, model: DraftsModel, write_draft: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.view = QListView()
        self.view.setModel(model)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Items as wide as the panel, so long first lines end in … instead of a sideways scroll.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setSpacing(2)
        self.view.setIconSize(QSize(2 * BADGE + 2, BADGE))
        self.view.setAccessibleName(self.tr("Drafts waiting"))
        self.empty = QLabel(self.tr("No drafts waiting. Write one and it appears here."))
        self.empty.setWordWrap(True)
        self.write = QPushButton(self.tr("Quick post…"))
        self.write.clicked.connect(write_draft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.write)
        model.modelReset.connect(self._refresh)
        self._refresh()

    def _refresh(self) -> None:
        count = self.model.rowCount()
        self.title.setText(
            self.tr("Drafts ({count}) — drag one onto the week").format(count=count)
            if count
            else self.tr("Drafts")
        )
        self.empty.setVisible(count == 0)

    def selected_draft_id(self) -> int | None:
        """The draft picked in the list (Enter on a moment in the week schedules it there)."""
        rows = self.view.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.model.drafts):
            return None
        return self.model.drafts[rows[0].row()].id

    def sizeHint(self) -> QSize:
        return QSize(240, 400)

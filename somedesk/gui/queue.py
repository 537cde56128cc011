"""The Queue window: drafts, what is scheduled, what went out, and what needs a decision — with the
actions that settle each (open, edit, retry or post now, move to the next moment, back to drafts,
delete). Retry is offered only when it can succeed: not while the policy still blocks the text, nor
while the network's sign-in is missing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from somedesk.app.gate import PolicyRefusal
from somedesk.app.scheduling import ScheduledItem
from somedesk.core.changes import Change
from somedesk.core.drafts import PublicationState
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.geometry import remember_geometry
from somedesk.gui.labels import local_text, moment_label
from somedesk.gui.messages import user_message
from somedesk.gui.planner.edit_dialog import EditDraftDialog
from somedesk.gui.queue_details import RetryCheck, row_details
from somedesk.gui.queue_model import (
    DECISION_STATES,
    MOVABLE_STATES,
    ROW_ROLE,
    Column,
    QueueFilter,
    QueueModel,
    QueueProxy,
    QueueRow,
    sent_to_phone,
)

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #c62828;"


class QueueWindow(QWidget):
    """The queue, filtered by tabs, with the selected row's text and actions below it."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._background = Background(self)
        self._warned: int | None = None  # the draft the policy gate last warned about here (asked once)
        self.setWindowTitle(self.tr("Queue — somedesk"))
        self.resize(980, 560)
        remember_geometry(self, ctx, "queue")
        self.model = QueueModel(ctx.app, self)
        self.proxy = QueueProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.proxy.sort(Column.WHEN, Qt.SortOrder.AscendingOrder)
        ctx.bridge.changed.connect(self._changed)
        self._update_tabs()
        self._selection_changed()
        self._load_marks()

    # Building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabBar(self)
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Show"))
        self._filters = list(QueueFilter)
        for _ in self._filters:
            self.tabs.addTab("")
        self.tabs.currentChanged.connect(self._tab_changed)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Posts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (Column.WHEN, Column.NETWORK, Column.STATE, Column.MOMENT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.DETAIL, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Column.DETAIL, 220)
        header.setSortIndicator(Column.WHEN, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._double_clicked)

        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setAccessibleName(self.tr("Selected post"))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        self.open_button = QPushButton(self.tr("Open"), self)
        self.posted_button = QPushButton(self.tr("I posted it"), self)  # a post sent to the phone
        self.posted_button.clicked.connect(self.posted_selected)
        self.posted_button.setVisible(False)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.edit_dialog: EditDraftDialog | None = None
        self._retry = RetryCheck(self.ctx, self._background, self._selection_changed)
        self.publish_button = QPushButton(self.tr("Post now"), self)
        self.next_button = QPushButton(self.tr("Move to next moment"), self)
        self.unschedule_button = QPushButton(self.tr("Back to drafts"), self)
        self.delete_button = QPushButton(self.tr("Delete draft…"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.publish_button.clicked.connect(self.publish_selected)
        self.next_button.clicked.connect(self.move_selected_to_next_moment)
        self.unschedule_button.clicked.connect(self.unschedule_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        for button in (
            self.open_button,
            self.posted_button,
            self.edit_button,
            self.publish_button,
            self.next_button,
            self.unschedule_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    # Reloading -----------------------------------------------------------------------------

    def _changed(self, what: Change) -> None:
        # The queue shows posts with their drafts' text and waits on accounts.
        if what & (Change.DRAFTS | Change.PUBLICATIONS | Change.ACCOUNTS):
            self.reload()

    def reload(self) -> None:
        self.model.reload()
        self._update_tabs()
        self._selection_changed()
        self._load_marks()

    def _load_marks(self) -> None:
        """Which texts the policy flags: read off the GUI thread (the policy may be a link)."""
        app, drafts = self.ctx.app, [r.draft for r in self.model.rows()]
        self._background.run(lambda: app.policy_marks(drafts), self.model.set_marks, lambda _m: None)

    def _update_tabs(self) -> None:
        rows = self.model.rows()
        decisions = sum(1 for r in rows if r.state in DECISION_STATES)
        titles = {
            QueueFilter.ALL: self.tr("All"),
            QueueFilter.DRAFTS: self.tr("Drafts"),
            QueueFilter.SCHEDULED: self.tr("Scheduled"),
            QueueFilter.PUBLISHED: self.tr("Published"),
            QueueFilter.DECISION: self.tr("Needs a decision ({count})").format(count=decisions)
            if decisions
            else self.tr("Needs a decision"),
        }
        for position, which in enumerate(self._filters):
            self.tabs.setTabText(position, titles[which])
        empty = self.proxy.rowCount() == 0
        self.empty.setVisible(empty)
        self.empty.setText(self._empty_text(self.proxy.current_filter) if empty else "")

    def _empty_text(self, which: QueueFilter) -> str:
        return {
            QueueFilter.ALL: self.tr("Nothing here yet. Write a draft with Quick post from the tray."),
            QueueFilter.DRAFTS: self.tr("No drafts waiting."),
            QueueFilter.SCHEDULED: self.tr("Nothing is scheduled. Pick a moment in the planner."),
            QueueFilter.PUBLISHED: self.tr("Nothing published yet."),
            QueueFilter.DECISION: self.tr("Nothing needs a decision."),
        }[which]

    def show_filter(self, which: QueueFilter) -> None:
        self.tabs.setCurrentIndex(self._filters.index(which))

    def _tab_changed(self, position: int) -> None:
        self.proxy.set_filter(self._filters[position])
        self._update_tabs()
        self._selection_changed()

    # Selection -----------------------------------------------------------------------------

    def selected_row(self) -> QueueRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = indexes[0].data(ROW_ROLE)
        return row if isinstance(row, QueueRow) else None

    def select_row(self, key: tuple[str, int]) -> bool:
        """Select the row with this key, if the current tab shows it."""
        for position in range(self.proxy.rowCount()):
            index = self.proxy.index(position, 0)
            row = index.data(ROW_ROLE)
            if isinstance(row, QueueRow) and row.key == key:
                self.table.selectRow(position)
                return True
        return False

    def _selection_changed(self, *_: QItemSelection) -> None:
        row = self.selected_row()
        state = row.state if row else None
        has_network = bool(row and row.networks)
        self.open_button.setEnabled(bool(row and row.publication and row.publication.url))
        retry = state in (PublicationState.FAILED, PublicationState.NEEDS_ATTENTION)
        self.publish_button.setText(self.tr("Retry") if retry else self.tr("Post now"))
        blocker = self._retry.blocker(row) if row is not None and retry else ""
        self.publish_button.setEnabled(
            has_network and not blocker and (state is PublicationState.DRAFT or state in MOVABLE_STATES)
        )
        self.publish_button.setToolTip(blocker)
        self.edit_button.setEnabled(
            row is not None and state not in (PublicationState.PUBLISHED, PublicationState.PUBLISHING)
        )
        self.next_button.setEnabled(
            has_network and (state is PublicationState.DRAFT or state in MOVABLE_STATES)
        )
        self.unschedule_button.setEnabled(state in MOVABLE_STATES)
        self.posted_button.setVisible(row is not None and sent_to_phone(row))
        self.posted_button.setEnabled(True)
        self.delete_button.setEnabled(row is not None and state is not PublicationState.PUBLISHING)
        details = row_details(row, self.model, self.ctx) if row else ""
        if blocker:
            details += "\n\n" + blocker
        self.details.setText(details)
        self.details.setVisible(row is not None)

    def _double_clicked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, QueueRow) and row.publication and row.publication.url:
            self._open(row.publication.url)

    # Actions -------------------------------------------------------------------------------

    def open_selected(self) -> None:
        row = self.selected_row()
        if row and row.publication and row.publication.url:
            self._open(row.publication.url)

    def _open(self, url: str) -> None:
        if not QDesktopServices.openUrl(QUrl(url)):
            self.show_error(self.tr("No browser could be opened; the address is: {url}").format(url=url))

    def edit_selected(self) -> None:
        """Edit the text in place; a scheduled post keeps its moment (what goes out is the new text)."""
        row = self.selected_row()
        if row is None or row.state in (PublicationState.PUBLISHED, PublicationState.PUBLISHING):
            return

        def saved() -> None:
            self.show_info(self.tr("Saved the new text."))
            self.ctx.notify_changed()

        self.edit_dialog = EditDraftDialog(self.ctx.app, row.draft, saved, self)
        self.edit_dialog.open()

    def publish_selected(self) -> None:
        """Retry, or post now: on a worker thread (the context's), the row updates when it is done.
        Through the policy gate first, off the GUI thread (the policy may be a link): a `block`
        finding refuses here, a `warn` one asks once."""
        row = self.selected_row()
        if row is None:
            return
        app, draft_id, publications = self.ctx.app, row.draft.id, row.draft_publications
        anyway = self._warned == draft_id
        button = self.publish_button.text()

        def check() -> PolicyRefusal | None:
            return app.gate.refusal(draft_id, despite_warnings=anyway)

        def checked(refusal: PolicyRefusal | None) -> None:
            if refusal is not None:
                message = user_message(refusal)
                if refusal.only_warnings:
                    self._warned = draft_id
                    again = self.tr("Press {button} again to post it anyway.").format(button=button)
                    message = f"{message} {again}"
                self.show_error(message)
                return
            self._warned = None
            for publication in publications:
                self.ctx.publish_now(publication.id)
            names = ", ".join(p.network.display_name for p in publications)
            self.show_info(self.tr("Publishing on {networks}…").format(networks=names))

        self._in_background(check, checked)

    def posted_selected(self) -> None:
        """ "I posted it": the post was made from the phone; it counts as published. Off the GUI thread:
        a LinkedIn post's reply-window reminders go to the phone too (a request to the server)."""
        row = self.selected_row()
        if row is None or row.publication is None:
            return
        publication_id = row.publication.id

        def done(_result: None) -> None:
            self.show_info(self.tr("Marked as posted from your phone."))
            self.ctx.notify_changed()

        self.posted_button.setEnabled(False)
        self._in_background(lambda: self.ctx.app.phone.posted_it(publication_id), done)

    def move_selected_to_next_moment(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        draft_id = row.draft.id
        networks: list[Network | None]
        if row.publication is None and len(row.networks) == len(row.draft.publications):
            networks = [None]  # every network of the draft: one search for all of them
        else:
            networks = list(row.networks)

        anyway = self._warned == draft_id

        def work() -> list[ScheduledItem] | PolicyRefusal:
            items: list[ScheduledItem] = []
            try:
                for network in networks:
                    items += self.ctx.app.schedule_next(draft_id, network, despite_warnings=anyway)
            except PolicyRefusal as refusal:  # said here, in the person's language
                return refusal
            return items

        def done(result: list[ScheduledItem] | PolicyRefusal) -> None:
            if not isinstance(result, PolicyRefusal):
                self._warned = None
                self._scheduled(result)
            elif result.only_warnings:
                self._warned = draft_id
                again = self.tr("Press Move to next moment again to schedule it anyway.")
                self.show_error(f"{user_message(result)} {again}")
            else:
                self.show_error(user_message(result))

        self.next_button.setEnabled(False)
        self.show_info(self.tr("Finding the next moment…"))
        self._in_background(work, done)

    def _scheduled(self, items: list[ScheduledItem]) -> None:
        zone = self.ctx.app.config.routine.zone
        parts = []
        for item in items:
            when = item.publication.scheduled_at
            label = moment_label(item.moment) if item.moment else ""
            at = local_text(when, zone) if when else ""
            parts.append(f"{item.publication.network.display_name} {at}" + (f" ({label})" if label else ""))
        self.show_info(self.tr("Scheduled: {items}").format(items="; ".join(parts)))
        self.ctx.notify_changed()

    def unschedule_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.publication is None:
            return
        try:
            self.ctx.app.unschedule(row.draft.id, row.publication.network)
        except UserError as error:
            self.show_error(user_message(error))
            return
        self.show_info(self.tr("Back in the drafts."))
        self.ctx.notify_changed()

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.state is PublicationState.PUBLISHING:
            return
        question = self.tr("Delete this draft and its schedule on every network?")
        if row.draft.publications and any(
            p.state is PublicationState.PUBLISHED for p in row.draft.publications
        ):
            question += "\n" + self.tr("What is already published stays online; somedesk forgets it.")
        answer = QMessageBox.question(
            self,
            self.tr("Delete draft"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.app.delete_draft(row.draft.id)
        except UserError as error:
            self.show_error(user_message(error))
            return
        self.show_info(self.tr("Draft deleted."))
        self.ctx.notify_changed()

    # Messages and background work ----------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def show_info(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _in_background(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Run `work` off the GUI thread (it may read calendars over the network); report back here."""

        def done(result: Any) -> None:
            on_done(result)
            self._selection_changed()

        def failed(text: str) -> None:
            self.show_error(text)
            self._selection_changed()

        self._background.run(work, done, failed, name="queue-action")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.message.clear()
        super().closeEvent(event)

"""What the planner does when the person drops, picks a menu entry or plans the week.

Scheduling goes through the worker thread: `schedule_at` reads the calendars to label the moment,
and a calendar can be a link. Every outcome, good or bad, is told in the message bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject, QPoint, QUrl
from PySide6.QtGui import QCursor, QDesktopServices
from PySide6.QtWidgets import QMenu, QWidget

from somedesk.app.gate import Mark, PolicyRefusal
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.core.planning import Overrun
from somedesk.core.week_plan import Proposal
from somedesk.gui.context import GuiContext
from somedesk.gui.labels import clock, moment_label
from somedesk.gui.messages import rhythm_note, user_message
from somedesk.gui.planner.drafts_panel import waiting_networks
from somedesk.gui.planner.edit_dialog import EditDraftDialog
from somedesk.gui.planner.message_bar import MessageBar
from somedesk.gui.planner.mime import Dragged
from somedesk.gui.planner.week_model import Card, WeekModel, first_words, when_text
from somedesk.gui.planner.week_view import DropTarget
from somedesk.gui.planner.worker import Worker
from somedesk.gui.planning_text import why_lines

# A draft without a network is asked which one; the sandbox is for trying things, not for planning.
ASKABLE_NETWORKS = (Network.LINKEDIN, Network.X)


class PlannerActions(QObject):
    def __init__(
        self, ctx: GuiContext, model: WeekModel, worker: Worker, messages: MessageBar, window: QWidget
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.model = model
        self.worker = worker
        self.messages = messages
        self.window = window
        self.open_menu: QMenu | None = None  # the last menu shown (tests pick its actions)
        self.open_dialog: EditDraftDialog | None = None
        self.warned: set[int] = set()  # drafts the policy warned about on their last drop: asked once

    def when(self, at: datetime) -> str:
        return when_text(at, self.model.routine.zone)

    # Drops -------------------------------------------------------------------------------

    def drop(self, dragged: Dragged, target: DropTarget) -> None:
        if target.quiet:
            quiet = self.model.routine.quiet_hours
            hours = f"{clock(quiet.start)}–{clock(quiet.end)}" if quiet is not None else ""
            self.messages.show_error(
                self.tr(
                    "{time} is inside your quiet hours ({hours}); drop it outside the shaded hours."
                ).format(time=self.when(target.at), hours=hours)
            )
            return
        if dragged.kind == "publication":
            cards = [self.model.card_for(i) for i in dragged.ids]
            if not cards or any(c is None or not c.movable for c in cards):
                self.messages.show_error(self.tr("That post can no longer be moved."))
                return
            moved = [c for c in cards if c is not None]
            self.schedule(moved[0].draft.id, [c.network for c in moved], target)
            return
        draft = self.model.draft(dragged.ids[0])
        if draft is None:
            self.messages.show_error(self.tr("That draft is no longer waiting."))
            return
        networks = waiting_networks(draft)
        if networks:
            self.schedule(draft.id, networks, target)
        elif not draft.publications:
            self.ask_network(draft.id, target)
        else:
            self.messages.show_error(self.tr("That draft is already scheduled everywhere it goes."))

    def schedule_selected(self, draft_id: int | None, target: DropTarget) -> None:
        """Enter on a moment: the draft selected in the drafts panel goes there, as a drop would."""
        if draft_id is None:
            self.messages.show_info(
                self.tr(
                    "Select a draft in the list first, then press Enter on a moment to schedule it there."
                )
            )
            return
        self.drop(Dragged("draft", (draft_id,)), target)

    def ask_network(self, draft_id: int, target: DropTarget) -> None:
        """A draft without a network: ask where it goes (a menu at the cursor, not a dialog)."""
        menu = QMenu(self.window)
        menu.setTitle(self.tr("Post it on"))
        for network in ASKABLE_NETWORKS:
            menu.addAction(
                self.tr("Post on {network}").format(network=network.display_name),
                partial(self.schedule, draft_id, [network], target),
            )
        self._popup(menu)

    def schedule(self, draft_id: int, networks: Sequence[Network], target: DropTarget) -> None:
        """Through the policy gate: a `block` finding refuses in the message bar; a `warn` finding asks
        once, and dropping the same draft again schedules it anyway."""
        app = self.ctx.app
        anyway = draft_id in self.warned

        def job() -> list[Overrun] | PolicyRefusal:
            notes: list[Overrun] = []
            try:
                for network in networks:
                    for item in app.schedule_at(draft_id, target.at, network, despite_warnings=anyway):
                        notes += item.notes
            except PolicyRefusal as refusal:  # said in place, in the person's language
                return refusal
            return notes

        names = ", ".join(n.display_name for n in networks)
        where = f" ({moment_label(target.moment)})" if target.moment is not None else ""
        done = self.tr("Scheduled on {networks} for {time}{moment}.").format(
            networks=names, time=self.when(target.at), moment=where
        )

        def finished(result: list[Overrun] | PolicyRefusal) -> None:
            if isinstance(result, PolicyRefusal):
                self.refused(draft_id, result, self.tr("Drop it there again to schedule it anyway."))
                return
            self.warned.discard(draft_id)
            self._changed(" ".join([done, *(rhythm_note(n) for n in result)]))

        self.worker.run(job, finished, self._failed)

    def refused(self, draft_id: int, refusal: PolicyRefusal, again: str) -> None:
        """The gate said no: its findings (rule and position, never the words) in the message bar; a
        warning is asked once, so the next try goes ahead."""
        if refusal.only_warnings:
            self.warned.add(draft_id)
            self._failed(f"{user_message(refusal)} {again}")
        else:
            self._failed(user_message(refusal))

    # Cards -------------------------------------------------------------------------------
    # A card is one draft going to one or more networks at the same time; its menu acts on all of them.

    def card_menu(self, cards: Sequence[Card]) -> QMenu:
        cards = list(cards)
        menu = QMenu(self.window)
        menu.setTitle(first_words(cards[0].draft.text, 5))
        movable = all(c.movable for c in cards)
        post = menu.addAction(self.tr("Post now"), lambda: self.post_now(cards))
        post.setEnabled(movable)
        edit = menu.addAction(self.tr("Edit…"), lambda: self.edit(cards))
        edit.setEnabled(all(c.editable for c in cards))
        unschedule = menu.addAction(self.tr("Unschedule"), lambda: self.unschedule(cards))
        unschedule.setEnabled(movable)
        urls = [c.publication.url for c in cards if c.publication.url]
        if urls:
            menu.addSeparator()
            for card in cards:
                if card.publication.url:
                    url = QUrl(card.publication.url)
                    menu.addAction(
                        self.tr("Open the post on {network}").format(network=card.network.display_name),
                        partial(QDesktopServices.openUrl, url),
                    )
        return menu

    def show_card_menu(self, cards: Sequence[Card], pos: QPoint) -> None:
        self._popup(self.card_menu(cards), pos)

    def show_overflow(self, cards: Sequence[Card], pos: QPoint) -> None:
        """The posts folded into a "+N" chip, each with its card menu."""
        menu = QMenu(self.window)
        for card in cards:
            sub = self.card_menu([card])
            sub.setTitle(f"{clock(card.at)} {card.network.display_name}: {first_words(card.draft.text, 5)}")
            menu.addMenu(sub)
        self._popup(menu, pos)

    def post_now(self, cards: Sequence[Card]) -> None:
        """Through the policy gate first (on the worker: the policy may be a link): a `block` finding
        refuses here, a `warn` one asks once; then the posts go out on the context's worker."""
        app, draft_id = self.ctx.app, cards[0].draft.id
        anyway = draft_id in self.warned

        def job() -> PolicyRefusal | None:
            return app.gate.refusal(draft_id, despite_warnings=anyway)

        def checked(refusal: PolicyRefusal | None) -> None:
            if refusal is not None:
                self.refused(draft_id, refusal, self.tr("Choose Post now again to post it anyway."))
                return
            self.warned.discard(draft_id)
            for card in cards:
                self.ctx.publish_now(card.publication.id)
            networks = ", ".join(c.network.display_name for c in cards)
            self.messages.show_info(self.tr("Posting on {networks} now…").format(networks=networks))

        self.worker.run(job, checked, self._failed)

    def edit(self, cards: Sequence[Card]) -> None:
        if not cards or not all(c.editable for c in cards):
            return
        self.open_dialog = EditDraftDialog(self.ctx.app, cards[0].draft, self.ctx.notify_changed, self.window)
        self.open_dialog.open()

    def unschedule(self, cards: Sequence[Card]) -> None:
        try:
            for card in cards:
                self.ctx.app.unschedule(card.draft.id, card.network)
        except UserError as error:
            self.messages.show_error(user_message(error))
            self.ctx.notify_changed()
            return
        self._changed(self.tr("Unscheduled; it is back in your drafts."))

    # Plan my week ------------------------------------------------------------------------

    def plan(self) -> None:
        """Plan my week with the one planning engine, off the GUI thread (the policy may be a link):
        a draft the policy blocks is never proposed; one it warns about is proposed marked as such."""
        model = self.model
        if not (model.store_loaded and model.calendars_loaded and model.drafts_loaded):
            self.messages.show_info(self.tr("The week is still loading; try again in a moment."))
            return
        app = self.ctx.app
        drafts = list(model.drafts)
        moments, counted, (start, end) = list(model.moments), list(model.counted), model.bounds

        def job() -> tuple[list[Proposal], dict[int, Mark]]:
            marks = app.policy_marks(drafts)
            return app.plan_proposals(drafts, moments, counted, start, end, marks), marks

        self.worker.run(job, self._planned, self._failed)

    def _planned(self, result: tuple[list[Proposal], dict[int, Mark]]) -> None:
        proposals, marks = result
        self.model.set_marks(marks)
        self.model.set_proposals(proposals)
        if not proposals:
            self.messages.show_info(
                self.tr(
                    "Nothing to propose: no draft is waiting for a network with room left this week, "
                    "or no moment is left."
                )
            )
        elif any(marks.get(p.draft_id) is Mark.WARNED for p in proposals):
            self.messages.show_info(
                self.tr(
                    "Proposals marked ⚠ have words the policy warns about: accepting one posts it anyway."
                )
            )
        else:
            self.messages.clear()

    def decide(self, proposal: Proposal, accepted: bool) -> None:
        if accepted:
            self.accept([proposal])
        else:
            self.reject([proposal])

    def accept(self, proposals: Sequence[Proposal]) -> None:
        app = self.ctx.app
        chosen = list(proposals)

        # A proposal is shown marked when the policy warns about its words: accepting it is the answer.
        warned = {p.draft_id for p in chosen if self.model.marks.get(p.draft_id) is Mark.WARNED}

        def job() -> list[str]:
            problems = []
            for proposal in chosen:
                now = app.clock()
                at = now if proposal.moment.interval.contains(now) and proposal.at < now else proposal.at
                anyway = proposal.draft_id in warned
                try:
                    app.schedule_at(
                        proposal.draft_id, at, proposal.network, despite_warnings=anyway, by_hand=False
                    )
                except UserError as error:
                    problems.append(user_message(error))
            return problems

        def done(problems: list[str]) -> None:
            self.model.drop_proposals(chosen)
            scheduled = len(chosen) - len(problems)
            if problems:
                self.messages.show_error("\n".join(problems))
            else:
                self.messages.show_info(self.tr("Scheduled %n proposed post(s).", "", scheduled))
            self.ctx.notify_changed()

        self.worker.run(job, done, self._failed)

    def reject(self, proposals: Sequence[Proposal]) -> None:
        self.model.drop_proposals(list(proposals))

    def show_proposal_menu(self, proposal: Proposal, pos: QPoint) -> None:
        menu = QMenu(self.window)
        menu.addAction(self.tr("Accept"), lambda: self.accept([proposal]))
        menu.addAction(self.tr("Reject"), lambda: self.reject([proposal]))
        if proposal.why is not None:  # why the engine chose this moment (as `--explain` says it)
            menu.addSection(self.tr("Why this moment"))
            for line in why_lines(proposal.why):
                menu.addAction(line).setEnabled(False)
        self._popup(menu, pos)

    # Helpers -----------------------------------------------------------------------------

    def _changed(self, message: str) -> None:
        self.messages.show_info(message)
        self.ctx.notify_changed()

    def _failed(self, message: str) -> None:
        self.messages.show_error(message)
        self.ctx.notify_changed()  # a job may have done part of its work before the error

    def _popup(self, menu: QMenu, pos: QPoint | None = None) -> None:
        if self.open_menu is not None:
            self.open_menu.deleteLater()
        self.open_menu = menu
        menu.popup(pos if pos is not None else QCursor.pos())

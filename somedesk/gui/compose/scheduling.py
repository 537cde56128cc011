"""Quick post's scheduling at a moment: on each chosen network through the policy gate, off the GUI
thread (scheduling reads the calendars again, for the moment's label). A gate that only warns is
asked once: the same words again go ahead.

Its strings stay in the "QuickPostWindow" translation context (literal translate() calls, which
lupdate reads): they moved here from the window without losing a translation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from somedesk.app.gate import PolicyRefusal
from somedesk.core.drafts import Draft
from somedesk.core.model import Moment, Network
from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.labels import clock, moment_label
from somedesk.gui.messages import user_message


class MomentScheduler:
    """Schedules a saved draft at a moment; `done(draft_id, moment, at)` or `failed(message)` follows
    on the GUI thread."""

    def __init__(
        self,
        ctx: GuiContext,
        worker: Background,
        done: Callable[[int, Moment, datetime], None],
        failed: Callable[[str], None],
    ) -> None:
        self._ctx = ctx
        self._worker = worker
        self._done = done
        self._failed = failed
        self._gate_warned: str | None = None  # the text the policy gate last warned about (asked once)

    def run(
        self, draft: Draft, networks: Sequence[Network], moment: Moment, at: datetime, confirmed: bool
    ) -> None:
        """`confirmed`: the window's own "anyway" was given for these words."""
        app, draft_id = self._ctx.app, draft.id
        # Past the window's own "anyway" (or the gate's, asked once before on these words).
        text = draft.text
        anyway = confirmed or self._gate_warned == text

        def job() -> PolicyRefusal | None:
            try:
                for network in networks:
                    app.schedule_at(draft_id, at, network, despite_warnings=anyway, by_hand=False)
            except PolicyRefusal as refusal:  # the gate (the policy as it is now) said no
                return refusal
            return None

        self._worker.run(job, lambda refusal: self._gated(refusal, text, draft_id, moment, at), self._failed)

    def _gated(
        self, refusal: PolicyRefusal | None, text: str, draft_id: int, moment: Moment, at: datetime
    ) -> None:
        if refusal is None:
            self._gate_warned = None
            self._done(draft_id, moment, at)
            return
        message = user_message(refusal)
        if refusal.only_warnings:
            self._gate_warned = text
            message += " " + QCoreApplication.translate(
                "QuickPostWindow", "Schedule it anyway? Press Next moment again to schedule it."
            )
        self._failed(message)


def scheduled_line(at: datetime, zone: ZoneInfo, moment: Moment) -> str:
    """ "Scheduled for Wed 11:30 (Lunch)", in the UI language."""
    local = at.astimezone(zone)
    day = QLocale().toString(QDate(local.year, local.month, local.day), "ddd")
    return QCoreApplication.translate("QuickPostWindow", "Scheduled for {day} {time} ({moment})").format(
        day=day, time=clock(local), moment=moment_label(moment)
    )

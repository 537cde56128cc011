"""The policy gate in the windows: a drop on the planner, Plan my week, the Edit dialog, Quick post's
Next moment and the queue's Retry all refuse a draft the policy blocks, in place, naming the finding
by rule and position (never the words); a warning is asked once. The queue and the planner mark a
post whose text has a finding, and the rhythm bar shows a week filled beyond its target by hand.

The clock is Monday 2026-12-07 09:00 in Helsinki (see tests/gui/test_planner.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from somedesk.app.gate import Mark
from somedesk.core.config import PolicySettings
from somedesk.core.drafts import PublicationState
from somedesk.core.model import Network
from somedesk.core.routine import local_instant
from somedesk.gui.compose.window import QuickPostWindow
from somedesk.gui.context import GuiContext
from somedesk.gui.planner import PlannerWindow
from somedesk.gui.planner.mime import draft_mime
from somedesk.gui.queue import QueueWindow
from somedesk.gui.queue_model import Column
from tests.gui.conftest import HELSINKI, settle_planner
from tests.gui.test_planner import action, drop

MONDAY = date(2026, 12, 7)
CODE = "131052-308T"  # a valid Finnish personal identity code
BLOCKED = f"Hei!\nTapasimme, tunnus {CODE}"
WHERE = "a Finnish personal identity code at line 2, column 19"
WARNED = "Soita 040 123 4567"


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return local_instant(day, time(hour, minute), HELSINKI)


def state(ctx: GuiContext, draft_id: int) -> PublicationState:
    return ctx.app.draft(draft_id).publications[0].state


def test_dropping_a_blocked_draft_is_refused_in_place_without_its_words(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft(BLOCKED, [Network.LINKEDIN])
    window: PlannerWindow = open_planner()
    drop(window, draft_mime(draft.id), local(MONDAY, 11, 45), qtbot)
    assert state(ctx, draft.id) is PublicationState.DRAFT
    assert WHERE in window.messages.text
    assert CODE not in window.messages.text
    # Dropping it again does not go past a block.
    drop(window, draft_mime(draft.id), local(MONDAY, 11, 45), qtbot)
    assert state(ctx, draft.id) is PublicationState.DRAFT


def test_dropping_a_warned_draft_asks_once(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft(WARNED, [Network.X])
    window: PlannerWindow = open_planner()
    drop(window, draft_mime(draft.id), local(MONDAY, 11, 45), qtbot)
    assert state(ctx, draft.id) is PublicationState.DRAFT
    assert "a phone number at line 1, column 7" in window.messages.text
    assert "Drop it there again" in window.messages.text and "040" not in window.messages.text
    drop(window, draft_mime(draft.id), local(MONDAY, 11, 45), qtbot)
    assert state(ctx, draft.id) is PublicationState.SCHEDULED
    assert ctx.app.draft(draft.id).warnings_accepted


def test_plan_my_week_never_proposes_a_blocked_draft_and_marks_a_warned_one(ctx, open_planner, qtbot):
    blocked = ctx.app.add_draft(BLOCKED, [Network.X])
    warned = ctx.app.add_draft(WARNED, [Network.X])
    fine = ctx.app.add_draft("Nothing to see here", [Network.X])
    window: PlannerWindow = open_planner()
    window.plan_button.click()
    settle_planner(window, qtbot)
    proposed = {p.draft_id for p in window.model.proposals}
    assert blocked.id not in proposed
    assert {warned.id, fine.id} <= proposed
    assert window.model.marks[warned.id] is Mark.WARNED
    ghost = next(g for g in window.grid.week_layout.ghosts if g.proposal.draft_id == warned.id)
    assert ghost.title.startswith("⚠ ")
    assert "⚠" in window.messages.text
    # Accepting the marked proposal is the answer to the warning: it is scheduled.
    window.commands.accept([ghost.proposal])
    settle_planner(window, qtbot)
    assert state(ctx, warned.id) is PublicationState.SCHEDULED
    assert ctx.app.draft(warned.id).warnings_accepted


def test_the_edit_dialog_refuses_blocked_words_for_a_scheduled_post(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Hei kaikki", [Network.LINKEDIN])
    ctx.app.schedule_at(draft.id, local(MONDAY, 14, 0))
    window: PlannerWindow = open_planner()
    (item,) = window.grid.card_items()
    action(window.commands.card_menu(item.cards), "Edit…").trigger()
    dialog = window.commands.open_dialog
    assert dialog is not None
    dialog.editor.setPlainText(BLOCKED)
    dialog.save()
    assert dialog.isVisible() and dialog.problem.isVisibleTo(dialog)
    assert WHERE in dialog.problem.text() and CODE not in dialog.problem.text()
    assert ctx.app.draft(draft.id).text == "Hei kaikki"
    assert state(ctx, draft.id) is PublicationState.SCHEDULED


def test_the_edit_dialog_asks_once_about_a_warning(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft("Hei kaikki", [Network.LINKEDIN])
    ctx.app.schedule_at(draft.id, local(MONDAY, 14, 0))
    window: PlannerWindow = open_planner()
    (item,) = window.grid.card_items()
    action(window.commands.card_menu(item.cards), "Edit…").trigger()
    dialog = window.commands.open_dialog
    assert dialog is not None
    dialog.editor.setPlainText(WARNED)
    dialog.save()
    assert "Save again" in dialog.problem.text()
    assert ctx.app.draft(draft.id).text == "Hei kaikki"
    dialog.save()
    settle_planner(window, qtbot)
    assert ctx.app.draft(draft.id).text == WARNED and ctx.app.draft(draft.id).warnings_accepted
    assert window.model.marks.get(draft.id) is Mark.ACCEPTED
    assert window.grid.card_items()[0].title.startswith("⚠ ")


def test_next_moment_is_refused_by_the_gate_even_when_the_window_read_an_older_policy(
    ctx: GuiContext, qtbot, tmp_path: Path
):
    window = QuickPostWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(
        lambda: window.policy.settled and not window.moments.loading and window.worker.running == 0
    )
    # The policy changes after the window read it: only the gate knows the new rule.
    policy = tmp_path / "policy.toml"
    policy.write_text(
        '[[rule]]\nname = "customers"\nterms = ["asiak*"]\nseverity = "block"\nmessage = "No customers"\n',
        encoding="utf-8",
    )
    ctx.app.config = replace(ctx.app.config, policy=PolicySettings(source=str(policy)))
    window.editor.setPlainText("Tapasimme asiakkaan")
    window.moments.button.click()
    qtbot.waitUntil(lambda: window.worker.running == 0 and not window._busy)
    assert window.isVisible()
    shown = window.error.text()
    assert "words of rule “customers” at line 1, column 11" in shown and "asiakkaan" not in shown
    [draft] = ctx.app.drafts()
    assert [p.state for p in draft.publications] == [PublicationState.DRAFT] * len(draft.publications)


def test_next_moment_refuses_a_blocked_draft_in_place(ctx: GuiContext, qtbot):
    window = QuickPostWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(
        lambda: window.policy.settled and not window.moments.loading and window.worker.running == 0
    )
    window.editor.setPlainText(BLOCKED)
    window.moments.button.click()
    qtbot.waitUntil(lambda: window.worker.running == 0)
    assert window.isVisible() and window.error.text()
    assert all(p.state is PublicationState.DRAFT for d in ctx.app.drafts() for p in d.publications)


def test_the_queue_marks_a_flagged_post_and_retry_refuses_a_blocked_one(ctx: GuiContext, qtbot):
    draft = ctx.app.add_draft(BLOCKED, [Network.SANDBOX])
    window = QueueWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: draft.id in window.model.marks)
    row = next(r for r in range(window.proxy.rowCount()))
    text = window.proxy.index(row, Column.TEXT).data()
    assert text.startswith("⛔ ")
    window.table.selectRow(row)
    window.publish_selected()
    qtbot.waitUntil(lambda: WHERE in window.message.text()) and CODE not in window.message.text()
    assert ctx.published == []  # type: ignore[attr-defined]


def test_the_rhythm_bar_shows_a_week_filled_beyond_its_target_by_hand(ctx, open_planner, qtbot):
    notes = []
    for day in range(4):
        draft = ctx.app.add_draft(f"LinkedIn {day}", [Network.LINKEDIN])
        for item in ctx.app.schedule_at(draft.id, local(MONDAY + timedelta(days=day + 1), 11, 30)):
            notes += [n.line for n in item.notes]
    assert notes == ["LinkedIn: 4 of 3 this week"]
    window: PlannerWindow = open_planner()
    label = window.rhythm.labels[Network.LINKEDIN]
    assert label.text() == "LinkedIn 4 of 3 this week (1 over)"
    assert "b3261e" in label.styleSheet()


def test_post_now_on_a_card_goes_through_the_gate(ctx, open_planner, qtbot):
    draft = ctx.app.add_draft(WARNED, [Network.X])
    ctx.app.schedule_at(draft.id, local(MONDAY, 14, 0), despite_warnings=True)
    ctx.app.store.edit_draft(draft.id, BLOCKED, ctx.app.clock())  # changed behind the gate's back
    window: PlannerWindow = open_planner()
    (item,) = window.grid.card_items()
    action(window.commands.card_menu(item.cards), "Post now").trigger()
    settle_planner(window, qtbot)
    assert WHERE in window.messages.text and CODE not in window.messages.text
    assert ctx.published == []


def test_why_a_moment_is_in_the_tooltips(ctx, open_planner, qtbot):
    ctx.app.add_draft("Nothing to see here", [Network.LINKEDIN])
    window: PlannerWindow = open_planner()
    window.plan_button.click()
    settle_planner(window, qtbot)
    (ghost,) = window.grid.week_layout.ghosts
    tip = window.grid.tooltip_at(ghost.rect.center())
    assert " moment, score " in tip and "free minutes for replies" in tip
    quick = QuickPostWindow(ctx)
    qtbot.addWidget(quick)
    quick.show()
    qtbot.waitUntil(lambda: not quick.moments.loading and quick.worker.running == 0)
    quick.moments.show_for([Network.LINKEDIN])
    assert (
        "LinkedIn: " in quick.moments.button.toolTip() and " moment, score " in quick.moments.button.toolTip()
    )


def test_a_drop_beyond_the_target_is_allowed_and_said(ctx, open_planner, qtbot):
    for day in range(3):
        draft = ctx.app.add_draft(f"LinkedIn {day}", [Network.LINKEDIN])
        ctx.app.schedule_at(draft.id, local(MONDAY + timedelta(days=day + 1), 11, 30))
    fourth = ctx.app.add_draft("One more this week", [Network.LINKEDIN])
    window: PlannerWindow = open_planner()
    drop(window, draft_mime(fourth.id), local(MONDAY + timedelta(days=4), 11, 45), qtbot)
    assert state(ctx, fourth.id) is PublicationState.SCHEDULED
    assert "LinkedIn: 4 of 3 this week." in window.messages.text
    assert window.rhythm.labels[Network.LINKEDIN].text() == "LinkedIn 4 of 3 this week (1 over)"


def test_quick_posts_policy_summary_names_findings_by_place_not_words(ctx: GuiContext, qtbot):
    window = QuickPostWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.editor.setPlainText("Hei!\nSoita 040 123 4567 tai 050 765 4321")
    qtbot.waitUntil(lambda: window.policy.settled and len(window.policy.findings) == 2)
    tip = window.policy_line.toolTip()
    assert "a phone number at line 2, column 7" in tip and "a phone number at line 2, column 24" in tip
    assert "040" not in tip and "050" not in tip


def test_next_moment_keeps_the_target_and_the_gap(ctx: GuiContext, qtbot):
    """The issue: Ctrl+Enter put LinkedIn at 07:45 the morning after an 11:30 post, in a full week."""
    from tests.gui.test_compose import connect

    connect(ctx, Network.LINKEDIN)
    for day in (0, 1, 3):
        draft = ctx.app.add_draft(f"LinkedIn {day}", [Network.LINKEDIN])
        ctx.app.schedule_at(draft.id, local(MONDAY + timedelta(days=day), 11, 30))
    window = QuickPostWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.toggles.choose([Network.LINKEDIN])
    qtbot.waitUntil(lambda: not window.moments.loading and window.worker.running == 0)
    first = window.moments.upcoming()[0]
    last = local(MONDAY + timedelta(days=3), 11, 30)
    assert first.start >= local(MONDAY + timedelta(days=7), 0, 0)  # this week has its 3 LinkedIn posts
    assert first.start - last >= timedelta(hours=20)
    window.editor.setPlainText("One more thought")
    window.run_default()
    qtbot.waitUntil(lambda: not window.isVisible())
    [draft] = [d for d in ctx.app.drafts() if d.text == "One more thought"]
    assert draft.publications[0].scheduled_at == first.start

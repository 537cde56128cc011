"""The planning engine's explanation in the GUI: the same lines as `schedule --next --explain`, in the
person's language, with plural forms, the locale's numbers and QLocale's days and times."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint

from somedesk.core.model import MomentKind, Network, Target
from somedesk.core.planning import Scheduled, Wanted, plan
from somedesk.core.planning_why import Cost, CostKind, PassedOver, Refusal, Rule, Why
from somedesk.gui.context import GuiContext
from somedesk.gui.labels import local_text
from somedesk.gui.planner import PlannerWindow
from somedesk.gui.planning_text import why_lines
from tests.gui.conftest import settle_planner
from tests.unit.test_planning import at, week_of_lunches_and_commutes

HELSINKI = ZoneInfo("Europe/Helsinki")
MONDAY = datetime(2026, 12, 7, 16, 45, tzinfo=HELSINKI)

EVERY_KIND = Why(
    MomentKind.LUNCH,
    0.954,
    0.9,
    1,
    costs=(
        Cost(CostKind.WAITING, 0.3, days=1.5),
        Cost(CostKind.CROWDING, 0.25, days=0.5, spacing=5 / 3, network=Network.LINKEDIN),
        Cost(CostKind.SHARED, 0.5, networks=(Network.X,)),
        Cost(CostKind.REPEATED, 0.15, count=1, moment_kind=MomentKind.COMMUTE),
        Cost(CostKind.WAITING, 0.001, days=0.005),  # +0.00: not worth a line
    ),
    avoided=(
        PassedOver(
            MONDAY, "Evening commute", MomentKind.COMMUTE, Refusal(Rule.GAP, Network.LINKEDIN, hours=5.5)
        ),
        PassedOver(MONDAY, "Lunch", MomentKind.LUNCH, Refusal(Rule.WEEK_FULL, Network.X, per_week=1)),
        PassedOver(MONDAY, "Lunch", MomentKind.LUNCH, Refusal(Rule.TAKEN, Network.X)),
        PassedOver(MONDAY, "Lunch", MomentKind.LUNCH, Refusal(Rule.QUEUE, Network.X)),
    ),
)


def test_in_english_the_gui_says_what_the_cli_says_with_real_plurals(qapp):
    assert why_lines(EVERY_KIND) == [
        "lunch moment, score 0.95 (audience 0.90 at this hour, 1 free minute for replies)",
        "cost +0.30: 1.5 days of waiting",
        "cost +0.25: 0.5 days from another LinkedIn post (an even spread is 1.7)",
        "cost +0.50: X already in this moment",
        "cost +0.15: 1 commute post already that week",
        "passed over Mon 7 Dec 16:45 (under 5.5 h from another LinkedIn post)",
        "passed over Mon 7 Dec 16:45 (X has its 1 post that week)",
        "passed over Mon 7 Dec 16:45 (X is already there)",
        "passed over Mon 7 Dec 16:45 (an older draft goes first)",
    ]


def test_in_finnish_every_line_is_finnish(qapp, finnish):
    assert why_lines(EVERY_KIND) == [
        "Hetki: lounas, pisteet 0,95 (yleisö tähän aikaan 0,90, 1 vapaa minuutti vastaamiseen)",
        "kustannus +0,30: 1,5 päivää odotusta",
        "kustannus +0,25: 0,5 päivää toisesta LinkedIn-julkaisusta (tasainen jako olisi 1,7)",
        "kustannus +0,50: X jo tässä hetkessä",
        "kustannus +0,15: sillä viikolla jo 1 julkaisu hetkessä työmatka",
        "ohitettu ma 7.12. 16.45 (alle 5,5 h toisesta LinkedIn-julkaisusta)",
        "ohitettu ma 7.12. 16.45 (X: sillä viikolla on jo 1 julkaisu)",
        "ohitettu ma 7.12. 16.45 (X on jo siinä)",
        "ohitettu ma 7.12. 16.45 (vanhempi luonnos menee ensin)",
    ]


def test_an_engine_choice_reads_the_same_in_the_gui_as_in_the_cli(qapp):
    """The engine's own explanation (costs and moments passed over), through both: line for line the
    same in English, but for how a date is written (QLocale's "Mon 1 Jun", the CLI's "Mon 01 Jun")."""
    scheduled = [Scheduled(Network.LINKEDIN, at("2026-06-01T11:30"), draft_id=1)]
    targets = {Network.LINKEDIN: Target(3, 20)}
    moments = week_of_lunches_and_commutes()
    [choice] = plan(moments, [Wanted(2, Network.LINKEDIN)], scheduled, targets, at("2026-06-01T06:00"))
    why = choice.why
    assert why.costs and why.avoided
    gui, cli = why_lines(why), why.lines()
    said = len(cli) - len(why.avoided)
    assert gui[:said] == cli[:said]
    for shown, written, passed in zip(gui[said:], cli[said:], why.avoided, strict=True):
        assert written == f"passed over {passed.at:%a %d %b %H:%M} ({passed.refusal.line})"
        assert (
            shown == f"passed over {local_text(passed.at, passed.at.tzinfo or UTC)} ({passed.refusal.line})"
        )


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform and a popup menu
def test_the_planners_proposal_menu_says_why_in_finnish(ctx: GuiContext, qtbot, finnish):
    ctx.app.add_draft("Lounasajatuksia", [Network.LINKEDIN])
    window = PlannerWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    settle_planner(window, qtbot)
    window.plan_button.click()
    settle_planner(window, qtbot)
    (proposal,) = window.model.proposals
    window.commands.show_proposal_menu(proposal, QPoint(0, 0))
    menu = window.commands.open_menu
    assert menu is not None and proposal.why is not None
    texts = [a.text() for a in menu.actions()]
    said = texts[texts.index("Miksi tämä hetki") + 1 :]
    assert said == why_lines(proposal.why) and said[0].startswith("Hetki: lounas, pisteet 0,")
    assert not any(line in said for line in proposal.why.lines())  # none of the CLI's English
    menu.close()

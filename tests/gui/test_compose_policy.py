"""Quick post's live policy check, offscreen: underlines, the message on hover, the summary line, and
Post now / Next moment refusing (block) or asking once (warn)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication, QToolTip

from somedesk.core.config import PolicySettings
from somedesk.core.model import Network
from somedesk.core.policy import Policy, check
from somedesk.gui.compose.counters import WARNING_RED
from somedesk.gui.compose.policy import WARNING_ORANGE
from somedesk.gui.compose.window import QuickPostWindow
from somedesk.gui.context import GuiContext
from tests.gui.test_compose import open_window, settle, write

POLICY = """
tips = ["Share what you learned, not what you sold"]

[[rule]]
name = "customers"
terms = ["asiak*", "Acme"]
severity = "block"
message = "Customer names only with the customer's permission"
tips = ["Ask the account manager first"]

[[rule]]
name = "figures"
terms = ["revenue"]
severity = "warn"
message = "Figures: are they public yet?"
"""


def use_policy(ctx: GuiContext, text: str | None) -> None:
    """Write `text` as policy.toml beside the config and point the config at it (None: no policy)."""
    folder = ctx.app.paths.config_file.parent
    source = ""
    if text is not None:
        (folder / "policy.toml").write_text(text, encoding="utf-8")
        source = "policy.toml"
    ctx.app.use_config(replace(ctx.app.config, policy=PolicySettings(source=source), base_dir=folder))


def underlines(window: QuickPostWindow) -> list[tuple[int, int, QTextCharFormat.UnderlineStyle, QColor]]:
    """Each underline: its start and end (Qt positions), its style and its colour."""
    shown = []
    for selection in window.editor.extraSelections():
        cursor, char_format = selection.cursor, selection.format
        shown.append(
            (
                cursor.selectionStart(),
                cursor.selectionEnd(),
                char_format.underlineStyle(),
                char_format.underlineColor(),
            )
        )
    return shown


def point_in(window: QuickPostWindow, position: int) -> QPoint:
    """The middle of the character at `position`, in the editor's viewport."""
    cursor = window.editor.textCursor()
    cursor.setPosition(position)
    left = window.editor.cursorRect(cursor)
    cursor.setPosition(position + 1)
    right = window.editor.cursorRect(cursor)
    return QPoint((left.x() + right.x()) // 2, left.center().y())


@pytest.fixture
def policy_ctx(ctx: GuiContext) -> GuiContext:
    use_policy(ctx, POLICY)
    ctx.app.store.set_setting("quick_post.networks", "sandbox")
    return ctx


def test_underlines_match_the_findings(policy_ctx, qtbot):
    window = open_window(policy_ctx, qtbot)
    text = "Great day with Acme 🎉 and our asiakkaille: revenue doubled!"
    write(qtbot, window, text)
    findings = window.policy.findings
    assert [(f.text, f.severity) for f in findings] == [
        ("Acme", "block"),
        ("asiakkaille", "block"),
        ("revenue", "warn"),
    ]
    shown = underlines(window)
    # Qt counts the emoji as two positions: the underlines after it still cover the flagged words.
    assert [s.cursor.selectedText() for s in window.editor.extraSelections()] == [f.text for f in findings]
    assert [(s, e) for s, e, *_ in shown] == [(15, 19), (31, 42), (44, 51)]
    for (_, _, style, color), finding in zip(shown, findings, strict=True):
        # Not spelling's wavy line: a straight one on a tint of the finding's colour.
        assert style == QTextCharFormat.UnderlineStyle.SingleUnderline
        assert color == (WARNING_RED if finding.blocks else WARNING_ORANGE)
    for selection, finding in zip(window.editor.extraSelections(), findings, strict=True):
        tint = selection.format.background().color()
        assert tint.rgb() == (WARNING_RED if finding.blocks else WARNING_ORANGE).rgb()
        assert 0 < tint.alpha() < 100
    assert window.legend.isVisible()
    assert window.legend.text() == "Highlighted: what the policy flags · wavy red line: a spelling to check"
    assert window.policy_line.isVisible()
    assert window.policy_line.text() == (
        "Policy: 2 things to fix — Customer names only with the customer's permission"
    )
    assert window.hint.text().endswith("Tip: Share what you learned, not what you sold")
    write(qtbot, window, "Acme")
    assert (
        window.policy_line.text()
        == "Policy: 1 thing to fix — Customer names only with the customer's permission"
    )
    write(qtbot, window, "A quiet day.")
    assert window.editor.extraSelections() == []
    assert not window.policy_line.isVisible() and not window.legend.isVisible()
    window.close()


def test_hovering_an_underlined_word_shows_its_message(policy_ctx, qtbot):
    window = open_window(policy_ctx, qtbot)
    text = "Lunch with Acme today, and revenue news."
    write(qtbot, window, text)
    acme = text.index("Acme")
    assert window.policy.tooltip_at(point_in(window, acme + 1)) == (
        "Customer names only with the customer's permission\nAsk the account manager first"
    )
    assert (
        window.policy.tooltip_at(point_in(window, text.index("revenue"))) == "Figures: are they public yet?"
    )
    assert window.policy.tooltip_at(point_in(window, text.index("today"))) == ""
    assert window.policy.tooltip_at(point_in(window, acme - 1)) == ""  # the space before it
    # The real event, as Qt sends it on hover.
    viewport = window.editor.viewport()
    where = point_in(window, acme + 2)
    event = QHelpEvent(QEvent.Type.ToolTip, where, viewport.mapToGlobal(where))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text().startswith("Customer names only with the customer's permission")
    QToolTip.hideText()
    window.close()


def test_a_block_finding_refuses_post_now_in_place(policy_ctx, qtbot):
    window = open_window(policy_ctx, qtbot)
    write(qtbot, window, "Thanks Acme for the visit!")
    for _ in range(2):  # pressing again does not help: a block is a block
        window.post_button.click()
        assert window.error.isVisible()
        assert window.error.text() == (
            "Not sent: Customer names only with the customer's permission. "
            "Change the words highlighted in red first."
        )
    assert policy_ctx.published == []
    assert window.isVisible()
    assert window.editor.toPlainText() == "Thanks Acme for the visit!"
    moment = window.moments.upcoming()[0]
    window.schedule_at(moment)
    assert "Customer names only" in window.error.text()
    assert not window.worker.busy
    write(qtbot, window, "Thanks for the visit!")
    assert not window.error.isVisible()  # editing clears it
    window.post_button.click()
    assert len(policy_ctx.published) == 1
    settle(qtbot, window)
    window.close()


def test_a_warn_finding_asks_once(policy_ctx, qtbot):
    window = open_window(policy_ctx, qtbot)
    write(qtbot, window, "Our revenue grew this year.")
    assert window.policy_line.text() == "Policy: 1 thing to check — Figures: are they public yet?"
    window.post_button.click()
    assert (
        window.error.text() == "Figures: are they public yet? Post anyway? Press Post now again to post it."
    )
    assert policy_ctx.published == []
    window.post_button.click()  # the second press goes ahead
    assert len(policy_ctx.published) == 1
    assert window.editor.toPlainText() == ""
    settle(qtbot, window)
    window.close()


def test_a_warn_finding_asks_once_before_scheduling(policy_ctx, qtbot):
    window = open_window(policy_ctx, qtbot)
    write(qtbot, window, "Our revenue grew this year.")
    moment = window.moments.upcoming()[0]
    window.schedule_at(moment)
    assert window.error.text().endswith("Press Next moment again to schedule it.")
    assert not window.worker.busy
    window.schedule_at(moment)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_no_policy_means_no_underlines(ctx, qtbot):
    use_policy(ctx, None)
    window = open_window(ctx, qtbot)
    write(qtbot, window, "Thanks Acme, our asiakkaille and revenue!")
    assert window.policy.policy == Policy()  # the built-in rules alone
    assert window.editor.extraSelections() == []
    assert not window.policy_line.isVisible()
    assert "Tip:" not in window.hint.text()
    window.post_button.click()
    assert len(ctx.published) == 1
    settle(qtbot, window)
    window.close()


def test_the_built_in_rules_still_underline(ctx, qtbot):
    use_policy(ctx, None)
    window = open_window(ctx, qtbot)
    text = "Write to me at someone@example.com"
    write(qtbot, window, text)
    assert [(s, e) for s, e, *_ in underlines(window)] == [(f.start, f.end) for f in check(text, Policy())]
    assert window.policy_line.text().startswith("Policy: 1 thing to check — An e-mail address")
    window.close()


def test_a_policy_that_cannot_be_read_says_so(ctx, qtbot):
    use_policy(ctx, "[[rule]]\nterms = ['x']\n")
    window = open_window(ctx, qtbot)
    write(qtbot, window, "Anything at all")
    assert window.editor.extraSelections() == []
    assert window.policy_line.isVisible()
    assert window.policy_line.text().startswith("Policy: ")
    assert "severity is missing" in window.policy_line.text()
    window.close()


def test_screenshot(policy_ctx, qtbot, tmp_path: Path):
    window = open_window(policy_ctx, qtbot)
    window.resize(600, 440)
    write(qtbot, window, "Great visit at Acme today.\nOur revenue doubled, and we learned a lot.")
    path = tmp_path / "quick-post-policy.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 0
    assert Network.SANDBOX in window.toggles.chosen()
    window.close()

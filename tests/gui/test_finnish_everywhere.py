"""Every window in Finnish shows no English: each visible text (labels, buttons, boxes, tabs, headers,
placeholders, tooltips, menus, window titles, the planner's painted words and the queue's cells) is
checked for an English message that has a Finnish translation, English day and month names, "(s)"
plurals, and English sentences that never went through tr() at all."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QWidget,
)

from somedesk.core.accounts import Account, AccountState
from somedesk.core.model import Network
from somedesk.gui.compose.window import QuickPostWindow
from somedesk.gui.context import GuiContext
from somedesk.gui.planner import PlannerWindow
from somedesk.gui.queue import QueueWindow
from somedesk.gui.settings import SettingsWindow
from somedesk.gui.tray import Tray
from somedesk.gui.welcome import WelcomeWindow
from somedesk.store.publishing import PublishingRecords
from tests.gui.conftest import settle_planner
from tests.gui.test_i18n import TS

NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
ENGLISH_DATES = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|March|April|June|July|August|"
    r"September|October|November|December)\b"
)
ENGLISH_WORDS = re.compile(r"\b(the|your|you|and|to|of|is|are|with|this|for|it|in|on|a|an)\b")
MARKUP = re.compile(r"<[^>]+>")


def english_messages() -> list[str]:
    """The English sources whose Finnish differs, longest first (a short one inside a longer one)."""
    found = set()
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source", "")
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] if translation is not None else []
        finnish = forms or [translation.text or "" if translation is not None else ""]
        # Only what has words of its own: "{network} {length} / {limit}" is the same in both.
        fixed = re.sub(r"\{\w+\}|%n", "", source)
        if source not in finnish and len(re.findall(r"[A-Za-z]{3,}", fixed)) >= 2:
            found.add(source)
    return sorted(found, key=len, reverse=True)


def texts_of(window: QWidget) -> Iterable[tuple[str, str]]:
    """(where, text) of everything a person can see in `window`."""
    yield "window title", window.windowTitle()
    for widget in [window, *window.findChildren(QWidget)]:
        if widget is not window and not widget.isVisibleTo(window):
            continue
        name = type(widget).__name__
        if widget.toolTip():
            yield f"{name} tooltip", widget.toolTip()
        if isinstance(widget, QLabel):
            yield name, MARKUP.sub(" ", widget.text())
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            yield f"{name} placeholder", widget.placeholderText()
        elif isinstance(widget, QTabBar):
            yield from ((name, widget.tabText(i)) for i in range(widget.count()))
        elif isinstance(widget, QListWidget):
            yield from ((name, widget.item(i).text()) for i in range(widget.count()))
        elif isinstance(widget, QComboBox):
            yield from ((name, widget.itemText(i)) for i in range(widget.count()))
        elif isinstance(widget, QTableView):
            model = widget.model()
            for column in range(model.columnCount()):
                yield f"{name} header", str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                for row in range(model.rowCount()):
                    yield f"{name} cell", str(model.index(row, column).data() or "")


def problems(found: Iterable[tuple[str, str]], data: Iterable[str] = ()) -> list[str]:
    messages = english_messages()
    wrong = []
    for where, text in found:
        for shown in data:  # what the test itself wrote (draft texts) is not the UI's
            text = text.replace(shown, "")
        if not text.strip():
            continue
        english = next((m for m in messages if re.sub(r"\{\w+\}", "", m).strip() in text), None)
        if english:
            wrong.append(f"{where}: {text!r} is English ({english!r})")
        elif ENGLISH_DATES.search(text):
            wrong.append(f"{where}: {text!r} has an English day or month")
        elif "(s)" in text:
            wrong.append(f"{where}: {text!r} has an (s) plural")
        elif len(set(ENGLISH_WORDS.findall(text))) >= 2:
            wrong.append(f"{where}: {text!r} reads as English (not through tr()?)")
    return sorted(set(wrong))


DRAFTS = ("Lounasajatuksia pienistä julkaisuista", "Toinen luonnos")


def fill(ctx: GuiContext) -> None:
    records = PublishingRecords(ctx.app.store)
    records.save_account(Account(Network.LINKEDIN, "Ada", "1", None, AccountState.CONNECTED, NOW), NOW)
    first = ctx.app.add_draft(DRAFTS[0], [Network.LINKEDIN])
    ctx.app.schedule_at(first.id, datetime(2026, 12, 7, 9, 30, tzinfo=UTC))
    ctx.app.add_draft(DRAFTS[1], [Network.LINKEDIN])


def test_quick_post_queue_welcome_and_tray_in_finnish(ctx: GuiContext, qtbot, finnish):
    fill(ctx)
    found: list[tuple[str, str]] = []
    for kind in (QuickPostWindow, QueueWindow, WelcomeWindow):
        window = kind(ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(50)
        found += texts_of(window)
    tray = Tray(ctx, lambda: None)
    qtbot.waitUntil(
        lambda: "Seuraava" in tray.next_line.text() or "Ei hetkeä" in tray.next_line.text(), timeout=10_000
    )
    found += [("tray menu", a.text()) for a in tray.menu.actions() if not a.isSeparator()]
    assert problems(found, DRAFTS) == []


def test_every_settings_page_in_finnish(ctx: GuiContext, qtbot, finnish):
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    found: list[tuple[str, str]] = []
    for page in window.pages:
        window.show_page(page)
        qtbot.wait(20)
        found += texts_of(window)
    assert problems(found) == []


def test_the_planner_in_finnish_with_proposals(ctx: GuiContext, qtbot, finnish):
    fill(ctx)
    window = PlannerWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    settle_planner(window, qtbot)
    window.plan_button.click()
    settle_planner(window, qtbot)
    window.review_button.click()
    settle_planner(window, qtbot)
    layout = window.grid.week_layout
    painted = [("day title", t) for t in window.grid.day_titles()]
    painted += [("moment", m.label) for m in layout.moments]
    painted += [("card", c.full_detail) for c in layout.cards]
    painted += [("proposal", g.detail) for g in layout.ghosts]
    rects = [c.rect for c in layout.cards] + [g.rect for g in layout.ghosts]
    painted += [("tooltip", window.grid.tooltip_at(rect.center())) for rect in rects]
    assert problems([*texts_of(window), *painted], DRAFTS) == []


def test_the_check_finds_english():
    found = problems(
        [
            ("a", "Mon 7.12. klo 7.45"),
            ("b", "Seuraava: Lounas · 2 luonnos(s)"),
            ("c", "Planner"),  # too short to tell: never flagged
            ("d", "Choose where to post: tick LinkedIn, X or the Sandbox."),
            ("e", "Sign in with the app of your team"),
            ("f", "Lounasajatuksia pienistä julkaisuista"),
        ]
    )
    assert [line.partition(":")[0] for line in found] == ["a", "b", "d", "e"]

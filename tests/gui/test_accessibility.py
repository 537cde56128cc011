"""Every control can be told apart by a screen reader, and Tab walks the windows in a sensible order.

A control's *spoken name* is what Qt hands assistive technology: its accessible name, else its own
text (a button's), else the text of the label whose buddy it is. A control whose spoken name has no
letters in it ("✕", "") would be read as just "button" or "edit".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from somedesk.core.model import Network
from somedesk.gui.app import _window_factory
from somedesk.gui.compose.window import QuickPostWindow
from somedesk.gui.context import GuiContext
from somedesk.gui.planner import PlannerWindow
from somedesk.gui.planner.week_view import WeekGrid
from somedesk.gui.settings import SettingsWindow

from .test_compose import settle as settle_quick_post

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QAbstractSpinBox,  # spin boxes, time edits
    QComboBox,
    QAbstractItemView,  # lists, tables
    QTextEdit,
    QPlainTextEdit,
    QTabBar,
    WeekGrid,
)


def spoken_name(widget: QWidget) -> str:
    """Its accessible name, else its own text (a button's), else the text of the label it is the buddy of.

    Not QAccessible's Name: on Linux a combo box's Name is its current value, and labels reach the
    screen reader as a relation, so it would call every combo box named."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    label = next((lb for lb in widget.window().findChildren(QLabel) if lb.buddy() is widget), None)
    return label.text().replace("&", "") if label is not None else ""


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
    parents: list[str] = []
    parent = widget.parentWidget()
    while parent is not None and len(parents) < 3:
        name = parent.objectName() or type(parent).__name__
        if name not in ("QWidget", "QFrame", "QScrollArea") and not name.startswith("qt_"):
            parents.append(name)  # the named ancestors say where it is: its page, its panel
        parent = parent.parentWidget()
    return f"{type(widget).__name__} {widget.objectName()!r} text={text!r} in {' < '.join(parents)}"


def controls(root: QWidget) -> Iterator[QWidget]:
    """The interactive controls under `root` that take the keyboard focus, shown now or later.

    A control's own parts (a combo box's line edit, a table's header buttons, a tab bar's scroll
    arrows) are left out: the screen reader speaks for the whole control."""
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.objectName().startswith("qt_"):
            continue
        parent = widget.parentWidget()
        inside = False
        while parent is not None and parent is not root:
            if isinstance(parent, INTERACTIVE):
                inside = True
                break
            parent = parent.parentWidget()
        if not inside:
            yield widget


def unnamed(root: QWidget) -> list[str]:
    return [describe(w) for w in controls(root) if not any(c.isalpha() for c in spoken_name(w))]


def build(ctx: GuiContext, qtbot, name: str) -> QWidget:
    window = _window_factory(name)(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if isinstance(window, PlannerWindow):
        qtbot.waitUntil(lambda: not window.busy, timeout=5000)
    if isinstance(window, QuickPostWindow):
        settle_quick_post(qtbot, window)  # no background job may outlive the window
    return window


@pytest.fixture
def with_content(ctx: GuiContext) -> GuiContext:
    """A draft and a scheduled post, so lists, tables and the week have rows and cards."""
    ctx.app.add_draft("A draft waiting", [Network.X])
    draft = ctx.app.add_draft("A scheduled post", [Network.LINKEDIN])
    ctx.app.schedule_next(draft.id, Network.LINKEDIN)
    return ctx


@pytest.mark.parametrize("name", ["quick-post", "planner", "queue"])
def test_every_control_of_a_window_has_a_spoken_name(with_content, qtbot, name):
    window = build(with_content, qtbot, name)
    assert list(controls(window))  # the walk found something to check
    assert unnamed(window) == []


def test_every_control_of_every_settings_page_has_a_spoken_name(ctx, qtbot):
    window = build(ctx, qtbot, "settings")
    assert isinstance(window, SettingsWindow)
    for page in window.pages:
        window.show_page(page)
        assert window.stack.currentWidget() is page
        assert list(controls(page)), page.title
        assert unnamed(page) == [], page.title


def test_the_settings_list_of_pages_has_a_spoken_name(ctx, qtbot):
    window = build(ctx, qtbot, "settings")
    assert isinstance(window, SettingsWindow)
    assert any(c.isalpha() for c in spoken_name(window.nav))


def test_the_walk_finds_an_unnamed_control(qtbot):
    """The check itself: an icon-like button and a bare edit are caught, a buddied edit is not."""
    from PySide6.QtWidgets import QFormLayout, QPushButton, QSpinBox

    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    bare = QLineEdit(root)
    bare.setObjectName("bare")
    form.addRow(bare)
    form.addRow("Posts a &week", QSpinBox(root))
    form.addRow(QPushButton("✕", root))
    assert unnamed(root) == [
        "QLineEdit 'bare' text='' in ",
        "QPushButton '' text='✕' in ",
    ]


def settings_names(ctx: GuiContext, qtbot) -> dict[str, str]:
    window = build(ctx, qtbot, "settings")
    assert isinstance(window, SettingsWindow)
    return {spoken_name(w): type(w).__name__ for w in controls(window)}


def test_settings_controls_say_which_of_several_they_are(ctx, qtbot):
    """Controls repeated per network or per time window are named for what they belong to."""
    names = settings_names(ctx, qtbot)
    for expected in (
        "LinkedIn: posts a week to aim for",
        "X: least time between posts",
        "Connect LinkedIn…",
        "Disconnect X",
        "LinkedIn: your app's client ID",
        "Work hours start",
        "Lunch end",
        "Quiet hours start",
        "Weekday that differs",
        "Calendars",
        "Your addresses",
    ):
        assert expected in names, sorted(names)


# Tab order -------------------------------------------------------------------------------------


def tab_walk(window: QWidget, start: QWidget, qtbot, steps: int = 60) -> list[QWidget]:
    """Real Tab presses from `start`: every widget that got the focus, until it comes back round."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus, timeout=2000)
    visited = [start]
    for _ in range(steps):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and window.isAncestorOf(now), f"focus left the window at {describe(focus)}"
        if now is start:
            return visited
        visited.append(now)
    raise AssertionError(f"Tab never came back round: {[describe(w) for w in visited[-5:]]}")


def in_order(visited: Sequence[QWidget], wanted: Sequence[QWidget]) -> list[int]:
    return [visited.index(w) for w in wanted]


def active(window: QWidget, qtbot) -> None:
    window.activateWindow()
    qtbot.waitActive(window)


def test_tab_walks_quick_post_in_reading_order_and_comes_back(with_content, qtbot):
    window = build(with_content, qtbot, "quick-post")
    active(window, qtbot)
    editor = window.editor  # type: ignore[attr-defined]
    visited = tab_walk(window, editor, qtbot)
    wanted = [
        editor,
        window.attach_button,  # type: ignore[attr-defined]
        window.post_button,  # type: ignore[attr-defined]
        window.save_button,  # type: ignore[attr-defined]
    ]
    positions = in_order(visited, wanted)
    assert positions == sorted(positions), [describe(w) for w in visited]
    # The network boxes come between the text and the buttons.
    boxes = list(window.toggles.boxes.values())  # type: ignore[attr-defined]
    assert all(positions[0] < visited.index(b) < positions[2] for b in boxes if b.isEnabled())
    assert len(set(map(id, visited))) == len(visited)  # nothing visited twice in a round: no trap


def test_tab_walks_the_planner_in_reading_order_and_comes_back(with_content, qtbot):
    window = build(with_content, qtbot, "planner")
    assert isinstance(window, PlannerWindow)
    active(window, qtbot)
    visited = tab_walk(window, window.previous_button, qtbot)
    wanted = [
        window.previous_button,
        window.next_button,
        window.plan_button,
        window.drafts_panel.view,
        window.drafts_panel.write,
        window.grid,
    ]
    positions = in_order(visited, wanted)
    assert positions == sorted(positions), [describe(w) for w in visited]
    assert len(set(map(id, visited))) == len(visited)
    # Shift+Tab goes back the same way.
    window.grid.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.grid.hasFocus, timeout=2000)
    qtbot.keyClick(window.grid, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is visited[visited.index(window.grid) - 1]

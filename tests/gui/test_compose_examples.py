"""Quick post's policy examples: an "Examples" button beside the policy line when the policy has some, a
non-modal popup listing them, and "Use as a start" filling only an empty editor."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from somedesk.gui.compose.window import QuickPostWindow
from tests.gui.test_compose import open_window, settle, write
from tests.gui.test_compose_policy import use_policy

POLICY = """
examples = [
    "Three things our team learned shipping the new app",
    "Proud of the people who made this release happen",
]

[[rule]]
terms = ["Acme"]
severity = "block"
message = "Customer names only with the customer's permission"
"""


def test_the_examples_open_in_a_popup_and_one_starts_an_empty_post(ctx, qtbot):
    use_policy(ctx, POLICY)
    window = open_window(ctx, qtbot)
    assert window.examples.isVisible()
    window.examples.click()
    popup = window.examples.popup
    assert isinstance(popup, QDialog) and popup.isVisible() and not popup.isModal()
    assert len(popup.use_buttons) == 2 and all(b.isEnabled() for b in popup.use_buttons)
    popup.use_buttons[1].click()
    settle(qtbot, window)
    assert window.editor.toPlainText() == "Proud of the people who made this release happen"
    assert not popup.isVisible()

    window.examples.click()  # now the editor holds text: an example would replace it, so it is refused
    assert popup.isVisible() and not any(b.isEnabled() for b in popup.use_buttons)
    assert popup.note.text() == "To start from an example, empty the text first."
    popup.use(popup_text := "Three things our team learned shipping the new app")
    assert window.editor.toPlainText() != popup_text
    write(qtbot, window, "")
    assert all(b.isEnabled() for b in popup.use_buttons) and not popup.note.isVisible()
    popup.close()


def test_no_examples_no_button(ctx, qtbot):
    use_policy(ctx, '[[rule]]\nterms = ["Acme"]\nseverity = "warn"\nmessage = "Careful"\n')
    window = open_window(ctx, qtbot)
    assert window.policy.policy is not None and not window.examples.isVisible()


def test_the_button_follows_the_policy_as_it_loads_not_each_check(ctx, qtbot):
    use_policy(ctx, POLICY)
    window = QuickPostWindow(ctx)
    qtbot.addWidget(window)
    loads, checks = [], []
    window.policy.loaded.connect(lambda: loads.append(window.examples.isVisibleTo(window)))
    window.policy.checked.connect(lambda: checks.append(1))
    assert not window.examples.isVisibleTo(window)  # no policy yet, so no examples yet
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    assert window.examples.isVisible()
    for text in ("One", "One two", "One two three"):
        write(qtbot, window, text)
    assert window.examples.isVisible()
    # The policy was read once, and the button was already shown when it said so; checks go on.
    assert loads == [True] and len(checks) >= 4


def test_a_policy_that_cannot_be_read_has_no_button(ctx, qtbot):
    use_policy(ctx, POLICY + "\n[[rule]]\nterms = ['x']\n")  # the rule has no severity
    window = QuickPostWindow(ctx)
    qtbot.addWidget(window)
    loads: list[bool] = []
    window.policy.loaded.connect(lambda: loads.append(window.examples.isVisibleTo(window)))
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    write(qtbot, window, "Anything at all")
    assert loads == [False] and not window.examples.isVisible()
    assert "severity is missing" in window.policy_line.text()


def test_a_reopened_popup_shows_the_editor_as_it_is_now(ctx, qtbot):
    use_policy(ctx, POLICY)
    window = open_window(ctx, qtbot)
    window.examples.click()
    popup = window.examples.popup
    assert popup is not None and all(b.isEnabled() for b in popup.use_buttons)
    popup.close()

    write(qtbot, window, "Written while the examples were closed")
    assert all(b.isEnabled() for b in popup.use_buttons)  # hidden: nothing is redone while typing
    window.examples.click()
    assert popup.isVisible() and not any(b.isEnabled() for b in popup.use_buttons)
    assert popup.note.isVisible()
    assert popup.note.text() == "To start from an example, empty the text first."

    popup.close()
    write(qtbot, window, "  \n")  # blank again
    popup.show()  # however it is shown, it catches up
    assert all(b.isEnabled() for b in popup.use_buttons) and not popup.note.isVisible()
    assert popup.note.text() == ""
    popup.use_buttons[0].click()
    assert window.editor.toPlainText() == "Three things our team learned shipping the new app"
    assert not popup.isVisible()

"""Quick post's policy examples: an "Examples" button beside the policy line when the policy has some, a
non-modal popup listing them, and "Use as a start" filling only an empty editor."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

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

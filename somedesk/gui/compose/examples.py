"""Quick post's policy examples: good posts the social-media policy offers to learn from (`examples` in
the policy file), behind a small "Examples" button beside the policy line.

The list opens in a non-modal popup, so the person can read an example while writing; "Use as a start"
copies one into the editor, only while the editor is empty (it never replaces what they wrote).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from somedesk.core.text import is_blank
from somedesk.gui.compose.policy import PolicyWatch


class ExamplesButton(QPushButton):
    """Shown when the policy has examples; opens the popup that lists them."""

    def __init__(self, policy: PolicyWatch, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Examples"))
        self.setToolTip(self.tr("Good posts from your organisation's social-media policy"))
        self.setAccessibleDescription(self.toolTip())
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.policy = policy
        self.editor = editor
        self.popup: ExamplesPopup | None = None
        self.setVisible(False)
        policy.loaded.connect(self._policy_loaded)  # the examples come with the policy, once
        self.clicked.connect(self.open_popup)

    @property
    def examples(self) -> tuple[str, ...]:
        return self.policy.policy.examples if self.policy.policy is not None else ()

    def _policy_loaded(self) -> None:
        self.setVisible(bool(self.examples))

    def open_popup(self) -> None:
        if self.popup is None:
            self.popup = ExamplesPopup(self.examples, self.editor, self.window())
        self.popup.show()
        self.popup.raise_()
        self.popup.activateWindow()


class ExamplesPopup(QDialog):
    """The policy's examples, one after the other, each with "Use as a start"."""

    def __init__(
        self, examples: Sequence[str], editor: QPlainTextEdit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Examples from the policy"))
        self.setModal(False)
        self.editor = editor
        self.use_buttons: list[QPushButton] = []
        column = QVBoxLayout()
        for example in examples:
            text = QLabel(example)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            use = QPushButton(self.tr("Use as a start"))
            use.clicked.connect(lambda _checked=False, chosen=example: self.use(chosen))
            self.use_buttons.append(use)
            column.addWidget(text)
            column.addWidget(use, 0, Qt.AlignmentFlag.AlignLeft)
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            column.addWidget(line)
        column.addStretch(1)
        inner = QWidget()
        inner.setLayout(column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(460, 360)
        editor.textChanged.connect(self._editor_changed)
        self._follow_editor()

    def showEvent(self, event: QShowEvent) -> None:
        self._follow_editor()  # the editor may have changed while the popup was hidden
        super().showEvent(event)

    def _editor_changed(self) -> None:
        if self.isVisible():  # hidden, nothing shows it: showEvent catches up
            self._follow_editor()

    def _follow_editor(self) -> None:
        """Offer "Use as a start" only while the editor is empty; otherwise the note says why not."""
        empty = is_blank(self.editor.toPlainText())
        for button in self.use_buttons:
            button.setEnabled(empty)
        self.note.setText("" if empty else self.tr("To start from an example, empty the text first."))
        self.note.setVisible(not empty)

    def use(self, example: str) -> None:
        """Copy `example` into the editor, only while it is empty; the popup closes so writing can go on."""
        if not is_blank(self.editor.toPlainText()):
            return
        self.editor.setPlainText(example)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self.close()
        self.editor.setFocus()

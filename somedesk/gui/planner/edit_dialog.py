"""A small editor for a scheduled post's text, opened from its card (the draft keeps its schedule)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QPlainTextEdit, QVBoxLayout, QWidget

from somedesk.app.gate import PolicyRefusal
from somedesk.app.services import Somedesk
from somedesk.core.drafts import Draft
from somedesk.core.errors import UserError
from somedesk.gui.messages import user_message
from somedesk.gui.planner.tones import tone


class EditDraftDialog(QDialog):
    """Saving checks the text as the CLI does; a problem is shown under the text, not in a new window."""

    def __init__(
        self, app: Somedesk, draft: Draft, on_saved: Callable[[], None], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.draft_id = draft.id
        self.on_saved = on_saved
        self._warned: str | None = None  # the words the policy warned about on the last Save (asked once)
        self.setWindowTitle(self.tr("Edit post"))
        self.editor = QPlainTextEdit(draft.text)
        self.editor.setAccessibleName(self.tr("Post text"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {tone(self.palette(), '#b3261e', '#f6a59c')};")
        self.problem.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # see PlannerWindow
        self.setMinimumSize(320, 200)
        layout.addWidget(self.editor)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(460, 260)

    def save(self) -> None:
        """Through the policy gate (the post stays scheduled): a `block` finding refuses here, a `warn`
        finding asks once, and saving the same words again keeps them."""
        text = self.editor.toPlainText()
        try:
            self.app.edit_draft(self.draft_id, text, despite_warnings=self._warned == text)
        except PolicyRefusal as refusal:
            message = user_message(refusal)
            if refusal.only_warnings:
                self._warned = text
                message += " " + self.tr("Save again to keep it scheduled anyway.")
            self._show_problem(message)
            return
        except UserError as error:
            self._show_problem(user_message(error))
            return
        self.on_saved()
        self.accept()

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(True)
